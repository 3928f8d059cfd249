# A storage volume is imported by its name.
terraform import exasol_storage_volume.example DataVolume2
