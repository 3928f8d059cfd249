# A system user is imported by its name.
terraform import exasol_system_user.admin2 admin2
