#!/usr/bin/env bash
# Phone-facing fetch throughput of phoneadmin-provd, against nginx serving the
# same bytes as a static file (the reference: what a pre-rendered config
# costs at best). Loopback only, bounded in time.
#
#   bench/fetch.sh [seconds-per-run]      (default 5)
#
# Prints requests/s for: provd rendering <mac>.cfg on every request, provd
# answering 304 to a phone that already has it (If-None-Match), and nginx
# static; then the ratios and provd's peak memory.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build-bench}"
secs="${1:-5}"

for p in wrk nginx-light curl; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    need+=("$p")
  fi
done
if [ -n "${need:-}" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" --buildtype=release >/dev/null
fi
ninja -C "$build" src/server/phoneadmin-provd >/dev/null

work="$(mktemp -d)"
cleanup() {
  [ -n "${provd_pid:-}" ] && kill "$provd_pid" 2>/dev/null && wait "$provd_pid" 2>/dev/null
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$build/src/server/phoneadmin-provd" --listen 127.0.0.1:0 --data-dir "$work/data" \
  >"$work/provd.log" 2>&1 &
provd_pid=$!
for _ in $(seq 100); do [ -s "$work/data/provd.url" ] && break; sleep 0.05; done
base="$(cat "$work/data/provd.url")"
base="${base%/}"
token="$(cat "$work/data/admin-token")"
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# A receptionist's phone: a T54W whose 27 keys are all BLFs.
keys="$(python3 -c 'import json; print(json.dumps([{"index": i, "type": "blf", "value": str(200 + i), "label": "Agent %d" % i, "line": 1} for i in range(1, 28)]))')"
layout_id="$(api -d "{\"name\":\"Reception\",\"model\":\"yealink-t54w\",\"keys\":$keys}" "$base/api/v1/layouts" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
phone="$(api -d "{\"name\":\"Reception\",\"mac\":\"805ec0123456\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\",\"layout_id\":$layout_id}" \
  "$base/api/v1/phones")"
phone_token="$(echo "$phone" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
url="$base/p/$phone_token/805ec0123456.cfg"

curl -sf -D "$work/headers" -o "$work/805ec0123456.cfg" -A "Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56" "$url"
etag="$(grep -i '^etag:' "$work/headers" | cut -d' ' -f2- | tr -d '\r')"
size="$(stat -c %s "$work/805ec0123456.cfg")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 256; }
http {
  access_log off;
  server { listen 127.0.0.1:$port; root $work; }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.3

rate() {  # prints requests/s of a wrk run
  wrk -t2 -c16 -d"${secs}s" "$@" | awk '/Requests\/sec/ {print $2}'
}

render_rps="$(rate -H "User-Agent: Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56" "$url")"
cached_rps="$(rate -H "If-None-Match: $etag" "$url")"
nginx_rps="$(rate "http://127.0.0.1:$port/805ec0123456.cfg")"
peak_kb="$(awk '/VmHWM/ {print $2}' /proc/$provd_pid/status)"

printf 'config file: %s bytes (T54W, 27 BLF keys)\n' "$size"
printf 'provd, rendered per request : %10.0f req/s\n' "$render_rps"
printf 'provd, 304 Not Modified     : %10.0f req/s\n' "$cached_rps"
printf 'nginx, static file (ref.)   : %10.0f req/s\n' "$nginx_rps"
python3 - "$render_rps" "$cached_rps" "$nginx_rps" <<'PY'
import sys
r, c, n = map(float, sys.argv[1:])
print(f"ratio rendered/nginx: {r / n:.2f}   ratio 304/nginx: {c / n:.2f}")
PY
printf 'provd peak RSS: %s kB\n' "$peak_kb"
