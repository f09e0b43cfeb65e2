"""diary serve: the phone page, served by this computer from the same diary file.

Parse, then either list or sign out paired browsers (one domain call each), or start the
web server (Starlette under uvicorn, imported only here) and print the pairing link and
its QR code. Ctrl-C stops it.
"""

from __future__ import annotations

import io
import socket
import sys
import threading
from typing import Any

import click

from diary import devices
from diary.cli import db_option, diary_timezone, interactive, location, now_utc, opened_diary

DEFAULT_PORT = 8750

SERVE_HELP = f"""Serve the diary to your phone's browser: a private page on this computer,
from the same diary file (nothing goes to a cloud). Log a spasm in two taps, mark quiet
days, drinks and food, adjustments; see today; make the month's PDF.

It prints a pairing link and its QR code: open it on the phone (once, within 10 minutes)
to sign that browser in. Press Enter for a new link; Ctrl-C stops the server.

\b
Examples:
  diary serve                        (this computer only: http://127.0.0.1:{DEFAULT_PORT})
  diary serve --lan                  (your phone, on the same Wi-Fi)
  diary serve --lan --certfile cert.pem --keyfile key.pem   (HTTPS)
  diary serve --devices              (the paired browsers)
  diary serve --revoke "Android phone"
"""


@click.command(help=SERVE_HELP)
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="The port to listen on.")
@click.option("--host", metavar="ADDRESS", help="The address to listen on (default 127.0.0.1; with --lan, all).")
@click.option("--lan", is_flag=True, help="Listen on the local network, so a phone on the same Wi-Fi can connect.")
@click.option("--certfile", type=click.Path(exists=True, dir_okay=False), help="TLS certificate (PEM): serve HTTPS.")
@click.option("--keyfile", type=click.Path(exists=True, dir_okay=False), help="Its private key (PEM).")
@click.option("--devices", "show_devices", is_flag=True, help="List the paired browsers and stop.")
@click.option("--revoke", metavar="NAME", help="Sign out the paired browser called NAME and stop.")
@db_option
def serve(port: int, host: str | None, lan: bool, certfile: str | None, keyfile: str | None, show_devices: bool,
          revoke: str | None) -> None:
    if show_devices and revoke:
        raise click.UsageError("give either --devices or --revoke NAME, not both")
    if show_devices:
        _list_devices()
        return
    if revoke is not None:
        _revoke(revoke)
        return
    if bool(certfile) != bool(keyfile):
        raise click.UsageError("--certfile and --keyfile go together: give both for HTTPS")
    _serve(port=port, host=host or ("0.0.0.0" if lan else "127.0.0.1"), lan=lan, certfile=certfile,
           keyfile=keyfile)


def _list_devices() -> None:
    from diary.web.display import when_words

    now = now_utc()
    tz = diary_timezone()
    with opened_diary(write=False, create=False) as store:
        found = devices.list_devices(store)
    if not found:
        click.echo("No browser is paired yet: start diary serve and open its pairing link on your phone.")
        return
    width = max(len(d.name) for d in found)
    for d in found:
        seen = f"last seen {when_words(d.last_seen_at, tz, now)}" if d.last_seen_at else "never used"
        state = f"signed out {when_words(d.revoked_at, tz, now)}" if d.revoked_at else seen
        click.echo(f"{d.name:<{width}}  paired {when_words(d.created_at, tz, now)}, {state}")


def _revoke(name: str) -> None:
    now = now_utc()
    with opened_diary(create=False) as store:
        device, was_in = devices.revoke_device(store, now, name)
    if was_in:
        click.echo(f"Signed out {device.name!r}: it needs a new pairing link to open the diary again.")
    else:
        click.echo(f"{device.name!r} was already signed out; nothing changed.")


def lan_address() -> str | None:
    """This computer's address on the local network (the one its default route uses), or
    None without a network. Connecting a UDP socket sends nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, only used to pick a route
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def served_names(host: str, shown: str) -> tuple[str, ...]:
    """The names a browser may use for this server (its Host header): loopback always; the
    address it listens on; on every interface (--lan), the LAN address and this computer's
    names. Any other name is refused, so a web page cannot reach the diary through a DNS
    name of its own that points here (DNS rebinding)."""
    from diary.web.security import LOOPBACK_HOSTS

    names = list(LOOPBACK_HOSTS)
    for name in (host, shown):
        if name not in ("0.0.0.0", "::"):
            names.append(f"[{name}]" if ":" in name else name)
    if host in ("0.0.0.0", "::"):
        computer = socket.gethostname()
        names += [computer, f"{computer}.local", socket.getfqdn()]
    return tuple(dict.fromkeys(name.lower() for name in names if name))


def qr_text(link: str, *, colour: bool) -> str:
    """The link as a QR code in text: two rows of modules per line, dark modules as ink.
    With `colour`, black on white whatever the terminal's own colours (phones read a QR
    code the right way round best)."""
    import segno

    qr = segno.make(link, error="l")
    rows = [list(r) for r in qr.matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    blocks = {(1, 1): "\u2588", (1, 0): "\u2580", (0, 1): "\u2584", (0, 0): " "}
    out = io.StringIO()
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        line = "".join(blocks[(int(a), int(b))] for a, b in zip(top, bottom, strict=True))
        out.write(f"\033[30;107m{line}\033[0m\n" if colour else line + "\n")
    return out.getvalue()


def _announce_link(base: str, pairing: Any) -> None:
    link = f"{base}/pair/{pairing.issue()}"
    click.echo("Pair a browser: open this link on it, or scan the code (works once, for 10 minutes):")
    click.echo(f"  {link}")
    click.echo(qr_text(link, colour=sys.stdout.isatty()), nl=False)


def _serve(*, port: int, host: str, lan: bool, certfile: str | None, keyfile: str | None) -> None:
    import asyncio

    import uvicorn

    from diary.web.app import WebConfig, create_app
    from diary.web.security import PairingBook

    where = location()
    with opened_diary():
        pass  # make the diary (or bring it up to date) now, not on the first tap
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)  # connections made while the server starts wait instead of being refused
    except OSError as exc:
        reason = "is in use (is diary serve already running?)" if exc.errno in (98, 48, 10048) else f"failed: {exc}"
        raise click.ClickException(f"listening on {host}:{port} {reason}; choose another with --port") from None
    scheme = "https" if certfile else "http"
    shown = host
    if host in ("0.0.0.0", "::"):
        shown = lan_address() or "127.0.0.1"
    pairing = PairingBook()
    web_config = WebConfig(where, now_utc, secure=bool(certfile), pairing=pairing, hosts=served_names(host, shown))
    config = uvicorn.Config(create_app(web_config),
                            log_level="warning", access_log=False, ssl_certfile=certfile, ssl_keyfile=keyfile,
                            server_header=False, date_header=False)
    try:
        config.load()
    except (OSError, ValueError) as exc:
        sock.close()
        raise click.ClickException(f"cannot use --certfile/--keyfile: {exc}") from None
    base = f"{scheme}://{shown}:{port}"
    click.echo(f"Serving the diary {where}")
    click.echo(f"Address: {base}")
    if not lan and host in ("127.0.0.1", "localhost", "::1"):
        click.echo("Only this computer can open it; diary serve --lan lets your phone on the same Wi-Fi in.")
    elif lan and shown == "127.0.0.1":
        click.echo("No local network found (is Wi-Fi on?): only this computer can open it for now.")
    if host not in ("127.0.0.1", "localhost", "::1") and not certfile:
        click.echo("Warning: anyone on this network can read what the phone and this computer send each other, "
                   "health data included, unless you give --certfile and --keyfile (HTTPS).")
    try:
        _announce_link(base, pairing)
        if interactive():
            click.echo("Press Enter for a new pairing link; Ctrl-C stops the server.")
            threading.Thread(target=_links_on_enter, args=(base, pairing), daemon=True).start()
        else:
            click.echo("Ctrl-C stops the server.")
        uvicorn.Server(config).run(sockets=[sock])
    except (KeyboardInterrupt, asyncio.CancelledError):
        # uvicorn shut down cleanly first and then passed the Ctrl-C on; or the Ctrl-C came during
        # start-up, before uvicorn's own handler, and asyncio cancelled the server's task instead
        pass
    finally:
        sock.close()
    click.echo("Stopped diary serve.")


def _links_on_enter(base: str, pairing: Any) -> None:
    for _line in sys.stdin:
        _announce_link(base, pairing)
