#!/usr/bin/env bash
# Hunts flaky tests: runs CI (.ci/run) N times, each from a fresh clone of the current commit, one after
# another, and lists every test that failed at least once with how often. Usage: scripts/flake-hunt.sh [N]
# (default 10). Logs stay in the folder it prints; the exit code is 1 when any run failed.
set -uo pipefail
runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit="$(git -C "$root" rev-parse --short HEAD)"
logs="$(mktemp -d "${TMPDIR:-/tmp}/anju-flake-hunt.XXXXXX")"
echo "flake hunt: $runs fresh-clone runs of $commit; logs in $logs"

failed_runs=0
for i in $(seq 1 "$runs"); do
  work="$(mktemp -d "${TMPDIR:-/tmp}/anju-clone.XXXXXX")"
  git clone --quiet "$root" "$work/anju"
  git -C "$work/anju" checkout --quiet "$commit"
  started=$(date +%s)
  if bash "$work/anju/.ci/run" >"$logs/run-$i.log" 2>&1; then verdict=passed; else
    verdict=FAILED
    failed_runs=$((failed_runs + 1))
  fi
  summary="$(grep -E '^ +[0-9]+ (passing|failing|pending)' "$logs/run-$i.log" | tr -s ' ' | paste -sd, -)"
  echo "run $i: $verdict in $(($(date +%s) - started)) s (${summary:-no mocha summary})"
  rm -rf "$work"
done

# mocha's spec reporter lists each failure as "  N) suite" followed by nested titles up to one ending in ":".
echo
echo "tests that failed at least once ($failed_runs of $runs runs failed):"
for log in "$logs"/run-*.log; do
  awk '
    /^ +[0-9]+ failing/ { listing = 1; next }
    listing && /^ +[0-9]+\) / { sub(/^ +[0-9]+\) /, ""); title = $0; if (title ~ /:$/) { print title; title = "" } else open = 1; next }
    listing && open { line = $0; sub(/^ +/, "", line); title = title " › " line; if (line ~ /:$/) { print title; open = 0 } }
  ' "$log" | sed 's/:$//' | sort -u
done | sort | uniq -c | sort -rn
[ "$failed_runs" -eq 0 ]
