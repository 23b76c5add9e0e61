"""Records written back as source YAML, in the order schema.yaml gives their fields."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from ..graph_builder.dates import DateValue
from ..graph_builder.records import Record
from ..graph_builder.schema import Schema


def date_source(value: DateValue) -> Any:
    """A date as it is written in a source file (a vague date keeps its words and its bounds)."""
    if value.precision != "vague":
        return value.text
    written: dict[str, Any] = {"vague": value.text}
    if value.earliest:
        written["not-before"] = value.earliest.isoformat()
    if value.latest:
        written["not-after"] = value.latest.isoformat()
    return written


def value_source(value: Any) -> Any:
    if isinstance(value, DateValue):
        return date_source(value)
    if isinstance(value, Decimal):  # amounts and fractions: written as plain numbers
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: value_source(v) for k, v in value.items()}
    return value


def inline(value: Any) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=100_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def record_yaml(record: Record, schema: Schema) -> str:
    """One record as a list item of its section (indented two spaces)."""
    section = schema.sections[record.section]
    lines = [f"  - id: {record.id}"]
    if section.default_kind is None or record.kind != section.default_kind:
        lines.append(f"    kind: {record.kind}")
    lines.append(f"    label: {inline(record.label)}")
    for name in section.fields:
        if name in record.values:
            lines.append(f"    {inline(name)}: {inline(value_source(record.values[name]))}")
    sources = [c.text for c in record.sources]
    lines.append(f"    source: {inline(sources[0] if len(sources) == 1 else sources)}")
    return "\n".join(lines) + "\n"


def records_yaml(records: list[Record], schema: Schema, header: str = "") -> str:
    """A source file holding the records, grouped by section in schema order."""
    parts = [header] if header else []
    for name in schema.sections:
        mine = [r for r in records if r.section == name]
        if mine:
            parts.append(f"{name}:\n" + "\n".join(record_yaml(r, schema) for r in mine))
    return "\n".join(parts)
