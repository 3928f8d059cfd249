package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/exacluster/terraform-provider-exasol/internal/acctest"
	"github.com/exacluster/terraform-provider-exasol/internal/sim"
)

// usage captures what --help prints.
func usage(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	_, _, _, perr := parseCommandLine([]string{"--help"})
	os.Stderr = stderr
	_ = w.Close()
	out, _ := io.ReadAll(r)
	if !errors.Is(perr, flag.ErrHelp) || exitCode(perr) != 0 {
		t.Fatalf("--help: %v (exit %d), want flag.ErrHelp and exit 0", perr, exitCode(perr))
	}
	return string(out)
}

// --help exits 0, and the flag table of the package comment (the command's
// documented contract) names every flag --help lists, and no other.
func TestHelpAndFlagTable(t *testing.T) {
	help := usage(t)
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src[:bytes.Index(src, []byte("package main"))])
	listed := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`).FindAllStringSubmatch(help, -1)
	if len(listed) < 20 {
		t.Fatalf("--help lists %d flags:\n%s", len(listed), help)
	}
	for _, m := range listed {
		if !regexp.MustCompile(`--` + regexp.QuoteMeta(m[1]) + `\b`).MatchString(doc) {
			t.Errorf("the flag table in main.go lacks --%s", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^//\t--([a-z0-9-]+)`).FindAllStringSubmatch(doc, -1) {
		if !strings.Contains(help, "  -"+m[1]) {
			t.Errorf("the flag table names --%s, which --help does not list", m[1])
		}
	}
	if !strings.Contains(help, "exasol-sim job|call") {
		t.Errorf("--help does not mention the subcommands:\n%s", help)
	}
}

func startReady(t *testing.T, api string) string {
	t.Helper()
	s := acctest.Start(t, acctest.Options(sim.Options{Nodes: 1, TimeScale: 0, API: api}))
	ready := filepath.Join(t.TempDir(), "ready.json")
	if err := s.WriteReadyFile(ready); err != nil {
		t.Fatal(err)
	}
	return ready
}

// exasol-sim job runs one ConfD job on a running simulator, from its ready
// file (flag or EXASOL_SIM_READY_FILE), and fails when the job does.
func TestJobCommand(t *testing.T) {
	ready := startReady(t, sim.APIConfD)
	run := func(args ...string) (string, error) {
		var out, errw bytes.Buffer
		err := runClientCommand("job", args, &out, &errw)
		return out.String(), err
	}
	if _, err := run("--ready-file", ready, "remote_volume_add", "vol_type=s3", "url=https://b.s3.example.com",
		"remote_volume_name=R1", "remote_volume_id=10005", "options=[\"timeout=30\"]"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXASOL_SIM_READY_FILE", ready)
	out, err := run("remote_volume_info", "remote_volume_name=R1")
	if err != nil || !strings.Contains(out, `"timeout=30"`) || !strings.Contains(out, "10005") {
		t.Fatalf("remote_volume_info: %v\n%s", err, out)
	}
	if _, err := run("remote_volume_info", "remote_volume_name=Nope"); err == nil || !strings.Contains(err.Error(), "failed (result_code") {
		t.Fatalf("a failing job must fail the command, got %v", err)
	}
	if err := runClientCommand("call", []string{".", "getDatabaseList"}, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "serves ConfD") {
		t.Fatalf("call on ConfD: %v", err)
	}
	t.Setenv("EXASOL_SIM_READY_FILE", "")
	if _, err := run("db_list"); err == nil || !strings.Contains(err.Error(), "no ready file") {
		t.Fatalf("without a ready file: %v", err)
	}
}

// exasol-sim call calls one method of an EXAoperation object.
func TestCallCommand(t *testing.T) {
	ready := startReady(t, sim.APIEXAoperation)
	var out bytes.Buffer
	if err := runClientCommand("call", []string{"--ready-file", ready, ".", "getNodeList"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "n0011") {
		t.Fatalf("getNodeList: %s", out.String())
	}
	if err := runClientCommand("job", []string{"--ready-file", ready, "db_list"}, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "serves EXAoperation") {
		t.Fatalf("job on EXAoperation: %v", err)
	}
}

func TestArgValue(t *testing.T) {
	for in, want := range map[string]any{"14": int64(14), "true": true, `"14"`: "14", "https://x": "https://x", "a,b": "a,b"} {
		if got := argValue(in); got != want {
			t.Errorf("argValue(%q) = %#v, want %#v", in, got, want)
		}
	}
	if l, ok := argValue("[11,12]").([]any); !ok || len(l) != 2 || l[0] != int64(11) {
		t.Errorf("argValue([11,12]) = %#v", argValue("[11,12]"))
	}
}
