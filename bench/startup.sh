#!/usr/bin/env bash
# Start to healthy /health through the ./attache launcher (with its class-data archive and heap
# defaults), on a fresh data dir and on an existing one, and `attache ls` on a small task, each against
# `java -jar attache.jar --version` measured in the same run, alternating, ROUNDS times each.
# Also the same start with plain `java -jar` (no archive, JVM defaults), to show what the launcher adds.
#   bench/startup.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-5}"
PORT=18187
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
need bc curl
build_jar
LAUNCHER="$ROOT/attache"
DATA="$WORK/startup-data"

# ms from now until /health answers 200, polling every 20 ms; then stops the server
healthy_ms() {
  local start end pid
  start=$(date +%s%N)
  "$@" >"$WORK/startup.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; see $WORK/startup.log" >&2; return 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

run_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# archives are made by a first run of each kind; these runs are not measured
rm -f "$ROOT"/cli/target/attache-*.jsa*
rm -rf "$DATA"
healthy_ms "$LAUNCHER" serve --port "$PORT" --data-dir "$DATA" >/dev/null
healthy_ms "$LAUNCHER" serve --port "$PORT" --data-dir "$DATA" >/dev/null
TOKEN_FILE="$DATA/dev-token"
"$LAUNCHER" serve --port "$PORT" --data-dir "$DATA" >"$WORK/startup-ls.log" 2>&1 &
LS_SERVER=$!
trap 'kill $LS_SERVER 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; do sleep 0.1; done
TOKEN=$(cat "$TOKEN_FILE"); API="http://127.0.0.1:$PORT/api/1.0"
TASK=$(create_task startup-bench)
printf 'hello\n' > "$WORK/hello.txt"
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" "$API/attachments"
LS=("$LAUNCHER" ls --host "$API" --token-file "$TOKEN_FILE" --parent "$TASK")
"${LS[@]}" >/dev/null; "${LS[@]}" >/dev/null
"$LAUNCHER" --version >/dev/null; "$LAUNCHER" --version >/dev/null

: > "$WORK/st-version"; : > "$WORK/st-ls"; : > "$WORK/st-launcher-version"
for round in $(seq 1 "$ROUNDS"); do
  run_ms java -jar "$JAR" --version >> "$WORK/st-version"
  run_ms "${LS[@]}" >> "$WORK/st-ls"
  run_ms "$LAUNCHER" --version >> "$WORK/st-launcher-version"
done
kill "$LS_SERVER"; wait "$LS_SERVER" 2>/dev/null || true

: > "$WORK/st-fresh"; : > "$WORK/st-existing"; : > "$WORK/st-plain"; : > "$WORK/st-version2"
for round in $(seq 1 "$ROUNDS"); do
  run_ms java -jar "$JAR" --version >> "$WORK/st-version2"
  rm -rf "$WORK/startup-fresh"
  healthy_ms "$LAUNCHER" serve --port "$PORT" --data-dir "$WORK/startup-fresh" >> "$WORK/st-fresh"
  healthy_ms "$LAUNCHER" serve --port "$PORT" --data-dir "$DATA" >> "$WORK/st-existing"
  healthy_ms java -jar "$JAR" serve --port "$PORT" --data-dir "$DATA" >> "$WORK/st-plain"
done

v=$(cat "$WORK/st-version" "$WORK/st-version2" | median)
show() { printf '%-46s median %5.0f ms  (%s)  %.2fx --version\n' "$1" "$(median < "$2")" "$(tr '\n' ' ' < "$2")" "$(echo "$(median < "$2") / $v" | bc -l)"; }
printf 'rounds: %s; load average at the start: %s, at the end: %s\n' "$ROUNDS" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-46s median %5.0f ms\n' "java -jar attache.jar --version" "$v"
show "./attache --version (archive)" "$WORK/st-launcher-version"
show "./attache ls, small task (archive)" "$WORK/st-ls"
show "java -jar attache.jar serve, existing dir" "$WORK/st-plain"
show "./attache serve, fresh dir, to healthy" "$WORK/st-fresh"
show "./attache serve, existing dir, to healthy" "$WORK/st-existing"
printf 'ratio serve-to-healthy/--version (existing dir): %.2f\n' "$(echo "$(median < "$WORK/st-existing") / $v" | bc -l)"
