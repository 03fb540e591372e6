# Set-up and checks shared by bench/fetch.sh, bench/connections.sh and
# bench/fleet.sh, sourced by each (not run on its own): they compare provd
# serving phones' files against nginx serving the same rendered bytes, and
# must build, start, check and clean up the two the same way for their
# figures to compare.
#
# Sets on sourcing: top (the source tree), build (PA_BUILD_DIR, default
# build-bench/), mac and ua (the receptionist phone's MAC and User-Agent),
# flags (none yet), extra_pids (none yet), and for a caller to change
# before the servers start: provd_args (more of provd's options), curl_tls
# (curl's options to trust the servers), nginx_listen (more of nginx's
# listen directive) and scheme (of both servers' URLs), empty and http.
# Later, as each step runs: work, provd_pid, base, provd_port, token,
# provd_url, size, nginx_port, nginx_url, nginx_problem, and wrk_* after each
# wrk run.
# The caller keeps 'set -euo pipefail'.

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build-bench}"
ua="Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56"
mac=805ec0123456
flags=()
provd_args=()
curl_tls=()
nginx_listen=""
scheme=http
extra_pids=()  # other servers a script starts; cleanup stops them

# Set-up failures end the script with status 1, named after the script that
# sourced this file, so a half-set-up run never prints figures.
die() { echo "${0##*/}: $*" >&2; exit 1; }

# A problem in a run is printed where it happens, kept for the closing list
# and turns the exit status to 3 (exit_if_flagged): a figure next to a '!!'
# measures failures, not the server.
flag() { flags+=("$1"); echo "  !! $1"; }

# A / B to two decimals; "void" when either is (a run that failed).
ratio() {
  if [ "$1" = void ] || [ "$2" = void ]; then
    echo void
  else
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'
  fi
}

# Ends the script with status 3 after listing every flagged problem, so none
# scrolls away unseen and a caller (or CI) sees the run was not clean.
exit_if_flagged() {
  [ "${#flags[@]}" -gt 0 ] || return 0
  echo
  echo "!! ${#flags[@]} problem(s):"
  printf '!!   %s\n' "${flags[@]}"
  exit 3
}

# The tools come from Debian packages; install only the missing ones, so a
# second run needs neither root nor the network.
install_missing() {  # Debian package names
  local p need=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      need+=("$p")
    fi
  done
  if [ "${#need[@]}" -gt 0 ]; then
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
}

# A release build of its own (not the developer's debug build/), so the
# figures are what a deployment gets; rebuilt from the current tree each run.
# Quiet when it works; when it fails, the compiler's messages (ninja prints
# them on stdout, among its '[n/m]' progress lines, left out here) say why
# instead of a bare exit status.
build_provd() {
  local out
  if [ ! -f "$build/build.ninja" ]; then
    out="$(meson setup "$build" "$top" --buildtype=release 2>&1)" \
      || { tail -n 30 <<<"$out" >&2; die "meson setup $build failed"; }
  fi
  out="$(ninja -C "$build" src/server/phoneadmin-provd 2>&1)" \
    || { grep -v '^\[[0-9]*/[0-9]*\] ' <<<"$out" | tail -n 30 >&2; die "building provd in $build failed"; }
}

# One temporary folder for provd's data, nginx and the scratch files, and a
# trap that stops the servers (provd, nginx, extra_pids) and removes it
# however the script ends.
make_work_dir() {
  work="$(mktemp -d)"
  trap cleanup EXIT
}
# (A server that dies of the signal makes 'wait' fail; under 'set -e' that
# would end the trap before the rest is stopped and removed.)
cleanup() {
  local pid
  for pid in ${provd_pid:-} "${extra_pids[@]}"; do
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}

# provd on a free loopback port with an empty data folder, so a run touches
# nothing of the machine's; waits until it has written provd.url. With an
# argument, provd gets that soft descriptor limit (a systemd unit's, say);
# without, it keeps the one it inherits.
start_provd() {  # [soft descriptor limit]
  local nofile="${1:-}"
  (
    [ -z "$nofile" ] || ulimit -Sn "$nofile"
    exec "$build/src/server/phoneadmin-provd" --listen 127.0.0.1:0 --data-dir "$work/data" \
      "${provd_args[@]}"
  ) >"$work/provd.log" 2>&1 &
  provd_pid=$!
  # Up to a minute, for a slow machine.
  for _ in $(seq 1200); do [ -s "$work/data/provd.url" ] && break; sleep 0.05; done
  [ -s "$work/data/provd.url" ] || die "provd did not start: $(cat "$work/provd.log")"
  # A data folder from an earlier run (PA_APP_FLEET_CACHE) was derived for
  # another port: provd serves at once and records its phones again
  # meanwhile (~15 s at 100,000), busy. Done before anything is measured;
  # bench/restart.sh measures that time itself.
  if grep -q "Recording what the files" "$work/provd.log"; then
    for _ in $(seq 1200); do grep -q "Recorded what the files" "$work/provd.log" && break; sleep 0.1; done
    grep -q "Recorded what the files" "$work/provd.log" \
      || die "provd did not record its phones within 2 minutes: $(tail -n 5 "$work/provd.log")"
  fi
  base="$(cat "$work/data/provd.url")"
  base="${base%/}"
  provd_port="${base##*:}"
  token="$(cat "$work/data/admin-token")"
}
provd_alive() { kill -0 "$provd_pid" 2>/dev/null; }

# N T54W phones through provd's API (bench/fleet.py create), one
# "<token> <mac>" line each in FILE; its report indented under the step.
create_phones() {  # N FILE
  python3 "$top/bench/fleet.py" create --url "$base" --token-file "$work/data/admin-token" \
    --count "$1" --out "$2" | sed 's/^/   /' || die "creating the phones failed"
  [ "$(wc -l <"$2")" -eq "$1" ] || die "fleet.py listed $(wc -l <"$2") phones, not $1"
}

# provd (start_provd) with N phones, step 1 of a script's report: created
# through its API into $work/phones.txt, or with PA_APP_FLEET_CACHE set,
# copied from the fleet an earlier run kept there (made and kept if none):
# 100,000 phones take ~100 s to create.
start_provd_with_fleet() {  # N
  local phones="$1" kept="${PA_APP_FLEET_CACHE:+$PA_APP_FLEET_CACHE/$1}"
  if [ -n "$kept" ] && [ -s "$kept/phones.txt" ]; then
    cp -a "$kept/data" "$work/data"
    cp "$kept/phones.txt" "$work/phones.txt"
    rm -f "$work/data/provd.url"
    start_provd ''
    echo "1. $phones phones, as created through provd's API in an earlier run ($kept)"
    return
  fi
  start_provd ''
  echo "1. $phones phones through provd's API:"
  create_phones "$phones" "$work/phones.txt"
  if [ -n "$kept" ]; then
    # Stopped first, so the copy is a closed database, not one mid-write.
    kill "$provd_pid"; wait "$provd_pid" || true
    rm -rf "$kept"; mkdir -p "$kept"
    cp -a "$work/data" "$kept/data"
    cp "$work/phones.txt" "$kept/phones.txt"
    rm -f "$work/data/provd.url"
    start_provd ''
  fi
}

# provd's admin API with the token it created; -f makes a refused call fail
# the set-up instead of feeding an error page to the next step.
api() { curl -sf "${curl_tls[@]}" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# The phone the benchmarks fetch for: a receptionist's T54W whose 27 keys are
# all BLFs. Sets provd_url.
create_receptionist_phone() {
  local keys layout_id phone phone_token
  keys="$(python3 -c 'import json; print(json.dumps([{"index": i, "type": "blf", "value": str(200 + i), "label": "Agent %d" % i, "line": 1} for i in range(1, 28)]))')"
  layout_id="$(api -d "{\"name\":\"Reception\",\"model\":\"yealink-t54w\",\"keys\":$keys}" "$base/api/v1/layouts" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
  phone="$(api -d "{\"name\":\"Reception\",\"mac\":\"$mac\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\",\"sip_server\":\"pbx.example.com\",\"layout_id\":$layout_id}" \
    "$base/api/v1/phones")"
  phone_token="$(echo "$phone" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
  provd_url="$base/p/$phone_token/$mac.cfg"
}

# The folder nginx will serve, $work/www. nginx's workers run as 'nobody', so
# the path must be searchable and what it serves readable by others; a 0700
# mktemp -d would make nginx answer 403 to all.
make_www_dir() {
  mkdir "$work/www"
  chmod 711 "$work"
  chmod 755 "$work/www"
}

# The rendered bytes, fetched once as the phone would, into the folder nginx
# will serve: $work/www/$mac.cfg (response headers in $work/provd.headers).
# Sets size.
fetch_rendered_config() {
  make_www_dir
  local code
  code="$(curl -s "${curl_tls[@]}" -D "$work/provd.headers" -o "$work/www/$mac.cfg" -w '%{http_code}' -A "$ua" "$provd_url")"
  [ "$code" = 200 ] || die "provd answered $code to the phone fetch, not 200"
  chmod 644 "$work/www/$mac.cfg"
  size="$(stat -c %s "$work/www/$mac.cfg")"
}

# nginx serving $work/www on a free loopback port: the reference, what a
# pre-rendered static file costs at best. Returns 1, with the reason in
# nginx_problem, unless nginx answers 200 with exactly the rendered bytes of
# the file given (a path under $work/www): an nginx figure made of 403s or
# 404s would make any ratio meaningless.
# Sets nginx_port and nginx_url (the checked file's). (Callers test its
# status, which turns 'set -e' off inside: every step here checks its own
# failure.)
start_nginx_reference() {  # file to check, relative to $work/www
  local checked="$1"
  nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])') \
    || { nginx_problem="no free port for nginx"; return 1; }
  cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  ${nginx_http_extra:-}
  server { listen 127.0.0.1:$nginx_port ${nginx_listen}; root $work/www; }
}
NGINX
  nginx_url="$scheme://127.0.0.1:$nginx_port/$checked"
  if ! nginx -c "$work/nginx.conf" 2>"$work/nginx-start.log"; then
    nginx_problem="nginx did not start: $(tail -n 1 "$work/nginx-start.log")"
    return 1
  fi
  local code=000
  for _ in $(seq 50); do
    code="$(curl -s "${curl_tls[@]}" -o "$work/nginx.cfg" -w '%{http_code}' "$nginx_url" || true)"
    [ "$code" = 200 ] && break
    sleep 0.1
  done
  nginx_problem=""
  if [ "$code" != 200 ]; then
    nginx_problem="nginx answered $code, not 200 (see $work/nginx-error.log)"
  elif ! cmp -s "$work/nginx.cfg" "$work/www/$checked"; then
    nginx_problem="nginx does not serve the rendered bytes"
  fi
  [ -z "$nginx_problem" ]
}

# Does the server say 'Connection: close' when it closes after answering a
# request that asked for it? wrk keeps a connection whose answer does not say
# so, sends its next request on it and counts a read error when that fails.
announces_close() {  # $1: url, then extra curl arguments
  local url="$1"; shift
  curl -s "${curl_tls[@]}" -D - -o /dev/null -H 'Connection: close' "$@" "$url" | tr -d '\r' \
    | grep -qi '^connection:.*close'
}

# One wrk run of the given seconds (the other arguments go to wrk as they
# are), its output in $work/wrk.out. wrk first makes one blocking test
# connection: against a server that no longer accepts, that waits for the
# kernel's SYN retries, so the run is killed 10 s after it should have ended.
# Sets wrk_rc (137: killed), wrk_limit, and from wrk's report wrk_n
# (responses), wrk_rps, wrk_p50 and wrk_p99 (ms, nan without --latency),
# wrk_non2xx (wrk counts statuses of 400 and above) and the socket errors
# wrk_econn, wrk_eread, wrk_ewrite, wrk_etime.
wrk_bounded() {  # seconds, wrk arguments
  local secs="$1"; shift
  wrk_limit=$(( secs + 10 ))
  wrk_rc=0
  timeout -s KILL "$wrk_limit" wrk -d"${secs}s" "$@" >"$work/wrk.out" 2>&1 || wrk_rc=$?
  local line
  line="$(python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)] if m else float("nan")
lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
req = re.search(r"^\s+(\d+) requests in", text, re.M)
rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
print(req.group(1) if req else 0, rps.group(1) if rps else 0, ms(lat.get("50", "")), ms(lat.get("99", "")),
      non2xx.group(1) if non2xx else 0, *(sock.groups() if sock else (0, 0, 0, 0)))
PY
)"
  read -r wrk_n wrk_rps wrk_p50 wrk_p99 wrk_non2xx wrk_econn wrk_eread wrk_ewrite wrk_etime <<<"$line"
}

# After a 'Connection: close' run against a server that closes without
# saying so (announces_close), wrk counts one read error after each whole
# response: only read errors beyond the number of responses are certainly
# failures. Sets wrk_unannounced, the read errors to excuse (0 otherwise).
wrk_unannounced_closes() {  # announces (yes|no), mode (close|keep-alive)
  wrk_unannounced=0
  if [ "$2" = close ] && [ "$1" = no ]; then
    wrk_unannounced=$(( wrk_eread < wrk_n ? wrk_eread : wrk_n ))
  fi
}

# Whether the last wrk run measured the server or its failures: flags the run
# and returns 1 when wrk was killed or failed, got not one response, or saw
# error statuses or socket errors. The optional count is of read errors that
# are not failures (see connections.sh: a close the answer did not announce).
wrk_verdict() {  # key, server, [read errors to excuse]
  local key="$1" server="$2" excused="${3:-0}"
  local failed=$(( wrk_non2xx + wrk_econn + wrk_ewrite + wrk_etime + wrk_eread - excused ))
  if [ "$wrk_rc" -eq 137 ]; then
    flag "$key: wrk did not finish within $wrk_limit s: $server did not answer"
  elif [ "$wrk_rc" -ne 0 ]; then
    flag "$key: wrk failed (status $wrk_rc): $(head -n 1 "$work/wrk.out")"
  elif [ "$wrk_n" -eq 0 ]; then
    flag "$key: not one response"
  elif [ "$failed" -gt 0 ]; then
    flag "$key: $failed failed requests ($wrk_non2xx non-2xx, $(( failed - wrk_non2xx )) socket errors) beside $wrk_n responses: these figures measure failures"
  else
    return 0
  fi
  return 1
}
