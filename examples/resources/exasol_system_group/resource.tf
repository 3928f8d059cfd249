# A group for the analytics team's administrators.
resource "exasol_system_group" "analysts" {
  groupname = "analysts"
  groupid   = 1200
}
