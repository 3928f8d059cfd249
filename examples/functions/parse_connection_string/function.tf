locals {
  # As exasol_database.example.connection_string reports it on a 3-node cluster.
  conn = provider::exasol::parse_connection_string("10.10.10.11..13:8563")
}

output "db_hosts" {
  value = local.conn.hosts # ["10.10.10.11", "10.10.10.12", "10.10.10.13"]
}

output "db_port" {
  value = local.conn.port # 8563
}
