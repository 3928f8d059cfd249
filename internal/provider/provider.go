// Package provider is the Terraform glue: schemas, plan logic and the mapping
// of Terraform values onto the typed client in internal/client.
package provider

import (
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/exacluster/exasol"

var _ provider.Provider = (*exasolProvider)(nil)

type exasolProvider struct{ version string }

// New returns the provider factory used by main and by the acceptance tests.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &exasolProvider{version: version} }
}

type providerModel struct {
	Endpoints  types.List   `tfsdk:"endpoints"`
	Username   types.String `tfsdk:"username"`
	Password   types.String `tfsdk:"password"`
	AuthToken  types.String `tfsdk:"auth_token"`
	CACertFile types.String `tfsdk:"ca_cert_file"`
	CACertPEM  types.String `tfsdk:"ca_cert_pem"`
	Insecure   types.Bool   `tfsdk:"insecure"`
	// MasterDiscovery false: use the endpoints as they are (no GET /master).
	MasterDiscovery types.Bool `tfsdk:"master_discovery"`
	// Management failover (provider_timeouts.go).
	RequestTimeout  types.String `tfsdk:"request_timeout"`
	FailoverTimeout types.String `tfsdk:"failover_timeout"`
	// Management interface (provider_api.go).
	API types.String `tfsdk:"api"`
	// Plan-time preflight (preflight.go).
	StrictPreflight types.Bool `tfsdk:"strict_preflight"`
	SkipPreflight   types.Bool `tfsdk:"skip_preflight"`
}

func (p *exasolProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "exasol"
	resp.Version = p.version
}

func (p *exasolProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Exasol clusters through their XML-RPC management interfaces: ConfD (Exasol 7.1 and 8.x) or EXAoperation (Exasol 6.x).",
		Attributes: map[string]schema.Attribute{
			"endpoints": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Addresses of cluster nodes (`host`, `host:port` or `https://host:port`; port 443 by default). " +
					"Any node will do: the provider asks them for the current ConfD master. Environment: `EXASOL_ENDPOINTS` (comma separated).",
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
			},
			"username": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "ConfD user for HTTP Basic authentication (`admin` on Exasol 8, `root` on 7.1). Environment: `EXASOL_USERNAME`.",
			},
			"password": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Password of `username`. Environment: `EXASOL_PASSWORD`.",
			},
			"auth_token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Bearer token (the `AuthenticationToken` of EXAConf), instead of username and password. Environment: `EXASOL_AUTH_TOKEN`.",
			},
			"ca_cert_file": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Path of a PEM file with the CA that signed the cluster's certificate. Environment: `EXASOL_CA_CERT_FILE`.",
			},
			"ca_cert_pem": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The cluster's CA certificate in PEM, inline. Environment: `EXASOL_CA_CERT_PEM`.",
			},
			"insecure": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip TLS certificate verification. Off by default; prefer pinning the CA with `ca_cert_file`. " +
					"Environment: `EXASOL_INSECURE`.",
			},
			"master_discovery": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Ask the endpoints for the current ConfD master (`GET /master`) and talk to it; on by default. Set it to " +
					"`false` when the endpoint leads to the master by itself (a load balancer or port forward to the master): every call then " +
					"goes to the endpoints as given. With discovery on, a master address that cannot be reached while the endpoint answers " +
					"(a port forward) also makes the provider use the endpoint. Environment: `EXASOL_MASTER_DISCOVERY`.",
			},
			"strict_preflight": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Fail a plan whose preflight checks cannot run because the cluster cannot be read. By default such a plan " +
					"succeeds with a warning that the checks were skipped. The checks compare planned resources with the live cluster " +
					"(installed versions, nodes, free space, names and ports in use) so that what the cluster would refuse fails the plan, " +
					"not the apply. Environment: `EXASOL_STRICT_PREFLIGHT`.",
			},
			"api": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The cluster's management interface: `confd` (Exasol 7.1 and 8, XML-RPC jobs) or `exaoperation` (Exasol 6.x, " +
					"XML-RPC objects below `/cluster1`). When unset, the provider asks the first endpoint that answers and says in a " +
					"warning which interface it found; set it to skip that request. Resources are the same on both; what one interface " +
					"cannot do fails the plan, naming the attribute. Environment: `EXASOL_API`.",
				Validators: []validator.String{stringvalidator.OneOf(client.APIConfD, client.APIEXAoperation)},
			},
			"skip_preflight": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Do not check planned resources against the live cluster at plan time; the cluster's own refusals then " +
					"show at apply. Environment: `EXASOL_SKIP_PREFLIGHT`.",
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long one request to a node may take, as a duration (`30s`, `2m`); default `" + client.DefaultRequestTimeout.String() + "`. " +
					"A master that hangs is given up after this long and looked for on the other nodes. Long jobs do not hold a request open. " +
					"Environment: `EXASOL_REQUEST_TIMEOUT`.",
				Validators: []validator.String{durationValidator},
			},
			"failover_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How long a call keeps looking for the ConfD master after the one it used stopped answering, as a duration; default `" +
					client.DefaultFailoverTimeout.String() + "`, enough for a failover of about a minute. Meanwhile reads are repeated, and a change is " +
					"repeated only after reading back that it did not take effect. At least `request_timeout`. Environment: `EXASOL_FAILOVER_TIMEOUT`.",
				Validators: []validator.String{durationValidator},
			},
		},
	}
}

func (p *exasolProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, ok := p.clientConfig(ctx, m, resp)
	if !ok {
		return
	}
	c, ok := newBackend(ctx, m, cfg, resp)
	if !ok {
		return
	}
	strict, skip := preflightSettings(m.StrictPreflight, m.SkipPreflight, &resp.Diagnostics)
	pd := newProviderData(c, strict, skip)
	resp.ResourceData, resp.DataSourceData, resp.ActionData, resp.ListResourceData = pd, pd, pd, pd
}

// clientConfig merges the provider block with EXASOL_* variables; the block wins.
func (p *exasolProvider) clientConfig(ctx context.Context, m providerModel, resp *provider.ConfigureResponse) (client.Config, bool) {
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"endpoints": m.Endpoints, "username": m.Username, "password": m.Password, "auth_token": m.AuthToken,
		"ca_cert_file": m.CACertFile, "ca_cert_pem": m.CACertPEM, "insecure": m.Insecure, "api": m.API, "master_discovery": m.MasterDiscovery,
		"request_timeout": m.RequestTimeout, "failover_timeout": m.FailoverTimeout,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider setting",
				"The provider cannot reach the cluster while "+name+" is unknown at plan time. Set it from a value known before apply, or apply its source first with -target.")
		}
	}
	if resp.Diagnostics.HasError() {
		return client.Config{}, false
	}
	cfg := client.Config{
		Username:  stringOr(m.Username, os.Getenv("EXASOL_USERNAME")),
		Password:  stringOr(m.Password, os.Getenv("EXASOL_PASSWORD")),
		AuthToken: stringOr(m.AuthToken, os.Getenv("EXASOL_AUTH_TOKEN")),
		UserAgent: "terraform-provider-exasol/" + p.version,
		Log: func(ctx context.Context, msg string, fields map[string]any) {
			tflog.SubsystemDebug(ctx, "confd", msg, fields)
		},
	}
	if !m.Endpoints.IsNull() {
		resp.Diagnostics.Append(m.Endpoints.ElementsAs(ctx, &cfg.Endpoints, false)...)
	} else if env := os.Getenv("EXASOL_ENDPOINTS"); env != "" {
		for _, e := range strings.Split(env, ",") {
			if e = strings.TrimSpace(e); e != "" {
				cfg.Endpoints = append(cfg.Endpoints, e)
			}
		}
	}
	insecure := m.Insecure.ValueBool()
	if m.Insecure.IsNull() {
		if env := os.Getenv("EXASOL_INSECURE"); env != "" {
			b, err := strconv.ParseBool(env)
			if err != nil {
				resp.Diagnostics.AddError("Invalid EXASOL_INSECURE", "EXASOL_INSECURE must be true or false, not "+strconv.Quote(env)+".")
			}
			insecure = b
		}
	}
	cfg.Insecure = insecure
	cfg.NoMasterDiscovery = !boolSetting(m.MasterDiscovery, "EXASOL_MASTER_DISCOVERY", true, &resp.Diagnostics)
	cfg.RequestTimeout, cfg.FailoverTimeout = failoverTimeouts(m, &resp.Diagnostics)

	cfg.CACertPEM = caCert(m, &resp.Diagnostics)
	if insecure {
		if len(cfg.CACertPEM) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root("insecure"), "Contradictory TLS settings",
				"insecure = true turns certificate verification off, which makes the pinned CA pointless. Remove one of them.")
		} else {
			resp.Diagnostics.AddAttributeWarning(path.Root("insecure"), "TLS certificate verification is off",
				"insecure = true accepts any certificate, so the cluster's credentials can be intercepted. Pin the cluster's CA with ca_cert_file or ca_cert_pem instead.")
		}
	}
	if len(cfg.Endpoints) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("endpoints"), "Missing endpoints",
			"Name at least one cluster node in endpoints, or set EXASOL_ENDPOINTS (comma separated).")
	}
	if cfg.AuthToken != "" && (cfg.Username != "" || cfg.Password != "") {
		resp.Diagnostics.AddAttributeError(path.Root("auth_token"), "Contradictory credentials",
			"Both auth_token and username/password are set (in the provider block or EXASOL_* variables). Use one way of authenticating.")
	} else if cfg.AuthToken == "" && (cfg.Username == "" || cfg.Password == "") {
		resp.Diagnostics.AddAttributeError(path.Root("username"), "Missing credentials",
			"Set username and password (or EXASOL_USERNAME and EXASOL_PASSWORD), or auth_token (EXASOL_AUTH_TOKEN).")
	}
	for _, e := range cfg.Endpoints {
		if _, err := client.ParseEndpoint(e); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("endpoints"), "Invalid endpoint", err.Error())
		}
	}
	return cfg, !resp.Diagnostics.HasError()
}

func stringOr(v types.String, fallback string) string {
	if v.IsNull() || v.IsUnknown() {
		return fallback
	}
	return v.ValueString()
}

func (p *exasolProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewDatabaseResource,
		NewStorageVolumeResource,
		// resources: storage volumes
		NewRemoteVolumeResource,
		// resources: remote volumes
		NewNodeResource,
		// resources: nodes
		NewBackupScheduleResource,
		// resources: backup schedules
		NewClusterStateResource,
		NewSnapshotScheduleResource,
		// resources: the rest of the cluster (issue 22)
		NewClusterSettingsResource, NewBucketFSResource, NewBucketResource, NewSystemUserResource, NewSystemGroupResource,
		NewTLSCertificateResource, NewLicenseResource,
	}
}

// DataSources is the table of the provider's data sources: each row names
// one, its schema and its read (in its <object>_data_source.go).
func (p *exasolProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		databaseDataSource,
		databasesDataSource,
		storageVolumeDataSource,
		storageVolumesDataSource,
		remoteVolumeDataSource,
		remoteVolumesDataSource,
		nodeDataSource,
		nodesDataSource,
		backupsDataSource,
		clusterDataSource,
		logEntriesDataSource,
		pluginsDataSource,
		// the rest of the cluster (issue 22)
		clusterSettingsDataSource, bucketFSDataSource, bucketDataSource, licenseDataSource,
		bucketsDataSource, systemUsersDataSource, systemGroupsDataSource,
	}
}
