# Stop DB1 once a running backup or restore has ended:
#   terraform apply -invoke=action.exasol_database_stop.example
action "exasol_database_stop" "example" {
  config {
    db_name = "DB1"
    timeout = "2h" # long enough for a backup to finish first
  }
}
