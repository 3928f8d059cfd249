# A BucketFS service is imported by its name.
terraform import exasol_bucketfs.default bfsdefault
