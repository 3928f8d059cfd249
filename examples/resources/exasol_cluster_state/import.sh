# There is one cluster per provider configuration; its id is always "cluster".
terraform import exasol_cluster_state.example cluster
