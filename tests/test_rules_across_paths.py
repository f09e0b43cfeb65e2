"""The rules between values and between entries hold on every path in: a typed command, an edit,
an import. What `diary reaction` and `diary profile` refuse, `diary edit` and `diary import` refuse too,
with nothing written; and a refused import into a new diary leaves no file behind."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"


def _visit_and_reaction(run: Diary) -> None:
    run("profile", "--timezone", "Europe/Berlin", now=NOW)
    assert run("adjust", "--at", "2026-11-24 10:00", now=NOW).exit_code == 0
    assert run("reaction", "soreness", "4", "--at", "2026-11-24 18:00", now=NOW).exit_code == 0


def _exported(run: Diary, tmp_path: Path) -> dict:
    out = tmp_path / "all.json"
    assert run("export", "--out", str(out), "--force", now=NOW).exit_code == 0
    data = json.loads(out.read_text())
    data["records"] = [r for r in data["records"] if r["kind"] != "change"]  # the journal would name the drops
    return data


def _import(run: Diary, tmp_path: Path, data: dict) -> tuple[int, list[str]]:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, indent=1))
    result = run("import", str(path), now=NOW)
    return result.exit_code, result.stderr.splitlines()


def test_an_other_reaction_without_a_note_is_refused_by_edit(run: Diary) -> None:
    _visit_and_reaction(run)
    before = run.dump()
    result = run("edit", "2", "--kind", "other", now=NOW)
    assert (result.exit_code, result.stderr) == (
        2, 'Error: say what the other reaction was with --note, like --note "nausea"\n')
    assert run.dump() == before
    assert run("edit", "2", "--kind", "other", "--note", "dizzy", now=NOW).exit_code == 0
    assert run.rows("SELECT symptom, note FROM reaction") == [("other", "dizzy")]


def test_a_reaction_moved_away_from_every_visit_is_refused_by_edit(run: Diary) -> None:
    """The 72 h after a visit: moved to four days after it, the reaction follows no visit any more."""
    _visit_and_reaction(run)
    before = run.dump()
    result = run("edit", "2", "--at", "2026-11-28 09:00", now="2026-11-29T10:00:00+01:00")
    assert result.exit_code == 2
    assert result.stderr == ("Error: no adjustment was logged in the 72 h before Sat 28 Nov 09:00: a reaction is an "
                             "effect of a visit (log the visit first with diary adjust --at WHEN)\n")
    assert run.dump() == before
    assert run("edit", "2", "--at", "2026-11-27 09:00", now="2026-11-29T10:00:00+01:00").exit_code == 0


def test_an_import_refuses_a_reaction_that_follows_no_visit_and_leaves_no_new_file(
        run: Diary, tmp_path: Path, monkeypatch) -> None:
    _visit_and_reaction(run)
    data = _exported(run, tmp_path)
    data["records"] = [r for r in data["records"] if r["kind"] != "adjustment"]
    target = Diary(str(tmp_path / "new.db"), monkeypatch)
    code, lines = _import(target, tmp_path, data)
    assert code == 2
    assert lines[0].endswith("a reaction at 2026-11-24 17:00 UTC has no adjustment in the 72 h before it, in the "
                             "file or the diary: a reaction is an effect of a visit")
    assert not (tmp_path / "new.db").exists() and not list(tmp_path.glob("new.db*"))


def test_an_import_finds_the_visit_in_the_diary_it_joins(run: Diary, tmp_path: Path, monkeypatch) -> None:
    """The reaction's visit may already be in the diary: the file alone need not hold it."""
    _visit_and_reaction(run)
    data = _exported(run, tmp_path)
    reaction = next(r for r in data["records"] if r["kind"] == "reaction")
    reaction["id"], reaction["at"] = 90, "2026-11-25T07:00:00Z"
    data["records"] = [reaction]
    code, lines = _import(run, tmp_path, data)
    assert code == 0, lines
    assert run.rows("SELECT id FROM reaction ORDER BY id") == [(2,), (90,)]


def test_an_import_refuses_what_profile_and_reaction_refuse(run: Diary, tmp_path: Path, monkeypatch) -> None:
    _visit_and_reaction(run)
    cases = {
        "birth_year": ("profile", {"birth_year": 2031}, "birth_year: birth year 2031 is in the future"),
        "half window": ("profile", {"sleep_start": "23:00", "sleep_end": None},
                        "sleep_start and sleep_end are set together, as a window like 23:00-07:00"),
        "no length": ("profile", {"sleep_start": "23:00", "sleep_end": "23:00"},
                      "sleep_start: the sleep window 23:00-23:00 has no length: use two clock times, like 23:00-07:00"),
        "other": ("reaction", {"symptom": "other", "note": None},
                  'note: say what the other reaction was with --note, like --note "nausea"'),
    }
    for name, (kind, change, message) in cases.items():
        data = _exported(run, tmp_path)
        next(r for r in data["records"] if r["kind"] == kind).update(change)
        target = Diary(str(tmp_path / f"{name}.db"), monkeypatch)
        code, lines = _import(target, tmp_path, data)
        assert code == 2 and lines[0].startswith("line ") and message in lines[0], (name, lines)
        assert not (tmp_path / f"{name}.db").exists(), name


def test_profile_refuses_a_birth_year_to_come_as_one_line(run: Diary) -> None:
    result = run("profile", "--born", "2030", now=NOW)
    assert result.exit_code == 2 and "2030 is in the future" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_import_help_states_the_size_limit_the_reader_applies() -> None:
    from diary.cli.exchange import IMPORT_HELP
    from diary.exchange.readers import MAX_IMPORT_BYTES

    assert f"A file over {MAX_IMPORT_BYTES // 2**20} MiB" in " ".join(IMPORT_HELP.split())
