# A data volume for a database with three active nodes: one master segment
# per node (num_master_nodes = the database's num_active_nodes), each
# mirrored once on a neighbor node.
resource "exasol_storage_volume" "example" {
  name             = "DataVolume2"
  type             = "data"
  disk             = "disk1"
  size             = "20 GiB" # grows and shrinks in place
  nodes            = [11, 12, 13]
  num_master_nodes = 3
  redundancy       = 2

  # Labels of your own; Exasol's (#Name#…, pub:…) show in all_labels.
  labels = ["team:analytics"]
}

# A local archive volume for backups. Archive volumes grow in place but
# cannot shrink: a smaller size replaces the volume and its backups.
resource "exasol_storage_volume" "backups" {
  name        = "LocalArchive1"
  type        = "archive"
  disk        = "disk1"
  size        = "10 GiB"
  nodes       = [11, 12, 13]
  redundancy  = 2
  block_size  = "512 KiB"
  stripe_size = "512 KiB"

  timeouts {
    create = "30m"
    delete = "30m"
  }
}
