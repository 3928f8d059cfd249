# ConfD only: limit the database's system heap. "default" returns to the
# database's default; a change stops and restarts the database.
resource "exasol_database" "heap" {
  db_name                = "DB2"
  version                = "8.29.0"
  data_volume_name       = "DataVolume1"
  mem_size               = "2 GiB"
  nodes                  = [11]
  num_active_nodes       = 1
  max_system_heap_memory = "64 GiB"
}
