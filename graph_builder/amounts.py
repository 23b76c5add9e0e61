"""Sums of money as people write them: 3000000, 3,000,000, £3m, £2.2m, £500k, 1.5 million.

One parser for the source format (`amount:` fields) and for `govgraph can --amount`, so the same
words mean the same sum everywhere. Sums are Decimals: £2.2m is exactly 2200000, never 2199999.99.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..common.errors import GovgraphError

SYMBOLS = {"£": "GBP", "€": "EUR", "$": "USD"}
SIGNS = {code: sign for sign, code in SYMBOLS.items()}
_SCALES = {"": 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
           "bn": 1_000_000_000, "billion": 1_000_000_000}
_AMOUNT = re.compile(r"^(?P<sign>[£€$])?\s*(?P<number>\d[\d,]*(\.\d+)?|\.\d+)\s*(?P<scale>[a-z]*)$")
HINT = "write a sum such as 3000000, £3m, £2.2m or £500k"


class AmountProblem(GovgraphError, ValueError):
    """A sum of money govgraph cannot read; the message quotes it."""


def parse_amount(value: object) -> tuple[Decimal, str | None]:
    """The sum and the currency its sign names (None without a sign); AmountProblem if unreadable."""
    if isinstance(value, bool):
        raise AmountProblem(f"{value!r} is not a sum of money")
    if isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, str):
        text = value.strip().lower().replace("gbp", "£").replace(" ", "") if value.strip() else ""
    else:
        raise AmountProblem(f"{value!r} is not a sum of money")
    match = _AMOUNT.match(text)
    if not match or match["scale"] not in _SCALES or ("," in match["number"] and "." in match["number"].split(",")[0]):
        raise AmountProblem(f"{value!r} is not a sum of money")
    try:
        number = Decimal(match["number"].replace(",", "")) * _SCALES[match["scale"]]
    except InvalidOperation as exc:
        raise AmountProblem(f"{value!r} is not a sum of money") from exc
    whole = number == number.to_integral_value()
    return (Decimal(int(number)) if whole else number.normalize()), SYMBOLS.get(match["sign"] or "")


def format_amount(amount: Decimal, currency: str | None = "GBP") -> str:
    """£2.2m, £500,000, £1,250.50: millions shortened only where nothing is lost."""
    sign = SIGNS.get(currency or "", "")
    suffix = "" if sign or not currency else f" {currency}"
    if amount >= 1_000_000 and (amount / 100_000) == (amount / 100_000).to_integral_value():
        millions = (amount / 1_000_000).normalize()
        return f"{sign}{millions:f}m{suffix}"
    whole = amount == amount.to_integral_value()
    return f"{sign}{amount:,.0f}{suffix}" if whole else f"{sign}{amount:,.2f}{suffix}"
