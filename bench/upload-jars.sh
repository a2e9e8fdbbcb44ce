#!/usr/bin/env bash
# Before/after for the 100 MiB one-node upload: dd conv=fsync of the file, then one server per jar
# (-Xmx64m, each on its own data dir), in turn, ROUNDS times; medians of seconds and of the server's
# CPU per upload (utime+stime from /proc, its DELETE included). Jars are built elsewhere, e.g. from
# two commits. Warm-up: four uploads per server first.
#   bench/upload-jars.sh ROUNDS JAR...
source "$(dirname "$0")/lib.sh"
need bc curl
ROUNDS=$1; shift; JARS=("$@")
FILE="$WORK/upload-100MiB.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
PIDS=(); TOKS=(); APIS=(); TASKS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null; done; wait' EXIT
for i in "${!JARS[@]}"; do
  P=$(free_port); JAR=${JARS[$i]} start_server "$P" "$WORK/jars-$i" -Xmx64m; PIDS+=($SERVER_PID); TOKS+=($TOKEN); APIS+=($API)
  TASKS+=($(create_task t$i))
done
cpu() { awk '{print $14+$15}' /proc/${PIDS[$1]}/stat; }
up() { # i
  local out c0 c1; c0=$(cpu $1); out=$(curl -s -o "$WORK/jars.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer ${TOKS[$1]}" -F parent="${TASKS[$1]}" -F "file=@$FILE;type=application/octet-stream" "${APIS[$1]}/attachments?opt_fields=gid")
  [ "${out% *}" = 200 ] || { echo "fail $out $(cat $WORK/jars.out)" >&2; exit 1; }
  curl -s -o /dev/null -H "Authorization: Bearer ${TOKS[$1]}" -X DELETE "${APIS[$1]}/attachments/$(gid_of < "$WORK/jars.out")"; c1=$(cpu $1); echo "$(( (c1-c0)*10 ))" >> $WORK/jars.cpu.$1; echo "${out#* }"; }
for w in 1 2 3 4; do for i in "${!JARS[@]}"; do up $i >/dev/null; done; done
: > $WORK/jars.dd; for i in "${!JARS[@]}"; do : > $WORK/jars.$i; : > $WORK/jars.cpu.$i; done
echo "start load: $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 $ROUNDS); do
  s=$(date +%s.%N); dd if="$FILE" of="$WORK/jars-0/dd.bin" bs=1M conv=fsync status=none; e=$(date +%s.%N); echo "$e - $s" | bc -l >> $WORK/jars.dd; rm -f "$WORK/jars-0/dd.bin"
  for i in "${!JARS[@]}"; do up $i >> $WORK/jars.$i; done
done
d=$(median < $WORK/jars.dd)
echo "end load: $(uptime | sed 's/.*load/load/')"
echo "dd  $d  ($(tr '\n' ' ' < $WORK/jars.dd))"
for i in "${!JARS[@]}"; do a=$(median < $WORK/jars.$i); echo "${JARS[$i]##*/}  $a  ($(tr '\n' ' ' < $WORK/jars.$i))  ratio $(echo "$d/$a" | bc -l | cut -c1-5)  server cpu ms median $(median < $WORK/jars.cpu.$i) ($(tr '\n' ' ' < $WORK/jars.cpu.$i))"; done
