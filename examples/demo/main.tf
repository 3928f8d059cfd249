# The configuration `make demo` applies to the simulator. The provider reads
# its connection settings from the EXASOL_* variables the demo exports.
terraform {
  required_providers {
    exasol = {
      source = "exasol-labs/exasol"
    }
  }
}

provider "exasol" {}

# A database on the cluster's data volume, started and waited for until it
# accepts connections.
resource "exasol_database" "analytics" {
  db_name          = "ANALYTICS"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "4096 MiB" # the cluster reports "4 GiB": same size, no diff
  nodes            = [11, 12, 13]
  num_active_nodes = 3
  port             = 8563
  params           = "-useIndexWrapper=0"
}

data "exasol_databases" "all" {
  depends_on = [exasol_database.analytics]
}

output "analytics_connection_string" {
  value = exasol_database.analytics.connection_string
}

output "databases" {
  value = data.exasol_databases.all.names
}
