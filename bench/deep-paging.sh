#!/usr/bin/env bash
# A task with 10,000 attachments paged with limit=100: latency of the last page against the first,
# each requested SAMPLES times, interleaved, medians compared.
#   bench/deep-paging.sh [SAMPLES]
source "$(dirname "$0")/lib.sh"
SAMPLES="${1:-200}"
PORT=18184
need bc curl
build_jar
start_server "$PORT" "$WORK/paging-data"
trap stop_server EXIT
TASK=$(create_task paging-bench)

# 10,000 external links, eight uploads at a time.
seq 1 10000 | xargs -P 8 -I{} curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" \
  -F parent="$TASK" -F resource_subtype=external -F url=https://example.com/{} -F name=link-{} "$API/attachments"
COUNT=0; PATH_Q="/attachments?parent=$TASK&limit=100"; FIRST="$PATH_Q"; LAST=""
while [ -n "$PATH_Q" ]; do
  body=$(curl -s -H "Authorization: Bearer $TOKEN" "$API$PATH_Q")
  COUNT=$((COUNT + $(grep -o '"resource_type":"attachment"' <<<"$body" | wc -l)))
  LAST="$PATH_Q"
  PATH_Q=$(grep -o '"path":"[^"]*"' <<<"$body" | sed -E 's/"path":"([^"]*)"/\1/' || true)
done
echo "attachments seen while paging: $COUNT"

: > "$WORK/first.times"; : > "$WORK/last.times"
for _ in $(seq 1 "$SAMPLES"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$API$FIRST" >> "$WORK/first.times"
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$API$LAST" >> "$WORK/last.times"
done
first=$(median < "$WORK/first.times"); last=$(median < "$WORK/last.times")
printf 'samples: %s each, interleaved\n' "$SAMPLES"
printf 'first page  median %.2f ms\n' "$(echo "$first * 1000" | bc -l)"
printf 'last page   median %.2f ms\n' "$(echo "$last * 1000" | bc -l)"
printf 'ratio last/first: %.2f\n' "$(echo "$last / $first" | bc -l)"
