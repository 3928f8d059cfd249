package client

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// BenchmarkRefreshReads is the reads of one refresh through the job runner
// and the read cache: a new client (a new provider process) reads 3 nodes,
// a database with 10 backup schedules and 20 storage volumes, 10 readers at
// a time like terraform plan -parallelism=10. calls/read is what the read
// cache leaves of one call per read.
func BenchmarkRefreshReads(b *testing.B) {
	s := acctest.Start(b, acctest.Pinned(sim.APIConfD), acctest.Nodes(3))
	acctest.Exec(b, s, "db_create", map[string]any{"db_name": "DB1", "version": "8.29.0", "data_volume_name": "DataVolume1",
		"mem_size": "4 GiB", "nodes": []int{11, 12, 13}, "num_active_nodes": 3, "auto_start": false})
	acctest.Exec(b, s, "remote_volume_add", map[string]any{"vol_type": "s3", "url": "https://b.example.com", "remote_volume_name": "Backups"})
	var reads []func(context.Context, *ConfD) error
	for _, id := range []int64{11, 12, 13} {
		reads = append(reads, func(ctx context.Context, c *ConfD) error { _, err := c.NodeGet(ctx, id); return err })
	}
	reads = append(reads, func(ctx context.Context, c *ConfD) error { _, err := c.DBInfo(ctx, "DB1"); return err })
	for i := range 10 {
		name := fmt.Sprintf("S%d", i)
		acctest.Exec(b, s, "db_backup_add_schedule", map[string]any{"db_name": "DB1", "backup_name": name, "backup_volume_name": "Backups", "level": 0})
		reads = append(reads, func(ctx context.Context, c *ConfD) error { _, err := c.BackupSchedule(ctx, "DB1", name); return err })
	}
	for i := range 20 {
		name := fmt.Sprintf("A%d", i)
		acctest.Exec(b, s, "st_volume_create", map[string]any{"name": name, "type": "archive", "disk": "disk1", "size": "16 MiB", "nodes": []int{11}, "redundancy": 1})
		reads = append(reads, func(ctx context.Context, c *ConfD) error { _, err := c.VolumeInfo(ctx, name); return err })
	}
	ctx := context.Background()
	c0 := s.Calls()
	b.ResetTimer()
	for range b.N {
		c := benchClient(b, s)
		work := make(chan func(context.Context, *ConfD) error)
		var wg sync.WaitGroup
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := range work {
					if err := r(ctx, c); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for _, r := range reads {
			work <- r
		}
		close(work)
		wg.Wait()
	}
	b.ReportMetric(float64(s.Calls()-c0)/float64(b.N*len(reads)), "calls/read")
}
