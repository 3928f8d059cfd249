# Restart the VMware tools on the license server, as Exasol's runbook does
# after a cold start (EXAoperation only):
#   terraform apply -invoke=action.exasol_plugin_command.example
action "exasol_plugin_command" "example" {
  config {
    plugin  = "Administration.vmware-tools"
    node    = "n0010"
    command = "RESTART"
  }
}
