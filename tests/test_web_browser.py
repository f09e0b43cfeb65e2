"""The phone page in a real browser: Debian's Chromium driven by Playwright on a phone-sized
screen, against a real uvicorn server, checked against the rows in the diary."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diary.web.app import WebConfig
from tests.helpers import Diary
from tests.helpers.web import ServerThread, wait_for

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/120.0 Mobile Safari/537.36"}

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extras install it
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed (pip install playwright)"),
]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module (Debian's; Playwright's own download is never used)."""
    assert sync_playwright is not None
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServerThread]:
    """diary serve's application under uvicorn in a thread, on a free port, on a fresh SQLite diary."""
    server = ServerThread(WebConfig(str(tmp_path / "diary.db"), _now)).start()
    yield server
    server.stop()


@pytest.fixture
def db(served: ServerThread, monkeypatch: pytest.MonkeyPatch) -> Diary:
    return Diary(served.config.location, monkeypatch)


def _context(browser: Browser, **extra: Any) -> Any:
    return browser.new_context(**PHONE, **extra)


def _paired_page(browser: Browser, served: ServerThread, **extra: Any) -> Page:
    page = _context(browser, **extra).new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    page.goto(served.pairing_link())
    page.get_by_role("button", name="Pair this browser").click()
    page.get_by_text("This browser is paired as").wait_for()
    return page


def _banner(page: Page, text: str) -> str:
    locator = page.locator("#banner").get_by_text(text)
    locator.wait_for()
    return str(locator.inner_text())


def test_pair_then_log_a_spasm_in_two_taps(browser: Browser, served: ServerThread, db: Diary) -> None:
    """Pairing with the link, then '7' and 'Log spasm', stores the spasm with the browser's own entry id."""
    page = _paired_page(browser, served)
    assert db.rows("SELECT name FROM device") == [("Android phone",)]
    page.get_by_role("button", name="7", exact=True).tap()
    assert page.get_by_role("button", name="7", exact=True).get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Log spasm").first.tap()
    assert _banner(page, "Saved: spasm 7/10").startswith("Saved: spasm 7/10, today ")
    assert db.rows("SELECT intensity, duration_s, site FROM episode") == [(7, None, None)]
    (client_id,) = db.rows("SELECT client_id FROM web_submission")[0]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", client_id)
    assert page.get_by_role("button", name="7", exact=True).get_attribute("aria-pressed") == "false"
    for path in ("/today", "/measures", "/more", "/report"):
        page.goto(served.base + path)
    assert page.console_errors == []  # type: ignore[attr-defined]  # no CSP violation, no script error


def test_log_spasm_without_choosing_a_number_says_so(browser: Browser, served: ServerThread, db: Diary) -> None:
    """'Log spasm' alone asks for the intensity and writes nothing."""
    page = _paired_page(browser, served)
    page.get_by_role("button", name="Log spasm").first.tap()
    _banner(page, "Tap how strong the spasm was, 0 to 10, then Log spasm.")
    assert db.count("entry") == 0


def test_optional_details_and_a_typed_time(browser: Browser, served: ServerThread, db: Diary) -> None:
    """Site, side, a duration chip and a trigger chip, and a typed time of yesterday, in one entry."""
    page = _paired_page(browser, served)
    page.get_by_role("button", name="4", exact=True).tap()
    page.get_by_text("When, where, how long, why").tap()
    for chip in ("calf", "left", "2 min", "sitting"):  # a finger taps the chip's label
        page.locator("#spasm label").filter(has_text=re.compile(f"^{chip}$")).tap()
    assert page.get_by_label("calf").is_checked() and page.get_by_label("sitting").is_checked()
    page.locator("#s-day").select_option(index=1)
    page.locator("#s-time").fill("21:30")
    assert page.locator("#s-when-time").is_checked()  # typing a time lights its chip
    page.get_by_role("button", name="Log spasm").first.tap()
    _banner(page, "Saved: spasm 4/10, calf left, about 2 min, trigger sitting, yesterday 21:30.")
    tz = __import__("diary.profile", fromlist=["system_timezone"]).system_timezone()
    yesterday = (_now().astimezone(tz) - dt.timedelta(days=1)).date()
    started = dt.datetime.combine(yesterday, dt.time(21, 30), tzinfo=tz).astimezone(dt.UTC)
    assert db.rows("SELECT started_at, intensity, duration_s, duration_approximate, site, side FROM episode") == [
        (started.strftime("%Y-%m-%d %H:%M:%S.000000"), 4, 120, 1, "calf", "left")]


def test_mark_today_quiet_then_undo(browser: Browser, served: ServerThread, db: Diary) -> None:
    """'No spasms today' marks the day; Undo in the reply takes the mark back."""
    page = _paired_page(browser, served)
    page.get_by_role("button", name="No spasms today").tap()
    _banner(page, "Saved: Today had no spasms.")
    assert db.count("quiet_day") == 1
    page.get_by_text("Today is marked as a day without spasms.").wait_for()
    page.locator("#banner").get_by_role("button", name="Undo").tap()
    _banner(page, "Undone: Today: no spasms is removed.")
    assert db.rows("SELECT kind, deleted_at IS NOT NULL FROM entry") == [("quiet", 1)]
    page.get_by_role("button", name="No spasms today").wait_for()


def test_a_glass_of_water_in_one_tap(browser: Browser, served: ServerThread, db: Diary) -> None:
    """The water button logs 250 ml of water now."""
    page = _paired_page(browser, served)
    page.get_by_role("button", name="Glass of water").tap()
    _banner(page, "Saved: Water, 1 glass (250 ml)")
    assert db.rows("SELECT source, amount_text, water_ml FROM intake") == [("water", "1 glass (250 ml)", 250.0)]


def test_the_page_works_with_javascript_off(browser: Browser, served: ServerThread, db: Diary) -> None:
    """Without JavaScript the same two taps work as plain forms and redirects, and Undo too."""
    page = _paired_page(browser, served, java_script_enabled=False)
    with page.expect_navigation():
        page.get_by_role("button", name="6", exact=True).tap()
    assert page.get_by_role("button", name="6", exact=True).get_attribute("aria-pressed") == "true"
    assert db.count("entry") == 0
    page.get_by_role("button", name="Log spasm").first.tap()
    _banner(page, "Saved: spasm 6/10")
    assert db.rows("SELECT intensity FROM episode") == [(6,)]
    page.locator("#banner").get_by_role("button", name="Undo").tap()
    _banner(page, "Undone: spasm 6/10")
    assert db.rows("SELECT deleted_at IS NOT NULL FROM entry") == [(1,)]


def test_a_reused_pairing_link_is_refused(browser: Browser, served: ServerThread, db: Diary) -> None:
    """A second browser opening a link already used sees that it was, and is not signed in."""
    link = served.pairing_link()
    first = _context(browser).new_page()
    first.goto(link)
    first.get_by_role("button", name="Pair this browser").tap()
    first.get_by_text("This browser is paired as").wait_for()
    second = _context(browser).new_page()
    response = second.goto(link)
    assert response is not None and response.status == 410
    assert second.get_by_role("heading").inner_text() == "This pairing link was already used"
    assert second.context.cookies() == []
    assert db.count("device") == 1


def test_without_the_cookie_the_page_is_the_sign_in_page(browser: Browser, served: ServerThread, db: Diary) -> None:
    """A browser that never paired sees the sign-in page (401) and nothing of the diary."""
    _paired_page(browser, served).get_by_role("button", name="Glass of water").tap()
    wait_for(lambda: db.count("intake") == 1, "the water to be logged")
    page = _context(browser).new_page()
    response = page.goto(served.base + "/today")
    assert response is not None and response.status == 401
    assert page.get_by_role("heading", level=1).inner_text() == "This diary is private"
    assert "Water" not in page.content()


class _EvilSite(http.server.BaseHTTPRequestHandler):
    """Another site whose page posts a spasm to the diary when its button is pressed."""

    target = ""

    def do_GET(self) -> None:
        body = (f'<form method="post" action="{self.target}/spasm"><input name="intensity" value="9">'
                '<input name="csrf" value="guess"><button>Win a prize</button></form>').encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_cross_site_post_is_refused(browser: Browser, served: ServerThread, db: Diary) -> None:
    """A signed-in browser tricked into posting from another site gets 403 and nothing is written."""
    page = _paired_page(browser, served)
    _EvilSite.target = served.base
    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EvilSite)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{evil.server_address[1]}/")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Win a prize").tap()
        assert navigation.value is not None and navigation.value.status == 403
        assert page.get_by_role("heading", level=1).inner_text() == "Not allowed"
    finally:
        evil.shutdown()
        evil.server_close()
    assert db.count("entry") == 0


def test_an_entry_made_while_the_computer_is_off_is_sent_later_once(browser: Browser, served: ServerThread,
                                                                    db: Diary) -> None:
    """With the server down the spasm is kept on the phone; when it is back the entry is sent, once,
    and an answer lost on the way (the server wrote, the phone did not hear) is not logged twice."""
    page = _paired_page(browser, served)
    served.stop()
    page.get_by_role("button", name="8", exact=True).tap()
    page.get_by_role("button", name="Log spasm").first.tap()
    _banner(page, "Kept on this phone: spasm 8/10")
    page.get_by_text("1 entry is kept on this phone until the computer answers").wait_for()
    queued = page.evaluate("JSON.parse(localStorage.getItem('diary-queue-v1'))")
    assert [e["label"] for e in queued] == ["spasm 8/10"]
    assert db.count("entry") == 0

    again = ServerThread(served.config, port=served.port).start()
    try:
        page.get_by_role("button", name="Send now").tap()
        _banner(page, "Saved: spasm 8/10")
        assert db.rows("SELECT client_id FROM web_submission") == [(queued[0]["id"],)]

        # The computer writes the next entry but the phone never hears back, so it sends it again.
        def lose_the_answer(route: Any) -> None:
            route.fetch()
            route.abort()

        page.route("**/spasm", lose_the_answer)
        page.get_by_role("button", name="5", exact=True).tap()
        page.get_by_role("button", name="Log spasm").first.tap()
        _banner(page, "Kept on this phone: spasm 5/10")
        assert db.rows("SELECT intensity FROM episode ORDER BY id") == [(8,), (5,)]
        page.unroute("**/spasm")
        page.reload()  # a page load sends what is queued
        _banner(page, "Saved: spasm 5/10")
        wait_for(lambda: page.evaluate("localStorage.getItem('diary-queue-v1')") == "[]", "the queue to empty")
        assert db.rows("SELECT intensity FROM episode ORDER BY id") == [(8,), (5,)]
        assert db.count("web_submission") == 2
    finally:
        again.stop()


# --- round 2: nothing typed is lost, the reply is in view, sends time out, undo of a queued entry ---

SMALL = {**PHONE, "viewport": {"width": 320, "height": 568}}


def _small_page(browser: Browser, served: ServerThread, **extra: Any) -> Page:
    page = browser.new_context(**SMALL, **extra).new_page()
    page.goto(served.pairing_link())
    page.get_by_role("button", name="Pair this browser").click()
    page.get_by_text("This browser is paired as").wait_for()
    return page


def _in_view(page: Page, text: str) -> None:
    """The reply saying `text` is shown, wholly inside the screen and not under the tabs."""
    box = page.locator("#banner .banner").filter(has_text=text)
    box.wait_for()
    rect = box.bounding_box()
    tabs = page.locator("nav.tabs").bounding_box()
    height = page.viewport_size["height"]  # type: ignore[index]
    assert rect is not None and tabs is not None
    assert rect["y"] >= tabs["y"] + tabs["height"] and rect["y"] + rect["height"] <= height, (text, rect)


def test_a_refused_spasm_keeps_everything_typed(browser: Browser, served: ServerThread, db: Diary) -> None:
    """With the script on, a duration the computer refuses gives the reason in view, and the intensity, site,
    trigger text and note stay as typed; corrected, it is saved and only then the form is emptied."""
    page = _small_page(browser, served)
    page.get_by_role("button", name="5", exact=True).tap()
    page.get_by_text("When, where, how long, why").tap()
    page.locator("#spasm label").filter(has_text=re.compile("^calf$")).tap()
    page.locator("#s-dur-text").fill("for ages")
    page.locator("#s-note").fill("on the stairs")
    page.locator("#spasm details").get_by_role("button", name="Log spasm").tap()
    _in_view(page, "Not saved: spasm 5/10")
    assert db.count("entry") == 0
    assert page.get_by_role("button", name="5", exact=True).get_attribute("aria-pressed") == "true"
    assert page.locator("#s-site-calf").is_checked()
    assert (page.locator("#s-dur-text").input_value(), page.locator("#s-note").input_value()) == (
        "for ages", "on the stairs")
    page.locator("#s-dur-text").fill("2m")
    page.locator("#spasm details").get_by_role("button", name="Log spasm").tap()
    _in_view(page, "Saved: spasm 5/10, calf")
    assert db.rows("SELECT intensity, site, duration_s, note FROM episode") == [(5, "calf", 120, "on the stairs")]
    assert page.locator("#s-note").input_value() == ""
    assert page.get_by_role("button", name="5", exact=True).get_attribute("aria-pressed") == "false"


def test_a_queued_entry_refused_later_goes_back_into_its_form(browser: Browser, served: ServerThread,
                                                               db: Diary) -> None:
    """An entry kept on the phone and refused when it is finally sent is put back in its form with the reason."""
    page = _small_page(browser, served)
    page.route("**/spasm", lambda route: route.abort())
    page.get_by_role("button", name="3", exact=True).tap()
    page.get_by_text("When, where, how long, why").tap()
    page.locator("#s-dur-text").fill("forever")
    page.locator("#s-note").fill("kept note")
    page.locator("#spasm details").get_by_role("button", name="Log spasm").tap()
    _in_view(page, "Kept on this phone: spasm 3/10")
    assert page.locator("#s-note").input_value() == ""  # safe in the queue: the form is free again
    page.unroute("**/spasm")
    page.get_by_role("button", name="Send now").tap()
    _in_view(page, "Not saved: spasm 3/10")
    assert page.locator("#s-note").input_value() == "kept note"
    assert page.locator("#s-dur-text").input_value() == "forever"
    assert page.get_by_role("button", name="3", exact=True).get_attribute("aria-pressed") == "true"
    assert db.count("entry") == 0


def test_the_reply_is_in_view_after_every_action(browser: Browser, served: ServerThread, db: Diary) -> None:
    """On a 320 px phone the reply (with Undo) is on screen after the lower Log spasm, a recent food,
    Save PEG, and a refused second PEG."""
    page = _small_page(browser, served)
    page.get_by_role("button", name="6", exact=True).tap()
    page.get_by_text("When, where, how long, why").tap()
    page.locator("#spasm details").get_by_role("button", name="Log spasm").tap()
    _in_view(page, "Saved: spasm 6/10")
    assert page.locator("#banner").get_by_role("button", name="Undo").is_visible()
    page.goto(served.base + "/food")
    page.locator("#f-what").fill("a banana")
    page.get_by_role("button", name="Log it").tap()
    _in_view(page, "Saved:")
    page.goto(served.base + "/")
    recent = page.locator("#drinks form[action='/again'] button").first
    recent.scroll_into_view_if_needed()
    recent.tap()
    _in_view(page, "Saved:")
    page.goto(served.base + "/measures")
    for name in ("pain", "enjoyment", "activity"):
        page.locator(f"label[for='peg-{name}-4']").tap()
    page.get_by_role("button", name="Save PEG").tap()
    _in_view(page, "Saved:")
    for name in ("pain", "enjoyment", "activity"):
        page.locator(f"label[for='peg-{name}-5']").tap()
    page.get_by_role("button", name="Save PEG").tap()
    _in_view(page, "Not saved")
    assert db.count("intake") == 2 and db.count("episode") == 1


def test_food_typed_while_the_computer_is_off_is_kept_and_sent_once(browser: Browser, served: ServerThread,
                                                                     db: Diary) -> None:
    """The Food form is queued like the others: kept on the phone while the computer is off, sent later once."""
    page = _small_page(browser, served)
    page.goto(served.base + "/food")
    assert page.locator("nav.tabs a[aria-current='page']").inner_text() == "Food"
    page.route("**/eat", lambda route: route.abort())
    page.locator("#f-what").fill("a mug of tea")
    page.get_by_role("button", name="Log it").tap()
    _in_view(page, "Kept on this phone: a mug of tea")
    assert db.count("intake") == 0
    page.unroute("**/eat")
    page.get_by_text("1 entry is kept on this phone until the computer answers: a mug of tea").wait_for()
    page.get_by_role("button", name="Send now").tap()
    _in_view(page, "Saved: ")
    assert db.count("intake") == 1
    wait_for(lambda: page.evaluate("localStorage.getItem('diary-queue-v1')") == "[]", "the queue to empty")
    assert db.count("web_submission") == 1


def test_a_computer_that_never_answers_times_out_and_the_entry_is_sent_once(browser: Browser,
                                                                             served: ServerThread, db: Diary) -> None:
    """A send the computer takes but never answers gives up after the timeout: the entry stays queued with a
    24-hour time, Send now works, and the late first send does not log it twice."""
    page = _small_page(browser, served)
    page.add_init_script("window.diarySendTimeoutMs = 800;")
    page.reload()
    held: list[Any] = []
    page.route("**/spasm", lambda route: held.append(route))
    page.get_by_role("button", name="8", exact=True).tap()
    page.get_by_role("button", name="Log spasm").first.tap()
    kept = _banner(page, "Kept on this phone: spasm 8/10")
    assert re.search(r"\(\d\d:\d\d\)", kept) and not re.search(r"[AP]M", kept)
    page.unroute("**/spasm")
    page.get_by_role("button", name="Send now").tap()
    _banner(page, "Saved: spasm 8/10")
    for route in held:  # the first send reaches the computer at last
        with contextlib.suppress(Exception):  # the browser gave it up already
            route.continue_()
    page.get_by_role("button", name="Glass of water").tap()
    _banner(page, "Saved: Water")
    assert db.rows("SELECT intensity FROM episode") == [(8,)]


def test_undo_of_a_kept_entry_while_it_is_being_sent_takes_it_back(browser: Browser, served: ServerThread,
                                                                    db: Diary) -> None:
    """Undo on "Kept on this phone" while the retry is on its way: the diary ends with the entry taken back,
    and the page says so only then."""
    page = _small_page(browser, served)
    page.route("**/spasm", lambda route: route.abort())
    page.get_by_role("button", name="2", exact=True).tap()
    page.get_by_role("button", name="Log spasm").first.tap()
    _banner(page, "Kept on this phone: spasm 2/10")
    held: list[Any] = []
    page.unroute("**/spasm")
    page.route("**/spasm", lambda route: held.append(route))
    page.get_by_role("button", name="Send now").tap()
    for _ in range(400):  # Playwright calls the route handler only while it is waited on
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the retry never left the phone"
    page.locator("#banner").get_by_role("button", name="Undo").tap()
    _banner(page, "Taking back: spasm 2/10")
    held[0].continue_()
    page.unroute("**/spasm")
    _banner(page, "Not logged: spasm 2/10.")
    assert db.rows("SELECT kind, deleted_at IS NOT NULL FROM entry") == [("spasm", 1)]
    wait_for(lambda: page.evaluate("localStorage.getItem('diary-queue-v1')") == "[]", "the queue to empty")


def test_the_page_follows_the_browsers_font_size(browser: Browser, served: ServerThread) -> None:
    """A larger default font size (the phone's large-text setting) makes the page's text larger."""
    page = _small_page(browser, served)
    page.goto(served.base + "/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.reload()
    large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert (normal, large) == (18, 27)


def test_links_are_tall_enough_to_tap(browser: Browser, served: ServerThread) -> None:
    """Every link and button on the logging and food pages is at least 44 px tall."""
    page = _small_page(browser, served)
    for path in ("/", "/food"):
        page.goto(served.base + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        small = page.evaluate("""Array.from(document.querySelectorAll('main a, main button:not(.implicit)'))
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.textContent.trim())""")
        assert small == [], (path, small)


def test_all_eaten_today_is_kept_while_the_computer_is_off(browser: Browser, served: ServerThread,
                                                          db: Diary) -> None:
    """The Today page's "all I ate and drank is logged" is queued like an entry, and the page shows the mark
    once it is sent."""
    page = _small_page(browser, served)
    page.get_by_role("button", name="Glass of water").tap()
    _banner(page, "Saved: Water")
    page.goto(served.base + "/today")
    page.route("**/complete", lambda route: route.abort())
    page.get_by_role("button", name="All I ate and drank today is logged").tap()
    _in_view(page, "Kept on this phone")
    page.unroute("**/complete")
    page.get_by_role("button", name="Send now").tap()
    _in_view(page, "Saved:")
    page.get_by_text("Food and drink: all logged for this day.").wait_for()
    assert db.count("web_submission") == 2


def test_food_words_that_fit_several_foods_ask_which_with_the_script_on(browser: Browser, served: ServerThread,
                                                                        db: Diary) -> None:
    """With the script, 'cake' brings the question page (nothing written); the choice logs it once, with the
    entry id the script made."""
    page = _small_page(browser, served)
    page.goto(served.base + "/food")
    page.locator("#f-what").fill("cake")
    with page.expect_navigation():
        page.get_by_role("button", name="Log it").tap()
    page.get_by_text("'cake' matches several foods. Which did you mean?").wait_for()
    assert db.count("intake") == 0
    page.locator("button[name='answer_food']").first.tap()
    page.locator("#banner").get_by_text("Saved:").wait_for()
    assert db.count("intake") == 1 and db.count("web_submission") == 1
    wait_for(lambda: page.evaluate("localStorage.getItem('diary-queue-v1')") == "[]", "the queue to empty")


def test_what_is_typed_while_an_entry_is_on_its_way_stays(browser: Browser, served: ServerThread, db: Diary) -> None:
    """A new intensity tapped and a note typed while the last spasm is still being sent are not wiped when
    the computer answers."""
    page = _small_page(browser, served)
    held: list[Any] = []
    page.route("**/spasm", lambda route: held.append(route))
    page.get_by_role("button", name="4", exact=True).tap()
    page.get_by_role("button", name="Log spasm").first.tap()
    for _ in range(400):  # Playwright calls the route handler only while it is waited on
        if held:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(1300)  # the buttons are held a moment after a tap
    page.get_by_role("button", name="9", exact=True).tap()
    page.get_by_text("When, where, how long, why").tap()
    page.locator("#s-note").fill("the next one")
    held[0].continue_()
    page.unroute("**/spasm")
    _banner(page, "Saved: spasm 4/10")
    assert page.get_by_role("button", name="9", exact=True).get_attribute("aria-pressed") == "true"
    assert page.locator("#s-note").input_value() == "the next one"
    assert db.rows("SELECT intensity FROM episode") == [(4,)]
