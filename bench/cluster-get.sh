#!/usr/bin/env bash
# GET /api/1.0/attachments/{gid} under wrk: two nodes on one PostgreSQL database and one S3Mock bucket
# behind nginx round-robin, against the same nginx in front of one of those nodes only. Both go through
# the same proxy (one worker, keep-alive to the nodes), so the proxy's cost is in both columns and the
# ratio is what the second node adds. Also node 1 without nginx, for scale. ROUNDS times each, alternating.
# On a machine with 2 cores the two nodes, nginx, wrk and PostgreSQL share those cores: the ratio shows
# the cost of a second node there, not how a cluster scales on separate machines.
#   bench/cluster-get.sh [ROUNDS] [SECONDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-3}"; SECONDS_EACH="${2:-10}"
need nginx wrk bc curl
build_jar
PORT1=$(free_port); PORT2=$(free_port); PG_PORT=$(free_port); S3MOCK_PORT=$(free_port)
LB2=$(free_port); LB1=$(free_port)

trap 'stop_nginx; stop_nodes; stop_s3mock; stop_postgres' EXIT
start_postgres "$PG_PORT"
start_s3mock "$S3MOCK_PORT"
start_node "$PORT1" "$WORK/cluster-node1"   # alone first: it seeds the database and writes the token
API1="$API"
start_node "$PORT2" "$WORK/cluster-node2"
API="$API1"
TASK=$(create_task cluster-get-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API1/attachments?opt_fields=gid" | gid_of)
# written on node 1, readable on node 2
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT2/api/1.0/attachments/$GID" \
  || { echo "node 2 does not serve the attachment written on node 1" >&2; exit 1; }

# nginx: one worker, two listeners, round-robin over both nodes or node 1 alone; the access log records
# only which node answered (buffered, on both listeners alike), to show the requests were shared
NGINX_CONF="$WORK/cluster-nginx.conf"
cat > "$NGINX_CONF" <<CONF
worker_processes 1;
pid $WORK/cluster-nginx.pid;
error_log $WORK/cluster-nginx.error.log;
events { worker_connections 1024; }
http {
  log_format upstream '\$upstream_addr';
  upstream two { server 127.0.0.1:$PORT1; server 127.0.0.1:$PORT2; keepalive 32; }
  upstream one { server 127.0.0.1:$PORT1; keepalive 32; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  server { listen 127.0.0.1:$LB2; access_log $WORK/cluster-two.log upstream buffer=64k; location / { proxy_pass http://two; } }
  server { listen 127.0.0.1:$LB1; access_log $WORK/cluster-one.log upstream buffer=64k; location / { proxy_pass http://one; } }
}
CONF
rm -f "$WORK/cluster-two.log" "$WORK/cluster-one.log"
nginx -c "$NGINX_CONF"

PATH_GID="/api/1.0/attachments/$GID"
load() { wrk -t2 -c16 -d"$2" -H "Authorization: Bearer $TOKEN" "$1" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"}'; }
# warm-up: on two busy cores the JIT needs a good 20 s to compile Jetty's and our hot paths, on each node
load "http://127.0.0.1:$LB2$PATH_GID" 40s >/dev/null

: > "$WORK/cluster-two.rps"; : > "$WORK/cluster-one.rps"; : > "$WORK/cluster-direct.rps"
for round in $(seq 1 "$ROUNDS"); do
  load "http://127.0.0.1:$LB2$PATH_GID" "${SECONDS_EACH}s" >> "$WORK/cluster-two.rps"
  load "http://127.0.0.1:$LB1$PATH_GID" "${SECONDS_EACH}s" >> "$WORK/cluster-one.rps"
  load "http://127.0.0.1:$PORT1$PATH_GID" "${SECONDS_EACH}s" >> "$WORK/cluster-direct.rps"
done
nginx -c "$NGINX_CONF" -s reopen 2>/dev/null   # flushes the buffered logs
sleep 1

two=$(median < "$WORK/cluster-two.rps"); one=$(median < "$WORK/cluster-one.rps"); direct=$(median < "$WORK/cluster-direct.rps")
printf 'rounds: %s x %ss, wrk -t2 -c16; load: %s\n' "$ROUNDS" "$SECONDS_EACH" "$(uptime | sed 's/.*load/load/')"
printf 'nginx -> two nodes   median %.0f req/s  (%s)\n' "$two" "$(tr '\n' ' ' < "$WORK/cluster-two.rps")"
printf 'nginx -> one node    median %.0f req/s  (%s)\n' "$one" "$(tr '\n' ' ' < "$WORK/cluster-one.rps")"
printf 'node 1, no nginx     median %.0f req/s  (%s)\n' "$direct" "$(tr '\n' ' ' < "$WORK/cluster-direct.rps")"
printf 'requests per node through the two-node listener, warm-up included: %s\n' "$(sort "$WORK/cluster-two.log" | uniq -c | awk '{printf "%s %s  ", $2, $1}')"
printf 'ratio two nodes/one node: %.2f\n' "$(echo "$two / $one" | bc -l)"
