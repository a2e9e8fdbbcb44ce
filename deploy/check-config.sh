#!/usr/bin/env bash
# Checks the deployment files without a container runtime (docs/deploy.md says what this proves):
#  - compose.yaml against the Compose specification's schema (docker-compose 1.29's `config`);
#  - k8s/*.yaml against the Kubernetes API schemas of the kubernetes-models npm package;
#  - nginx.conf by running it: nginx in front of a real `attache serve` on this checkout, a 100 MB
#    upload through it and its download back, byte-identical, with no body spooled to nginx's disk.
#
#   deploy/check-config.sh       needs docker-compose, node + npm, nginx, python3, curl, Java + Maven
#                                (Debian: apt-get install -y docker-compose nodejs npm nginx-light)
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$deploy")"
work="$(mktemp -d)"
server=
nginx=
cleanup() {
  for pid in $nginx $server; do
    kill -TERM "$pid" 2> /dev/null || true
  done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "check-config: FAIL: $*" >&2
  for log in "$work"/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
  done
  exit 1
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

echo "check-config: compose.yaml" >&2
docker-compose -f "$deploy/compose.yaml" config -q

echo "check-config: k8s/*.yaml" >&2
(cd "$work" && npm install --no-audit --no-fund --silent kubernetes-models@5.1.0 yaml@2.9.1 > npm.log 2>&1) \
  || fail "npm install"
cp "$deploy/check-k8s.mjs" "$work/"
(cd "$work" && node check-k8s.mjs "$deploy"/k8s/*.yaml)

echo "check-config: nginx.conf, in front of a running server" >&2
"$repo/attache" --version > /dev/null
mkdir "$work/data"
setsid "$repo/attache" serve --port 0 --data-dir "$work/data" > "$work/server.log" 2>&1 &
server=$!
upstream=
for _ in $(seq 60); do
  upstream="$(sed -n -E 's|.*is serving https?://([^/ ]+).*|\1|p' "$work/server.log")"
  [ -n "$upstream" ] && break
  sleep 1
done
[ -n "$upstream" ] || fail "the server did not start"

# The file as shipped, with only the addresses and this run's paths changed. nginx's workers run as
# nobody, so the directory they write temporary files to must be open to them.
port="$(free_port)"
chmod 755 "$work"
sed -E -e "s/server attache-[0-9]+:8080/server $upstream/" -e "s/listen 80;/listen 127.0.0.1:$port;/" \
  -e "s|^http \{|http {\n    access_log $work/access.log;\n    client_body_temp_path $work/body;\n    proxy_temp_path $work/proxy;|" \
  "$deploy/nginx.conf" > "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -g "pid $work/nginx.pid; error_log $work/nginx.log warn;" || fail "nginx -t"
nginx -c "$work/nginx.conf" -g "daemon off; pid $work/nginx.pid; error_log $work/nginx.log warn;" &
nginx=$!
base="http://127.0.0.1:$port"
for _ in $(seq 20); do
  curl -s -o /dev/null "$base/health" && break
  sleep 0.5
done

token="$(cat "$work/data/dev-token")"
auth="Authorization: Bearer $token"
gid() { sed -n -E 's/.*"gid":"([0-9]+)".*/\1/p'; }
workspace="$(curl -sf -H "$auth" "$base/api/1.0/workspaces?opt_fields=gid" | gid)"
task="$(curl -sf -H "$auth" -X POST "$base/api/1.0/tasks?opt_fields=gid" \
  -d "{\"data\":{\"workspace\":\"$workspace\",\"name\":\"nginx check\"}}" | gid)"
[ -n "$task" ] || fail "no task through nginx"
head -c 104857600 /dev/urandom > "$work/upload.bin"
status="$(curl -s -o "$work/created.json" -w '%{http_code}' -H "$auth" -F parent="$task" \
  -F "file=@$work/upload.bin;type=application/octet-stream" "$base/api/1.0/attachments?opt_fields=gid")"
[ "$status" = 201 ] || [ "$status" = 200 ] || fail "a 100 MB upload through nginx answered $status: $(head -c 300 "$work/created.json")"
attachment="$(gid < "$work/created.json")"
url="$(curl -sf -H "$auth" "$base/api/1.0/attachments/$attachment?opt_fields=download_url" \
  | sed -n -E 's/.*"download_url":"([^"]+)".*/\1/p')"
curl -sf -o "$work/download.bin" "$base/${url#*://*/}" || fail "the download through nginx failed"
cmp -s "$work/upload.bin" "$work/download.bin" || fail "the download through nginx differs from the upload"
# nginx deletes a spooled body once its request ends, but warns when it spools one.
if grep -q 'buffered to a temporary file' "$work/nginx.log"; then
  fail "nginx buffered a body to a temporary file: $(grep -m 1 'buffered to a temporary file' "$work/nginx.log")"
fi
echo "check-config: PASS (compose schema, Kubernetes schemas, nginx: 100 MB up and down byte-identical, unbuffered)" >&2
