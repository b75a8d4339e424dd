#!/usr/bin/env bash
# Checks what `npm publish` would ship of @anju/shared and @anju/matching-core: packs both (prepack builds
# them), lints each tarball with publint and @arethetypeswrong/cli, then compares the API report of every
# public entry (api-extractor) with the committed packages/*/etc/*.api.md. A changed public surface fails
# here until the report is updated: `pnpm check:packages --update` rewrites the reports, and the diff of
# etc/*.api.md shows the change in review. Run by scripts/test.sh (CI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

update=false
case "${1:-}" in
  --update) update=true ;;
  '') ;;
  *) echo "usage: scripts/check-packages.sh [--update]" >&2; exit 2 ;;
esac

packs="$(mktemp -d)"
trap 'rm -rf "$packs"' EXIT
for package in shared matching-core; do
  (cd "packages/$package" && pnpm --silent pack --pack-destination "$packs" >/dev/null)
done

for tarball in "$packs"/*.tgz; do
  echo "check-packages: $(basename "$tarball")"
  publint run --strict "$tarball"
  # node16 (Node's own resolution, and bundlers): `moduleResolution: node10` predates `exports` and cannot
  # see the subpath entries, so it is not checked.
  attw --profile node16 --format table-flipped --no-emoji --no-color "$tarball"
done

for config in packages/shared/api-extractor.json packages/matching-core/api-extractor*.json; do
  if [ "$update" = true ]; then
    api-extractor run --local --config "$config" >/dev/null
  elif ! api-extractor run --config "$config" >"$packs/api-extractor.log" 2>&1; then
    cat "$packs/api-extractor.log" >&2
    echo "check-packages: the public API of $(dirname "$config") changed; run \`pnpm check:packages --update\` and commit etc/*.api.md" >&2
    exit 1
  fi
done
echo "check-packages: publint, attw and the API reports agree"
