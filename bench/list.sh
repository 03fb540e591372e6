#!/usr/bin/env bash
# A full API listing of a large fleet (issue 11): N phones created through
# provd's API (bench/fleet.py), then every phone listed the way the app
# does it, 500 a page, two ways in the same run:
#   offset  ?offset=K&limit=500   (each page counts the matches and skips K)
#   after   ?after=ID&limit=500   (keyset: each page starts at an id)
# Each listing runs three times; the median is judged. Every page must be
# 200 and the listing must hold every phone exactly once.
# Target: the keyset listing of 100,000 phones in under 1 s.
#
#   bench/list.sh                  100,000 phones, both ways
#   PA_LIST_PHONES=10000 bench/list.sh
#   PA_LIST_MODES=after bench/list.sh   keyset only (offset at 100,000
#                                       phones takes minutes: it is quadratic)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

phones="${PA_LIST_PHONES:-100000}"
modes="${PA_LIST_MODES:-offset after}"
for m in $modes; do
  [[ "$m" = offset || "$m" = after ]] || die "PA_LIST_MODES holds offset and/or after, not '$m'"
done
[[ "$phones" =~ ^[1-9][0-9]*$ ]] || die "PA_LIST_PHONES must be a positive number, not '$phones'"

install_missing curl python3
build_provd
make_work_dir
start_provd ''

echo "1. $phones phones through provd's API:"
create_phones "$phones" "$work/phones.txt"

echo "2. every phone listed, 500 a page (median of 3 runs):"
rc=0
python3 - "$base" "$work/data/admin-token" "$phones" $modes <<'PY' || rc=$?
import http.client, json, re, statistics, sys, time, urllib.parse

base, token_file, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
modes = sys.argv[4:]
token = open(token_file).read().strip()
u = urllib.parse.urlsplit(base)

# The listing is timed as a client reading every page sees it (request,
# status, body, where the next page starts); the pages are parsed and
# checked after the clock stops, as Python's json.loads costs more than
# provd's answer (it is printed too).
NEXT = re.compile(rb'"next_after":(null|[0-9]+)')

def listing(mode):
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    headers = {"Authorization": "Bearer " + token}
    bodies, cursor, offset = [], 0, 0
    t0 = time.perf_counter()
    while True:
        query = f"offset={offset}" if mode == "offset" else f"after={cursor}"
        conn.request("GET", f"/api/v1/phones?{query}&limit=500", headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            sys.exit(f"{mode}: page {len(bodies) + 1} answered {resp.status}")
        bodies.append(body)
        if mode == "offset":
            offset += 500
            if offset >= expected:
                break
        else:
            found = NEXT.search(body, max(0, len(body) - 200))
            if found is None:
                sys.exit(f"{mode}: page {len(bodies)} has no next_after")
            if found.group(1) == b"null":
                break
            cursor = int(found.group(1))
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    ids = []
    for body in bodies:
        ids.extend(item["id"] for item in json.loads(body)["items"])
    parse = time.perf_counter() - t1
    if len(ids) != expected or len(set(ids)) != expected:
        sys.exit(f"{mode}: listed {len(ids)} phones ({len(set(ids))} distinct), not {expected}")
    return seconds, len(bodies), parse

results = {}
for mode in modes:
    runs = [listing(mode) for _ in range(3)]
    seconds = statistics.median(r[0] for r in runs)
    results[mode] = seconds
    print(f"   {mode:6}  {seconds:7.3f} s  ({runs[0][1]} pages; runs "
          + ", ".join(f"{r[0]:.3f}" for r in runs)
          + f"; then Python's json.loads of the pages {statistics.median(r[2] for r in runs):.3f} s)")
if "offset" in results and "after" in results:
    print(f"   keyset is {results['offset'] / results['after']:.1f}x the offset listing's speed")
if "after" in results:
    verdict = "met" if results["after"] < 1.0 else "NOT met"
    print(f"   target (keyset listing under 1 s): {verdict}")
    sys.exit(0 if results["after"] < 1.0 else 3)
PY
case "$rc" in
  0) ;;
  3) exit 3 ;;   # measured, the target not met: said above
  *) die "a listing failed" ;;
esac
