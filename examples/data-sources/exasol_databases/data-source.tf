data "exasol_databases" "all" {}

output "database_names" {
  value = data.exasol_databases.all.names
}
