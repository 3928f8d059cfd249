# Restart DB1 (db_stop, then db_start), e.g. to pick up new parameters:
#   terraform apply -invoke=action.exasol_database_restart.example
action "exasol_database_restart" "example" {
  config {
    db_name = "DB1"
  }
}
