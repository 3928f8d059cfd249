# Full backups of DB1 on weekdays at 02:30, kept for a week, to a remote
# volume. The time fields take cron syntax; unset, minute is "0" and the
# others "*".
resource "exasol_backup_schedule" "example" {
  db_name            = exasol_database.example.db_name
  backup_name        = "nightly"
  backup_volume_name = exasol_remote_volume.example.remote_volume_name
  level              = 0
  expire             = "1w"
  minute             = "30"
  hour               = "2"
  weekday            = "mon-fri"
}

# Incremental backups (level 1) every six hours, kept for three days. The
# volume may also be named by its id.
resource "exasol_backup_schedule" "incremental" {
  db_name          = exasol_database.example.db_name
  backup_name      = "incremental"
  backup_volume_id = exasol_remote_volume.example.remote_volume_id
  level            = 1
  expire           = "3d"
  hour             = "*/6"

  # Added but not run until enabled.
  enabled = false
}
