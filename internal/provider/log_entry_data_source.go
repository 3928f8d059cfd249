package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exacluster/terraform-provider-exasol/internal/client"
)

// logEntriesDataSource is data.exasol_log_entries: the messages of
// EXAoperation's logservice (logservice1 logEntries). ConfD has no job that
// reads a log, so there the read fails, naming the interface.
var logEntriesDataSource = dataSource("_log_entries", logEntriesSchema, readLogEntries)

// logReader is a management interface that serves log entries (EXAoperation).
type logReader interface {
	LogEntries(ctx context.Context) ([]client.LogEntry, error)
}

type logEntriesModel struct {
	ID         types.String `tfsdk:"id"`
	System     types.String `tfsdk:"system"`
	Node       types.String `tfsdk:"node"`
	Contains   types.String `tfsdk:"contains"`
	MaxEntries types.Int64  `tfsdk:"max_entries"`
	Entries    types.List   `tfsdk:"entries"`
}

// logEntryItem is one of entries.
type logEntryItem struct {
	Time    string `tfsdk:"time"`
	System  string `tfsdk:"system"`
	Node    string `tfsdk:"node"`
	Message string `tfsdk:"message"`
}

func logEntriesSchema() schema.Schema {
	filter := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: desc}
	}
	return schema.Schema{
		MarkdownDescription: "The messages of the cluster's log, newest first, as EXAoperation's logservice collects them " +
			"(`logservice1` `logEntries`): node boots and shutdowns, the storage service, database state changes. " +
			"EXAoperation (Exasol 6) only: ConfD has no job that reads a log, and on ConfD the read fails saying so. " +
			"The filters are applied to the entries the logservice returns.",
		Attributes: map[string]schema.Attribute{
			"id":       computedString("Always `logservice1`."),
			"system":   filter("Only entries of this system, e.g. `EXAoperation`, `Storage` or a database's name."),
			"node":     filter("Only entries about this node, as EXAoperation names it, e.g. `n0011`."),
			"contains": filter("Only entries whose message contains this text."),
			"max_entries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "At most this many entries, the newest. Unset: every entry that passes the filters.",
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"entries": computedObjects("The entries, newest first.", logEntryAttributes()),
		},
	}
}

func logEntryAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"time":    computedString("When it was logged, as EXAoperation writes it (`strtime`)."),
		"system":  computedString("The system that logged it."),
		"node":    computedString("The node it is about, e.g. `n0011`; empty for the whole cluster."),
		"message": computedString("The message."),
	}
}

func readLogEntries(ctx context.Context, c client.Backend, m *logEntriesModel, diags *diag.Diagnostics) {
	lr, ok := client.DialectAs[logReader](c)
	if !ok {
		api := apiNames[c.API()]
		diags.AddError("exasol_log_entries is not available on "+api,
			fmt.Sprintf("The cluster is managed through %s, which has no job that reads the cluster's log; exasol_log_entries "+
				"reads EXAoperation's logservice (Exasol 6). Read the logs on the cluster's nodes instead, or remove the data source.", api))
		return
	}
	all, err := lr.LogEntries(ctx)
	if err != nil {
		diags.AddError("Cannot read the log entries", clientErrorDetail(err))
		return
	}
	items := []logEntryItem{}
	for _, e := range all {
		if !m.MaxEntries.IsNull() && int64(len(items)) >= m.MaxEntries.ValueInt64() {
			break
		}
		if (!m.System.IsNull() && e.System != m.System.ValueString()) || (!m.Node.IsNull() && e.Node != m.Node.ValueString()) ||
			(!m.Contains.IsNull() && !strings.Contains(e.Message, m.Contains.ValueString())) {
			continue
		}
		items = append(items, logEntryItem{Time: e.Time, System: e.System, Node: e.Node, Message: e.Message})
	}
	m.ID = types.StringValue("logservice1")
	m.Entries = objectList(ctx, logEntryAttributes(), items, diags)
}
