# The newest messages of EXAoperation's log about node n0011 (Exasol 6 only).
data "exasol_log_entries" "n0011" {
  node        = "n0011"
  max_entries = 20
}

output "n0011_log" {
  value = [for e in data.exasol_log_entries.n0011.entries : "${e.time} ${e.system}: ${e.message}"]
}
