"""What changed in an arrangement: between two versions of its sources, or between two dates.

Two versions are compared record by record (by id): added, withdrawn, or changed field by field.
Two dates compare what holds on each: a record with a period (memberships, tenures, authorities,
delegations ...) counts while its period holds; a dated event (a signature, an approval, a
decision) once it has happened. Each change carries the sources of the record it is about.
Nothing here names a section except to phrase memberships and seats as people read them; a
section added to schema.yaml is compared like any other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..graph_builder.dates import DateValue
from ..graph_builder.records import Arrangement, Record
from ..graph_builder.schema import load_schema
from ..graph_builder.timeline import Bounds, date_verdict, period_verdict

# statuses of an event that has not happened (or is not known to have)
NOT_HAPPENED = {"planned", "proposed", "not-delivered", "not-reported"}
PERIOD, EVENT = "period", "event"  # how a record is tied to dates (see dating)


@dataclass
class FieldChange:
    name: str
    old: Any = None
    new: Any = None
    added: list[str] = field(default_factory=list)  # for lists: items only in the new version
    removed: list[str] = field(default_factory=list)


@dataclass
class Change:
    """One record added, withdrawn or changed; or, between dates, started, ended or happened."""

    section: str
    id: str
    label: str
    change: str  # added | withdrawn | changed | started | ended | happened | holder-replaced
    sources: list[str]
    fields: list[FieldChange] = field(default_factory=list)
    summary: str = ""  # one plain-English line

    def as_dict(self) -> dict[str, Any]:
        return {"section": self.section, "id": self.id, "label": self.label, "change": self.change,
                "summary": self.summary, "sources": self.sources,
                "fields": [{k: v for k, v in vars(f).items() if v not in (None, [])} for f in self.fields]}


@dataclass
class Diff:
    old: str  # what was compared, in words (folder, revision, or date)
    new: str
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "changes": [c.as_dict() for c in self.changes]}


# --- naming things ---------------------------------------------------------------------------------


class _Names:
    def __init__(self, *arrangements: Arrangement):
        self.labels: dict[str, str] = {}
        for arrangement in reversed(arrangements):  # the newer name wins
            self.labels.update({rid: rec.label for rid, rec in arrangement.records.items()})

    def __call__(self, rid: Any) -> str:
        return self.labels.get(rid, str(rid)) if isinstance(rid, str) else str(rid)


def _written(value: Any, name: _Names, ref: bool) -> Any:
    if value is None:
        return None
    if isinstance(value, DateValue):
        return value.text
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _written(v, name, ref) for k, v in value.items()}
    if isinstance(value, list):
        return [_written(v, name, ref) for v in value]
    return name(value) if ref else value


def _sources(rec: Record) -> list[str]:
    return [c.text for c in rec.sources]


def _singular(section: str) -> str:
    words = section.replace("-", " ")
    for plural, one in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if words.endswith(plural):
            return words[: -len(plural)] + one
    return words


# --- two versions ----------------------------------------------------------------------------------


def _field_changes(old: Record, new: Record, name: _Names) -> list[FieldChange]:
    section = load_schema().sections[new.section]
    changes = []
    if old.kind != new.kind:
        changes.append(FieldChange("kind", old.kind, new.kind))
    if old.label != new.label:
        changes.append(FieldChange("label", old.label, new.label))
    for fname in dict.fromkeys([*section.fields, *old.values, *new.values]):
        before, after = old.values.get(fname), new.values.get(fname)
        if before == after:
            continue
        spec = section.fields.get(fname)
        ref = spec is not None and spec.type in ("ref", "ref-list")
        if isinstance(before, list) or isinstance(after, list):
            gone = [name(v) if ref else str(v) for v in (before or []) if v not in (after or [])]
            came = [name(v) if ref else str(v) for v in (after or []) if v not in (before or [])]
            changes.append(FieldChange(fname, added=came, removed=gone))
        else:
            changes.append(FieldChange(fname, _written(before, name, ref), _written(after, name, ref)))
    if _sources(old) != _sources(new):
        changes.append(FieldChange("sources", added=[s for s in _sources(new) if s not in _sources(old)],
                                   removed=[s for s in _sources(old) if s not in _sources(new)]))
    return changes


def _membership_words(rec: Record, name: _Names) -> str:
    return f"{name(rec.values['member'])} on {name(rec.values['body'])} ({rec.values['voting']})"


def _summary(change: Change, rec: Record, name: _Names) -> str:
    """One line as a committee report would put it."""
    what = _singular(rec.section)
    if rec.section == "memberships":
        if change.change in ("added", "started"):
            return f"{name(rec.values['member'])} joined {name(rec.values['body'])} ({rec.values['voting']})"
        if change.change in ("withdrawn", "ended"):
            return f"{name(rec.values['member'])} left {name(rec.values['body'])}"
        vote = next((f for f in change.fields if f.name == "voting"), None)
        if vote is not None:
            return (f"the vote of {name(rec.values['member'])} on {name(rec.values['body'])} changed "
                    f"from {vote.old} to {vote.new}")
        return f"the membership of {_membership_words(rec, name)} changed"
    if rec.section == "tenures" and change.change in ("added", "started", "withdrawn", "ended"):
        verb = "took up" if change.change in ("added", "started") else "left"
        return f"{name(rec.values['holder'])} {verb} the post of {name(rec.values['post'])}"
    verbs = {"added": "added", "withdrawn": "withdrawn", "changed": "changed", "started": "began",
             "ended": "ended", "happened": "issued" if rec.section == "documents" else "took place"}
    status = rec.values.get("status")
    pending = f" ({status})" if change.change in ("started", "happened") and status in NOT_HAPPENED else ""
    return f"{what} “{rec.label}” {verbs[change.change]}{pending}"


def _ends(change: Change) -> bool:
    """A tenure whose newer version has an end it did not have: its holder left."""
    return change.change == "changed" and any(
        f.name == "during" and isinstance(f.new, dict) and "to" in f.new and not (isinstance(f.old, dict) and "to" in f.old)
        for f in change.fields)


def _holders_replaced(changes: list[Change], old: Arrangement, new: Arrangement, name: _Names) -> list[Change]:
    """A tenure that ends and another of the same post that starts: one 'holder replaced' line,
    with the organisation the post belongs to (the appointing body)."""
    records = {**old.records, **new.records}
    gone = {records[c.id].values["post"]: c for c in changes
            if c.section == "tenures" and (c.change in ("withdrawn", "ended") or _ends(c))}
    came = {records[c.id].values["post"]: c for c in changes
            if c.section == "tenures" and c.change in ("added", "started")}
    merged = []
    for change in changes:
        post = records[change.id].values.get("post") if change.section == "tenures" else None
        if post in gone and post in came:
            if change is came[post]:
                before, after = records[gone[post].id], records[change.id]
                appointing = ", ".join(name(o) for o in records[post].values.get("post-in", [])) if post in records else ""
                merged.append(Change("tenures", change.id, after.label, "holder-replaced",
                                     _sources(after) + [s for s in _sources(before) if s not in _sources(after)],
                                     [FieldChange("holder", name(before.values["holder"]), name(after.values["holder"]))],
                                     f"{name(after.values['holder'])} replaced {name(before.values['holder'])} "
                                     f"as {name(post)}" + (f" ({appointing})" if appointing else "")))
            continue
        merged.append(change)
    return merged


def compare(old: Arrangement, new: Arrangement, old_name: str = "old", new_name: str = "new") -> Diff:
    """Every record added, withdrawn or changed from ``old`` to ``new``, in schema order."""
    name = _Names(old, new)
    changes = []
    for rid, rec in old.records.items():
        if rid not in new.records:
            changes.append(Change(rec.section, rid, rec.label, "withdrawn", _sources(rec)))
    for rid, rec in new.records.items():
        before = old.records.get(rid)
        if before is None:
            changes.append(Change(rec.section, rid, rec.label, "added", _sources(rec)))
        elif before.section != rec.section:
            changes.append(Change(before.section, rid, before.label, "withdrawn", _sources(before)))
            changes.append(Change(rec.section, rid, rec.label, "added", _sources(rec)))
        elif fields := _field_changes(before, rec, name):
            changes.append(Change(rec.section, rid, rec.label, "changed", _sources(rec), fields))
    for change in changes:
        change.summary = _summary(change, new.records.get(change.id) or old.records[change.id], name)
    return Diff(old_name, new_name, _ordered(_holders_replaced(changes, old, new, name)))


def _ordered(changes: list[Change]) -> list[Change]:
    sections = list(load_schema().sections)
    order = ["holder-replaced", "added", "started", "happened", "changed", "withdrawn", "ended"]
    return sorted(changes, key=lambda c: (sections.index(c.section) if c.section in sections else len(sections),
                                          order.index(c.change), c.label.casefold(), c.id))


# --- two dates -------------------------------------------------------------------------------------


def _period(rec: Record) -> dict[str, DateValue] | None:
    section = load_schema().sections[rec.section]
    for fname, spec in section.fields.items():
        if spec.type == "interval" and fname in rec.values:
            return rec.values[fname]
    return None


def _bounds(value: DateValue | None) -> Bounds | None:
    return None if value is None else (value.earliest, value.latest)


def dating(rec: Record) -> str | None:
    """PERIOD for a record with a period (a membership, a term), EVENT for one with a date (a vote,
    a signature), None for a record tied to no dates (it counts on every day alike)."""
    if _period(rec) is not None:
        return PERIOD
    date = rec.values.get("date")
    if isinstance(date, DateValue) and load_schema().sections[rec.section].fields["date"].type == "date":
        return EVENT
    return None


def holds_on(rec: Record, day: dt.date) -> bool | None:
    """Whether a dated record (see ``dating``) counts on a day: its period holds, or (an event) it
    has happened by then; None where a date is too vague to say, by the rule the questions use
    (graph_builder.timeline)."""
    period = _period(rec)
    if period is not None:
        return period_verdict(_bounds(period.get("from")), _bounds(period.get("to")), day)
    if rec.values.get("status") in NOT_HAPPENED:
        return False
    date = rec.values["date"]
    return date_verdict((date.earliest, date.latest), day)


def _date_words(rec: Record) -> str:
    period = _period(rec)
    dates = [period.get("from"), period.get("to")] if period is not None else [rec.values.get("date")]
    return " to ".join(d.text for d in dates if isinstance(d, DateValue))


def compare_dates(arrangement: Arrangement, first: dt.date, second: dt.date) -> Diff:
    """What began, ended or took place between two days of one arrangement. A change that a
    vague date leaves open on one of the days is listed, and its summary says it is not certain."""
    name = _Names(arrangement)
    changes = []
    for rid, rec in arrangement.records.items():
        dated = dating(rec)
        if dated is None:
            continue
        before, after = holds_on(rec, first), holds_on(rec, second)
        if before == after:
            continue
        kind = ("started" if dated == PERIOD else "happened") if after is True or before is False else "ended"
        change = Change(rec.section, rid, rec.label, kind, _sources(rec))
        change.summary = _summary(change, rec, name)
        if None in (before, after):
            change.summary += f" (not certain: the sources date it “{_date_words(rec)}”)"
        changes.append(change)
    return Diff(first.isoformat(), second.isoformat(),
                _ordered(_holders_replaced(changes, arrangement, arrangement, name)))


# --- text, Markdown, JSON --------------------------------------------------------------------------


def _field_words(change: FieldChange) -> str:
    if change.added or change.removed:
        parts = ([f"added {', '.join(change.added)}"] if change.added else []) + \
                ([f"removed {', '.join(change.removed)}"] if change.removed else [])
        return f"{change.name}: {'; '.join(parts)}"
    return f"{change.name}: {_value_words(change.old)} → {_value_words(change.new)}"


def _value_words(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _heading(section: str) -> str:
    return section.replace("-", " ").capitalize()


def render_text(diff: Diff) -> str:
    lines = [f"Changes from {diff.old} to {diff.new}: {len(diff.changes)}"]
    section = None
    for change in diff.changes:
        if change.section != section:
            section = change.section
            lines += ["", _heading(section)]
        lines.append(f"  {change.summary}")
        lines += [f"      {_field_words(f)}" for f in change.fields if change.change == "changed"]
        lines.append(f"      source: {'; '.join(change.sources)}")
    if not diff.changes:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_markdown(diff: Diff) -> str:
    """Ready to paste into a committee report: a heading, one list per section, sources in brackets."""
    lines = [f"## Changes to the arrangement: {_md(diff.old)} to {_md(diff.new)}", ""]
    if not diff.changes:
        return "\n".join(lines + ["No changes.", ""])
    section = None
    for change in diff.changes:
        if change.section != section:
            if section is not None:
                lines.append("")
            section = change.section
            lines += [f"### {_heading(section)}", ""]
        summary = _md(change.summary[0].upper() + change.summary[1:])
        lines.append(f"- {summary} (source: {_md('; '.join(change.sources))})")
        lines += [f"  - {_md(_field_words(f))}" for f in change.fields if change.change == "changed"]
    return "\n".join(lines) + "\n"


__all__ = ["Change", "Diff", "FieldChange", "compare", "compare_dates", "dating", "holds_on", "render_markdown", "render_text"]
