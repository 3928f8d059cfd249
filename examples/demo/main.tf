# A whole cluster, declared: `make demo` applies this to the simulator's
# three-node cluster (n11, n12, n13 with DataVolume1), plans again to show no
# changes, and destroys it. Terraform follows the references, so the cluster's
# order holds: nodes, then storage, then databases and their schedules on
# apply, and the reverse on destroy. On ConfD it also sets cluster settings and
# adds a BucketFS service with a bucket.

# A fourth node joins the cluster; it serves as the reserve node below.
resource "exasol_node" "n14" {
  id       = 14
  priv_net = "10.10.10.14/24"
}

# A second data volume: one database per data volume, with as many master
# nodes as the database has active nodes.
resource "exasol_storage_volume" "staging_data" {
  name             = "StagingData"
  type             = "data"
  disk             = "disk1"
  size             = "8 GiB"
  nodes            = [11, 12, 13]
  num_master_nodes = 3
  redundancy       = 2
  labels           = ["team:staging"]
}

# The analytics database on the cluster's own DataVolume1, with n14 in reserve.
resource "exasol_database" "analytics" {
  db_name          = "ANALYTICS"
  version          = "8.29.0"
  data_volume_name = "DataVolume1"
  mem_size         = "4096 MiB" # the cluster reports "4 GiB": same size, no diff
  nodes            = [11, 12, 13, exasol_node.n14.id]
  num_active_nodes = 3
  port             = 8563
  params           = "-useIndexWrapper=0"
}

# A staging database, kept stopped.
resource "exasol_database" "staging" {
  db_name          = "STAGING"
  version          = "7.1.30"
  data_volume_name = exasol_storage_volume.staging_data.name
  mem_size         = "2 GiB"
  nodes            = [11, 12, 13]
  num_active_nodes = 3
  port             = 8564
  running          = false
}

variable "backup_secret_key" {
  type      = string
  sensitive = true
  default   = "demo-secret-key" # the simulator accepts any key
}

# An S3 bucket for backups.
resource "exasol_remote_volume" "backups" {
  remote_volume_name = "S3Backups"
  vol_type           = "s3"
  url                = "https://exasol-demo-backups.s3.eu-west-1.amazonaws.com"
  username           = "AKIAIOSFODNN7EXAMPLE"
  password           = var.backup_secret_key
  options            = ["timeout=300"]

  # Its state is read per node: added after n14 joins, it reads the state
  # the cluster keeps (a node that is still joining sees it unmounted).
  depends_on = [exasol_node.n14]
}

# Full backups of ANALYTICS every night at 02:30, kept for a week.
resource "exasol_backup_schedule" "nightly" {
  db_name            = exasol_database.analytics.db_name
  backup_name        = "nightly"
  backup_volume_name = exasol_remote_volume.backups.remote_volume_name
  level              = 0
  expire             = "1w"
  minute             = "30"
  hour               = "2"
}

# What only ConfD (Exasol 7.1 and 8) manages: EXAoperation (Exasol 6) keeps
# no EXAConf, and the provider does not manage its BucketFS yet. `make demo`
# sets confd = false when the simulator serves EXAoperation (DEMO_API).
variable "confd" {
  type        = bool
  default     = true
  description = "Whether the cluster is managed through ConfD (Exasol 7.1 and 8)."
}

# The cluster's name servers and search domains (EXAConf, general_settings);
# every other entry keeps the value the cluster has.
resource "exasol_cluster_settings" "this" {
  count          = var.confd ? 1 : 0
  name_servers   = ["10.10.0.2", "10.10.0.3"]
  search_domains = ["example.internal"]
}

# A BucketFS service for the files of UDFs, and a private bucket in it.
resource "exasol_bucketfs" "udfs" {
  count         = var.confd ? 1 : 0
  bucketfs_name = "udfs"
  http_port     = 0
  https_port    = 2600
  owner         = [500, 500] # (user id, group id)
}

resource "exasol_bucket" "models" {
  count         = var.confd ? 1 : 0
  bucketfs_name = exasol_bucketfs.udfs[0].bucketfs_name
  bucket_name   = "models"
  public        = false
}

data "exasol_cluster" "this" {
  depends_on = [exasol_database.analytics, exasol_database.staging]
}

output "analytics_connection_string" {
  value = exasol_database.analytics.connection_string
}

output "databases" {
  value = data.exasol_cluster.this.databases
}

output "models_udf_path" {
  value = one(exasol_bucket.models[*].udf_path)
}
