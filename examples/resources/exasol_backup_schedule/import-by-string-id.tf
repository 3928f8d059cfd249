import {
  to = exasol_backup_schedule.example
  id = "DB1/nightly"
}
