"""Counts by kind of a built arrangement, for the build summary."""
from __future__ import annotations

from collections import Counter

from .records import Arrangement


def counts_by_kind(arrangement: Arrangement) -> dict[str, Counter[str]]:
    """section -> kind -> number of records."""
    table: dict[str, Counter[str]] = {}
    for record in arrangement.records.values():
        table.setdefault(record.section, Counter())[record.kind] += 1
    return table


def summary_text(arrangement: Arrangement, triples: int) -> str:
    lines = [f"{len(arrangement.records)} records, {triples} triples, from {len(arrangement.files)} files"]
    for section, kinds in sorted(counts_by_kind(arrangement).items()):
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines.append(f"  {section:<20} {sum(kinds.values()):>4}  ({detail})")
    return "\n".join(lines)
