#!/usr/bin/env bash
# Firmware downloads (issue 12): one firmware file of 50 MB fetched by 50
# clients at once from provd, against nginx serving the same file in the
# same run (the reference). Loopback only, bounded in time.
#
#   bench/firmware.sh [seconds-per-run] [megabytes] [clients] [rounds]   (5 50 50 3)
#
# Environment: PA_BUILD_DIR (default build-bench/).
#
# The file is uploaded through the API (POST /api/v1/firmware/upload,
# streamed to <data_dir>/firmware/<sha256>; provd's memory before and
# after is printed) and fetched at /firmware/<sha256>/<name>. Before the runs curl checks
# both servers send the file's exact bytes, and that provd answers a Range
# with 206 and the right bytes; wrk's count of error statuses and socket
# errors is checked after each run. The two take turns, round after round
# (on a small machine the client's share of the CPU drifts between runs),
# and the medians count. Prints MB/s for both, their ratio (target: provd
# ≥ 0.8 × nginx) and provd's memory before and after the runs (target:
# growth under 20 MB).
#
# Exit status: 0 when every run was clean, 3 when a run was void or provd
# did not survive, 1 when the set-up failed.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-5}"
megabytes="${2:-50}"
clients="${3:-50}"
rounds="${4:-3}"
for n in "$secs" "$megabytes" "$clients" "$rounds"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "arguments must be positive numbers, not '$n'"
done

install_missing wrk nginx-light curl python3
build_provd
make_work_dir
start_provd ''
make_www_dir

name="T54W-96.86.0.50.rom"
head -c "$(( megabytes * 1024 * 1024 ))" /dev/urandom >"$work/www/$name"
chmod 644 "$work/www/$name"
sha="$(sha256sum "$work/www/$name" | cut -d' ' -f1)"
size="$(stat -c %s "$work/www/$name")"

rss() { awk '/^VmRSS/ {print $2}' "/proc/$provd_pid/status"; }
# Uploaded the way the app does, streamed: provd's memory must not grow
# with the file.
rss_upload_before="$(rss)"
code="$(curl -s -o "$work/upload.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/octet-stream' --data-binary "@$work/www/$name" \
  "$base/api/v1/firmware/upload?vendor=yealink&models=yealink-t54w&version=96.86.0.50&filename=$name")"
[ "$code" = 201 ] || die "the upload answered $code: $(cat "$work/upload.json")"
grep -q "\"sha256\":\"$sha\"" "$work/upload.json" || die "the upload's record has another hash: $(cat "$work/upload.json")"
rss_upload_after="$(rss)"
echo "upload: $size bytes stored; provd VmRSS $(( rss_upload_before / 1024 )) MB → $(( rss_upload_after / 1024 )) MB"
provd_fw="$base/firmware/$sha/$name"
echo "firmware: $size bytes, $clients clients at once, $secs s a run"

declare -A ready=([provd]=yes [nginx]=yes)
code="$(curl -s -o "$work/got" -w '%{http_code}' "$provd_fw")"
if [ "$code" != 200 ] || ! cmp -s "$work/got" "$work/www/$name"; then
  flag "provd answered $code, or other bytes than the file's"
  ready[provd]=no
fi
code="$(curl -s -o "$work/got" -w '%{http_code}' -H 'Range: bytes=1000-1999' "$provd_fw")"
if [ "$code" != 206 ] || ! cmp -s "$work/got" <(tail -c +1001 "$work/www/$name" | head -c 1000); then
  flag "provd answered a Range with $code, or the wrong bytes"
  ready[provd]=no
fi
rm -f "$work/got"
nginx_http_extra="${PA_NGINX_EXTRA:-}"
start_nginx_reference "$name" || { flag "$nginx_problem"; ready[nginx]=no; }
rm -f "$work/nginx.cfg"

rss_before="$(rss)"

declare -A mbps=([provd]="" [nginx]="")
run() {  # $1: provd|nginx, $2: url
  [ "${ready[$1]}" = yes ] || return 0
  wrk_bounded "$secs" -t2 -c"$clients" --timeout 30s "$2"
  if wrk_verdict "$1" "$1"; then
    mbps[$1]+="$(python3 -c "print(f'{$wrk_rps * $size / 1e6:.0f}')") "
  else
    mbps[$1]+="void "
  fi
}
for round in $(seq "$rounds"); do
  run provd "$provd_fw"
  run nginx "$nginx_url"
done
rss_after=n/a
peak=n/a
if provd_alive; then
  rss_after="$(rss)"
  peak="$(awk '/^VmHWM/ {print $2}' "/proc/$provd_pid/status")"
else
  flag "provd is no longer running after the runs"
fi

python3 - "${mbps[provd]}" "${mbps[nginx]}" "$rss_before" "$rss_after" "$peak" <<'PY'
import statistics, sys
p, n, before, after, peak = sys.argv[1:]
def median(runs):
    runs = runs.split()
    return None if not runs or "void" in runs else statistics.median(float(r) for r in runs)
mp, mn = median(p), median(n)
print(f"provd: {p.strip() or 'void'} MB/s, median {mp if mp is None else f'{mp:.0f}'}")
print(f"nginx: {n.strip() or 'void'} MB/s, median {mn if mn is None else f'{mn:.0f}'} (reference)")
ratio = "void" if mp is None or mn is None else f"{mp / mn:.2f}"
print(f"ratio provd/nginx (medians): {ratio}   (target >= 0.8)")
if after != "n/a":
    growth = (int(after) - int(before)) / 1024
    print(f"provd RSS: {int(before) / 1024:.1f} MB before, {int(after) / 1024:.1f} MB after "
          f"(growth {growth:.1f} MB, target < 20), peak {int(peak) / 1024:.1f} MB")
PY

exit_if_flagged
