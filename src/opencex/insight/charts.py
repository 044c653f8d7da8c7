"""Charts drawn on the server as inline SVG from a table of figures: a horizontal bar chart for
categories, a column or line chart over time, and an hour by weekday heat map.

A chart never stands alone: it is an image (`role="img"`) labelled by its title and a text summary
generated from the same figures, and the page shows the table it was drawn from next to it (the
table is the source of truth). Every bar and square has its value written on it, so colour is
never the only way to read it, and the colours meet WCAG contrast. No script, no style attribute
(the Content Security Policy blocks both): only SVG presentation attributes.

A chart is drawn from anything shaped like `staff.reports.cells.Table` (`slug`, `title`,
`columns` with `heading` and `kind`, `rows` of cells with `value`): this domain app does not
import the staff workspace. docs/dashboards.md shows how to put one on a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

KINDS = ("bar", "column", "line", "heatmap")

# GOV.UK colours. Bars and lines on white: 5.2:1 (blue) and over 4.5:1 for the text beside them.
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"  # 7:1 on white
BAR = "#1d70b8"
AXIS = "#b1b4b6"
# Heat map squares from few to many, each with a text colour that reads on it at 4.5:1 or more.
HEAT_LEVELS = (
    ("#ffffff", TEXT),
    ("#d2e2f1", TEXT),
    ("#8eb8dc", TEXT),
    ("#1d70b8", "#ffffff"),
    ("#003078", "#ffffff"),
)
FONT = "GDS Transport, arial, sans-serif"


class _Cell(Protocol):
    value: Any


class _Column(Protocol):
    heading: str
    kind: str


class TableLike(Protocol):
    slug: str
    title: str
    columns: Sequence[_Column]
    rows: Sequence[Sequence[_Cell]]


@dataclass(frozen=True)
class ChartSpec:
    """What to draw: a label and a value for each bar or point (`points`), or for a heat map a
    grid of values (`grid`: rows named by `row_labels`, columns by `column_labels`)."""

    kind: str
    slug: str
    title: str
    measure: str  # what is counted, in the plural: "cases", "contacts and cases"
    # A value of None is one the table does not show (a small number kept back): no bar is drawn
    # and the chart says so, rather than drawing it as 0.
    points: list[tuple[str, float | None]] = field(default_factory=list)
    row_labels: list[str] = field(default_factory=list)
    column_labels: list[str] = field(default_factory=list)
    grid: list[list[float]] = field(default_factory=list)
    unit: str = ""  # "percent": the values are percentages (0 to 100), not counts

    @property
    def title_id(self) -> str:
        return f"{self.slug}-chart-title"

    @property
    def summary_id(self) -> str:
        return f"{self.slug}-chart-summary"


def _label(value: Any) -> str:
    if isinstance(value, date):
        return date_format(value, "j M Y")
    return "" if value is None else str(value)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _shown_number(value: Any, kind: str) -> float | None:
    """A cell's value as drawn: a share (0 to 1) as a percentage; text (a count kept back, such
    as "fewer than 5") or nothing as None, never as 0."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return float(value) * 100 if kind == "percent" else float(value)


def _column_index(table: TableLike, value: str | int | None) -> int:
    """The column to draw: by heading, by position, or the first numeric one."""
    if isinstance(value, int):
        return value
    for index, column in enumerate(table.columns):
        if value is None and column.kind not in {"text", "date"} and index > 0:
            return index
        if value is not None and column.heading == value:
            return index
    raise ValueError(f"The table {table.slug} has no column {value!r} to draw.")


def chart_spec(
    table: TableLike,
    kind: str = "bar",
    *,
    value: str | int | None = None,
    total_row: bool = False,
    measure: str = "",
) -> ChartSpec:
    """A chart of `table`: each row's first cell names a bar or point and its `value` column
    (a heading or position; by default the first numeric column) gives its length; a heat map
    takes every numeric column but a last "Total" one. `total_row`: leave out the last row (a
    total, which would dwarf the rest)."""
    if kind not in KINDS:
        raise ValueError(f"No chart of kind {kind!r}; choose one of {', '.join(KINDS)}.")
    rows = list(table.rows[:-1] if total_row else table.rows)
    measure = measure or _("cases")
    if kind == "heatmap":
        columns = [
            index
            for index, column in enumerate(table.columns)
            if index > 0 and column.kind == "count" and column.heading != _("Total")
        ]
        return ChartSpec(
            kind,
            table.slug,
            table.title,
            measure,
            row_labels=[_label(row[0].value) for row in rows],
            column_labels=[table.columns[index].heading for index in columns],
            grid=[[_number(row[index].value) for index in columns] for row in rows],
        )
    index = _column_index(table, value)
    column_kind = table.columns[index].kind
    points = [(_label(row[0].value), _shown_number(row[index].value, column_kind)) for row in rows]
    unit = "percent" if column_kind == "percent" else ""
    return ChartSpec(kind, table.slug, table.title, measure, points=points, unit=unit)


# The text summary


def _count(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _figure(spec: ChartSpec, value: float) -> str:
    return f"{value:.1f}%" if spec.unit == "percent" else _count(value)


def _not_shown(spec: ChartSpec) -> str:
    hidden = [label for label, value in spec.points if value is None]
    if not hidden:
        return ""
    return " " + _("Not shown (too few to show, or nothing to work out): %(labels)s.") % {
        "labels": ", ".join(hidden)
    }


def _percent_summary(spec: ChartSpec, points: list[tuple[str, float]]) -> str:
    top, top_value = max(points, key=lambda point: point[1])
    low, low_value = min(points, key=lambda point: point[1])
    words = _("Highest: %(top)s (%(value)s).") % {"top": top, "value": _figure(spec, top_value)}
    if len(points) > 1:
        words += " " + _("Lowest: %(low)s (%(value)s).") % {
            "low": low,
            "value": _figure(spec, low_value),
        }
    return words


def summary(spec: ChartSpec) -> str:
    """One or two sentences a screen reader reads out, from the figures themselves."""
    if spec.kind == "heatmap":
        return _heat_map_summary(spec)
    return _points_summary(spec) + _not_shown(spec)


def _points_summary(spec: ChartSpec) -> str:
    points = [(label, value) for label, value in spec.points if value is not None]
    if not points or (spec.unit != "percent" and not any(value for _label, value in points)):
        return _("No %(measure)s to show.") % {"measure": spec.measure}
    if spec.unit == "percent":
        return _percent_summary(spec, points)
    total = sum(value for _label, value in points)
    if spec.kind == "bar":
        ordered = sorted(points, key=lambda point: -point[1])
        (top, top_value), (bottom, bottom_value) = ordered[0], ordered[-1]
        if len(points) < len(spec.points):
            # Some are kept back: a share of what is shown would mislead.
            words = _("Most %(measure)s: %(top)s (%(value)s).") % {
                "measure": spec.measure,
                "top": top,
                "value": _count(top_value),
            }
        else:
            words = _("Most %(measure)s: %(top)s (%(value)s, %(share)s of %(total)s).") % {
                "measure": spec.measure,
                "top": top,
                "value": _count(top_value),
                "share": f"{top_value / total:.0%}",
                "total": _count(total),
            }
        if len(ordered) > 1:
            words += " " + _("Fewest: %(bottom)s (%(value)s).") % {
                "bottom": bottom,
                "value": _count(bottom_value),
            }
        return words
    peak, peak_value = max(points, key=lambda point: point[1])
    low, low_value = min(points, key=lambda point: point[1])
    return _(
        "%(total)s %(measure)s from %(first)s to %(last)s. Highest: %(peak)s (%(peak_value)s); "
        "lowest: %(low)s (%(low_value)s)."
    ) % {
        "total": _count(total),
        "measure": spec.measure,
        "first": spec.points[0][0],
        "last": spec.points[-1][0],
        "peak": peak,
        "peak_value": _count(peak_value),
        "low": low,
        "low_value": _count(low_value),
    }


def _heat_map_summary(spec: ChartSpec) -> str:
    total = sum(sum(row) for row in spec.grid)
    if not total:
        return _("No %(measure)s to show.") % {"measure": spec.measure}
    busiest = max(
        (
            (value, row_label, column_label)
            for row_label, row in zip(spec.row_labels, spec.grid, strict=True)
            for column_label, value in zip(spec.column_labels, row, strict=True)
        ),
        key=lambda square: square[0],
    )
    by_row = [(sum(row), label) for label, row in zip(spec.row_labels, spec.grid, strict=True)]
    busiest_row = max(by_row, key=lambda row: row[0])
    quietest_row = min(by_row, key=lambda row: row[0])
    return _(
        "%(total)s %(measure)s. Busiest hour: %(day)s at %(hour)s (%(value)s). Busiest day: "
        "%(top_day)s (%(top_value)s); quietest: %(low_day)s (%(low_value)s)."
    ) % {
        "total": _count(total),
        "measure": spec.measure,
        "day": busiest[1],
        "hour": busiest[2],
        "value": _count(busiest[0]),
        "top_day": busiest_row[1],
        "top_value": _count(busiest_row[0]),
        "low_day": quietest_row[1],
        "low_value": _count(quietest_row[0]),
    }


# Drawing


def _attrs(**attributes: Any) -> str:
    return " ".join(
        f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for name, value in attributes.items()
    )


def _text(x: float, y: float, words: str, **attributes: Any) -> str:
    attributes.setdefault("fill", TEXT)
    attributes.setdefault("font_size", 14)
    return f"<text {_attrs(x=f'{x:g}', y=f'{y:g}', **attributes)}>{escape(words)}</text>"


def _svg(spec: ChartSpec, width: float, height: float, body: list[str]) -> SafeString:
    opening = _attrs(
        xmlns="http://www.w3.org/2000/svg",
        class_="app-chart",
        role="img",
        aria_labelledby=f"{spec.title_id} {spec.summary_id}",
        viewBox=f"0 0 {width:g} {height:g}",
        width="100%",
        font_family=FONT,
        focusable="false",
    )
    return mark_safe(  # noqa: S308 - every piece of text was escaped above
        f"<svg {opening}>"
        f'<title id="{escape(spec.title_id)}">{escape(spec.title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _bar(spec: ChartSpec) -> SafeString:
    label_width, bar_width, row_height, value_room = 240, 420, 28, 80
    largest = max((value or 0 for _label, value in spec.points), default=0) or 1
    if spec.unit == "percent":
        largest = max(largest, 100)  # a share is drawn against the whole
    body = []
    for position, (label, value) in enumerate(spec.points):
        top = position * row_height
        short = label if len(label) <= 32 else label[:31] + "\N{HORIZONTAL ELLIPSIS}"
        body.append(_text(label_width - 8, top + 19, short, text_anchor="end"))
        if value is None:
            body.append(_text(label_width + 6, top + 19, _("not shown"), fill=SECONDARY_TEXT))
            continue
        length = bar_width * value / largest
        body.append(
            f"<rect {_attrs(x=label_width, y=top + 4, width=f'{length:.1f}', height=20, fill=BAR)}/>"  # noqa: E501
        )
        body.append(_text(label_width + length + 6, top + 19, _figure(spec, value)))
    height = max(len(spec.points), 1) * row_height + 4
    body.append(f"<line {_attrs(x1=label_width, y1=0, x2=label_width, y2=height, stroke=AXIS)}/>")
    return _svg(spec, label_width + bar_width + value_room, height, body)


def _over_time(spec: ChartSpec) -> SafeString:
    left, top, plot_height, bottom_room = 36, 24, 200, 56
    # Always about 720 wide, so that a few weeks are not drawn larger than a year of days.
    step = max(12, 720 // max(len(spec.points), 1))
    largest = max((value or 0 for _label, value in spec.points), default=0) or 1
    if spec.unit == "percent":
        largest = max(largest, 100)
    width = left * 2 + step * max(len(spec.points), 1)
    base = top + plot_height
    body = [f"<line {_attrs(x1=left, y1=base, x2=width - left, y2=base, stroke=AXIS)}/>"]
    every = max(1, math.ceil(80 / step))  # dates under the axis at least 80 apart
    line = []
    for position, (label, value) in enumerate(spec.points):
        middle = left + step * position + step / 2
        if position % every == 0:
            body.append(
                _text(middle, base + 16, label, text_anchor="middle", font_size=11,
                      fill=SECONDARY_TEXT)
            )  # fmt: skip
        if value is None:
            continue
        height = plot_height * value / largest
        if spec.kind == "column":
            body.append(
                f"<rect {_attrs(x=f'{middle - step * 0.35:.1f}', y=f'{base - height:.1f}', width=f'{step * 0.7:.1f}', height=f'{height:.1f}', fill=BAR)}/>"  # noqa: E501
            )
        else:
            line.append(f"{middle:.1f},{base - height:.1f}")
            body.append(
                f"<circle {_attrs(cx=f'{middle:.1f}', cy=f'{base - height:.1f}', r=4, fill=BAR)}/>"
            )
        if step >= 18:  # room to write each value; with more points, the table beside has them
            raised = base - height - (10 if spec.kind == "line" else 6)
            body.append(
                _text(middle, raised, _figure(spec, value), text_anchor="middle", font_size=11)
            )
    if line:
        body.insert(
            1,
            f"<polyline {_attrs(points=' '.join(line), fill='none', stroke=BAR, stroke_width=3)}/>",
        )
    return _svg(spec, width, base + bottom_room - 24, body)


def heat_level(value: float, largest: float) -> int:
    """Which of the HEAT_LEVELS a square takes: 0 for nothing, then quarters of the largest."""
    if value <= 0 or largest <= 0:
        return 0
    return min(len(HEAT_LEVELS) - 1, 1 + int(4 * value / largest - 1e-9))


def _heat_map(spec: ChartSpec) -> SafeString:
    label_width, size, header = 100, 30, 22
    largest = max((value for row in spec.grid for value in row), default=0)
    body = [
        _text(label_width + size * index + size / 2, 15, label, text_anchor="middle",
              font_size=11, fill=SECONDARY_TEXT)
        for index, label in enumerate(spec.column_labels)
    ]  # fmt: skip
    for row_index, (label, row) in enumerate(zip(spec.row_labels, spec.grid, strict=True)):
        top = header + row_index * size
        body.append(_text(label_width - 8, top + 20, label, text_anchor="end", font_size=13))
        for column_index, value in enumerate(row):
            fill, ink = HEAT_LEVELS[heat_level(value, largest)]
            left = label_width + column_index * size
            body.append(
                f"<rect {_attrs(x=left, y=top, width=size, height=size, fill=fill, stroke=AXIS)}/>"
            )
            body.append(
                _text(left + size / 2, top + 19, _count(value), text_anchor="middle",
                      font_size=10, fill=ink)
            )  # fmt: skip
    width = label_width + size * max(len(spec.column_labels), 1) + 4
    return _svg(spec, width, header + size * max(len(spec.row_labels), 1) + 4, body)


def render(spec: ChartSpec) -> SafeString:
    """The chart as inline SVG, then its text summary as a paragraph that a sighted reader sees
    too (the SVG is labelled by the title and that paragraph)."""
    drawing = {"bar": _bar, "column": _over_time, "line": _over_time, "heatmap": _heat_map}
    svg = drawing[spec.kind](spec)
    return mark_safe(  # noqa: S308 - the summary is escaped
        f'<figure class="app-chart-figure govuk-!-margin-0 govuk-!-margin-bottom-4">{svg}'
        f'<figcaption class="govuk-body" id="{escape(spec.summary_id)}">'
        f"{escape(summary(spec))}</figcaption></figure>"
    )


def chart(table: TableLike, kind: str = "bar", **options: Any) -> SafeString:
    """`table` drawn as a chart of `kind` (options as `chart_spec`), with its summary."""
    return render(chart_spec(table, kind, **options))
