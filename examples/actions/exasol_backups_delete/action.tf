# Delete every backup of DB1 that expired, and the unusable ones:
#   terraform apply -invoke=action.exasol_backups_delete.example
# Nothing is deleted while a database restores.
data "exasol_backups" "retention" {
  db_name = "DB1"
}

action "exasol_backups_delete" "example" {
  config {
    db_name    = "DB1"
    backup_ids = [for b in data.exasol_backups.retention.backups : b.id if b.expired]
    unusable   = true
  }
}
