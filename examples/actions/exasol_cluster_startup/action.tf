# Bring the cluster up in order (nodes, storage, databases, plugins):
#   terraform apply -invoke=action.exasol_cluster_startup.example
action "exasol_cluster_startup" "example" {
  config {
    timeout = "1h"
  }
}
