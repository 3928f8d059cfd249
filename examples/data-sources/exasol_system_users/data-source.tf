data "exasol_system_users" "all" {}

output "system_user_names" {
  value = data.exasol_system_users.all.names
}

# The users whose password or key login is disabled.
output "system_users_without_login" {
  value = [for u in data.exasol_system_users.all.users : u.username if !u.login_enabled]
}
