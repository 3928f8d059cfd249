package provider

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var remoteVolumeList = listSpec{typeName: "exasol_remote_volume", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	names, err := c.RemoteVolumeList(ctx)
	var out []listed
	for _, n := range names {
		// The reader reads no password for a listing (not a refresh).
		out = append(out, listedObject(remoteVolumeReader, c, n, remoteVolumeIdentity{Name: types.StringValue(n)},
			func(m *remoteVolumeModel, to timeouts.Value) { m.Name, m.Timeouts = types.StringValue(n), to }))
	}
	return out, err
}}
