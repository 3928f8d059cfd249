package units

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParseConnectionString reads the address a database reports ("connection
// string" in db_info): "host:port", a comma-separated list of hosts, or
// Exasol's range notation for consecutive IPv4 addresses, as in
// "10.10.10.11..13:8563" (hosts .11, .12 and .13).
func ParseConnectionString(s string) (hosts []string, port int, err error) {
	t := strings.TrimSpace(s)
	i := strings.LastIndexByte(t, ':')
	if i <= 0 || i == len(t)-1 {
		return nil, 0, fmt.Errorf("connection string %q: expected HOSTS:PORT, e.g. \"10.10.10.11..13:8563\"", s)
	}
	port, err = strconv.Atoi(t[i+1:])
	if err != nil || port < 1 || port > 65535 {
		return nil, 0, fmt.Errorf("connection string %q: %q is not a port number", s, t[i+1:])
	}
	for _, part := range strings.Split(t[:i], ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, 0, fmt.Errorf("connection string %q has an empty host", s)
		}
		expanded, err := expandRange(part)
		if err != nil {
			return nil, 0, fmt.Errorf("connection string %q: %w", s, err)
		}
		hosts = append(hosts, expanded...)
	}
	return hosts, port, nil
}

// expandRange turns "10.10.10.11..13" into the three addresses it names.
func expandRange(h string) ([]string, error) {
	first, last, ok := strings.Cut(h, "..")
	if !ok {
		if strings.ContainsAny(h, " /") {
			return nil, fmt.Errorf("%q is not a host", h)
		}
		return []string{h}, nil
	}
	ip := net.ParseIP(first).To4()
	if ip == nil {
		return nil, fmt.Errorf("range %q must start with an IPv4 address", h)
	}
	end, err := strconv.Atoi(last)
	if err != nil || end < int(ip[3]) || end > 255 {
		return nil, fmt.Errorf("range %q must end with a last octet from %d to 255", h, ip[3])
	}
	var out []string
	for o := int(ip[3]); o <= end; o++ {
		out = append(out, net.IPv4(ip[0], ip[1], ip[2], byte(o)).String())
	}
	return out, nil
}
