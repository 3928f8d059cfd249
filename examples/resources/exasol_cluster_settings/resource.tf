# The EXAConf settings ConfD's general_settings may change. Only the
# attributes set here are managed; every other entry keeps the value the
# cluster has (and the state shows it).
resource "exasol_cluster_settings" "example" {
  name_servers         = ["10.0.0.2", "10.0.0.3"]
  search_domains       = ["example.internal"]
  enable_load_balancer = true

  exa_monitor_user_name     = "monitor"
  exa_monitor_user_password = var.exa_monitor_password
}

variable "exa_monitor_password" {
  type      = string
  sensitive = true
}
