#!/usr/bin/env bash
# `npm run keel -- <command>`: the keel CLI with the local platform's environment. When JWT_SECRET is not set,
# the secret `npm start` generated in .keel/secrets.env is used, so `keel admin create` works on this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -z "${JWT_SECRET:-}" ] && [ -f "$ROOT/.keel/secrets.env" ]; then
  set -a; . "$ROOT/.keel/secrets.env"; set +a
fi
export KEEL_LOG_DIR="${KEEL_LOG_DIR:-$ROOT/.keel/logs}"
exec node "$ROOT/tools/build/run.mjs" apps/cli/src/main.ts "$@"
