package cluster

import (
	"slices"
	"time"
)

// SetPluginService starts (run) or stops a plugin's service on a node; it
// reports whether the service ran before. node is whatever id the front end
// uses (EXAoperation's license server has none in the model), so the front
// end checks that the node exists and is up.
func (c *Cluster) SetPluginService(plugin string, node int, run bool) (bool, error) {
	var was bool
	err := c.do(false, func(st *State, now time.Time) error {
		if !slices.Contains(st.Plugins, plugin) {
			return notFound("plugin '%s'", plugin)
		}
		ids := st.PluginServices[plugin]
		was = slices.Contains(ids, node)
		switch {
		case run && !was:
			ids = append(ids, node)
			slices.Sort(ids)
		case !run && was:
			ids = slices.DeleteFunc(ids, func(x int) bool { return x == node })
		default:
			return nil
		}
		if st.PluginServices == nil {
			st.PluginServices = map[string][]int{}
		}
		st.PluginServices[plugin] = ids
		return nil
	})
	return was, err
}

// PluginRunning tells whether a plugin's service runs on a node.
func (s *State) PluginRunning(plugin string, node int) bool {
	return slices.Contains(s.PluginServices[plugin], node)
}
