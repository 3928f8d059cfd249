data "exasol_backups" "db1" {
  db_name = "DB1"
}

# The backups that can still be restored, by the id db_restore takes.
output "restorable_backups" {
  value = [for b in data.exasol_backups.db1.backups : b.id if b.usable]
}
