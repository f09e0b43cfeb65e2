"""The phone page's security rules, apart from the framework's routing: one-time pairing
links, the device cookie, CSRF tokens, refusing cross-site requests, slowing down
guessers, and the headers every response carries.

Nothing here touches the diary: the device table is `diary.devices`'s.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

PAIRING_LIFETIME_S = 10 * 60
COOKIE_NAME = "diary_device"
# Browsers keep a cookie at most 400 days; it is given again (same secret, fresh Max-Age)
# whenever the device's last-seen time is written, so a phone in use stays signed in.
COOKIE_MAX_AGE_S = 400 * 24 * 3600
# The names of this computer for itself (IPv6 literals as a Host header writes them).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

# No third-party anything, no inline script or style, no framing, forms post only here.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_HEADER_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response, errors and static
    files included (it wraps the whole application, outside its error handler)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _HEADER_NAMES]
                message["headers"] = kept + list(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- pairing links ----------------------------------------------------------------------


@dataclass
class _Pending:
    issued: float
    used: bool = False


class PairingBook:
    """The pairing links this server process has issued: each valid 10 minutes and usable
    once. Kept in memory only, so restarting `diary serve` voids every unused link.

    Tokens are stored by their hash, so the book never holds a usable token for longer
    than it is valid. Safe to use from several threads.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, lifetime_s: float = PAIRING_LIFETIME_S) -> None:
        self._clock = clock
        self._lifetime = lifetime_s
        self._lock = threading.Lock()
        self._tokens: dict[str, _Pending] = {}

    @staticmethod
    def _key(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()

    def issue(self) -> str:
        """A new pairing token (128 random bits)."""
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._tokens[self._key(token)] = _Pending(self._clock())
        return token

    def state(self, token: str) -> str:
        """'valid', 'used', 'expired', or 'unknown' (never issued here, or mistyped)."""
        with self._lock:
            return self._state(self._tokens.get(self._key(token)))

    def _state(self, pending: _Pending | None) -> str:
        if pending is None:
            return "unknown"
        if pending.used:
            return "used"
        if self._clock() - pending.issued > self._lifetime:
            return "expired"
        return "valid"

    def use(self, token: str) -> str:
        """Spend the token: its state before ('valid' means it was spent now)."""
        with self._lock:
            pending = self._tokens.get(self._key(token))
            state = self._state(pending)
            if state == "valid":
                assert pending is not None
                pending.used = True
            return state

    def give_back(self, token: str) -> None:
        """Make a token spent by `use` valid again (the pairing failed before it could finish)."""
        with self._lock:
            pending = self._tokens.get(self._key(token))
            if pending is not None:
                pending.used = False


# --- slowing down guessers --------------------------------------------------------------


class Slowdown:
    """Counts failures per key (a client address for wrong pairing tokens and unknown device
    cookies, the device for wrong CSRF tokens of a signed-in browser), and says
    how long to wait before answering the next wrong one: nothing for the first few (a
    mistyped link), then doubling to at most `max_delay_s`. Failures are forgotten after
    `window_s`. Safe to use from several threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, free: int = 5, window_s: float = 900.0,
                 max_delay_s: float = 8.0) -> None:
        self._clock = clock
        self._free = free
        self._window = window_s
        self._max = max_delay_s
        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}

    def fail(self, client: str) -> float:
        """Record one failure of `client` (an address or a device); return the seconds to wait before answering it."""
        now = self._clock()
        with self._lock:
            recent = [t for t in self._failures.get(client, []) if now - t < self._window]
            recent.append(now)
            self._failures[client] = recent[-100:]
            if len(self._failures) > 10_000:  # a flood of addresses: forget the oldest
                for key in list(self._failures)[:5_000]:
                    del self._failures[key]
            extra = len(recent) - self._free
        return 0.0 if extra <= 0 else min(self._max, 0.25 * 2 ** (extra - 1))


# --- CSRF and origins --------------------------------------------------------------------


def csrf_token(device_secret: str) -> str:
    """The CSRF token of a signed-in browser: an HMAC keyed with its cookie secret, so it
    is the same after a server restart (a queued entry can still be sent) and useless to
    anyone who cannot read the page."""
    return hmac.new(device_secret.encode("utf-8"), b"diary-serve csrf 1", hashlib.sha256).hexdigest()


def csrf_ok(device_secret: str, sent: str | None) -> bool:
    return sent is not None and hmac.compare_digest(csrf_token(device_secret), sent.strip())


def cross_site(headers: MutableMapping[str, str] | Any, scheme: str) -> bool:
    """Whether a request comes from another site's page: its Origin names another server,
    or the browser says so (Sec-Fetch-Site). Pages sent with Referrer-Policy no-referrer
    make browsers send "Origin: null" even from this server's own forms, so that value
    proves nothing either way; a request with neither header is judged by the CSRF token
    (and a browser without these headers still gets the SameSite=Strict cookie rule)."""
    origin = headers.get("origin")
    if origin is not None and origin != "null" and origin.rstrip("/") != f"{scheme}://{headers.get('host', '')}":
        return True
    site = headers.get("sec-fetch-site")
    return site is not None and site not in ("same-origin", "none")


def cookie_header(secret: str, *, secure: bool) -> str:
    """The Set-Cookie value that signs a browser in: HttpOnly, SameSite=Strict, long-lived,
    Secure when served over HTTPS."""
    parts = [f"{COOKIE_NAME}={secret}", "Path=/", f"Max-Age={COOKIE_MAX_AGE_S}", "HttpOnly", "SameSite=Strict"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def clear_cookie_header(*, secure: bool) -> str:
    """The Set-Cookie value that makes a browser forget a secret the diary no longer knows."""
    parts = [f"{COOKIE_NAME}=", "Path=/", "Max-Age=0", "HttpOnly", "SameSite=Strict"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def guess_device_name(user_agent: str) -> str:
    """A name for a browser from its User-Agent ("Android phone", "iPhone", "Firefox on
    Linux"), which the patient can change when pairing."""
    ua = user_agent.lower()
    if "iphone" in ua:
        return "iPhone"
    if "ipad" in ua:
        return "iPad"
    if "android" in ua:
        return "Android phone" if "mobile" in ua else "Android tablet"
    browser = next((name for key, name in (("firefox", "Firefox"), ("edg/", "Edge"), ("chrom", "Chrome"),
                                           ("safari", "Safari")) if key in ua), "Browser")
    system = next((name for key, name in (("windows", "Windows"), ("mac os", "Mac"), ("linux", "Linux"),
                                          ("cros", "ChromeOS")) if key in ua), None)
    return f"{browser} on {system}" if system else browser
