data "exasol_plugins" "all" {}

output "plugins" {
  value = data.exasol_plugins.all.names
}
