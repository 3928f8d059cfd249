package client

import (
	"context"

	"github.com/exacluster/terraform-provider-exasol/internal/client/transport"
)

// MasterChange moves the master role to the node with id nodeID (0 lets
// the cluster choose) with ConfD's master_change, and waits until the new
// master answers.
func (c *ConfD) MasterChange(ctx context.Context, nodeID int64) error {
	before, err := c.MasterName(ctx)
	if err != nil {
		return err
	}
	// fact: master_change takes the mandatory list nids, the nodes to
	// choose the new master from (https://docs.exasol.com/db/latest/confd/jobs/master_change.htm).
	var nids []int64
	if nodeID != 0 {
		if before == NodeName(nodeID) {
			return nil
		}
		nids = []int64{nodeID}
	} else {
		// Let the cluster choose among the online nodes but the master.
		nodes, err := c.NodeList(Fresh(ctx))
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if n.State == NodeStateOnline && n.Name != before {
				nids = append(nids, n.ID)
			}
		}
		if len(nids) == 0 {
			return &Error{Kind: KindJob, Job: "master_change", Message: "no online node other than the master " + before + " can take the master role"}
		}
	}
	if _, err := c.exec(ctx, "master_change", Params{"nids": nids}); err != nil {
		return err
	}
	want := "another node than " + before
	if nodeID != 0 {
		want = NodeName(nodeID)
	}
	return c.waiter().Until(ctx, "the new ConfD master ("+want+") to answer", func(ctx context.Context) (bool, string, error) {
		c.forgetMaster() // ask the nodes again, not the old master
		name, err := c.MasterName(ctx)
		if err != nil {
			if retry, _ := transport.Classify(err); retry {
				return false, transport.MessageOf(err), nil
			}
			return false, "", err
		}
		switch {
		case name == "":
			return true, "", nil // a front without /master: nothing more to see
		case nodeID != 0:
			return name == NodeName(nodeID), "master " + name, nil
		}
		return name != before, "master " + name, nil
	})
}
