#!/usr/bin/env bash
# S3Mock under kill -9, seen with a plain S3 client (curl) and nothing of Attaché's.
#
# Writers PUT objects without pause; S3Mock is killed with -9 mid-traffic and started again on the same
# store root. Afterwards: does every object that was acknowledged (HTTP 200) before the kill still read
# back, and does a new PUT succeed? Prints one line per round and the state of the bucket's metadata
# file, which S3Mock rewrites in place (whole key -> id map) on every PUT.
#
# usage: s3mock-kill9.sh S3MOCK_JAR [ROUNDS] [WRITERS]
set -euo pipefail
JAR=${1:?path to s3mock-5.2.0-exec.jar}
ROUNDS=${2:-5}
WRITERS=${3:-4}
WORK=$(mktemp -d)
ROOT=$WORK/store
BUCKET=kill9
mkdir -p "$ROOT"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
PID=

start() {
  java -Xmx384m -XX:+UseSerialGC -Dcom.adobe.testing.s3mock.httpPort="$PORT" -Dserver.port="$SPORT" \
    -Dcom.adobe.testing.s3mock.store.root="$ROOT" -Dcom.adobe.testing.s3mock.store.retainFilesOnExit=true \
    -Dcom.adobe.testing.s3mock.store.initialBuckets=$BUCKET -jar "$JAR" >>"$WORK/s3mock.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null "$URL/$BUCKET" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "S3Mock did not start; see $WORK/s3mock.log" >&2; exit 1
}
stop() { [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=; }
trap 'stop; rm -rf "$WORK"' EXIT

writer() { # writes objects w<id>-<n>, logs the key of each PUT answered 200
  local id=$1 n=0
  head -c 2048 /dev/urandom >"$WORK/body-$id"
  while [ ! -e "$WORK/stop" ]; do
    n=$((n + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary "@$WORK/body-$id" "$URL/$BUCKET/r$ROUND-w$id-$n" || true)
    [ "$code" = 200 ] && echo "r$ROUND-w$id-$n" >>"$WORK/acked"
  done
}

start
: >"$WORK/acked"
for ROUND in $(seq 1 "$ROUNDS"); do
  rm -f "$WORK/stop"
  for w in $(seq 1 "$WRITERS"); do writer "$w" & done
  sleep "$(python3 -c 'import random; print(2 + random.random() * 2)')"
  stop
  touch "$WORK/stop"; wait 2>/dev/null || true
  start
  meta=$(find "$ROOT/$BUCKET" -maxdepth 1 -name bucketMetadata.json -printf '%s' 2>/dev/null || echo missing)
  valid=$(python3 -c "import json,sys; json.load(open('$ROOT/$BUCKET/bucketMetadata.json')); print('valid')" 2>/dev/null || echo INVALID)
  put=$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary x "$URL/$BUCKET/after-r$ROUND")
  total=0 lost=0 codes=""
  while read -r key; do
    total=$((total + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/$BUCKET/$key")
    if [ "$code" != 200 ]; then lost=$((lost + 1)); codes="$codes $code"; fi
  done <"$WORK/acked"
  echo "round $ROUND: metadata ${meta} bytes ($valid); new PUT -> $put; acknowledged $total, unreadable $lost$( [ -n "$codes" ] && echo " (statuses:$(echo $codes | tr ' ' '\n' | sort | uniq -c | tr '\n' ' '))")"
  if [ "$valid" = INVALID ]; then
    echo "  its bucketMetadata.json now ends with: $(tail -c 120 "$ROOT/$BUCKET/bucketMetadata.json")"
    echo "  object files still on disk: $(find "$ROOT/$BUCKET" -name binaryData | wc -l)"
    echo "  S3Mock's log for the failed requests:"
    grep -m3 -E "Exception|ERROR" "$WORK/s3mock.log" | cut -c1-300 | sed 's/^/    /' || true
    break
  fi
done
