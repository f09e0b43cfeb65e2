"""How fast `diary serve` answers a logged spasm in a ten-year diary, and how heavy the page is.

DESIGN.md section 6: logging a spasm through the server answers in under 50 ms median
(server side) on a 10-year diary; the logging page with its CSS and script under 100 KB.

The diary is report_speed.py's heavy one (20 episodes and 30 intakes a day, weekly
adjustments) over ten years, built straight into a new SQLite file. The application runs
under uvicorn in this process, on loopback, wrapped in an ASGI timer that measures each
request from its arrival to the last byte of its answer (the server side); the client
side (round trip over HTTP on loopback, keep-alive) is printed beside it. A browser is
paired through a one-time link exactly as a phone would be. No assertion: a benchmark
reports, the reader judges.

    python bench/serve_latency.py [--spasms 200] [--keep DIR] [--analyze]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from report_speed import build  # bench/ is on sys.path when a script here runs

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # Wed 25 Nov 2026, 10:00 in Berlin
Message = MutableMapping[str, Any]

# Log N spasms as the page's script does (form fields, the CSRF token, a fresh id each),
# each on a new connection; print each round trip (connect to last byte) in seconds.
CLIENT = """
import json, socket, sys, time, uuid
from urllib.parse import urlencode
port, cookie, csrf, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for i in range(n):
    body = urlencode({"csrf": csrf, "intensity": str(i % 11), "client_id": str(uuid.uuid4())}).encode()
    head = (f"POST /spasm HTTP/1.1\\r\\nHost: 127.0.0.1:{port}\\r\\nAccept: application/json\\r\\n"
            f"Cookie: {cookie}\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\n"
            f"Content-Length: {len(body)}\\r\\nConnection: close\\r\\n\\r\\n").encode()
    began = time.perf_counter()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(head + body)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    times.append(time.perf_counter() - began)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
print(json.dumps(times))
"""


class Timed:
    """ASGI middleware recording each request's server-side time (arrival to last byte) by path."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app
        self.times: dict[tuple[str, str], list[float]] = {}

    async def __call__(self, scope: Message, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()

        async def timed_send(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                key = (scope["method"], scope["path"])
                self.times.setdefault(key, []).append(time.perf_counter() - began)

        await self.app(scope, receive, timed_send)


def serve(location: str) -> tuple[Any, Timed, Any, int]:
    import uvicorn

    from diary.web.app import WebConfig, create_app

    config = WebConfig(location, lambda: NOW)
    app = Timed(create_app(config))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server, app, config, int(sock.getsockname()[1])


def request(conn: http.client.HTTPConnection, method: str, path: str, cookie: str = "", body: str | None = None,
            accept: str = "text/html") -> tuple[int, dict[str, str], bytes, float]:
    headers = {"accept": accept, "cookie": cookie}
    if body is not None:
        headers["content-type"] = "application/x-www-form-urlencoded"
    began = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data, time.perf_counter() - began


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(values) * 1000:6.1f} ms, p90 {p90 * 1000:6.1f} ms (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spasms", type=int, default=200, help="spasms to log through the server")
    parser.add_argument("--keep", type=Path, help="build the diary in this folder and keep it")
    parser.add_argument("--analyze", action="store_true",
                        help="run SQLite's ANALYZE on the copy first (statistics let the planner read time indexes)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="diary-serve-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    built = folder / "ten-years.db"
    if not built.exists():
        began = time.perf_counter()
        entries = build(built, dt.date(2016, 11, 26), dt.date(2026, 11, 24))
        print(f"Built a ten-year diary of {entries:,} entries in {time.perf_counter() - began:.0f} s: {built}")
    diary = folder / "run.db"  # each run logs into a fresh copy, so runs do not pile up spasms
    for side in (diary, Path(f"{diary}-wal"), Path(f"{diary}-shm")):
        side.unlink(missing_ok=True)
    shutil.copyfile(built, diary)
    if args.analyze:
        import sqlite3

        with sqlite3.connect(diary) as conn:
            conn.execute("ANALYZE")
    print(f"{diary.stat().st_size / 1e6:.0f} MB, {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    server, app, config, port = serve(str(diary))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    token = config.pairing.issue()
    status, headers, _, _ = request(conn, "POST", "/pair", body=urlencode({"token": token, "name": "bench phone"}))
    assert status == 303, status
    cookie = headers["set-cookie"].split(";", 1)[0]
    status, _, page, _ = request(conn, "GET", "/", cookie)
    assert status == 200, status
    csrf = page.decode().split('name="csrf-token" content="', 1)[1].split('"', 1)[0]

    for _ in range(10):  # a full day of the heavy diary: 20 spasms and 30 intakes
        request(conn, "GET", "/today?day=2026-11-24", cookie)
    today_times = app.times[("GET", "/today")]

    # The phone's side runs in its own process, as a phone would: the round trip over loopback.
    done = subprocess.run([sys.executable, "-c", CLIENT, str(port), cookie, csrf, str(args.spasms + 10)],
                          capture_output=True, text=True, check=True)
    client = json.loads(done.stdout)[10:]  # the first few warm the caches
    server_side = app.times[("POST", "/spasm")][10:]
    conn.close()  # idle meanwhile: the server has closed it
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(30):
        request(conn, "GET", "/", cookie)
    page_times = app.times[("GET", "/")][-30:]

    weights = {}
    for path in ("/", "/static/app.css", "/static/app.js", "/static/icon.svg", "/static/manifest.webmanifest"):
        status, _, data, _ = request(conn, "GET", path, cookie)
        assert status == 200, (path, status)
        weights[path] = len(data)
    conn.close()
    server.should_exit = True

    print(f"Logging a spasm (POST /spasm), server side:  {ms(server_side)}   (target: median under 50 ms)")
    print(f"Logging a spasm, round trip from another process: {ms(client)}")
    print(f"The logging page (GET /), server side:        {ms(page_times)}")
    total = sum(weights.values())
    print(f"Today for a day of 50 entries, server side:  {ms(today_times)}")
    print("The logging page and everything it loads (uncompressed):")
    for path, size in weights.items():
        print(f"  {path:<30} {size / 1024:6.1f} KB")
    print(f"  {'total':<30} {total / 1024:6.1f} KB   (target: under 100 KB; nothing from the internet)")


if __name__ == "__main__":
    main()
