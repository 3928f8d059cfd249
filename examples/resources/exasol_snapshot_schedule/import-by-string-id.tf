import {
  to = exasol_snapshot_schedule.example
  id = "DB1/workday"
}
