import {
  to = exasol_node.example
  id = "14"
}
