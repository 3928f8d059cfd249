# Take a snapshot of DB1 now (Exasol 8; DB1 must be running), kept a week:
#   terraform apply -invoke=action.exasol_database_snapshot.example
action "exasol_database_snapshot" "example" {
  config {
    db_name = "DB1"
    expire  = "1w"
    timeout = "10m"
  }
}
