package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A second floor: benchnull, a provider on the same plugin framework whose
// resource does nothing (Read keeps the state, no network). Beside
// terraform_data (built into the CLI, no plugin process) it shows what the
// plugin protocol alone costs, so the exasol provider's own share can be
// told from it. The harness serves it itself: Terraform runs a symlink
// named terraform-provider-benchnull that points at this executable.

const (
	nullName   = "benchnull"
	nullSource = "registry.terraform.io/exacluster/" + nullName
	nullBinary = "terraform-provider-" + nullName
)

// isNullPlugin: this process was started by Terraform as benchnull.
func isNullPlugin() bool { return filepath.Base(os.Args[0]) == nullBinary }

func serveNull() error {
	return providerserver.Serve(context.Background(), func() provider.Provider { return nullProvider{} },
		providerserver.ServeOpts{Address: nullSource})
}

// linkNullPlugin makes dir/terraform-provider-benchnull run this executable.
func linkNullPlugin(dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.Symlink(self, filepath.Join(dir, nullBinary))
}

type nullProvider struct{}

func (nullProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = nullName
}
func (nullProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (nullProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (nullProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return nullThing{} }}
}
func (nullProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// nullThing has a handful of attributes, like the cheap exasol objects.
type nullThing struct{}

type nullThingModel struct {
	ID     types.String `tfsdk:"id"`
	Name   types.String `tfsdk:"name"`
	Size   types.String `tfsdk:"size"`
	Labels types.List   `tfsdk:"labels"`
}

func (nullThing) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = nullName + "_thing"
}

func (nullThing) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Does nothing; a floor for benchmarks.",
		Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"name":   schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"size":   schema.StringAttribute{Optional: true},
			"labels": schema.ListAttribute{Optional: true, ElementType: types.StringType},
		},
	}
}

func (nullThing) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m nullThingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = m.Name
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state the framework already put into the response.
func (nullThing) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (nullThing) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m nullThingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (nullThing) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
