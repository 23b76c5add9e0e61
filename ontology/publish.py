"""Publish the ontology: RDF/XML for owlready2 and Protégé, and a Markdown reference page."""
from __future__ import annotations

import hashlib
import re
from functools import cache

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import SKOS

from . import GG, ontology_graph

KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
         (OWL.DatatypeProperty, "Datatype properties"), (OWL.AnnotationProperty, "Annotation properties"),
         (OWL.NamedIndividual, "Individuals"))


def _stable_bnodes(graph: Graph) -> dict[BNode, BNode]:
    """Name each blank node by a hash of its content and of where it hangs (parent, property).

    The ontology's blank nodes (restrictions, lists, disjointness axioms) form trees, so this is
    well defined; rdflib's own canonical labels varied with PYTHONHASHSEED when tried.
    """
    @cache
    def content(node: BNode) -> str:
        rows = sorted((str(p), content(o) if isinstance(o, BNode) else o.n3()) for p, o in graph.predicate_objects(node))
        return hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()

    names: dict[BNode, BNode] = {}

    def name(node: BNode, parent: str) -> None:
        names[node] = BNode("b" + hashlib.sha1(f"{parent}|{content(node)}".encode()).hexdigest()[:16])
        for p, o in graph.predicate_objects(node):
            if isinstance(o, BNode) and o not in names:
                name(o, f"{names[node]}|{p}")

    bnodes = {t for triple in graph for t in triple if isinstance(t, BNode)}
    for node in bnodes:
        parents = sorted(graph.subject_predicates(node))
        if not parents or not isinstance(parents[0][0], BNode):
            name(node, f"{parents[0][0]}|{parents[0][1]}" if parents else "")
    return names


def _canonical(graph: Graph) -> Graph:
    """A copy with stable blank-node labels whose triples were inserted in sorted order,
    so that serialisers walk them the same way in every run (whatever PYTHONHASHSEED is)."""
    names = _stable_bnodes(graph)
    source = [tuple(names.get(term, term) for term in triple) for triple in graph]
    ordered = Graph(bind_namespaces="none")
    for prefix, ns in sorted(graph.namespaces()):
        ordered.bind(prefix, ns, override=True)
    for triple in sorted(source):
        ordered.add(triple)
    return ordered


_DESCRIPTION = re.compile(r"^  <rdf:Description .*?^  </rdf:Description>\n", re.S | re.M)


def _sorted_rdfxml(canonical: Graph) -> bytes:
    """RDF/XML with its subject blocks in sorted order (rdflib walks subjects in store order)."""
    text = canonical.serialize(format="xml", encoding="utf-8").decode("utf-8")
    blocks = _DESCRIPTION.findall(text)
    first = _DESCRIPTION.search(text)
    head = text[: first.start()] if first else text
    tail = text[text.rfind("</rdf:Description>\n") + len("</rdf:Description>\n"):] if blocks else ""
    return (head + "".join(sorted(blocks)) + tail).encode("utf-8")


def rdfxml_bytes(graph: Graph) -> bytes:
    """RDF/XML of an rdflib graph that has blank nodes (the ontology), byte-identical across runs."""
    return _sorted_rdfxml(_canonical(graph))


def ontology_xml_bytes() -> bytes:
    """The ontology as RDF/XML (owlready2 cannot read Turtle)."""
    return rdfxml_bytes(ontology_graph())


def _curie(graph: Graph, node: URIRef) -> str:
    return graph.namespace_manager.normalizeUri(node)


def _row(graph: Graph, node: URIRef) -> str:
    label = graph.value(node, RDFS.label) or ""
    definition = str(graph.value(node, SKOS.definition) or "").replace("|", "\\|")
    extras = []
    for prop, name in ((RDFS.subClassOf, "sub-class of"), (RDFS.subPropertyOf, "sub-property of"),
                       (RDFS.domain, "domain"), (RDFS.range, "range")):
        targets = sorted(_curie(graph, t) for t in graph.objects(node, prop) if isinstance(t, URIRef))
        if targets:
            extras.append(f"{name} {', '.join(targets)}")
    more = f" ({'; '.join(extras)})" if extras else ""
    return f"| `{_curie(graph, node)}` | {label} | {definition}{more} |"


def reference_markdown() -> str:
    """Every local class, property and individual with its definition; reused terms listed after."""
    graph = ontology_graph()
    lines = ["# govgraph ontology reference", "",
             "Generated from `ontology/govgraph.ttl` by `govgraph ontology --format md`; do not edit by hand.", ""]
    for kind, title in KINDS:
        local = sorted(n for n in graph.subjects(RDF.type, kind) if isinstance(n, URIRef) and n.startswith(str(GG)))
        if not local:
            continue
        lines += [f"## {title}", "", "| term | label | definition |", "|---|---|---|"]
        lines += [_row(graph, n) for n in local] + [""]
    why = sorted((n, str(graph.value(n, RDFS.comment))) for n in graph.subjects(RDFS.comment, None)
                 if isinstance(n, URIRef) and n.startswith(str(GG)))
    if why:  # a local term that stands where a standard one nearly fits says why
        lines += ["## Why these local terms", "", "| term | why a standard term was not enough |", "|---|---|"]
        lines += [f"| `{_curie(graph, n)}` | {text.removeprefix('Why local: ')} |" for n, text in why] + [""]
    reused = sorted({n for kind, _ in KINDS[:4] for n in graph.subjects(RDF.type, kind)
                     if isinstance(n, URIRef) and not n.startswith(str(GG))})
    lines += ["## Reused terms (declared, not imported)", "",
              ", ".join(f"`{_curie(graph, n)}`" for n in reused), ""]
    return "\n".join(lines)
