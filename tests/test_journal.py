"""The undo journal: one command's changes form one batch, and undo reverses a whole batch."""

from __future__ import annotations

from tests.helpers import Diary

NOW = "2026-11-25T10:00:00+01:00"


def test_each_command_is_its_own_batch(run: Diary) -> None:
    """Two spasms logged by two commands are undone one at a time, newest first."""
    run("spasm", "4", now=NOW)
    run("spasm", "6", now=NOW)
    assert run.rows("SELECT entry_id, batch FROM change ORDER BY id") == [(1, 1), (2, 2)]
    run("undo", now=NOW)
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 0), (2, 1)]


def test_restoring_a_spasm_onto_a_quiet_day_is_undone_with_its_mark(run: Diary) -> None:
    """restore of a spasm on a day since marked quiet removes the mark; one undo reverses both."""
    run("spasm", "4", "--at", "2026-11-20 08:00", now=NOW)
    run("delete", "1", now=NOW)
    run("quiet", "2026-11-20", now=NOW)
    restored = run("restore", "1", now=NOW)
    assert restored.stdout.splitlines()[1] == "Removed the quiet mark #2 of Fri 20 Nov, since it had a spasm after all."
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 0), (2, 1)]
    undone = run("undo", now=NOW)
    assert undone.stdout.splitlines() == [undone.stdout.splitlines()[0], "Put back the quiet mark #2 of Fri 20 Nov."]
    assert run.rows("SELECT id, deleted_at IS NOT NULL FROM entry ORDER BY id") == [(1, 1), (2, 0)]
    assert run.rows("SELECT count(*) FROM change WHERE undone_at IS NULL") == [(3,)]
