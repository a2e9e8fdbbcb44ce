#!/usr/bin/env bash
# Many busy tokens on a cluster node, before and after: GET /api/1.0/attachments/{gid} under wrk, each request
# with the next of TOKENS tokens (bench/rotate-tokens.lua), on one node per given jar, all on one PostgreSQL
# (Debian's, fsync on, so every commit waits for the disk) and one S3Mock bucket. wrk loads one node at a time,
# the jars in turn, ROUNDS times each. The quota is 2,000,000,000 a minute, so every request is counted and
# admitted (any answer but 200 fails the run). For each run, PostgreSQL's own counters, per second of load:
#   commits     pg_stat_database.xact_commit: every transaction of the database, the requests' reads included
#   wal syncs   pg_stat_wal.wal_sync: the waits for the disk (GETs write nothing; the counts' commits do)
#   upserts     calls of the INSERT INTO rate_windows statements (pg_stat_statements): the counts' commits
#   rows        rows of rate_windows written (pg_stat_user_tables n_tup_ins + n_tup_upd)
#   bench/cluster-rate-limits-tokens.sh ROUNDS SECONDS TOKENS JAR...
source "$(dirname "$0")/lib.sh"
ROUNDS="$1"; SECONDS_EACH="$2"; NTOKENS="$3"; shift 3; JARS=("$@")
need wrk bc curl
PG_PORT=$(free_port); S3MOCK_PORT=$(free_port)

trap 'stop_nodes; stop_s3mock; stop_postgres' EXIT
PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements" start_postgres "$PG_PORT"
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U attache -d attache -At -c "$1"; }
sql "CREATE EXTENSION pg_stat_statements" >/dev/null
start_s3mock "$S3MOCK_PORT"
export NODE_LIMITS="--requests-per-minute 2000000000"
PORTS=()
for i in "${!JARS[@]}"; do   # one after the other: the first seeds the database
  PORTS+=("$(free_port)")
  JAR="${JARS[$i]}" start_node "${PORTS[$i]}" "$WORK/tokens-node$i"
done
API="http://127.0.0.1:${PORTS[0]}/api/1.0"
USER_GID=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/users/me?opt_fields=gid" | gid_of)
TASK=$(create_task many-tokens-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments?opt_fields=gid" | gid_of)
PATH_GID="/api/1.0/attachments/$GID"

# the tokens, two admin commands at a time
export TOKENS_FILE="$WORK/tokens.txt"
seq 1 "$NTOKENS" | xargs -P 2 -I{} env AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
  java -jar "${JARS[0]}" admin token create --user "$USER_GID" --name "bench-{}" --data-dir "$WORK/tokens-admin-{}" \
    --database "$DATABASE" --blob-store "s3://${S3##*/}/nodes" --s3-endpoint "${S3%/*}" \
    > "$TOKENS_FILE" 2>>"$WORK/tokens-admin.log"
[ "$(sort -u "$TOKENS_FILE" | wc -l)" = "$NTOKENS" ] || { echo "expected $NTOKENS tokens in $TOKENS_FILE" >&2; exit 1; }
for port in "${PORTS[@]}"; do
  curl -sf -o /dev/null -H "Authorization: Bearer $(head -1 "$TOKENS_FILE")" "http://127.0.0.1:$port$PATH_GID" \
    || { echo "node on port $port does not serve the attachment" >&2; exit 1; }
done

load() { wrk -t2 -c16 -d"$2" -s "$BENCH_DIR/rotate-tokens.lua" "$1" \
  | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"; exit 1}'; }
snapshot() {
  sql "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) || ' ' ||
    (SELECT wal_sync FROM pg_stat_wal) || ' ' ||
    (SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements WHERE query LIKE 'INSERT INTO rate_windows%') || ' ' ||
    (SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'rate_windows')"
}
# warm-up: the JIT needs a good 20 s per node on two busy cores
for port in "${PORTS[@]}"; do load "http://127.0.0.1:$port$PATH_GID" 30s >/dev/null; done
sleep 2

for i in "${!JARS[@]}"; do : > "$WORK/tokens-$i.runs"; done
echo "start: $(uptime | sed 's/.*load/load/')"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!JARS[@]}"; do
    read -r c0 w0 u0 r0 < <(snapshot)
    rps=$(load "http://127.0.0.1:${PORTS[$i]}$PATH_GID" "${SECONDS_EACH}s")
    sleep 2   # the last counts go out within a turn; backends publish their statistics within a second of going idle
    read -r c1 w1 u1 r1 < <(snapshot)
    awk -v s="$SECONDS_EACH" -v rps="$rps" -v c=$((c1 - c0)) -v w=$((w1 - w0)) -v u=$((u1 - u0)) -v r=$((r1 - r0)) \
      'BEGIN {printf "%.0f %.1f %.1f %.1f %.1f\n", rps, c / s, w / s, u / s, r / s}' >> "$WORK/tokens-$i.runs"
    printf '%s round %s: %s\n' "$(basename "${JARS[$i]}")" "$round" "$(tail -1 "$WORK/tokens-$i.runs")"
  done
done
echo "end: $(uptime | sed 's/.*load/load/')"
printf 'rounds: %s x %ss per jar, wrk -t2 -c16, %s tokens rotated per request\n' "$ROUNDS" "$SECONDS_EACH" "$NTOKENS"
printf '%-16s %9s %10s %10s %10s %10s   (medians; per second of load)\n' jar req/s commits wal-syncs upserts rows
col() { awk -v k="$1" '{print $k}' "$WORK/tokens-$2.runs" | median; }
for i in "${!JARS[@]}"; do
  printf '%-16s %9.0f %10.1f %10.1f %10.1f %10.1f\n' "$(basename "${JARS[$i]}")" "$(col 1 "$i")" "$(col 2 "$i")" "$(col 3 "$i")" "$(col 4 "$i")" "$(col 5 "$i")"
done
for i in "${!JARS[@]}"; do
  [ "$i" = 0 ] && continue
  printf '%s / %s: req/s %.3f, commits %.3f, wal syncs %.3f, upserts %.3f\n' "$(basename "${JARS[$i]}")" "$(basename "${JARS[0]}")" \
    "$(echo "$(col 1 "$i") / $(col 1 0)" | bc -l)" "$(echo "$(col 2 "$i") / $(col 2 0)" | bc -l)" \
    "$(echo "$(col 3 "$i") / $(col 3 0)" | bc -l)" "$(echo "$(col 4 "$i") / $(col 4 0)" | bc -l)"
done
