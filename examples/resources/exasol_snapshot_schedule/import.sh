# A snapshot schedule is imported as <db_name>/<backup_name>.
terraform import exasol_snapshot_schedule.example DB1/workday
