"""Hostile input: any text typed gives a valid value or one line naming it (exit 2), never a traceback,
never a half write."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from diary import parse
from diary.amounts import Amount, parse_amount, parse_dose
from diary.cli import cli
from diary.vocab import MAX_DURATION_S, SIDES, SITES
from tests.helpers import Diary

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
NOW_TEXT = "2026-11-25T10:00:00+01:00"
REPO = Path(__file__).resolve().parents[1]
ZONES = [ZoneInfo(z) for z in ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati", "UTC")]

# Pieces of the things people type, so generated text reaches past the first check of each parser.
TOKENS = ["0", "1", "7", "9", "10", "11", "12", "23", "24", "59", "60", "99", "2026", "1e9", "-", "+", ".", ",", ":",
          "/", " ", "  ", "\t", "am", "pm", "h", "m", "s", "min", "hours", "days", "d", "ago", "now", "today",
          "yesterday", "mon", "sunday", "last", "T", "Z", "+01:00", "2026-11-24", "2026-02-30", "0000-01-01",
          "9999-12-31", "21:30", "25:00", "ml", "l", "g", "kg", "oz", "fl oz", "cup", "cups", "tbsp", "tsp",
          "½", "1/2", "0/0", "medium", "mg", "lumbar", "calf", "left", "l", "r", "centre", "é", "\u200b", "\x00",
          "🦵", "'", '"', "\\", "\n", "\r", "%s", "NaN", "inf", "-1", "1" * 30]
TYPED = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(TOKENS), max_size=6).map("".join))
EXAMPLES = 300


def one_line_error(call: Callable[[], object]) -> object | None:
    """Run a parser: its value, or None after checking its ValueError is one non-empty line."""
    try:
        return call()
    except ValueError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        return None


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED, zone=st.sampled_from(ZONES), shift=st.integers(-400 * 86400, 400 * 86400))
def test_any_time_text_is_an_instant_in_the_past_or_one_line(text: str, zone: ZoneInfo, shift: int) -> None:
    """parse_when: an aware instant no later than a minute from now, or a one-line ValueError."""
    now = NOW + dt.timedelta(seconds=shift)
    when = one_line_error(lambda: parse.parse_when(text, now, zone))
    if when is not None:
        assert isinstance(when, dt.datetime) and when.utcoffset() is not None
        assert when <= now + parse.FUTURE_SLACK


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED, zone=st.sampled_from(ZONES))
def test_any_day_text_is_a_past_day_or_one_line(text: str, zone: ZoneInfo) -> None:
    """parse_day: a local day no later than today, or a one-line ValueError."""
    day = one_line_error(lambda: parse.parse_day(text, NOW, zone))
    if day is not None:
        assert isinstance(day, dt.date) and day <= NOW.astimezone(zone).date()


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED)
def test_any_duration_text_is_seconds_in_range_or_one_line(text: str) -> None:
    """parse_duration: whole seconds from 0 to 24 h, or a one-line ValueError."""
    seconds = one_line_error(lambda: parse.parse_duration(text))
    if seconds is not None:
        assert isinstance(seconds, int) and 0 <= seconds <= MAX_DURATION_S


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED)
def test_any_intensity_text_is_0_to_10_or_one_line(text: str) -> None:
    """parse_intensity: an int from 0 to 10, or a one-line ValueError."""
    value = one_line_error(lambda: parse.parse_intensity(text))
    if value is not None:
        assert isinstance(value, int) and 0 <= value <= 10


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED)
def test_any_site_side_or_trigger_text_is_in_the_vocabulary_or_one_line(text: str) -> None:
    """parse_site/side/trigger: a word of the vocabulary (a clean trigger word), or a one-line ValueError."""
    site = one_line_error(lambda: parse.parse_site(text))
    assert site is None or site in SITES
    side = one_line_error(lambda: parse.parse_side(text))
    assert side is None or side in SIDES
    trigger = one_line_error(lambda: parse.parse_trigger(text))
    assert trigger is None or (isinstance(trigger, str) and 1 <= len(trigger) <= 40 and trigger == trigger.strip())


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED, portions=st.booleans())
def test_any_amount_text_is_a_positive_amount_or_one_line(text: str, portions: bool) -> None:
    """parse_amount: a positive, finite quantity with a known unit or a portion word, or a one-line ValueError."""
    amount = one_line_error(lambda: parse_amount(text, portions_allowed=portions))
    if amount is not None:
        assert isinstance(amount, Amount) and 0 < amount.quantity <= 1e6
        assert (amount.unit != "") != (amount.portion is not None)
        assert portions or amount.unit


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=TYPED, nutrient=st.sampled_from(["sodium", "potassium", "magnesium", "calcium"]))
def test_any_dose_text_is_a_positive_dose_under_the_cap_or_one_line(text: str, nutrient: str) -> None:
    """parse_dose: a positive dose in mg no larger than the nutrient's cap, or a one-line ValueError."""
    dose = one_line_error(lambda: parse_dose(text, nutrient))
    if dose is not None:
        assert 0 < dose.mg <= 10_000


# --- the commands ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_diary() -> Iterator[str]:
    """One SQLite diary with a few entries, shared by the command fuzzers (each failed command must leave it as it was)."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Europe/Berlin")
        mp.setenv("DIARY_HOME", folder)
        location = os.path.join(folder, "diary.db")
        run = Diary(location, mp)
        for command in (["spasm", "5"], ["drink", "250ml"], ["adjust"], ["quiet", "2026-11-20"]):
            assert run(*command, now=NOW_TEXT).exit_code == 0
        yield location


def counts(location: str) -> dict[str, int]:
    run = Diary(location, pytest.MonkeyPatch())
    return {t: run.count(t) for t in ("entry", "episode", "intake", "adjustment", "quiet_day", "trigger",
                                      "episode_trigger", "change", "profile", "own_food")}


def run_command(location: str, args: list[str], added: str | None) -> None:
    """Run one command; exit 0 must add exactly one `added` entry, exit 2 must be one line and add nothing."""
    before = counts(location)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Europe/Berlin")
        mp.setenv("DIARY_HOME", os.path.dirname(location))
        result = CliRunner().invoke(cli, ["--db", location, *args], env={"DIARY_NOW": NOW_TEXT})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    after = counts(location)
    if result.exit_code == 0 and result.stdout.startswith("Usage: "):
        assert after == before, args  # a typed -h or --help asks for the help, which writes nothing
    elif result.exit_code == 0:
        if added is not None:
            assert after["entry"] == before["entry"] + 1 and after[added] == before[added] + 1, args
    else:
        assert result.exit_code == 2, (args, result.stderr)
        lines = result.stderr.splitlines()
        assert lines[0].startswith("Error: "), (args, result.stderr)
        # One line; only an unknown or ambiguous food lists the closest matches below it (DESIGN.md, section 3).
        food = lines[0].startswith("Error: no food matches") or lines[0].endswith("matches several foods; nothing was logged.")
        assert len(lines) == 1 or food, (args, result.stderr)
        assert result.stdout == ""
        assert after == before, args


OPTIONAL = st.one_of(st.none(), TYPED)
CLI_EXAMPLES = 100
CLI_SETTINGS = settings(max_examples=CLI_EXAMPLES, deadline=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _with(options: dict[str, str | None]) -> list[str]:
    out: list[str] = []
    for name, value in options.items():
        if value is not None:
            out += [name, value]
    return out


@CLI_SETTINGS
@given(intensity=TYPED, at=OPTIONAL, duration=OPTIONAL, site=OPTIONAL, side=OPTIONAL, trigger=OPTIONAL, note=OPTIONAL)
def test_diary_spasm_with_any_text_logs_one_spasm_or_says_why(fuzz_diary: str, intensity: str, at: str | None,
                                                              duration: str | None, site: str | None, side: str | None,
                                                              trigger: str | None, note: str | None) -> None:
    """`diary spasm` with any text in any option: one whole new spasm, or one line and exit 2 with nothing written."""
    run_command(fuzz_diary, ["spasm", intensity, *_with({"--at": at, "--for": duration, "--site": site,
                                                        "--side": side, "--trigger": trigger, "--note": note})],
                "episode")


@CLI_SETTINGS
@given(amount=TYPED, at=OPTIONAL, note=OPTIONAL)
def test_diary_drink_with_any_amount_logs_one_drink_or_says_why(fuzz_diary: str, amount: str, at: str | None,
                                                                note: str | None) -> None:
    """`diary drink AMOUNT` with any text: one new intake, or one line and exit 2 with nothing written."""
    run_command(fuzz_diary, ["drink", amount, *_with({"--at": at, "--note": note})], "intake")


@CLI_SETTINGS
@given(nutrient=st.one_of(st.sampled_from(["magnesium", "potassium", "sodium", "calcium"]), TYPED), dose=TYPED,
       at=OPTIONAL)
def test_diary_supplement_with_any_dose_logs_one_or_says_why(fuzz_diary: str, nutrient: str, dose: str,
                                                             at: str | None) -> None:
    """`diary supplement NUTRIENT DOSE` with any text: one new intake, or one line and exit 2 with nothing written."""
    run_command(fuzz_diary, ["supplement", nutrient, dose, *_with({"--at": at})], "intake")


@CLI_SETTINGS
@given(at=OPTIONAL, by=OPTIONAL, region=OPTIONAL, note=OPTIONAL, day=TYPED)
def test_diary_adjust_and_quiet_with_any_text_log_one_or_say_why(fuzz_diary: str, at: str | None, by: str | None,
                                                                 region: str | None, note: str | None, day: str) -> None:
    """`diary adjust` and `diary quiet DAY` with any text: one new entry (or an already-quiet day), or one line, exit 2."""
    run_command(fuzz_diary, ["adjust", *_with({"--at": at, "--by": by, "--region": region, "--note": note})],
                "adjustment")
    run_command(fuzz_diary, ["quiet", day, *_with({"--note": note})], None)


@CLI_SETTINGS
@given(intensity=OPTIONAL, at=OPTIONAL, duration=OPTIONAL, site=OPTIONAL)
def test_diary_edit_with_any_text_changes_or_says_why(fuzz_diary: str, intensity: str | None, at: str | None,
                                                      duration: str | None, site: str | None) -> None:
    """`diary edit 1` with any text: the entry changed (one journal row), or one line and exit 2 with nothing written."""
    args = _with({"--intensity": intensity, "--at": at, "--for": duration, "--site": site})
    run_command(fuzz_diary, ["edit", "1", *args], None)


# Bytes a terminal that is not UTF-8 sends (Latin-1 "café"), and other raw argv the shell can pass.
RAW_ARGS = [
    [b"spasm", b"7", b"--note", b"caf\xe9"],
    [b"spasm", b"7", b"--trigger", b"k\xe4lte"],
    [b"spasm", b"\xff"],
    [b"drink", b"500\xb5l"],
    [b"adjust", b"--by", b"Dr. M\xfcller"],
    [b"quiet", b"--note", b"\xe9t\xe9"],
    [b"spasm", b"7", b"--at", b"gestern 21:30"],
    [b"spasm", b"7", b"--for", b"-5m"],
]


@pytest.mark.parametrize("args", RAW_ARGS, ids=[b" ".join(a).decode("latin-1") for a in RAW_ARGS])
def test_raw_bytes_on_the_command_line_are_one_line_and_write_nothing(run: Diary, args: list[bytes]) -> None:
    """Undecodable bytes in argv (a Latin-1 terminal): one line on stderr, exit 2, no traceback, nothing written."""
    assert run("spasm", "5", now=NOW_TEXT).exit_code == 0
    before = run.dump()
    env = dict(os.environ, DIARY_NOW=NOW_TEXT, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable.encode(), b"-m", b"diary", b"--db", run.location.encode(), *args],
                            env=env, capture_output=True, timeout=60)
    stderr = result.stderr.decode("utf-8", "replace")
    assert (result.returncode, result.stdout) == (2, b""), stderr
    assert len(stderr.splitlines()) == 1 and stderr.startswith("Error: ") and "Traceback" not in stderr, stderr
    assert run.dump() == before


# --- output paths: whatever --out names, the diary and every file around it survive ----------------------------------

# Names in a sandbox folder holding the diary, its side files, a backup, and things that are not files.
OUT_TOKENS = ["diary.db", "-wal", "-shm", "-journal", ".20261125-100000.bak", "other.txt", "fifo", "folder", "link",
              "dangling", "hard.db", "new.csv", "new.pdf", "./", "../", "sandbox/", "folder/", ".", "..", "/", "x", "é",
              " ", "%41", "?", "#", "*", ".part", "\\", "'", "-"]
OUT_PATHS = st.lists(st.sampled_from(OUT_TOKENS), min_size=1, max_size=4).map("".join)


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder, three levels inside tmp_path, with a diary and everything an output must not replace; the cwd."""
    folder = tmp_path / "a" / "b" / "sandbox"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    run = Diary(str(folder / "diary.db"), monkeypatch)
    assert run("spasm", "5", "--note", "=cmd", now=NOW_TEXT).exit_code == 0
    # (no -wal/-shm/-journal files: SQLite makes and removes those itself; as targets they must not appear)
    (folder / "diary.db.20261125-100000.bak").write_bytes((folder / "diary.db").read_bytes())
    (folder / "other.txt").write_text("someone's file\n")
    os.mkfifo(folder / "fifo")
    (folder / "folder").mkdir()
    (folder / "link").symlink_to(folder / "diary.db")
    (folder / "dangling").symlink_to(folder / "nowhere" / "x")
    os.link(folder / "diary.db", folder / "hard.db")
    return folder


def _state(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under the sandbox's grandparent: its kind and its bytes (or link target)."""
    out: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(folder.parent.parent.rglob("*")):
        info = path.lstat()
        kind = stat.S_IFMT(info.st_mode)
        content: bytes | str = b""
        if stat.S_ISREG(info.st_mode):
            content = path.read_bytes()
        elif stat.S_ISLNK(info.st_mode):
            content = os.readlink(path)
        out[str(path.relative_to(folder.parent.parent))] = (kind, content)
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(out=OUT_PATHS, command=st.sampled_from(["export", "export-csv", "backup"]), force=st.booleans())
def test_any_out_path_writes_a_new_or_regular_file_or_one_line(sandbox: Path, out: str, command: str,
                                                              force: bool) -> None:
    """Whatever --out names (the diary by any path, its side files, a FIFO, a folder, a link, ..): either exit 0 and
    only that one regular file is new or replaced, or one line, exit 1 or 2, and not one byte around it changed."""
    assume(not out.startswith("/"))  # stay inside the sandbox ..
    assume((sandbox / out).resolve().is_relative_to(sandbox.parent.parent))  # .. and out of tmp_path's other files
    args = {"export": ["export"], "export-csv": ["export", "--format", "csv"], "backup": ["db", "backup"]}[command]
    if force and command != "backup":
        args = [*args, "--force"]
    before = _state(sandbox)
    result = CliRunner().invoke(cli, ["--db", str(sandbox / "diary.db"), *args, "--out", out],
                                env={"DIARY_NOW": NOW_TEXT})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    after = _state(sandbox)
    if result.exit_code != 0:
        assert result.exit_code in (1, 2) and len(result.stderr.splitlines()) == 1, (out, result.output)
        assert result.stderr.startswith("Error: ") and after == before, (out, result.stderr)
        return
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    target = str((sandbox / out).resolve().relative_to(sandbox.parent.parent))
    assert changed == {target}, (out, changed)
    assert after[target][0] == stat.S_IFREG and stat.S_IMODE((sandbox / out).stat().st_mode) == 0o600
    assert before.get(target) is None or force, out
    (sandbox / out).unlink()  # the next example starts from the same sandbox


# --- the import file: any bytes are imported whole or refused by line ----------------------------------------------

IMPORT_PIECES = st.sampled_from([
    b'{"format": "diary export", "version": 1, "schema": "0003", "records": [', b"]}", b"{", b"}", b"[", b"]",
    b'{"kind": "spasm", "id": 1, "started_at": "2026-11-20T08:00:00Z", "intensity": 5, '
    b'"created_at": "2026-11-20T08:00:00Z", "updated_at": "2026-11-20T08:00:00Z"}',
    b"kind,id,started_at,intensity,created_at,updated_at\r\n", b"spasm,1,2026-11-20T08:00:00Z,5,", b"\r\n", b",",
    b'"', b"9" * 50, b"\xff\xfe", b"\x00", b"\xef\xbb\xbf", b"1e999", b"NaN", b"-", b"\\u0000", b"'=1+1"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), st.lists(IMPORT_PIECES, max_size=12).map(b"".join)))
def test_any_import_file_is_imported_whole_or_refused_by_line(fuzz_diary: str, tmp_path_factory: pytest.TempPathFactory,
                                                              data: bytes) -> None:
    """Any bytes as an import file: exit 0 with the entries added, or exit 2 with each problem on its own line and
    the diary as it was; never a traceback."""
    path = tmp_path_factory.mktemp("imports") / "file"
    path.write_bytes(data)
    before = counts(fuzz_diary)
    result = CliRunner().invoke(cli, ["--db", fuzz_diary, "import", str(path)], env={"DIARY_NOW": NOW_TEXT})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        return
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Error: ") and all(line.startswith(("line ", "... and")) for line in lines[:-1]), lines
    assert counts(fuzz_diary) == before


# --- the environment: TZ, DIARY_NOW, DIARY_DB -------------------------------------------------------------------------

TZ_VALUES = st.one_of(st.sampled_from(["Europe", "America", "Europe/Berlin", ":Europe/Berlin", "UTC", "", "/etc/passwd",
                                       "../../etc/passwd", "Mars/Olympus", "EST5EDT", "<+14>-14", "a" * 300,
                                       "Europe/Berlin/x", "posixrules", "\u00e9"]), st.text(max_size=20))
NOW_VALUES = st.one_of(st.sampled_from(["2026-11-25T10:00:00+01:00", "yesterday", "2026-02-30T00:00:00Z", "",
                                        "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2026-11-25",
                                        "2026-11-25T10:00", "1899-12-31T23:00:00Z", "2101-01-01T00:00:00Z"]),
                       st.text(max_size=30))
DB_TOKENS = ["d.db", "sub/", "../", "./", "x%41", "?", "#", "sqlite:///", " ", "é", "fifo", "folder", "-wal", ":",
             "postgresql://u:p@h:x/d", "postgresql://u:p@p@h/d"]
DB_VALUES = st.lists(st.sampled_from(DB_TOKENS), min_size=1, max_size=3).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tz=TZ_VALUES, now=NOW_VALUES, db=DB_VALUES, command=st.sampled_from([["spasm", "5"], ["list"], ["today"],
                                                                            ["profile"]]))
def test_any_environment_gives_a_result_or_one_line(sandbox: Path, tz: str, now: str, db: str,
                                                    command: list[str]) -> None:
    """Any TZ, DIARY_NOW and DIARY_DB (kept inside a sandbox): the command works, or one line with exit 1 or 2;
    never a traceback, and the sandbox's other files are untouched."""
    assume("\x00" not in tz + now + db and not db.startswith("/"))
    # The files around: a diary an earlier example made (d.db) may of course change.
    untouched = {f"b/sandbox/{n}" for n in ("other.txt", "fifo", "folder", "link", "dangling",
                                            "diary.db.20261125-100000.bak")}
    before = {k: v for k, v in _state(sandbox).items() if k in untouched}
    env = {"TZ": tz, "DIARY_NOW": now, "DIARY_DB": db}
    result = CliRunner().invoke(cli, command, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (env, repr(result.exception))
    if result.exit_code:
        assert result.exit_code in (1, 2), (env, result.output)
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: "), (env, result.stderr)
    after = {k: v for k, v in _state(sandbox).items() if k in untouched}
    assert after == before, env
