"""Load test of ``fazhilint serve`` on this machine only: 200 uploads from 20 concurrent clients.

Starts the server on a free port of 127.0.0.1 with a fresh data folder, runs 20 clients of 10
uploads each (the sample report, .docx and .txt in turn, each client for its own unit), then checks
the ledger: every upload stored once, as versions 1..10 of its unit, with its findings. Prints
uploads per second and the latency percentiles. Bounded: 200 requests, a 120 s limit on each and
600 s on the whole run; it talks to 127.0.0.1 and nothing else.

    python benchmarks/load_serve.py [--clients 20] [--uploads 10] [--workers 2] [--database URL]

With --database (an empty PostgreSQL database on this machine), the ledger is kept there
instead of in a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
FILES = [("报告.docx", (REPO / "examples" / "sample-report.docx").read_bytes()),
         ("报告.txt", (REPO / "examples" / "sample-report.txt").read_bytes())]
EXPECTED_FINDINGS = 3  # the sample's three numbering errors, in either format
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def client(base: str, number: int, uploads: int, latencies: list, failures: list, deadline: float) -> None:
    with httpx.Client(base_url=base, timeout=120) as http:
        token = re.search(r'name="csrf" value="([^"]+)"', http.get("/").text).group(1)
        for j in range(uploads):
            if time.monotonic() > deadline:
                failures.append(f"client {number}: out of time before upload {j}")
                return
            name, data = FILES[j % len(FILES)]
            started = time.monotonic()
            try:
                r = http.post("/upload", data={"csrf": token, "unit": f"压测单位{number:02d}", "year": "2024"},
                              files=[("files", (f"{number:02d}-{j:02d}-{name}", data))])
            except httpx.HTTPError as e:
                failures.append(f"client {number} upload {j}: {type(e).__name__}")
                continue
            latencies.append(time.monotonic() - started)
            if r.status_code != 303 or not r.headers.get("location", "").startswith("/s/"):
                failures.append(f"client {number} upload {j}: HTTP {r.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=10, help="uploads per client")
    parser.add_argument("--workers", type=int, default=2, help="the server's lint processes")
    parser.add_argument("--database", help="an empty database on this machine (default: a new SQLite file)")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="fazhilint-load-"))
    port = free_port()
    base = f"http://{HOST}:{port}"
    url = args.database or f"sqlite:///{data / 'ledger.sqlite3'}"
    server = subprocess.Popen([sys.executable, "-m", "fazhilint", "serve", "--host", HOST, "--port", str(port),
                               "--database", url, "--workers", str(args.workers)], cwd=REPO)
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        latencies: list[float] = []
        failures: list[str] = []
        deadline = time.monotonic() + 600
        threads = [threading.Thread(target=client, args=(base, n, args.uploads, latencies, failures, deadline))
                   for n in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)

    total = args.clients * args.uploads
    problems = list(failures) + check_ledger(url, args.clients, args.uploads)
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    print(f"{total} uploads from {args.clients} clients, server with {args.workers} lint workers, {elapsed:.1f} s")
    print(f"throughput: {len(latencies) / elapsed:.2f} uploads/s")
    if latencies:
        print(f"latency: p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s")
    print("ledger: " + ("every upload stored once, with its findings" if not problems else f"{len(problems)} problems"))
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


def check_ledger(url: str, clients: int, uploads: int) -> list[str]:
    import sqlalchemy as sa

    problems = []
    engine = sa.create_engine(url)
    with engine.connect() as db:
        rows = db.execute(sa.text("SELECT unit, version, filename, errors + warnings + infos, "
                                  "(SELECT count(*) FROM findings f WHERE f.submission_id = s.id) FROM submissions s")).all()
    engine.dispose()
    if len(rows) != clients * uploads:
        problems.append(f"{len(rows)} submissions stored, {clients * uploads} sent")
    if len({r[2] for r in rows}) != len(rows):
        problems.append("an upload was stored twice")
    for n in range(clients):
        versions = sorted(r[1] for r in rows if r[0] == f"压测单位{n:02d}")
        if versions != list(range(1, uploads + 1)):
            problems.append(f"unit {n}: versions {versions}")
    for unit, version, name, counted, stored in rows:
        if counted != EXPECTED_FINDINGS or stored != EXPECTED_FINDINGS:
            problems.append(f"{name}: {stored} findings stored, {counted} counted, {EXPECTED_FINDINGS} expected")
    return problems


if __name__ == "__main__":
    sys.exit(main())
