package provider

import "github.com/exacluster/terraform-provider-exasol/internal/client"

var databaseList = namedList("exasol_database", databaseReader, client.Backend.DBList, (*databaseModel).listed)
