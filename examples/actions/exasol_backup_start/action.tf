# A full backup of DB1 to the remote volume "Backups", kept for a week. The
# action waits until the backup has finished and reports its progress.
#   terraform apply -invoke=action.exasol_backup_start.example
action "exasol_backup_start" "example" {
  config {
    db_name            = "DB1"
    backup_volume_name = "Backups"
    level              = 0
    expire             = "1w"
    timeout            = "3h"
  }
}
