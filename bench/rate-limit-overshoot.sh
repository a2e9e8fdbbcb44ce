#!/usr/bin/env bash
# How far three cluster nodes let one token pass its per-minute quota (Asana's 1,500) when it is hammered on
# all three at once: three nodes on one PostgreSQL database and one S3Mock bucket, three wrk processes (one
# per node, started together) sending GET /api/1.0/attachments/{gid} with one token for SECONDS (< 60, so
# within the token's first window). Each run uses a fresh token from `attache admin token create`, so it starts
# a window of its own. Counts the 200s and 429s every wrk saw; anything else fails the run.
#   bench/rate-limit-overshoot.sh [RUNS] [SECONDS]
source "$(dirname "$0")/lib.sh"
RUNS="${1:-5}"; SECONDS_EACH="${2:-20}"; QUOTA=1500
need wrk curl
build_jar
PORTS=("$(free_port)" "$(free_port)" "$(free_port)"); PG_PORT=$(free_port); S3MOCK_PORT=$(free_port)

trap 'stop_nodes; stop_s3mock; stop_postgres' EXIT
start_postgres "$PG_PORT"
start_s3mock "$S3MOCK_PORT"
export NODE_LIMITS="--requests-per-minute $QUOTA"
for i in 0 1 2; do start_node "${PORTS[$i]}" "$WORK/overshoot-node$i"; done   # the first seeds the database
API="http://127.0.0.1:${PORTS[0]}/api/1.0"
USER_GID=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/users/me?opt_fields=gid" | gid_of)
TASK=$(create_task overshoot-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments?opt_fields=gid" | gid_of)
PATH_GID="/api/1.0/attachments/$GID"

new_token() {
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench java -jar "$JAR" admin token create --user "$USER_GID" \
    --name "overshoot-$1" --data-dir "$WORK/overshoot-admin" --database "$DATABASE" \
    --blob-store "s3://${S3##*/}/nodes" --s3-endpoint "${S3%/*}" 2>>"$WORK/overshoot-admin.log"
}

# hammer TOKEN SECONDS: three wrk at once, one per node; prints "admitted refused other"
hammer() {
  local i pids=()
  for i in 0 1 2; do
    TOKEN="$1" wrk -t1 -c8 -d"$2" -s "$BENCH_DIR/rate-limit-overshoot.lua" "http://127.0.0.1:${PORTS[$i]}$PATH_GID" \
      > "$WORK/overshoot-wrk$i.out" &
    pids+=($!)
  done
  wait "${pids[@]}"
  cat "$WORK"/overshoot-wrk{0,1,2}.out | awk '/^status/ {if ($2 == 200) a += $3; else if ($2 == 429) r += $3; else o += $3}
    END {printf "%d %d %d\n", a, r, o}'
}

# warm-up: a token of its own, so the JIT has compiled both the admitted and the refused path on every node
hammer "$(new_token warm-up)" 20s > /dev/null

: > "$WORK/overshoot.runs"
for run in $(seq 1 "$RUNS"); do
  run_token=$(new_token "$run")
  read -r admitted refused other < <(hammer "$run_token" "${SECONDS_EACH}s")
  [ "$other" = 0 ] || { echo "run $run: $other answers were neither 200 nor 429" >&2; exit 1; }
  pct=$(awk -v a="$admitted" -v q="$QUOTA" 'BEGIN {printf "%.2f", (a - q) * 100 / q}')
  printf 'run %s: %s admitted (200), %s refused (429), overshoot %s %%\n' "$run" "$admitted" "$refused" "$pct" | tee -a "$WORK/overshoot.runs"
done
printf 'three nodes, quota %s/min, wrk -t1 -c8 -d%ss per node; load: %s\n' "$QUOTA" "$SECONDS_EACH" "$(uptime | sed 's/.*load/load/')"
