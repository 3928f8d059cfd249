package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// guideFile is the testing guide's source; docs/guides/ is generated from it.
const guideFile = "templates/guides/testing-with-the-simulator.md.tmpl"

// shBlocks returns the guide's ```sh blocks in order: the commands a reader
// runs. (Output and file contents are in ```text, ```json or ```yaml blocks.)
func shBlocks(md string) []string {
	var out []string
	for _, m := range regexp.MustCompile("(?ms)^```sh\n(.*?)^```$").FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// Every command of the testing guide works verbatim, in order, on a fresh
// machine: a new HOME, a checkout of this repository as the working
// directory, the Terraform CLI on the PATH, and no network (GOPROXY=off; the
// module cache is the only source of modules, as after `go mod download`).
func TestGuideCommands(t *testing.T) {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tf == "" {
		t.Skip("TF_ACC and TF_ACC_TERRAFORM_PATH are needed: the guide runs the Terraform CLI")
	}
	if v, err := exec.Command(tf, "version").Output(); err != nil || !strings.HasPrefix(string(v), "Terraform ") {
		t.Skip("the guide is written for the Terraform CLI (its registry address and configuration file)")
	}
	md, err := os.ReadFile(guideFile)
	if err != nil {
		t.Fatal(err)
	}
	blocks := shBlocks(string(md))
	if len(blocks) < 6 {
		t.Fatalf("the guide has %d sh blocks", len(blocks))
	}
	script := "set -euo pipefail\nset -x\n" + strings.Join(blocks, "\n")

	home := t.TempDir()
	env := []string{
		"HOME=" + home,
		"PATH=" + filepath.Dir(tf) + ":" + filepath.Dir(goBinary(t)) + ":/usr/local/bin:/usr/bin:/bin",
		"CHECKPOINT_DISABLE=1",
		"GOPROXY=off",
	}
	// The Go caches stay where they are (a fresh machine would fill them by
	// downloading; here nothing may be downloaded).
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOTOOLCHAIN"} {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, k+"="+strings.TrimSpace(string(out)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	// Whatever happened, nothing the guide started outlives the test.
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	}
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(home, "sim", "log"))
		t.Fatalf("the guide's commands failed: %v\n%s\nsimulator log:\n%s", err, out.String(), log)
	}
	for _, want := range []string{"usage: exasol-sim", `"api": "confd"`, "Apply complete!", "No changes.",
		`"setup"`, "2 passed, 0 failed."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the guide's output lacks %q:\n%s", want, out.String())
		}
	}
}

func goBinary(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
