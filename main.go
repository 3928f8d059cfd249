package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/exacluster/terraform-provider-exasol/internal/provider"
)

// version is set by the release build (goreleaser ldflags).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietUnlessLogging()
	tuneGC()
	stopProfiling := startProfiling() // only with EXASOL_PROVIDER_PROFILE_DIR set (profile.go)

	// providerserver.Serve, with the framework's server wrapped so that it
	// does not keep every request's context (release.go).
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(provider.Address, func() tfprotov6.ProviderServer {
		return releaseContexts(providerserver.NewProtocol6(provider.New(version)())())
	}, opts...)
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// quietUnlessLogging turns the plugin libraries' own logs off when no TF_LOG*
// variable asks for logs: Terraform discards them then anyway, and producing
// them costs about half of a large plan's CPU (BENCHMARKS.md). With TF_LOG
// set, every log is there as usual.
func quietUnlessLogging() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(k, "off")
	}
}
