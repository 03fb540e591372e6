#!/usr/bin/env python3
"""A fleet of phones for bench/fleet.sh: created through provd's API, then
fetched once each the way the phones would.

    bench/fleet.py create --url URL --token-file FILE --count N --out LIST
    bench/fleet.py fetch  --url URL --list LIST --www DIR [--sizes-out FILE]

create: one layout of 27 BLF keys (a receptionist's T54W, as in
bench/lib.sh), then N Yealink T54W phones with distinct MACs, that layout
and a SIP server, POSTed to /api/v1/phones on --connections keep-alive
connections in parallel. Every answer must be 201 with the phone's token.
Writes LIST, one phone a line: "<token> <mac, 12 hex digits>". Prints the
time taken, the rate and the API's latencies (p50, p99, slowest).

fetch: GET /p/<token>/<mac>.cfg for every phone in LIST with the phone's
User-Agent, on --connections keep-alive connections; every answer must be
200 with a body. Writes each body to DIR/p/<token>/<mac>.cfg (world-readable,
for nginx's workers) and prints the sizes seen; --sizes-out FILE gets them as
"<smallest> <largest> <most common>".

Exits 1 with the reason on the first failure (a refused call, a status other
than the expected one, a dropped connection), 2 on bad usage.
Python 3 standard library only.
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

MAC_PREFIX = 0x805EC0000000  # a Yealink OUI


def mac_of(i):
    return "%012x" % (MAC_PREFIX + i + 1)


def user_agent(mac):
    colons = ":".join(mac[i:i + 2] for i in range(0, 12, 2))
    return "Yealink SIP-T54W 96.86.0.100 " + colons


class Failed(Exception):
    pass


def connect(url):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def call(conn, method, path, body=None, headers=None):
    """One request on a kept-alive connection: (status, body bytes, seconds)."""
    t0 = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data, time.perf_counter() - t0


def run_parallel(n_items, connections, url, work):
    """work(conn, i) for i in range(n_items), spread over threads each with its
    own connection; stops everything at the first failure and raises it."""
    lock = threading.Lock()
    next_i = [0]
    errors = []

    def worker():
        conn = connect(url)
        try:
            while not errors:
                with lock:
                    i = next_i[0]
                    next_i[0] += 1
                if i >= n_items:
                    return
                try:
                    work(conn, i)
                except (OSError, http.client.HTTPException) as e:
                    raise Failed("item %d: %s: %s" % (i, type(e).__name__, e)) from e
        except Failed as e:
            errors.append(str(e))
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise Failed(errors[0])


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def create(args):
    token = open(args.token_file).read().strip()
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    base = urllib.parse.urlsplit(args.url).path.rstrip("/")

    keys = [{"index": i, "type": "blf", "value": str(200 + i), "label": "Agent %d" % i, "line": 1}
            for i in range(1, 28)]
    conn = connect(args.url)
    status, data, _ = call(conn, "POST", base + "/api/v1/layouts",
                           json.dumps({"name": "Reception", "model": "yealink-t54w", "keys": keys}),
                           headers)
    conn.close()
    if status != 201:
        raise Failed("creating the layout: %d %s" % (status, data[:200]))
    layout_id = json.loads(data)["id"]

    tokens = [None] * args.count
    latency = [0.0] * args.count

    def work(conn, i):
        mac = mac_of(i)
        body = json.dumps({"name": "Phone %d" % (i + 1), "mac": mac, "vendor": "yealink",
                           "model": "yealink-t54w", "sip_server": "pbx.example.com",
                           "layout_id": layout_id})
        status, data, secs = call(conn, "POST", base + "/api/v1/phones", body, headers)
        if status != 201:
            raise Failed("creating phone %s: %d %s" % (mac, status, data[:200]))
        tokens[i] = json.loads(data)["token"]
        latency[i] = secs

    t0 = time.perf_counter()
    run_parallel(args.count, args.connections, args.url, work)
    wall = time.perf_counter() - t0

    with open(args.out, "w") as f:
        for i, t in enumerate(tokens):
            f.write("%s %s\n" % (t, mac_of(i)))
    lat = sorted(latency)
    slowest = max(range(args.count), key=latency.__getitem__)
    print("created %d phones in %.1f s (%.0f phones/s, %d connections); API latency"
          " p50 %.1f ms, p99 %.1f ms, slowest %.1f ms (phone %d)"
          % (args.count, wall, args.count / wall, args.connections,
             percentile(lat, 50) * 1000, percentile(lat, 99) * 1000, lat[-1] * 1000,
             slowest + 1))
    # The rate over the first and the last tenth: a store that slows as it
    # grows shows here.
    tenth = max(1, args.count // 10)
    print("API latency, mean: first %d phones %.1f ms, last %d phones %.1f ms"
          % (tenth, sum(latency[:tenth]) / tenth * 1000,
             tenth, sum(latency[-tenth:]) / tenth * 1000))


def fetch(args):
    phones = [line.split() for line in open(args.list) if line.strip()]
    base = urllib.parse.urlsplit(args.url).path.rstrip("/")
    sizes = {}
    lock = threading.Lock()
    os.makedirs(os.path.join(args.www, "p"), exist_ok=True)
    os.chmod(os.path.join(args.www, "p"), 0o755)

    def work(conn, i):
        token, mac = phones[i]
        path = "/p/%s/%s.cfg" % (token, mac)
        status, data, _ = call(conn, "GET", base + path, headers={"User-Agent": user_agent(mac)})
        if status != 200 or not data:
            raise Failed("GET %s: %d, %d bytes (not 200 with a body)" % (path, status, len(data)))
        folder = os.path.join(args.www, "p", token)
        os.mkdir(folder)
        os.chmod(folder, 0o755)
        name = os.path.join(folder, mac + ".cfg")
        with open(name, "wb") as f:
            f.write(data)
        os.chmod(name, 0o644)
        with lock:
            sizes[len(data)] = sizes.get(len(data), 0) + 1

    t0 = time.perf_counter()
    run_parallel(len(phones), args.connections, args.url, work)
    wall = time.perf_counter() - t0
    common = max(sizes, key=sizes.get)
    print("fetched %d files in %.1f s, all 200; sizes %d-%d bytes, %d of them %d bytes"
          % (len(phones), wall, min(sizes), max(sizes), sizes[common], common))
    if args.sizes_out:
        with open(args.sizes_out, "w") as f:
            f.write("%d %d %d\n" % (min(sizes), max(sizes), common))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create")
    c.add_argument("--url", required=True)
    c.add_argument("--token-file", required=True)
    c.add_argument("--count", type=int, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--connections", type=int, default=4)
    f = sub.add_parser("fetch")
    f.add_argument("--url", required=True)
    f.add_argument("--list", required=True)
    f.add_argument("--www", required=True)
    f.add_argument("--sizes-out")
    f.add_argument("--connections", type=int, default=4)
    args = p.parse_args()
    try:
        (create if args.command == "create" else fetch)(args)
    except Failed as e:
        print("fleet.py %s: %s" % (args.command, e), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
