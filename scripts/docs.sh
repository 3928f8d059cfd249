#!/usr/bin/env bash
# Generates (or checks) docs/ with tfplugindocs, fully offline.
#
#   scripts/docs.sh generate   rewrite docs/ in the work tree   (make docs)
#   scripts/docs.sh check      generate into a temporary copy and fail if it
#                              differs from docs/; then tfplugindocs validate
#                              (make docs-check)
#
# tfplugindocs would normally build the provider and download a Terraform CLI.
# Instead the schema is exported here with the project-local Terraform and a
# dev_overrides CLI config pointing at the freshly built provider binary, and
# handed to tfplugindocs with --providers-schema. Run it through make, which
# builds/installs the inputs:
#   TERRAFORM     Terraform CLI          (default .tools/bin/terraform)
#   TFPLUGINDOCS  tfplugindocs binary    (default .tools/bin/tfplugindocs)
#   PROVIDER_BIN  built provider binary  (default .tools/provider/terraform-provider-exasol)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode="${1:-generate}"
case "$mode" in
generate | check) ;;
*)
	echo "usage: $0 [generate|check]" >&2
	exit 2
	;;
esac

TERRAFORM="${TERRAFORM:-$root/.tools/bin/terraform}"
TFPLUGINDOCS="${TFPLUGINDOCS:-$root/.tools/bin/tfplugindocs}"
PROVIDER_BIN="${PROVIDER_BIN:-$root/.tools/provider/terraform-provider-exasol}"

# Registry address used in configurations and in the dev override, and the
# names tfplugindocs should use.
PROVIDER_SOURCE="registry.terraform.io/exasol-labs/exasol"
PROVIDER_NAME="exasol"
RENDERED_PROVIDER_NAME="Exasol"

for f in "$TERRAFORM" "$TFPLUGINDOCS" "$PROVIDER_BIN"; do
	if [ ! -x "$f" ]; then
		echo "docs: missing $f (run this through 'make docs' / 'make docs-check')" >&2
		exit 1
	fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/exasol-docs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
unset TF_LOG TF_PLUGIN_CACHE_DIR

# 1. Export the provider schema without touching the network.
cat >"$tmp/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "$PROVIDER_SOURCE" = "$(dirname "$PROVIDER_BIN")"
  }
  direct {}
}
EOF
mkdir -p "$tmp/schema"
cat >"$tmp/schema/main.tf" <<'EOF'
terraform {
  required_providers {
    exasol = {
      source = "exasol-labs/exasol"
    }
  }
}
EOF
# With dev_overrides no `terraform init` is needed (and init would try to
# reach the registry for the overridden provider's metadata).
if ! TF_CLI_CONFIG_FILE="$tmp/cli.tfrc" TF_DATA_DIR="$tmp/schema/.terraform" \
	"$TERRAFORM" -chdir="$tmp/schema" providers schema -json >"$tmp/schema.raw.json" 2>"$tmp/schema.err"; then
	echo "docs: 'terraform providers schema -json' failed:" >&2
	cat "$tmp/schema.err" >&2
	exit 1
fi
# tfplugindocs only looks the schema up as "<name>" or
# "registry.terraform.io/hashicorp/<name>", so re-key it.
sed "s#\"$PROVIDER_SOURCE\"#\"$PROVIDER_NAME\"#" "$tmp/schema.raw.json" >"$tmp/schema.json"
if ! grep -q "\"$PROVIDER_NAME\":" "$tmp/schema.json"; then
	echo "docs: provider $PROVIDER_SOURCE not found in the exported schema" >&2
	exit 1
fi

generate() { # provider dir
	"$TFPLUGINDOCS" generate \
		--provider-dir "$1" \
		--provider-name "$PROVIDER_NAME" \
		--rendered-provider-name "$RENDERED_PROVIDER_NAME" \
		--providers-schema "$tmp/schema.json" \
		--website-temp-dir "$tmp/website"
}

validate() { # provider dir
	"$TFPLUGINDOCS" validate \
		--provider-dir "$1" \
		--provider-name "$PROVIDER_NAME" \
		--providers-schema "$tmp/schema.json"
}

# Generate into a copy of the inputs (so a failure never leaves a half
# written docs/ behind), then either install the result or compare it.
site="$tmp/site"
mkdir -p "$site"
for d in templates examples docs; do
	if [ -d "$d" ]; then cp -R "$d" "$site/$d"; fi
done
generate "$site" >"$tmp/generate.log" 2>&1 || {
	cat "$tmp/generate.log" >&2
	echo "docs: tfplugindocs generate failed" >&2
	exit 1
}
mkdir -p "$site/docs"

if [ "$mode" = generate ]; then
	rm -rf docs
	cp -R "$site/docs" docs
	validate "$root" >"$tmp/validate.log" 2>&1 || {
		cat "$tmp/validate.log" >&2
		echo "docs: tfplugindocs validate failed" >&2
		exit 1
	}
	echo "docs: regenerated docs/ ($(find docs -type f | wc -l) files)"
	exit 0
fi

if [ ! -d docs ]; then
	echo "docs: docs/ does not exist; run 'make docs' and commit the result" >&2
	exit 1
fi
if ! diff -ruN docs "$site/docs" >"$tmp/docs.diff"; then
	echo "docs: docs/ is out of date; run 'make docs' and commit the result. Difference:" >&2
	sed -e "s#$site/docs#generated#" -e '200q' "$tmp/docs.diff" >&2
	n=$(wc -l <"$tmp/docs.diff")
	if [ "$n" -gt 200 ]; then echo "... ($((n - 200)) more diff lines)" >&2; fi
	exit 1
fi
validate "$root" >"$tmp/validate.log" 2>&1 || {
	cat "$tmp/validate.log" >&2
	echo "docs: tfplugindocs validate failed" >&2
	exit 1
}
echo "docs: docs/ is up to date and valid"
