package exaop

import (
	"slices"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim/cluster"
)

func init() {
	register(kindLog, map[string]*method{
		// guess: the logservice's settings (fact: the keys)
		"getProperties": {help: "Function returns a dictionary that describes an object.",
			run: func(x *call) (any, error) { return logProperties(x), nil }},
		"logEntries": {help: "Fetch messages collected by this logservice.",
			run: func(x *call) (any, error) { return logAnswer(x.st.Events), nil }},
		"logFetchEntries": {sig: "start:list halt:list [errlevel:str] [priority:any]",
			help: "Fetch log entries from the Logd service. start, halt: (yyyy, mm, dd, hh, mi, ss, msec).",
			run: func(x *call) (any, error) {
				from, err := logTime(x.list(0))
				if err != nil {
					return nil, err
				}
				to, err := logTime(x.list(1))
				if err != nil {
					return nil, err
				}
				var es []cluster.Event
				for _, e := range x.st.Events {
					if !e.At.Before(from) && !e.At.After(to) {
						es = append(es, e)
					}
				}
				return logAnswer(es), nil
			}},
	})
}

// logProperties are the logservice's settings (fact: the keys; guess: the values).
func logProperties(x *call) map[string]any {
	return map[string]any{
		"default_interval": "", "description": "exasol-sim", "priority": "Information",
		"exaclusteros_services": []string{cluster.EventSystemCluster, "DWAd", "Lockd", "Load", cluster.EventSystemStorage},
		"exasolution_systems":   dbNames(x.st, ""), "remote_syslog_protocol": "", "remote_syslog_server": "",
	}
}

// logAnswer is [0, count, entries newest first] (see guesses.go).
func logAnswer(es []cluster.Event) []any {
	out := []map[string]any{}
	for _, e := range slices.Backward(es) {
		out = append(out, logEntry(e))
	}
	return []any{0, len(out), out}
}

// logTime reads (yyyy, mm, dd, hh, mi, ss, msec) in the cluster's zone.
func logTime(t []any) (time.Time, error) {
	var f [7]int
	if len(t) < 6 || len(t) > 7 {
		return time.Time{}, usage("a time must be (yyyy, mm, dd, hh, mi, ss, msec)")
	}
	for i, v := range t {
		n, err := convert("int", v)
		if err != nil {
			return time.Time{}, usage("a time must be (yyyy, mm, dd, hh, mi, ss, msec) of numbers")
		}
		f[i] = n.(int)
	}
	return time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], f[6]*int(time.Millisecond), cluster.Zone), nil
}
