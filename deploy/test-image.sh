#!/usr/bin/env bash
# Tests the image built by deploy/build-image.sh the way a container runtime would run it, without one:
# it copies the image's root file system out (podman image mount), then runs the image's own
# entrypoint and command, with its environment, under chroot as its user. The server must come up on
# the embedded default in /data, answer /health/ready with 200, take an upload whose download is
# byte-identical, and exit 0 on SIGTERM.
#
#   deploy/test-image.sh [IMAGE]      IMAGE defaults to attache:latest; run as root (chroot needs it)
set -euo pipefail

image="${1:-attache:latest}"
timeout_s=60

fail() {
  echo "test-image: FAIL: $*" >&2
  if [ -n "${work:-}" ] && [ -f "$work/server.log" ]; then
    echo "--- server log:" >&2
    cat "$work/server.log" >&2
  fi
  exit 1
}

[ "$(id -u)" = 0 ] || fail "run as root: chroot and podman image mount need it"
for tool in podman chroot unshare curl cmp setsid; do
  command -v "$tool" > /dev/null || fail "$tool is missing"
done
chroot="$(command -v chroot)"

work="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill -KILL "$pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the image's root, so that the run writes into neither the image nor another run.
mounted="$(podman image mount "$image")"
mkdir "$work/root"
cp -a "$mounted/." "$work/root/"
podman image unmount "$image" > /dev/null

field() {
  podman image inspect --format "{{range .Config.$1}}{{.}}{{\"\\n\"}}{{end}}" "$image"
}
mapfile -t entrypoint < <(field Entrypoint)
mapfile -t cmd < <(field Cmd)
mapfile -t env < <(field Env)
user="$(podman image inspect --format '{{.Config.User}}' "$image")"
[ ${#entrypoint[@]} -gt 0 ] || fail "the image has no entrypoint"
case "$user" in
  '' | 0 | 0:* | root | root:*) fail "the image runs as root (User is '$user')" ;;
esac
[[ "$user" =~ ^[0-9]+:[0-9]+$ ]] || fail "the image's user '$user' is not numeric uid:gid"

# What every container runtime gives a container besides its image: /proc (the dynamic loader finds
# the runtime's libraries relative to /proc/self/exe) and the basic devices (the JVM seeds its
# SecureRandom from /dev/urandom). They are mounted in a mount namespace of the server's own, so they
# vanish with it. Every step execs the next, so $! is the JVM. Port 0: the server picks a free port
# and prints it, so parallel runs never collide.
mkdir -p "$work/root/proc" "$work/root/dev"
echo "test-image: running ${entrypoint[*]} ${cmd[*]} as $user" >&2
setsid unshare --mount --propagation private -- /bin/sh -c '
  root=$1; shift
  mount -t proc proc "$root/proc" || exit 125
  for node in null zero full random urandom; do
    : > "$root/dev/$node" && mount --bind "/dev/$node" "$root/dev/$node" || exit 125
  done
  exec "$@"' sh "$work/root" \
  env -i "${env[@]}" ATTACHE_PORT=0 "$chroot" --userspec="$user" "$work/root" "${entrypoint[@]}" "${cmd[@]}" \
  > "$work/server.log" 2>&1 &
pid=$!

base=
for _ in $(seq "$timeout_s"); do
  base="$(sed -n -E 's|.*is serving (https?://[^/ ]+).*|\1|p' "$work/server.log")"
  [ -n "$base" ] && break
  kill -0 "$pid" 2> /dev/null || fail "the server exited before serving"
  sleep 1
done
[ -n "$base" ] || fail "the server did not start within ${timeout_s}s"
port="${base##*:}"
local_base="http://127.0.0.1:$port"

[ "$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")" = "${user%%:*}" ] || fail "the server does not run as uid ${user%%:*}"

status=
for _ in $(seq "$timeout_s"); do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$local_base/health/ready" || true)"
  [ "$status" = 200 ] && break
  [ "$status" = 404 ] && fail "the server has no /health/ready"
  sleep 1
done
[ "$status" = 200 ] || fail "/health/ready answered $status"
echo "test-image: /health/ready is 200 on port $port" >&2

token="$(cat "$work/root/data/dev-token")"
auth="Authorization: Bearer $token"
api="$local_base/api/1.0"
gid() { sed -n -E 's/.*"gid":"([0-9]+)".*/\1/p'; }
workspace="$(curl -sf -H "$auth" "$api/workspaces?opt_fields=gid" | gid)"
[ -n "$workspace" ] || fail "no workspace"
task="$(curl -sf -H "$auth" -X POST "$api/tasks?opt_fields=gid" \
  -d "{\"data\":{\"workspace\":\"$workspace\",\"name\":\"Image test\"}}" | gid)"
[ -n "$task" ] || fail "no task"

head -c 3000000 /dev/urandom > "$work/upload.bin"
attachment="$(curl -sf -H "$auth" -F parent="$task" -F "file=@$work/upload.bin;type=application/octet-stream" \
  "$api/attachments?opt_fields=gid" | gid)"
[ -n "$attachment" ] || fail "the upload was not accepted"
url="$(curl -sf -H "$auth" "$api/attachments/$attachment?opt_fields=download_url" \
  | sed -n -E 's/.*"download_url":"([^"]+)".*/\1/p')"
[ -n "$url" ] || fail "no download_url"
# The URL names the server's public address, which depends on ATTACHE_PUBLIC_URL; fetch its path from here.
curl -sf -o "$work/download.bin" "$local_base/${url#*://*/}" || fail "the download failed"
cmp -s "$work/upload.bin" "$work/download.bin" || fail "the download differs from the upload"
echo "test-image: a 3 MB upload downloaded byte-identical" >&2

kill -TERM "$pid"
for _ in $(seq "$timeout_s"); do
  kill -0 "$pid" 2> /dev/null || break
  sleep 1
done
kill -0 "$pid" 2> /dev/null && fail "the server did not exit within ${timeout_s}s of SIGTERM"
code=0
wait "$pid" || code=$?
pid=
[ "$code" = 0 ] || fail "the server exited $code after SIGTERM"
echo "test-image: PASS ($image: served, /health/ready 200, upload and download round-trip, exit 0 on SIGTERM)" >&2
