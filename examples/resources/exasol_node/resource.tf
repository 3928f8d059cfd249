resource "exasol_node" "example" {
  id       = 14
  priv_net = "10.10.10.14/24"

  # true marks the node permanently offline (node_suspend); false resumes it
  # (node_resume) and waits until it is online.
  suspended = false

  # Create waits until the new node has booted: start its machine or
  # container before or while applying.
  timeouts {
    create = "30m"
    update = "30m"
    delete = "30m"
  }
}
