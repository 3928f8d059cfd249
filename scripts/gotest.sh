#!/usr/bin/env bash
# Runs `go test ./...` verbosely into a log file, streams the per-package
# result lines, prints the output of failed tests (and build errors / panics)
# afterwards, and ends with a one-line summary.
#
# Called by `make testacc` (and `make test`), which sets TF_ACC and the
# TF_ACC_* variables. Extra arguments are passed to go test, e.g.
#   make testacc TESTARGS='-run TestAccDatabase ./internal/provider/...'
# (when a package pattern is given, ./... is not added).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

GO="${GO:-go}"
log="${TEST_LOG:-$root/.tools/test.log}"
timeout="${TEST_TIMEOUT:-20m}"
procs="${TEST_P:-2}"
mkdir -p "$(dirname "$log")"

export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
# A CLI configuration file that is named but missing makes OpenTofu print a
# warning on stdout, before its version, which the test harness then cannot
# parse: the default (none) is what such a setting means anyway.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then unset TF_CLI_CONFIG_FILE; fi

# Package patterns among the arguments? Otherwise test everything.
pkgs=(./...)
for a in "$@"; do
	case "$a" in
	./* | github.com/*) pkgs=() ;;
	esac
done

echo "go test: TF_ACC=${TF_ACC:-} TF_ACC_TERRAFORM_PATH=${TF_ACC_TERRAFORM_PATH:-} -p $procs -timeout $timeout"
echo "go test: verbose log: $log"

# The acceptance suite runs once per management interface (issue 5): first
# everything against ConfD, then the provider's tests again against the
# simulator's EXAoperation face (EXASOL_TEST_API). TEST_APIS=confd skips the
# second pass.
apis="${TEST_APIS:-confd exaoperation}"
: >"$log"
rc=0
first=1
for api in $apis; do
	run_pkgs=("${pkgs[@]}")
	if [ "$first" -eq 0 ]; then
		[ -n "${TF_ACC:-}" ] || break # without acceptance tests a second pass adds nothing
		if [ "${pkgs[*]}" = "./..." ]; then run_pkgs=(./internal/provider/...); fi
	fi
	echo "go test: management interface $api: ${run_pkgs[*]}"
	set +e
	EXASOL_TEST_API="$api" "$GO" test "${run_pkgs[@]}" -count=1 -timeout "$timeout" -p "$procs" -v "$@" 2>&1 |
		tee -a "$log" |
		grep --line-buffered -E '^(ok|FAIL|\?)[[:space:]]|^FAIL$|^--- FAIL: |^panic: '
	r=${PIPESTATUS[0]}
	set -e
	[ "$r" -eq 0 ] || rc=$r
	first=0
done

count() { grep -Ec "$1" "$log" || true; }
passed=$(count '^[[:space:]]*--- PASS: ')
failed=$(count '^[[:space:]]*--- FAIL: ')
skipped=$(count '^[[:space:]]*--- SKIP: ')
failed_pkgs=$(count '^FAIL[[:space:]]')

if [ "$rc" -ne 0 ]; then
	echo
	echo "================ failure details (full log: $log) ================"
	awk '
		function reset() { split("", buf); cur = ""; inpanic = 0; inbuild = 0 }
		BEGIN { reset(); maxpanic = 200 }
		# Compiler/vet errors ("# pkg" then file:line: lines) end where test output starts.
		inbuild && /^(=== |--- |    |PASS$|FAIL|ok[ \t]|\?[ \t])/ { inbuild = 0 }
		/^(ok|\?)[ \t]/ { reset(); next }
		/^FAIL[ \t]/ { print; print ""; reset(); next }
		/^FAIL$/ { next }
		/^=== (RUN|CONT|NAME|PAUSE)/ { t = $3; sub(/\/.*/, "", t); cur = t; next }
		/^--- FAIL: / {
			t = $3
			print "---------- " t " ----------"
			printf "%s", buf[t]
			print
			buf[t] = ""
			next
		}
		/^ +--- FAIL: / && !inpanic { print; next }
		/^panic: / {
			inpanic = 1; npanic = 0
			if (cur != "" && buf[cur] != "") { print "---------- " cur " (panicked) ----------"; printf "%s", buf[cur] }
		}
		/^# / { inbuild = 1 }
		inpanic { if (npanic++ < maxpanic) print; else if (npanic == maxpanic + 1) print "... (panic output truncated, see log)"; next }
		inbuild { print; next }
		cur != "" { buf[cur] = buf[cur] $0 "\n" }
	' "$log"
	echo "=================================================================="
fi

if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then
	echo "go test: warning: no test passed (only skipped or none at all)"
fi
if [ "$rc" -ne 0 ]; then
	echo "go test: FAILED (exit $rc, $failed_pkgs package(s) failed)"
fi
summary="tests: $passed passed, $failed failed, $skipped skipped"
echo "$summary" | tee "${TEST_SUMMARY:-$(dirname "$log")/test-summary.txt}"
exit "$rc"
