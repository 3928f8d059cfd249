# A node is imported by its node id: 14 for node n14.
terraform import exasol_node.example 14
