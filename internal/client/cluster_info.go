package client

import "context"

// InstalledVersions lists the database versions the cluster can run; nil
// without an error when the cluster does not say.
func (c *ConfD) InstalledVersions(ctx context.Context) ([]string, error) {
	r, err := c.exec(ctx, installedVersionsJob, nil)
	if err != nil {
		if !Unreachable(err) && unsupported(err) {
			return nil, nil
		}
		return nil, err
	}
	return fields{"l": r.Output}.strs("l"), nil
}

// FreeSpace reads st_node_list: the free space of every disk, by node name
// ("n11"). nil without an error when the cluster does not report it.
func (c *ConfD) FreeSpace(ctx context.Context) (map[string]DiskFree, error) {
	r, err := c.exec(ctx, storageNodesJob, nil)
	if err != nil {
		if !Unreachable(err) && unsupported(err) {
			return nil, nil
		}
		return nil, err
	}
	out := map[string]DiskFree{}
	for _, item := range asFields(r.Output) {
		f := asFields(item)
		name := f.str("name")
		if name == "" {
			continue
		}
		free := DiskFree{}
		for disk, size := range f.sub("hdd_free_space") {
			if sp, ok := roundedSize(asString(size)); ok {
				free[disk] = sp
			}
		}
		out[name] = free
	}
	return out, nil
}
