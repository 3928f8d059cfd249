package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// The reader reads no password for a listing (not a refresh).
var remoteVolumeList = listSpec{typeName: "exasol_remote_volume", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	names, err := c.RemoteVolumeList(ctx)
	return listedNames(remoteVolumeReader, c, names, func(m *remoteVolumeModel, n string, to timeouts.Value) {
		m.Name, m.Timeouts = types.StringValue(n), to
	}), err
}}
