#!/usr/bin/env bash
# End-to-end demo: runs examples/demo against the Exasol simulator.
#
#   1. builds the simulator (cmd/exasol-sim) and starts it on a free loopback
#      port, its job log (stderr) going to a file;
#   2. waits (bounded) for its ready file and sources its env file
#      (EXASOL_ENDPOINTS, EXASOL_USERNAME, EXASOL_PASSWORD, EXASOL_CA_CERT_FILE);
#   3. copies examples/demo to a temporary working directory and, with a
#      dev_overrides CLI config pointing at the freshly built provider, runs
#      terraform apply, a second plan that must report no changes, and destroy;
#   4. prints the simulator's job log in order, and always stops the simulator.
#
# Run it with `make demo`, which builds the provider and installs Terraform:
#   TERRAFORM     Terraform CLI          (default .tools/bin/terraform)
#   PROVIDER_BIN  built provider binary  (default .tools/provider/terraform-provider-exasol)
#   DEMO_KEEP=1   keep the temporary directory (state, logs) for inspection
#   DEMO_API      the simulator's management interface: confd (default) or
#                 exaoperation; the provider detects it
#   SIM_READY_TIMEOUT  seconds to wait for the simulator (default 60)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

GO="${GO:-go}"
TERRAFORM="${TERRAFORM:-$root/.tools/bin/terraform}"
PROVIDER_BIN="${PROVIDER_BIN:-$root/.tools/provider/terraform-provider-exasol}"
PROVIDER_SOURCE="registry.terraform.io/exacluster/exasol"
SIM_READY_TIMEOUT="${SIM_READY_TIMEOUT:-60}"
DEMO_API="${DEMO_API:-confd}"

for f in "$TERRAFORM" "$PROVIDER_BIN"; do
	if [ ! -x "$f" ]; then
		echo "demo: missing $f (run this through 'make demo')" >&2
		exit 1
	fi
done
if [ ! -d examples/demo ]; then
	echo "demo: examples/demo does not exist" >&2
	exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/exasol-demo.XXXXXX")"
sim_pid=""
sim_log="$tmp/sim.log"

step() { printf '\n==> %s\n' "$*"; }

print_sim_log() {
	[ -s "$sim_log" ] || return 0
	step "simulator job log (in order)"
	# exasol-sim logs one "job <id> <source> <name> <params> code=<n>" line
	# per job; show those if there are any, else the whole log.
	if grep -q '^job ' "$sim_log"; then
		grep '^job ' "$sim_log"
		# The same, without reads (ConfD's *_info, *_list, *_state,
		# *_progress; EXAoperation's object.get*, list*, state*, …).
		echo
		echo "changing jobs in order:"
		awk '$1 == "job" { m = $4; sub(/.*\./, "", m) }
			$1 == "job" && $4 !~ /_(info|list|state|progress)$/ &&
			m !~ /^(get|list|show|state|exist|running|serviceIsOnline|storageHasQuorum|logEntries|logFetch)/ {
				printf "  %s %s (%s)\n", $2, $4, $NF }' "$sim_log"
	else
		cat "$sim_log"
	fi
}

cleanup() {
	local rc=$?
	if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
		kill "$sim_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$sim_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$sim_pid" 2>/dev/null || true
		wait "$sim_pid" 2>/dev/null || true
	fi
	if [ "$rc" -ne 0 ]; then
		echo >&2
		echo "demo: FAILED (exit $rc)" >&2
		if [ -s "$sim_log" ]; then
			echo "demo: last simulator log lines ($sim_log):" >&2
			tail -n 40 "$sim_log" >&2
		fi
	fi
	if [ "${DEMO_KEEP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
		echo "demo: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
unset TF_LOG TF_PLUGIN_CACHE_DIR TF_WORKSPACE

step "building simulator"
sim_bin="$tmp/exasol-sim"
"$GO" build -o "$sim_bin" ./cmd/exasol-sim

step "starting simulator"
mkdir -p "$tmp/sim-state"
"$sim_bin" \
	--listen 127.0.0.1:0 \
	--api "$DEMO_API" \
	--ready-file "$tmp/ready.json" \
	--env-file "$tmp/sim.env" \
	--state-dir "$tmp/sim-state" \
	>"$tmp/sim.stdout" 2>"$sim_log" &
sim_pid=$!

# Bounded wait for the ready file (written once the simulator listens).
deadline=$((SECONDS + SIM_READY_TIMEOUT))
until [ -s "$tmp/ready.json" ] && [ -s "$tmp/sim.env" ]; do
	if ! kill -0 "$sim_pid" 2>/dev/null; then
		echo "demo: simulator exited before becoming ready" >&2
		exit 1
	fi
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "demo: simulator not ready after ${SIM_READY_TIMEOUT}s" >&2
		exit 1
	fi
	sleep 0.2
done
echo "simulator ready (pid $sim_pid): $(tr -s ' \n' ' ' <"$tmp/ready.json")"

# shellcheck disable=SC1091
. "$tmp/sim.env"
for v in EXASOL_ENDPOINTS EXASOL_USERNAME EXASOL_PASSWORD; do
	if [ -z "${!v:-}" ]; then
		echo "demo: $v not set by the simulator's env file" >&2
		exit 1
	fi
done
echo "EXASOL_ENDPOINTS=$EXASOL_ENDPOINTS"

cat >"$tmp/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "$PROVIDER_SOURCE" = "$(dirname "$PROVIDER_BIN")"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$tmp/cli.tfrc"

work="$tmp/demo"
cp -R examples/demo "$work"
rm -rf "$work/.terraform" "$work"/terraform.tfstate* "$work/.terraform.lock.hcl"
tf() { "$TERRAFORM" -chdir="$work" "$@"; }
# The cluster settings and BucketFS of the demo are ConfD's (variable confd).
demo_vars=()
if [ "$DEMO_API" = exaoperation ]; then
	demo_vars=(-var confd=false)
fi

# No `terraform init`: with dev_overrides the provider needs no installation,
# and init would try to reach the registry.
step "terraform apply"
tf apply -input=false -no-color -auto-approve ${demo_vars[@]+"${demo_vars[@]}"}

step "terraform plan (must report no changes)"
set +e
tf plan -input=false -no-color -detailed-exitcode ${demo_vars[@]+"${demo_vars[@]}"}
plan_rc=$?
set -e
case "$plan_rc" in
0) echo "second plan: no changes" ;;
2)
	echo "demo: second plan is not empty (exit 2): the provider does not converge" >&2
	exit 1
	;;
*)
	echo "demo: second plan failed (exit $plan_rc)" >&2
	exit 1
	;;
esac

step "terraform destroy"
tf destroy -input=false -no-color -auto-approve ${demo_vars[@]+"${demo_vars[@]}"}

print_sim_log
step "demo: OK"
