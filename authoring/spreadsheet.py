"""Spreadsheet files (xlsx through openpyxl, csv through the standard library) as plain tables:
a header row and rows of text cells, each cell knowing where it is for error messages."""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.errors import GovgraphError

FORMATS = ("xlsx", "csv")


class SpreadsheetUnreadable(GovgraphError, ValueError):
    """The file is not a spreadsheet this reads (wrong suffix, damaged, or no header row)."""


@dataclass
class Table:
    """One sheet: header names as written, rows of cell texts by column position."""

    file: Path
    sheet: str | None  # None for CSV
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number in the file, cells)
    header_row: int = 1

    def where(self, row: int, column: int) -> str:
        """`members.xlsx!Sheet1:C14`, or `members.csv:14` for CSV (the column is named in the message)."""
        if self.sheet is None:
            return f"{self.file}:{row}"
        from openpyxl.utils import get_column_letter

        return f"{self.file}!{self.sheet}:{get_column_letter(column + 1)}{row}"


def cell_text(value: Any) -> str:
    """A cell as text: dates as ISO days, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(file: Path, sheet: str | None, raw_rows: list[tuple[int, list[str]]]) -> Table:
    rows = [(n, cells) for n, cells in raw_rows if any(cells)]
    if not rows:
        raise SpreadsheetUnreadable(f"{file}: the {'sheet' if sheet else 'file'} has no header row")
    (header_row, headers), *body = rows
    width = len(headers)
    return Table(file, sheet, headers, [(n, (cells + [""] * width)[:max(width, len(cells))]) for n, cells in body],
                 header_row)


def read_table(file: Path, sheet_name: str = "members") -> Table:
    """The members sheet of an xlsx workbook (the sheet of that name, else the first), or a CSV file."""
    suffix = file.suffix.lower()
    if suffix == ".csv":
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SpreadsheetUnreadable(f"{file}: not UTF-8 text ({exc.reason}); save the CSV as UTF-8") from exc
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = []
        for cells in reader:
            rows.append((reader.line_num, [c.strip() for c in cells]))
        return _table(file, None, rows)
    if suffix != ".xlsx":
        raise SpreadsheetUnreadable(f"{file}: give an .xlsx or a .csv file (save other formats as one of these)")
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise SpreadsheetUnreadable(f"{file}: not a readable xlsx workbook ({exc})") from exc
    try:
        names = {name.casefold(): name for name in book.sheetnames}
        sheet = book[names.get(sheet_name.casefold(), book.sheetnames[0])]
        rows = [(n, [cell_text(v) for v in values])
                for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
        return _table(file, sheet.title, rows)
    finally:
        book.close()


def csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(sheets: dict[str, tuple[list[str], list[list[str]]]]) -> bytes:
    """A workbook with one sheet per entry (name -> header and rows), header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title=name[:31])  # Excel's limit on sheet names
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append(row)
        for index, header in enumerate(headers, start=1):
            longest = max([len(header)] + [len(r[index - 1]) for r in rows if index - 1 < len(r)])
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, longest + 2)
    out = io.BytesIO()
    book.properties.creator = "govgraph"
    # a fixed creation time so that the same arrangement gives the same bytes
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    book.save(out)
    return out.getvalue()
