# A bucket is imported as "<bucketfs_name>/<bucket_name>".
terraform import exasol_bucket.default bfsdefault/default
