#!/usr/bin/env bash
# README command 1: set up a fresh machine and run Anju's demo on the embedded defaults.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ANJU_ROOT"
exec pnpm --silent demo
