"""Publish the ontology: RDF/XML for owlready2 and Protégé, and a Markdown reference page."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from govgraph.ontology import GG, ontology_graph
from govgraph.graph_builder.writer import rdfxml_bytes

KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
         (OWL.DatatypeProperty, "Datatype properties"), (OWL.AnnotationProperty, "Annotation properties"),
         (OWL.NamedIndividual, "Individuals"))


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
    reused = sorted({n for kind, _ in KINDS[:4] for n in graph.subjects(RDF.type, kind)
                     if isinstance(n, URIRef) and not n.startswith(str(GG))})
    lines += ["## Reused terms (declared, not imported)", "",
              ", ".join(f"`{_curie(graph, n)}`" for n in reused), ""]
    return "\n".join(lines)
