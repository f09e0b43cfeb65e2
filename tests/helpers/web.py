"""Running `diary serve`'s application for tests: in process (Starlette's TestClient) or
as a real uvicorn server in a thread on a free port (for the browser tests)."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette >= 1.x prefers httpx2 and says so once
    from starlette.testclient import TestClient

from diary.web.app import WebConfig, create_app

ORIGIN = "http://127.0.0.1:8750"


# The moment the phone-page tests happen at, and how the diary stores it.
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # Wed 10:00 in Berlin
NOW_DB = "2026-11-25 09:00:00.000000"
JSON = {"accept": "application/json"}


class Clock:
    """A clock a test can set and move."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


class Ticks:
    """A monotonic clock a test moves by hand (pairing links expire on it)."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def csrf_of(html: str) -> str:
    """The CSRF token a page carries."""
    found = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def paired_client(config: WebConfig, name: str = "test phone") -> tuple[TestClient, str]:
    """A TestClient signed in through a pairing link, and its CSRF token."""
    client = TestClient(create_app(config), base_url=ORIGIN)
    token = config.pairing.issue()
    response = client.post("/pair", data={"token": token, "name": name}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client, csrf_of(client.get("/").text)


def free_socket(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class ServerThread:
    """The application under a real uvicorn server in a thread, on 127.0.0.1:`port`."""

    def __init__(self, config: WebConfig, port: int = 0) -> None:
        import uvicorn

        self.config = config
        self.sock = free_socket(port)
        self.port = int(self.sock.getsockname()[1])
        self.server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.sock.close()

    def pairing_link(self) -> str:
        return f"{self.base}/pair/{self.config.pairing.issue()}"


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    """Poll `condition` until it is truthy (a browser acts in its own time); fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Rig:
    """One diary served by the app in process: its config, clocks, what it slept and logged."""

    def __init__(self, location: str, now: dt.datetime, *, secure: bool = False) -> None:
        from diary.storage import open_diary
        from diary.web.security import PairingBook, Slowdown

        with open_diary(location):
            pass  # diary serve makes the diary before it serves
        self.location = location
        self.clock = Clock(now)
        self.ticks = Ticks()
        self.slept: list[float] = []
        self.logged: list[str] = []

        async def sleep(seconds: float) -> None:
            self.slept.append(seconds)

        self.config = WebConfig(location, self.clock, secure=secure, pairing=PairingBook(self.ticks),
                                slowdown=Slowdown(self.ticks), sleep=sleep, log=self.logged.append)

    def client(self) -> TestClient:
        """A browser that is not signed in."""
        return TestClient(create_app(self.config), base_url=ORIGIN)

    def paired(self, name: str = "test phone") -> tuple[TestClient, str]:
        """A signed-in browser and its CSRF token."""
        return paired_client(self.config, name)
