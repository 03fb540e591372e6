#!/usr/bin/env python3
"""Connection burst against an HTTP server, the way desk phones hit it.

    bench/connburst.py [options] URL

Opens --count non-blocking TCP connections at once (all connect() calls are
issued before any is waited for), sends one HTTP/1.1 GET on each as soon as
it is connected (without 'Connection: close'), reads the whole response (by
Content-Length, or to EOF) and closes the connection itself: a new
connection per fetch, like a phone. Repeats --rounds times.

Each fetch counts as OK only if the status is 200 and, with --expect-file,
the body is exactly that file's bytes. Everything else is counted by cause:
reset (ECONNRESET/EPIPE), refused, timeout (still unanswered at the round's
deadline), bad status, bad body, other error. A connect that needed a SYN
retransmission shows as a connect time of 1 s or more.

Prints one line per round and a closing line starting with 'total'; exits 0
even when fetches fail (the caller reads the figures), 2 on bad usage.
Python 3 standard library only.
"""
import argparse
import errno
import selectors
import socket
import sys
import time
import urllib.parse

RESET_ERRNOS = {errno.ECONNRESET, errno.EPIPE, errno.ECONNABORTED}


class Fetch:
    __slots__ = ("sock", "t0", "t_conn", "t_done", "state", "out", "buf",
                 "status", "length", "header_end", "result")

    def __init__(self, sock, t0):
        self.sock = sock
        self.t0 = t0
        self.t_conn = None
        self.t_done = None
        self.state = "connect"
        self.out = b""
        self.buf = bytearray()
        self.status = None
        self.length = None
        self.header_end = None
        self.result = None


def classify_errno(err):
    if err in RESET_ERRNOS:
        return "reset"
    if err == errno.ECONNREFUSED:
        return "refused"
    if err == errno.ETIMEDOUT:
        return "timeout"
    return "error"


def parse_head(f):
    """Parses the status line and headers once they are all in f.buf."""
    end = f.buf.find(b"\r\n\r\n")
    if end < 0:
        return False
    head = bytes(f.buf[:end]).decode("iso-8859-1").split("\r\n")
    parts = head[0].split(" ", 2)
    try:
        f.status = int(parts[1])
    except (IndexError, ValueError):
        f.status = -1
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            try:
                f.length = int(value.strip())
            except ValueError:
                pass
    f.header_end = end + 4
    return True


def finish(f, expect, now):
    f.t_done = now
    if f.status != 200:
        f.result = "status"
    elif expect is not None and bytes(f.buf[f.header_end:]) != expect:
        f.result = "body"
    else:
        f.result = "ok"


def one_round(addr, request, count, deadline_s, expect):
    sel = selectors.DefaultSelector()
    fetches = []
    start = time.monotonic()
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        f = Fetch(s, time.monotonic())
        fetches.append(f)
        err = s.connect_ex(addr)
        if err not in (0, errno.EINPROGRESS):
            f.result = classify_errno(err)
            f.t_done = time.monotonic()
            s.close()
            continue
        f.out = request
        sel.register(s, selectors.EVENT_WRITE, f)

    pending = sum(1 for f in fetches if f.result is None)
    deadline = start + deadline_s
    while pending:
        timeout = deadline - time.monotonic()
        if timeout <= 0:
            break
        for key, _ in sel.select(timeout):
            f = key.data
            s = f.sock
            now = time.monotonic()
            try:
                if f.state == "connect":
                    err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        raise OSError(err, "connect")
                    f.t_conn = now
                    f.state = "send"
                if f.state == "send":
                    n = s.send(f.out)
                    f.out = f.out[n:]
                    if not f.out:
                        f.state = "recv"
                        sel.modify(s, selectors.EVENT_READ, f)
                    continue
                data = s.recv(65536)
                if data:
                    f.buf += data
                    if f.header_end is None and not parse_head(f):
                        continue
                    if f.length is None or len(f.buf) - f.header_end < f.length:
                        continue
                    finish(f, expect, now)
                elif f.header_end is None:
                    f.result = "eof"      # closed before a whole response
                    f.t_done = now
                elif f.length is not None and len(f.buf) - f.header_end < f.length:
                    f.result = "body"     # short body
                    f.t_done = now
                else:
                    finish(f, expect, now)
            except BlockingIOError:
                continue              # a spurious wake-up: wait for the next event
            except OSError as e:
                f.result = classify_errno(e.errno)
                f.t_done = now
            if f.result is not None:
                sel.unregister(s)
                s.close()
                pending -= 1

    wall = time.monotonic() - start
    deadline_hit = pending > 0
    for f in fetches:
        if f.result is None:
            f.result = "timeout"
            sel.unregister(f.sock)
            f.sock.close()
    sel.close()

    counts = {}
    for f in fetches:
        counts[f.result] = counts.get(f.result, 0) + 1
    conn_times = [f.t_conn - f.t0 for f in fetches if f.t_conn is not None]
    fetch_times = [f.t_done - f.t0 for f in fetches if f.result == "ok"]
    return {
        "counts": counts,
        "wall": wall,
        "max_connect": max(conn_times) if conn_times else float("nan"),
        "slow_connects": sum(1 for t in conn_times if t >= 1.0),
        "max_fetch": max(fetch_times) if fetch_times else float("nan"),
        "deadline_hit": deadline_hit,
    }


CAUSES = ("reset", "refused", "eof", "status", "body", "timeout", "error")


def describe(counts):
    bad = ", ".join(f"{c} {counts[c]}" for c in CAUSES if counts.get(c))
    return bad or "none"


def secs(v):
    return "  none " if v != v else f"{v:6.3f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--deadline", type=float, default=10.0,
                    help="seconds a round may take; fetches still open then count as timeout")
    ap.add_argument("--pause", type=float, default=0.2, help="seconds between rounds")
    ap.add_argument("--user-agent", default=None)
    ap.add_argument("--expect-file", default=None,
                    help="the body every 200 must carry, byte for byte")
    ap.add_argument("--label", default="")
    args = ap.parse_args()

    u = urllib.parse.urlsplit(args.url)
    if u.scheme != "http" or not u.hostname:
        ap.error("need an http:// URL")
    addr = (u.hostname, u.port or 80)
    path = u.path or "/"
    if u.query:
        path += "?" + u.query
    # An HTTP/1.1 request without 'Connection: close': the phone closes the
    # connection itself once it has the file.
    lines = [f"GET {path} HTTP/1.1", f"Host: {u.netloc}", "Accept: */*"]
    if args.user_agent:
        lines.append(f"User-Agent: {args.user_agent}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    expect = None
    if args.expect_file:
        with open(args.expect_file, "rb") as fh:
            expect = fh.read()

    label = f"{args.label}: " if args.label else ""
    total = {}
    worst_wall = worst_conn = worst_fetch = 0.0
    slow = 0
    for r in range(1, args.rounds + 1):
        res = one_round(addr, request, args.count, args.deadline, expect)
        for k, v in res["counts"].items():
            total[k] = total.get(k, 0) + v
        ok = res["counts"].get("ok", 0)
        print(f"  {label}round {r}: {ok:3d}/{args.count} OK, failed: {describe(res['counts'])}; "
              f"wall {res['wall']:6.3f} s{' (deadline)' if res['deadline_hit'] else ''}, max connect {secs(res['max_connect'])} "
              f"({res['slow_connects']} >= 1 s), slowest OK fetch {secs(res['max_fetch'])}",
              flush=True)
        worst_wall = max(worst_wall, res["wall"])
        if res["max_connect"] == res["max_connect"]:
            worst_conn = max(worst_conn, res["max_connect"])
        if res["max_fetch"] == res["max_fetch"]:
            worst_fetch = max(worst_fetch, res["max_fetch"])
        slow += res["slow_connects"]
        if r < args.rounds:
            time.sleep(args.pause)

    n = args.count * args.rounds
    ok = total.get("ok", 0)
    print(f"total {ok}/{n} OK, failed: {describe(total)}; worst wall {worst_wall:.3f} s, "
          f"worst connect {worst_conn:.3f} s ({slow} connects >= 1 s), "
          f"slowest OK fetch {worst_fetch:.3f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
