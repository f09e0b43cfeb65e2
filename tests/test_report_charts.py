"""The report's charts drawn onto a bare Figure and read back: what the axes show."""

from __future__ import annotations

from matplotlib.figure import Figure

from diary.reports import charts
from diary.reports.stats import Rate
from diary.reports.visits import CycleDay


def _rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (x / 8, y / 3, w / 8, h / 3)


def _draw(days: list[CycleDay]) -> Figure:
    fig = Figure(figsize=(8, 3))
    charts.cycle_chart(fig, _rect, days, 7.0)
    return fig


def test_days_since_visit_axis_is_not_flattened_by_one_wide_interval() -> None:
    """Bars of 2.0, 1.5 and 1.0 a day; day 2's interval (1 episode over 1 observed day) runs to 900 a day.
    The axis runs to 3 x 2.0 x 1.1 = 6.6, not to 990, and day 2's whisker is marked as running off with its end."""
    days = [CycleDay(0, 2, Rate(4, 2.0, 0.5, 5.1)), CycleDay(1, 2, Rate(3, 2.0, 0.3, 4.4)),
            CycleDay(2, 2, Rate(1, 1.0, 0.03, 900.0))]
    ax = _draw(days).axes[0]
    assert abs(ax.get_ylim()[1] - 6.6) < 1e-9
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("to ")] == ["to 900.0"]
    assert "interval runs off the chart (its upper end written beside it)" in [
        t.get_text() for t in ax.get_legend().get_texts()]


def test_days_since_visit_axis_holds_every_interval_when_none_runs_far() -> None:
    """With every interval under 3 times the tallest bar the axis holds them all (the highest x 1.1), none marked."""
    days = [CycleDay(0, 4, Rate(8, 4.0, 0.8, 4.5)), CycleDay(1, 4, Rate(4, 4.0, 0.3, 2.5))]
    ax = _draw(days).axes[0]
    assert abs(ax.get_ylim()[1] - 4.5 * 1.1) < 1e-9
    assert not any(t.get_text().startswith("to ") for t in ax.texts)
    assert len(ax.get_legend().get_texts()) == 1


def test_trend_chart_tick_marks_stay_clear_of_the_coverage_labels() -> None:
    """The trend's month ticks ran through the coverage labels above the bars ("28|30"): no drawn tick mark
    of the chart overlaps any "observed/days" label once rendered."""
    import datetime as dt
    from types import SimpleNamespace

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from diary.reports.baseline import TrendMonth

    months = [TrendMonth(dt.date(2026, m, 1), dt.date(2026, m, 28), 28, 20 + m % 5, 10, 4) for m in range(1, 13)]
    fig = Figure(figsize=(7.3, 2.6))
    FigureCanvasAgg(fig)
    charts.trend_chart(fig, lambda x, y, w, h: (x / 7.3, 1 - (y + h) / 2.6, w / 7.3, h / 2.6),
                       SimpleNamespace(care_began=None), months, (20.0, 15.0, 25.0), 7.0)  # type: ignore[arg-type]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t.get_window_extent(renderer) for a in fig.axes for t in a.texts if "/" in t.get_text()]
    assert len(labels) == 12
    top = max(b.y1 for b in labels)
    for a in fig.axes:
        bottom = a.get_window_extent(renderer).y0
        if bottom <= top:
            continue  # the coverage axes themselves, whose labels sit inside them
        # An outward tick mark reaches its length (markersize points) below its axes.
        reach = max([line.get_markersize() * fig.dpi / 72 for line in a.xaxis.get_ticklines()
                     if line.get_visible() and line.get_marker() == 3] + [0.0])
        assert bottom - reach > top, (bottom, reach, top)
