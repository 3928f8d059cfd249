# Abort the backup DB1 is writing (nothing happens if none runs):
#   terraform apply -invoke=action.exasol_backup_abort.example
action "exasol_backup_abort" "example" {
  config {
    db_name = "DB1"
    timeout = "10m"
  }
}
