#!/usr/bin/env bash
# GET /api/1.0/attachments/{gid} under wrk on a cluster node that counts every request against the token's
# per-minute quota, against a node of the same cluster with --no-rate-limits. Both nodes run at once on one
# PostgreSQL database and one S3Mock bucket; wrk loads one of them at a time, alternating, ROUNDS times each.
# The quota is set far above what wrk can send (2,000,000,000 a minute), so every request is counted and
# admitted: the ratio is what counting costs, not what refusing saves.
#   bench/cluster-rate-limits.sh [ROUNDS] [SECONDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"; SECONDS_EACH="${2:-10}"
need wrk bc curl
build_jar
PORT_OFF=$(free_port); PORT_ON=$(free_port); PG_PORT=$(free_port); S3MOCK_PORT=$(free_port)

trap 'stop_nodes; stop_s3mock; stop_postgres' EXIT
start_postgres "$PG_PORT"
start_s3mock "$S3MOCK_PORT"
NODE_LIMITS=--no-rate-limits start_node "$PORT_OFF" "$WORK/limits-off-node"   # alone first: it seeds the database
NODE_LIMITS="--requests-per-minute 2000000000" start_node "$PORT_ON" "$WORK/limits-on-node"
API="http://127.0.0.1:$PORT_OFF/api/1.0"
TASK=$(create_task rate-limit-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments?opt_fields=gid" | gid_of)
PATH_GID="/api/1.0/attachments/$GID"
for port in "$PORT_OFF" "$PORT_ON"; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$PATH_GID" \
    || { echo "node on port $port does not serve the attachment" >&2; exit 1; }
done

sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U attache -d attache -At -c "$1"; }

# every answer must be a 200: a 429 would mean the quota was reached and the comparison is void
load() { wrk -t2 -c16 -d"$2" -H "Authorization: Bearer $TOKEN" "$1" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"; exit 1}'; }
# warm-up: the JIT needs a good 20 s per node on two busy cores
load "http://127.0.0.1:$PORT_ON$PATH_GID" 30s >/dev/null
load "http://127.0.0.1:$PORT_OFF$PATH_GID" 30s >/dev/null

: > "$WORK/limits-on.rps"; : > "$WORK/limits-off.rps"
for round in $(seq 1 "$ROUNDS"); do
  load "http://127.0.0.1:$PORT_ON$PATH_GID" "${SECONDS_EACH}s" >> "$WORK/limits-on.rps"
  load "http://127.0.0.1:$PORT_OFF$PATH_GID" "${SECONDS_EACH}s" >> "$WORK/limits-off.rps"
done

on=$(median < "$WORK/limits-on.rps"); off=$(median < "$WORK/limits-off.rps")
printf 'rounds: %s x %ss, wrk -t2 -c16; load: %s\n' "$ROUNDS" "$SECONDS_EACH" "$(uptime | sed 's/.*load/load/')"
printf 'limits on (quota 2e9/min)  median %.0f req/s  (%s)\n' "$on" "$(tr '\n' ' ' < "$WORK/limits-on.rps")"
printf 'limits off                 median %.0f req/s  (%s)\n' "$off" "$(tr '\n' ' ' < "$WORK/limits-off.rps")"
sleep 2   # PostgreSQL publishes its table statistics within a second or so
printf 'requests counted in rate_windows: %s; rows written to it (inserts + updates): %s\n' \
  "$(sql 'SELECT COALESCE(SUM(requests), 0) FROM rate_windows')" \
  "$(sql "SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'rate_windows'")"
printf 'ratio on/off: %.2f\n' "$(echo "$on / $off" | bc -l)"
