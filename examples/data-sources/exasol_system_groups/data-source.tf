data "exasol_system_groups" "all" {}

output "system_group_ids" {
  value = { for g in data.exasol_system_groups.all.groups : g.groupname => g.groupid }
}
