# An administrator who may run the BucketFS jobs too. Without a password
# (password_wo, Terraform 1.11 or later) it logs in by its SSH key only.
resource "exasol_system_user" "admin2" {
  username          = "admin2"
  userid            = 1001
  group             = "exaadm"
  additional_groups = ["exabfsadm", exasol_system_group.analysts.groupname]
  authorized_keys   = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample admin2@example.com"]
}
