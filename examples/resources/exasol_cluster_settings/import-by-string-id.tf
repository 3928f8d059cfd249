import {
  to = exasol_cluster_settings.example
  id = "cluster"
}
