import {
  to = exasol_remote_volume.example
  id = "RemoteVolume1"
}
