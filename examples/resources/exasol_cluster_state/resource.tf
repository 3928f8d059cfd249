# Keep the whole cluster running, brought up in Exasol's order: every node
# online, every storage volume ONLINE, then every database started (in
# parallel) until it accepts connections. `steps` records what was done.
resource "exasol_cluster_state" "example" {
  state = "running"

  # Destroying this resource stops the databases (once running backups have
  # ended) instead of only forgetting it.
  stop_on_destroy = true

  timeouts {
    create = "45m"
    update = "45m"
    delete = "45m"
  }
}

output "cluster_steps" {
  value = exasol_cluster_state.example.steps
}
