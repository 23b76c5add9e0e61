"""The arrangement as spreadsheets: the members table (csv), plus one sheet per section (xlsx)."""
from __future__ import annotations

from ..graph_builder.records import Arrangement
from .members import members_table, section_sheets
from .spreadsheet import FORMATS as SPREADSHEET_FORMATS
from .spreadsheet import csv_bytes, xlsx_bytes


def table_bytes(arrangement: Arrangement, fmt: str) -> bytes:
    """``xlsx``: the sheet 'members' first, then one sheet per section; ``csv``: the members table."""
    headers, rows = members_table(arrangement)
    if fmt == "csv":
        return csv_bytes(headers, rows)
    return xlsx_bytes({"members": (headers, rows), **section_sheets(arrangement)})


__all__ = ["SPREADSHEET_FORMATS", "table_bytes"]
