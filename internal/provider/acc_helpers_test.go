package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// Every acceptance test runs the real Terraform CLI (TF_ACC_TERRAFORM_PATH)
// against an in-process simulator over HTTPS; nothing of our client is faked.
// The simulator, the provider block, the resources' HCL and the job log
// come from internal/acctest.

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"exasol": providerserver.NewProtocol6WithError(New("test")()),
}

// checkSim asserts a fact about the simulator's state through a read job.
func checkSim(t *testing.T, s *sim.Server, job string, params map[string]any, check func(out any) error) func(*terraform.State) error {
	return func(*terraform.State) error {
		env, err := s.Exec(job, params)
		if err != nil {
			return err
		}
		return check(env["result_output"])
	}
}
