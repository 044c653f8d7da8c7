"""Report tables as an Excel workbook (XLSX), one sheet per table, for any staff page that shows
`cells.Table`s: numbers stay numbers, a share is a number formatted as a percentage, a date is a
date, and text that a spreadsheet would run as a formula is kept as text with the same guard as
the CSV files (docs/dashboards.md)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
