#!/usr/bin/env python3
"""The app's side of bench/app-fleet.sh: run inside its private D-Bus session
and X server, with provd already holding the phones.

    bench/app-fleet.py --app BIN --url URL --token-file FILE --phones N
                       --changes M --work DIR --provd-pid PID

Starts the app with PA_BENCH_TRACE=DIR/trace (src/app/pa-bench-trace.c),
reads the events it writes (monotonic µs, the clock of time.monotonic()),
and measures:
  1. start -> the phones page's model holds all N phones and a frame is drawn,
     and the part after the last listing page arrived;
  2. VmRSS of the app and provd once loaded;
  3. the CPU both use over 10 s with nothing changing;
  4. one search keystroke (Ctrl+F, then one character, with xdotool): from the
     filter applying (after the entry's search delay) to the next frame;
  5. main-loop stalls while loading from the window's first frame on (the
     start-up before it, main() to that frame, shown on its own), and while M phones are
     renamed through the API (4 connections) and the app follows the change
     stream; and the time from the last rename's answer to the frame after
     the app applied it.
Each figure with its target and met/NOT met. Exits 0 when all are met, 3
when one is not, 1 when the run failed (an API call refused, the app died,
an event never came).
Python 3 standard library only (with bench/fleet.py beside it).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fleet  # noqa: E402

STALL_MS = 50
flags = []


def die(msg):
    print("app-fleet.py: " + msg, file=sys.stderr)
    sys.exit(1)


def now_us():
    return time.monotonic_ns() // 1000


class Trace:
    """The app's trace file, read as it grows: [(µs, event, rest)]."""

    def __init__(self, path):
        self.path = path
        self.events = []
        self.offset = 0

    def poll(self):
        try:
            with open(self.path) as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return
        end = data.rfind("\n")
        if end < 0:
            return
        self.offset += len(data[:end + 1].encode())
        for line in data[:end].split("\n"):
            parts = line.split(" ", 2)
            self.events.append((int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ""))

    def wait(self, pred, timeout, proc, what):
        """The first event from the start for which pred(event) holds."""
        deadline = time.monotonic() + timeout
        i = 0
        while True:
            self.poll()
            while i < len(self.events):
                if pred(self.events[i]):
                    return self.events[i]
                i += 1
            if proc.poll() is not None:
                die(f"the app ended (status {proc.returncode}) before {what}")
            if time.monotonic() > deadline:
                die(f"no {what} within {timeout} s")
            time.sleep(0.02)

    def first(self, name, after=0):
        for e in self.events:
            if e[1] == name and e[0] >= after:
                return e
        return None

    def stalls(self, start, end):
        """Stalls that overlapped [start, end]: (ms, when it ended)."""
        out = []
        for t, name, rest in self.events:
            if name == "stall":
                ms = int(rest)
                if t >= start and t - ms * 1000 <= end:
                    out.append((ms, t))
        return out


def verdict(label, value, target, ok, unit=""):
    mark = "met" if ok else "NOT met"
    print(f"   {label}: {value}{unit}   (target {target}: {mark})")
    if not ok:
        flags.append(f"{label}: {value}{unit}, target {target}")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime, stime


perf_dir = ""
perf_proc = None


def perf_start(phase, pid):
    """With --perf DIR, perf record -g of the app during @phase, into DIR/PHASE.data."""
    global perf_proc
    if not perf_dir:
        return
    perf_stop()
    # CLOCK_MONOTONIC: the trace's clock, so a stall's samples can be found.
    perf_proc = subprocess.Popen(["perf", "record", "-q", "-k", "CLOCK_MONOTONIC", "--call-graph",
                                  os.environ.get("PA_APP_PERF_CALLGRAPH", "fp"),
                                  "-F", os.environ.get("PA_APP_PERF_FREQ", "999"), "-p", str(pid),
                                  "-o", os.path.join(perf_dir, phase + ".data")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def perf_stop():
    global perf_proc
    if perf_proc is not None:
        perf_proc.send_signal(signal.SIGINT)
        perf_proc.wait(timeout=60)
        perf_proc = None


def screenshot(name):
    """With PA_APP_SCREENSHOTS=DIR, the screen as DIR/NAME.png (ImageMagick's import)."""
    folder = os.environ.get("PA_APP_SCREENSHOTS")
    if folder:
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")],
                       timeout=30, check=False)


def xdotool(*args):
    r = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        die(f"xdotool {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout.strip()


def stall_line(stalls):
    if not stalls:
        return "none over 50 ms"
    longest = max(ms for ms, _ in stalls)
    return f"{len(stalls)} over 50 ms, longest {longest} ms ({', '.join(str(ms) for ms, _ in stalls[:12])}{' …' if len(stalls) > 12 else ''})"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--app", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--token-file", required=True)
    p.add_argument("--phones", type=int, required=True)
    p.add_argument("--changes", type=int, required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--provd-pid", type=int, required=True)
    p.add_argument("--perf", default="", help="perf record -g the app, a file a phase in this folder")
    args = p.parse_args()

    trace_path = os.path.join(args.work, "trace")
    env = dict(os.environ, PA_BENCH_TRACE=trace_path)
    log = open(os.path.join(args.work, "app.log"), "w")
    launch = now_us()
    app = subprocess.Popen([args.app], env=env, stdout=log, stderr=subprocess.STDOUT)
    global perf_dir
    perf_dir = args.perf
    perf_start("load", app.pid)
    trace = Trace(trace_path)
    try:
        run(args, app, trace, launch)
    finally:
        if os.environ.get("PA_APP_TRACE"):
            with open(trace_path) as src, open(os.environ["PA_APP_TRACE"], "w") as dst:
                dst.write(f"{launch} launch\n" + src.read())
        perf_stop()
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
    if flags:
        print(f"\n!! {len(flags)} target(s) not met:")
        for f in flags:
            print(f"!!   {f}")
        sys.exit(3)


def run(args, app, trace, launch):
    n = args.phones
    timeout = 120 + n // 200

    # 1. The full list shown.
    print(f"2. the app (pid {app.pid}) started against provd, {n} phones:")
    # While the lists come in: what "Connecting…" says (only with
    # PA_APP_SCREENSHOTS, which costs the app a core for a moment).
    if os.environ.get("PA_APP_SCREENSHOTS"):
        trace.wait(lambda e: e[1] == "data-arrived" and e[2].startswith("sip-accounts "),
                   timeout, app, "the SIP accounts' listing")
        time.sleep(0.3)
        screenshot("loading")
    # Each page says when its list is complete; the phones' is the one.
    complete = trace.wait(lambda e: e[1] == "list-complete" and e[2].startswith("Phones "),
                          timeout, app, "the phones' list complete")
    if complete[2] != f"Phones {n}":
        die(f"the phones page's model holds '{complete[2]}', not Phones {n}")
    done = trace.wait(lambda e: e[1] == "frame-after-complete" and e[0] >= complete[0], timeout,
                      app, "frame after the phones' list was complete")
    arrived = trace.first("data-arrived")
    phones_arrived = [e for e in trace.events if e[1] == "data-arrived" and e[2].startswith("phones ")]
    if not phones_arrived or phones_arrived[0][2] != f"phones {n}":
        die(f"the app's phone listing ended with '{phones_arrived[0][2] if phones_arrived else '?'}'")
    arrived = max(e[0] for e in trace.events if e[1] == "data-arrived" and e[0] <= done[0])
    merged = trace.first("repository-merged")
    main_ev = trace.first("main")
    ms = lambda a, b: (b - a) / 1000  # noqa: E731
    print(f"   process start → main() {ms(launch, main_ev[0]):.0f} ms → last listing page "
          f"{ms(launch, phones_arrived[0][0]):.0f} ms (all kinds {ms(launch, arrived):.0f} ms)"
          f" → merged {ms(launch, merged[0]):.0f} ms → page model full "
          f"{ms(launch, complete[0]):.0f} ms → frame {ms(launch, done[0]):.0f} ms")
    total = ms(launch, done[0])
    after = ms(arrived, done[0])
    renderer = trace.first("renderer")
    print(f"   the window drawn by {renderer[2] if renderer else '?'}"
          f" (GSK_RENDERER={os.environ.get('GSK_RENDERER', 'unset: the app chose')})")
    print(f"   app start → full list shown: {total / 1000:.2f} s")
    verdict("after the data arrived → full list shown", f"{after / 1000:.2f}", "< 1.5 s",
            after < 1500, " s")
    # What the first frames after it cost counts too: a second of them.
    time.sleep(max(0.0, (done[0] + 1_000_000 - now_us()) / 1e6))
    trace.poll()
    load_stalls = trace.stalls(launch, done[0] + 1_000_000)
    # Split three ways: before the window's first frame (GTK's start-up and
    # the window being built: nothing on screen yet), while the listing comes
    # in with the window shown, and after the phones arrived.
    first_frame = trace.first("frame", after=main_ev[0])
    shown_at = first_frame[0] if first_frame else main_ev[0]
    # A stall is placed by when it began: one that ends just after the first
    # frame is that frame being laid out and drawn, with nothing on screen yet.
    began = lambda st: st[1] - st[0] * 1000  # noqa: E731
    startup = [st for st in load_stalls if began(st) < shown_at]
    listing = [st for st in load_stalls
               if began(st) >= shown_at and st[1] <= phones_arrived[0][0]]
    late = [st for st in load_stalls
            if began(st) >= shown_at and st[1] > phones_arrived[0][0]]
    # Judged from the first frame: before it there is no window to stall,
    # and the wait is the start-up's, shown as such.
    print(f"   start-up: main() → the window's first frame {ms(main_ev[0], shown_at):.0f} ms "
          f"(in it: {stall_line(startup)})")
    verdict("main-loop stalls while loading, the window shown", stall_line(listing + late),
            "none over 50 ms", not (listing + late))
    print(f"   (while the listing came in: {stall_line(listing)}; "
          f"after the phones arrived: {stall_line(late)})")

    perf_stop()
    time.sleep(2)
    screenshot("loaded")
    # 2. Memory once loaded.
    print("3. memory once loaded (VmRSS):")
    app_rss = rss_mb(app.pid)
    verdict("app", f"{app_rss:.0f}", "< 300 MB", app_rss < 300, " MB")
    print(f"   provd: {rss_mb(args.provd_pid):.0f} MB")

    # 3. Idle CPU.
    print("4. CPU over 10 s with nothing changing:")
    hz = os.sysconf("SC_CLK_TCK")
    # Without the trace's watchdog, whose pings would be what is measured.
    app.send_signal(signal.SIGUSR1)
    trace.wait(lambda e: e[1] == "watchdog-paused", 10, app, "the watchdog pausing")
    time.sleep(0.2)
    perf_start("idle", app.pid)
    a0, p0, t0 = cpu_ticks(app.pid), cpu_ticks(args.provd_pid), time.monotonic()
    time.sleep(10)
    a1, p1, t1 = cpu_ticks(app.pid), cpu_ticks(args.provd_pid), time.monotonic()
    perf_stop()
    app.send_signal(signal.SIGUSR2)
    app_cpu = (a1 - a0) / hz / (t1 - t0) * 100
    provd_cpu = (p1 - p0) / hz / (t1 - t0) * 100
    frames = sum(1 for e in trace.events if e[1] == "frame" and t0 * 1e6 <= e[0] <= t1 * 1e6)
    verdict("app", f"{app_cpu:.1f}", "~0 %, under 1 %", app_cpu < 1,
            f" % ({frames} frames drawn)")
    verdict("provd", f"{provd_cpu:.1f}", "~0 %, under 1 %", provd_cpu < 1, " %")
    idle_stalls = trace.stalls(t0 * 1e6, t1 * 1e6)
    if idle_stalls:
        print(f"   (stalls while idle: {stall_line(idle_stalls)})")

    # 4. A search keystroke.
    print("5. one search keystroke ('7' typed into the phones' search):")
    wids = xdotool("search", "--onlyvisible", "--pid", str(app.pid)).split()
    if not wids:
        die("no visible window of the app")
    wid = wids[0]
    xdotool("windowfocus", "--sync", wid)
    xdotool("key", "--window", wid, "ctrl+f")
    time.sleep(0.5)
    perf_start("search", app.pid)
    time.sleep(0.5)
    key_at = now_us()
    xdotool("type", "--delay", "0", "7")
    start = trace.wait(lambda e: e[1] == "search-start" and e[0] >= key_at and e[2] == "7",
                       30, app, "search applying '7'")
    drawn = trace.wait(lambda e: e[1] == "search-drawn" and e[0] >= start[0], 30, app,
                       "frame after the search")
    perf_stop()
    filtered = trace.first("search-filtered", start[0])
    search_ms = ms(start[0], drawn[0])
    screenshot("search")
    print(f"   key → filter applying {ms(key_at, start[0]):.0f} ms (the entry's own delay"
          f" and the key's way there); {filtered[2]} phones match")
    verdict("filter applying → filtered list drawn", f"{search_ms:.0f}", "< 100 ms",
            search_ms < 100, " ms")
    search_stalls = trace.stalls(key_at, drawn[0])
    if search_stalls:
        print(f"   (stalls: {stall_line(search_stalls)})")
    # Back to the whole list, so the renamed phones (named to sort first)
    # are the rows on screen.
    clear_at = now_us()
    xdotool("key", "--window", wid, "Escape")
    start = trace.wait(lambda e: e[1] == "search-start" and e[0] >= clear_at and e[2] == "",
                       30, app, "the search cleared")
    trace.wait(lambda e: e[1] == "search-drawn" and e[0] >= start[0], 30, app,
               "frame after clearing the search")
    time.sleep(1)

    # 5. A burst of changes through the API.
    m = args.changes
    print(f"6. {m} phones renamed through the API (4 connections), the app following:")
    token = open(args.token_file).read().strip()
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
               "If-Match": "*"}
    base = urllib.parse.urlsplit(args.url).path.rstrip("/")
    ids, after = [], 0
    conn = fleet.connect(args.url)
    while len(ids) < m:
        status, data, _ = fleet.call(conn, "GET", f"{base}/api/v1/phones?after={after}&limit=500",
                                     None, headers)
        if status != 200:
            die(f"listing phone ids answered {status}")
        page = json.loads(data)
        ids += [item["id"] for item in page["items"]]
        if page["next_after"] is None:
            break
        after = page["next_after"]
    conn.close()
    ids = ids[:m]
    if len(ids) < m:
        die(f"only {len(ids)} phones to rename")
    applied_before = sum(int(e[2].split()[0]) for e in trace.events if e[1] == "changes-applied")
    answered = [0] * len(ids)

    # From the highest id down, so the last renames are of the first
    # phones ("Phone 1", "Phone 2"…), the top rows of the list sorted by
    # name: the last change is one the window must draw.
    def work(c, i):
        phone = ids[len(ids) - 1 - i]
        body = json.dumps({"name": "A %05d" % (len(ids) - i)})
        status, data, _ = fleet.call(c, "PATCH", f"{base}/api/v1/phones/{phone}", body, headers)
        if status != 200:
            raise fleet.Failed(f"PATCH phone {phone}: {status} {data[:200]}")
        answered[i] = now_us()

    perf_start("burst", app.pid)
    burst_start = now_us()
    try:
        fleet.run_parallel(len(ids), 4, args.url, work)
    except fleet.Failed as e:
        die(str(e))
    last_answer = max(answered)
    print(f"   {m} PATCHes answered 200 in {ms(burst_start, last_answer) / 1000:.1f} s")

    # trace.wait() shows each event once, in order.
    counted = [0]

    def all_applied(e):
        if e[1] != "changes-applied":
            return False
        counted[0] += int(e[2].split()[0])
        return counted[0] - applied_before >= m
    last = trace.wait(all_applied, 120, app, f"the app applying {m} changes")
    shown = trace.wait(lambda e: e[1] == "frame-after-changes" and e[0] >= last[0], 30, app,
                       "a frame after the last change")
    batches = [e for e in trace.events if e[1] == "changes-applied" and burst_start <= e[0] <= last[0]]
    show_ms = ms(last_answer, shown[0])
    time.sleep(0.5)
    screenshot("changed")
    print(f"   applied in {len(batches)} batches; the last change shown "
          f"{show_ms:.0f} ms after its PATCH was answered")
    perf_stop()
    time.sleep(0.5)
    trace.poll()
    burst_stalls = trace.stalls(burst_start, shown[0] + 500_000)
    verdict("main-loop stalls while following the changes", stall_line(burst_stalls),
            "none over 50 ms", not burst_stalls)


if __name__ == "__main__":
    main()
