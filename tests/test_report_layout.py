"""The report's page layout and charts (reports/layout.py, reports/figures.py): where text
lands on a page, and which line a chart draws against which values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matplotlib.figure import Figure

from diary import entries
from diary.amounts import Dose
from diary.nutrition import supplement_intake
from diary.reports import analysis, figures
from diary.reports.layout import A4, BOTTOM, TOP, Column, Document, page_strings, report_style
from diary.storage import open_diary
from diary.targets import targets_for
from tests.helpers.hand_diary import NOVEMBER, build_hand_diary, load_month, local


def page_texts(doc: Document) -> list[list[tuple[str, float]]]:
    """Each page's drawn strings with their baseline, in inches from the page's bottom."""
    return [[(t, y) for t, _, y in page_strings(fig) if t] for fig in doc.pages]


def test_a_row_taller_than_a_page_continues_on_the_next_pages() -> None:
    """A cell of 150 lines is split across pages under a repeated header: every line is drawn once, in
    order, and none below the bottom margin."""
    doc = Document("header", "footer")
    doc.space(2.0)
    lines = [f"line {i}" for i in range(150)]
    doc.table([Column("When", 1.0), Column("Note", 3.0)], [["a", "short"], ["b", "\n".join(lines)], ["c", "end"]])
    drawn = [(text, y) for page in page_texts(doc) for text, y in page]
    assert [t for t, _ in drawn if t.startswith("line ")] == lines
    body = [(t, y) for t, y in drawn if t not in ("header", "footer") and not t.startswith("Page ")]
    assert all(BOTTOM - 1e-6 <= y <= A4[1] - TOP + 0.3 for _, y in body)
    assert len(doc.pages) >= 3
    assert all(sum(t == "Note" for t, _ in page) == 1 for page in page_texts(doc))  # header on every page


def test_a_table_never_ends_with_an_orphan_row() -> None:
    """Whatever the number of rows, a table that runs onto another page brings at least its last three
    rows there, never one or two alone."""
    checked = 0
    for n in range(50, 130, 3):
        doc = Document("header", "footer")
        doc.space(1.0)
        doc.table([Column("Row", 1.0)], [[f"row {i}"] for i in range(n)])
        per_page = [sum(t.startswith("row ") for t, _ in page) for page in page_texts(doc)]
        assert sum(per_page) == n
        if len(per_page) > 1:
            checked += 1
            assert per_page[-1] >= 3, (n, per_page)
    assert checked > 10


def _magnesium_axes(fig: Figure) -> tuple[object, object]:
    """The total magnesium panel and the supplements panel, found by their labels."""
    total = supplements = None
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.texts]
        if "Magnesium\n(mg/day)" in labels:
            total = ax
        if "Magnesium, from\nsupplements\n(mg/day)" in labels:
            supplements = ax
    assert total is not None and supplements is not None
    return total, supplements


def _horizontal_lines(ax) -> list[float]:  # type: ignore[no-untyped-def]
    return sorted(float(line.get_ydata()[0]) for line in ax.get_lines() if line.get_linestyle() != "None"
                  and len(line.get_ydata()) == 2 and line.get_ydata()[0] == line.get_ydata()[1])


def test_supplement_upper_limit_is_drawn_against_supplements_only(tmp_path: Path) -> None:
    """The magnesium UL (350 mg, supplements only) is a line on the supplements panel, next to each day's
    supplement dose, and not on the panel of total magnesium, whose only line is the 320 mg goal."""
    path = str(tmp_path / "mg.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        for day in (11, 24):
            at = local(f"2026-11-{day:02d} 21:00")
            entries.log_intake(store, at, supplement_intake("magnesium", Dose(200.0, "200 mg"), at))
    data = load_month(path)
    targets = list(targets_for(data.profile, NOVEMBER.last))
    daily = analysis.complete_intake(data)  # Nov 11 and 24 are complete days
    fig = Figure(figsize=A4)
    with report_style():
        figures.intake_panels(fig, lambda x, y, w, h: (0.1, 0.1, 0.8, 0.1), data, daily, targets, 6.0)
    total, supplements = _magnesium_axes(fig)
    assert _horizontal_lines(total) == [320.0]
    assert _horizontal_lines(supplements) == [350.0]
    marks = [line for line in supplements.get_lines() if line.get_marker() == "x"]
    assert len(marks) == 1
    first = dt.date(2026, 11, 1)
    assert list(marks[0].get_xdata()) == [(dt.date(2026, 11, d) - first).days + 0.5 for d in (11, 24)]
    assert list(marks[0].get_ydata()) == [200.0, 200.0]


def test_text_widths_come_from_the_fonts_metrics_files() -> None:
    """Helvetica's widths are read from the AFM file matplotlib ships (no private matplotlib module): 'J' is
    0.5 em and '_' 0.556 em, bold 'J' 0.556 em (Adobe's Helvetica metrics, wider there than DejaVu Sans); a
    line of text wraps by them."""
    from diary.reports.layout import char_width, wrap

    assert char_width("J") == 0.5 and char_width("_") == 0.556
    assert char_width("J", bold=True) == 0.556
    assert wrap("aaa bbb ccc", width=0.3, size=10) == ["aaa", "bbb", "ccc"]
    assert wrap("aaa bbb ccc", width=10, size=10) == ["aaa bbb ccc"]


def test_parts_start_a_page_unless_short_or_after_a_spill() -> None:
    """A part starts a new page; a short part, or one after the few lines a part ran over by, starts below."""
    doc = Document("header", "footer")
    doc.part("1. Long")
    doc.paragraph("\n".join(f"line {i}" for i in range(70)))  # runs a few lines onto a second page
    assert len(doc.pages) == 2
    doc.part("2. After a spill")
    doc.part("3. Short", short=True)
    assert len(doc.pages) == 2
    doc.paragraph("\n".join(f"more {i}" for i in range(40)))
    doc.part("4. Whole")
    assert len(doc.pages) == 3
    placed = [[t for t, _ in page] for page in page_texts(doc)]
    assert [t for t in placed[1] if t[0].isdigit() and ". " in t] == ["2. After a spill", "3. Short"]
    assert "4. Whole" in placed[2]


def test_charts_name_what_a_blank_day_is(tmp_path: Path) -> None:
    """When the profile says every spasm is logged and every day's food is complete, a day with only a drink
    is drawn as an observed day without spasms (a circle at 0), and a day with nothing logged is hatched as
    'nothing logged', not 'not marked complete'."""
    from diary.profile import set_profile
    from diary.reports.figures import NOT_COMPLETE_LABEL, NOTHING_LOGGED_LABEL

    path = str(tmp_path / "every.db")
    build_hand_diary(path)
    with open_diary(path) as store:
        set_profile(store, local("2026-11-01 09:00"), {"logs_every_spasm": True, "always_complete": True})
    data = load_month(path)
    targets = list(targets_for(data.profile, NOVEMBER.last))
    with report_style():
        fig = Figure(figsize=A4)
        figures.timeline(fig, lambda x, y, w, h: (0.1, 0.1 + y / 20, 0.8, 0.1), data, 6.0)
        circles = [line for ax in fig.axes for line in ax.get_lines() if line.get_marker() == "o"
                   and line.get_markerfacecolor() == "white"]
        days = [int(line.get_xdata()[0]) + 1 for line in circles]
        assert days == [18, 19, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30]  # the quiet days and Nov 20's drink
        intake = Figure(figsize=A4)
        figures.intake_panels(intake, lambda x, y, w, h: (0.1, 0.1, 0.8, 0.1), data, analysis.complete_intake(data),
                              targets, 6.0)
    labels = [t.get_text() for legend in intake.legends for t in legend.get_texts()]
    assert NOTHING_LOGGED_LABEL in labels and NOT_COMPLETE_LABEL not in labels
