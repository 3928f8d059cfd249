import {
  to = exasol_database.example
  id = "DB1"
}
