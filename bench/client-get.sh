#!/usr/bin/env bash
# Sequential GET /attachments/{gid}: Attaché's client (getAttachment(gid).join(), parsed into an
# Attachment) against bare java.net.http (HttpClient.send, same headers, body parsed with Jackson
# readTree), and bare HttpClient.sendAsync(..).join(), in one JVM, blocks of CALLS calls
# alternating (order rotating every round) after five warm-up blocks of each; a fourth contender,
# bare send handed to a worker thread and joined, prices the hand-offs of a client that sends on a worker
# (this client sends a read from the thread that joins it, when no worker has started it yet); a
# fifth, bare send on an HttpClient whose executor runs tasks inline (as the client's own HTTP client
# for bodiless requests does), shows what the client adds beyond the JDK. The bar is client/bare send
# (the JDK's defaults, what a plain loop gets). See bench/client/src/GetLoop.java. The JVM runs twice: with the defaults (the figure that counts),
# then with the common ForkJoinPool at parallelism 2. With fewer than 3 CPUs the pool's default
# parallelism is 1, and then CompletableFuture's default executor, which HttpClient.sendAsync
# completes on, starts a thread per task; the client does not use sendAsync, so only the bare
# sendAsync line should move between the runs.
#   bench/client-get.sh [ROUNDS] [CALLS]
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/client/lib.sh"
ROUNDS="${1:-10}"; CALLS="${2:-1000}"
PORT=18185
need curl
build_jar
build_client
CLIENT_CP="$(client_classpath)"
compile_bench "$WORK/classes-get" "$CLIENT_CP" GetLoop.java

start_server "$PORT" "$WORK/client-get-data" ${SERVER_JAVA_OPTS:-}
trap stop_server EXIT
TASK=$(create_task client-get-bench)
printf 'hello\n' > "$WORK/hello.txt"
GID=$(curl -s -H "Authorization: Bearer $TOKEN" -F parent="$TASK" -F "file=@$WORK/hello.txt" \
  "$API/attachments?opt_fields=gid" | gid_of)
printf 'response body (%s bytes): %s\n' \
  "$(curl -s -H "Authorization: Bearer $TOKEN" "$API/attachments/$GID" | tee "$WORK/get-body.json" | wc -c)" \
  "$(cat "$WORK/get-body.json")"

for opts in "" "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"; do
  echo "== java ${opts:-(defaults)}"
  java $opts -cp "$WORK/classes-get:$CLIENT_CP" GetLoop "$API" "$TOKEN" "$GID" "$ROUNDS" "$CALLS"
done
