data "exasol_remote_volumes" "all" {
  # Also read every volume (one info and one state job each).
  details = true
}

output "remote_volume_names" {
  value = data.exasol_remote_volumes.all.names
}

output "remote_volume_urls" {
  value = { for v in data.exasol_remote_volumes.all.remote_volumes : v.remote_volume_name => v.url }
}
