// Command export writes the provider's schema as `terraform providers schema
// -json` would, including actions, list resources, resource identities and
// write-only attributes, for tfplugindocs --providers-schema (scripts/docs.sh).
//
//	go run ./internal/docschema/export [-name exasol] > schema.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/exacluster/terraform-provider-exasol/internal/docschema"
	"github.com/exacluster/terraform-provider-exasol/internal/provider"
)

func main() {
	name := flag.String("name", "exasol", "key of the provider in provider_schemas")
	flag.Parse()
	if err := run(*name); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
}

func run(name string) error {
	srv, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return err
	}
	schemas, err := docschema.Export(context.Background(), srv, name)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(schemas)
}
