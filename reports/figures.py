"""The report's charts, drawn onto a given matplotlib Figure (no pyplot state).

Readable in black and white: series differ by hatch, marker and line style, never by
colour alone. The x axis of the daily charts is the day of the period (1, 2, ...), with
a point inside its day by its local time; unobserved days are hatched, never drawn as 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from diary.nutrition import DayIntake
from diary.targets import Target

from .data import ReportData
from .layout import Rect
from .visits import group_visits

UNOBSERVED_HATCH = "////"
NO_DATA_HATCH = "...."
SIDE_HATCH = {"left": "////", "right": "\\\\\\\\", "both": "xxxx", "centre": "....", "not given": ""}
SIDE_FACE = {"left": "0.55", "right": "0.8", "both": "0.4", "centre": "0.95", "not given": "white"}
IN_PROGRESS_FACE = "0.88"
UNOBSERVED_LABEL = "no spasm record (not observed; not zero)"
NOT_COMPLETE_LABEL = "not marked complete (not counted)"
NOTHING_LOGGED_LABEL = "nothing logged (not counted)"  # every day is complete by the profile
PANEL_H = 0.5  # inches, one nutrient's panel
SUPPLEMENT_PANEL_H = 0.36
PANEL_GAP = 0.1


def _day_axis(ax: Any, data: ReportData, *, labels: bool) -> None:
    n = data.period.n_days
    ax.set_xlim(0, n)
    step = 1 if n <= 16 else 2 if n <= 35 else 7
    ticks = list(range(0, n, step))
    ax.set_xticks([t + 0.5 for t in ticks])
    days = data.period.days()
    if labels:
        ax.set_xticklabels([f"{days[t].day}\n{days[t]:%a}"[:6] if step == 1 or n <= 35 else f"{days[t]:%d %b}"
                            for t in ticks])
    else:
        ax.set_xticklabels([])
    ax.tick_params(axis="x", length=2)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _x_of(data: ReportData, instant: dt.datetime) -> float:
    """Position of an instant: index of its local day in the period plus the fraction of that day."""
    local_day = instant.astimezone(data.tz).date()
    d = data.timeline.day(local_day)
    frac = (instant - d.start) / (d.end - d.start)
    return (local_day - data.period.first).days + frac


def _unobserved(ax: Any, data: ReportData) -> None:
    for i, day in enumerate(data.period_days()):
        if not day.observed:
            ax.axvspan(i, i + 1, facecolor="none", edgecolor="0.45", hatch=UNOBSERVED_HATCH, lw=0)


def _in_progress(ax: Any, data: ReportData) -> bool:
    """Shade the day still in progress, if the period has one; say whether it did."""
    day = data.in_progress
    if day is None:
        return False
    i = (day.day - data.period.first).days
    ax.axvspan(i, i + 1, facecolor=IN_PROGRESS_FACE, edgecolor="none", lw=0, zorder=0)
    return True


def in_progress_label(data: ReportData, what: str) -> str:
    """The legend's name for the shaded day in progress (page 1 says until when)."""
    return f"day in progress: {what}"


def _adjustment_lines(ax: Any, data: ReportData, *, numbers: bool) -> None:
    """A dashed line at each adjustment; the first of each visit (adjustments within 48 h
    are one visit) numbered V1, V2 ... as in the table of visits."""
    visits = [v for v in group_visits(data.adjustments) if data.start <= v.at < data.end]
    for k, visit in enumerate(visits, 1):
        for adj in visit.adjustments:
            if adj.at >= data.end:
                continue
            x = _x_of(data, adj.at)
            ax.axvline(x, color="black", lw=1.1, ls=(0, (4, 2)))
            if numbers and adj is visit.adjustments[0]:
                ax.text(x, 1.0, f"V{k}", transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=7,
                        fontweight="bold")


def timeline(fig: Figure, rect: Rect, data: ReportData, width: float) -> None:
    """Episodes per day (bars) over intensity points (0-10), adjustments as dashed lines."""
    top = fig.add_axes(rect(0.45, 0.2, width - 0.5, 1.25))
    bottom = fig.add_axes(rect(0.45, 1.55, width - 0.5, 1.35))
    days = data.period_days()
    counts = [d.episodes if d.observed else 0 for d in days]
    xs = [i + 0.5 for i, d in enumerate(days) if d.observed]
    top.bar(xs, [c for c, d in zip(counts, days, strict=True) if d.observed], width=0.7, color="0.5",
            edgecolor="black", lw=0.4)
    for i, d in enumerate(days):
        if d.observed and d.episodes == 0:  # marked quiet, or any entry when every spasm is logged
            top.plot([i + 0.5], [0], marker="o", ms=3, mfc="white", mec="black", mew=0.6, clip_on=False, zorder=5)
    _unobserved(top, data)
    shaded = _in_progress(top, data)
    _adjustment_lines(top, data, numbers=True)
    top.set_ylim(0, max([*counts, 1]) * 1.15)
    top.set_ylabel("episodes per day")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    _day_axis(top, data, labels=False)

    eps = data.episodes
    bottom.plot([_x_of(data, e.started_at) for e in eps], [e.intensity for e in eps], ls="none", marker="o", ms=2.6,
                mfc="black", mec="black", alpha=0.8)
    _unobserved(bottom, data)
    _in_progress(bottom, data)
    _adjustment_lines(bottom, data, numbers=False)
    bottom.set_ylim(-0.3, 10.3)
    bottom.set_yticks([0, 2, 4, 6, 8, 10])
    bottom.set_ylabel("intensity (0-10)")
    bottom.grid(axis="y", color="0.85", lw=0.5)
    _day_axis(bottom, data, labels=True)
    handles = [
        Patch(facecolor="0.5", edgecolor="black", lw=0.4, label="episodes on an observed day"),
        Line2D([], [], ls="none", marker="o", ms=3, mfc="white", mec="black", label="observed day without spasms"),
        Line2D([], [], ls="none", marker="o", ms=3, color="black", label="one episode's intensity"),
        Line2D([], [], color="black", lw=1.1, ls=(0, (4, 2)), label="visit (V1, V2 ...)"),
        Patch(facecolor="white", edgecolor="0.45", hatch=UNOBSERVED_HATCH, label=UNOBSERVED_LABEL),
    ]
    if shaded:
        handles.append(Patch(facecolor=IN_PROGRESS_FACE, edgecolor="none",
                             label=in_progress_label(data, "so far")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=rect(0.45, 3.25, width - 0.5, 0.3)[:2],
               bbox_transform=fig.transFigure, ncol=3, handlelength=2.2, columnspacing=1.2,
               borderaxespad=0)


def _intake_panels(targets: Sequence[Target]) -> list[tuple[Target, bool, float]]:
    """(target, supplements panel?, height): one panel per nutrient, and a smaller one more
    for an upper line that applies to supplements only (magnesium)."""
    panels = []
    for t in targets:
        panels.append((t, False, PANEL_H))
        if t.upper_supplements_only and t.upper is not None:
            panels.append((t, True, SUPPLEMENT_PANEL_H))
    return panels


def intake_height(targets: Sequence[Target]) -> float:
    """The height in inches `intake_panels` needs: its panels, the legend above, the day axis below."""
    return sum(h + PANEL_GAP for _, _, h in _intake_panels(targets)) + 0.75


def intake_panels(fig: Figure, rect: Rect, data: ReportData, daily: dict[dt.date, DayIntake],
                  targets: Sequence[Target], width: float) -> None:
    """One small panel per nutrient: the complete days' totals (`daily`), goal and upper lines,
    the other days hatched (not counted, never zero). An upper line that applies to
    supplements only (the magnesium UL) is drawn on a panel of its own, against the
    supplements' amount, never against the total."""
    days = data.period.days()
    index = {d: i for i, d in enumerate(days)}
    panels = _intake_panels(targets)
    step = 1 if len(days) <= 16 else 2 if len(days) <= 35 else 7
    shaded = False
    y = 0.45
    for k, (t, supplements, height) in enumerate(panels):
        ax = fig.add_axes(rect(0.75, y, width - 2.45, height))
        y += height + PANEL_GAP
        scale = 1000.0 if t.unit == "ml" else 1.0
        unit = "L" if t.unit == "ml" else "mg"
        name = t.label
        shaded = _in_progress(ax, data) or shaded
        notes = []
        if supplements:
            # Only the days with a supplement logged get a mark; the UL (350 mg for adults)
            # limits supplements and medicines, not magnesium from food.
            taken = [(index[d] + 0.5, v[t.key].supplements) for d, v in daily.items() if v[t.key].supplements > 0]
            xs, ys = [x for x, _ in taken], [y for _, y in taken]
            ax.plot(xs, ys, ls="none", marker="x", ms=3.5, color="black", mew=0.8)
            assert t.upper is not None
            ax.axhline(t.upper, color="black", lw=0.9, ls=":")
            ymax = max([*ys, t.upper])
            label = f"{name}, from\nsupplements\n(mg/day)"
            notes.append(f"upper: {t.upper_kind} {t.upper:,.0f} mg,\nsupplements only")
        else:
            complete_x: list[float] = []
            complete_y: list[float] = []
            partial_x: list[float] = []
            partial_y: list[float] = []
            line_x: list[float] = []
            line_y: list[float] = []
            for d in days:
                if data.in_progress is not None and d == data.in_progress.day:
                    line_x.append(index[d] + 0.5)
                    line_y.append(float("nan"))
                    continue
                total = daily.get(d)
                if total is None:
                    ax.axvspan(index[d], index[d] + 1, facecolor="none", edgecolor="0.55", hatch=UNOBSERVED_HATCH,
                               lw=0)
                    line_x.append(index[d] + 0.5)
                    line_y.append(float("nan"))
                    continue
                value = total[t.key].total / scale
                known = not total[t.key].at_least
                (complete_x if known else partial_x).append(index[d] + 0.5)
                (complete_y if known else partial_y).append(value)
                line_x.append(index[d] + 0.5)
                line_y.append(value)
            ax.plot(line_x, line_y, color="black", lw=0.7)
            ax.plot(complete_x, complete_y, ls="none", marker="o", ms=2.8, color="black")
            ax.plot(partial_x, partial_y, ls="none", marker="^", ms=3.2, mfc="white", mec="black", mew=0.6)
            ymax = max([v for v in line_y if v == v] + [0.0])
            if t.goal is not None:
                ax.axhline(t.goal / scale, color="black", lw=0.9, ls="--")
                ymax = max(ymax, t.goal / scale)
                amount = f"{t.goal / scale:,.1f} L" if t.unit == "ml" else f"{t.goal:,.0f} mg"
                notes.append(f"goal: {t.goal_kind} {amount}")
            if t.upper is not None and not t.upper_supplements_only:
                ax.axhline(t.upper / scale, color="black", lw=0.9, ls=":")
                ymax = max(ymax, t.upper / scale)
                notes.append(f"upper: {t.upper_kind} {t.upper:,.0f} mg")
            elif t.upper is not None:
                notes.append(f"({t.upper_kind}: supplements,\npanel below)")
            label = f"{name}\n({unit}/day)"
        ax.set_ylim(0, ymax * 1.15 if ymax > 0 else 1)
        ax.set_xlim(0, len(days))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3))
        ax.text(-0.1, 0.5, label, transform=ax.transAxes, ha="right", va="center", fontsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_xticks([i + 0.5 for i in range(0, len(days), step)])
        ax.set_xticklabels([str(days[i].day) for i in range(0, len(days), step)] if k == len(panels) - 1 else [])
        ax.tick_params(axis="x", length=2)
        ax.text(1.02, 0.5, "\n".join(notes), transform=ax.transAxes, ha="left", va="center", fontsize=6.5)
    handles = [
        Line2D([], [], ls="-", marker="o", ms=2.8, color="black", lw=0.7, label="day's total"),
        Line2D([], [], ls="none", marker="^", ms=3.2, mfc="white", mec="black",
               label="total with unknown values (at least)"),
        Line2D([], [], ls="--", color="black", lw=0.9, label="goal (AI/RDA)"),
        Line2D([], [], ls=":", color="black", lw=0.9, label="upper line (CDRR/UL)"),
        Line2D([], [], ls="none", marker="x", ms=3.5, color="black", label="magnesium from supplements"),
        Patch(facecolor="white", edgecolor="0.55", hatch=UNOBSERVED_HATCH,
              label=NOTHING_LOGGED_LABEL if data.profile.always_complete else NOT_COMPLETE_LABEL),
    ]
    if shaded:
        handles.append(Patch(facecolor=IN_PROGRESS_FACE, edgecolor="none",
                             label=in_progress_label(data, "left out")))
    corner = rect(0.0, 0.0, 1, 0.3)
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(corner[0], corner[1] + corner[3]),
               bbox_transform=fig.transFigure, ncol=3 if len(handles) <= 6 else 4, borderaxespad=0,
               handlelength=2.2, columnspacing=1.2)


def site_chart(fig: Figure, rect: Rect, sites: Sequence[str], sides: Sequence[str],
               counts: dict[tuple[str, str], int], width: float, height: float) -> None:
    """Episodes by body site, each bar split by side (hatched)."""
    ax = fig.add_axes(rect(1.1, 0.3, width - 1.3, height - 0.8))
    y = list(range(len(sites)))[::-1]
    left = [0] * len(sites)
    for side in sides:
        values = [counts.get((s, side), 0) for s in sites]
        ax.barh(y, values, left=left, height=0.65, color=SIDE_FACE[side], edgecolor="black", lw=0.4,
                hatch=SIDE_HATCH[side], label="side not given" if side == "not given" else f"{side} side")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(y)
    ax.set_yticklabels(list(sites))
    ax.set_xlabel("episodes")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.03), ncol=len(sides), fontsize=7, borderaxespad=0)
