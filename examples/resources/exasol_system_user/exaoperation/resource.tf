# On EXAoperation (Exasol 6.x): one of EXAoperation's own users, with a
# login and a password (Terraform 1.11 or later). EXAoperation gives it the
# id and the role User; raise the version to send a new password.
variable "operator_password" {
  type      = string
  sensitive = true
}

resource "exasol_system_user" "operator" {
  username            = "operator"
  password_wo         = var.operator_password
  password_wo_version = 1
}
