#!/usr/bin/env bash
# Prepares a fresh machine for Anju: the pinned pnpm (installed next to the repo, not globally) and the
# workspace's packages. Sourced by scripts/demo.sh and scripts/test.sh. MongoDB and Redis are started
# later, by scripts/services, only when MONGODB_URI / REDIS_URL are not given.
set -euo pipefail
ANJU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(node -p "require('$ANJU_ROOT/package.json').packageManager.split('@')[1]")"

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Anju needs Node.js >= 20.19, found " + process.version); process.exit(1) }'

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ ! -x "$ANJU_ROOT/.tools/node_modules/.bin/pnpm" ] ||
     [ "$("$ANJU_ROOT/.tools/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    echo "setup: installing pnpm $PNPM_VERSION into .tools/" >&2
    npm install --silent --no-save --no-audit --no-fund --prefix "$ANJU_ROOT/.tools" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$ANJU_ROOT/.tools/node_modules/.bin:$PATH"
fi

cd "$ANJU_ROOT"
if [ -f pnpm-lock.yaml ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
else
  pnpm install --reporter=append-only >&2
fi
