"""Find a record by id, label or alias, case-insensitively; say which names come close when none match."""
from __future__ import annotations

import difflib

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SKOS



class UnknownName(LookupError):
    """An unknown or ambiguous name; ``candidates`` lists the closest known names."""

    def __init__(self, name: str, problem: str, candidates: list[str]):
        self.name, self.candidates = name, candidates
        hint = f" Closest: {'; '.join(candidates)}." if candidates else ""
        super().__init__(f"{problem}.{hint}")


def _names(graph: Graph, base: str) -> dict[URIRef, set[str]]:
    table: dict[URIRef, set[str]] = {}
    for node, label in graph.subject_objects(RDFS.label):
        if not isinstance(node, URIRef) or not str(node).startswith(base):
            continue
        if str(node).startswith(f"{base}source/") or "/" in str(node)[len(base):]:
            continue  # source references, dates and intervals are not named things
        table.setdefault(node, {str(node)[len(base):]}).add(str(label))
        table[node].update(str(a) for a in graph.objects(node, SKOS.altLabel))
    return table


def resolve(graph: Graph, base: str, name: str) -> URIRef:
    """The one record whose id, label or alias equals ``name`` (ignoring case), or UnknownName."""
    wanted = name.strip().casefold()
    table = _names(graph, base)
    by_id = [node for node in table if str(node)[len(base):].casefold() == wanted]
    if by_id:  # ids are unique, so an id wins over another record's label or alias ('stp')
        return by_id[0]
    hits = sorted({node for node, names in table.items() if wanted in {n.casefold() for n in names}})
    if len(hits) == 1:
        return hits[0]
    if hits:
        labels = [f"{graph.value(h, RDFS.label)} ({str(h)[len(base):]})" for h in hits]
        raise UnknownName(name, f"'{name}' is ambiguous: it names {len(hits)} records", labels)
    every = {n: node for node, names in table.items() for n in names}
    close = difflib.get_close_matches(name, list(every), n=5, cutoff=0.4)
    close += [n for n in every if wanted in n.casefold() and n not in close][: 5 - len(close)]
    labels = sorted({f"{graph.value(every[c], RDFS.label)} ({str(every[c])[len(base):]})" for c in close})
    raise UnknownName(name, f"no record is called '{name}'", labels)

