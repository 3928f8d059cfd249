# Terraform 1.11 or later: the secret is sent to the cluster but never stored
# in the plan or state. Raise password_wo_version to send a new one (this
# replaces the volume, keeping its name and id).
variable "backup_bucket_secret_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "exasol_remote_volume" "example" {
  remote_volume_name  = "RemoteVolume1"
  remote_volume_id    = 10001
  vol_type            = "s3"
  url                 = "https://exasol-backups.s3.eu-west-1.amazonaws.com"
  username            = "AKIAIOSFODNN7EXAMPLE"
  password_wo         = var.backup_bucket_secret_key
  password_wo_version = 1
}
