data "exasol_database" "example" {
  db_name = "DB1"
}

output "db1_connection_string" {
  value = data.exasol_database.example.connection_string
}
