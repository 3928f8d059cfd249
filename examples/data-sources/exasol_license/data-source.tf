data "exasol_license" "current" {}

output "license_expires" {
  value = data.exasol_license.current.expiration_date
}
