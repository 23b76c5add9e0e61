"""`govgraph explain NAME`: a plain-English profile of an organisation, board, post or person.

The sentences are built by the queries `explain-*.rq` beside this file (one per section);
this module only runs them, attaches each line's sources and prints the result.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from rdflib import RDFS, Graph, URIRef

from ..common.console import escaped
from ..graph_builder.rdf import GG
from ..graph_builder.timeline import happened_by, holds_on
from .engine import evaluate
from .library import internal_query
from .questions import Workspace
from .render import label

SECTIONS = (
    ("What it is", "explain-identity"),
    ("Where it sits", "explain-seats"),
    ("Who sits on it", "explain-members"),
    ("What it may decide and sign", "explain-powers"),  # its own permissions, nothing else
    ("Who acts for it or through it; signatures and approvals", "explain-acts-for"),
    ("What binds it", "explain-binds"),
    ("Delegations and substitutes", "explain-delegations"),
    ("Terms of reference and seats", "explain-terms"),
)
AS_OF_NOTES = {False: "not on that date", None: "not known on that date"}


@dataclass
class Line:
    text: str
    record: str
    sources: list[str]


@dataclass
class Profile:
    name: str
    iri: str
    as_of: dt.date | None
    sections: dict[str, list[Line]] = field(default_factory=dict)


def explain(ws: Workspace, name: str, day: dt.date | None = None) -> Profile:
    """Every section's lines for the record ``name`` resolves to (UnknownName otherwise)."""
    subject = ws.resolve(name)
    graph = ws.graph
    profile = Profile(label(graph, subject), str(subject), day)
    for title, query_name in SECTIONS:
        table = evaluate(graph, internal_query(query_name), {"subject": subject})
        lines: list[Line] = []
        for record, text in table.rows:
            if text is None:  # an aggregate line with nothing to aggregate
                continue
            assert isinstance(record, URIRef)
            note = _as_of_note(graph, record, day) if day else None
            sources = sorted({str(s) for s in graph.objects(record, GG.hasSource / RDFS.label)})  # type: ignore[operator]
            lines.append(Line(f"{text}{f' ({note})' if note else ''}", str(record), sources))
        if lines:
            profile.sections[title] = list({(ln.text, ln.record): ln for ln in lines}.values())
    return profile


def _as_of_note(graph: Graph, record: URIRef, day: dt.date) -> str | None:
    """What a line's record is on ``day``: outside its period, or dated later (a signature, an
    approval, a meeting, a phase that comes after that day), or dated too vaguely to tell."""
    note = AS_OF_NOTES.get(holds_on(graph, record, day))
    date_node = graph.value(record, GG.date)
    if note or date_node is None:
        return note
    when = graph.value(date_node, RDFS.label)
    happened = happened_by(graph, record, day)
    if happened is False:
        return f"comes later: dated {when}"
    return None if happened else f"dated {when}: not known whether by that date"


def render(profile: Profile, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps({"name": profile.name, "iri": profile.iri,
                           "as_of": profile.as_of.isoformat() if profile.as_of else None,
                           "sections": {t: [vars(ln) for ln in lines] for t, lines in profile.sections.items()}},
                          indent=2, ensure_ascii=False) + "\n"
    md = fmt == "md"
    name = escaped(profile.name)  # data-borne text: control characters escaped (JSON stays exact)
    out = [f"# {name}" if md else name, ""]
    for title, lines in profile.sections.items():
        out += [f"## {title}" if md else f"{title}:"]
        for ln in lines:
            sources, text = escaped("; ".join(ln.sources)), escaped(ln.text)
            if md:
                out.append(f"- {text}" + (f" _({sources})_" if sources else ""))
            else:
                out += [f"  - {text}", f"      source: {sources or 'none recorded'}"]
        out.append("")
    return "\n".join(out)
