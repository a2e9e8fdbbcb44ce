#!/usr/bin/env bash
# 100 MiB upload and download through one node on PostgreSQL + S3Mock, against the same bytes PUT to
# and GET from S3Mock directly with curl (path-style, S3Mock takes any credentials), alternating in one
# run, ROUNDS times each. The node streams the upload into S3Mock as a multipart upload and the
# download back out of it, so the direct transfer is the floor: the ratio is the node's overhead.
#   bench/s3-node-overhead.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
need bc curl
build_jar
PORT=$(free_port); PG_PORT=$(free_port); S3MOCK_PORT=$(free_port)
FILE="$WORK/s3-overhead.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
BYTES=$(stat -c %s "$FILE")

trap 'stop_nodes; stop_s3mock; stop_postgres' EXIT
start_postgres "$PG_PORT"
start_s3mock "$S3MOCK_PORT"
start_node "$PORT" "$WORK/s3-overhead-node" ${SERVER_JAVA_OPTS:-}
TASK=$(create_task s3-overhead-bench)

# time_upload: seconds for one upload of FILE through the node; prints "SECONDS GID URL"
time_upload() {
  local out body="$WORK/s3-overhead-upload.json"
  out=$(curl -s -o "$body" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" -F parent="$TASK" \
    -F "file=@$FILE;type=application/octet-stream" "$API/attachments?opt_fields=gid,download_url")
  [ "${out% *}" = 200 ] || [ "${out% *}" = 201 ] || { echo "upload failed: $out $(cat "$body")" >&2; return 1; }
  echo "${out#* } $(gid_of < "$body") $(sed -E 's/.*"download_url":"([^"]+)".*/\1/' "$body")"
}
# time_put KEY: seconds for one PUT of FILE straight into S3Mock
time_put() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -T "$FILE" "$S3/$1")
  [ "${out% *}" = 200 ] || { echo "PUT $S3/$1 failed: $out" >&2; return 1; }
  echo "${out#* }"
}

# the bytes downloaded through the node are the uploaded ones, and S3Mock's direct GET returns them too
up=$(time_upload); read -r _ GID URL <<< "$up"
[ "$(curl -s "$URL" | sha256sum)" = "$(sha256sum < "$FILE")" ] || { echo "node download differs from upload" >&2; exit 1; }
time_put direct.bin >/dev/null
[ "$(curl -s "$S3/direct.bin" | sha256sum)" = "$(sha256sum < "$FILE")" ] || { echo "S3Mock GET differs" >&2; exit 1; }
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$GID"
# warm-up: one more of each, so the JIT has seen every path once
up=$(time_upload); read -r _ GID URL <<< "$up"; time_get "$URL" >/dev/null; time_get "$S3/direct.bin" >/dev/null
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$GID"

: > "$WORK/s3-node-up.times"; : > "$WORK/s3-direct-up.times"; : > "$WORK/s3-node-down.times"; : > "$WORK/s3-direct-down.times"
for round in $(seq 1 "$ROUNDS"); do
  up=$(time_upload); read -r secs GID URL <<< "$up"; echo "$secs" >> "$WORK/s3-node-up.times"
  time_put "direct-$round.bin" >> "$WORK/s3-direct-up.times"
  time_get "$URL" >> "$WORK/s3-node-down.times"
  time_get "$S3/direct-$round.bin" >> "$WORK/s3-direct-down.times"
  # deleting keeps S3Mock's store at a few copies of the file
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$GID"
  curl -sf -o /dev/null -X DELETE "$S3/direct-$round.bin"
done
RSS=$(peak_rss_mib "${NODE_PIDS[0]}")

nu=$(median < "$WORK/s3-node-up.times"); du=$(median < "$WORK/s3-direct-up.times")
nd=$(median < "$WORK/s3-node-down.times"); dd=$(median < "$WORK/s3-direct-down.times")
row() { printf '%-26s median %.3f s  %6.0f MiB/s  (%s)\n' "$1" "$2" "$(echo "$BYTES/1048576/$2" | bc -l)" "$(tr '\n' ' ' < "$3")"; }
printf 'rounds: %s, %s bytes; load: %s\n' "$ROUNDS" "$BYTES" "$(uptime | sed 's/.*load/load/')"
row 'upload   curl -> node -> S3' "$nu" "$WORK/s3-node-up.times"
row 'upload   curl PUT -> S3Mock' "$du" "$WORK/s3-direct-up.times"
row 'download S3 -> node -> curl' "$nd" "$WORK/s3-node-down.times"
row 'download curl GET S3Mock' "$dd" "$WORK/s3-direct-down.times"
printf 'node peak RSS: %s MiB (java options: %s)\n' "$RSS" "${SERVER_JAVA_OPTS:-none}"
printf 'ratio node/direct time (overhead): upload %.2f, download %.2f\n' "$(echo "$nu / $du" | bc -l)" "$(echo "$nd / $dd" | bc -l)"
printf 'ratio node/direct throughput: upload %.2f, download %.2f\n' "$(echo "$du / $nu" | bc -l)" "$(echo "$dd / $nd" | bc -l)"
