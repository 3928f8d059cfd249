# An Exasol 8 database whose snapshots go through its data volume: a
# snapshot schedule needs the database to have a snapshot_sync_volume,
# which is set only when the database is created.
resource "exasol_database" "snapshots" {
  db_name              = "DB1"
  version              = "8.29.0"
  data_volume_name     = "DataVolume1"
  mem_size             = "2 GiB"
  nodes                = [11]
  num_active_nodes     = 1
  snapshot_sync_volume = "DataVolume1"
}

# Snapshots of it every two hours on weekdays, kept for three days. The
# time fields take cron syntax; unset, minute is "0" and the others "*".
resource "exasol_snapshot_schedule" "example" {
  db_name     = exasol_database.snapshots.db_name
  backup_name = "workday"
  expire      = "3d"
  minute      = "15"
  hour        = "*/2"
  weekday     = "mon-fri"
}
