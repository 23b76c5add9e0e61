"""Find a record by id, label or alias, case-insensitively; say which names come close when none match."""
from __future__ import annotations

import difflib

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ..common.errors import GovgraphError
from .records import ID


class UnknownName(GovgraphError, LookupError):
    """An unknown or ambiguous name; ``candidates`` lists the closest known names."""

    def __init__(self, name: str, problem: str, candidates: list[str]):
        self.name, self.candidates = name, candidates
        hint = f" Closest: {'; '.join(candidates)}." if candidates else ""
        super().__init__(f"{problem}.{hint}")


def _is_record(node: object, base: str) -> bool:
    """Records are named things: not source references, dates or intervals ({record}/...)."""
    return isinstance(node, URIRef) and str(node).startswith(base) and "/" not in str(node)[len(base):]


def _names(graph: Graph, base: str) -> dict[URIRef, set[str]]:
    """Every record's id, label and aliases (for suggestions when a name matches nothing)."""
    table: dict[URIRef, set[str]] = {}
    for node, label in graph.subject_objects(RDFS.label):
        if _is_record(node, base):
            table.setdefault(node, {str(node)[len(base):]}).add(str(label))  # type: ignore[index]
            table[node].update(str(a) for a in graph.objects(node, SKOS.altLabel))  # type: ignore[index]
    return table


def _named(graph: Graph, base: str, name: str) -> list[URIRef]:
    """Records with ``name`` as label or alias: the same text first (an index lookup); if none,
    ignoring case (one scan of the names, about 0.2 s at a million triples)."""
    exact = {n for p in (RDFS.label, SKOS.altLabel) for n in graph.subjects(p, Literal(name)) if _is_record(n, base)}
    if exact:
        return sorted(exact)  # type: ignore[arg-type]
    query = NAMES_QUERY.replace("?wanted", Literal(name.lower()).n3())
    wanted = name.casefold()
    return sorted({row[0] for row in graph.query(query) if _is_record(row[0], base)  # type: ignore[index]
                   and any(str(v).casefold() == wanted for v in graph.objects(row[0], RDFS.label | SKOS.altLabel))})  # type: ignore[index, operator]


NAMES_QUERY = """SELECT DISTINCT ?node WHERE {
  ?node <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name .
  FILTER(LCASE(STR(?name)) = ?wanted) }"""


def resolve(graph: Graph, base: str, name: str) -> URIRef:
    """The one record whose id, label or alias equals ``name``, or UnknownName.

    An id wins over another record's label or alias ('stp'); a name written exactly as recorded
    wins over ones that differ only in case; otherwise case is ignored."""
    wanted = name.strip()
    if ID.fullmatch(wanted.lower()):
        by_id = URIRef(base + wanted.lower())
        if graph.value(by_id, RDFS.label) is not None:
            return by_id
    hits = _named(graph, base, wanted)
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = [f"{graph.value(h, RDFS.label)} ({str(h)[len(base):]})" for h in hits]
        raise UnknownName(name, f"'{name}' is ambiguous: it names {len(hits)} records", labels)
    table = _names(graph, base)
    every = {n: node for node, names in table.items() for n in names}
    close = difflib.get_close_matches(name, list(every), n=5, cutoff=0.4)
    close += [n for n in every if wanted.casefold() in n.casefold() and n not in close][: 5 - len(close)]
    labels = sorted({f"{graph.value(every[c], RDFS.label)} ({str(every[c])[len(base):]})" for c in close})
    raise UnknownName(name, f"no record is called '{name}'", labels)
