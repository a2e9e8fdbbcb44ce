# Shared by the benchmark scripts: build the jar, start a server on a scratch data dir, stop it.
# Everything runs on loopback; nothing here is a test, and nothing asserts a timing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/cli/target/attache.jar"
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
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl cli -am) >&2
}

# start_server PORT DATA_DIR [java options...]; sets SERVER_PID, TOKEN, API
start_server() {
  local port="$1" data="$2"; shift 2
  rm -rf "$data"; mkdir -p "$data"
  java "$@" -jar "$JAR" serve --port "$port" --data-dir "$data" --no-rate-limits >"$data.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  TOKEN="$(cat "$data/dev-token")"
  API="http://127.0.0.1:$port/api/1.0"
}

stop_server() {
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
