"""The parts of a report table (what the manager chose, its columns, cells and rows) as the page
shows them and a CSV file holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opencex.catalogue.models import ServiceArea
from opencex.insight.breakdown import Breakdown
from opencex.insight.periods import Period

NOTHING = "\N{EN DASH}"
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportChoice:
    """The period chosen, `today` for the figures that are as they stand now, and the one
    service area the casework tables are narrowed to, if any."""

    period: Period
    today: date
    service_area: ServiceArea | None = None

    @property
    def breakdown(self) -> Breakdown:
        return Breakdown(self.service_area)


@dataclass(frozen=True)
class Cell:
    value: str | int | float | date | None
    kind: str = "text"  # text, count, percent (a share, 0 to 1), average, days, points or date

    @property
    def is_numeric(self) -> bool:
        return self.kind not in {"text", "date"}

    def as_html(self) -> str:
        """As read on the page; a dash where there is nothing to show (no rate in an empty
        period)."""
        value = self.value
        if value is None:
            return NOTHING
        if isinstance(value, str):
            return value
        if isinstance(value, date):
            return date_format(value, "j F Y") if self.kind == "date" else str(value)
        if self.kind == "count":
            return f"{value:,}"
        if self.kind == "percent":
            return f"{value * 100:.1f}%"
        if self.kind == "average":
            return f"{value:.2f}"
        if self.kind == "days":
            return f"{value:.1f}"
        if self.kind == "points":
            return _("%(points)s percentage points") % {"points": f"{value:+.1f}"}
        return str(value)

    def as_csv(self) -> str | int | float:
        """As a spreadsheet wants it: bare numbers (percentages as 0 to 100), dates as
        2026-03-02, text that cannot be mistaken for a formula, and an empty cell for nothing."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int | float):
            if self.kind == "percent":
                return round(value * 100, 1)
            if self.kind in {"average", "points"}:
                return round(value, 2)
            if self.kind == "days":
                return round(value, 1)
        if self.kind == "text" and str(value).startswith(_FORMULA_STARTS):
            return f"'{value}"
        return value


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = "text"

    @property
    def is_numeric(self) -> bool:
        return self.kind not in {"text", "date"}

    @property
    def csv_heading(self) -> str:
        return f"{self.heading} (%)" if self.kind == "percent" else self.heading


@dataclass(frozen=True)
class ChartChoice:
    """How a table is drawn above itself (`{% chart %}`, opencex.insight.charts): `kind` (bar,
    column, line or heatmap), the `value` column (heading or position; by default the first
    numeric one), whether to leave out a last `total_row`, and what is counted (`measure`, in the
    plural, for the text summary)."""

    kind: str = "bar"
    value: str | int | None = None
    total_row: bool = False
    measure: str = ""


@dataclass(frozen=True)
class Table:
    """A table of figures. Its first `header_columns` cells name each row. `as_of` is set when the
    figures are as they stand on a day rather than for the period; `narrowed_to` is the slug of
    the one service area they are for; `empty` is said instead of a table with no rows; `chart`
    says how the page draws it, if it does."""

    slug: str
    title: str
    explanation: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    header_columns: int = 1
    empty: str = ""
    as_of: date | None = None
    narrowed_to: str = ""
    chart: ChartChoice | None = None

    def csv_name(self, period: Period) -> str:
        """The CSV file's name: the table, the service area, and the period (or the day)."""
        parts = [self.slug, self.narrowed_to]
        if self.as_of is not None:
            parts.append(self.as_of.isoformat())
        else:
            parts.append(f"{period.start.isoformat()}-to-{period.end.isoformat()}")
        return "-".join(part for part in parts if part) + ".csv"

    def add(self, *values) -> None:
        """A row: the values take their column's kind."""
        self.rows.append(
            [Cell(value, column.kind) for value, column in zip(values, self.columns, strict=True)]
        )

    def csv_rows(self) -> list[list]:
        return [[column.csv_heading for column in self.columns]] + [
            [cell.as_csv() for cell in row] for row in self.rows
        ]
