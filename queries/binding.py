"""Bind query parameters by writing their values into the query's WHERE group, in place of the variables.

This is what rdflib's initBindings means for the queries in this project (the parameter is fixed
everywhere it appears, inside OPTIONAL, FILTER and BIND too), and it runs the same in every SPARQL
engine: Oxigraph's own substitutions accept only projected variables, and a remote endpoint has
no binding mechanism at all. Two alternatives were tried and rejected: a VALUES row at the top of
the WHERE group leaves the variable unbound inside nested groups (so a FILTER there sees nothing),
and a trailing VALUES clause was joined after grouping by Oxigraph (wrong row counts).

Only the WHERE group is rewritten: a parameter in the outer projection, GROUP BY or ORDER BY would
stay a variable (unbound), so the library's queries keep their parameters inside the WHERE group.

An optional parameter is tested in the texts as ``FILTER(IF(BOUND(?p), condition, true))``: plain
SPARQL that means "no restriction unless ?p is given" in any engine that runs it as written. Before
it runs, the binder simplifies that filter, so that no engine has to evaluate an EXISTS or a
comparison over a variable that is never bound (Virtuoso 7 rejects some such filters with SQ074
and takes an EXISTS inside IF as false): with ?p given it becomes ``FILTER(condition)`` with the
value in place; with ?p not given, and used nowhere else in the query, it is dropped. Both are
equivalences (IF(true, c, true) is c; BOUND of a variable no pattern binds is false), so the
answers are the ones the text means.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Identifier, URIRef

_SKIP = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                   r'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.S)
_WHERE = re.compile(r"(?<![\w?$:])WHERE\b", re.I)


class Unbindable(ValueError):
    """The query has no WHERE group to put the parameters in (a DESCRIBE of fixed IRIs, say)."""


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that are neither strings, IRIs nor comments."""
    spans, at = [], 0
    for match in _SKIP.finditer(text):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, len(text)))
    return spans


def where_group(text: str) -> tuple[int, int]:
    """Offsets of the braces of the outermost WHERE group ('WHERE' may be omitted in SELECT/ASK)."""
    spans = _code_spans(text)
    where = next((m.end() for s, e in spans if (m := _WHERE.search(text, s, e))), 0)
    depth, opened = 0, -1
    for start, end in spans:
        for at in range(max(start, where), end):
            if text[at] == "{":
                depth, opened = depth + 1, at if opened < 0 else opened
            elif text[at] == "}" and opened >= 0:
                depth -= 1
                if depth == 0:
                    return opened, at
    raise Unbindable("the query has no complete WHERE group, so its parameters cannot be bound")


_TOKEN = re.compile(r"\bSELECT\b|\bWHERE\b|\b(?:GROUP|ORDER)\s+BY\b|\bHAVING\b|\bBOUND\s*\(\s*[?$]\w+\s*\)"
                    r"|\bAS\s+[?$]\w+|[?$]\w+|[{}()]", re.I)


# What SPARQL's IRIREF may not hold (§19.8): a value with one of these would end the IRI early
# and write query text of its own into a query that was checked before it was bound.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` cannot be written into a query as ``<iri>``, or None when it can."""
    bad = _NOT_IN_IRI.search(iri)
    return None if bad is None else f"an IRI may not contain {bad.group(0)!r} (SPARQL IRIREF)"


class _Writer:
    """Rewrites one code span at a time, remembering where in the query it is (projection,
    pattern or GROUP BY/ORDER BY) because a value stands differently in each."""

    def __init__(self, bindings: Mapping[str, Identifier]):
        for name, term in bindings.items():
            problem = iri_problem(term) if isinstance(term, URIRef) else None
            if problem:
                raise Unbindable(f"?{name}: {problem}")
        self.values = {name: term.n3() for name, term in bindings.items()}
        self.mode, self.depth = "pattern", 0

    def token(self, match: re.Match[str]) -> str:
        word = match.group(0)
        upper = word.upper()
        if upper == "SELECT":
            self.mode, self.depth = "projection", 0
        elif upper == "WHERE" or word == "{":
            self.mode = "pattern"
        elif upper.startswith(("GROUP", "ORDER")) or upper == "HAVING":
            self.mode = "modifier"
        elif word == "}":
            self.mode = "pattern"
        elif word in "()":
            self.depth += 1 if word == "(" else -1
        elif upper.startswith("BOUND"):
            return "true" if re.search(r"[?$](\w+)", word).group(1) in self.values else word  # type: ignore[union-attr]
        elif word[0] in "?$" and word[1:] in self.values:
            return self.value(word)
        return word

    def value(self, var: str) -> str:
        term = self.values[var[1:]]
        if self.mode == "projection" and self.depth == 0:
            return f"({term} AS {var})"  # a projected parameter keeps its column
        if self.mode == "modifier" and self.depth == 0:
            return f"({term})"
        return term


_OPTIONAL = re.compile(r"\bFILTER\s*\(\s*IF\s*\(\s*BOUND\s*\(\s*[?$](\w+)\s*\)\s*,", re.I)


def _closing(text: str, opened: int) -> tuple[int, list[int]]:
    """The offset of the parenthesis closing the one at ``opened``, and of the commas directly inside
    it (strings, IRIs and comments skipped)."""
    commas: list[int] = []
    depth, at = 0, opened
    while at < len(text):
        skipped = _SKIP.match(text, at)
        if skipped and skipped.end() > at:
            at = skipped.end()
            continue
        char = text[at]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at, commas
        elif char == "," and depth == 1:
            commas.append(at)
        at += 1
    raise Unbindable("a FILTER(IF(BOUND(...), ...)) is not closed")


def _optional_filters(text: str, bound: Mapping[str, object]) -> str:
    """Simplify each ``FILTER(IF(BOUND(?p), condition, true))`` (see the module's docstring)."""
    in_code = list(_code_spans(text))
    for match in reversed(list(_OPTIONAL.finditer(text))):
        if not any(s <= match.start() < e for s, e in in_code):
            continue
        name = match.group(1)
        if_closed, commas = _closing(text, text.index("(", text.index("(", match.start()) + 1))
        filter_closed, _ = _closing(text, text.index("(", match.start()))
        if len(commas) != 2 or text[commas[1] + 1:if_closed].strip().lower() != "true" \
                or text[if_closed + 1:filter_closed].strip():
            continue
        condition = text[commas[0] + 1:commas[1]].strip()
        if name in bound:
            text = f"{text[:match.start()]}FILTER({condition}){text[filter_closed + 1:]}"
        else:
            rest = text[:match.start()] + text[filter_closed + 1:]
            if not any(re.search(rf"[?$]{name}\b", rest[s:e]) for s, e in _code_spans(rest)):
                start, end = rest.rfind("\n", 0, match.start()) + 1, rest.find("\n", match.start())
                blank = end >= 0 and not rest[start:end].strip()  # the filter had its own line: drop the line
                text = rest[:start] + rest[end + 1:] if blank else rest
    return text


def bind(text: str, bindings: Mapping[str, Identifier] | None) -> str:
    """``text`` with each bound ``?name`` (or ``$name``) inside the WHERE group replaced by its value:
    as a constant in patterns and expressions, ``(value AS ?name)`` where a sub-query projects it,
    ``(value)`` in a GROUP BY or ORDER BY, and ``BOUND(?name)`` as ``true``; and each optional
    parameter's ``FILTER(IF(BOUND(?p), condition, true))`` simplified. ``None`` (an ad-hoc query,
    not a parameterised one) leaves the text as it is."""
    if bindings is None:
        return text
    text = _optional_filters(text, bindings)
    if not bindings:
        return text
    opened, closed = where_group(text)
    writer = _Writer(bindings)
    out, at = [text[:opened]], opened
    for start, end in _code_spans(text):
        start, end = max(start, opened), min(end, closed)
        if start >= end:
            continue
        out.append(text[at:start])
        out.append(_TOKEN.sub(writer.token, text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)
