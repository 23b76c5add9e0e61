"""The JSON-LD writer (graph_builder.writer.compacted_jsonld): the document Oxigraph's expanded
JSON-LD gives once its IRIs are compacted, laid out as json.dumps(indent=1), written straight from
the triples."""
from __future__ import annotations

import json

import pyoxigraph as ox
from govgraph.graph_builder.writer import compacted_jsonld, data_files

EX, GG = "http://example.org/", "https://w3id.org/govgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PREFIXES = {"gg": GG, "ex": EX, "exa": EX, "deep": EX + "deep/"}


def _compact(iri: str) -> str:
    """The longest namespace wins; of equal ones, the first prefix in alphabetical order."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns) and not iri[len(ns):].startswith("//")),
               key=len, default=None)
    return iri if best is None else f"{min(p for p, ns in PREFIXES.items() if ns == best)}:{iri[len(best):]}"


def _compacted_by_hand(expanded: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    out = []
    for entry in expanded:
        node: dict = {}  # type: ignore[type-arg]
        for key, values in entry.items():
            if key == "@id":
                node[key] = _compact(values)
            elif key == RDF_TYPE and all(set(v) == {"@id"} for v in values):
                node["@type"] = [_compact(v["@id"]) for v in values]
            else:
                node[_compact(key)] = [{**v, **({"@id": _compact(v["@id"])} if "@id" in v else {}),
                                        **({"@type": _compact(v["@type"])} if "@type" in v else {})} for v in values]
        out.append(node)
    return out


def _triples() -> list[ox.Triple]:
    s, b = ox.NamedNode(EX + "s"), ox.BlankNode("b1")
    p, q, kind = ox.NamedNode(EX + "p"), ox.NamedNode(GG + "q"), ox.NamedNode(RDF_TYPE)
    return [
        ox.Triple(b, kind, ox.NamedNode(GG + "Board")),
        ox.Triple(b, p, ox.Literal("in English", language="en")),
        ox.Triple(s, p, ox.Literal('quotes " back\\slash\nnew line\ttab \u0007 bell – £ 😀')),
        ox.Triple(s, p, ox.Literal("4", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ox.Triple(s, kind, ox.NamedNode(GG + "Post")),
        ox.Triple(s, kind, b),
        ox.Triple(s, q, ox.NamedNode(EX + "deep/x")),
        ox.Triple(s, q, ox.NamedNode("http://elsewhere.org/y")),
        ox.Triple(s, p, ox.Literal("p again, after q")),  # Oxigraph starts a new node object here
        ox.Triple(ox.NamedNode(EX + "t"), kind, ox.Literal("a literal type")),  # stays rdf:type, not @type
        ox.Triple(ox.NamedNode(EX + "t"), q, ox.NamedNode(EX + "//not-compacted")),
    ]


def test_the_document_is_oxigraphs_expanded_json_ld_compacted():
    triples = _triples()
    written = compacted_jsonld(triples, PREFIXES)
    document = json.loads(written)
    assert document["@context"] == dict(sorted(PREFIXES.items()))
    assert document["@graph"] == _compacted_by_hand(json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD)))
    assert written == (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def test_the_document_has_the_same_triples():
    triples = _triples()
    parsed = ox.parse(compacted_jsonld(triples, PREFIXES), format=ox.RdfFormat.JSON_LD)
    assert {str(t) for t in parsed if not isinstance(t.subject, ox.BlankNode)} == \
        {str(t) for t in triples if not isinstance(t.subject, ox.BlankNode)}


def test_an_empty_graph():
    written = data_files(b"", ("jsonld",), EX)["jsonld"]
    assert json.loads(written)["@graph"] == []
    assert written == (json.dumps(json.loads(written), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
