r"""Read-only, offline SPARQL: refuse what could write, fetch or call out, before anything runs.

The check works on rdflib's parsed algebra, not on the query text, so comments, strings,
prefixed names and odd spacing cannot hide a SERVICE clause or dodge a pattern.

What is checked is what runs: the text is first put in one canonical form (no byte-order mark,
"\n" line ends, SPARQL's \u and \U codepoint escapes decoded as SPARQL 1.1 section 19.2 says,
no control characters), and that canonical text is both what rdflib checks and what the engine
runs (``Checked.text``). Those are the lexical corners where SPARQL parsers disagree (a comment
ended by a bare CR, an escape with eight digits after a small u). The engine's processes also
run without network access (queries/sandbox.py), so a disagreement left over still cannot
call out. Prefixed names must be declared in the query or be among the prefixes given (the ones
the engine gets): rdflib's own long list of defaults is not assumed.

Text for the embedded store that ``cleared_by_words`` clears (no SERVICE or FROM written anywhere
in it) skips rdflib's parse: what the parse would look for cannot be there.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..common.errors import GovgraphError
from ..graph_builder.store import offline_rdflib_sparql

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.plugins.sparql.sparql import Query

# rdflib's SPARQL parser (pyparsing, about 0.1 s to import) is imported by the first check, not
# with this module: the named questions and `can` never need it (see questions.ask), and ad-hoc
# text on the embedded store only when ``cleared_by_words`` cannot clear it.

# Every clause that reaches outside the loaded graph starts with one of these words (SERVICE,
# FROM and FROM NAMED); SPARQL keywords are ASCII, matched without regard to case.
_OUTWARD = re.compile(r"SERVICE|FROM", re.IGNORECASE | re.ASCII)

UPDATE_WORDS = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                "DeleteWhere": "DELETE WHERE", "Modify": "INSERT/DELETE"}


class Refused(GovgraphError, ValueError):
    """The query was not run: what it asked for and why that is not allowed."""


class BadQuery(GovgraphError, ValueError):
    """The text is not a SPARQL query (syntax error), with where it fails."""


@dataclass(frozen=True)
class Checked:
    """A query that passed the check: the canonical ``text`` to run and rdflib's parse of it."""

    text: str
    query: Query

    @property
    def algebra(self) -> CompValue:
        return self.query.algebra


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LEFT_ESCAPE = re.compile(r"\\[uU]")
_ALLOWED_CONTROLS = {"\t", "\n"}


def _decode(match: re.Match[str]) -> str:
    point = int(match.group(1) or match.group(2), 16)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        raise BadQuery(f"{match.group(0)} is not a Unicode character")
    return chr(point)


def _where(text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    return f"line {text.count(chr(10), 0, at) + 1}, column {at - line_start + 1}"


def canonical(text: str) -> str:
    """The one form of ``text`` that both the check and the engine read (see the module doc).

    Raises BadQuery for what has no single reading: an escape that decodes to another escape or
    is cut short, and control characters (other than tab and line end) anywhere in the text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE.sub(_decode, text)
    left = _LEFT_ESCAPE.search(text)
    if left:
        raise BadQuery(f"{_where(text, left.start())}: a \\u needs exactly 4 hexadecimal digits and a \\U "
                       "exactly 8, and an escape may not spell another escape")
    for at, char in enumerate(text):
        if char not in _ALLOWED_CONTROLS and (unicodedata.category(char) in ("Cc", "Zl", "Zp") or char == "\ufeff"):
            raise BadQuery(f"{_where(text, at)}: the control character U+{ord(char):04X} is not allowed in a "
                           "query; inside a string write it as an escape such as \\t or \\n")
    return text


def cleared_by_words(text: str) -> str | None:
    """The canonical text when it cannot reach outside the loaded graph whatever parser reads it;
    None when only a parse can tell (then use ``checked_query``).

    A SERVICE, FROM or FROM NAMED clause needs its keyword written out in the text; after
    canonical() no escape can spell one. So a pure-ASCII text in which neither word occurs
    anywhere (not even in a string, a comment or an IRI: no tokenising, hence no tokeniser to
    disagree with the engine's) has none of those clauses. Updates need no word test: the engine
    runs such text with Oxigraph's query parser, which has no update forms. What this does not
    look at (syntax, undeclared prefixes) Oxigraph's parser reports as a syntax error, and
    questions.ask_sparql then asks ``checked_query`` for the message."""
    text = canonical(text)
    return text if text.isascii() and not _OUTWARD.search(text) else None


def _nodes(part: Any):
    """Every algebra node under ``part`` (CompValues, lists and dict values, depth first)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    def walk(part: Any):
        if isinstance(part, CompValue):
            yield part
            for value in part.values():
                yield from walk(value)
        elif isinstance(part, (list, tuple, ParseResults)):
            for item in part:
                yield from walk(item)

    return walk(part)


def _undeclared(parsed: Any, given: Mapping[str, str]) -> list[str]:
    """Prefixes the query uses but neither declares nor gets from ``given``."""
    declared = {node.get("prefix", "") for node in _nodes(parsed) if node.name == "PrefixDecl"}
    used = {node.get("prefix", "") for node in _nodes(parsed) if node.name == "pname"}
    return sorted(used - declared - set(given))


def _update_words(text: str) -> list[str] | None:
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        update = translateUpdate(parseUpdate(text))
    except Exception:  # noqa: BLE001 - not an update either: the caller reports the query error
        return None
    return [UPDATE_WORDS.get(request.name, request.name) for request in update.algebra]


def checked_query(text: str, prefixes: Mapping[str, str] | None = None) -> Checked:
    """Canonicalise, parse and translate ``text``; raise Refused for updates, SERVICE and FROM,
    BadQuery for syntax and for prefixes that are not declared.

    ``prefixes`` are declared for the query (its own PREFIX lines take precedence); run
    ``Checked.text`` with the same prefixes. Parsing is the slow part of a small query, so
    checked queries are kept (refusals are not cached).
    """
    return _checked(text, tuple(sorted((prefixes or {}).items())))


@lru_cache(maxsize=256)
def _checked(original: str, prefixes: tuple[tuple[str, str], ...]) -> Checked:
    offline_rdflib_sparql()
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    text = canonical(original)
    try:
        parsed = parseQuery(text)
        unknown = _undeclared(parsed, dict(prefixes))
        if unknown:
            names = ", ".join(f"{p}:" for p in unknown)
            raise BadQuery(f"the prefix {names} is not declared; declare it (PREFIX {unknown[0]}: <...>) "
                           f"or use one of {', '.join(p + ':' for p, _ in prefixes) or 'none'}")
        query = translateQuery(parsed, initNs=dict(prefixes))
    except BadQuery:
        raise
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
    return Checked(text, query)
