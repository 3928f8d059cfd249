# A database is imported by its name.
terraform import exasol_database.example DB1
