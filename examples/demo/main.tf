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

# Two databases on the cluster's data volume, one started, one kept stopped.
resource "exasol_database" "analytics" {
  db_name          = "ANALYTICS"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "4 GiB"
  nodes            = [11, 12, 13]
  num_active_nodes = 3
  port             = 8563
}

resource "exasol_database" "staging" {
  db_name          = "STAGING"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "2048 MiB"
  nodes            = [11, 12, 13]
  num_active_nodes = 3
  port             = 8564
  running          = false
}

data "exasol_databases" "all" {
  depends_on = [exasol_database.analytics, exasol_database.staging]
}

output "analytics_connection_string" {
  value = exasol_database.analytics.connection_string
}

output "databases" {
  value = data.exasol_databases.all.names
}
