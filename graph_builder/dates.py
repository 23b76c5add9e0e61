"""Dates as the sources give them: exact days, months, years, vague phrases, or unknown.

Only ISO forms are accepted in source files; a slashed date such as 12/1/17 is refused because
its day/month order cannot be known from the text alone (put the printed form in date-printed).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .errors import shown

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
HINT = ("write 2017-01-12 (a day), 2017-01 (a month), 2017 (a year), unknown, or "
        "{vague: \"early 2017\", within: 2017} (or not-before: / not-after: instead of within:)")
VAGUE_KEYS = {"vague", "within", "not-before", "not-after"}
SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")


def spoken(day: dt.date) -> str:
    """A day as people write it: 12 January 2017."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def no_such_day(year: int, month: int, day: int) -> str:
    """Why a year, month and day make no date: 'there is no 30 February 2017'."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"there is no {day} {calendar.month_name[month]} {year}"


def _slashed(text: str, first: int, second: int, year_text: str) -> str:
    """The readings of a slashed date, or why it has none."""
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    readings: list[str] = []
    for day, month in ((first, second), (second, first)):  # UK order first, then US
        try:
            reading = spoken(dt.date(year, month, day))
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    century = f" (a two-digit year is read as {year})" if len(year_text) == 2 else ""
    iso = "write it as YYYY-MM-DD and keep the printed form in date-printed:"
    if not readings:
        return f"{text} is not a date: {no_such_day(year, second, first)}, nor in the other order{century}"
    if len(readings) == 1:
        return f"{text} can only be {readings[0]}{century}; {iso}"
    return f"{text} is ambiguous: {readings[0]} or {readings[1]}{century}; {iso.replace('write it', 'write the one meant')}"


class DateProblem(ValueError):
    """A date value that cannot be read; the message says why."""


@dataclass(frozen=True)
class DateValue:
    """A date with its precision and the first and last day it can fall on (None if unknown)."""

    precision: str  # day | month | year | vague | unknown
    earliest: dt.date | None
    latest: dt.date | None
    text: str



def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(value: Any) -> DateValue:
    """Read one date value from a source file, or raise ``DateProblem``."""
    if isinstance(value, dt.datetime):
        raise DateProblem("a date may not carry a time of day")
    if isinstance(value, dt.date):
        return DateValue("day", value, value, value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dict):
        return _vague(value)
    if not isinstance(value, str):
        raise DateProblem(f"{shown(value)} is not a date")
    text = value.strip()
    if text == "unknown":
        return DateValue("unknown", None, None, "unknown")
    if m := DAY.match(text):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise DateProblem(f"{text} is not a real calendar day: {no_such_day(int(m[1]), int(m[2]), int(m[3]))}") from exc
        return DateValue("day", day, day, text)
    if m := MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise DateProblem(f"{text} has no month {month}")
        return DateValue("month", dt.date(year, month, 1), _month_end(year, month), text)
    if m := YEAR.match(text):
        year = int(m[1])
        return DateValue("year", dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    if m := SLASHED.match(text):
        raise DateProblem(_slashed(text, int(m[1]), int(m[2]), m[3]))
    if "/" in text:
        raise DateProblem(f"{text} is ambiguous: day/month order and century cannot be told from the text")
    raise DateProblem(f"{shown(text)} is not a date this format understands")


def _plain(value: Any, key: str) -> DateValue:
    bounds = parse_date(value)
    if bounds.precision in ("vague", "unknown"):
        raise DateProblem(f"'{key}' must be a day, month or year")
    return bounds


def _vague(value: dict) -> DateValue:
    """Words as printed plus only the bounds they guarantee: within a period, or not before/after a day."""
    if set(value) - VAGUE_KEYS or "vague" not in value:
        raise DateProblem("a vague date needs 'vague' (the words as printed) and may have 'within', 'not-before', 'not-after'")
    words = str(value["vague"]).strip()
    if not words:
        raise DateProblem("a vague date needs its words, e.g. vague: \"early 2017\"")
    if "within" in value and ({"not-before", "not-after"} & set(value)):
        raise DateProblem("give either 'within' or 'not-before'/'not-after', not both")
    if "within" in value:
        bounds = _plain(value["within"], "within")
        return DateValue("vague", bounds.earliest, bounds.latest, words)
    earliest = _plain(value["not-before"], "not-before").earliest if "not-before" in value else None
    latest = _plain(value["not-after"], "not-after").latest if "not-after" in value else None
    if earliest and latest and earliest > latest:
        raise DateProblem(f"'not-before' ({earliest}) is after 'not-after' ({latest})")
    return DateValue("vague", earliest, latest, words)
