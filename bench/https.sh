#!/usr/bin/env bash
# Phones fetching over HTTPS: provd with a certificate against nginx serving
# the same rendered bytes over TLS with the same certificate and no session
# resumption (the reference).
# Loopback only, bounded in time.
#
#   bench/https.sh [seconds-per-run]      (default 5)
#
# Environment: PA_BUILD_DIR (default build-bench/).
#
# 1. 64 phones fetching at once, each fetch on a new TLS connection (wrk
#    -c64 with 'Connection: close'): requests/s, p50 and p99 of each, and
#    the ratio. provd serves one request per TLS connection, so this is the
#    path every HTTPS phone takes.
# 2. 150 connections that connect and say nothing (a scanner, a stuck
#    phone), held for 3 s: provd's resident memory and descriptors before
#    and while they are held.
# 3. provd's peak RSS over the runs.
#
# Every run is checked (curl before: 200 with the rendered bytes from each
# server over verified TLS; wrk's error counts after); a failed check is
# flagged '!!' and the exit status is 3 (see lib.sh).
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs="${1:-5}"

tls="$top/tests/data/tls"
provd_args=(--tls-cert "$tls/server.pem" --tls-key "$tls/server-key.pem")
curl_tls=(--cacert "$tls/ca.pem")
nginx_listen=ssl
# No session resumption for nginx either: provd's TLS (glib-networking)
# issues no tickets and keeps no session cache, so every provd connection
# is a full handshake, and the reference is what one costs at best.
nginx_http_extra="ssl_certificate $tls/server.pem; ssl_certificate_key $tls/server-key.pem;
  ssl_session_tickets off; ssl_session_cache off;"
scheme=https

install_missing wrk nginx-light curl python3
build_provd
make_work_dir
start_provd ''
case "$base" in https://*) ;; *) die "provd does not serve HTTPS: $base" ;; esac
create_receptionist_phone
fetch_rendered_config
start_nginx_reference "$mac.cfg" || die "$nginx_problem"

declare -A announces
announces[provd]=yes; announces_close "$provd_url" -A "$ua" || announces[provd]=no
announces[nginx]=yes; announces_close "$nginx_url" || announces[nginx]=no

echo "config file: $size bytes (T54W, 27 BLF keys); provd $base, nginx 127.0.0.1:$nginx_port," \
  "both TLS with a 2048-bit RSA certificate"

declare -A rps p50 p99
run_wrk() {  # $1: provd|nginx, $2: url
  wrk_bounded "$secs" -t2 -c64 --timeout 2s --latency -H "User-Agent: $ua" -H 'Connection: close' "$2"
  wrk_unannounced_closes "${announces[$1]}" close
  rps[$1]=void; p50[$1]=void; p99[$1]=void
  printf '  %-6s %8.0f req/s  p50 %8.2f ms  p99 %8.2f ms  %7d responses\n' \
    "$1" "$wrk_rps" "$wrk_p50" "$wrk_p99" "$wrk_n"
  if wrk_verdict "$1" "$1" "$wrk_unannounced"; then
    rps[$1]="$wrk_rps"; p50[$1]="$wrk_p50"; p99[$1]="$wrk_p99"
  fi
}
echo
echo "1. 64 phones at once, a new TLS connection per fetch: wrk -t2 -c64 -d${secs}s, 'Connection: close'"
run_wrk provd "$provd_url"
run_wrk nginx "$nginx_url"
echo "  ratio provd/nginx: requests/s $(ratio "${rps[provd]}" "${rps[nginx]}")," \
  "p99 $(ratio "${p99[provd]}" "${p99[nginx]}")"

status_of() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$provd_pid/status"; }
fds() { find "/proc/$provd_pid/fd" -mindepth 1 -maxdepth 1 | wc -l; }
echo
echo "2. 150 silent connections held for 3 s"
rss_before="$(status_of VmRSS)"; fds_before="$(fds)"
held="$(python3 - "$provd_port" "$provd_pid" <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(150)]
time.sleep(3)
status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status").read().splitlines())
print(status["VmRSS"].split()[0], len(os.listdir(f"/proc/{pid}/fd")), status["Threads"].strip())
PY
)"
read -r rss_held fds_held threads_held <<<"$held"
echo "  provd RSS: $rss_before kB before, $rss_held kB while held" \
  "($(( (rss_held - rss_before) / 150 )) kB a connection); descriptors $fds_before → $fds_held;" \
  "threads while held: $threads_held"
code="$(curl -s "${curl_tls[@]}" -o /dev/null -w '%{http_code}' -A "$ua" "$provd_url")"
[ "$code" = 200 ] || flag "provd answered $code after the silent connections went, not 200"

peak_kb=n/a
if provd_alive; then
  peak_kb="$(status_of VmHWM | cut -d' ' -f1)"
else
  flag "provd is no longer running after the runs"
fi
echo
echo "3. provd peak RSS: $peak_kb kB"
exit_if_flagged
