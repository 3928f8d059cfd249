data "exasol_remote_volume" "example" {
  remote_volume_name = "RemoteVolume1"
}

output "remote_volume_url" {
  value = data.exasol_remote_volume.example.url
}

# One entry per node: Online, Unmounted or Connection problem.
output "remote_volume_state" {
  value = data.exasol_remote_volume.example.state
}
