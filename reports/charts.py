"""The comparison charts: the 12-month trend (page 1) and episodes by day since a visit.

Drawn onto a given matplotlib Figure (no pyplot state), readable in black and white:
intervals as whiskers, the baseline as a grey band, months without enough observed
days hatched (no data, never zero).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .baseline import MIN_SIDE_DAYS, PER, TrendMonth
from .data import ReportData
from .layout import Rect
from .visits import CycleDay
from .words import fmt_rate

NO_DATA_HATCH = "////"
BAND = "0.86"


def _plain(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _month_label(m: TrendMonth, first: bool) -> str:
    return f"{m.first:%b}\n{m.first:%Y}" if first or m.first.month == 1 else f"{m.first:%b}"


def trend_chart(fig: Figure, rect: Rect, data: ReportData, months: Sequence[TrendMonth],
                band: tuple[float, float, float] | None, width: float) -> None:
    """Monthly spasm days per 28 observed days with 95% intervals, the baseline band, care
    began, visits per month (above), and each month's observed share of days (below)."""
    ax = fig.add_axes(rect(0.55, 0.3, width - 0.65, 1.15))
    cover = fig.add_axes(rect(0.55, 1.52, width - 0.65, 0.24))
    n = len(months)
    xs = list(range(n))
    if band is not None:
        ax.axhspan(band[1], band[2], color=BAND, lw=0, zorder=0)
        ax.axhline(band[0], color="black", lw=0.8, ls="--", zorder=1)
    for i, m in enumerate(months):
        if m.value is None:
            ax.axvspan(i - 0.35, i + 0.35, facecolor="none", edgecolor="0.5", hatch=NO_DATA_HATCH, lw=0)
            continue
        interval = m.interval
        assert interval is not None
        ax.errorbar([i], [m.value], yerr=[[m.value - interval[0]], [interval[1] - m.value]], fmt="o", ms=4,
                    color="black", capsize=2.5, lw=0.9, zorder=3)
    shown = [(i, m.value) for i, m in enumerate(months) if m.value is not None]
    if not shown:  # a chart of hatching alone would leave the reader guessing
        ax.text(0.5, 0.55, f"no month has {MIN_SIDE_DAYS} or more observed days: no value to draw",
                transform=ax.transAxes, ha="center", va="center", fontsize=7.5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 2}, zorder=5)
    if len(shown) > 1:
        ax.plot([i for i, _ in shown], [v for _, v in shown], color="0.45", lw=0.7, zorder=2)
    began = data.care_began
    if began is not None and months and months[0].first <= began <= months[-1].last:
        i = next(k for k, m in enumerate(months) if m.first <= began <= m.last)
        x = i - 0.5 + (began.day - 1) / ((months[i].last - months[i].first).days + 1)
        ax.axvline(x, color="black", lw=1.0, ls=":", zorder=1)
        ax.text(x, 0.02, " care began", transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="left", va="bottom", fontsize=6.5)
    visits_at = blended_transform_factory(ax.transData, ax.transAxes)
    for i, m in enumerate(months):
        ax.text(i, 1.03, str(m.visits) if m.visits else "-", transform=visits_at, ha="center", va="bottom",
                fontsize=6.5)
    ax.text(-0.01, 1.03, "visits", transform=ax.transAxes, ha="right", va="bottom", fontsize=6.5)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(0, PER)
    ax.set_yticks([0, 7, 14, 21, 28])
    ax.set_ylabel("spasm days\nper 28 observed days")
    ax.set_xticks(xs)
    ax.set_xticklabels([])
    ax.tick_params(axis="x", length=0)  # tick marks here would run through the coverage labels below
    ax.grid(axis="y", color="0.9", lw=0.5)
    _plain(ax)

    cover.bar(xs, [m.observed / m.days if m.days else 0 for m in months], width=0.6, color="0.6",
              edgecolor="black", lw=0.4)
    for i, m in enumerate(months):
        cover.text(i, 1.02, f"{m.observed}/{m.days}", ha="center", va="bottom", fontsize=6)
    cover.set_ylim(0, 1.45)
    cover.set_yticks([0, 1])
    cover.set_yticklabels(["0", "all"])
    cover.set_ylabel("observed\ndays", fontsize=6.5)
    cover.set_xlim(-0.6, n - 0.4)
    cover.set_xticks(xs)
    cover.set_xticklabels([_month_label(m, i == 0) for i, m in enumerate(months)])
    _plain(cover)
    handles: list[Any] = [Line2D([], [], marker="o", ms=4, color="black", lw=0.9,
                                 label="month, with its 95% interval")]
    if band is not None:
        handles.append(Patch(facecolor=BAND, edgecolor="black", ls="--", lw=0.6,
                             label="baseline (28 days before care began) and its 95% interval"))
    if any(m.value is None for m in months):
        handles.append(Patch(facecolor="white", edgecolor="0.5", hatch=NO_DATA_HATCH,
                             label=f"fewer than {MIN_SIDE_DAYS} observed days (no value)"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.1), ncol=len(handles), borderaxespad=0,
              fontsize=6.5, handlelength=1.8, columnspacing=1.0)


def drawn(day: CycleDay) -> bool:
    """Whether the days-since-visit chart draws a bar for `day`: one observed day or more to count on."""
    return day.rate is not None and day.rate.exposure >= 1.0


OFF_CHART = 3.0  # the days-since-visit axis runs to at most this many times the tallest bar


def cycle_top(shown: Sequence[CycleDay]) -> float:
    """The top of the days-since-visit axis: room for every bar and interval, except that an
    interval reaching past OFF_CHART times the tallest bar (a day with little observed time)
    runs off the chart rather than flattening every bar; at least 0.5 a day."""
    bars = [d.rate.estimate for d in shown if d.rate is not None]
    highs = [d.rate.high for d in shown if d.rate is not None]
    if not bars:
        return 0.5
    cap = max(OFF_CHART * max(bars), 0.5 / 1.1)
    return max(min(max(highs), cap), 0.5 / 1.1) * 1.1


def cycle_chart(fig: Figure, rect: Rect, days: Sequence[CycleDay], width: float) -> None:
    """Episodes per observed day by day since a visit (pooled), with 95% intervals, and
    under each bar its episodes and observed days."""
    ax = fig.add_axes(rect(0.75, 0.3, width - 0.85, 1.5))
    if not days:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no visit in these months", transform=ax.transAxes, ha="center", va="center")
        return
    shown = [d for d in days if drawn(d)]
    ax.bar([d.day for d in shown], [d.rate.estimate for d in shown if d.rate is not None], width=0.65,
           color="0.7", edgecolor="black", lw=0.5)
    top = cycle_top(shown)
    off = False
    for d in shown:
        assert d.rate is not None
        high = min(d.rate.high, top)
        ax.errorbar([d.day], [d.rate.estimate], yerr=[[d.rate.estimate - d.rate.low], [high - d.rate.estimate]],
                    fmt="none", ecolor="black", capsize=0 if d.rate.high > top else 2.5, lw=0.8)
        if d.rate.high > top:
            off = True
            ax.plot([d.day], [top], marker="^", ms=4, color="black", clip_on=False, zorder=3)
            ax.text(d.day + 0.12, top, f"to {fmt_rate(d.rate.high, 1)}", ha="left", va="top", fontsize=6.5)
    for d in days:
        if d not in shown:
            ax.bar([d.day], [top], width=0.65, color="none", edgecolor="0.5", hatch=NO_DATA_HATCH, lw=0)
    ax.set_ylim(0, top)
    ax.set_xlim(-0.6, len(days) - 0.4)
    ax.set_xticks([d.day for d in days])
    labels = []
    for d in days:
        if d.rate is None:
            labels.append(f"{d.day}\n0\n0.0")
        else:
            labels.append(f"{d.day}\n{d.rate.episodes}\n{d.rate.exposure:.1f}")
    ax.set_xticklabels(labels)
    ax.text(-0.012, -0.025, "day\nepisodes\nobs. days", transform=ax.transAxes, ha="right", va="top", fontsize=7,
            linespacing=1.2)
    ax.set_ylabel("episodes per observed day")
    _plain(ax)
    handles: list[Any] = [Patch(facecolor="0.7", edgecolor="black", lw=0.5, label="episodes per observed day, "
                                "all visits pooled, with its 95% interval")]
    if len(shown) < len(days):
        handles.append(Patch(facecolor="white", edgecolor="0.5", hatch=NO_DATA_HATCH, label="under 1 observed day"))
    if off:
        handles.append(Line2D([], [], marker="^", ms=4, color="black", lw=0,
                              label="interval runs off the chart (its upper end written beside it)"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=min(len(handles), 2), borderaxespad=0)


def peg_chart(fig: Figure, rect: Rect, points: Sequence[tuple[float, float]], baseline: float | None,
              care_began: float | None, labels: Sequence[tuple[float, str]], width: float) -> None:
    """Weekly PEG scores (0-10) over time (x in days from the chart's first day), the
    baseline's mean as a dashed line, care began as a dotted one."""
    ax = fig.add_axes(rect(0.55, 0.3, width - 0.65, 1.2))
    ax.plot([x for x, _ in points], [y for _, y in points], marker="o", ms=3.5, color="black", lw=0.8)
    if baseline is not None:
        ax.axhline(baseline, color="black", lw=0.8, ls="--")
    if care_began is not None:
        ax.axvline(care_began, color="black", lw=1.0, ls=":")
        ax.text(care_began, 1.0, " care began", transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="left", va="top", fontsize=6.5)
    ax.set_ylim(0, 10)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.set_ylabel("PEG (0-10)")
    ax.set_xticks([x for x, _ in labels])
    ax.set_xticklabels([t for _, t in labels])
    ax.grid(axis="y", color="0.9", lw=0.5)
    _plain(ax)
    handles: list[Any] = [Line2D([], [], marker="o", ms=3.5, color="black", lw=0.8, label="weekly PEG score")]
    if baseline is not None:
        handles.append(Line2D([], [], color="black", lw=0.8, ls="--", label="baseline mean"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=2, borderaxespad=0)


def hours_chart(fig: Figure, rect: Rect, by_hour: Sequence[int], window: tuple[int, int], width: float) -> None:
    """Episodes by the local hour they started (0-23), the sleep window shaded."""
    ax = fig.add_axes(rect(0.55, 0.3, width - 0.65, 1.1))
    start, end = window
    night = [h for h in range(24) if (start <= h < end if start <= end else h >= start or h < end)]
    for h in night:
        ax.axvspan(h - 0.5, h + 0.5, color=BAND, lw=0, zorder=0)
    ax.bar(list(range(24)), list(by_hour), width=0.75, color="0.55", edgecolor="black", lw=0.4, zorder=2)
    ax.set_xlim(-0.6, 23.6)
    ax.set_xticks(list(range(0, 24, 2)))
    ax.set_xticklabels([f"{h:02d}" for h in range(0, 24, 2)])
    ax.set_xlabel("hour the episode started (local time)")
    ax.set_ylabel("episodes")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _plain(ax)
    ax.legend(handles=[Patch(facecolor=BAND, edgecolor="none", label="sleep window")], loc="lower left",
              bbox_to_anchor=(0, 1.02), borderaxespad=0)
