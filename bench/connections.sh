#!/usr/bin/env bash
# How phoneadmin-provd copes with connections the way desk phones make them
# (a new TCP connection per fetch, closed afterwards), against nginx serving
# the same rendered bytes as a static file (the reference, same run).
# Loopback only, bounded in time (under a minute and a half with the defaults).
#
#   bench/connections.sh [seconds-per-wrk-run]      (default 5)
#
# Environment: PA_BUILD_DIR (default build-bench/), PA_BURST_COUNT (200),
# PA_BURST_ROUNDS (5), PA_BURST_DEADLINE (seconds a burst round may take, 10),
# PA_PROVD_NOFILE (a soft descriptor limit for provd; unset, provd keeps the
# one it inherits. 1024 is what systemd gives data/phoneadmin-provd.service,
# which sets no LimitNOFILE).
#
# Prints, for provd and for nginx:
#   1. burst: PA_BURST_COUNT simultaneous connects, one phone fetch on each
#      (keep-alive request, the client closes once it has the file),
#      repeated PA_BURST_ROUNDS times (bench/connburst.py): fetches answered
#      200 with the right bytes, resets, timeouts and other failures, wall
#      time, the slowest connect (a SYN retransmission shows as >= 1 s);
#   2. 64 phones polling at once: wrk -t2 -c64 --latency, with
#      'Connection: close' (a new connection per fetch) and with keep-alive:
#      requests/s, p50/p99 latency, non-2xx responses and socket errors;
#      the provd/nginx ratios;
#   3. provd's descriptors (/proc/<pid>/fd) before and after each phase, and
#      its CLOSE-WAIT sockets at the end;
#   4. provd's peak RSS (VmHWM).
# provd runs with the descriptor limit it inherits (or PA_PROVD_NOFILE);
# nothing is raised. Each phase is bounded in time, so the script completes
# and prints even when provd has run out of descriptors.
#
# Exit status: 0 when every fetch succeeded and provd kept no descriptor or
# socket, 3 when a run had failures or something was left behind (each is
# flagged with '!!' in the output), 1 when the set-up failed.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-5}"
burst_count="${PA_BURST_COUNT:-200}"
burst_rounds="${PA_BURST_ROUNDS:-5}"
burst_deadline="${PA_BURST_DEADLINE:-10}"
provd_nofile="${PA_PROVD_NOFILE:-}"

install_missing wrk nginx-light curl iproute2 python3
build_provd
make_work_dir
start_provd "$provd_nofile"
# A receptionist's phone, as in bench/fetch.sh: a T54W whose 27 keys are BLFs.
create_receptionist_phone
fetch_rendered_config
start_nginx_reference "$mac.cfg" || die "$nginx_problem"
# connburst.py compares every fetch with the first one's bytes.
code="$(curl -s -o "$work/again.cfg" -w '%{http_code}' -A "$ua" "$provd_url")"
if [ "$code" != 200 ] || ! cmp -s "$work/again.cfg" "$work/www/$mac.cfg"; then
  die "provd's second fetch differs from the first (status $code)"
fi

# Whether each says 'Connection: close' when it closes (announces_close, lib.sh).
declare -A announces
announces[provd]=yes; announces_close "$provd_url" -A "$ua" || announces[provd]=no
announces[nginx]=yes; announces_close "$nginx_url" || announces[nginx]=no

fds() { if provd_alive; then find "/proc/$provd_pid/fd" -mindepth 1 -maxdepth 1 | wc -l; else echo dead; fi; }
close_wait() { ss -Htan state close-wait "( sport = :$provd_port )" | wc -l; }
backlog() { ss -Hltn "( sport = :$1 )" | awk '{print $3; exit}'; }
fd_limit="$(awk '/^Max open files/ {print $4}' "/proc/$provd_pid/limits")"

echo "config file: $size bytes (T54W, 27 BLF keys); provd $base, nginx 127.0.0.1:$nginx_port"
echo "listen backlog: provd $(backlog "$provd_port"), nginx $(backlog "$nginx_port");" \
  "provd's descriptor limit: $fd_limit"
echo "answer to 'Connection: close' says 'Connection: close': provd ${announces[provd]}, nginx ${announces[nginx]}"
[ "${announces[provd]}" = yes ] \
  || flag "provd closes the connection after a request with 'Connection: close' without saying 'Connection: close' in its answer"
sleep 1
fd_before="$(fds)"
echo "provd descriptors before the runs: $fd_before"

phase_end() {  # $1: phase name
  sleep 1
  local n; n="$(fds)"
  echo "  provd descriptors after $1: $n ($(close_wait) in CLOSE-WAIT)"
  if ! provd_alive; then
    flag "provd is no longer running after $1"
  fi
}

# 1. Bursts of simultaneous connects.
declare -A burst
run_burst() {  # $1: provd|nginx, $2: url
  local out
  out="$(python3 "$top/bench/connburst.py" --count "$burst_count" --rounds "$burst_rounds" \
          --deadline "$burst_deadline" --user-agent "$ua" --expect-file "$work/www/$mac.cfg" \
          --label "$1" "$2")"
  sed -n '/^  /p' <<<"$out"
  burst[$1]="$(sed -n 's/^total //p' <<<"$out")"
  local ok; ok="$(awk '/^total/ {split($2, a, "/"); print a[1] == a[2] ? "yes" : "no"}' <<<"$out")"
  [ "$ok" = yes ] || flag "$1 burst: ${burst[$1]%%; worst*} (OK = status 200 and the config bytes)"
}
echo
echo "1. burst: $burst_count simultaneous connects, one fetch each, $burst_rounds rounds" \
  "(a round ends after ${burst_deadline} s at most)"
run_burst provd "$provd_url"
run_burst nginx "$nginx_url"
phase_end "the bursts"

# 2. 64 phones polling at once.
declare -A rps p50 p99 bad
run_wrk() {  # $1: provd|nginx, $2: close|keep-alive, $3: url
  local server="$1" mode="$2" url="$3" key="$1 $2"
  local -a hdr=(-H "User-Agent: $ua")
  [ "$mode" = keep-alive ] || hdr+=(-H 'Connection: close')
  wrk_bounded "$secs" -t2 -c64 --timeout 2s --latency "${hdr[@]}" "$url"
  wrk_unannounced_closes "${announces[$server]}" "$mode"
  local unannounced="$wrk_unannounced"
  rps[$key]="$wrk_rps"; p50[$key]="$wrk_p50"; p99[$key]="$wrk_p99"; bad[$key]=0
  printf '  %-16s %8.0f req/s  p50 %8.2f ms  p99 %8.2f ms  %7d responses, %d non-2xx\n' \
    "$key" "$wrk_rps" "$wrk_p50" "$wrk_p99" "$wrk_n" "$wrk_non2xx"
  if [ $(( wrk_econn + wrk_eread + wrk_ewrite + wrk_etime )) -gt 0 ]; then
    echo "                   socket errors: connect $wrk_econn, read $wrk_eread, write $wrk_ewrite, timeout $wrk_etime"
  fi
  if [ "$unannounced" -gt 0 ]; then
    echo "                   ($unannounced of the read errors came after a whole response: wrk reused" \
      "a connection $server had closed without saying so)"
  fi
  wrk_verdict "$key" "$server" "$unannounced" || bad[$key]=1
}
echo
echo "2. 64 phones polling at once: wrk -t2 -c64 -d${secs}s --latency"
echo " with 'Connection: close' (a new connection per fetch):"
run_wrk provd close "$provd_url"
run_wrk nginx close "$nginx_url"
phase_end "the Connection: close runs"
echo " with keep-alive:"
run_wrk provd keep-alive "$provd_url"
run_wrk nginx keep-alive "$nginx_url"
phase_end "the keep-alive runs"

# 3. and 4. What provd kept.
sleep 1
fd_after="$(fds)"
cw="$(close_wait)"
echo
echo "3. provd descriptors: $fd_before before the runs, $fd_after after (settled 1 s);" \
  "CLOSE-WAIT sockets on its port: $cw"
if [ "$fd_after" = dead ] || [ "$fd_after" -gt "$fd_before" ]; then
  flag "provd's descriptors grew from $fd_before to $fd_after"
fi
[ "$cw" -eq 0 ] || flag "$cw sockets left in CLOSE-WAIT on provd's port"
peak_kb=n/a
provd_alive && peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/$provd_pid/status")"
echo "4. provd peak RSS: $peak_kb kB"
# Anything provd logged beyond its start-up lines (an EMFILE, say).
grep -v -e 'Listening on' -e 'Created an admin token' "$work/provd.log" >"$work/provd.extra" || true
if [ -s "$work/provd.extra" ]; then
  echo "provd logged $(wc -l <"$work/provd.extra") more lines; the last: $(tail -n 1 "$work/provd.extra" | cut -c1-200)"
fi

echo
python3 - "${burst[provd]}" "${burst[nginx]}" \
  "${rps[provd close]}" "${rps[nginx close]}" "${p50[provd close]}" "${p50[nginx close]}" \
  "${p99[provd close]}" "${p99[nginx close]}" "${bad[provd close]}" "${bad[nginx close]}" \
  "${rps[provd keep-alive]}" "${rps[nginx keep-alive]}" "${p50[provd keep-alive]}" "${p50[nginx keep-alive]}" \
  "${p99[provd keep-alive]}" "${p99[nginx keep-alive]}" "${bad[provd keep-alive]}" "${bad[nginx keep-alive]}" <<'PY'
import re, sys
a = sys.argv[1:]
def burst(text):
    m = re.match(r"(\d+/\d+) OK.*worst wall ([\d.]+) s, worst connect ([\d.]+) s \((\d+) ", text)
    return m.groups() if m else ("?",) * 4
def line(name, p, n, ratio="", mark=""):
    print(f"  {name:26s}{p:>12s} {n:>12s} {ratio:>12s}{mark}".rstrip())
print(f"{'summary':28s}{'provd':>12s} {'nginx':>12s} {'provd/nginx':>12s}")
bp, bn = burst(a[0]), burst(a[1])
line("burst: answered 200", bp[0], bn[0])
line("burst: worst round, wall", bp[1] + " s", bn[1] + " s")
line("burst: worst connect", bp[2] + " s", bn[2] + " s")
line("burst: connects >= 1 s", bp[3], bn[3])
for i, mode in ((2, "close"), (10, "keep-alive")):
    vals = [float(v) for v in a[i:i + 6]]
    mark = "  !! failures in the run" if a[i + 6] != "0" or a[i + 7] != "0" else ""
    show = lambda v, fmt, unit: "n/a" if v != v else format(v, fmt) + unit
    for (p, n), name, fmt, unit in zip(zip(vals[0::2], vals[1::2]), ("requests/s", "p50", "p99"),
                                       (".0f", ".2f", ".2f"), ("", " ms", " ms")):
        ratio = f"{p / n:.2f}" if n and p == p and n == n else "n/a"
        line(f"{mode}: {name}", show(p, fmt, unit), show(n, fmt, unit), ratio, mark)
PY
echo "  provd descriptors: $fd_before before, $fd_after after; CLOSE-WAIT after: $cw; peak RSS: $peak_kb kB"

exit_if_flagged
echo "no failures, no descriptor or socket left behind"
