# Shared by the client benchmarks; source after bench/lib.sh. Builds classpaths with
# `mvn dependency:build-classpath` (nothing is installed) and compiles bench/client/src with javac.

# cli does not depend on the client, so build_jar leaves it alone; compile it (and, as its test
# dependency, the server) in the reactor, without installing anything.
build_client() {
  (cd "$ROOT" && mvn -B -q -o -Dstyle.color=never compile -pl client -am) >&2
}

# Attaché's client: its compiled classes plus its runtime dependencies (Jackson). Resolved in the
# reactor (-am), since the client's test dependencies on the server (its jar and its test-jar) are
# not installed anywhere; the test-jar exists only from the package phase on, hence package. The
# server's classpath is written first and the client's replaces it.
client_classpath() {
  (cd "$ROOT" && mvn -B -q -o -Dstyle.color=never -DskipTests -Dmaven.javadoc.skip=true -pl client -am package \
    dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$WORK/client-deps.cp") >&2
  printf '%s:%s' "$ROOT/client/target/classes" "$(cat "$WORK/client-deps.cp")"
}

# Asana's official Java client com.asana:asana:1.0.0 and its dependencies, from bench/client/pom.xml.
asana_classpath() {
  mvn -B -q -o -Dstyle.color=never -f "$BENCH_DIR/client/pom.xml" dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$WORK/asana.cp" >&2
  cat "$WORK/asana.cp"
}

# compile_bench OUT_DIR CLASSPATH SOURCE...
compile_bench() {
  local out="$1" cp="$2"; shift 2
  rm -rf "$out"; mkdir -p "$out"
  javac --release 17 -cp "$cp" -d "$out" "${@/#/$BENCH_DIR/client/src/}"
}
