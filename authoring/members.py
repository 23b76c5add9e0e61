"""The members table: one row per membership or seat, as officers keep it in a spreadsheet.

Columns (header names are matched ignoring case, spaces, hyphens and underscores):

    body          the body sat on (an organisation: id, name or alias)
    member        who sits: an organisation, a post or a person; a new name becomes a person
    post          the post the seat belongs to (a new name becomes a post of `organisation`)
    organisation  the organisation a new post belongs to
    voting        voting, non-voting or not-stated
    represents    on whose behalf the member sits (organisations, separated by ';')
    from, to      when the membership holds (2024-05-16, 2024-05 or 2024; either may be empty)
    source        DOCUMENT-ID PLACE, as in the YAML files (several separated by ';')
    id, label     optional: the membership's id and name (made from member and body if empty)

Export writes the same columns, so export followed by import gives the same records.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..common.errors import GovgraphError
from ..graph_builder.dates import DateProblem, DateValue, parse_date
from ..graph_builder.records import ID, Arrangement, Citation, Record
from ..graph_builder.schema import Schema, load_schema
from .spreadsheet import Table
from .yaml_writer import date_source, inline, value_source

COLUMNS = ("id", "label", "body", "member", "post", "organisation", "voting", "represents", "from", "to", "source")
REQUIRED = ("body", "voting", "source")
SEPARATOR = ";"
_TABLE_FIELDS = {"member", "body", "voting", "represents", "during"}  # the membership fields the table holds


@dataclass(frozen=True)
class CellProblem:
    """A bad cell: where (FILE!Sheet:C14 or FILE:14), which column, what is wrong, how to fix it."""

    where: str
    column: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: [{self.column}] {self.problem}\n    fix: {self.fix}"


class TableError(GovgraphError, ValueError):
    """Every bad cell of a table; nothing is written when it is raised."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def header_key(text: str) -> str:
    return re.sub(r"[\s_-]+", "", text).casefold()


# --- export ----------------------------------------------------------------------------------------


class _Names:
    """How a record is written in a cell: its label where no other record shares it, else its id."""

    def __init__(self, arrangement: Arrangement):
        self.records = arrangement.records
        counts: dict[str, int] = {}
        for rec in self.records.values():
            for name in {rec.label.casefold(), rec.id}:
                counts[name] = counts.get(name, 0) + 1
        self.unique = counts

    def __call__(self, rid: str) -> str:
        rec = self.records.get(rid)
        if rec is None or not rec.label or self.unique.get(rec.label.casefold(), 0) > 1 or ID.fullmatch(rec.label):
            return rid
        return rec.label


def _date_cell(value: DateValue | None) -> str:
    if value is None:
        return ""
    written = date_source(value)
    return written if isinstance(written, str) else inline(written)


def members_table(arrangement: Arrangement) -> tuple[list[str], list[list[str]]]:
    """The header and one row per membership, in the order of the sources."""
    name = _Names(arrangement)
    holders: dict[str, list[str]] = {}
    for rec in arrangement.records.values():
        if rec.section == "tenures":
            holders.setdefault(rec.values["post"], []).append(rec.values["holder"])
    rows = []
    for rec in arrangement.records.values():
        if rec.section != "memberships":
            continue
        member = arrangement.records.get(rec.values["member"])
        post = member.id if member is not None and member.section == "posts" else ""
        seat_holders = holders.get(post, [])
        cells = {
            "id": rec.id, "label": rec.label, "body": name(rec.values["body"]),
            "member": name(seat_holders[0]) if post and len(seat_holders) == 1 else ("" if post else name(rec.values["member"])),
            "post": name(post) if post else "",
            "organisation": f"{SEPARATOR} ".join(name(o) for o in member.values.get("post-in", [])) if post and member else "",
            "voting": rec.values["voting"],
            "represents": f"{SEPARATOR} ".join(name(o) for o in rec.values.get("represents", [])),
            "from": _date_cell(rec.values.get("during", {}).get("from")),
            "to": _date_cell(rec.values.get("during", {}).get("to")),
            "source": f"{SEPARATOR} ".join(c.text for c in rec.sources),
        }
        rows.append([cells[c] for c in COLUMNS])
    return list(COLUMNS), rows


def _cell_value(value: Any) -> str:
    value = value_source(value)
    if isinstance(value, list):
        return f"{SEPARATOR} ".join(str(v) for v in value)
    if isinstance(value, dict):
        return inline(value)
    return str(value)


def section_sheets(arrangement: Arrangement, schema: Schema | None = None) -> dict[str, tuple[list[str], list[list[str]]]]:
    """One table per section that has records: id, kind, label, each field, source (for reading, not import)."""
    schema = schema or load_schema()
    sheets = {}
    for section in schema.sections.values():
        records = [r for r in arrangement.records.values() if r.section == section.name]
        if not records:
            continue
        fields = [f for f in section.fields if any(f in r.values for r in records)]
        headers = ["id", "kind", "label", *fields, "source"]
        rows = [[r.id, r.kind, r.label, *(_cell_value(r.values[f]) if f in r.values else "" for f in fields),
                 f"{SEPARATOR} ".join(c.text for c in r.sources)] for r in records]
        sheets[section.name] = (headers, rows)
    return sheets


# --- import ----------------------------------------------------------------------------------------


@dataclass
class Imported:
    """The records a table gives, split by what they do to the arrangement."""

    added: list[Record] = field(default_factory=list)
    changed: list[Record] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)


class _Rows:
    """Turns rows into records, collecting every bad cell."""

    def __init__(self, table: Table, arrangement: Arrangement):
        self.table = table
        self.arrangement = arrangement
        self.problems: list[CellProblem] = []
        self.columns: dict[str, int] = {}
        self.created: dict[str, Record] = {}  # people and posts made by earlier rows
        self.names: dict[str, list[str]] = {}
        for rec in arrangement.records.values():
            self.remember(rec)

    def remember(self, rec: Record) -> None:
        for text in {rec.label, *rec.values.get("aliases", [])}:
            self.names.setdefault(str(text).casefold(), []).append(rec.id)

    def bad(self, row: int, column: str, problem: str, fix: str) -> None:
        where = self.table.where(row, self.columns.get(column, 0))
        self.problems.append(CellProblem(where, column, problem, fix))

    def read_headers(self) -> bool:
        known = {header_key(c): c for c in COLUMNS}
        for index, header in enumerate(self.table.headers):
            key = header_key(header)
            if not key:
                continue
            if key not in known:
                self.problems.append(CellProblem(self.table.where(self.table.header_row, index), header,
                                                 f"'{header}' is not a column of the members table",
                                                 f"name the columns {', '.join(COLUMNS)} (case and spaces do not matter)"))
            elif known[key] in self.columns:
                self.problems.append(CellProblem(self.table.where(self.table.header_row, index), header, f"the column '{header}' appears twice",
                                                 "keep one column of each name"))
            else:
                self.columns[known[key]] = index
        missing = [c for c in REQUIRED if c not in self.columns]
        if missing or not {"member", "post", "organisation"} & set(self.columns):
            missing += [] if {"member", "post", "organisation"} & set(self.columns) else ["member"]
            self.problems.append(CellProblem(self.table.where(self.table.header_row, 0), ", ".join(missing),
                                             f"the table lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                                             f"add a header cell for each of: {', '.join(missing)}"))
        return not self.problems

    def find(self, row: int, column: str, text: str, sections: tuple[str, ...]) -> str | None:
        """The id of the record a cell names (by id, label or alias, ignoring case), or None if none."""
        records = {**self.arrangement.records, **self.created}
        if ID.fullmatch(text) and text in records and records[text].section in sections:
            return text
        hits = sorted({rid for rid in self.names.get(text.casefold(), []) if records[rid].section in sections})
        if len(hits) > 1:
            self.bad(row, column, f"'{text}' names {len(hits)} records: {', '.join(hits)}", "write the id of the one you mean")
            return ""
        return hits[0] if hits else None

    def existing(self, row: int, column: str, text: str, sections: tuple[str, ...]) -> str:
        found = self.find(row, column, text, sections)
        if found is None:
            import difflib

            options = [r.label for r in self.arrangement.records.values() if r.section in sections]
            close = difflib.get_close_matches(text, options, n=3, cutoff=0.5)
            hint = f"did you mean {'; '.join(close)}?" if close else f"add it to {' or '.join(sections)} first"
            self.bad(row, column, f"no record of {' or '.join(sections)} is called '{text}'", hint)
            return ""
        return found

    def record(self, rid: str) -> Record:
        """A record of the arrangement, or one an earlier row made."""
        return self.arrangement.records.get(rid) or self.created[rid]

    def new_record(self, section: str, rid: str, kind: str, label: str, values: dict[str, Any],
                   sources: list[Citation]) -> Record:
        rec = Record(section, rid, kind, label, sources, values, self.table.file, 0)
        if rid not in self.arrangement.records:
            self.created[rid] = rec
            self.remember(rec)
        return rec

    def row(self, number: int, cells: list[str]) -> list[Record]:
        def get(column: str) -> str:
            return cells[self.columns[column]].strip() if column in self.columns else ""

        before = len(self.problems)
        body = self.existing(number, "body", get("body"), ("organisations",)) if get("body") else ""
        if not get("body"):
            self.bad(number, "body", "the body is empty", "write the name or id of the body sat on")
        voting = get("voting").casefold().replace(" ", "-")
        if voting not in load_schema().sections["memberships"].fields["voting"].values:
            self.bad(number, "voting", f"'{get('voting')}' is not a voting right",
                     "write voting, non-voting or not-stated (not-stated where the documents do not say)")
        sources = self.sources(number, get("source"))
        represents = [self.existing(number, "represents", n.strip(), ("organisations",))
                      for n in get("represents").split(SEPARATOR) if n.strip()]
        during = {end: d for end in ("from", "to") if (d := self.date(number, end, get(end))) is not None}
        organisations = [self.existing(number, "organisation", n.strip(), ("organisations",))
                         for n in get("organisation").split(SEPARATOR) if n.strip()]
        made: list[Record] = []
        post = self.post(number, get("post"), organisations, represents, sources, made) if get("post") else ""
        member = self.member(number, get("member"), bool(post), sources, made) if get("member") else ""
        seat = post or member or (organisations[0] if organisations else "")
        if not seat and len(self.problems) == before:
            self.bad(number, "member", "the row names no member", "write who sits on the body in member (or post)")
        if len(self.problems) > before:
            return []
        if post and member and self.record(member).section == "people":
            made += self.tenure(post, member, during, sources)
        return made + [self.membership(number, get, seat, body, voting, represents, during, sources)]

    def sources(self, row: int, text: str) -> list[Citation]:
        cites = []
        for part in (p.strip() for p in text.split(SEPARATOR)):
            doc, _, place = part.partition(" ")
            if not part:
                continue
            if not place.strip():
                self.bad(row, "source", f"'{part}' needs a document id and a place", "write it as DOCUMENT-ID PLACE, e.g. terms 4.2")
            elif self.find(row, "source", doc, ("documents",)) != doc:
                self.bad(row, "source", f"'{doc}' is not the id of a documents record",
                         "start the source with the id of a document of the arrangement, e.g. terms 4.2")
            else:
                cites.append(Citation(doc, place.strip()))
        if not text:
            self.bad(row, "source", "the source is empty", "write where the membership stands: DOCUMENT-ID PLACE")
        return cites

    def date(self, row: int, column: str, text: str) -> DateValue | None:
        if not text:
            return None
        try:
            return parse_date(yaml.safe_load(text) if text.startswith("{") else text)
        except (DateProblem, yaml.YAMLError) as exc:
            self.bad(row, column, str(exc), "write 2024-05-16 (a day), 2024-05 (a month) or 2024 (a year)")
            return None

    def post(self, row: int, text: str, organisations: list[str], represents: list[str], sources: list[Citation],
             made: list[Record]) -> str:
        found = self.find(row, "post", text, ("posts",))
        if found is not None:
            return found
        if not organisations:
            self.bad(row, "organisation", f"'{text}' is a new post, and the row names no organisation it belongs to",
                     "write the post's organisation, or the name of an existing post")
            return ""
        rid = slug(text)
        values: dict[str, Any] = {"post-in": organisations}
        if represents:
            values["represents"] = represents
        made.append(self.new_record("posts", rid, "representative" if represents else "post", text, values, sources))
        return rid

    def member(self, row: int, text: str, has_post: bool, sources: list[Citation], made: list[Record]) -> str:
        found = self.find(row, "member", text, ("organisations", "posts", "people"))
        if found and has_post and self.record(found).section != "people":
            self.bad(row, "member", f"'{text}' is not a person, so cannot hold the post",
                     "write the person who holds the post in member, or leave member empty")
            return ""
        if found is not None:
            return found
        rid = slug(text)
        made.append(self.new_record("people", rid, "person", text, {}, sources))
        return rid

    def tenure(self, post: str, holder: str, during: dict[str, DateValue], sources: list[Citation]) -> list[Record]:
        records = {**self.arrangement.records, **self.created}
        if any(r.section == "tenures" and r.values["post"] == post and r.values["holder"] == holder for r in records.values()):
            return []
        values: dict[str, Any] = {"post": post, "holder": holder, **({"during": during} if during else {})}
        label = f"{records[holder].label} as {records[post].label}"
        return [self.new_record("tenures", f"{holder}-as-{post}"[:80], "tenure", label, values, sources)]

    def membership(self, row: int, get: Callable[[str], str], seat: str, body: str, voting: str,
                   represents: list[str], during: dict[str, DateValue], sources: list[Citation]) -> Record:
        records = {**self.arrangement.records, **self.created}
        # without an id, the row is the membership of the same member on the same body, if there is one
        ours = [r for r in self.arrangement.records.values()
                if r.section == "memberships" and (r.values["member"], r.values["body"]) == (seat, body)]
        rid = get("id") or (ours[0].id if len(ours) == 1 else f"{body}-{seat}")
        if not ID.fullmatch(rid):
            self.bad(row, "id", f"'{rid}' is not a valid id", "use lower-case letters, digits and hyphens")
        label = get("label") or (ours[0].label if len(ours) == 1 and ours[0].id == rid
                                 else f"{records[seat].label} on {records[body].label}")
        # fields the table has no column for (seat, co-opted, term ...) are kept as they are
        kept = self.arrangement.records[rid].values if rid in self.arrangement.records else {}
        values: dict[str, Any] = {**{k: v for k, v in kept.items() if k not in _TABLE_FIELDS},
                                  "member": seat, "body": body, "voting": voting}
        if represents:
            values["represents"] = represents
        if during:
            values["during"] = during
        return Record("memberships", rid, "membership", label, sources, values, self.table.file, row)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60].rstrip("-") or "record"


def same(a: Record, b: Record) -> bool:
    """The same facts: what a round trip must keep (not where the record was written)."""
    return (a.section, a.id, a.kind, a.label, a.values, a.sources) == (b.section, b.id, b.kind, b.label, b.values, b.sources)


def records_from_table(table: Table, arrangement: Arrangement) -> Imported:
    """The records a members table gives, compared with the arrangement; TableError for bad cells."""
    rows = _Rows(table, arrangement)
    if not rows.read_headers():
        raise TableError(rows.problems)
    made: list[Record] = []
    for number, cells in table.rows:
        made += rows.row(number, cells)
    seen: dict[str, int] = {}
    for rec in made:
        if rec.section == "memberships" and rec.id in seen:
            rows.bad(rec.line, "id", f"two rows give the membership id '{rec.id}' (the other is row {seen[rec.id]})",
                     "give one of them its own id in the id column")
        seen.setdefault(rec.id, rec.line)
    if rows.problems:
        raise TableError(rows.problems)
    result = Imported()
    for rec in made:
        old = arrangement.records.get(rec.id)
        if old is None:
            result.added.append(rec)
        elif old.section != rec.section:
            rows.bad(rec.line, "id", f"'{rec.id}' is already the id of a record of {old.section}", "give the membership another id")
        elif same(old, rec):
            result.unchanged.append(rec)
        else:
            result.changed.append(rec)
    if rows.problems:
        raise TableError(rows.problems)
    return result


__all__ = ["COLUMNS", "CellProblem", "Imported", "TableError", "header_key", "members_table",
           "records_from_table", "section_sheets", "same"]
