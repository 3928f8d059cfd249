import {
  to = exasol_system_group.analysts
  id = "analysts"
}
