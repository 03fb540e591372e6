#!/usr/bin/env bash
# Phone-facing fetch throughput of phoneadmin-provd, against nginx serving the
# same bytes as a static file (the reference: what a pre-rendered config
# costs at best). Loopback only, bounded in time.
#
#   bench/fetch.sh [seconds-per-run]      (default 5)
#
# Environment: PA_BUILD_DIR (default build-bench/).
#
# Prints requests/s for: provd answering 200 with <mac>.cfg (the same phone
# polling, so from the render cache after the first fetch), provd answering
# 304 to a phone that already has it (If-None-Match), and nginx static; then
# the ratios and provd's peak memory. (Random phones of a large fleet, which
# the issue 8 benchmark asks for: bench/fleet.sh.)
#
# Each run is checked with curl before (provd 200 with the rendered bytes,
# 304 to the ETag; nginx 200 with the same bytes) and by wrk's own count of
# error statuses and socket errors after. A run that fails either check is
# flagged with '!!' and printed as void, and so is every ratio it is part of:
# a figure made of errors would say nothing about provd or nginx.
#
# Exit status: 0 when every run was clean, 3 when a run was void or provd
# did not survive the runs, 1 when the set-up failed.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-5}"

install_missing wrk nginx-light curl python3
build_provd
make_work_dir
start_provd ''  # with the descriptor limit it inherits
create_receptionist_phone
fetch_rendered_config
etag="$(grep -i '^etag:' "$work/provd.headers" | cut -d' ' -f2- | tr -d '\r')"

echo "config file: $size bytes (T54W, 27 BLF keys)"

# Before each run, the answer its wrk requests should get: wrk counts only
# statuses of 400 and above as errors, so a 200 where a 304 belongs (or the
# reverse) would pass unseen and measure the wrong path.
declare -A ready
ready[rendered]=yes
ready[cached]=yes
ready[nginx]=yes
if [ -z "$etag" ]; then
  flag "provd sent no ETag with the config: no 304 run"
  ready[cached]=no
else
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$provd_url")"
  if [ "$code" != 304 ]; then
    flag "provd answered $code to If-None-Match with its own ETag, not 304"
    ready[cached]=no
  fi
fi
start_nginx_reference "$mac.cfg" || { flag "$nginx_problem"; ready[nginx]=no; }

declare -A rps
run() {  # $1: rendered|cached|nginx, $2: provd|nginx, then wrk's arguments
  local key="$1" server="$2"; shift 2
  rps[$key]=void
  [ "${ready[$key]}" = yes ] || return 0
  wrk_bounded "$secs" -t2 -c16 "$@"
  if wrk_verdict "$server, $key" "$server"; then
    rps[$key]="$wrk_rps"
  fi
}
run rendered provd -H "User-Agent: $ua" "$provd_url"
run cached provd -H "If-None-Match: $etag" "$provd_url"
run nginx nginx "$nginx_url"

peak_kb=n/a
if provd_alive; then
  peak_kb="$(awk '/VmHWM/ {print $2}' "/proc/$provd_pid/status")"
else
  flag "provd is no longer running after the runs"
fi

show() {  # $1: label, $2: requests/s or void
  if [ "$2" = void ]; then
    printf '%s: %10s        (!! see above)\n' "$1" void
  else
    printf '%s: %10.0f req/s\n' "$1" "$2"
  fi
}
show 'provd, 200 (render cache)   ' "${rps[rendered]}"
show 'provd, 304 Not Modified     ' "${rps[cached]}"
show 'nginx, static file (ref.)   ' "${rps[nginx]}"
echo "ratio 200/nginx: $(ratio "${rps[rendered]}" "${rps[nginx]}")" \
  "  ratio 304/nginx: $(ratio "${rps[cached]}" "${rps[nginx]}")"
echo "provd peak RSS: $peak_kb kB"

exit_if_flagged
