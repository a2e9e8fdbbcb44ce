#!/usr/bin/env bash
# 100 MiB download from the signed download_url with curl, against nginx (sendfile on, 1 worker)
# serving the same file from the same disk, alternating, ROUNDS times each; with S3MOCK=1 also a GET
# of the same object from S3Mock as a peer column. Also a 50 MiB Range request from the middle.
#   bench/download-vs-nginx.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-9}"
PORT=18184; NGINX_PORT=18185; S3MOCK_PORT=18186
need nginx bc curl
build_jar
mkdir -p "$WORK/download-html"
FILE="$WORK/download-html/big.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
BYTES=$(stat -c %s "$FILE")

trap 'stop_nginx; stop_server; stop_s3mock' EXIT
start_server "$PORT" "$WORK/download-data" ${SERVER_JAVA_OPTS:-}
start_nginx "$NGINX_PORT" "$WORK/download-html"
TASK=$(create_task download-bench)
URL=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$FILE;type=application/octet-stream" \
  "$API/attachments?opt_fields=download_url" | sed -E 's/.*"download_url":"([^"]+)".*/\1/')
NGINX="http://127.0.0.1:$NGINX_PORT/big.bin"
if [ "${S3MOCK:-0}" = 1 ]; then
  start_s3mock "$S3MOCK_PORT"
  curl -sf -o /dev/null -X PUT -T "$FILE" "$S3/big.bin"
fi

# the downloaded bytes are the uploaded ones
[ "$(curl -s "$URL" | sha256sum)" = "$(sha256sum < "$FILE")" ] || { echo "download differs from upload" >&2; exit 1; }
for _ in 1 2 3 4 5; do time_get "$URL" >/dev/null; time_get "$NGINX" >/dev/null; done

: > "$WORK/dl-server.times"; : > "$WORK/dl-nginx.times"; : > "$WORK/dl-s3mock.times"; : > "$WORK/dl-range.times"
for round in $(seq 1 "$ROUNDS"); do
  time_get "$URL" >> "$WORK/dl-server.times"
  time_get "$NGINX" >> "$WORK/dl-nginx.times"
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Range: bytes=26214400-78643199' "$URL" >> "$WORK/dl-range.times"
  [ "${S3MOCK:-0}" = 1 ] && time_get "$S3/big.bin" >> "$WORK/dl-s3mock.times"
done
RSS=$(peak_rss_mib "$SERVER_PID")

srv=$(median < "$WORK/dl-server.times"); ngx=$(median < "$WORK/dl-nginx.times"); rng=$(median < "$WORK/dl-range.times")
printf 'rounds: %s, %s bytes\n' "$ROUNDS" "$BYTES"
printf 'server download_url   median %.3f s  %6.0f MiB/s  (%s)\n' "$srv" "$(echo "$BYTES/1048576/$srv" | bc -l)" "$(tr '\n' ' ' < "$WORK/dl-server.times")"
printf 'server Range 50 MiB   median %.3f s  %6.0f MiB/s\n' "$rng" "$(echo "52428800/1048576/$rng" | bc -l)"
printf 'nginx sendfile        median %.3f s  %6.0f MiB/s  (%s)\n' "$ngx" "$(echo "$BYTES/1048576/$ngx" | bc -l)" "$(tr '\n' ' ' < "$WORK/dl-nginx.times")"
if [ "${S3MOCK:-0}" = 1 ]; then
  s3=$(median < "$WORK/dl-s3mock.times")
  printf 'S3Mock GET object     median %.3f s  %6.0f MiB/s  ratio server/S3Mock: %.2f\n' "$s3" "$(echo "$BYTES/1048576/$s3" | bc -l)" "$(echo "$s3 / $srv" | bc -l)"
fi
printf 'server peak RSS: %s MiB (java options: %s)\n' "$RSS" "${SERVER_JAVA_OPTS:-none}"
printf 'ratio server/nginx: %.2f\n' "$(echo "$ngx / $srv" | bc -l)"
