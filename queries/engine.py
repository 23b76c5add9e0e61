"""Run a checked SPARQL query on a graph, with parameters bound as RDF terms and a hard time limit.

The graph is an rdflib Graph whose store answers SPARQL text itself: the embedded Oxigraph store
(``Built.graph``, asked directly) or a remote endpoint (``remote.endpoint_graph``). The text, with
parameters written into its WHERE group (queries/binding.py), is what runs; rdflib's parse of it
is only for the safety check (queries/safety.py).

Why a forked child for the time limit: neither rdflib nor Oxigraph can cancel a running query,
and a thread cannot be stopped from outside. A child process made with fork() starts
with the graph already in memory (no copying or pickling of the graph), evaluates the query, and
sends the rows back through a pipe; when the limit passes, the parent kills the child and nothing
is left running. The child has no network (queries/sandbox.py): whatever the text says, the
engine cannot call out. Where fork() does not exist (Windows) the query runs in-process without a
limit and the safety check is the only guard.
"""
from __future__ import annotations

import multiprocessing
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TypeVar

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.term import Identifier

from ..common.errors import GovgraphError
from ..graph_builder.store import RdflibTerms, oxigraph_of
from . import DEFAULT_TIMEOUT
from .binding import bind
from .sandbox import deny_network
from .seats import expand

TIMEOUT_ADVICE = "narrow it (fewer optional patterns, a LIMIT) or raise --timeout"
T = TypeVar("T")


class QueryTimeout(GovgraphError, RuntimeError):
    """The query ran past its time limit and was stopped."""


class QueryFailed(GovgraphError, RuntimeError):
    """The engine raised while evaluating the query (a type error in a function, for example)."""

    def __init__(self, message: str, syntax: bool = False):
        super().__init__(short_syntax_error(message) if syntax else message)
        self.syntax = syntax


_PLACE = re.compile(r"error at (\d+):(\d+)")
_SENTENCE = re.compile(r"(?:^|, |of )([A-Z][a-z]+(?: [\w-]+){2,}[^,\[]*)")


def short_syntax_error(message: str) -> str:
    """Oxigraph's parse error in one line: the place and its reason, without the grammar dump
    ("expected one of" followed by every token class the grammar allows there)."""
    place = _PLACE.search(message)
    where = f"line {place.group(1)}, column {place.group(2)}" if place else "somewhere"
    reason = _SENTENCE.search(message[place.end():] if place else message)
    return f"{where}: {reason.group(1).strip() if reason else 'unexpected text there'}"


@dataclass
class Table:
    """A query result: SELECT rows, an ASK answer, or CONSTRUCT/DESCRIBE triples as rows."""

    kind: str  # "select", "ask" or "graph"
    columns: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    answer: bool | None = None


# A list column: ``(GROUP_CONCAT(... ; separator="S") AS ?name)``.
LIST_COLUMN = re.compile(r'GROUP_CONCAT\s*\([^;]*;\s*separator\s*=\s*"((?:[^"\\]|\\.)*)"\s*\)\s*AS\s+[?$](\w+)\s*\)', re.I)


def list_columns(text: str) -> dict[str, str]:
    """The query's list columns (made by GROUP_CONCAT with a separator) and their separators."""
    return {name: separator.encode().decode("unicode_escape") for separator, name in LIST_COLUMN.findall(text)}


def normalised(table: Table, text: str) -> Table:
    """The one place where answers from different engines are made alike: the items of each list
    column sorted, empty items dropped, and an empty list unbound.

    SPARQL leaves the order of GROUP_CONCAT's items to the engine, and engines differ on a list
    with nothing in it: Oxigraph gives no value, Virtuoso an empty string. (The texts also wrap
    each aggregated value in COALESCE(?v, ""), because an unbound value makes the whole list
    unbound on Oxigraph, is skipped by Virtuoso and stops rdflib: see docs/queries.md.)"""
    lists = {table.columns.index(c): sep for c, sep in list_columns(text).items() if c in table.columns}
    if not lists or table.kind != "select":
        return table
    def fix(row: tuple[Identifier | None, ...]) -> tuple[Identifier | None, ...]:
        cells = list(row)
        for i, separator in lists.items():
            if isinstance(cells[i], Literal):
                items = sorted(item for item in str(cells[i]).split(separator) if item)
                joined = separator.join(items)
                cells[i] = None if not items else cells[i] if joined == str(cells[i]) else Literal(joined)
        return tuple(cells)
    return Table(table.kind, table.columns, [fix(r) for r in table.rows], table.answer)


def evaluate(graph: Graph, text: str, bindings: dict[str, Identifier] | None = None,
             prefixes: dict[str, str] | None = None) -> Table:
    """Evaluate in this process (trusted queries: the library's own, `can`, `explain`); answers
    normalised (see ``normalised``).

    ``prefixes`` (default: the graph's namespaces) are declared for the query; give the ones the
    safety check was given, so that both read the same names."""
    # gg:sitsOn, the one definition of "sits on" (queries/sits-on.rq), is expanded once the values
    # are bound: from a known party it is written so that engines start from that party
    store = oxigraph_of(graph)
    runs = expand(bind(text, bindings), oxigraph=store is not None)
    if prefixes is None:
        prefixes = {p: str(ns) for p, ns in graph.namespaces()}
    if store is not None:
        return normalised(_native(store, runs, prefixes), text)
    return normalised(_through_rdflib(graph, runs, prefixes), text)


def _through_rdflib(graph: Graph, text: str, prefixes: dict[str, str]) -> Table:
    result = graph.query(text, initNs=prefixes)
    if result.type == "ASK":
        return Table("ask", ["answer"], answer=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Table("graph", ["subject", "predicate", "object"], sorted(result.graph))
    columns = [str(v) for v in result.vars or []]
    return Table("select", columns, [tuple(_plain(term) for term in row) for row in result])


def _native(store: ox.Store, text: str, prefixes: dict[str, str]) -> Table:
    """Straight from the embedded store, without oxrdflib's Result (see RdflibTerms for why)."""
    result = store.query(text, prefixes=prefixes)
    term = RdflibTerms()
    if isinstance(result, ox.QueryBoolean):
        return Table("ask", ["answer"], answer=bool(result))
    if isinstance(result, ox.QueryTriples):
        triples = {(term(t.subject), term(t.predicate), term(t.object)) for t in result}
        return Table("graph", ["subject", "predicate", "object"], sorted(triples))  # type: ignore[arg-type]
    columns = [v.value for v in result.variables]
    return Table("select", columns, [tuple(term(value) for value in row) for row in result])


def _plain(term: Identifier | None) -> Identifier | None:
    """A SPARQL server (Oxigraph's among them) may write a simple literal's datatype (xsd:string)
    out; rdflib leaves it off, and Literal("x") != Literal("x", datatype=XSD.string) in rdflib, so
    answers compare as rdflib's (RdflibTerms does the same for the embedded store)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _child(conn: Connection, work: Callable[[], T], offline: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # stopping a server ends a running query quietly
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if offline:
        deny_network()
    try:
        conn.send(("ok", work()))
    except GovgraphError as exc:  # a refusal or a bad query found in the child: raised again as it is
        conn.send(("raise", exc))
    except SyntaxError as exc:  # Oxigraph's parser: the text is not SPARQL it accepts
        conn.send(("syntax", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as a message
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(work: Callable[[], T], timeout: float, advice: str = TIMEOUT_ADVICE, offline: bool = True) -> T:
    """``work()`` in a forked child, killed after ``timeout`` seconds; in-process where fork does not exist.

    The child has no network unless ``offline`` is False (a query sent to an endpoint the user
    named). Raises QueryTimeout when the limit passes, QueryFailed (``syntax`` set for a parse error)
    when the work raised."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return work()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, work, offline), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"the query ran for more than {timeout:g} s and was stopped; {advice}")
        status, payload = receiver.recv()
    except EOFError as exc:
        raise QueryFailed(f"the query process ended without an answer (exit code {child.exitcode})") from exc
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status == "raise":
        raise payload
    if status != "ok":
        raise QueryFailed(payload, syntax=status == "syntax")
    return payload


def run(graph: Graph, query: str, bindings: dict[str, Identifier] | None = None,
        timeout: float | None = DEFAULT_TIMEOUT, prefixes: dict[str, str] | None = None,
        prepare: Callable[[str], str] | None = None) -> Table:
    """Evaluate with a time limit in seconds (None: no limit, in-process). ``prepare`` (the safety
    check, for text from a user) turns the text into what runs, inside the limit: parsing a
    pathological text can take longer than running it."""
    work = lambda: evaluate(graph, prepare(query) if prepare else query, bindings, prefixes)  # noqa: E731
    if timeout is None:
        return work()
    remote = isinstance(graph.store, SPARQLStore)  # the endpoint the user named: the only address it may reach
    return in_child(work, timeout, offline=not remote)
