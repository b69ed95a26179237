#!/usr/bin/env bash
# `npm run stop`: stops the services that `npm start` started (by their pid files), nothing else.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for pidfile in "$ROOT"/.keel/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid) pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[stop] $name stopped"
  fi
  rm -f "$pidfile"
done
