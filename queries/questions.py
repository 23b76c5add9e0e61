"""Ask a named question or an ad-hoc query of a built arrangement: bind, run, apply --as-of."""
from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Identifier

from ..common.errors import GovgraphError
from ..graph_builder import Built
from ..graph_builder.amounts import parse_amount
from ..graph_builder.names import UnknownName, resolve
from ..graph_builder.rdf import PREFIXES
from ..graph_builder.store import oxigraph_of
from ..graph_builder.timeline import happened_by, holds_on
from . import engine
from .binding import iri_problem
from .engine import Table
from .library import Parameter, Question
from .safety import checked_query, cleared_by_words

AS_OF_COLUMN = "as_of"
VERDICTS = {True: "yes", False: "not yet", None: "not known on that date"}


class ParameterError(GovgraphError, ValueError):
    """A parameter the question does not take, or a value that does not fit its type."""


@dataclass
class Workspace:
    """One built arrangement, ready to query: data plus ontology (for class and status labels).

    The checked text runs, not rdflib's parse of it: the graph's store evaluates SPARQL itself."""

    built: Built

    @property
    def graph(self) -> Graph:
        return self.built.graph

    @property
    def base(self) -> str:
        return self.built.base

    @property
    def prefixes(self) -> dict[str, str]:
        return {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF), "data": self.base}

    def resolve(self, name: str) -> URIRef:
        """The record a name (id, label or alias) stands for; UnknownName otherwise."""
        return resolve(self.built.graph, self.base, name)


def _term(ws: Workspace, param: Parameter, value: str) -> Identifier:
    try:
        if param.type == "name":
            return ws.resolve(value)
        if param.type == "iri":
            problem = iri_problem(value)
            if problem:
                raise ValueError(problem)
            return URIRef(value)
        if param.type == "integer":
            return Literal(int(value))
        if param.type == "date":
            return Literal(dt.date.fromisoformat(value), datatype=XSD.date)
        if param.type == "amount":  # a sum as people write it: £2.2m, 500k, 3000000
            return Literal(f"{parse_amount(value)[0]:f}", datatype=XSD.decimal)
    except UnknownName as exc:
        raise ParameterError(f"--param {param.name}: {exc}") from exc
    except ValueError as exc:
        raise ParameterError(f"--param {param.name}={value!r} is not a {param.type} ({exc})") from exc
    return Literal(value)


def bindings(ws: Workspace, question: Question, given: dict[str, str]) -> dict[str, Identifier]:
    """Parameter values as RDF terms (defaults filled in); optional ones left unbound."""
    unknown = sorted(set(given) - {p.name for p in question.parameters})
    if unknown:
        known = ", ".join(p.name for p in question.parameters) or "none"
        raise ParameterError(f"'{question.id}' has no parameter {', '.join(unknown)} (it takes: {known})")
    missing = [p.name for p in question.parameters if p.required and p.name not in given]
    if missing:
        raise ParameterError(f"'{question.id}' needs --param {missing[0]}=NAME")
    values = {p.name: given.get(p.name, p.default) for p in question.parameters}
    return {name: _term(ws, question.parameter(name), value)  # type: ignore[arg-type]
            for name, value in values.items() if value is not None}


TESTS = {"holds": holds_on, "happened": happened_by, "reached": happened_by}


def _combined(verdicts: list[bool | None]) -> bool | None:
    return False if False in verdicts else None if None in verdicts else True


def apply_as_of(graph: Graph, table: Table, tests: dict[str, tuple[str, ...]], day: dt.date) -> Table:
    """Check each row's records against ``day`` (timeline semantics) and add an as_of column.

    Rows that certainly fail a `holds` or `happened` test are dropped; `reached` only reports.
    (The query text already leaves such records out, see Question.text; this is the verdict.)
    """
    rows = []
    for row in table.rows:
        verdicts = [(test, TESTS[test](graph, row[table.columns.index(var)], day))
                    for test, variables in tests.items() for var in variables
                    if row[table.columns.index(var)] is not None]
        if any(verdict is False and test in ("holds", "happened") for test, verdict in verdicts):
            continue
        rows.append((*row, Literal(VERDICTS[_combined([verdict for _, verdict in verdicts])])))
    return Table(table.kind, [*table.columns, AS_OF_COLUMN], rows)


def ask(ws: Workspace, question: Question, given: dict[str, str] | None = None,
        as_of: dt.date | None = None, timeout: float | None = engine.DEFAULT_TIMEOUT) -> Table:
    """Run a named question; --as-of keeps the rows that hold (or may hold) on that day.

    The text is the library's own (queries/library/*.rq, with the package's --as-of fragment), as
    trusted as `can`'s and `explain`'s queries, and what the user gives is bound into it as RDF
    terms, never pasted: so it runs without the safety check, which is for text from a user (and
    whose parser, rdflib's, takes longer to import and run than a question on the stored graph).
    tests/queries/test_library.py runs every question, with and without --as-of, through the check."""
    text = question.text(as_of)
    table = engine.run(ws.graph, text, bindings(ws, question, given or {}), timeout, ws.prefixes)
    if as_of is not None and question.as_of:
        table = apply_as_of(ws.graph, table, question.as_of, as_of)
    return table


def ask_sparql(ws: Workspace, text: str, timeout: float | None = engine.DEFAULT_TIMEOUT) -> Table:
    """Run ad-hoc SPARQL after the safety check (common prefixes predeclared, `data:` = the base).

    On the embedded store, text that ``cleared_by_words`` clears runs without rdflib's parse (about
    0.1 s of a 0.3-0.4 s command): the engine's own parser is then the only one, and where it finds a syntax
    error the full check runs to say what is wrong in its words (an undeclared prefix, an update,
    the line and column). A remote endpoint's text always gets the full check first."""
    prefixes = ws.prefixes
    def full(t: str) -> str:
        return checked_query(t, prefixes).text
    if oxigraph_of(ws.graph) is None:
        return engine.run(ws.graph, text, None, timeout, prefixes, full)
    try:
        return engine.run(ws.graph, text, None, timeout, prefixes, lambda t: cleared_by_words(t) or full(t))
    except (engine.QueryFailed, SyntaxError) as failed:  # SyntaxError: Oxigraph's, in-process (no time limit)
        if isinstance(failed, engine.QueryFailed) and not failed.syntax:
            raise
        # the check's BadQuery or Refused when it finds what is wrong; otherwise the engine's message
        with suppress(engine.QueryTimeout):  # the check ran out of time: still, the engine cannot parse it
            if timeout is None:
                full(text)
            else:
                engine.in_child(lambda: full(text), timeout)
        if isinstance(failed, SyntaxError):
            raise engine.QueryFailed(str(failed), syntax=True) from failed
        raise
