package cluster

import "github.com/exacluster/terraform-provider-exasol/internal/units"

// Sizes are parsed and rendered by internal/units, the same code the provider
// validates plans with, so that what a plan accepts the cluster accepts too.
// The simulator stores bytes and renders the canonical form ("2048 MiB" is
// stored as 2 GiB and shown as "2 GiB").

// ParseSize reads "<number>[ ]<unit>" with a binary unit; a bad size is an
// invalid-argument refusal.
func ParseSize(s string) (int64, error) {
	n, err := units.ParseSize(s)
	if err != nil {
		return 0, invalid("%s", err)
	}
	return n, nil
}

// FormatSize renders bytes with the largest binary unit that divides them.
func FormatSize(n int64) string { return units.FormatSize(n) }
