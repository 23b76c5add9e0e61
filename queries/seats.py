"""`gg:sitsOn`, the one definition of "sits on": written in queries as a predicate, run as a path.

The path is the one on the ``?party`` line of ``sits-on.rq`` (a query of its own: every seat).
`expand` puts it in place of ``gg:sitsOn`` (the prefixed name) before a query runs, so rules,
named questions, `can`, `explain` and the map all mean the same by it, in any SPARQL engine.
"""
from __future__ import annotations

import re
from functools import cache, partial

from .binding import _code_spans
from .library import internal_query

SITS_ON = "https://w3id.org/govgraph/ontology#sitsOn"
_USE = re.compile(r"(?<![\w:])gg:sitsOn\b")
# Oxigraph plans a path whose top is an alternative of sequences after the triple patterns around
# it, so from a known party it scanned every membership (7 s for `explain` at 1M triples). Inside a
# sequence it starts from the known end; a leading zero-or-one step of a property no record uses
# (so: no step at all) makes the path a sequence without changing what it matches. Only for a
# known party: from an unknown one, the zero step would enumerate every node first. Only for the
# embedded store (and serve's, which is one): Virtuoso 7.2 cannot compile a zero-or-one step at the
# head of a sequence (HTTP 500, "please report the statement compiled"), so a query sent to another
# engine gets the plain path, which matches the same seats (docs/sharing.md).
NO_STEP = "<urn:govgraph:no-step>?/"
_PATH_LINE = re.compile(r"^\s*\?party\s+(.+?)\s+\?membership\s*\.\s*$", re.MULTILINE)
_PREFIX = re.compile(r"^PREFIX\s+(\w+):\s*<([^>]*)>", re.MULTILINE | re.IGNORECASE)


@cache
def sits_on_path() -> str:
    """The path of sits-on.rq, with full IRIs (so it needs no PREFIX where it is put)."""
    text = internal_query("sits-on")
    prefixes = dict(_PREFIX.findall(text))
    path = _PATH_LINE.search(text).group(1)  # type: ignore[union-attr]
    return "(" + re.sub(r"\b(\w+):(\w+)", lambda m: f"<{prefixes[m.group(1)]}{m.group(2)}>"
                        if m.group(1) in prefixes else m.group(0), path) + ")"


def _path(text: str, offset: int, oxigraph: bool, use: re.Match[str]) -> str:
    """The path for the gg:sitsOn matched by ``use`` in the span of ``text`` starting at ``offset``:
    after an IRI (a known party: a bound name), for Oxigraph, the zero-step sequence (NO_STEP)."""
    known = text[:offset + use.start()].rstrip().endswith(">")  # an IRI just before it: `>` is no operator here
    return f"({NO_STEP}{sits_on_path()})" if known and oxigraph else sits_on_path()


def expand(text: str, oxigraph: bool = True) -> str:
    """``text`` with every ``gg:sitsOn`` outside strings, IRIs and comments replaced by the path
    (``oxigraph``: for the embedded store, with its planner's hint; False for any other engine)."""
    if "sitsOn" not in text:
        return text
    out = []
    at = 0
    for start, end in _code_spans(text):
        out.append(text[at:start])
        out.append(_USE.sub(partial(_path, text, start, oxigraph), text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)
