#!/usr/bin/env bash
# provd started again after its phones' inputs changed (an upgrade, a
# setting in its key file): it records every phone's inputs again. This
# measures how soon it serves meanwhile.
#   1. N phones (through provd's API, or PA_APP_FLEET_CACHE's copy), and
#      provd stopped with public-url=http://a.example.com:8670/ in its key
#      file;
#   2. started with public-url=http://b.example.com:8670/: when it listens, when its
#      first API answer and a phone's first file come, the slowest of the
#      answers, fetches and API writes made every 50 ms until it has
#      recorded them all, and when that is (from its log);
#   3. the phone's common file gives b.example.com, and a start with nothing
#      changed records nothing more;
#   4. a setting every phone reads saved through the API (PATCH of the NTP
#      server): when it is answered, a phone's fetches meanwhile, and when
#      every phone is recorded (the request held the main loop 20-28 s at
#      100,000 phones when it derived them itself).
# The reference is the derive itself, in the same run: before, provd
# listened only after it (20 s at 100,000 phones on a 2-core machine).
#
#   bench/restart.sh                    100,000 phones (~100 s to create)
#   PA_APP_FLEET_CACHE=/var/tmp/fleets bench/restart.sh   reuse app-fleet's
#   PA_RESTART_PHONES=10000 bench/restart.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

phones="${PA_RESTART_PHONES:-100000}"
[[ "$phones" =~ ^[1-9][0-9]*$ ]] || die "PA_RESTART_PHONES must be a positive number, not '$phones'"

install_missing curl python3
build_provd
make_work_dir
conf="$work/provd.conf"
printf '[server]\npublic-url=http://a.example.com:8670/\n' >"$conf"
provd_args=(--config "$conf")

start_provd_with_fleet "$phones"
# (start_provd waited for whatever that start had to record.)
kill "$provd_pid"; wait "$provd_pid" || true
provd_pid=

echo "2. started again with public-url=http://b.example.com:8670/:"
printf '[server]\npublic-url=http://b.example.com:8670/\n' >"$conf"
rm -f "$work/data/provd.url"
rc=0
python3 - "$build/src/server/phoneadmin-provd" "$work" "$conf" "$phones" <<'PY' || rc=$?
import http.client, json, os, signal, subprocess, sys, time

provd, work, conf, phones = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
data = os.path.join(work, "data")
log_path = os.path.join(work, "provd-2.log")
token = open(os.path.join(data, "admin-token")).read().strip()
# The last phone created: its unit of work comes last, so its first file
# is made before it is recorded (under its old fingerprint).
with open(os.path.join(work, "phones.txt")) as f:
    phone_token, phone_mac = f.read().splitlines()[-1].split()
ua = "Yealink SIP-T54W 96.86.0.100 " + ":".join(phone_mac[i:i + 2] for i in range(0, 12, 2))

def log_has(text):
    with open(log_path, "rb") as f:
        return text.encode() in f.read()

def get(port, path, headers):
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    get.etag = resp.getheader("ETag")
    return resp.status, time.perf_counter() - t, body

# An API write: a new agent (extensions from 9000 up, unique).
def post_agent(port, headers, n):
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", "/api/v1/agents",
                 body=json.dumps({"name": f"Bench {n}", "extension": str(9000 + n)}).encode(),
                 headers=dict(headers, **{"Content-Type": "application/json"}))
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status, time.perf_counter() - t

url_file = os.path.join(data, "provd.url")

# provd on @listen, its log new; returns it once it has written provd.url.
def start_provd(listen):
    if os.path.exists(url_file):
        os.remove(url_file)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([provd, "--listen", listen, "--data-dir", data, "--config", conf],
                                stdout=log, stderr=subprocess.STDOUT)
    while not (os.path.exists(url_file) and os.path.getsize(url_file) > 0):
        if proc.poll() is not None:
            sys.exit("provd ended: " + open(log_path).read()[-2000:])
        time.sleep(0.005)
    return proc

t0 = time.perf_counter()
proc = start_provd("127.0.0.1:0")
listening = time.perf_counter() - t0
port = int(open(url_file).read().strip().rstrip("/").rsplit(":", 1)[1])
api_headers = {"Authorization": "Bearer " + token}
phone_headers = {"User-Agent": ua}
# The common file: where the phone provisions from (the public URL).
phone_path = f"/p/{phone_token}/y000000000096.cfg"

answers, statuses, first_api, first_file, recorded, derived = [], set(), None, None, None, True
writes, write_statuses = [], set()
if not log_has("Recording what the files"):
    derived = False
while True:
    status, took = post_agent(port, api_headers, len(writes))
    write_statuses.add(status)
    writes.append(took)
    for path, headers in (("/api/v1", api_headers), (phone_path, phone_headers)):
        status, took, body = get(port, path, headers)
        statuses.add(status)
        answers.append(took)
        now = time.perf_counter() - t0
        if path == "/api/v1" and first_api is None:
            first_api = now
            said = json.loads(body).get("recording_phones")
        if path != "/api/v1" and first_file is None:
            first_file = now
            first_body = body
            first_etag = get.etag
    if not derived or log_has("Recorded what the files"):
        recorded = time.perf_counter() - t0
        break
    if time.perf_counter() - t0 > 300:
        sys.exit("not recorded after 300 s")
    time.sleep(0.05)

print(f"   listening after {listening:.2f} s")
print(f"   first API answer after {first_api:.2f} s (recording_phones: {said}), a phone's first "
      f"file after {first_file:.2f} s")
if derived:
    print(f"   every phone recorded after {recorded:.2f} s (the reference: before, provd "
          f"listened only then; {recorded / max(listening, 1e-3):.0f}x later)")
print(f"   {len(answers)} answers meanwhile, slowest {max(answers) * 1000:.0f} ms, "
      f"statuses {sorted(statuses)}")
if derived:
    print(f"   {len(writes)} API writes meanwhile (a new agent each), slowest "
          f"{max(writes) * 1000:.0f} ms, statuses {sorted(write_statuses)} (the reference: as one "
          f"unit of work, a write waited for all of it, {recorded - listening:.1f} s: "
          f"{(recorded - listening) / max(max(writes), 1e-3):.0f}x longer)")
failed = []
if statuses != {200}:
    failed.append(f"statuses {sorted(statuses)}, not all 200")
if write_statuses != {201}:
    failed.append(f"API writes during the derive got {sorted(write_statuses)}, not all 201")
if b"b.example.com" not in first_body:
    failed.append("the phone's first common file does not give b.example.com")
if not derived:
    failed.append("provd recorded nothing after its settings changed")
elif not 0 < said <= phones:
    failed.append(f"GET /api/v1 said recording_phones {said} during the derive, not 1–{phones}")
# Its file as made during the derive carried the old fingerprint: asked
# with that ETag after, it must come again, not 304.
status, _, body = get(port, phone_path, dict(phone_headers, **{"If-None-Match": first_etag}))
print(f"   asked again with the ETag it got during the derive: {status}, ETag "
      f"{'new' if get.etag != first_etag else 'the same'}")
if status != 200 or get.etag == first_etag:
    failed.append(f"after the derive, the ETag from during it got {status} (files kept "
                  "under the old fingerprint)")
if status == 200 and b"b.example.com" not in body:
    failed.append("the phone's common file after the derive does not give b.example.com")
proc.send_signal(signal.SIGTERM)
if proc.wait(timeout=60) != 0:
    failed.append(f"provd exited with {proc.returncode}")

print("3. a start with nothing changed (same port):")
t0 = time.perf_counter()
proc = start_provd(f"127.0.0.1:{port}")
print(f"   listening after {time.perf_counter() - t0:.2f} s")
time.sleep(0.5)
if log_has("Recording what the files"):
    failed.append("a start with nothing changed recorded phones again")
else:
    print("   nothing to record")

print("4. a setting every phone reads (the NTP server) saved through the API:")
done = {}
def patch():
    t = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("PATCH", "/api/v1/settings", body=b'{"ntp_server": "ntp.b.example.com"}',
                 headers=dict(api_headers, **{"If-Match": "*", "Content-Type": "application/json"}))
    resp = conn.getresponse()
    done["body"] = json.loads(resp.read())
    done["status"], done["took"] = resp.status, time.perf_counter() - t
import threading
writer = threading.Thread(target=patch)
t0 = time.perf_counter()
writer.start()
answers, statuses, recorded = [], set(), None
while True:
    status, took, _ = get(port, phone_path, phone_headers)
    statuses.add(status)
    answers.append(took)
    if "status" in done and log_has("Recorded what the files"):
        recorded = time.perf_counter() - t0
        break
    if time.perf_counter() - t0 > 300:
        sys.exit("not recorded after 300 s")
    time.sleep(0.05)
writer.join()
print(f"   answered {done['status']} after {done['took']:.2f} s, affected_phones "
      f"{done['body'].get('affected_phones')}; every phone recorded after {recorded:.2f} s")
print(f"   a phone's fetches meanwhile: {len(answers)}, slowest {max(answers) * 1000:.0f} ms, "
      f"statuses {sorted(statuses)}")
if done["status"] != 200 or done["body"].get("affected_phones") != phones:
    failed.append(f"the settings PATCH answered {done['status']} with affected_phones "
                  f"{done['body'].get('affected_phones')}, not {phones}")
if statuses != {200}:
    failed.append(f"fetches during the settings' derive got {sorted(statuses)}")
status, _, body = get(port, f"/p/{phone_token}/{phone_mac}.cfg", phone_headers)
if status != 200 or b"ntp.b.example.com" not in body:
    failed.append("the phone's file does not name the new NTP server")
proc.send_signal(signal.SIGTERM)
proc.wait(timeout=60)
for f in failed:
    print("  !! " + f)
sys.exit(1 if failed else 0)
PY
[ "$rc" -eq 0 ] || flag "a check failed (listed above)"
exit_if_flagged
