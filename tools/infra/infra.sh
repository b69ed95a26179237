#!/usr/bin/env bash
# Local infrastructure for Keel without Docker: PostgreSQL, Redis and Apache Kafka (KRaft, one node).
#   infra.sh up      start what is not running yet (idempotent), wait until each answers
#   infra.sh down    stop what this script started, and nothing else
#   infra.sh status  one line per service
# PostgreSQL and Redis: the servers on 127.0.0.1:5432 / 6379 are used when they answer; otherwise they are
# installed from Debian's packages and started. Kafka: resolved from Maven Central by tools/kafka/pom.xml
# (Maven caches the jars in ~/.m2), storage formatted once under .keel/kafka, log in .keel/kafka/kafka.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${KEEL_STATE_DIR:-$ROOT/.keel}"
KAFKA_DIR="$STATE/kafka"
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KEEL_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KEEL_KAFKA_CONTROLLER_PORT:-9093}"
PG_PORT=5432
REDIS_PORT=6379
NODE="$ROOT/node_modules/.bin/node"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # wait_for <seconds> <description> <command...>
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then die "need root to apt-get install $*"; fi
  [ -f "$STATE/.apt-updated" ] || { apt-get update -qq >/dev/null && touch "$STATE/.apt-updated"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# ---------- PostgreSQL ----------
pg_answers() { port_open 127.0.0.1 $PG_PORT && pg_isready -q -h 127.0.0.1 -p $PG_PORT 2>/dev/null; }

pg_up() {
  if ! pg_answers; then
    command -v pg_ctlcluster >/dev/null || { log "installing PostgreSQL from Debian packages"; apt_install postgresql; }
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    touch "$STATE/postgres.started-by-keel"
    wait_for 30 PostgreSQL pg_answers || die "PostgreSQL did not answer on 127.0.0.1:$PG_PORT"
  fi
  local db="${KEEL_DATABASE_NAME:-keel}"
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE \"$db\"" && log "created database $db"
  fi
  log "PostgreSQL ready on 127.0.0.1:$PG_PORT (database $db)"
}

pg_down() {
  if [ -f "$STATE/postgres.started-by-keel" ]; then
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main stop && rm -f "$STATE/postgres.started-by-keel"
    log "PostgreSQL stopped"
  fi
}

# ---------- Redis ----------
redis_answers() { port_open 127.0.0.1 $REDIS_PORT && [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null)" = PONG ]; }

redis_up() {
  if ! redis_answers; then
    command -v redis-server >/dev/null || { log "installing Redis from Debian packages"; apt_install redis-server; }
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no \
      --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log"
    touch "$STATE/redis.started-by-keel"
    wait_for 15 Redis redis_answers || die "Redis did not answer on 127.0.0.1:$REDIS_PORT"
  fi
  log "Redis ready on 127.0.0.1:$REDIS_PORT"
}

redis_down() {
  if [ -f "$STATE/redis.started-by-keel" ] && [ -f "$STATE/redis.pid" ]; then
    kill "$(cat "$STATE/redis.pid")" 2>/dev/null || true
    rm -f "$STATE/redis.started-by-keel" "$STATE/redis.pid"
    log "Redis stopped"
  fi
}

# ---------- Kafka ----------
kafka_pid() {
  local pid
  [ -f "$KAFKA_DIR/kafka.pid" ] || return 1
  pid=$(cat "$KAFKA_DIR/kafka.pid")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka.Kafka' && echo "$pid"
}

kafka_classpath() {
  local cp_file="$KAFKA_DIR/classpath.txt" pom="$ROOT/tools/kafka/pom.xml"
  if [ ! -s "$cp_file" ] || [ "$pom" -nt "$cp_file" ]; then
    command -v mvn >/dev/null || apt_install maven
    command -v java >/dev/null || apt_install openjdk-17-jre-headless
    log "resolving Apache Kafka from Maven Central (cached in ~/.m2 after the first run)"
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime \
      >"$KAFKA_DIR/maven.log" 2>&1 || { tail -20 "$KAFKA_DIR/maven.log" >&2; die "Maven could not resolve Kafka (log: $KAFKA_DIR/maven.log)"; }
  fi
  cat "$cp_file"
}

kafka_config() {
  cat >"$KAFKA_DIR/server.properties" <<PROPS
# written by tools/infra/infra.sh — one combined broker+controller node in KRaft mode
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
PROPS
}

kafka_ready() { "$NODE" "$ROOT/tools/infra/kafka-ready.mjs" "$KAFKA_HOST:$KAFKA_PORT" >/dev/null 2>&1; }

kafka_up() {
  mkdir -p "$KAFKA_DIR"
  if kafka_pid >/dev/null; then
    log "Kafka already running (pid $(kafka_pid)) on $KAFKA_HOST:$KAFKA_PORT"
    return 0
  fi
  if port_open $KAFKA_HOST "$KAFKA_PORT"; then
    kafka_ready || die "something else listens on $KAFKA_HOST:$KAFKA_PORT and does not answer as Kafka"
    log "Kafka answering on $KAFKA_HOST:$KAFKA_PORT (not started by this script; leaving it alone)"
    return 0
  fi
  local cp; cp=$(kafka_classpath)
  kafka_config
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id; cluster_id=$("$NODE" -e "console.log(require('crypto').randomBytes(16).toString('base64url'))")
    log "formatting Kafka storage (cluster $cluster_id)"
    java -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      >"$KAFKA_DIR/format.log" 2>&1 || { cat "$KAFKA_DIR/format.log" >&2; die "kafka storage format failed"; }
  fi
  log "starting Kafka (log: $KAFKA_DIR/kafka.log)"
  # setsid: Kafka keeps running after this shell (and its process group) ends.
  KAFKA_HEAP="${KEEL_KAFKA_HEAP:--Xms256m -Xmx768m}"
  setsid nohup java $KAFKA_HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/tools/kafka/log4j2.xml" -Dkafka.logs.dir="$KAFKA_DIR" \
    -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/kafka.log" 2>&1 </dev/null &
  echo $! >"$KAFKA_DIR/kafka.pid"
  if ! wait_for 120 Kafka kafka_ready; then
    tail -30 "$KAFKA_DIR/kafka.log" >&2
    die "Kafka did not become ready on $KAFKA_HOST:$KAFKA_PORT within 120 s (log: $KAFKA_DIR/kafka.log)"
  fi
  log "Kafka ready on $KAFKA_HOST:$KAFKA_PORT (pid $(cat "$KAFKA_DIR/kafka.pid"))"
}

kafka_down() {
  local pid
  if pid=$(kafka_pid); then
    kill "$pid"
    for _ in $(seq 1 30); do [ -d "/proc/$pid" ] || break; sleep 1; done
    [ -d "/proc/$pid" ] && kill -9 "$pid"
    rm -f "$KAFKA_DIR/kafka.pid"
    log "Kafka stopped"
  else
    log "Kafka was not started by this script; nothing to stop"
  fi
}

status_line() { # name answers-command
  if "${@:2}"; then printf '%-11s up\n' "$1"; else printf '%-11s down\n' "$1"; fi
}

cmd="${1:-up}"
mkdir -p "$STATE"
case "$cmd" in
  up)
    [ -x "$NODE" ] || die "run 'npm ci' first (Node 24 and kafkajs come from node_modules)"
    pg_up; redis_up; kafka_up ;;
  down)
    kafka_down; redis_down; pg_down ;;
  status)
    status_line postgresql pg_answers
    status_line redis redis_answers
    status_line kafka kafka_ready ;;
  *) die "usage: infra.sh up|down|status" ;;
esac
