#!/usr/bin/env bash
# Phones fetching while provd runs bulk jobs (issue 12): a 10,000-phone
# apply_profile job after another, with 64 connections of phones polling
# at random meanwhile, against the same polling with no job running, in
# the same run. Loopback only, bounded in time.
#
#   bench/jobs.sh [seconds-per-run]      (default 10)
#
# Environment: PA_BUILD_DIR (default build-bench/), PA_JOBS_PHONES (10000),
# PA_JOBS_PERF (a file: perf record -g of provd during the jobs run),
# PA_JOBS_PAUSE_MS (30): each of the 64 connections pauses this long
# after an answer before it asks again, about 2,000 fetches a second (a
# fleet of 10,000 polling every 5 minutes asks 33 a second); 0 asks as
# fast as provd answers, where p99 is the queue of 64 at saturation, not
# how long one fetch waits (idle: ~11 ms on the 2-core machine).
#
# 1. Starts a release provd, creates the phones through its API
#    (bench/fleet.py create) and two profiles, and fetches every phone's
#    file once (the render cache warm, as in a running office).
# 2. idle: wrk on random phones (bench/fleet.lua), -t2 -c64 --latency.
# 3. jobs: the same wrk while bench/jobs.py posts apply_profile jobs over
#    every phone, profile A then B, each changing every phone's files
#    (phones fetch while the job's worker writes and renders, and after
#    each job its new files), reading each job until it succeeded.
# 4. Prints requests/s, p50 and p99 of both, the jobs' durations, and the
#    verdict: p99 of the fetches during jobs < 10 ms (the target).
#
# Every response is checked by fleet.lua (status 200) and by wrk's own
# count of errors; every job by jobs.py (202 with its Location, then
# succeeded with every phone done). A run with a failure is flagged '!!'
# and void.
#
# Exit status: 0 when every run was clean (the verdict is printed either
# way), 3 when a run was void, 1 when the set-up failed.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-10}"
phones="${PA_JOBS_PHONES:-10000}"
pause_ms="${PA_JOBS_PAUSE_MS:-30}"
[[ "$pause_ms" =~ ^[0-9]+$ ]] || die "PA_JOBS_PAUSE_MS must be a number of milliseconds, not '$pause_ms'"
export FLEET_PAUSE_MS="$pause_ms"
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || die "seconds per run must be a positive number, not '$secs'"
[[ "$phones" =~ ^[1-9][0-9]*$ ]] || die "PA_JOBS_PHONES must be a positive number, not '$phones'"

install_missing wrk curl python3
build_provd
make_work_dir
start_provd ''
list="$work/phones.txt"

echo "1. $phones phones through provd's API, and two profiles:"
create_phones "$phones" "$list"
profile_a="$(api -d '{"name": "Berlin", "timezone": "Europe/Berlin"}' "$base/api/v1/profiles" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
profile_b="$(api -d '{"name": "New York", "timezone": "America/New_York"}' "$base/api/v1/profiles" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
make_www_dir
python3 "$top/bench/fleet.py" fetch --url "$base" --list "$list" --www "$work/www" \
  | sed 's/^/   /' || die "fetching the phones' files failed"

declare -A p50 p99 rps void
run() {  # key
  local key="$1" lua lua_bad=0
  wrk_bounded "$secs" -t2 -c64 --timeout 2s --latency -s "$top/bench/fleet.lua" "$base/" -- "$list"
  lua="$(grep '^fleet.lua:' "$work/wrk.out" || true)"
  [[ "$lua" =~ ,\ ([0-9]+)\ bad ]] && lua_bad="${BASH_REMATCH[1]}"
  rps[$key]="$wrk_rps"; p50[$key]="$wrk_p50"; p99[$key]="$wrk_p99"; void[$key]=no
  printf '   %-6s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %7d responses, %d not 200\n' \
    "$key" "$wrk_rps" "$wrk_p50" "$wrk_p99" "$wrk_n" "$lua_bad"
  if ! wrk_verdict "$key" provd; then
    void[$key]=yes
  elif [ -z "$lua" ] || [ "$lua_bad" -gt 0 ]; then
    flag "$key: ${lua:-fleet.lua printed no count}"
    void[$key]=yes
  fi
}

echo
echo "2. idle: random phones polling, no job, wrk -t2 -c64 -d${secs}s --latency, each connection pausing ${pause_ms} ms between fetches"
run idle

echo
echo "3. jobs: the same while apply_profile jobs over all $phones phones run back to back"
python3 "$top/bench/jobs.py" --url "$base" --token-file "$work/data/admin-token" \
  --seconds "$secs" --profiles "$profile_a,$profile_b" >"$work/jobs.out" 2>&1 &
jobs_pid=$!
extra_pids+=("$jobs_pid")
if [ -n "${PA_JOBS_PERF:-}" ]; then
  # Where provd's threads spend the jobs run: perf report -i "$PA_JOBS_PERF" --sort comm,sym
  perf record -q -F 499 -g -p "$provd_pid" -o "$PA_JOBS_PERF" -- sleep "$secs" >/dev/null 2>&1 &
  extra_pids+=("$!")
fi
run jobs
jobs_rc=0
wait "$jobs_pid" || jobs_rc=$?
sed 's/^/   /' "$work/jobs.out"
[ "$jobs_rc" -eq 0 ] || { flag "jobs.py failed: $(tail -n 1 "$work/jobs.out")"; void[jobs]=yes; }
provd_alive || flag "provd did not survive the runs"

echo
echo "4. verdict (target: p99 of phones' fetches during a 10,000-phone job < 10 ms)"
if [ "${void[jobs]}" = yes ]; then
  echo "   void: the jobs run failed"
else
  python3 - "${p99[jobs]}" "${p99[idle]}" <<'PY'
import sys
jobs, idle = float(sys.argv[1]), float(sys.argv[2])
print(f"   p99 {jobs:.2f} ms during jobs, {idle:.2f} ms idle ({jobs / idle:.1f}x):"
      f" {'met' if jobs < 10 else 'NOT met'}")
PY
fi
echo "   provd peak RSS: $(grep VmHWM "/proc/$provd_pid/status" 2>/dev/null | awk '{print $2/1024 " MB"}')"
exit_if_flagged
