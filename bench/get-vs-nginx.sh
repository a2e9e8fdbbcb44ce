#!/usr/bin/env bash
# GET /api/1.0/attachments/{gid} under wrk against nginx serving the same JSON bytes as a static
# file, run one after the other on the same machine, ROUNDS times each, alternating. With S3MOCK=1 also
# S3Mock serving the same bytes as an object, as a peer column (wrk cannot time HEAD: it waits for a
# body the Content-Length announces, so the metadata call itself is not the peer).
#   [S3MOCK=1] bench/get-vs-nginx.sh [ROUNDS] [SECONDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-3}"; SECONDS_EACH="${2:-10}"
need nginx wrk bc curl
PORT=18182; NGINX_PORT=18183; S3MOCK_PORT=18191
build_jar
start_server "$PORT" "$WORK/get-data" ${SERVER_JAVA_OPTS:-}
TASK=$(create_task get-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments?opt_fields=gid" | gid_of)

# nginx serves exactly the body the API returns for this record.
mkdir -p "$WORK/nginx/html"
curl -s -H "Authorization: Bearer $TOKEN" "$API/attachments/$GID" > "$WORK/nginx/html/attachment.json"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/html;
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf"
trap 'nginx -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; stop_server; stop_s3mock' EXIT
if [ "${S3MOCK:-0}" = 1 ]; then
  start_s3mock "$S3MOCK_PORT"
  curl -sf -o /dev/null -X PUT -T "$WORK/nginx/html/attachment.json" "$S3/attachment.json"
  cmp <(curl -s "$S3/attachment.json") "$WORK/nginx/html/attachment.json" || { echo "S3Mock object differs" >&2; exit 1; }
  wrk -t2 -c16 -d10s "$S3/attachment.json" >/dev/null
fi

# warm-up: on two busy cores the JIT needs a good 20 s to compile Jetty's and our hot paths
wrk -t2 -c16 -d30s -H "Authorization: Bearer $TOKEN" "$API/attachments/$GID" >/dev/null
wrk -t2 -c16 -d2s "http://127.0.0.1:$NGINX_PORT/attachment.json" >/dev/null

: > "$WORK/api.rps"; : > "$WORK/nginx.rps"; : > "$WORK/s3mock.rps"
for round in $(seq 1 "$ROUNDS"); do
  wrk -t2 -c16 -d"${SECONDS_EACH}s" -H "Authorization: Bearer $TOKEN" "$API/attachments/$GID" \
    | awk '/Requests\/sec/ {print $2}' >> "$WORK/api.rps"
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "http://127.0.0.1:$NGINX_PORT/attachment.json" \
    | awk '/Requests\/sec/ {print $2}' >> "$WORK/nginx.rps"
  if [ "${S3MOCK:-0}" = 1 ]; then
    wrk -t2 -c16 -d"${SECONDS_EACH}s" "$S3/attachment.json" | awk '/Requests\/sec/ {print $2}' >> "$WORK/s3mock.rps"
  fi
done
api=$(median < "$WORK/api.rps"); ngx=$(median < "$WORK/nginx.rps")
printf 'rounds: %s x %ss, wrk -t2 -c16\n' "$ROUNDS" "$SECONDS_EACH"
printf 'server GET attachment  median %.0f req/s  (%s)\n' "$api" "$(tr '\n' ' ' < "$WORK/api.rps")"
printf 'nginx static file      median %.0f req/s  (%s)\n' "$ngx" "$(tr '\n' ' ' < "$WORK/nginx.rps")"
if [ "${S3MOCK:-0}" = 1 ]; then
  s3=$(median < "$WORK/s3mock.rps")
  printf 'S3Mock GET object      median %.0f req/s  (%s)  ratio server/S3Mock: %.2f\n' "$s3" \
    "$(tr '\n' ' ' < "$WORK/s3mock.rps")" "$(echo "$api / $s3" | bc -l)"
fi
printf 'ratio server/nginx: %.2f\n' "$(echo "$api / $ngx" | bc -l)"
