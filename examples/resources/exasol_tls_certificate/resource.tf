# The cluster's TLS certificate: the chain (server certificate first, then
# its issuers) and its key, e.g. read with file("cluster-chain.pem").
# With Terraform 1.11 or later prefer private_key_wo (with
# private_key_wo_version), which never reaches the state.
resource "exasol_tls_certificate" "cluster" {
  certificate = var.tls_chain
  private_key = var.tls_key
}

variable "tls_chain" {
  type = string
}

variable "tls_key" {
  type      = string
  sensitive = true
}

output "tls_certificate_expires" {
  value = exasol_tls_certificate.cluster.not_after
}
