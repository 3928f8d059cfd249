# There is one EXAConf per cluster; the id is always "cluster".
terraform import exasol_cluster_settings.example cluster
