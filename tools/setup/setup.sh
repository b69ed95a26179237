#!/usr/bin/env bash
# Installs what Keel needs on a fresh machine: Node 24 (from the npm registry, as the `node` package, when the
# machine's Node is older), the workspace's npm dependencies (npm ci), and the local infrastructure.
# Idempotent: a second run only checks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

command -v npm >/dev/null || { echo "npm is required (apt-get install npm)"; exit 1; }
machine_node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
echo "[setup] machine Node: $(node --version 2>/dev/null || echo none); the project runs on Node 24"

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The `node` devDependency puts Node 24 at node_modules/.bin/node, first on PATH for every npm script.
node24="$ROOT/node_modules/.bin/node"
"$node24" -e 'if (Number(process.versions.node.split(".")[0]) !== 24) { console.error("expected Node 24, got " + process.version); process.exit(1); }'
echo "[setup] Node for the project: $("$node24" --version) (machine major: $machine_node_major)"

bash tools/infra/infra.sh up
