# A system group is imported by its name.
terraform import exasol_system_group.analysts analysts
