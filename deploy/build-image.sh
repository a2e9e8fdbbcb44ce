#!/usr/bin/env bash
# Builds the attache OCI image from this checkout: the fat jar, a Java runtime cut down with jlink to
# the modules the jar needs, the shared libraries that runtime links to (found with ldd), and a static
# launcher, on no base image at all (FROM scratch). Nothing is pulled from a registry.
#
#   deploy/build-image.sh [IMAGE]      IMAGE defaults to attache:latest
#
# Needs a JDK 17+ with its jmods (Debian: openjdk-17-jdk-headless), Maven, gcc with a static libc
# (Debian: gcc, libc6-dev) and podman (or docker: set ENGINE=docker). Nothing in it needs root: tar
# sets the files' owners in the layer.
set -euo pipefail

image="${1:-attache:latest}"
engine="${ENGINE:-podman}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$deploy")"
stage="$repo/target/image"
root="$stage/root"

# The runtime's modules: what `jdeps --print-module-deps --ignore-missing-deps --multi-release 17
# cli/target/attache.jar` prints for the fat jar (about 40 s, so it is not rerun on every build), plus
# jdk.crypto.ec, which nothing names in code but TLS needs for its elliptic-curve key exchanges (HTTPS
# to S3 and PostgreSQL, and serve --tls-cert). java.desktop is there for java.beans, which Jackson,
# Jetty and Micrometer use.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.security.jgss
modules+=,java.sql,jdk.management,jdk.unsupported,jdk.crypto.ec
# java.desktop's native libraries for a display, fonts, image codecs and sound, which link to X11,
# FreeType, ALSA and friends. A server never loads them; leaving them out keeps those libraries out too.
display_libs='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libjavajpeg.so'
display_libs+=',**/liblcms.so,**/libjsound.so'

# The image's user: a number, so that Kubernetes' runAsNonRoot can check it without a passwd lookup.
uid=10001

missing=()
javac_path="$(command -v javac || true)"
[ -n "$javac_path" ] || missing+=("a JDK 17+ (javac, jlink)")
command -v mvn > /dev/null || missing+=(maven)
command -v gcc > /dev/null || missing+=(gcc)
command -v "$engine" > /dev/null || missing+=("$engine")
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-image: missing ${missing[*]}; on Debian: apt-get install -y openjdk-17-jdk-headless maven gcc libc6-dev podman" >&2
  exit 1
fi
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$javac_path")")")}"
if [ ! -d "$java_home/jmods" ]; then
  echo "build-image: $java_home has no jmods directory for jlink; set JAVA_HOME to a full JDK" >&2
  exit 1
fi

echo "build-image: building the jar" >&2
(cd "$repo" && mvn -B -q -DskipTests package -pl cli -am)
jar="$repo/cli/target/attache.jar"

rm -rf "$stage"
mkdir -p "$root/opt/attache" "$root/usr/local/bin" "$root/etc" "$root/tmp" "$stage/data/data"

echo "build-image: linking a runtime with $java_home/bin/jlink" >&2
"$java_home/bin/jlink" --add-modules "$modules" --exclude-files="$display_libs" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive \
  --output "$root/opt/attache/runtime" > /dev/null
# The class-data archive for heaps over 32 GB, which the launcher's default heap cap never reaches (a
# larger -Xmx in ATTACHE_JAVA_OPTS only starts a little slower without it).
rm -f "$root/opt/attache/runtime/lib/server/classes_nocoops.jsa"
cp "$jar" "$root/opt/attache/attache.jar"
gcc -static -Os -Wall -Wextra -Werror -o "$root/usr/local/bin/attache" "$deploy/attache-launcher.c"
strip "$root/usr/local/bin/attache" 2> /dev/null || true

# sqlite-jdbc extracts its native library to java.io.tmpdir at the first connection: it needs a
# writable /tmp in the image, and whatever that library links to.
arch="$(uname -m)"
sqlite_lib="org/sqlite/native/Linux/$arch/libsqlitejdbc.so"
(cd "$stage" && "$java_home/bin/jar" xf "$jar" "$sqlite_lib")

# Every shared library the runtime, its native libraries and SQLite's link to, except those the runtime
# carries itself, at the path the loader looks for it.
libraries() {
  find "$root/opt/attache/runtime" "$stage/$sqlite_lib" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 -n 1 ldd 2> /dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
    | grep -v "^$root/" | sort -u
}
for lib in $(libraries); do
  if [ ! -e "$lib" ]; then
    echo "build-image: $lib, which the runtime links to, is missing" >&2
    exit 1
  fi
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
if grep -q 'not found' < <(find "$root/opt/attache/runtime/bin" -type f -print0 | xargs -0 -n 1 ldd 2>&1); then
  echo "build-image: a runtime executable links to a library that is not on this machine" >&2
  exit 1
fi

# LANG=C.UTF-8 in the image gives the JVM UTF-8 for file names, standard output and its default
# charset; glibc reads that locale from here (Debian's libc-bin installs it).
c_utf8=/usr/lib/locale/C.utf8
if [ ! -d "$c_utf8" ]; then
  echo "build-image: $c_utf8 is missing (Debian: it comes with libc-bin)" >&2
  exit 1
fi
mkdir -p "$root/usr/lib/locale"
cp -R "$c_utf8" "$root/usr/lib/locale/"

# Just enough of /etc for the JVM: its user (user.name and user.home come from the passwd entry), and
# host name lookups (glibc's files and dns sources are built into libc itself).
cat > "$root/etc/passwd" << EOF
root:x:0:0:root:/root:/sbin/nologin
attache:x:$uid:$uid:attache:/data:/sbin/nologin
EOF
cat > "$root/etc/group" << EOF
root:x:0:
attache:x:$uid:
EOF
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
chmod 1777 "$root/tmp"
chmod 0750 "$stage/data/data"

# One layer: the root owned by root, /data by the image's user. tar sets the owners, so this needs no root.
tar --sort=name --numeric-owner --owner=0 --group=0 -C "$root" -cf "$stage/rootfs.tar" .
tar --numeric-owner --owner="$uid" --group="$uid" -C "$stage/data" -rf "$stage/rootfs.tar" ./data
cp "$deploy/Containerfile" "$stage/Containerfile"

echo "build-image: building $image with $engine" >&2
"$engine" build --quiet --build-arg "UID=$uid" -t "$image" -f "$stage/Containerfile" "$stage" > /dev/null
size=$("$engine" image inspect --format '{{.Size}}' "$image")
echo "build-image: built $image, $((size / 1000000)) MB uncompressed" >&2
