# A remote volume is imported by its name (remote_volume_list shows it).
terraform import exasol_remote_volume.example RemoteVolume1
