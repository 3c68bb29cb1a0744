#!/usr/bin/env python3
"""Bounded soak of `hrlex serve` (issue 18): mixed hostile and normal requests at the
server's capacity while `hrlex index` reindexes the served folder, loopback only.

Started by benches/soak.sh, which builds the binary, prepares a corpus copy and an index
and starts the server; this driver then, for --minutes:
- runs --workers threads that each send one request after the other, drawn from a mix
  of normal requests (searches in seven languages, pages, documents, facets, cited-by)
  and hostile ones (NOT chains, 2,200 filters, page overflow, a 60 KB key, invalid UTF-8
  ids, over-long queries, bad and oversized bodies);
- keeps a flood of idle and slow-header sockets open (1,100: more than the server's cap);
- reindexes in a loop (incremental after touching a file; every fourth run `--full`,
  which swaps index folders);
- samples the server's RSS every 10 s.
It prints status counts, latency percentiles, RSS over time and reindex outcomes, and
exits 1 on a crash, a 500, or any 5xx other than the documented 503s (`overloaded`,
`search_timeout`, `index_unavailable`).
"""

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import threading
import time
import urllib.parse
from collections import Counter

DOCUMENTED_503_CODES = {"overloaded", "search_timeout", "index_unavailable"}


def quote(text):
    return urllib.parse.quote(text, safe="")


NORMAL = [
    ("GET", "/api/search?q=torture"),
    ("GET", "/api/search?q=" + quote('"human rights"')),
    ("GET", "/api/search?q=torture&filter=mechanism:cat&sort=date"),
    ("GET", "/api/search?q=" + quote("联合国")),
    ("GET", "/api/search?q=" + quote("الأمم المتحدة")),
    ("GET", "/api/search?q=" + quote("пытки OR права")),
    ("GET", "/api/search?q=" + quote("derechos humanos") + "&lang=es"),
    ("GET", "/api/search?q=" + quote("droits de l'homme") + "&page=2"),
    ("GET", "/api/search?q=discrimin*&facets=false"),
    ("GET", "/api/facets?q=torture"),
    ("GET", "/?q=" + quote("Carta de las Naciones Unidas")),
    ("GET", "/?q=refoulement&filter=system:un"),
    ("GET", "/"),
    ("GET", "/cited-by?key=hudoc:001-57534"),
    ("GET", "/api/cited-by?key=comm:CCPR:1153/2003"),
    ("GET", "/api/info"),
    ("GET", "/healthz"),
    ("POST", "/api/search", {"query": "torture", "filters": [{"field": "system", "value": "un"}]}),
]

HOSTILE = [
    ("GET", "/api/search?q=" + quote("NOT " * 250 + "torture")),
    ("GET", "/?q=" + quote("NOT " * 250 + "torture")),
    ("POST", "/api/search", {"query": "NOT " * 250 + "torture"}),
    ("GET", "/api/search?q=" + quote("- " * 500 + "x")),
    ("GET", "/api/search?q=" + quote("(" * 300 + "x" + ")" * 300)),
    ("GET", "/api/search?q=torture" + "".join(f"&filter=state:s{n}" for n in range(2200))),
    ("GET", "/?q=torture" + "".join(f"&filter=state:s{n}" for n in range(2200))),
    ("GET", "/api/search?q=torture&page=9223372036854775809"),
    ("GET", "/?q=torture&page=9223372036854775809"),
    ("GET", "/api/search?q=torture&offset=-1"),
    ("GET", "/cited-by?key=" + quote("comm:CCPR:" + "9" * 60_000)),
    ("GET", "/cited-by?key=comm:CCPR:1153/2003&offset=-1"),
    ("GET", "/api/cited-by?key=" + quote("comm:CCPR:" + "9" * 60_000)),
    ("GET", "/api/documents/%FF"),
    ("GET", "/documents/%FF%FE"),
    ("GET", "/api/documents/" + quote("../../etc/passwd")),
    ("GET", "/api/search?q=" + quote("a" * 3000)),
    ("GET", "/api/search?q=" + quote(" ".join(f"w{n}" for n in range(500)))),
    ("GET", "/api/search?q=*rture"),
    ("GET", "/api/search?q=torture~9"),
    ("POST", "/api/search", b"{not json"),
    ("POST", "/api/search", b'{"query": "' + b"x" * 40_000 + b'"}'),
    ("GET", "/api/nowhere"),
    ("DELETE", "/api/search"),
]


def send(address, request, timeout):
    """One request on a fresh connection; returns (status, error code or None, seconds)."""
    method, path = request[0], request[1]
    body, headers = None, {}
    if len(request) > 2:
        body = request[2] if isinstance(request[2], bytes) else json.dumps(request[2]).encode()
        headers["Content-Type"] = "application/json"
    started = time.monotonic()
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return ("error:" + type(error).__name__, None, time.monotonic() - started)
    finally:
        connection.close()
    code = None
    if status >= 400 and data[:1] == b"{":
        try:
            code = json.loads(data)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            code = "unparsable"
    return (status, code, time.monotonic() - started)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.latencies = {"normal": [], "hostile": [], "healthz": []}
        self.bad = []

    def record(self, kind, request, outcome):
        status, code, seconds = outcome
        with self.lock:
            self.statuses[(kind, status, code)] += 1
            self.latencies[kind].append(seconds)
            if request[1] == "/healthz":
                self.latencies["healthz"].append(seconds)
            undocumented = (
                isinstance(status, str)
                or (status >= 500 and not (status == 503 and (code in DOCUMENTED_503_CODES or code is None)))
                or (kind == "normal" and status >= 400 and status != 503)
            )
            if undocumented and len(self.bad) < 20:
                self.bad.append((kind, request[0], request[1][:100], status, code))


def worker(address, stop, tally, hostile_share, timeout, seed):
    chooser = random.Random(seed)
    while not stop.is_set():
        kind = "hostile" if chooser.random() < hostile_share else "normal"
        request = chooser.choice(HOSTILE if kind == "hostile" else NORMAL)
        tally.record(kind, request, send(address, request, timeout))


def socket_flood(address, stop, count, stats):
    """Keeps about `count` idle and slow-header sockets open, reopening closed ones."""
    sockets = []
    while not stop.is_set():
        alive = []
        for sock in sockets:
            try:
                sock.setblocking(False)
                if sock.recv(1) == b"":
                    stats["closed_by_server"] += 1
                    sock.close()
                    continue
            except BlockingIOError:
                pass
            except OSError:
                stats["closed_by_server"] += 1
                sock.close()
                continue
            alive.append(sock)
        sockets = alive
        while len(sockets) < count and not stop.is_set():
            try:
                sock = socket.create_connection(address, timeout=2)
                if len(sockets) % 2:
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                sockets.append(sock)
                stats["opened"] += 1
            except OSError:
                stats["connect_failed"] += 1
                break
        stats["open_now"] = len(sockets)
        stop.wait(0.5)
    for sock in sockets:
        sock.close()


def reindex_loop(binary, corpus, index, stop, results):
    run = 0
    touched = os.path.join(corpus, "soak-touch.txt")
    while not stop.is_set():
        run += 1
        with open(touched, "w", encoding="utf-8") as out:
            out.write(f"Soak run {run}: the Committee recalls the prohibition of torture. Прогон {run}.\n")
        command = [binary, "index", "--corpus", corpus, "--index", index]
        if run % 4 == 0:
            command.append("--full")
        started = time.monotonic()
        finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        results.append(("full" if run % 4 == 0 else "incremental", finished.returncode, time.monotonic() - started,
                        finished.stderr.decode(errors="replace")[-300:]))
        stop.wait(2)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default="127.0.0.1:18090")
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--index", required=True)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--hostile-share", type=float, default=0.3)
    parser.add_argument("--flood-sockets", type=int, default=1100,
                        help="idle and slow-header sockets kept open (more than the server's cap of 1,024)")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    host, port = args.addr.rsplit(":", 1)
    address = (host, int(port))
    assert host in ("127.0.0.1", "localhost", "::1"), "the soak runs on loopback only"

    stop = threading.Event()
    tally = Tally()
    flood_stats = Counter()
    reindex_results = []
    threads = [threading.Thread(target=worker, args=(address, stop, tally, args.hostile_share, args.timeout, n))
               for n in range(args.workers)]
    threads.append(threading.Thread(target=socket_flood, args=(address, stop, args.flood_sockets, flood_stats)))
    threads.append(threading.Thread(target=reindex_loop,
                                    args=(args.binary, args.corpus, args.index, stop, reindex_results)))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    rss_samples = []
    crashed = False
    deadline = started + args.minutes * 60
    while time.monotonic() < deadline:
        sample = rss_kib(args.pid)
        if sample is None:
            crashed = True
            break
        rss_samples.append((time.monotonic() - started, sample))
        time.sleep(min(10, max(0.1, deadline - time.monotonic())))
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    final_rss = rss_kib(args.pid)
    crashed = crashed or final_rss is None

    total = sum(tally.statuses.values())
    print(f"duration {elapsed:.0f} s, {args.workers} workers, hostile share {args.hostile_share}, "
          f"{total} requests ({total / elapsed:.1f}/s)")
    print(f"server crashed: {'YES' if crashed else 'no'}")
    print("\n| kind | status | code | count |\n|---|---:|---|---:|")
    for (kind, status, code), count in sorted(tally.statuses.items(), key=lambda item: (item[0][0], str(item[0][1]), str(item[0][2]))):
        print(f"| {kind} | {status} | {code or ''} | {count} |")
    print("\n| kind | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|")
    for kind, values in tally.latencies.items():
        print(f"| {kind} | {percentile(values, 0.5) * 1000:.1f} | {percentile(values, 0.99) * 1000:.1f} | "
              f"{max(values, default=float('nan')) * 1000:.1f} |")
    print("\nRSS (MiB) every ~10 s: " + " ".join(f"{kib / 1024:.0f}" for _, kib in rss_samples))
    if rss_samples:
        values = [kib for _, kib in rss_samples]
        print(f"RSS first {values[0] / 1024:.0f} MiB, max {max(values) / 1024:.0f} MiB, last {values[-1] / 1024:.0f} MiB")
    print(f"socket flood: {dict(flood_stats)}")
    outcomes = Counter((kind, code) for kind, code, _, _ in reindex_results)
    print(f"reindex runs: {len(reindex_results)} {dict(outcomes)}; "
          f"longest {max((s for _, _, s, _ in reindex_results), default=0):.1f} s")
    for kind, code, _, stderr in reindex_results:
        if code not in (0, 1, 3):
            print(f"  reindex {kind} exited {code}: {stderr.strip()}")
    if tally.bad:
        print("undocumented answers (first 20):")
        for entry in tally.bad:
            print(f"  {entry}")
    return 1 if crashed or tally.bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
