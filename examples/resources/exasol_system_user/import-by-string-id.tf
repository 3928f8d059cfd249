import {
  to = exasol_system_user.admin2
  id = "admin2"
}
