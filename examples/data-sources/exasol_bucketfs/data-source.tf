data "exasol_bucketfs" "default" {
  bucketfs_name = "bfsdefault"
}
