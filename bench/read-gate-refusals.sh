#!/usr/bin/env bash
# The share of GET /api/1.0/attachments/{gid} that one token's in-flight limit refuses (429) with
# --concurrent-reads 1 under wrk -t2 -c32, on the direct route (the plain request) and on the framework
# route (the same request with opt_pretty=false, which only the framework answers), alternating, ROUNDS
# times each. Both paths hold the slot over the same work, so their shares should agree within the noise;
# a path that read and rendered before taking the slot would refuse far fewer. Anything but 200 and 429
# fails the run. ATTACHE_JAR compares another build (see lib.sh).
#   bench/read-gate-refusals.sh [ROUNDS] [SECONDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-3}"; SECONDS_EACH="${2:-10}"
need wrk curl
build_jar
PORT=$(free_port)
SERVE_LIMITS="--concurrent-reads 1 --requests-per-minute 100000000" start_server "$PORT" "$WORK/read-gate-data"
trap stop_server EXIT
TASK=$(create_task read-gate-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments?opt_fields=gid" | gid_of)
DIRECT="$API/attachments/$GID"; FRAMEWORK="$API/attachments/$GID?opt_pretty=false"

# refused_percent URL SECONDS: the share of 429s among the answers
refused_percent() {
  TOKEN="$TOKEN" wrk -t2 -c32 -d"$2" -s "$BENCH_DIR/rate-limit-overshoot.lua" "$1" > "$WORK/read-gate-wrk.out"
  awk '/^status/ {if ($2 == 200) a += $3; else if ($2 == 429) r += $3; else o += $3}
    END {if (o > 0) {print "other " o; exit 1} printf "%.1f\n", r * 100 / (a + r)}' "$WORK/read-gate-wrk.out"
}

# warm-up: both paths, admitted and refused, compiled by the JIT
refused_percent "$DIRECT" 15s > /dev/null
refused_percent "$FRAMEWORK" 15s > /dev/null

: > "$WORK/read-gate-direct.pct"; : > "$WORK/read-gate-framework.pct"
for round in $(seq 1 "$ROUNDS"); do
  refused_percent "$DIRECT" "${SECONDS_EACH}s" >> "$WORK/read-gate-direct.pct"
  refused_percent "$FRAMEWORK" "${SECONDS_EACH}s" >> "$WORK/read-gate-framework.pct"
done
printf 'rounds: %s x %ss, wrk -t2 -c32, --concurrent-reads 1; load: %s\n' "$ROUNDS" "$SECONDS_EACH" "$(uptime | sed 's/.*load/load/')"
printf 'direct route     refused %% (429): %s\n' "$(tr '\n' ' ' < "$WORK/read-gate-direct.pct")"
printf 'framework route  refused %% (429): %s\n' "$(tr '\n' ' ' < "$WORK/read-gate-framework.pct")"
