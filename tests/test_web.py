"""The phone page's gate: pairing, the device cookie, CSRF, cross-site requests, slowing
down guessers, and the headers of every response."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from diary import entries
from diary.storage import open_diary
from diary.web.security import CONTENT_SECURITY_POLICY, COOKIE_NAME, csrf_token
from tests.helpers import Diary
from tests.helpers.web import ORIGIN, Rig, csrf_of

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)  # Wed 10:00 in Berlin
PAGES = ["/", "/today", "/today?day=2026-11-24", "/more", "/report", "/entry/1"]
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
}


def _secret_note(rig: Rig) -> None:
    with open_diary(rig.location) as store:
        entries.log_episode(store, NOW, started_at=NOW, intensity=8, note="SECRET-NOTE")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_without_a_cookie_is_the_signin_page_without_health_data(rig: Rig, path: str) -> None:
    """A browser that was never paired gets the sign-in page (401) on every page, and no entry's text."""
    _secret_note(rig)
    response = rig.client().get(path)
    assert response.status_code == 401
    assert "This diary is private" in response.text
    assert "SECRET-NOTE" not in response.text and "8/10" not in response.text


def test_a_script_without_a_cookie_gets_401_json(rig: Rig) -> None:
    """The page's script asking without a cookie gets 401 and a JSON error, no data."""
    _secret_note(rig)
    response = rig.client().get("/today", headers={"accept": "application/json"})
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error": "This browser is not signed in to the diary: pair it again.",
                               "signed_out": True}


def test_a_post_without_a_cookie_writes_nothing(rig: Rig, rig_db: Diary) -> None:
    """Logging without a cookie is refused (401) and no row is written."""
    response = rig.client().post("/spasm", data={"intensity": "7", "csrf": "x" * 64})
    assert response.status_code == 401
    assert rig_db.count("episode") == 0 and rig_db.count("entry") == 0


def test_a_pairing_link_signs_one_browser_in_once(rig: Rig, rig_db: Diary) -> None:
    """Opening the link and pairing stores the device with the hash of its HttpOnly,
    SameSite=Strict cookie; the same link then says it was already used."""
    token = rig.config.pairing.issue()
    browser = rig.client()
    page = browser.get(f"/pair/{token}", headers={"user-agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile"})
    assert page.status_code == 200
    assert 'value="Android phone"' in page.text
    response = browser.post("/pair", data={"token": token, "name": " Anna's  phone "}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/?done=paired"
    cookie = response.headers["set-cookie"]
    secret = browser.cookies[COOKIE_NAME]
    assert cookie == f"{COOKIE_NAME}={secret}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Strict"
    assert rig_db.rows("SELECT name, token_hash, created_at, last_seen_at, revoked_at FROM device") == [
        ("Anna's phone", hashlib.sha256(secret.encode()).hexdigest(), "2026-11-25 09:00:00.000000",
         "2026-11-25 09:00:00.000000", None)]
    assert "paired as \u201cAnna&#39;s phone\u201d" in browser.get("/?done=paired").text

    other = rig.client()
    again = other.get(f"/pair/{token}")
    assert again.status_code == 410 and "This pairing link was already used" in again.text
    refused = other.post("/pair", data={"token": token, "name": "thief"})
    assert refused.status_code == 410 and "already used" in refused.text
    assert COOKIE_NAME not in other.cookies
    assert rig_db.count("device") == 1


def test_a_pairing_link_older_than_ten_minutes_has_expired(rig: Rig, rig_db: Diary) -> None:
    """A link opened more than 10 minutes after it was made says so and pairs nothing."""
    token = rig.config.pairing.issue()
    rig.ticks.value += 601
    browser = rig.client()
    page = browser.get(f"/pair/{token}")
    assert page.status_code == 410 and "This pairing link has expired" in page.text
    response = browser.post("/pair", data={"token": token, "name": "late"})
    assert response.status_code == 410 and "expired" in response.text
    assert rig_db.count("device") == 0


def test_a_link_used_just_in_time_still_pairs(rig: Rig, rig_db: Diary) -> None:
    """At 9 minutes 59 seconds the link still works."""
    token = rig.config.pairing.issue()
    rig.ticks.value += 599
    assert rig.client().post("/pair", data={"token": token, "name": "phone"}, follow_redirects=False).status_code == 303
    assert rig_db.count("device") == 1


def test_two_devices_with_one_name_get_distinct_names(rig: Rig, rig_db: Diary) -> None:
    """A second browser paired under a name in use is stored as 'name (2)'."""
    rig.paired("phone")
    rig.paired("Phone")
    assert rig_db.rows("SELECT name FROM device ORDER BY id") == [("phone",), ("Phone (2)",)]


def test_the_cookie_is_secure_under_https(diary_db: str) -> None:
    """Served over HTTPS, the cookie carries Secure as well."""
    rig = Rig(diary_db, NOW, secure=True)
    token = rig.config.pairing.issue()
    response = rig.client().post("/pair", data={"token": token, "name": "phone"}, follow_redirects=False)
    assert response.headers["set-cookie"].endswith("; HttpOnly; SameSite=Strict; Secure")


def test_wrong_pairing_tokens_are_slowed_down(rig: Rig) -> None:
    """Guessing pairing tokens: the first five misses answer at once, then each waits twice as long."""
    browser = rig.client()
    for n in range(8):
        assert browser.get(f"/pair/guess{n}").status_code == 404
    assert rig.slept == [0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.5, 1.0]
    assert "This is not a pairing link of this diary" in browser.get("/pair/guess").text


def test_unknown_cookies_are_slowed_down_and_cleared(rig: Rig) -> None:
    """A cookie the diary does not know gets the sign-in page, is cleared, and repeated ones wait longer."""
    browser = rig.client()
    for n in range(7):
        browser.cookies.set(COOKIE_NAME, f"forged-{n}")
        response = browser.get("/")
        assert response.status_code == 401
        assert response.headers["set-cookie"].startswith(f"{COOKIE_NAME}=; Path=/; Max-Age=0")
    assert rig.slept == [0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.5]


def test_a_revoked_browser_is_signed_out(rig: Rig, rig_db: Diary) -> None:
    """After diary serve --revoke, the browser's next request gets the sign-in page saying it was signed out."""
    browser, _csrf = rig.paired("phone")
    result = rig_db("serve", "--revoke", "PHONE", now=NOW.isoformat())
    assert result.output == "Signed out 'phone': it needs a new pairing link to open the diary again.\n"
    response = browser.get("/")
    assert response.status_code == 401
    assert "This browser was signed out of the diary" in response.text


def test_last_seen_is_written_at_most_every_ten_minutes(rig: Rig, rig_db: Diary) -> None:
    """Reading pages refreshes a device's last-seen time only when it is 10 minutes old."""
    browser, _csrf = rig.paired()
    rig.clock.now = NOW + dt.timedelta(minutes=9)
    browser.get("/today")
    assert rig_db.rows("SELECT last_seen_at FROM device") == [("2026-11-25 09:00:00.000000",)]
    rig.clock.now = NOW + dt.timedelta(minutes=10)
    browser.get("/today")
    assert rig_db.rows("SELECT last_seen_at FROM device") == [("2026-11-25 09:10:00.000000",)]


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(rig: Rig, rig_db: Diary) -> None:
    """A signed-in browser's form without its CSRF token (or with another's) is refused with 403."""
    browser, _csrf = rig.paired()
    assert browser.post("/spasm", data={"intensity": "7"}).status_code == 403
    wrong = browser.post("/spasm", data={"intensity": "7", "csrf": csrf_token("another secret")})
    assert wrong.status_code == 403
    assert "nothing was saved" in wrong.text
    assert rig_db.count("episode") == 0


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "http://127.0.0.1:9999"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "null"},
])
def test_a_cross_site_post_is_refused_with_403(rig: Rig, rig_db: Diary, headers: dict[str, str]) -> None:
    """A form posted from another site's page is refused with 403, even with a valid token, and writes nothing."""
    browser, csrf = rig.paired()
    response = browser.post("/spasm", data={"intensity": "7", "csrf": csrf}, headers=headers)
    assert response.status_code == 403
    assert "came from another site" in response.text
    assert rig_db.count("episode") == 0


def test_the_pages_own_forms_pass(rig: Rig, rig_db: Diary) -> None:
    """The page's own form (same origin, or Origin null as no-referrer pages send) with its token is accepted."""
    browser, csrf = rig.paired()
    same = {"origin": ORIGIN, "sec-fetch-site": "same-origin"}
    assert browser.post("/spasm", data={"intensity": "7", "csrf": csrf}, headers=same).status_code == 200
    null = {"origin": "null", "sec-fetch-site": "same-origin"}
    assert browser.post("/spasm", data={"intensity": "6", "csrf": csrf}, headers=null).status_code == 200
    assert rig_db.rows("SELECT intensity FROM episode ORDER BY id") == [(7,), (6,)]


def test_the_csrf_token_may_come_in_a_header(rig: Rig, rig_db: Diary) -> None:
    """The page's script sends the token in X-CSRF-Token."""
    browser, csrf = rig.paired()
    response = browser.post("/spasm", data={"intensity": "5"}, headers={"x-csrf-token": csrf,
                                                                       "accept": "application/json"})
    assert response.status_code == 200 and response.json()["ok"] is True
    assert rig_db.count("episode") == 1


def test_the_csrf_token_outlives_a_server_restart(rig: Rig) -> None:
    """A restarted server accepts the token a page got before (an entry queued on the phone can still be sent)."""
    browser, csrf = rig.paired()
    restarted = Rig(rig.location, NOW).client()
    restarted.cookies.set(COOKIE_NAME, browser.cookies[COOKIE_NAME])
    assert csrf_of(restarted.get("/").text) == csrf
    assert restarted.post("/spasm", data={"intensity": "3", "csrf": csrf}).status_code == 200


def test_a_body_too_large_to_be_an_entry_is_refused(rig: Rig, rig_db: Diary) -> None:
    """A form over 64 KiB is refused with 413 before it is read."""
    browser, csrf = rig.paired()
    response = browser.post("/spasm", data={"intensity": "7", "csrf": csrf, "note": "x" * 70_000})
    assert response.status_code == 413
    assert rig_db.count("episode") == 0


@pytest.mark.parametrize(("path", "signed_in"), [
    ("/", True), ("/today", True), ("/static/app.css", True), ("/static/app.js", False), ("/nowhere", True),
    ("/", False), ("/pair/nothing", False), ("/pair/x/y", False),
])
def test_every_response_carries_the_security_headers(rig: Rig, path: str, signed_in: bool) -> None:
    """Pages, static files, sign-in and error pages carry the CSP, no-store, no-referrer, frame and sniff rules."""
    browser = rig.paired()[0] if signed_in else rig.client()
    response = browser.get(path)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (path, name)


def test_the_page_loads_nothing_from_elsewhere(rig: Rig) -> None:
    """Every script, style, icon and form on the page is this server's own (no http: or // address)."""
    browser, _csrf = rig.paired()
    for path in ("/", "/today", "/more", "/report"):
        html = browser.get(path).text
        assert "http:" not in html and "https:" not in html and '="//' not in html, path
        assert "<script>" not in html and " style=" not in html and " on" + "click=" not in html, path


# --- round 2: the Host header, CSRF guessing per device, the cookie renewed, escapes shown ----


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8750", "127.0.0.1.evil.example"])
def test_a_request_for_another_host_name_is_refused(rig: Rig, rig_db: Diary, host: str) -> None:
    """With the cookie, a page asked for under a name this server was not started on (DNS rebinding)
    gets 400, no data, and a post writes nothing even when its Origin names the same host."""
    browser, csrf = rig.paired()
    _secret_note(rig)
    response = browser.get("/today", headers={"host": host})
    assert response.status_code == 400 and "SECRET-NOTE" not in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    posted = browser.post("/spasm", data={"intensity": "9", "csrf": csrf},
                          headers={"host": host, "origin": f"http://{host}"})
    assert posted.status_code == 400
    assert rig_db.count("episode") == 1  # only the note planted above


def test_the_names_the_server_was_started_on_are_allowed(diary_db: str, rig_db: Diary) -> None:
    """localhost and [::1] always, and the LAN address diary serve --lan adds."""
    from diary.cli.serve import served_names

    assert served_names("127.0.0.1", "127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    lan = served_names("0.0.0.0", "192.168.1.20")
    assert {"127.0.0.1", "localhost", "[::1]", "192.168.1.20"} <= set(lan)
    rig = Rig(diary_db, NOW)
    rig.config.hosts = lan
    browser, _csrf = rig.paired()
    for host in ("localhost:8750", "[::1]:8750", "192.168.1.20:8750"):
        assert browser.get("/today", headers={"host": host}).status_code == 200, host


def test_wrong_csrf_tokens_are_slowed_down_per_device(rig: Rig, rig_db: Diary) -> None:
    """Seven wrong CSRF tokens from one browser: the first five answer at once, then each waits longer;
    another browser on the same address is not slowed by them."""
    guesser, _csrf = rig.paired("guesser")
    phone, phone_csrf = rig.paired("phone")
    for n in range(7):
        assert guesser.post("/water", data={"water": "glass", "csrf": f"guess{n}"}).status_code == 403
    assert rig.slept == [0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.5]
    assert phone.post("/water", data={"water": "glass", "csrf": "stale"}).status_code == 403
    assert rig.slept[-1] == 0.0
    assert phone.post("/water", data={"water": "glass", "csrf": phone_csrf}).status_code == 200
    assert rig_db.count("intake") == 1


def test_the_cookie_is_given_again_when_the_browser_is_seen(rig: Rig) -> None:
    """A browser in use gets the same cookie with a fresh Max-Age (at most every ten minutes), so it
    is never signed out by the cookie's age."""
    browser, _csrf = rig.paired()
    secret = browser.cookies[COOKIE_NAME]
    assert "set-cookie" not in browser.get("/today").headers
    rig.clock.now = NOW + dt.timedelta(days=2)
    renewed = browser.get("/today").headers["set-cookie"]
    assert renewed == f"{COOKIE_NAME}={secret}; Path=/; Max-Age={400 * 24 * 3600}; HttpOnly; SameSite=Strict"
    assert "set-cookie" not in browser.get("/today").headers
    rig.clock.now = NOW + dt.timedelta(days=3)
    signed_out = browser.post("/signout", data={"csrf": csrf_token(secret)})
    assert signed_out.headers.get_list("set-cookie") == [f"{COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"]


def test_terminal_escapes_in_diary_text_are_shown_written_out(rig: Rig, rig_db: Diary) -> None:
    """An escape sequence, a bell or a bidi override in a note reaches the page as \\x1b, \\x07, \\u202e
    (as the terminal shows it), in pages and in the script's messages, and never as itself."""
    browser, csrf = rig.paired()
    with open_diary(rig.location) as store:
        entries.log_episode(store, NOW, started_at=NOW, intensity=3, note="\x1b[31mred\x07 \u202eevil")
    page = browser.get("/today?day=2026-11-25").text
    assert "\\x1b[31mred\\x07 \\u202eevil" in page
    assert not any(c in page for c in "\x1b\x07\u202e")
    answer = browser.post("/spasm", data={"intensity": "4", "note": "\x1b]0;title\x07", "csrf": csrf},
                          headers={"accept": "application/json"})
    assert "\\x1b]0;title\\x07" in answer.json()["message"] and "\x1b" not in answer.json()["message"]
    assert rig_db.rows("SELECT note FROM episode ORDER BY id") == [("\x1b[31mred\x07 \u202eevil",), ("\x1b]0;title\x07",)]
    edit = browser.get("/entry/1").text  # a form field keeps the text as it is, so saving it changes nothing
    assert "\x1b[31mred" in edit.split('id="e-note"', 1)[1]


def test_the_signed_out_page_says_unsent_entries_stay_on_the_phone(rig: Rig) -> None:
    """Signing out does not claim the browser keeps nothing: entries not yet sent stay on it."""
    browser, csrf = rig.paired()
    text = " ".join(browser.post("/signout", data={"csrf": csrf}).text.split())
    assert "Nothing of the diary is kept in it" not in text
    assert "entries made on it that have not reached the computer yet: those stay on this phone until they are sent" in text


def test_a_signed_out_browser_is_not_slowed_by_someone_elses_guesses(rig: Rig, rig_db: Diary) -> None:
    """Guessed cookies from this computer's address do not delay a real browser that was signed out: its own
    stale cookie is counted as its own."""
    phone, _csrf = rig.paired("phone")
    rig_db("serve", "--revoke", "phone", now=NOW.isoformat())
    guesser = rig.client()
    for n in range(8):
        guesser.cookies.set(COOKIE_NAME, f"forged-{n}")
        assert guesser.get("/").status_code == 401
    assert rig.slept[-1] > 0
    response = phone.get("/")
    assert response.status_code == 401 and "This browser was signed out of the diary" in response.text
    assert rig.slept[-1] == 0.0
