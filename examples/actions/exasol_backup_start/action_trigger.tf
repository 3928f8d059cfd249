# Back DB1 up before every change Terraform makes to it (Terraform 1.14+):
# the update waits until the backup has finished.
action "exasol_backup_start" "before_change" {
  config {
    db_name            = "DB1"
    backup_volume_name = "Backups"
    level              = 0
    expire             = "2w"
  }
}

resource "exasol_database" "db1" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "2 GiB"
  nodes            = [11]
  num_active_nodes = 1
  port             = 8563

  lifecycle {
    action_trigger {
      events  = [before_update]
      actions = [action.exasol_backup_start.before_change]
    }
  }
}
