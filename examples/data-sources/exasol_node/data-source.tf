data "exasol_node" "example" {
  id = 11
}

output "n11_state" {
  value = data.exasol_node.example.state
}
