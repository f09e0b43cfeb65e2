"""diary serve as a patient starts it: the address, the pairing link and its QR code, the
LAN warning, HTTPS, Ctrl-C; listing and signing out paired browsers."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import shutil
import signal
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from diary import devices
from diary.cli.serve import lan_address, qr_text
from diary.storage import open_diary
from tests.helpers import Diary
from tests.helpers.web import free_socket

NOW = "2026-11-25T10:00:00+01:00"
T0 = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)


def _pair(location: str, name: str, at: dt.datetime) -> str:
    secret = devices.new_secret()
    with open_diary(location) as store:
        devices.pair_device(store, at, name, secret)
    return secret


def test_devices_when_none_is_paired(run: Diary) -> None:
    """--devices on a diary without paired browsers says how to pair one, and makes no file."""
    result = run("serve", "--devices", now=NOW)
    assert (result.exit_code, result.output) == (
        0, "No browser is paired yet: start diary serve and open its pairing link on your phone.\n")


def test_devices_lists_paired_and_signed_out_browsers(run: Diary) -> None:
    """Each browser with when it was paired and last seen, or when it was signed out."""
    _pair(run.location, "Android phone", T0)
    _pair(run.location, "Firefox on Linux", T0 + dt.timedelta(days=4, hours=1))
    assert run("serve", "--revoke", "firefox on linux", now=NOW).exit_code == 0
    result = run("serve", "--devices", now=NOW)
    assert result.output == (
        "Android phone     paired Fri 20 Nov 09:00, last seen Fri 20 Nov 09:00\n"
        "Firefox on Linux  paired yesterday 10:00, signed out today 10:00\n")


def test_revoke_twice_and_an_unknown_name(run: Diary) -> None:
    """A second --revoke changes nothing; an unknown name is one line naming the paired ones (exit 1)."""
    _pair(run.location, "phone", T0)
    assert run("serve", "--revoke", "phone", now=NOW).output == (
        "Signed out 'phone': it needs a new pairing link to open the diary again.\n")
    assert run("serve", "--revoke", "phone", now=NOW).output == "'phone' was already signed out; nothing changed.\n"
    _pair(run.location, "tablet", T0)
    result = run("serve", "--revoke", "laptop", now=NOW)
    assert (result.exit_code, result.stderr) == (
        1, "Error: no paired browser is called 'laptop' (paired now: 'tablet'; see diary serve --devices)\n")
    assert run.rows("SELECT name, revoked_at IS NOT NULL FROM device ORDER BY id") == [("phone", 1), ("tablet", 0)]


@pytest.mark.parametrize(("args", "error"), [
    (["--certfile", "README.md"], "Error: --certfile and --keyfile go together: give both for HTTPS "
                                  "(see 'diary serve --help')\n"),
    (["--devices", "--revoke", "x"], "Error: give either --devices or --revoke NAME, not both "
                                     "(see 'diary serve --help')\n"),
    (["--port", "0"], "Error: Invalid value for '--port': 0 is not in the range 1<=x<=65535. "
                      "(see 'diary serve --help')\n"),
])
def test_bad_options_are_one_line(run_sqlite: Diary, args: list[str], error: str) -> None:
    """Options that cannot work together are refused in one line (exit 2), before anything starts."""
    os.chdir(Path(__file__).resolve().parents[1])
    result = run_sqlite("serve", *args)
    assert (result.exit_code, result.stderr) == (2, error)


def test_the_qr_code_is_the_links_own_matrix() -> None:
    """Each text line holds two rows of the code segno makes for the link, dark modules as ink."""
    import segno

    link = "http://192.168.1.20:8750/pair/AbCdEfGhIjKlMnOpQrStUv"
    matrix = [list(map(int, r)) for r in segno.make(link, error="l").matrix_iter(scale=1, border=2)]
    lines = qr_text(link, colour=False).splitlines()
    decoded = []
    for line in lines:
        decoded.append([1 if c in "\u2588\u2580" else 0 for c in line])
        decoded.append([1 if c in "\u2588\u2584" else 0 for c in line])
    assert decoded[: len(matrix)] == matrix
    assert qr_text(link, colour=True).splitlines()[0].startswith("\033[30;107m")


def test_the_lan_address_is_not_loopback() -> None:
    """The address printed for --lan is a real interface's (or none without a network)."""
    address = lan_address()
    assert address is None or not address.startswith("127.")


# --- the real server, as started from a terminal ---------------------------------------------


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[object]:
    """Start `diary serve ARGS` in its own process; stop it with Ctrl-C (SIGINT) afterwards."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
        env = {**os.environ, "DIARY_DB": str(tmp_path / "diary.db"), "PYTHONUNBUFFERED": "1"}
        env.pop("DIARY_INTERACTIVE", None)
        proc = subprocess.Popen([sys.executable, "-m", "diary", "serve", *args], env=env, text=True,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        started.append(proc)
        lines: list[str] = []
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Ctrl-C stops"):
                break
        return proc, lines

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _port() -> int:
    sock = free_socket()
    port = int(sock.getsockname()[1])
    sock.close()
    return port


def _stop(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, out, err


def test_serve_prints_the_address_a_pairing_link_and_its_qr_code_and_stops_on_ctrl_c(serve, tmp_path: Path) -> None:
    """On loopback: the address, that only this computer can open it, a working one-time link, its QR code;
    Ctrl-C stops it cleanly with one line."""
    port = _port()
    proc, lines = serve("--port", str(port))
    assert lines[0] == f"Serving the diary {tmp_path / 'diary.db'}"
    assert f"Address: http://127.0.0.1:{port}" in lines
    assert "Only this computer can open it; diary serve --lan lets your phone on the same Wi-Fi in." in lines
    link = next(line.strip() for line in lines if "/pair/" in line)
    assert link.startswith(f"http://127.0.0.1:{port}/pair/") and len(link.rsplit("/", 1)[1]) == 22
    qr = [line for line in lines if set(line) <= set("\u2588\u2580\u2584 ") and line.strip()]
    assert len(qr) >= 15
    assert not any("Warning" in line for line in lines)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/")
    assert conn.getresponse().status == 401
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", link.split(str(port), 1)[1])
    page = conn.getresponse()
    assert page.status == 200 and b"Pair this browser" in page.read()
    conn.close()
    code, out, err = _stop(proc)
    assert (code, out.splitlines()[-1]) == (0, "Stopped diary serve.")
    assert "Traceback" not in err and "Interrupted" not in err


def test_lan_says_that_the_network_can_see_the_traffic(serve) -> None:
    """--lan listens on every interface, prints the LAN address, and warns in one line without HTTPS."""
    port = _port()
    proc, lines = serve("--lan", "--port", str(port))
    address = lan_address() or "127.0.0.1"
    assert f"Address: http://{address}:{port}" in lines
    assert ("Warning: anyone on this network can read what the phone and this computer send each other, health "
            "data included, unless you give --certfile and --keyfile (HTTPS).") in lines
    stopped = _stop(proc)
    assert stopped[0] == 0, stopped


@pytest.mark.parametrize("stop", ["KeyboardInterrupt", "CancelledError"])
def test_ctrl_c_during_start_up_stops_cleanly(run_sqlite: Diary, monkeypatch: pytest.MonkeyPatch, stop: str) -> None:
    """A Ctrl-C that lands before uvicorn has put in its own handler reaches asyncio, which cancels the server's
    task: CI once saw that as a CancelledError traceback and exit 1. Either way it is a clean stop."""
    import asyncio

    import uvicorn

    def interrupted(self: object, sockets: object = None) -> None:
        raise KeyboardInterrupt if stop == "KeyboardInterrupt" else asyncio.CancelledError

    monkeypatch.setattr(uvicorn.Server, "run", interrupted)
    result = run_sqlite("serve", "--port", str(_port()))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Stopped diary serve."


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a test certificate")
def test_https_with_certfile_and_keyfile(serve, tmp_path: Path) -> None:
    """With a certificate the server speaks HTTPS, gives no warning, and its cookie is Secure."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=diary",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = _port()
    proc, lines = serve("--lan", "--port", str(port), "--certfile", str(cert), "--keyfile", str(key))
    assert not any("Warning" in line for line in lines)
    link = next(line.strip() for line in lines if "/pair/" in line)
    assert link.startswith("https://")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
    token = link.rsplit("/", 1)[1]
    conn.request("POST", "/pair", body=f"token={token}&name=phone",
                 headers={"content-type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    assert response.status == 303
    assert response.getheader("set-cookie").endswith("; HttpOnly; SameSite=Strict; Secure")
    conn.close()
    assert _stop(proc)[0] == 0


def test_a_port_in_use_is_one_line(serve, tmp_path: Path) -> None:
    """A second server on the same port stops at once with one line saying so (exit 1)."""
    holder = free_socket()
    holder.listen()
    port = int(holder.getsockname()[1])
    try:
        env = {**os.environ, "DIARY_DB": str(tmp_path / "diary.db")}
        done = subprocess.run([sys.executable, "-m", "diary", "serve", "--port", str(port)], env=env, text=True,
                              capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    finally:
        holder.close()
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (f"Error: listening on 127.0.0.1:{port} is in use (is diary serve already "
                                            "running?); choose another with --port")


def test_enter_prints_a_new_pairing_link(tmp_path: Path) -> None:
    """At a terminal, each Enter prints a fresh one-time link (for a second phone, or after one expired)."""
    port = _port()
    env = {**os.environ, "DIARY_DB": str(tmp_path / "diary.db"), "PYTHONUNBUFFERED": "1", "DIARY_INTERACTIVE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "diary", "serve", "--port", str(port)], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        links = []
        for line in proc.stdout:
            if "/pair/" in line:
                links.append(line.strip())
            if line.startswith("Press Enter for a new pairing link; Ctrl-C stops the server."):
                proc.stdin.write("\n")
                proc.stdin.flush()
            if len(links) == 2:
                break
        assert links[0] != links[1] and all(link.startswith(f"http://127.0.0.1:{port}/pair/") for link in links)
    finally:
        code, _out, err = _stop(proc)
    assert code == 0 and "Traceback" not in err
