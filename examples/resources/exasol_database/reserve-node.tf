# A database with one active node (n11) and one reserve node (n12) on a data
# volume with one master node. Appending a node id to nodes adds a reserve
# node in place; raising num_active_nodes (after giving the data volume as
# many master nodes) makes the first reserve node active: the database is
# stopped for that and started again. Removing an active node replaces it.
resource "exasol_storage_volume" "scaled" {
  name             = "DataVolume3"
  type             = "data"
  disk             = "disk1"
  size             = "4 GiB"
  nodes            = [11]
  num_master_nodes = 1
  redundancy       = 1
}

resource "exasol_database" "scaled" {
  db_name          = "DB3"
  version          = "8.29.0"
  data_volume_name = exasol_storage_volume.scaled.name
  mem_size         = "2 GiB"
  nodes            = [11, 12]
  num_active_nodes = 1
}
