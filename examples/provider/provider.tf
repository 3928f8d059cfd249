# Any node of the cluster will do: the provider asks them for the ConfD master.
# Give each node as host:port: ConfD's port is a cluster setting (XMLRPCPort),
# 443 is only tried when no port is given. Every setting can also come from
# the environment (EXASOL_ENDPOINTS, EXASOL_USERNAME, EXASOL_PASSWORD,
# EXASOL_CA_CERT_FILE, ...).
variable "exasol_endpoints" {
  type    = list(string)
  default = ["10.10.10.11:20003", "10.10.10.12:20003", "10.10.10.13:20003"]
}

variable "exasol_password" {
  type      = string
  sensitive = true
}

variable "exasol_ca_cert_file" {
  type        = string
  description = "The cluster's CA certificate, so that TLS verification stays on."
}

provider "exasol" {
  endpoints    = var.exasol_endpoints
  username     = "admin"
  password     = var.exasol_password
  ca_cert_file = var.exasol_ca_cert_file
}
