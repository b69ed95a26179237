#!/usr/bin/env bash
# `npm start`: installs everything, starts the infrastructure, runs every service's migrations, starts every
# service and the gateway in the background, waits until each is ready, and prints where to open things.
# Idempotent: services already running (pid file alive) are left as they are. `npm run stop` stops them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
STATE="$ROOT/.keel"
mkdir -p "$STATE/logs" "$STATE/pids"

bash tools/setup/setup.sh
export PATH="$ROOT/node_modules/.bin:$PATH"

# Secrets come from the environment; for a local platform one is generated once and kept in .keel/secrets.env.
if [ -z "${JWT_SECRET:-}" ]; then
  if [ ! -f "$STATE/secrets.env" ]; then
    umask 077
    echo "JWT_SECRET=$(node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")" >"$STATE/secrets.env"
    echo "[up] generated a JWT secret in .keel/secrets.env"
  fi
  set -a; . "$STATE/secrets.env"; set +a
fi
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/keel}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export NODE_ENV="${NODE_ENV:-development}"

echo "[up] building"
node tools/build/build.mjs

# service:port, in start order; the gateway last.
SERVICES="identity:4101 incidents:4102 metrics:4103 alerting:4104 gateway:4000"

for entry in $SERVICES; do
  name=${entry%%:*}
  if [ -f "dist/apps/$name/src/migrate.js" ]; then
    echo "[up] migrating $name"
    node dist/apps/$name/src/migrate.js
  fi
done

alive() { [ -f "$STATE/pids/$1.pid" ] && kill -0 "$(cat "$STATE/pids/$1.pid")" 2>/dev/null; }

for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:}
  if alive "$name"; then
    echo "[up] $name already running (pid $(cat "$STATE/pids/$name.pid"))"
    continue
  fi
  PORT=$port setsid nohup node --enable-source-maps --disable-warning=TimeoutNegativeWarning "dist/apps/$name/src/main.js" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name.pid"
  echo "[up] started $name on 127.0.0.1:$port (log .keel/logs/$name.log)"
done

for entry in $SERVICES; do
  name=${entry%%:*} port=${entry##*:}
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    alive "$name" || { echo "[up] $name exited; last log lines:"; tail -20 "$STATE/logs/$name.log"; exit 1; }
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || { echo "[up] $name is not ready after 60 s (log .keel/logs/$name.log)"; exit 1; }
done

cat <<MSG

Keel is running.
  GraphQL API (gateway):  http://127.0.0.1:4000/graphql
  Prometheus HTTP API:    http://127.0.0.1:4103/api/v1/query  (metrics; a Grafana Prometheus data source, bearer API key)
  Rules and alerts:       http://127.0.0.1:4104/api/v1/rules  (alerting; Prometheus' API; rule files in apps/alerting/rules)
  Health of a service:    http://127.0.0.1:4101/health/ready  (identity; incidents 4102, metrics 4103, alerting 4104, gateway 4000)
  Metrics of a service:   http://127.0.0.1:4101/metrics
  Daily health check:     npm run keel -- health
  First admin user:       npm run keel -- admin create --username admin   (type the password, then Enter)
  Stop the services:      npm run stop            Stop infrastructure too: npm run infra:down
MSG
