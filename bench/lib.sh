# Shared by the benchmark scripts: build the jar, start a server on a scratch data dir, stop it.
# Everything runs on loopback; nothing here is a test, and nothing asserts a timing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# ATTACHE_JAR runs a jar built elsewhere (an older commit, to compare before and after) instead of building this tree's.
JAR="${ATTACHE_JAR:-$ROOT/cli/target/attache.jar}"
WORK="${BENCH_WORK:-$ROOT/bench/results/work}"
mkdir -p "$WORK"

need() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "installing $tool" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q "$tool" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$tool" >/dev/null; }
    fi
  done
}

build_jar() {
  [ -z "${ATTACHE_JAR:-}" ] || return 0
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl cli -am) >&2
}

# start_server PORT DATA_DIR [java options...]; sets SERVER_PID, TOKEN, API. SERVE_LIMITS replaces --no-rate-limits.
start_server() {
  local port="$1" data="$2"; shift 2
  rm -rf "$data"; mkdir -p "$data"
  # shellcheck disable=SC2086 # SERVE_LIMITS is a list of options
  java "$@" -jar "$JAR" serve --port "$port" --data-dir "$data" ${SERVE_LIMITS:---no-rate-limits} >"$data.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $data.log" >&2; return 1; }
    sleep 0.5
  done
  TOKEN="$(cat "$data/dev-token")"
  API="http://127.0.0.1:$port/api/1.0"
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

gid_of() {
  sed -E 's/.*"gid":"([0-9]+)".*/\1/'
}

create_task() {
  local workspace
  workspace=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/workspaces?opt_fields=gid" | gid_of)
  curl -s -H "Authorization: Bearer $TOKEN" -X POST "$API/tasks?opt_fields=gid" \
    -d "{\"data\":{\"workspace\":\"$workspace\",\"name\":\"$1\"}}" | gid_of
}

# peak resident set of a process so far, in MiB
peak_rss_mib() {
  awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"
}

median() {
  sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# start_nginx PORT HTML_DIR: one worker, no access log, sendfile on (nginx's fastest static path); sets NGINX_CONF
start_nginx() {
  local port="$1" html="$2"
  NGINX_CONF="$WORK/nginx-$port.conf"
  cat > "$NGINX_CONF" <<CONF
worker_processes 1;
pid $WORK/nginx-$port.pid;
error_log $WORK/nginx-$port.error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { application/json json; application/octet-stream bin; }
  server {
    listen 127.0.0.1:$port;
    root $html;
  }
}
CONF
  nginx -c "$NGINX_CONF"
}

stop_nginx() {
  [ -n "${NGINX_CONF:-}" ] && nginx -c "$NGINX_CONF" -s stop 2>/dev/null || true
}

# start_s3mock PORT: Adobe S3Mock 5.2.0 as its own process with a bucket "bench"; sets S3MOCK_PID, S3
# (the jar comes from Maven Central through the dependency plugin, once)
start_s3mock() {
  local port="$1" jar="$WORK/s3mock/s3mock-5.2.0-exec.jar"
  if [ ! -f "$jar" ]; then
    (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact=com.adobe.testing:s3mock:5.2.0:jar:exec \
      -DoutputDirectory="$WORK/s3mock" -Dmdep.stripClassifier=false) >&2
  fi
  rm -rf "$WORK/s3mock/store"; mkdir -p "$WORK/s3mock/store"
  java -Xmx384m -Dcom.adobe.testing.s3mock.httpPort="$port" -Dserver.port=0 \
    -Dcom.adobe.testing.s3mock.store.root="$WORK/s3mock/store" \
    -Dcom.adobe.testing.s3mock.store.initialBuckets=bench \
    -jar "$jar" >"$WORK/s3mock/s3mock.log" 2>&1 &
  S3MOCK_PID=$!
  S3="http://127.0.0.1:$port/bench"
  for _ in $(seq 1 240); do
    curl -sf -o /dev/null "$S3" && return 0
    sleep 0.5
  done
  echo "S3Mock did not start; see $WORK/s3mock/s3mock.log" >&2
  return 1
}

stop_s3mock() {
  [ -n "${S3MOCK_PID:-}" ] && { kill "$S3MOCK_PID" 2>/dev/null || true; wait "$S3MOCK_PID" 2>/dev/null || true; }
}

# seconds for one GET of URL to /dev/null, failing loudly on anything but 200
time_get() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$1")
  [ "${out% *}" = 200 ] || { echo "GET $1 failed: $out" >&2; return 1; }
  echo "${out#* }"
}

# a TCP port free on loopback right now (the kernel picks it)
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_postgres PORT: Debian's PostgreSQL 15 in a fresh scratch cluster trusting local connections,
# with user and database "attache"; sets PG_DATA, DATABASE. PG_OPTIONS adds server options ("-c name=value ..."). PostgreSQL refuses to run as root, so as
# root the cluster belongs to user postgres (in /tmp, which postgres can reach).
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
start_postgres() {
  local port="$1" as=()
  [ -x "$PG_BIN/initdb" ] || need postgresql
  PG_DATA="$(mktemp -d /tmp/attache-bench-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DATA"; as=(runuser -u postgres --); fi
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DATA/data" -A trust -U attache >/dev/null
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -l "$PG_DATA/pg.log" -w \
    -o "-p $port -k $PG_DATA -c listen_addresses=127.0.0.1 ${PG_OPTIONS:-}" start >/dev/null
  "${as[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U attache attache
  DATABASE="postgresql://attache@127.0.0.1:$port/attache"
}

stop_postgres() {
  [ -n "${PG_DATA:-}" ] || return 0
  local as=()
  [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
}

# start_node PORT DATA_DIR [java options...]: a cluster node on $DATABASE and the S3Mock bucket at
# $S3 (under prefix "nodes"); appends its pid to NODE_PIDS; sets TOKEN (once the seeding node has
# written it) and API. Start the first node alone, so it is the one that seeds the empty database.
# NODE_LIMITS gives the node's rate-limit options (default: --no-rate-limits).
NODE_PIDS=()
start_node() {
  local port="$1" data="$2" pid; shift 2
  rm -rf "$data"; mkdir -p "$data"
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
    java "$@" -jar "$JAR" serve --port "$port" --data-dir "$data" ${NODE_LIMITS:---no-rate-limits} \
      --database "$DATABASE" --blob-store "s3://${S3##*/}/nodes" --s3-endpoint "${S3%/*}" >"$data.log" 2>&1 &
  pid=$!; NODE_PIDS+=("$pid")
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "node exited; see $data.log" >&2; return 1; }
    sleep 0.5
  done
  [ -f "$data/dev-token" ] && TOKEN="$(cat "$data/dev-token")"
  API="http://127.0.0.1:$port/api/1.0"
}

stop_nodes() {
  local pid
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
