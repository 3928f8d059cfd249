# A private bucket for models. Its passwords are write-only (Terraform 1.11
# or later): set read_password_wo / write_password_wo with their versions,
# and raise a version to send a new password.
resource "exasol_bucket" "models" {
  bucketfs_name = exasol_bucketfs.udfs.bucketfs_name
  bucket_name   = "models"
  public        = false
}

output "models_upload_url" {
  value = exasol_bucket.models.url
}

output "models_udf_path" {
  value = exasol_bucket.models.udf_path
}
