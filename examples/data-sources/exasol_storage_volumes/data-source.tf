data "exasol_storage_volumes" "all" {}

output "storage_volume_names" {
  value = data.exasol_storage_volumes.all.names
}

# Volumes that are not ONLINE, e.g. while a segment is being recovered.
output "storage_volumes_not_online" {
  value = [for v in data.exasol_storage_volumes.all.volumes : v.name if v.state != "ONLINE"]
}
