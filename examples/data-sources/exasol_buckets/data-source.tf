data "exasol_buckets" "default" {
  bucketfs_name = "bfsdefault"
}

output "bucket_names" {
  value = data.exasol_buckets.default.names
}

# Where an upload tool reaches each bucket, by name.
output "bucket_urls" {
  value = { for b in data.exasol_buckets.default.buckets : b.bucket_name => b.url }
}
