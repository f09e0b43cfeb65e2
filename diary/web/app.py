"""The Starlette application of `diary serve`: routes, signing in, CSRF, rendering.

Every route but pairing and the static files goes through `_guarded`: a request without
the cookie of a paired browser gets the sign-in page (401) and no health data; a request
that changes something must come from this server's own page (Origin) and carry the
browser's CSRF token (403 otherwise, before anything is read or written). Handlers are
plain functions run in a worker thread: they parse the form, call one domain function in
one transaction (`Visit.opened_diary()`), and render.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import mimetypes
import sys
import traceback
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from diary import devices
from diary.errors import DiaryError, DiaryFileError
from diary.storage import Store
from diary.text import escape_controls
from diary.web import security

HERE = Path(__file__).parent
MAX_BODY = 64 * 1024  # a form of the page is a few hundred bytes; a note at most 2,000 characters

mimetypes.add_type("application/manifest+json", ".webmanifest")

Handler = Callable[["Visit"], Response]


@dataclass
class WebConfig:
    """What one running server needs: the diary, the clock, and its security state."""

    location: str
    clock: Callable[[], dt.datetime]
    secure: bool = False  # served over HTTPS: the cookie gets Secure
    pairing: security.PairingBook = field(default_factory=security.PairingBook)
    slowdown: security.Slowdown = field(default_factory=security.Slowdown)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    # The names this server answers to (the Host header): a page asked for under another name
    # (DNS rebinding, a forged Host) gets 400. `diary serve` adds its LAN address and host name.
    hosts: tuple[str, ...] = security.LOOPBACK_HOSTS
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)


@contextmanager
def open_store(location: str, *, write: bool = True) -> Iterator[Store]:
    """One transaction on the diary (committed when the block ends)."""
    from diary.storage import open_diary

    with open_diary(location, write=write, create=write) as store:
        yield store


class Visit:
    """One signed-in request, as a handler sees it."""

    def __init__(self, web: Web, request: Request, device: devices.Device, secret: str, form: FormData | None) -> None:
        self.web = web
        self.request = request
        self.device = device
        self.secret = secret
        self.form: Any = form if form is not None else FormData()
        self.now = web.config.clock()
        self._tz: ZoneInfo | None = None

    @property
    def csrf(self) -> str:
        return security.csrf_token(self.secret)

    @property
    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("accept", "")

    def query(self, name: str, default: str = "") -> str:
        return self.request.query_params.get(name, default)

    @contextmanager
    def opened_diary(self, *, write: bool = True) -> Iterator[Store]:
        with open_store(self.web.config.location, write=write) as store:
            if self._tz is None:
                from diary.profile import get_profile

                self._tz = get_profile(store).zone()
            yield store

    @property
    def tz(self) -> ZoneInfo:
        if self._tz is None:
            with self.opened_diary(write=False):
                pass
        assert self._tz is not None
        return self._tz

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return self.web.render(template, status, csrf=self.csrf, device=self.device, path=self.request.url.path,
                               now=self.now, tz=self.tz, **context)

    def done(self, message: str, *, entry: int | None = None, action: str | None = None, back: str = "/",
             done: str = "") -> Response:
        """The answer to a change that worked: JSON for the page's script, else a redirect
        to a page that says it again (with Undo), so a reload never sends the form twice."""
        undo = {"entry": entry, "action": action} if entry is not None and action else None
        if self.wants_json:
            return JSONResponse({"ok": True, "message": escape_controls(message), "entry": entry, "undo": undo})
        target = back
        if entry is not None:
            target += ("&" if "?" in target else "?") + f"done={done or action or 'info'}&entry={entry}"
        return RedirectResponse(target, status_code=303)

    def refuse(self, message: str, status: int = 400, page: Callable[..., Response] | None = None,
               **context: Any) -> Response:
        """The answer to a change that was refused (nothing was written): the message,
        on the page the form came from when there is one."""
        if self.wants_json:
            return JSONResponse({"ok": False, "error": escape_controls(message)}, status_code=status)
        if page is not None:
            response = page(self, error=message, **context)
            response.status_code = status
            return response
        return self.render("message.html", status, title="Not saved", message=message, back="/")


class Web:
    """The templates and configuration shared by every request."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        from diary.web import display

        # Every value a template shows has its control characters written out as the
        # terminal shows them (display.shown); form fields keep them (display.Verbatim).
        self.templates = Environment(loader=FileSystemLoader(HERE / "templates"), finalize=display.shown,
                                     autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)

        self.templates.filters.update(display.FILTERS)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("csrf", None)
        context.setdefault("device", None)
        return HTMLResponse(self.templates.get_template(template).render(**context), status_code=status)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass(frozen=True)
class SignIn:
    """What a request's cookie says: the signed-in device; whether its cookie is due to be
    given again (each time the last-seen time is written, so a browser in use never reaches
    the end of the cookie's Max-Age); else the key its failures are counted under (a device
    that was signed out, or the client's address for a secret the diary never knew)."""

    device: devices.Device | None
    renew: bool = False
    failure_key: str = ""


def _sign_in(config: WebConfig, secret: str, client: str) -> SignIn:
    with open_store(config.location, write=False) as store:
        device = devices.device_for_secret(store, secret)
        signed_out = None if device is not None else store.rows(
            "SELECT id FROM device WHERE token_hash = :hash", {"hash": devices.secret_hash(secret)})
    if device is None:
        return SignIn(None, failure_key=f"device {signed_out[0][0]}" if signed_out else client)
    now = config.clock()
    if devices.needs_seen(device, now):
        with open_store(config.location) as store:
            devices.mark_seen(store, now, device.id)
        return SignIn(device, renew=True)
    return SignIn(device)


def _renew_cookie(response: Response, secret: str, *, secure: bool) -> None:
    """Give the same cookie again with a fresh Max-Age, unless the answer sets it already
    (signing out clears it)."""
    prefix = f"{security.COOKIE_NAME}=".encode()
    if not any(k == b"set-cookie" and v.startswith(prefix) for k, v in response.raw_headers):
        response.headers.append("set-cookie", security.cookie_header(secret, secure=secure))


async def _read_form(request: Request) -> FormData | None:
    if request.method in ("GET", "HEAD"):
        return None
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise ValueError("the form is too large to be one entry")
    return await request.form(max_files=0, max_fields=200)


def _guarded(web: Web, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint for a handler that needs a paired browser (see the module's docstring)."""

    async def endpoint(request: Request) -> Response:
        config = web.config
        unsafe = request.method not in ("GET", "HEAD")
        if unsafe and security.cross_site(request.headers, request.url.scheme):
            return _forbidden(web, request, "This request came from another site's page, so nothing was saved.")
        secret = request.cookies.get(security.COOKIE_NAME)
        signed = await run_in_threadpool(_sign_in, config, secret, _client(request)) if secret else SignIn(None)
        device, renew = signed.device, signed.renew
        if device is None:
            response = _signin_page(web, request, revoked=bool(secret))
            if secret:  # a secret the diary does not know (or no longer): slow down whoever keeps sending it
                response.headers.append("set-cookie", security.clear_cookie_header(secure=config.secure))
                await config.sleep(config.slowdown.fail(signed.failure_key))
            return response
        assert secret is not None
        try:
            form = await _read_form(request)
        except ValueError as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, 413) if "json" in request.headers.get(
                "accept", "") else web.render("message.html", 413, title="Not saved", message=str(exc), back="/")
        if unsafe:
            sent = request.headers.get(security.CSRF_HEADER) or (form.get(security.CSRF_FIELD) if form else None)
            if not security.csrf_ok(secret, sent if isinstance(sent, str) else None):
                # Wrong tokens are slowed down per browser (every client on this computer is 127.0.0.1).
                await config.sleep(config.slowdown.fail(f"device {device.id}"))
                return _forbidden(web, request, "This form is out of date (or came from elsewhere), so nothing was "
                                                "saved: reload the page and try again.")
        visit = Visit(web, request, device, secret, form)
        response = await run_in_threadpool(_run, visit, handler)
        if renew:
            _renew_cookie(response, secret, secure=config.secure)
        return response

    return endpoint


def _run(visit: Visit, handler: Handler) -> Response:
    """Run a handler; a domain refusal becomes its message, anything else one line on the
    server's console and a plain page (the transaction was rolled back)."""
    try:
        return handler(visit)
    except DiaryFileError as exc:
        return visit.refuse(f"{exc} Nothing was saved.", 503)
    except (DiaryError, ValueError) as exc:
        return visit.refuse(str(exc), getattr(exc, "http_status", 400))
    except Exception:
        visit.web.config.log("diary serve: " + traceback.format_exc())
        return visit.refuse("Something went wrong on the computer, so nothing was saved. Try again; if it keeps "
                            "happening, the window running diary serve says why.", 500)


def _forbidden(web: Web, request: Request, message: str) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"ok": False, "error": message}, status_code=403)
    return web.render("message.html", 403, title="Not allowed", message=message, back="/")


def _signin_page(web: Web, request: Request, *, revoked: bool = False) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"ok": False, "error": "This browser is not signed in to the diary: pair it again.",
                             "signed_out": True}, status_code=401)
    return web.render("signin.html", 401, revoked=revoked)


# --- pairing ----------------------------------------------------------------------------------

PAIRING_MESSAGES = {
    "used": ("This pairing link was already used", "Each link signs in one browser, once. For another browser, "
             "press Enter in the window running diary serve for a new link (or start diary serve again)."),
    "expired": ("This pairing link has expired", "A link works for 10 minutes. Press Enter in the window running "
                "diary serve for a new one (or start diary serve again)."),
    "unknown": ("This is not a pairing link of this diary", "Check that the whole link was copied, or scan the QR "
                "code that diary serve shows. Press Enter in its window for a new link."),
}


def _pairing_refused(web: Web, request: Request, state: str) -> Response:
    title, message = PAIRING_MESSAGES[state]
    return web.render("message.html", 404 if state == "unknown" else 410, title=title, message=message, back=None)


def _pair_endpoints(web: Web) -> list[BaseRoute]:
    config = web.config

    async def pair_page(request: Request) -> Response:
        token = request.path_params["token"]
        state = config.pairing.state(token)
        if state != "valid":
            if state == "unknown":
                await config.sleep(config.slowdown.fail(_client(request)))
            return _pairing_refused(web, request, state)
        name = security.guess_device_name(request.headers.get("user-agent", ""))
        return web.render("pair.html", token=token, name=name)

    async def pair(request: Request) -> Response:
        if security.cross_site(request.headers, request.url.scheme):
            return _forbidden(web, request, "Pairing must be done on this diary's own page.")
        try:
            form = await _read_form(request)
        except ValueError as exc:
            return web.render("message.html", 413, title="Not paired", message=str(exc), back=None)
        token = form.get("token") if form else None
        name = form.get("name") if form else None
        if not isinstance(token, str) or not isinstance(name, str):
            return _pairing_refused(web, request, "unknown")
        try:
            name = devices.parse_device_name(name)
        except ValueError as exc:
            return web.render("pair.html", 400, token=token, name=name, error=str(exc))
        state = config.pairing.use(token)
        if state != "valid":
            if state == "unknown":
                await config.sleep(config.slowdown.fail(_client(request)))
            return _pairing_refused(web, request, state)
        secret = devices.new_secret()
        try:
            device = await run_in_threadpool(_pair_device, config, name, secret)
        except BaseException:
            config.pairing.give_back(token)  # the diary could not store it: the link still works
            raise
        config.log(f"Paired {device.name!r} (diary serve --devices lists paired browsers).")
        response = RedirectResponse("/?done=paired", status_code=303)
        response.headers.append("set-cookie", security.cookie_header(secret, secure=config.secure))
        return response

    return [Route("/pair/{token}", pair_page, methods=["GET"]), Route("/pair", pair, methods=["POST"])]


def _pair_device(config: WebConfig, name: str, secret: str) -> devices.Device:
    with open_store(config.location) as store:
        return devices.pair_device(store, config.clock(), name, secret)


# --- the application ---------------------------------------------------------------------------


def create_app(config: WebConfig) -> security.ASGIApp:
    """The ASGI application serving the diary at `config.location`."""
    from diary.web import food, measures, pages, today

    web = Web(config)
    routes: list[BaseRoute] = [*_pair_endpoints(web), Mount("/static", StaticFiles(directory=HERE / "static"))]
    for method, path, handler in (*pages.ROUTES, *today.ROUTES, *measures.ROUTES, *food.ROUTES):
        routes.append(Route(path, _guarded(web, handler), methods=[method]))

    async def not_found(request: Request, exc: Exception) -> Response:
        return web.render("message.html", 404, title="Not found", message="There is no such page in the diary.",
                          back="/")

    async def server_error(request: Request, exc: Exception) -> Response:
        config.log("diary serve: " + "".join(traceback.format_exception(exc)))
        return web.render("message.html", 500, title="Something went wrong",
                          message="Nothing was saved. The window running diary serve says why.", back="/")

    hosts = Middleware(TrustedHostMiddleware, allowed_hosts=list(config.hosts), www_redirect=False)
    app = Starlette(routes=routes, exception_handlers={404: not_found, 500: server_error}, middleware=[hosts])
    return security.SecurityHeaders(app)
