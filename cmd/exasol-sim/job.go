package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/exacluster/terraform-provider-exasol/internal/sim"
	"github.com/exacluster/terraform-provider-exasol/internal/sim/rpc"
)

// The subcommands job and call change a running simulator behind
// Terraform's back, as an operator would change a cluster: the way to test
// that a module's plan shows drift. They read the simulator's ready file
// (--ready-file of the server, or EXASOL_SIM_READY_FILE) for its address,
// credentials and CA, and speak the interface it serves.

const jobUsage = `usage: exasol-sim job [--ready-file PATH] JOB [KEY=VALUE ...]
       exasol-sim call [--ready-file PATH] OBJECT METHOD [ARG ...]

job runs one ConfD job (job_exec) on a running simulator, e.g.
  exasol-sim job db_stop db_name=DB1
  exasol-sim job st_volume_add_label vname=DataVolume1 label=team:ops
and prints its result_output as JSON; it fails when the job does.
call calls one method of an EXAoperation object (the simulator started with
--api exaoperation), e.g.
  exasol-sim call db_DB1 stopDatabase
  exasol-sim call . getDatabaseList
OBJECT is below /cluster1 ("." is cluster1 itself).

A VALUE or ARG in JSON syntax (a number, true, false, null, [list] or
{object}, or a "quoted string") is sent as that value; anything else as a
string:
  nodes=[11,12]  id=14  enabled=true  url=https://b.s3.example.com  name='"14"' 
The ready file defaults to $EXASOL_SIM_READY_FILE.
`

// runClientCommand runs the subcommand cmd ("job" or "call").
func runClientCommand(cmd string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("exasol-sim "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, jobUsage) }
	ready := fs.String("ready-file", os.Getenv("EXASOL_SIM_READY_FILE"), "the simulator's ready file")
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *ready == "" {
		return errors.New("no ready file: pass --ready-file PATH (the file the simulator was started with) or set EXASOL_SIM_READY_FILE")
	}
	info, hc, err := readReady(*ready)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	rest := fs.Args()
	switch cmd {
	case "job":
		if len(rest) < 1 {
			return errors.New("job: name a ConfD job, e.g. exasol-sim job db_list")
		}
		if info.API == sim.APIEXAoperation {
			return errors.New("job: the simulator serves EXAoperation; use exasol-sim call OBJECT METHOD")
		}
		params := map[string]any{}
		for _, kv := range rest[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" {
				return fmt.Errorf("job: %q is not KEY=VALUE", kv)
			}
			params[k] = argValue(v)
		}
		callArgs := []any{rest[0]}
		if len(params) > 0 {
			callArgs = append(callArgs, map[string]any{"params": params})
		}
		env, err := callAny(ctx, hc, info, info.Endpoints, "job_exec", callArgs)
		if err != nil {
			return err
		}
		m, _ := env.(map[string]any)
		out, _ := json.MarshalIndent(m["result_output"], "", "  ")
		fmt.Fprintln(stdout, string(out))
		if code := fmt.Sprint(m["result_code"]); code != "0" {
			return fmt.Errorf("job %s failed (result_code %s, %v): %v", rest[0], code, m["result_name"], m["result_desc"])
		}
		return nil
	default: // call
		if len(rest) < 2 {
			return errors.New("call: name an object and a method, e.g. exasol-sim call . getDatabaseList")
		}
		if info.API != sim.APIEXAoperation {
			return errors.New("call: the simulator serves ConfD; use exasol-sim job JOB KEY=VALUE")
		}
		url := strings.TrimSuffix(info.URL, "/")
		if obj := strings.Trim(rest[0], "/"); obj != "." && obj != "" {
			url += "/" + obj
		}
		var callArgs []any
		for _, a := range rest[2:] {
			callArgs = append(callArgs, argValue(a))
		}
		v, err := callAny(ctx, hc, info, []string{url}, rest[1], callArgs)
		if err != nil {
			return err
		}
		out, _ := json.MarshalIndent(v, "", "  ")
		fmt.Fprintln(stdout, string(out))
		return nil
	}
}

// argValue reads a value in JSON syntax as that value, anything else as a
// string. JSON numbers become int64 where whole (XML-RPC int).
func argValue(s string) any {
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(&v); err != nil || d.More() {
		return s
	}
	return fromJSON(v) // a JSON string ("14") is that string
}

func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = fromJSON(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = fromJSON(x[k])
		}
	}
	return v
}

func readReady(path string) (sim.Ready, *http.Client, error) {
	var info sim.Ready
	data, err := os.ReadFile(path)
	if err != nil {
		return info, nil, fmt.Errorf("ready file: %w (is the simulator running with --ready-file %s?)", err, path)
	}
	if err := json.Unmarshal(data, &info); err != nil || len(info.Endpoints) == 0 {
		return info, nil, fmt.Errorf("ready file %s: not a simulator's ready file (%v)", path, err)
	}
	pem, err := os.ReadFile(info.CACertFile)
	if err != nil {
		return info, nil, fmt.Errorf("the simulator's CA: %w", err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	return info, &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}, nil
}

// callAny tries the URLs in turn (with --node-addresses only the master
// answers jobs) and returns the first answer.
func callAny(ctx context.Context, hc *http.Client, info sim.Ready, urls []string, method string, args []any) (any, error) {
	var errs []error
	for _, u := range urls {
		c := &rpc.Client{URL: u, HTTP: hc, User: info.Username, Password: info.Password}
		v, err := c.Call(ctx, method, args...)
		if err == nil {
			return v, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", u, err))
	}
	return nil, errors.Join(errs...)
}
