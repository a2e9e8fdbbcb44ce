#!/usr/bin/env bash
# The three 100 MiB upload measures in one run, each against its own baseline run side by side in
# its script: curl -F into one node vs dd conv=fsync of the same bytes (bench/upload-throughput.sh),
# curl -F through a cluster node on PostgreSQL + S3Mock vs a direct PUT of the same bytes to the same
# S3Mock (bench/s3-node-overhead.sh), and the client in a fresh JVM vs curl (bench/client-upload.sh,
# without Asana's client). Prints each script's output, then the three ratios (throughput, higher is
# better). The jar is built once and given to all three.
#   bench/uploads.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
need bc
build_jar
export ATTACHE_JAR="$JAR"
LOG="$WORK/uploads"
mkdir -p "$LOG"
echo "start: $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')"
"$BENCH_DIR/upload-throughput.sh" "$ROUNDS" | tee "$LOG/one-node.txt"
"$BENCH_DIR/s3-node-overhead.sh" "$ROUNDS" | tee "$LOG/cluster.txt"
ASANA=0 "$BENCH_DIR/client-upload.sh" "$ROUNDS" 2 | tee "$LOG/client.txt"
echo "end: $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')"
printf '%-58s %s\n' 'curl -F to one node / dd conv=fsync (target >= 0.60)' \
  "$(sed -n 's/^ratio server\/dd: //p' "$LOG/one-node.txt")"
printf '%-58s %s\n' 'through a cluster node / direct PUT to S3Mock (>= 0.80)' \
  "$(sed -n 's/^ratio node\/direct throughput: upload \([0-9.]*\),.*/\1/p' "$LOG/cluster.txt")"
printf '%-58s %s\n' 'client, cold JVM / curl (>= 0.70)' \
  "$(sed -n 's/^ratio attache\/curl throughput: cold \([0-9.]*\),.*/\1/p' "$LOG/client.txt")"
