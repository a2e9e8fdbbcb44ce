#!/usr/bin/env bash
# 100 MiB upload to one server: Attaché's client in a JVM with -Xmx32m, curl -F, and Asana's
# official Java client (com.asana:asana:1.0.0) in the smallest heap from 32m up that completes it.
# Each Java client runs twice per round: a fresh JVM doing one upload ("cold", a command-line
# tool) and a JVM doing WARM (at least 5) uploads in a row, of which the last counts ("warm", a
# long-running service). Rounds alternate the tools (the order rotates each round); every upload
# is checked for its size, then deleted. Seconds are the request alone, as the uploader measures it
# (JVM and curl start-up excluded); peak RSS is of the whole uploading process (GNU time %M).
# ASANA=0 leaves Asana's client out (its heap probe alone takes a minute). CLIENT_CP runs a client
# built elsewhere (an older commit's classes plus its dependencies, to compare before and after)
# instead of this tree's.
#   [ASANA=0] [ATTACHE_JAR=server.jar] [CLIENT_CP=classpath] bench/client-upload.sh [ROUNDS] [WARM]
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/client/lib.sh"
ROUNDS="${1:-5}"; WARM="${2:-5}"
# A JVM's second 100 MiB upload still runs much of java.net.http's path interpreted or mid-compile:
# median 0.57 s, against 0.41 s for its fifth and 0.33 s for its sixth to tenth (8 JVMs, 2026-12-05,
# load 8-11). Counted as "warm", upload 2 of 2 gave a ratio of 0.57 where upload 5 of 5 had given
# 0.88, so fewer than 5 is refused rather than reported under the same name.
[ "$WARM" -ge 5 ] || { echo "WARM is $WARM; the warm upload counted must be the 5th or later" >&2; exit 2; }
PORT=$(free_port)
CLIENT_HEAP=32m
need bc curl time
build_jar
if [ -z "${CLIENT_CP:-}" ]; then
  build_client
  CLIENT_CP="$(client_classpath)"
fi
FILE="$WORK/upload-100MiB.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
BYTES=$(stat -c %s "$FILE")

ASANA_CP="$(asana_classpath)"
compile_bench "$WORK/classes-attache" "$CLIENT_CP" AttacheUpload.java
compile_bench "$WORK/classes-asana" "$ASANA_CP" AsanaUpload.java

start_server "$PORT" "$WORK/client-upload-data" ${SERVER_JAVA_OPTS:--Xmx64m}
trap stop_server EXIT
TASK=$(create_task client-upload-bench)
# The server's JIT warms up on a few uploads nobody counts, so round 1 measures the clients.
for _ in 1 2 3; do
  curl -s -o "$WORK/curl.out" -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$FILE" \
    "$API/attachments?opt_fields=gid"
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$(gid_of < "$WORK/curl.out")"
done

# check_and_delete GID: the stored size must be the file's; then the attachment goes.
check_and_delete() {
  local size
  size=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/attachments/$1?opt_fields=size" \
    | sed -E 's/.*"size":([0-9]+).*/\1/')
  [ "$size" = "$BYTES" ] || { echo "attachment $1 stored $size bytes, expected $BYTES" >&2; exit 1; }
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -X DELETE "$API/attachments/$1"
}

# run_upload TOOL: appends the counted upload's seconds to TOOL.times, "rss_kib wall_s" to TOOL.proc
run_upload() {
  local tool="$1" out code line
  case "$tool" in
    attache-cold|attache-warm)
      out=$(/usr/bin/time -f '%M %e' -o "$WORK/$tool.time" java -Xmx$CLIENT_HEAP \
        -cp "$WORK/classes-attache:$CLIENT_CP" AttacheUpload "$API" "$TOKEN" "$TASK" "$FILE" \
        "$([ "$tool" = attache-cold ] && echo 1 || echo "$WARM")") ;;
    asana-cold|asana-warm)
      out=$(/usr/bin/time -f '%M %e' -o "$WORK/$tool.time" java -Xmx$ASANA_HEAP \
        -cp "$WORK/classes-asana:$ASANA_CP" AsanaUpload "$API" "$TOKEN" "$TASK" "$FILE" \
        "$([ "$tool" = asana-cold ] && echo 1 || echo "$WARM")") ;;
    curl)
      line=$(/usr/bin/time -f '%M %e' -o "$WORK/$tool.time" \
        curl -s -o "$WORK/curl.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
        -F parent="$TASK" -F "file=@$FILE;type=application/octet-stream" "$API/attachments?opt_fields=name")
      code=${line% *}
      [ "$code" = 200 ] || { echo "curl upload failed: $line $(cat "$WORK/curl.out")" >&2; exit 1; }
      out="$(gid_of < "$WORK/curl.out") ${line#* }" ;;
  esac
  while read -r line; do
    [[ "$line" =~ ^[0-9]+\ [0-9.]+$ ]] || { echo "$tool upload failed: $line" >&2; exit 1; }
    check_and_delete "${line% *}"
  done <<<"$out"
  line=$(tail -n 1 <<<"$out")
  echo "${line#* }" >> "$WORK/$tool.times"
  tail -n 1 "$WORK/$tool.time" >> "$WORK/$tool.proc"
}

# The official client first: find the smallest heap, from 32m doubling, that completes the upload.
ASANA_HEAP=""
for heap in 32m 64m 128m 256m 512m 1024m 2048m; do
  [ "${ASANA:-1}" != 0 ] || { ASANA_HEAP=none; break; }
  if out=$(java -Xmx$heap -cp "$WORK/classes-asana:$ASANA_CP" AsanaUpload "$API" "$TOKEN" "$TASK" "$FILE" 2>&1 \
      | tail -n 1); [[ "$out" =~ ^[0-9]+\ [0-9.]+$ ]]; then
    echo "asana client probe -Xmx$heap: ok ($out)"
    check_and_delete "${out% *}"
    ASANA_HEAP=$heap; break
  fi
  echo "asana client probe -Xmx$heap: failed ($(cut -c1-160 <<<"$out"))"
done
[ -n "$ASANA_HEAP" ] || { echo "asana client did not complete the upload with any heap tried" >&2; exit 1; }

TOOLS=(attache-cold attache-warm curl asana-cold asana-warm)
[ "${ASANA:-1}" = 0 ] && TOOLS=(attache-cold attache-warm curl)
for tool in "${TOOLS[@]}"; do : > "$WORK/$tool.times"; : > "$WORK/$tool.proc"; done
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $(( ${#TOOLS[@]} - 1 ))); do
    run_upload "${TOOLS[$(( (round - 1 + i) % ${#TOOLS[@]} ))]}"
  done
done

printf 'rounds: %s; file %s bytes; server -Xmx64m; loopback; warm = upload %s of %s in one JVM\n' \
  "$ROUNDS" "$BYTES" "$WARM" "$WARM"
for tool in "${TOOLS[@]}"; do
  s=$(median < "$WORK/$tool.times")
  mibs=$(echo "$BYTES / 1048576 / $s" | bc -l)
  rss=$(awk '{print $1/1024}' "$WORK/$tool.proc" | median)
  rss_max=$(awk '{print $1/1024}' "$WORK/$tool.proc" | sort -g | tail -n 1)
  wall=$(awk '{print $2}' "$WORK/$tool.proc" | median)
  case "$tool" in
    attache-*) label="attache ${tool#attache-} -Xmx$CLIENT_HEAP" ;;
    asana-*) label="asana 1.0.0 ${tool#asana-} -Xmx$ASANA_HEAP" ;;
    curl) label="curl -F" ;;
  esac
  printf '%-27s median %.3f s %6.1f MiB/s  peak RSS median %4.0f MiB (max %4.0f)  process wall median %5.2f s  (s: %s)\n' \
    "$label" "$s" "$mibs" "$rss" "$rss_max" "$wall" "$(tr '\n' ' ' < "$WORK/$tool.times")"
  eval "${tool//-/_}_mibs=$mibs"
done
printf 'ratio attache/curl throughput: cold %.2f, warm (upload %s of %s) %.2f\n' \
  "$(echo "$attache_cold_mibs / $curl_mibs" | bc -l)" "$WARM" "$WARM" \
  "$(echo "$attache_warm_mibs / $curl_mibs" | bc -l)"
# The same ratio round by round (curl's seconds over the client's in the same round), to show its
# spread: the load of a shared machine drifts less within a round than across the run.
printf 'warm ratio per round: %s\n' \
  "$(paste "$WORK/curl.times" "$WORK/attache-warm.times" | awk '{printf "%.2f ", $1 / $2}')"
[ "${ASANA:-1}" = 0 ] || printf 'ratio asana/curl throughput:   cold %.2f, warm %.2f\n' \
  "$(echo "$asana_cold_mibs / $curl_mibs" | bc -l)" "$(echo "$asana_warm_mibs / $curl_mibs" | bc -l)"
