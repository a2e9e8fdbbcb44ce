#!/usr/bin/env bash
# A 5 KB file from the signed download_url under wrk, against nginx (1 worker, sendfile) serving the
# same bytes as a static file, alternating, ROUNDS times each, after a warm-up of the server's JIT. With
# S3MOCK=1 also a GET of the same object from S3Mock, the emulator people know, as a peer column.
#   [S3MOCK=1] bench/small-download-vs-nginx.sh [ROUNDS] [SECONDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-3}"; SECONDS_EACH="${2:-10}"
PORT=18188; NGINX_PORT=18189; S3MOCK_PORT=18190
need nginx wrk bc curl
build_jar
trap 'stop_nginx; stop_server; stop_s3mock' EXIT
start_server "$PORT" "$WORK/small-data" ${SERVER_JAVA_OPTS:-}
mkdir -p "$WORK/small-html"
head -c 5000 /dev/urandom > "$WORK/small-html/small.bin"
start_nginx "$NGINX_PORT" "$WORK/small-html"
TASK=$(create_task small-download-bench)
URL=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/small-html/small.bin;type=application/octet-stream" \
  "$API/attachments?opt_fields=download_url" | sed -E 's/.*"download_url":"([^"]+)".*/\1/')
NGINX="http://127.0.0.1:$NGINX_PORT/small.bin"
cmp <(curl -s "$URL") "$WORK/small-html/small.bin" || { echo "download differs from upload" >&2; exit 1; }
if [ "${S3MOCK:-0}" = 1 ]; then
  start_s3mock "$S3MOCK_PORT"
  curl -sf -o /dev/null -X PUT -T "$WORK/small-html/small.bin" "$S3/small.bin"
  cmp <(curl -s "$S3/small.bin") "$WORK/small-html/small.bin" || { echo "S3Mock object differs" >&2; exit 1; }
  wrk -t2 -c16 -d10s "$S3/small.bin" >/dev/null
fi

wrk -t2 -c16 -d30s "$URL" >/dev/null
wrk -t2 -c16 -d2s "$NGINX" >/dev/null
: > "$WORK/small-api.rps"; : > "$WORK/small-nginx.rps"; : > "$WORK/small-s3mock.rps"
for round in $(seq 1 "$ROUNDS"); do
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$URL" | awk '/Requests\/sec/ {print $2}' >> "$WORK/small-api.rps"
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$NGINX" | awk '/Requests\/sec/ {print $2}' >> "$WORK/small-nginx.rps"
  if [ "${S3MOCK:-0}" = 1 ]; then
    wrk -t2 -c16 -d"${SECONDS_EACH}s" "$S3/small.bin" | awk '/Requests\/sec/ {print $2}' >> "$WORK/small-s3mock.rps"
  fi
done
api=$(median < "$WORK/small-api.rps"); ngx=$(median < "$WORK/small-nginx.rps")
printf 'rounds: %s x %ss, wrk -t2 -c16, 5000-byte body\n' "$ROUNDS" "$SECONDS_EACH"
printf 'server download_url  median %.0f req/s  (%s)\n' "$api" "$(tr '\n' ' ' < "$WORK/small-api.rps")"
printf 'nginx static file    median %.0f req/s  (%s)\n' "$ngx" "$(tr '\n' ' ' < "$WORK/small-nginx.rps")"
if [ "${S3MOCK:-0}" = 1 ]; then
  s3=$(median < "$WORK/small-s3mock.rps")
  printf 'S3Mock GET object    median %.0f req/s  (%s)  ratio server/S3Mock: %.2f\n' "$s3" \
    "$(tr '\n' ' ' < "$WORK/small-s3mock.rps")" "$(echo "$api / $s3" | bc -l)"
fi
printf 'ratio server/nginx: %.2f\n' "$(echo "$api / $ngx" | bc -l)"
