import {
  to = exasol_storage_volume.example
  id = "DataVolume2"
}
