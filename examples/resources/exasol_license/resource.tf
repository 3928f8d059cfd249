# The cluster's license, e.g. file("cluster.exasol_license") (EXAoperation
# takes the license as XML). With Terraform 1.11 or later prefer license_wo
# (with license_wo_version).
resource "exasol_license" "cluster" {
  license = var.license_file
}

variable "license_file" {
  type      = string
  sensitive = true
}
