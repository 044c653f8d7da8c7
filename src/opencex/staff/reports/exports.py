"""Report tables as an Excel workbook (XLSX), one sheet per table, for any staff page that shows
`cells.Table`s: numbers stay numbers, a share is a number formatted as a percentage, a date is a
date, and text that a spreadsheet would run as a formula is kept as text with the same guard as
the CSV files (docs/dashboards.md)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from opencex.insight.periods import Period
from opencex.staff.reports.cells import Cell, Column, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How each kind of cell is shown; the value underneath keeps every digit.
NUMBER_FORMATS = {
    "count": "#,##0",
    "percent": "0.0%",
    "average": "0.00",
    "days": "0.0",
    "points": "+0.0;-0.0;0.0",
    "date": "d mmm yyyy",
}
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_LENGTH = 31  # Excel's limit


def cell_value(cell: Cell) -> str | int | float | date | None:
    """What the spreadsheet holds: the number or date itself, or guarded text."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, datetime):
        # A spreadsheet has no time zone: write the council's local time, as the page shows it.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, date | int | float) and not isinstance(value, bool):
        return value
    return str(cell.as_csv())  # text, with the formula guard the CSV has


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    words = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", str(title)).split())
    name = words[:_SHEET_NAME_LENGTH].strip() or "Sheet"
    candidate, number = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate = name[: _SHEET_NAME_LENGTH - len(suffix)].strip() + suffix
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _heading(column: Column) -> str:
    return str(Cell(column.heading).as_csv())


def workbook(tables: Sequence[Table]) -> bytes:
    """The tables as one workbook: each on its own sheet, headings in the first row (bold and
    kept in view), then one row per table row; a table with no rows is a sheet of headings."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.title, taken))
        sheet.append([_heading(column) for column in table.columns])
        for heading in sheet[1]:
            heading.font = Font(bold=True)
        for row in table.rows:
            sheet.append([cell_value(cell) for cell in row])
            for spreadsheet_cell, cell in zip(sheet[sheet.max_row], row, strict=True):
                if cell.kind in NUMBER_FORMATS and cell.value is not None:
                    spreadsheet_cell.number_format = NUMBER_FORMATS[cell.kind]
                if isinstance(spreadsheet_cell.value, str):
                    spreadsheet_cell.data_type = "s"  # never a formula
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns, start=1):
            width = max(
                [len(column.heading)] + [len(row[index - 1].as_html()) for row in table.rows]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, width + 2))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def xlsx_response(tables: Sequence[Table], filename: str) -> HttpResponse:
    """The tables as a downloaded XLSX file called `filename`."""
    response = HttpResponse(workbook(tables), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_name(csv_name: str) -> str:
    """A table's file name (`Table.csv_name`) for the XLSX file."""
    return csv_name.removesuffix(".csv") + ".xlsx"


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as a downloaded CSV file called `filename` (UTF-8 that Excel reads as such)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    csv.writer(response).writerows(table.csv_rows())
    return response


@dataclass(frozen=True)
class PageTables:
    """What a page of figures shows for the choice in a request: its period and, by slug, how to
    build each of its tables (only the one asked for is built for a single download)."""

    period: Period
    builders: dict[str, Callable[[], Table]]


# How a page reads the request: its tables, or None when the choice is wrong (the page, not a
# file, shows what is wrong). It checks the permission first.
Reader = Callable[[HttpRequest], PageTables | None]


def _back(request: HttpRequest, page: str) -> HttpResponse:
    return redirect(f"{reverse(page)}?{request.GET.urlencode()}")


def _one(request: HttpRequest, slug: str, read: Reader) -> tuple[Table, Period] | None:
    found = read(request)
    if found is None:
        return None
    if slug not in found.builders:
        raise Http404
    return found.builders[slug](), found.period


def table_csv(request: HttpRequest, slug: str, *, page: str, read: Reader) -> HttpResponse:
    """One table of the page (URL name `page`) as a CSV file, for the same choice."""
    found = _one(request, slug, read)
    if found is None:
        return _back(request, page)
    table, period = found
    return csv_response(table, table.csv_name(period))


def table_xlsx(request: HttpRequest, slug: str, *, page: str, read: Reader) -> HttpResponse:
    """One table of the page as an Excel file, for the same choice."""
    found = _one(request, slug, read)
    if found is None:
        return _back(request, page)
    table, period = found
    return xlsx_response([table], xlsx_name(table.csv_name(period)))


def tables_xlsx(request: HttpRequest, *, page: str, read: Reader, name: str) -> HttpResponse:
    """Every table of the page in one workbook, a sheet each, called `name`-<dates>.xlsx."""
    found = read(request)
    if found is None:
        return _back(request, page)
    period = found.period
    tables = [build() for build in found.builders.values()]
    return xlsx_response(
        tables, f"{name}-{period.start.isoformat()}-to-{period.end.isoformat()}.xlsx"
    )
