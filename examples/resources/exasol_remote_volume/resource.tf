variable "backup_bucket_secret_key" {
  type      = string
  sensitive = true
}

# An S3 bucket that the cluster writes backups to. ConfD cannot edit a remote
# volume, so every change replaces it; the fixed name and id survive that.
resource "exasol_remote_volume" "example" {
  remote_volume_name = "RemoteVolume1"
  remote_volume_id   = 10001
  vol_type           = "s3"
  url                = "https://exasol-backups.s3.eu-west-1.amazonaws.com"
  username           = "AKIAIOSFODNN7EXAMPLE"
  password           = var.backup_bucket_secret_key
  options            = ["timeout=300"]
  labels             = ["weekly"]

  # With Terraform 1.11 or later (OpenTofu 1.11 or later), keep the secret
  # out of the plan and the state instead of setting password:
  #   password_wo         = var.backup_bucket_secret_key
  #   password_wo_version = 1 # raise it to send a new secret
}
