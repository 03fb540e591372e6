#!/usr/bin/env bash
# A fleet of phones polling phoneadmin-provd at random (issue 8): provd
# against libsoup's own ceiling (bench/soup-ceiling.c, a minimal SoupServer
# answering a constant body of the same size from memory) and against nginx
# serving the same bytes at the same URLs, all in the same run. Loopback
# only, bounded in time (about two minutes with the defaults).
#
#   bench/fleet.sh [seconds-per-wrk-run]      (default 10)
#
# Environment: PA_BUILD_DIR (default build-bench/), PA_FLEET_PHONES (10000),
# PA_FLEET_ROUNDS (3: the 'Connection: close' runs of provd and the ceiling,
# in turn, judged on their medians),
# PA_CEILING_BACKLOG (the ceiling's listen backlog, default 4096 like
# provd's own listener; 0 = libsoup's listener, soup_server_listen_local(),
# whose backlog of 10 makes 'Connection: close' connects wait for SYN
# retries, so that run would not be a ceiling).
#
# 1. Starts a release provd (build-bench/), creates the phones through its
#    API (bench/fleet.py create: Yealink T54Ws with distinct MACs, a SIP
#    server and one 27-BLF layout, so each file is the ~28 KB the writer
#    makes for a receptionist) and prints how long that took.
# 2. cold: wrk on random phones right after creation, the render cache
#    empty (each phone's first fetch renders; later ones hit the cache).
# 3. Fetches every phone's <mac>.cfg once (bench/fleet.py fetch: 200 each)
#    into nginx's folder as p/<token>/<mac>.cfg, the same URL as provd's.
# 4. warm: wrk on random phones, every file in the cache; then nginx and
#    the ceiling with the same wrk script (bench/fleet.lua), each with
#    keep-alive and with 'Connection: close' (a connection per fetch, as
#    phones do). wrk -t2 -c64 --timeout 2s --latency.
# 5. Prints requests/s, p50 and p99 of each run, the ratios provd/ceiling
#    and provd/nginx, whether the target is met (provd >= 0.8 x the ceiling
#    and p99 < 10 ms, on random phones with a warm cache; judged on the runs
#    that compare like with like: 'Connection: close', and keep-alive only
#    if provd kept its connections), provd's peak RSS
#    (VmHWM), descriptors, and what it logged.
#
# Every response is checked by fleet.lua (status 200 and, but for the cold
# run, whose bytes are not known yet, a phone file's size) as well as by
# wrk's own count of error statuses and socket errors. A run with any
# failure is flagged with '!!' and printed as void, and so is every ratio it
# is part of.
#
# Exit status: 0 when every run was clean (whether or not the target is
# met: the verdict is printed), 3 when a run was void or provd did not
# survive, 1 when the set-up failed.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-10}"
phones="${PA_FLEET_PHONES:-10000}"
ceiling_backlog="${PA_CEILING_BACKLOG:-4096}"
rounds="${PA_FLEET_ROUNDS:-3}"
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || die "seconds per run must be a positive number, not '$secs'"
[[ "$phones" =~ ^[1-9][0-9]*$ ]] || die "PA_FLEET_PHONES must be a positive number, not '$phones'"
[[ "$ceiling_backlog" =~ ^[0-9]+$ ]] || die "PA_CEILING_BACKLOG must be a number, not '$ceiling_backlog'"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "PA_FLEET_ROUNDS must be a positive number, not '$rounds'"
begun=$SECONDS

install_missing wrk nginx-light curl python3 gcc pkg-config libsoup-3.0-dev
build_provd
read -ra soup_flags <<<"$(pkg-config --cflags --libs libsoup-3.0)"
out="$(gcc -O2 -Wall -o "$build/soup-ceiling" "$top/bench/soup-ceiling.c" "${soup_flags[@]}" 2>&1)" \
  || { echo "$out" >&2; die "building bench/soup-ceiling.c failed"; }
make_work_dir
start_provd ''  # with the descriptor limit it inherits
list="$work/phones.txt"
started=$SECONDS

fds() { if provd_alive; then find "/proc/$provd_pid/fd" -mindepth 1 -maxdepth 1 | wc -l; else echo dead; fi; }

# 1. The fleet, through the API.
echo "1. $phones phones (T54W, 27 BLF keys each) through provd's API:"
create_phones "$phones" "$list"
read -r first_token first_mac <"$list"
fd_before="$(fds)"

declare -A announces rps p50 p99 void
announces[provd]=yes  # checked below, after the cold run (a check fetches a phone)
run() {  # key, server (provd|nginx|ceiling), mode (keep-alive|close), url, [min max size]
  local key="$1" server="$2" mode="$3" url="$4"; shift 4
  local -a hdr=()
  [ "$mode" = keep-alive ] || hdr=(-H 'Connection: close')
  wrk_bounded "$secs" -t2 -c64 --timeout 2s --latency "${hdr[@]}" \
    -s "$top/bench/fleet.lua" "$url" -- "$list" "$@"
  wrk_unannounced_closes "${announces[$server]}" "$mode"
  local lua lua_n=0 lua_bad=0
  lua="$(grep '^fleet.lua:' "$work/wrk.out" || true)"
  if [[ "$lua" =~ ^fleet.lua:\ ([0-9]+)\ responses,\ ([0-9]+)\ bad ]]; then
    lua_n="${BASH_REMATCH[1]}"; lua_bad="${BASH_REMATCH[2]}"
  fi
  rps[$key]="$wrk_rps"; p50[$key]="$wrk_p50"; p99[$key]="$wrk_p99"; void[$key]=no
  printf '   %-20s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %7d responses, %d not 200\n' \
    "$key" "$wrk_rps" "$wrk_p50" "$wrk_p99" "$wrk_n" "$lua_bad"
  if [ $(( wrk_econn + wrk_eread + wrk_ewrite + wrk_etime )) -gt 0 ]; then
    echo "                        socket errors: connect $wrk_econn, read $wrk_eread," \
      "write $wrk_ewrite, timeout $wrk_etime"
  fi
  if [ "$wrk_unannounced" -gt 0 ]; then
    echo "                        ($wrk_unannounced of the read errors came after a whole" \
      "response: $server closed without saying 'Connection: close')"
  fi
  if ! wrk_verdict "$key" "$server" "$wrk_unannounced"; then
    void[$key]=yes
  elif [ -z "$lua" ]; then
    flag "$key: fleet.lua printed no count: $(tail -n 1 "$work/wrk.out")"
    void[$key]=yes
  elif [ "$lua_bad" -gt 0 ] || [ "$lua_n" -ne "$wrk_n" ]; then
    flag "$key: ${lua#fleet.lua: } of wrk's $wrk_n: these figures measure failures"
    void[$key]=yes
  fi
}

# 2. Random phones, the cache empty: each phone's first fetch loads and
# renders, the ones after hit the cache.
echo
echo "2. cold: random phones right after creation (render cache empty)," \
  "wrk -t2 -c64 -d${secs}s --latency"
run "provd cold" provd keep-alive "$base/"
python3 - "$phones" "$wrk_n" <<'PY'
import sys
p, n = int(sys.argv[1]), int(sys.argv[2])
first = p * (1 - (1 - 1 / p) ** n) if n else 0
print(f"   about {first:,.0f} of its {n:,} requests were a phone's first fetch (a render),"
      f" {100 * first / n if n else 0:.0f} %; the rest hit the cache")
PY

# 3. Every phone's file, once, as the phone would: provd's bytes for nginx.
echo
echo "3. every phone's file, fetched once with its User-Agent:"
make_www_dir
python3 "$top/bench/fleet.py" fetch --url "$base" --list "$list" --www "$work/www" \
  --sizes-out "$work/sizes" | sed 's/^/   /' \
  || die "fetching the phones' files failed"
read -r size_min size_max size <"$work/sizes"

first_ua="Yealink SIP-T54W 96.86.0.100 $(sed 's/../&:/g; s/:$//' <<<"$first_mac")"
announces[provd]=no
announces_close "$base/p/$first_token/$first_mac.cfg" -A "$first_ua" && announces[provd]=yes
start_nginx_reference "p/$first_token/$first_mac.cfg" || die "$nginx_problem"
announces[nginx]=no; announces_close "$nginx_url" && announces[nginx]=yes

# libsoup's ceiling: the most common file size, from memory.
ceiling_args=("$size")
[ "$ceiling_backlog" -eq 0 ] || ceiling_args+=("$ceiling_backlog")
"$build/soup-ceiling" "${ceiling_args[@]}" >"$work/ceiling.out" 2>&1 &
extra_pids+=($!)
for _ in $(seq 100); do [ -s "$work/ceiling.out" ] && break; sleep 0.05; done
ceiling_url="$(head -n 1 "$work/ceiling.out")"
[[ "$ceiling_url" =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || die "soup-ceiling did not start: $(cat "$work/ceiling.out")"
code="$(curl -s -o "$work/ceiling.body" -w '%{http_code}' "${ceiling_url}p/$first_token/$first_mac.cfg" || true)"
got="$(stat -c %s "$work/ceiling.body" 2>/dev/null || echo no)"
if [ "$code" != 200 ] || [ "$got" != "$size" ]; then
  die "soup-ceiling answered $code with $got bytes, not 200 with $size"
fi
announces[ceiling]=no; announces_close "$ceiling_url" && announces[ceiling]=yes
# Does a server keep the connection after a fetch that did not ask it to
# close? (HTTP/1.1: unless its answer says 'Connection: close'.)
keeps_alive() {  # $1: url, then extra curl arguments
  local url="$1"; shift
  ! curl -s -D - -o /dev/null "$@" "$url" | tr -d '\r' | grep -qi '^connection:.*close'
}
declare -A keeps
keeps[provd]=no; keeps_alive "$base/p/$first_token/$first_mac.cfg" -A "$first_ua" && keeps[provd]=yes
keeps[nginx]=no; keeps_alive "$nginx_url" && keeps[nginx]=yes
keeps[ceiling]=no; keeps_alive "$ceiling_url" && keeps[ceiling]=yes
echo "   answer to 'Connection: close' says 'Connection: close': provd ${announces[provd]}," \
  "nginx ${announces[nginx]}, ceiling ${announces[ceiling]}"
echo "   keeps the connection after a fetch that did not ask to close: provd ${keeps[provd]}," \
  "nginx ${keeps[nginx]}, ceiling ${keeps[ceiling]}"
if [ "${keeps[provd]}" = no ]; then
  echo "   (provd closes after every phone fetch, saying so: its keep-alive runs, the cold one" \
    "included, are a new connection per fetch too)"
fi
echo "   ceiling: soup-ceiling, $size bytes from memory, $( [ "$ceiling_backlog" -eq 0 ] \
  && echo "libsoup's own listener" || echo "listen backlog $ceiling_backlog")"

# 4. The warm runs and the references.
echo
echo "4. warm: random phones, every file in the render cache; the same wrk script" \
  "against nginx and the ceiling"
run "provd keep-alive" provd keep-alive "$base/" "$size_min" "$size_max"
run "nginx keep-alive" nginx keep-alive "http://127.0.0.1:$nginx_port/" "$size_min" "$size_max"
run "ceiling keep-alive" ceiling keep-alive "$ceiling_url" "$size" "$size"
run "nginx close" nginx close "http://127.0.0.1:$nginx_port/" "$size_min" "$size_max"
# The runs the target is judged on, provd and the ceiling in turn, $rounds
# times: on a machine shared with wrk one run can be 15 % off; the medians
# of the same rounds are what the table shows.
for round in $(seq "$rounds"); do
  run "provd close #$round" provd close "$base/" "$size_min" "$size_max"
  run "ceiling close #$round" ceiling close "$ceiling_url" "$size" "$size"
done
for server in provd ceiling; do
  keys=(); for round in $(seq "$rounds"); do keys+=("$server close #$round"); done
  void["$server close"]=no
  for k in "${keys[@]}"; do [ "${void[$k]}" = no ] || void["$server close"]=yes; done
  read -r rps["$server close"] p50["$server close"] p99["$server close"] < <(
    for k in "${keys[@]}"; do echo "${rps[$k]} ${p50[$k]} ${p99[$k]}"; done | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
print(*(statistics.median(r[i] for r in rows) for i in range(3)))')
done
echo "   per round, provd close / ceiling close:" $(for round in $(seq "$rounds"); do
  python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}', end='')" \
    "${rps[provd close #$round]}" "${rps[ceiling close #$round]}"; echo -n " "; done)

# 5. What provd kept, and the figures side by side.
sleep 1
fd_after="$(fds)"
peak_kb=n/a
if provd_alive; then
  peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/$provd_pid/status")"
else
  flag "provd is no longer running after the runs"
fi
echo
echo "5. provd: peak RSS (VmHWM) $peak_kb kB; descriptors $fd_before after creating" \
  "the phones, $fd_after after the runs (settled 1 s)"
if [ "$fd_after" = dead ] || [ "$fd_after" -gt "$fd_before" ]; then
  flag "provd's descriptors grew from $fd_before to $fd_after"
fi
# Anything provd logged beyond its start-up lines (refusals, warnings),
# counted by message.
grep -v -e 'Listening on' -e 'Created an admin token' "$work/provd.log" >"$work/provd.extra" || true
if [ -s "$work/provd.extra" ]; then
  echo "   provd logged $(wc -l <"$work/provd.extra") more lines:"
  sed -E 's/[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+: //' "$work/provd.extra" | cut -c1-160 \
    | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/   /'
else
  echo "   provd logged nothing beyond its start-up lines"
fi

echo
args=()
for key in "provd cold" "provd keep-alive" "provd close" "nginx keep-alive" "nginx close" \
           "ceiling keep-alive" "ceiling close"; do
  args+=("$key" "${rps[$key]}" "${p50[$key]}" "${p99[$key]}" "${void[$key]}")
done
python3 - "$phones" "$size" "${keeps[provd]}" "${args[@]}" <<'PY'
import sys
phones, size, provd_keeps = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "yes"
a = sys.argv[4:]
run = {a[i]: (float(a[i + 1]), float(a[i + 2]), float(a[i + 3]), a[i + 4] == "yes")
       for i in range(0, len(a), 5)}

def fig(key, what):
    rps, p50, p99, void = run[key]
    if void:
        return "void"
    v = {"rps": rps, "p50": p50, "p99": p99}[what]
    if v != v:
        return "n/a"
    return f"{v:,.0f}" if what == "rps" else f"{v:.2f} ms"

def ratio(k1, k2):
    (r1, _, _, v1), (r2, _, _, v2) = run[k1], run[k2]
    return "void" if v1 or v2 or not r2 else f"{r1 / r2:.2f}"

print(f"summary: {phones:,} phones, random phone per request, {size:,}-byte files,"
      " wrk -t2 -c64")
print(f"   {'run':22s}{'requests/s':>12s}{'p50':>11s}{'p99':>11s}{'/ceiling':>10s}{'/nginx':>8s}")
rows = [("provd cold", "provd cold", "keep-alive"), ("provd keep-alive", "provd keep-alive", "keep-alive"),
        ("provd close", "provd close", "close"), ("nginx keep-alive", "nginx keep-alive", "keep-alive"),
        ("nginx close", "nginx close", "close"), ("ceiling keep-alive", "ceiling keep-alive", "keep-alive"),
        ("ceiling close", "ceiling close", "close")]
for label, key, mode in rows:
    rc = ratio(key, f"ceiling {mode}") if not key.startswith("ceiling") else ""
    rn = ratio(key, f"nginx {mode}") if key.startswith("provd") else ""
    print(f"   {label:22s}{fig(key, 'rps'):>12s}{fig(key, 'p50'):>11s}{fig(key, 'p99'):>11s}"
          f"{rc:>10s}{rn:>8s}")

print()
print("target (issue 8): provd >= 0.8 x libsoup's ceiling on random phones, p99 < 10 ms")
met_all = True
for mode in ("keep-alive", "close"):
    key = f"provd {mode}"
    r = ratio(key, f"ceiling {mode}")
    if r == "void":
        print(f"   {mode:11s}: cannot tell, a run was void")
        met_all = False
        continue
    p99 = run[key][2]
    ok_ratio, ok_p99 = float(r) >= 0.8, p99 < 10
    verdict = "met" if ok_ratio and ok_p99 else "NOT met"
    why = [f"{r} x the ceiling ({'>=' if ok_ratio else '<'} 0.8)",
           f"p99 {p99:.2f} ms ({'<' if ok_p99 else '>='} 10 ms)"]
    # provd closes every phone's connection after its fetch (phones close
    # anyway); when it did here, its keep-alive run was a connection per
    # fetch against a ceiling that kept its connections: shown, not judged.
    like_with_like = provd_keeps or mode == "close"
    note = "" if like_with_like else \
        " (not judged: provd closed after each fetch; the ceiling kept its connections)"
    print(f"   {mode:11s}: {verdict}: {', '.join(why)}{note}")
    if like_with_like:
        met_all = met_all and ok_ratio and ok_p99
print(f"   target met: {'yes' if met_all else 'no'}")
PY
echo "whole run: $(( SECONDS - begun )) s, $(( SECONDS - started )) s of them from provd's start"

exit_if_flagged
