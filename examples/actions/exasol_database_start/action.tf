# Start DB1 and wait until it accepts connections:
#   terraform apply -invoke=action.exasol_database_start.example
action "exasol_database_start" "example" {
  config {
    db_name = "DB1"
    timeout = "20m"
  }
}
