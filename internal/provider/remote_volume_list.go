package provider

import "github.com/exacluster/terraform-provider-exasol/internal/client"

// The reader reads no password for a listing (not a refresh).
var remoteVolumeList = namedList("exasol_remote_volume", remoteVolumeReader, client.Backend.RemoteVolumeList, (*remoteVolumeModel).listed)
