# DataVolume1 comes with every new cluster.
data "exasol_storage_volume" "example" {
  name = "DataVolume1"
}

output "data_volume1" {
  value = {
    size  = data.exasol_storage_volume.example.size
    state = data.exasol_storage_volume.example.state
    nodes = data.exasol_storage_volume.example.volume_nodes
  }
}
