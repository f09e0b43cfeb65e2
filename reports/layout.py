"""A small flowing page layout over matplotlib Figures: headings, wrapped paragraphs,
tables whose cells wrap (a long note wraps inside its column, never past the page, and
a row taller than a page continues on the next), and room for charts. Pages are A4 and
numbered "Page i of n" when saved.

Text is laid out with measured glyph widths (the wider of the PDF core Helvetica and the
embedded DejaVu Sans, so a line fits whichever font a page is drawn with). A page whose
text is all Windows-1252 is drawn with PDF's built-in Helvetica (nothing to embed, and
several times faster for a long episode list); a page with any other character (a note
in Greek, an emoji) embeds DejaVu Sans, so nothing the patient wrote is lost.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

A4 = (8.27, 11.69)
# A chart's place: rect(x, y, w, h) in inches from its block's top-left corner -> add_axes' figure fractions.
Rect = Callable[[float, float, float, float], tuple[float, float, float, float]]
LEFT, RIGHT, TOP, BOTTOM = 0.65, 0.65, 0.8, 0.75
LINE = 1.28  # line pitch as a multiple of the font size
GREY = "0.35"
SHORT_PART = 2.5  # inches a short part needs below the one before it to share its page
SPILL = 2.0  # inches of a part's end that ran onto a page: the next part starts below it

BASE_RC: dict[str, Any] = {
    "text.parse_math": False,  # a "$" in a note is a dollar sign
    "font.family": "sans-serif",
    "font.size": 8,
    "axes.linewidth": 0.6,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "hatch.linewidth": 0.6,
    "pdf.fonttype": 42,
    "pdf.compression": 6,
    "path.simplify": False,
    "svg.hashsalt": "diary",
}
CORE_RC = {"pdf.use14corefonts": True, "font.sans-serif": ["Helvetica"]}
EMBED_RC = {"pdf.use14corefonts": False, "font.sans-serif": ["DejaVu Sans"]}


@contextlib.contextmanager
def report_style() -> Iterator[None]:
    with matplotlib.rc_context(cast(Any, BASE_RC)):
        yield


# --- text measurement ----------------------------------------------------------------------


def afm_widths(path: str) -> dict[int, float]:
    """Character code -> advance width in ems, read from an Adobe Font Metrics file's
    "C code ; WX width ; ..." lines (the core Helvetica matplotlib ships for PDF)."""
    widths: dict[int, float] = {}
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            if not line.startswith("C "):
                continue
            fields = dict(part.strip().split(" ", 1) for part in line.split(";") if part.strip().count(" ") >= 1)
            code = int(fields.get("C", "-1"))
            if code >= 0 and "WX" in fields:
                widths[code] = float(fields["WX"]) / 1000.0
    return widths


@functools.cache
def _metrics(bold: bool) -> tuple[dict[int, float], Any, float]:
    from matplotlib import font_manager
    from matplotlib.font_manager import FontProperties
    from matplotlib.ft2font import FT2Font

    weight = "bold" if bold else "normal"
    with _quiet_fonts():
        afm_path = font_manager.findfont(FontProperties(family="Helvetica", weight=weight), fontext="afm")
        ttf_path = font_manager.findfont(FontProperties(family="DejaVu Sans", weight=weight))
    ttf = FT2Font(ttf_path)
    return afm_widths(afm_path), ttf, float(ttf.units_per_EM)


@functools.cache
def char_width(ch: str, bold: bool = False) -> float:
    """Width of one character in ems: the wider of Helvetica and DejaVu Sans."""
    from matplotlib.ft2font import LoadFlags

    helvetica, ttf, upem = _metrics(bold)
    # Only ASCII: above it the AFM's codes are Adobe's StandardEncoding, not Unicode.
    width = helvetica.get(ord(ch), 0.0) if ord(ch) < 128 else 0.0
    if ttf.get_char_index(ord(ch)) == 0 and not ch.isspace():
        return max(width, 1.0)  # a character DejaVu lacks: drawn as a box, assume a full em
    try:
        glyph = ttf.load_char(ord(ch), flags=LoadFlags.NO_SCALE)
        width = max(width, glyph.horiAdvance / upem)
    except (RuntimeError, ValueError):
        width = max(width, 1.0)
    return width if width > 0 else (0.0 if ch in "\u200b\u200d\ufe0f" else 0.6)


@functools.cache
def drawable(ch: str) -> bool:
    """Whether the report's fonts have a glyph for `ch` (DejaVu Sans lacks CJK and most
    emoji: those characters stay in the PDF's text, for search and copy, but show as boxes)."""
    _, ttf, _ = _metrics(False)
    return ch.isspace() or ch in "\u200b\u200d\ufe0f" or ttf.get_char_index(ord(ch)) != 0


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width` inches; a word longer than a line is cut into pieces."""
    lines: list[str] = []
    limit = width * 72.0 / size  # in ems
    for para in str(text).split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        current, used = "", 0.0
        space = char_width(" ", bold)
        for word in words:
            w = sum(char_width(c, bold) for c in word)
            if current and used + space + w <= limit:
                current += " " + word
                used += space + w
                continue
            if current:
                lines.append(current)
            current, used = "", 0.0
            while w > limit:  # break a long word
                piece, pw = "", 0.0
                for c in word:
                    cw = char_width(c, bold)
                    if pw + cw > limit and piece:
                        break
                    piece += c
                    pw += cw
                lines.append(piece)
                word = word[len(piece):]
                w = sum(char_width(c, bold) for c in word)
            current, used = word, w
        if current:
            lines.append(current)
    return lines


@contextlib.contextmanager
def _quiet_fonts() -> Iterator[None]:
    """matplotlib logs a warning when Helvetica has no 'normal' weight (it is 'medium'), and
    warns once per character the font lacks: the page says so instead (see `drawable`),
    so the patient's terminal gets no screenful of warnings."""
    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
            yield
    finally:
        log.setLevel(level)


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # inches
    align: str = "left"  # left, right, center


# --- many strings, one artist -------------------------------------------------------------------


class TextBlock(Artist):
    """The strings of one page's flowing text, drawn by one artist.

    A `Text` artist per string costs about 0.2 ms to make and to lay out again at save
    time; a month's episode list has thousands. These strings are already placed (the
    layout measured and wrapped them), so this draws each at its baseline with the
    renderer directly, measuring only right-aligned and centred ones, with the font the
    page is saved with (Helvetica or DejaVu Sans: the rc settings at draw time decide).
    """

    def __init__(self) -> None:
        super().__init__()
        self.set_zorder(3)
        # (x, baseline y) in inches from the page's bottom-left corner, text, size, bold, ha, colour
        self.items: list[tuple[float, float, str, float, bool, str, str]] = []

    def add(self, x: float, y: float, text: str, size: float, bold: bool, ha: str, color: str) -> None:
        self.items.append((x, y, text, size, bold, ha, color))

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or not self.items:
            return
        figure = self.get_figure(root=True)
        assert figure is not None
        to_display = figure.dpi_scale_trans.transform
        props: dict[tuple[float, bool], FontProperties] = {}
        gc = renderer.new_gc()
        renderer.open_group("text", gid=self.get_gid())
        for x, y, text, size, bold, ha, color in self.items:
            prop = props.get((size, bold))
            if prop is None:
                prop = props[(size, bold)] = FontProperties(size=size, weight="bold" if bold else "normal")
            px, py = to_display((x, y))
            if ha != "left":
                width = renderer.get_text_width_height_descent(text, prop, ismath=False)[0]
                px -= width if ha == "right" else width / 2
            gc.set_foreground(color)
            renderer.draw_text(gc, px, py, text, prop, 0.0, ismath=False)
        renderer.close_group("text")
        gc.restore()
        self.stale = False


def page_strings(fig: Figure) -> list[tuple[str, float, float]]:
    """(text, x, baseline y) of every string a page draws outside its charts, in inches from
    the page's bottom-left corner (the text of the charts' axes is not included)."""
    found = []
    for artist in fig.get_children():
        if isinstance(artist, TextBlock):
            found += [(t, x, y) for x, y, t, *_ in artist.items]
    for t in fig.texts:
        x, y = t.get_transform().transform(t.get_position())
        w, h = fig.dpi_scale_trans.inverted().transform((x, y))
        found.append((t.get_text(), float(w), float(h)))
    return found


# --- the document ------------------------------------------------------------------------------


class Document:
    """Pages of A4 content flowing top to bottom; `save` numbers them and writes the PDF."""

    def __init__(self, header: str, footer: str) -> None:
        self.header = header
        self.footer = footer
        self.pages: list[Figure] = []
        self.y = 0.0  # inches from the top of the current page
        self.width = A4[0] - LEFT - RIGHT
        self.new_page()

    # page handling
    def new_page(self) -> Figure:
        fig = Figure(figsize=A4)
        self.pages.append(fig)
        self._block = TextBlock()
        fig.add_artist(self._block)
        self.y = TOP
        return fig

    @property
    def fig(self) -> Figure:
        return self.pages[-1]

    @property
    def room(self) -> float:
        return A4[1] - BOTTOM - self.y

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` inches still fit on this one."""
        if height > self.room and self.y > TOP + 1e-6:
            self.new_page()

    def space(self, height: float) -> None:
        self.y += height

    # drawing primitives (x from the left margin, y from the page top, in inches)
    def _text(self, x: float, y: float, s: str, size: float, *, bold: bool = False, color: str = "black",
              ha: str = "left") -> None:
        """One string with its baseline at `y`."""
        self._block.add(LEFT + x, A4[1] - y, s, size, bold, ha, color)

    def _hline(self, x0: float, x1: float, y: float, lw: float = 0.5, color: str = "black") -> None:
        self.fig.add_artist(Line2D([LEFT + x0, LEFT + x1], [A4[1] - y] * 2, lw=lw, color=color,
                                   transform=self.fig.dpi_scale_trans))

    def _box(self, x: float, y: float, w: float, h: float, color: str) -> None:
        self.fig.add_artist(Rectangle((LEFT + x, A4[1] - y - h), w, h, facecolor=color, edgecolor="none",
                                      transform=self.fig.dpi_scale_trans, zorder=-1))

    # flowing content
    def part(self, text: str, *, short: bool = False) -> None:
        """A numbered part of the report: on a new page, unless it is `short` (a few lines
        saying there is nothing to show) or the page holds only the end of the part before
        (a paragraph that ran over), and it fits below; so no page is almost empty."""
        empty = self.y <= TOP + 1e-6
        spill = not empty and self.y < TOP + SPILL
        if not empty and not ((short or spill) and self.room >= SHORT_PART):
            self.new_page()
        self.heading(text)

    def heading(self, text: str, size: float = 13) -> None:
        self.ensure(size * 3.2 / 72 + 1.0)  # keep a heading with what follows it
        if self.y > TOP + 1e-6:
            self.space(0.12)
        self.space(size * LINE / 72)
        self._text(0, self.y, text, size, bold=True)
        self._hline(0, self.width, self.y + 0.06, lw=0.8)
        self.space(0.16)

    def subheading(self, text: str, size: float = 9.5, keep: float = 0.6) -> None:
        self.ensure(size * LINE / 72 + keep)
        self.space(0.05 + size * LINE / 72)
        self._text(0, self.y, text, size, bold=True)
        self.space(0.05)

    def paragraph(self, text: str, size: float = 8.5, *, bold: bool = False, color: str = "black",
                  indent: float = 0.0, after: float = 0.05) -> None:
        pitch = size * LINE / 72
        for line in wrap(text, self.width - indent, size, bold):
            self.ensure(pitch)
            self.space(pitch)
            self._text(indent, self.y, line, size, bold=bold, color=color)
        self.space(after)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, size: float = 8,
              bold_first_column: bool = False, zebra: bool = True, pad: float = 0.035,
              gap: float = 0.08, keep_last: int = 3) -> None:
        """Rows of cells that wrap inside their column; the header repeats on each page.

        A row starts on the next page when it does not fit, and a row taller than a whole
        page is split across pages (its lines continue under the repeated header), so no
        text ever runs over the footer. The last `keep_last` rows go to a page together,
        so a table never ends with a page holding one orphan row.
        """
        pitch = size * LINE / 72
        x_positions = []
        x = 0.0
        for col in columns:
            x_positions.append(x)
            x += col.width
        total = x

        def cell_lines(text: str, col: Column, bold: bool) -> list[str]:
            return wrap(text, col.width - gap, size, bold) or [""]

        header = [cell_lines(c.header, c, True) for c in columns]
        header_h = max(len(h) for h in header) * pitch + 2 * pad
        wrapped = [[cell_lines(str(c), col, bold_first_column and j == 0)
                    for j, (c, col) in enumerate(zip(row, columns, strict=True))] for row in rows]
        heights = [max(len(c) for c in cells) * pitch + 2 * pad for cells in wrapped]
        full_page = A4[1] - BOTTOM - TOP - header_h  # room for rows on a page of their own

        def draw_header() -> None:
            top = self.y
            for col, lines, x0 in zip(columns, header, x_positions, strict=True):
                self._cell(lines, col, x0, top + pad, pitch, size, bold=True, gap=gap)
            self.space(header_h)
            self._hline(0, total, self.y, lw=0.6)

        def next_page() -> None:
            self.new_page()
            draw_header()

        self.ensure(header_h + (min(heights[0], full_page) if rows else 0))
        draw_header()
        n = len(rows)
        for i, (cells, h) in enumerate(zip(wrapped, heights, strict=True)):
            if n > keep_last and i == n - keep_last:
                rest = sum(heights[i:])
                if rest > self.room and rest <= full_page and i > 0:
                    next_page()
            if h > self.room and h <= full_page:
                next_page()
            shade = zebra and i % 2 == 1
            start = 0  # the first line of this row still to draw
            n_lines = max(len(c) for c in cells)
            while True:
                if self.room < pitch + 2 * pad:
                    next_page()
                fit = max(1, int((self.room - 2 * pad + 1e-9) // pitch))
                part = min(n_lines - start, fit)
                part_h = part * pitch + 2 * pad
                top = self.y
                if shade:
                    self._box(0, top, total, part_h, "0.92")
                for j, (col, lines, x0) in enumerate(zip(columns, cells, x_positions, strict=True)):
                    self._cell(lines[start:start + part], col, x0, top + pad, pitch, size,
                               bold=bold_first_column and j == 0, gap=gap)
                self.space(part_h)
                start += part
                if start >= n_lines:
                    break
                next_page()  # the rest of a row taller than the page
        self._hline(0, total, self.y, lw=0.6)
        self.space(0.1)

    def _cell(self, lines: list[str], col: Column, x0: float, top: float, pitch: float, size: float,
              *, bold: bool, gap: float) -> None:
        if col.align == "right":
            x, ha = x0 + col.width - gap, "right"
        elif col.align == "center":
            x, ha = x0 + col.width / 2, "center"
        else:
            x, ha = x0, "left"
        for k, line in enumerate(lines):
            if line:
                self._text(x, top + (k + 0.78) * pitch, line, size, bold=bold, ha=ha)

    def chart(self, height: float, draw: Callable[[Figure, Rect], None]) -> None:
        """Reserve `height` inches and let `draw(fig, rect)` add axes; `rect(x, y, w, h)`
        (inches, from this block's top-left corner) gives add_axes' figure fractions."""
        self.ensure(height)
        top = self.y

        def rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
            return (LEFT + x) / A4[0], (A4[1] - top - y - h) / A4[1], w / A4[0], h / A4[1]

        draw(self.fig, rect)
        self.space(height)

    # output
    def _decorate(self) -> None:
        n = len(self.pages)
        for i, fig in enumerate(self.pages, 1):
            fig.text(LEFT / A4[0], 1 - 0.45 / A4[1], self.header, fontsize=7.5, color=GREY, ha="left", va="baseline")
            fig.text(1 - RIGHT / A4[0], 1 - 0.45 / A4[1], f"Page {i} of {n}", fontsize=7.5, color=GREY,
                     ha="right", va="baseline")
            fig.text(LEFT / A4[0], 0.42 / A4[1], self.footer, fontsize=6.5, color=GREY, ha="left", va="baseline")

    def save(self, path: str, metadata: dict[str, Any]) -> int:
        """Write every page to `path` as one PDF; return the number of pages."""
        self._decorate()
        with _quiet_fonts(), PdfPages(path, metadata=metadata) as pdf:
            for fig in self.pages:
                rc = CORE_RC if _core_font_safe(fig) else EMBED_RC
                with matplotlib.rc_context(cast(Any, rc)):
                    pdf.savefig(fig)
        return len(self.pages)


def _core_font_safe(fig: Figure) -> bool:
    """Whether every string of the page is in Windows-1252 (PDF's built-in Helvetica)."""
    strings = [t.get_text() for t in fig.findobj(Text)]
    strings += [item[2] for a in fig.get_children() if isinstance(a, TextBlock) for item in a.items]
    try:
        for text in strings:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True

