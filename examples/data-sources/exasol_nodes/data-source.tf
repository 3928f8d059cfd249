data "exasol_nodes" "all" {}

output "online_nodes" {
  value = [for n in data.exasol_nodes.all.nodes : n.name if n.state == "online"]
}
