data "exasol_cluster" "this" {}

output "master_node" {
  value = data.exasol_cluster.this.master_name
}

# Nodes that need attention.
output "nodes_not_online" {
  value = [for n in data.exasol_cluster.this.nodes : n.name if n.state != "online"]
}

output "stopped_databases" {
  value = [for db in data.exasol_cluster.this.databases : db.db_name if db.state == "setup"]
}
