package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var storageVolumeList = listSpec{typeName: "exasol_storage_volume", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	vols, err := c.VolumeList(ctx)
	if err != nil {
		return nil, err
	}
	temp, err := temporaryVolumes(ctx, c)
	var out []listed
	for _, v := range vols {
		if temp[v.Name] || slices.Contains(v.Labels, "temporary") {
			continue // the database's to make and remove: not one to manage
		}
		out = append(out, listed{name: v.Name, identity: storageVolumeIdentity.of(types.StringValue(v.Name)),
			read: func(ctx context.Context, to timeouts.Value, diags *diag.Diagnostics) any {
				m := storageVolumeModel{Timeouts: to}
				m.fill(ctx, v, diags)
				return m
			}})
	}
	return out, err
}}

// temporaryVolumes names the databases' temporary volumes, which a database
// creates when it starts and Exasol does not let anyone else delete: they
// are no objects to manage. ConfD labels them "temporary" (fact: seen in the
// seed; database_plan.go reads it the same way); EXAoperation shows no
// such label, so the databases name them (temporary volume of db_info).
func temporaryVolumes(ctx context.Context, c client.Backend) (map[string]bool, error) {
	names, err := c.DBList(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range names {
		d, err := c.DBInfo(ctx, n)
		if err != nil {
			return nil, err
		}
		if d.TemporaryVolume != "" {
			out[d.TemporaryVolume] = true
		}
	}
	return out, nil
}
