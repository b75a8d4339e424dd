#!/usr/bin/env bash
# README command 2: set up a fresh machine, then typecheck, lint, check the published packages (publint, attw,
# API reports) and run every test against real servers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ANJU_ROOT"
pnpm --silent typecheck
pnpm --silent lint
pnpm --silent check:packages
pnpm --silent test
