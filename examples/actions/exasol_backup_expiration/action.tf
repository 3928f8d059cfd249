# Keep DB1's newest full backup until the end of January 2030
# ("" keeps it for ever):
#   terraform apply -invoke=action.exasol_backup_expiration.example
data "exasol_backups" "keep" {
  db_name = "DB1"
}

action "exasol_backup_expiration" "example" {
  config {
    db_name     = "DB1"
    backup_id   = data.exasol_backups.keep.newest_usable["0"]
    expire_time = "2030-01-31 12:00:00"
  }
}
