data "exasol_bucket" "default" {
  bucketfs_name = "bfsdefault"
  bucket_name   = "default"
}

output "default_bucket_udf_path" {
  value = data.exasol_bucket.default.udf_path
}
