#!/usr/bin/env bash
# 100 MiB upload with curl into a server limited to a 64 MB heap, against dd writing the same
# file with conv=fsync on the same disk, alternating, ROUNDS times each.
#   bench/upload-throughput.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
PORT=$(free_port)
need bc curl
build_jar
FILE="$WORK/upload-100MiB.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
BYTES=$(stat -c %s "$FILE")

start_server "$PORT" "$WORK/upload-data" -Xmx64m ${SERVER_JAVA_OPTS:-}
TASK=$(create_task upload-bench)

: > "$WORK/dd.times"; : > "$WORK/curl.times"
for round in $(seq 1 "$ROUNDS"); do
  start=$(date +%s.%N)
  dd if="$FILE" of="$WORK/upload-data/dd-copy.bin" bs=1M conv=fsync status=none
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l >> "$WORK/dd.times"
  rm -f "$WORK/upload-data/dd-copy.bin"

  out=$(curl -s -o "$WORK/curl.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
    -F parent="$TASK" -F "file=@$FILE;type=application/octet-stream" "$API/attachments?opt_fields=gid")
  code=${out% *}
  [ "$code" = 200 ] || { echo "upload failed: $out $(cat "$WORK/curl.out")" >&2; stop_server; exit 1; }
  echo "${out#* }" >> "$WORK/curl.times"
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$(gid_of < "$WORK/curl.out")"
done
RSS=$(peak_rss_mib "$SERVER_PID")
HEAP=$(jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | awk '/total/ {print; exit}')
stop_server

dd_s=$(median < "$WORK/dd.times"); curl_s=$(median < "$WORK/curl.times")
dd_mibs=$(echo "$BYTES / 1048576 / $dd_s" | bc -l); curl_mibs=$(echo "$BYTES / 1048576 / $curl_s" | bc -l)
printf 'rounds: %s\n' "$ROUNDS"
printf 'dd conv=fsync   median %.3f s  %.1f MiB/s\n' "$dd_s" "$dd_mibs"
printf 'curl -> server  median %.3f s  %.1f MiB/s\n' "$curl_s" "$curl_mibs"
printf 'ratio server/dd: %.2f\n' "$(echo "$curl_mibs / $dd_mibs" | bc -l)"
printf 'server peak RSS: %s MiB (-Xmx64m); heap at end: %s\n' "$RSS" "$HEAP"
