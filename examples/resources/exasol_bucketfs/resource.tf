# A BucketFS service of its own, on HTTPS port 2582, for the files of UDFs.
resource "exasol_bucketfs" "udfs" {
  bucketfs_name = "udfs"
  http_port     = 0
  https_port    = 2582
  owner         = [500, 500] # (user id, group id)
  sync_period   = 30
  sync_key      = var.sync_key
}

variable "sync_key" {
  type      = string
  sensitive = true
}
