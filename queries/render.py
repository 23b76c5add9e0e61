"""Results as a terminal table, Markdown, CSV or JSON (W3C SPARQL results format, plus labels)."""
from __future__ import annotations

import csv
import io
import json

from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Identifier

from ..common.console import escaped
from .engine import Table

FORMATS = ("table", "json", "csv", "md")


def label(graph: Graph, term: Identifier | None, iris: bool = False) -> str:
    """How a reader sees a term: its label (or prefixed name), unless ``iris`` asks for the IRI."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if iris:
            return str(term)
        name = graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel)
        if name is not None:
            return str(name)
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 - an IRI no prefix covers
            return str(term)
    return str(term)


class Labels:
    """``label`` looked up once per term: a long answer names the same records row after row."""

    def __init__(self, graph: Graph, iris: bool = False):
        self.graph, self.iris = graph, iris
        self._shown: dict[Identifier | None, str] = {}

    def __call__(self, term: Identifier | None) -> str:
        if term not in self._shown:
            self._shown[term] = label(self.graph, term, self.iris)
        return self._shown[term]


def _cells(graph: Graph, table: Table, iris: bool, safe: bool = True) -> list[list[str]]:
    """Each cell as shown; ``safe`` escapes control characters (table and Markdown, not CSV)."""
    shown = Labels(graph, iris)
    if not safe:
        return [[shown(term) for term in row] for row in table.rows]
    return [[escaped(shown(term)) for term in row] for row in table.rows]


def _empty_message(table: Table) -> str:
    return "No results: nothing in the graph matches this question." if table.kind != "graph" \
        else "No results: the query produced no triples."


def as_text(graph: Graph, table: Table, iris: bool = False) -> str:
    if table.kind == "ask":
        return "yes\n" if table.answer else "no\n"
    if not table.rows:
        return _empty_message(table) + "\n"
    cells = _cells(graph, table, iris)
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(table.columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    rows = [line(table.columns), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    count = len(cells)
    return "\n".join(rows) + f"\n({count} row{'s' if count != 1 else ''})\n"


def as_markdown(graph: Graph, table: Table, iris: bool = False) -> str:
    if table.kind == "ask":
        return f"**{'Yes' if table.answer else 'No'}**\n"
    if not table.rows:
        return f"_{_empty_message(table)}_\n"
    escape = lambda text: text.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    rows = [f"| {' | '.join(table.columns)} |", f"|{'---|' * len(table.columns)}"]
    rows += [f"| {' | '.join(escape(c) for c in r)} |" for r in _cells(graph, table, iris)]
    return "\n".join(rows) + "\n"


def as_csv(graph: Graph, table: Table, iris: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if table.kind == "ask":
        writer.writerows([["answer"], ["true" if table.answer else "false"]])
    else:
        writer.writerow(table.columns)
        # The csv module quotes a field with "\n" (the line end) but not one with a bare "\r",
        # which spreadsheets and csv readers take as a line end: such rows are quoted whole.
        quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        for row in _cells(graph, table, iris, safe=False):
            (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
    return out.getvalue()


def _binding(labels: Labels, term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term), "label": labels(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    entry = {"type": "literal", "value": str(term)}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype:
        entry["datatype"] = str(term.datatype)
    return entry


def as_json(graph: Graph, table: Table, iris: bool = False) -> str:
    """SPARQL 1.1 Query Results JSON; each IRI also carries its label (readers ignore extra keys)."""
    if table.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(table.answer)}, indent=2) + "\n"
    labels = Labels(graph)
    bindings = [{c: _binding(labels, t) for c, t in zip(table.columns, row) if t is not None}
                for row in table.rows]
    return json.dumps({"head": {"vars": table.columns}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"table": as_text, "md": as_markdown, "csv": as_csv, "json": as_json}


def render(graph: Graph, table: Table, fmt: str = "table", iris: bool = False) -> str:
    return RENDERERS[fmt](graph, table, iris)
