resource "exasol_database" "example" {
  db_name          = "DB1"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "2 GiB"
  nodes            = [11]
  num_active_nodes = 1
  port             = 8563
  params           = "-useIndexWrapper=0"

  # Keep the database started; false keeps it stopped.
  running = true

  timeouts {
    create = "30m"
    update = "30m"
    delete = "30m"
  }
}
