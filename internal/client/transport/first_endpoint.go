package transport

// FirstEndpoint is the first endpoint of the configuration ("" when none):
// where the client says a cluster's services (e.g. a bucket's URL) are
// reached.
func (c *Conn) FirstEndpoint() string {
	if len(c.cfg.Endpoints) == 0 {
		return ""
	}
	return c.cfg.Endpoints[0]
}
