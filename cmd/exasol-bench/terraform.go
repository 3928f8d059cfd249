package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tf runs the project-local Terraform CLI in one working directory, with a
// dev_overrides CLI config that points at the built provider, so nothing is
// installed or downloaded (no `terraform init`, like scripts/demo.sh).
type tf struct {
	bin      string   // Terraform CLI
	provider string   // provider binary (its directory is the dev override)
	dir      string   // working directory (configuration and state)
	env      []string // EXASOL_* of the simulator, on top of the base environment
}

// tfRun is what one Terraform command cost.
type tfRun struct {
	Wall       time.Duration
	CPU        time.Duration // user+sys of terraform and the plugins it waited for
	ExitCode   int
	ProviderKB int64 // peak RSS (VmHWM) of the largest provider process seen
	Providers  int   // provider processes seen
	// ProviderCPU is the user+sys CPU of the provider processes (part of
	// CPU), as last sampled before each exited.
	ProviderCPU time.Duration
	Output      string `json:"-"` // stdout and stderr
	Stdout      string `json:"-"`
}

// writeCLIConfig writes the dev_overrides CLI config into dir: the exasol
// provider from its build directory, benchnull from nullDir.
func writeCLIConfig(dir, providerBin, nullDir string) (string, error) {
	path := filepath.Join(dir, "cli.tfrc")
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
    %q = %q
  }
  direct {}
}
`, providerSource, filepath.Dir(providerBin), nullSource, nullDir)
	return path, os.WriteFile(path, []byte(cfg), 0o644)
}

const providerSource = "registry.terraform.io/exacluster/exasol"

// baseEnv is the caller's environment without the variables that would make
// Terraform log, use another CLI config or plugin cache, or reach the
// network for a version check.
func baseEnv(cliConfig string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "EXASOL_") || k == "CHECKPOINT_DISABLE" {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
}

// profiled is t with the provider writing pprof profiles into dir (the
// provider's EXASOL_PROVIDER_PROFILE_DIR, profile.go).
func (t *tf) profiled(dir string) *tf {
	c := *t
	c.env = append(slices.Clone(t.env), "EXASOL_PROVIDER_PROFILE_DIR="+dir)
	return &c
}

// run runs terraform with args; a non-zero exit is an error unless allowed
// lists it (plan -detailed-exitcode exits 2 when there are changes).
// sampleRSS follows the provider processes Terraform starts.
func (t *tf) run(ctx context.Context, sampleRSS bool, allowed []int, args ...string) (tfRun, error) {
	cmd := exec.CommandContext(ctx, t.bin, append([]string{"-chdir=" + t.dir}, args...)...)
	cmd.Env = t.env
	var out, stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, &stdout), &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return tfRun{}, err
	}
	var (
		sampler *rssSampler
		done    = make(chan struct{})
		wg      sync.WaitGroup
	)
	if sampleRSS {
		sampler = &rssSampler{parent: cmd.Process.Pid, exe: t.provider, peak: map[int]int64{}}
		wg.Add(1)
		go func() { defer wg.Done(); sampler.loop(done) }()
	}
	err := cmd.Wait()
	r := tfRun{Wall: time.Since(start), Output: out.String(), Stdout: stdout.String()}
	close(done)
	wg.Wait()
	if sampler != nil {
		r.ProviderKB, r.Providers, r.ProviderCPU = sampler.max()
	}
	if ps := cmd.ProcessState; ps != nil {
		r.CPU = ps.UserTime() + ps.SystemTime()
		r.ExitCode = ps.ExitCode()
	}
	if err != nil {
		for _, a := range allowed {
			if r.ExitCode == a {
				return r, nil
			}
		}
		return r, fmt.Errorf("terraform %s in %s: %v\n%s", strings.Join(args, " "), t.dir, err, tail(r.Output, 60))
	}
	return r, nil
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > lines {
		ls = append([]string{"…"}, ls[len(ls)-lines:]...)
	}
	return strings.Join(ls, "\n")
}

// rssSampler polls /proc for children of the Terraform process that run the
// provider binary and records each one's VmHWM (the kernel's peak resident
// set). VmHWM only grows, so the last sample before a process exits is its
// peak up to then; the interval bounds what can be missed after it.
type rssSampler struct {
	parent int
	exe    string
	mu     sync.Mutex
	peak   map[int]int64 // pid → VmHWM in KiB
	ticks  map[int]int64 // pid → utime+stime in clock ticks
}

const rssInterval = 10 * time.Millisecond

func (s *rssSampler) loop(done <-chan struct{}) {
	exe, _ := filepath.EvalSymlinks(s.exe)
	t := time.NewTicker(rssInterval)
	defer t.Stop()
	for {
		s.sample(exe)
		select {
		case <-done:
			return
		case <-t.C:
		}
	}
}

func (s *rssSampler) sample(exe string) {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || parentOf(pid) != s.parent {
			continue
		}
		if p, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); p != exe && p != s.exe {
			continue
		}
		if kb := vmHWM(pid); kb > 0 {
			ticks := cpuTicks(pid)
			s.mu.Lock()
			s.peak[pid] = max(s.peak[pid], kb)
			if s.ticks == nil {
				s.ticks = map[int]int64{}
			}
			s.ticks[pid] = max(s.ticks[pid], ticks)
			s.mu.Unlock()
		}
	}
}

func (s *rssSampler) max() (kb int64, n int, cpu time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.peak {
		kb = max(kb, v)
	}
	var ticks int64
	for _, t := range s.ticks {
		ticks += t
	}
	return kb, len(s.peak), time.Duration(ticks) * time.Second / clockTicks
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/<pid>/stat's
// times: 100 on every Linux architecture Go supports.
const clockTicks = 100

// cpuTicks is utime+stime of pid from /proc/<pid>/stat (fields 14 and 15,
// counted from the pid; after the last ')' they are the 12th and 13th).
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return u + st
}

// parentOf reads the parent pid from /proc/<pid>/stat ("pid (comm) state ppid …";
// comm may contain spaces and parentheses, so parse after the last ')').
func parentOf(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return -1
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

func vmHWM(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// selfCPU is the CPU time of this process so far: the in-process simulator
// answering the provider, which a real cluster would spend elsewhere.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
