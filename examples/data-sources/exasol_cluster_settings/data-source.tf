data "exasol_cluster_settings" "current" {}

output "name_servers" {
  value = data.exasol_cluster_settings.current.name_servers
}
