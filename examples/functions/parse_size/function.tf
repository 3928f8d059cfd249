# Bytes in an Exasol size, e.g. to compare a database's memory with a budget.
output "mem_size_bytes" {
  value = provider::exasol::parse_size("4 GiB") # 4294967296
}
