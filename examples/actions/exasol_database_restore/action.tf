# Restore DB1 from its newest usable full backup (level 0):
#   terraform apply -invoke=action.exasol_database_restore.example
# The database is stopped once a running operation has ended, restored, and
# started again if it was running before.
data "exasol_backups" "example" {
  db_name = "DB1"
}

action "exasol_database_restore" "example" {
  config {
    db_name      = "DB1"
    backup_id    = data.exasol_backups.example.newest_usable["0"]
    restore_type = "blocking"
    timeout      = "4h"
  }
}
