#!/usr/bin/env bash
# Generates (or checks) docs/ with tfplugindocs, fully offline.
#
#   scripts/docs.sh generate   rewrite docs/ in the work tree   (make docs)
#   scripts/docs.sh check      generate into a temporary copy and fail if it
#                              differs from docs/; then tfplugindocs validate
#                              (make docs-check)
#
# tfplugindocs would normally build the provider and download a Terraform CLI.
# Instead the schema is exported in process by internal/docschema/export
# (the provider server answering GetProviderSchema and
# GetResourceIdentitySchemas, converted the way `terraform providers schema
# -json` converts it) and handed to tfplugindocs with --providers-schema.
# The pinned Terraform 1.8.5 could export the schema too, but it predates
# actions, list resources, resource identity and write-only attributes and
# would leave them out of the docs; internal/docschema's TestMatchesTerraform
# checks that both exports agree on the rest. Run it through make, which
# installs the inputs:
#   TFPLUGINDOCS  tfplugindocs binary    (default .tools/bin/tfplugindocs)
#   GO            Go toolchain           (default go)
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

TFPLUGINDOCS="${TFPLUGINDOCS:-$root/.tools/bin/tfplugindocs}"
GO="${GO:-go}"

# The names tfplugindocs should use.
PROVIDER_NAME="exasol"
RENDERED_PROVIDER_NAME="Exasol"

if [ ! -x "$TFPLUGINDOCS" ]; then
	echo "docs: missing $TFPLUGINDOCS (run this through 'make docs' / 'make docs-check')" >&2
	exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/exasol-docs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

export CHECKPOINT_DISABLE=1
unset TF_LOG TF_PLUGIN_CACHE_DIR

# 1. Export the provider schema in process, without Terraform or a network.
#    tfplugindocs looks the schema up as "<name>", hence -name.
if ! "$GO" run ./internal/docschema/export -name "$PROVIDER_NAME" >"$tmp/schema.json" 2>"$tmp/schema.err"; then
	echo "docs: exporting the provider schema failed:" >&2
	cat "$tmp/schema.err" >&2
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
