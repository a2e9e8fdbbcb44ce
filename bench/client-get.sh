#!/usr/bin/env bash
# Sequential GET /attachments/{gid}: Attaché's client (getAttachment(gid).join(), parsed into an
# Attachment) against bare java.net.http (HttpClient.send, same headers, body parsed with Jackson
# readTree), and bare HttpClient.sendAsync(..).join(), in one JVM, blocks of CALLS calls
# alternating (order rotating every round) after five warm-up blocks of each; a fourth contender,
# bare send handed to a worker thread and joined, prices the hand-offs the client makes (it sends
# every exchange on a worker of its own); a fifth, bare send on an HttpClient whose executor runs
# tasks inline (which the JDK supports for r -> r.run() only), shows what skipping the JDK's own
# hand-off to its pool would buy. The bar is client/bare send (the JDK's defaults, what a plain loop
# gets). See bench/client/src/GetLoop.java. The JVM runs twice: with the defaults (the figure that counts),
# then with the common ForkJoinPool at parallelism 2. With fewer than 3 CPUs the pool's default
# parallelism is 1, and then CompletableFuture's default executor, which HttpClient.sendAsync
# completes on, starts a thread per task; the client does not use sendAsync, so only the bare
# sendAsync line should move between the runs.
# DELAY_US=1000 puts bench/client/src/DelayProxy.java between every contender and the server, adding
# that many microseconds each way, as a network would (for machines without tc netem).
#   [DELAY_US=N] [ATTACHE_JAR=server.jar] [CLIENT_CP=classpath] bench/client-get.sh [ROUNDS] [CALLS]
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/client/lib.sh"
ROUNDS="${1:-10}"; CALLS="${2:-1000}"
PORT=18185
need curl
build_jar
# CLIENT_CP runs a client built elsewhere (an older commit's classes plus its dependencies, to compare
# before and after) instead of building this tree's.
if [ -z "${CLIENT_CP:-}" ]; then
  build_client
  CLIENT_CP="$(client_classpath)"
fi
compile_bench "$WORK/classes-get" "$CLIENT_CP" GetLoop.java DelayProxy.java

start_server "$PORT" "$WORK/client-get-data" ${SERVER_JAVA_OPTS:-}
PROXY_PID=
stop_all() {
  [ -z "$PROXY_PID" ] || kill "$PROXY_PID" 2>/dev/null || true
  stop_server
}
trap stop_all EXIT
TASK=$(create_task client-get-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" \
  "$API/attachments?opt_fields=gid" | gid_of)
printf 'response body (%s bytes): %s\n' \
  "$(curl -s -H "Authorization: Bearer $TOKEN" "$API/attachments/$GID" | tee "$WORK/get-body.json" | wc -c)" \
  "$(cat "$WORK/get-body.json")"

TARGET="$API"
if [ -n "${DELAY_US:-}" ]; then
  rm -f "$WORK/delay-proxy.port"
  java -cp "$WORK/classes-get" DelayProxy "$PORT" "$DELAY_US" > "$WORK/delay-proxy.port" &
  PROXY_PID=$!
  for _ in $(seq 1 100); do [ -s "$WORK/delay-proxy.port" ] && break; sleep 0.1; done
  TARGET="http://127.0.0.1:$(cat "$WORK/delay-proxy.port")/api/1.0"
  echo "through DelayProxy, ${DELAY_US} us each way: $TARGET"
fi

for opts in "" "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"; do
  echo "== java ${opts:-(defaults)}"
  java $opts -cp "$WORK/classes-get:$CLIENT_CP" GetLoop "$TARGET" "$TOKEN" "$GID" "$ROUNDS" "$CALLS"
done
