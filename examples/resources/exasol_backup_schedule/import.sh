# A backup schedule is imported as <db_name>/<backup_name>.
terraform import exasol_backup_schedule.example DB1/nightly
