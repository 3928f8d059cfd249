import {
  to = exasol_cluster_state.example
  id = "cluster"
}
