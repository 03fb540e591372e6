#!/usr/bin/env python3
"""Bulk jobs for bench/jobs.sh: apply_profile over every phone, again and
again, while wrk makes the phones fetch.

    bench/jobs.py --url URL --token-file FILE --seconds S --profiles A,B

Lists every phone's id (keyset pages of 500), then until S seconds have
passed: POSTs an apply_profile job over all of them (profile A, then B, in
turn, so each job changes every phone's files), checks the answer is 202
with a Location, and reads the job every 20 ms until it ends; a job that
does not succeed fails the run. Prints one line per job and a summary:
jobs, phones per job, seconds each (from the POST to reading it
succeeded), and the share of the S seconds a job was running.

Exits 1 with the reason on the first failure, 2 on bad usage.
Python 3 standard library only.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token-file", required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--profiles", required=True)
    args = parser.parse_args()

    url = urllib.parse.urlparse(args.url)
    token = open(args.token_file).read().strip()
    profiles = [int(p) for p in args.profiles.split(",")]
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def call(method, path, body=None):
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers=headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheader("Location"), json.loads(data) if data else None

    ids, after = [], 0
    while True:
        status, _, page = call("GET", "/api/v1/phones?limit=500&after=%d" % after)
        if status != 200:
            sys.exit("listing the phones: %d" % status)
        ids += [item["id"] for item in page["items"]]
        if page["next_after"] is None:
            break
        after = page["next_after"]

    began = time.monotonic()
    durations, running = [], 0.0
    n = 0
    while time.monotonic() - began < args.seconds:
        profile = profiles[n % len(profiles)]
        n += 1
        start = time.monotonic()
        status, location, job = call("POST", "/api/v1/jobs",
                                     {"action": "apply_profile", "profile_id": profile,
                                      "phone_ids": ids})
        if status != 202 or location != "/api/v1/jobs/%d" % job["id"]:
            sys.exit("POST /api/v1/jobs: %d %s" % (status, job))
        # As the app follows a job (src/app/bulk/pa-job-wait.c): its
        # counts while it runs, every phone's result once it has ended.
        while True:
            status, _, job = call("GET", location + "?summary=1")
            if status != 200:
                sys.exit("GET %s?summary=1: %d" % (location, status))
            if "phone_ids" in job or "results" in job:
                sys.exit("GET %s?summary=1 named the phones" % location)
            if job["state"] not in ("queued", "running"):
                break
            time.sleep(0.05)
        status, _, job = call("GET", location)
        if status != 200 or len(job["phone_ids"]) != len(ids):
            sys.exit("GET %s: %d" % (location, status))
        took = time.monotonic() - start
        if job["state"] != "succeeded" or job["done"] != len(ids):
            sys.exit("job %d ended %s: %s" % (job["id"], job["state"], job.get("error")))
        durations.append(took)
        running += took
        print("job %d: %d phones, profile %d, %.2f s, %d phones' files changed"
              % (job["id"], len(ids), profile, took, job["affected_phones"]))
    durations.sort()
    print("%d jobs of %d phones: median %.2f s, slowest %.2f s; a job ran %.0f %% of the %.0f s"
          % (len(durations), len(ids), durations[len(durations) // 2], durations[-1],
             100 * running / max(time.monotonic() - began, 0.001), time.monotonic() - began))


if __name__ == "__main__":
    main()
