#!/usr/bin/env bash
# Before/after for the 100 MiB upload through a cluster node: one scratch PostgreSQL and one S3Mock,
# one node per spec (-Xmx64m), and in each round a direct curl PUT of the file to S3Mock, then an
# upload through each node in turn; medians, and direct/node throughput. A spec is a jar built
# elsewhere, optionally with environment settings for its node: JAR[,NAME=VALUE[;NAME=VALUE...]].
#   bench/s3-upload-jars.sh ROUNDS SPEC...
source "$(dirname "$0")/lib.sh"
need bc curl
ROUNDS=$1; shift; SPECS=("$@")
FILE="$WORK/upload-100MiB.bin"
[ -f "$FILE" ] || head -c $((100 * 1024 * 1024)) /dev/urandom > "$FILE"
trap 'stop_nodes; stop_s3mock; stop_postgres' EXIT
start_postgres "$(free_port)"; start_s3mock "$(free_port)"
APIS=(); TOKS=(); TASKS=()
for i in "${!SPECS[@]}"; do
  IFS=, read -r jar envs <<< "${SPECS[$i]}"
  P=$(free_port)
  if [ -n "$envs" ]; then export ${envs//;/ }; fi
  JAR=$jar start_node "$P" "$WORK/s3jars-$i" -Xmx64m
  if [ -n "$envs" ]; then for kv in ${envs//;/ }; do unset "${kv%%=*}"; done; fi
  APIS+=($API); TOKS+=($TOKEN)
done
for i in "${!SPECS[@]}"; do API=${APIS[$i]}; TASKS+=($(create_task t$i)); done
up() { local out; out=$(curl -s -o "$WORK/s3jars.out" -w '%{http_code} %{time_total}' -H "Authorization: Bearer ${TOKS[$1]}" -F parent="${TASKS[$1]}" -F "file=@$FILE;type=application/octet-stream" "${APIS[$1]}/attachments?opt_fields=gid")
  [ "${out% *}" = 200 ] || { echo "fail $out $(cat $WORK/s3jars.out)" >&2; exit 1; }
  curl -s -o /dev/null -H "Authorization: Bearer ${TOKS[$1]}" -X DELETE "${APIS[$1]}/attachments/$(gid_of < "$WORK/s3jars.out")"; echo "${out#* }"; }
put() { local out; out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -T "$FILE" "$S3/direct.bin"); [ "${out% *}" = 200 ] || { echo "PUT failed $out" >&2; exit 1; }; curl -s -o /dev/null -X DELETE "$S3/direct.bin"; echo "${out#* }"; }
for w in 1 2; do put >/dev/null; for i in "${!SPECS[@]}"; do up $i >/dev/null; done; done
: > $WORK/s3jars.put; for i in "${!SPECS[@]}"; do : > $WORK/s3jars.$i; done
echo "start load: $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 $ROUNDS); do put >> $WORK/s3jars.put; for i in "${!SPECS[@]}"; do up $i >> $WORK/s3jars.$i; done; done
d=$(median < $WORK/s3jars.put)
echo "end load: $(uptime | sed 's/.*load/load/')"
echo "PUT  $d  ($(tr '\n' ' ' < $WORK/s3jars.put))"
for i in "${!SPECS[@]}"; do a=$(median < $WORK/s3jars.$i); echo "${SPECS[$i]##*/}  $a  ($(tr '\n' ' ' < $WORK/s3jars.$i))  ratio $(echo "$d/$a" | bc -l | cut -c1-5)"; done
