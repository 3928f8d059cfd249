# Stop every database in order, never cutting a backup off:
#   terraform apply -invoke=action.exasol_cluster_shutdown.example
action "exasol_cluster_shutdown" "example" {
  config {
    timeout = "2h"
  }
}
