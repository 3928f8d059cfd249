package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

var databaseList = listSpec{typeName: "exasol_database", list: func(ctx context.Context, c client.Backend) ([]listed, error) {
	names, err := c.DBList(ctx)
	return listedNames(databaseReader, c, names, func(m *databaseModel, n string, to timeouts.Value) {
		m.DBName, m.Timeouts = types.StringValue(n), to
	}), err
}}
