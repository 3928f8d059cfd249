# Snapshots of DB1 (Exasol 8) every two hours on weekdays, kept for three
# days. The database needs a snapshot_sync_volume, set when it was created.
# The time fields take cron syntax; unset, minute is "0" and the others "*".
resource "exasol_snapshot_schedule" "example" {
  db_name     = "DB1"
  backup_name = "workday"
  expire      = "3d"
  minute      = "15"
  hour        = "*/2"
  weekday     = "mon-fri"
}
