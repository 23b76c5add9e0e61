"""Read-only, offline SPARQL: refuse what could write, fetch or call out, before anything runs.

The check works on rdflib's parsed algebra, not on the query text, so comments, strings,
prefixed names and odd spacing cannot hide a SERVICE clause or dodge a pattern.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import rdflib.plugins.sparql as rdflib_sparql
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from ..common.errors import GovgraphError

# rdflib would otherwise fetch the IRI of a FROM / FROM NAMED clause over the network.
rdflib_sparql.SPARQL_LOAD_GRAPHS = False

UPDATE_WORDS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                "DeleteWhere": "DELETE WHERE", "Modify": "INSERT/DELETE"}


class Refused(GovgraphError, ValueError):
    """The query was not run: what it asked for and why that is not allowed."""


class BadQuery(GovgraphError, ValueError):
    """The text is not a SPARQL query (syntax error), with where it fails."""


def _nodes(part: Any):
    """Every algebra node under ``part`` (CompValues, lists and dict values, depth first)."""
    if isinstance(part, CompValue):
        yield part
        for value in part.values():
            yield from _nodes(value)
    elif isinstance(part, (list, tuple)):
        for item in part:
            yield from _nodes(item)


def _update_words(text: str) -> list[str] | None:
    try:
        update = translateUpdate(parseUpdate(text))
    except Exception:  # noqa: BLE001 - not an update either: the caller reports the query error
        return None
    return [UPDATE_WORDS.get(request.name, request.name) for request in update.algebra]


def checked_query(text: str, prefixes: Mapping[str, str] | None = None) -> Query:
    """Parse and translate ``text``; raise Refused for updates, SERVICE and FROM, BadQuery for syntax.

    ``prefixes`` are declared for the query (its own PREFIX lines take precedence). Parsing is
    the slow part of a small query, so checked queries are kept (refusals are not cached).
    """
    return _checked(text, tuple(sorted((prefixes or {}).items())))


@lru_cache(maxsize=256)
def _checked(text: str, prefixes: tuple[tuple[str, str], ...]) -> Query:
    try:
        query = translateQuery(parseQuery(text), initNs=dict(prefixes))
    except ParseException as exc:
        words = _update_words(text)
        if words:
            raise Refused(f"{', '.join(sorted(set(words)))} would change or load data; "
                          "only read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are run") from exc
        raise BadQuery(f"line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
    except Exception as exc:  # rdflib raises plain Exceptions for e.g. undefined prefixes
        raise BadQuery(str(exc)) from exc
    for clause in query.algebra.get("datasetClause") or []:
        word = "FROM NAMED" if "named" in clause else "FROM"
        iri = clause["named"] if "named" in clause else clause["default"]
        raise Refused(f"{word} <{iri}> asks for another graph; queries run only on the loaded "
                      "arrangement (and its ontology): remove the clause")
    for node in _nodes(query.algebra):
        if node.name == "ServiceGraphPattern":
            raise Refused(f"SERVICE <{node.get('term')}> would call a remote endpoint; "
                          "govgraph runs queries offline: remove the SERVICE clause")
    return query
