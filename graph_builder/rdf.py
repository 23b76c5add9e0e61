"""Turn validated records into an RDF graph (rdflib).

Provenance design ("qualified records"): every relationship the sources state is its own node
(a membership, a signature, a duty ...), and every record node carries gg:hasSource links to
gg:SourceReference nodes (document + locator). Every triple whose subject is a record rests on
that record's sources; date and interval nodes hang off the record they date. So "where does
this fact come from?" is one SPARQL join, and the graph stays a plain default graph that every
tool (Protégé, Gephi via GraphML, triple stores) reads.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, OWL, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, TIME

from govgraph.graph_builder.dates import DateValue
from govgraph.graph_builder.records import Arrangement, Citation, Record
from govgraph.graph_builder.schema import FieldSpec, load_schema
from govgraph.ontology import GG


PREFIXES = {"gg": GG, "org": ORG, "prov": PROV, "time": TIME, "dcterms": DCTERMS,
            "skos": SKOS, "owl": OWL, "rdfs": RDFS, "xsd": XSD}
DATE_CLASSES = {"day": GG.CalendarDay, "month": GG.CalendarPeriod, "year": GG.CalendarPeriod,
                "vague": GG.VagueDate, "unknown": GG.UnknownDate}


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


class _Emitter:
    def __init__(self, arrangement: Arrangement):
        self.arr = arrangement
        self.base = arrangement.base
        self.graph = new_graph()
        self.graph.bind("data", Namespace(self.base))
        self.schema = load_schema()

    def iri(self, rid: str) -> URIRef:
        return URIRef(self.base + rid)

    def emit(self) -> Graph:
        for record in self.arr.records.values():
            self.record(record)
        return self.graph

    def record(self, rec: Record) -> None:
        g, node = self.graph, self.iri(rec.id)
        sec = self.schema.sections[rec.section]
        g.add((node, RDF.type, sec.kinds[rec.kind]))
        g.add((node, RDF.type, sec.base_class))
        g.add((node, RDF.type, OWL.NamedIndividual))
        g.add((node, RDFS.label, Literal(rec.label)))
        if sec.concept_scheme:
            scheme = URIRef(f"{self.base}{rec.section}")
            g.add((scheme, RDF.type, SKOS.ConceptScheme))
            g.add((scheme, RDFS.label, Literal(f"Kinds of {rec.section}")))
            g.add((node, SKOS.prefLabel, Literal(rec.label)))
            g.add((node, SKOS.inScheme, scheme))
        for cite in rec.sources:
            g.add((node, GG.hasSource, self.citation(cite)))
        for name, value in rec.values.items():
            self.value(node, sec.fields[name], value)

    def citation(self, cite: Citation) -> URIRef:
        node = URIRef(f"{self.base}source/{cite.document}/{_slug(cite.locator)}")
        g = self.graph
        g.add((node, RDF.type, GG.SourceReference))
        g.add((node, RDF.type, OWL.NamedIndividual))
        g.add((node, RDFS.label, Literal(cite.text)))
        g.add((node, GG.inDocument, self.iri(cite.document)))
        g.add((node, GG.locator, Literal(cite.locator)))
        return node

    def value(self, node: URIRef, spec: FieldSpec, value: object) -> None:
        g, prop = self.graph, spec.property
        if spec.type in ("text", "text-list"):
            for text in value if isinstance(value, list) else [value]:
                g.add((node, prop, Literal(text)))
        elif spec.type == "integer":
            g.add((node, prop, Literal(value, datatype=XSD.integer)))
        elif spec.type in ("ref", "ref-list"):
            for target in value if isinstance(value, list) else [value]:
                g.add((node, prop, self.iri(target)))
        elif spec.type == "enum":
            g.add((node, prop, spec.values[value]))
        elif spec.type == "date":
            g.add((node, prop, self.date(URIRef(f"{node}/{spec.name}"), value)))
        elif spec.type == "interval":
            g.add((node, prop, self.interval(URIRef(f"{node}/{spec.name}"), value)))

    def date(self, node: URIRef, value: DateValue) -> URIRef:
        g = self.graph
        g.add((node, RDF.type, DATE_CLASSES[value.precision]))
        g.add((node, RDF.type, OWL.NamedIndividual))
        g.add((node, RDFS.label, Literal(value.text)))
        if value.precision == "day":
            g.add((node, TIME.inXSDDate, Literal(value.earliest, datatype=XSD.date)))
        for prop, bound in ((GG.earliest, value.earliest), (GG.latest, value.latest)):
            if bound is not None:
                g.add((node, prop, Literal(bound, datatype=XSD.date)))
        return node

    def interval(self, node: URIRef, value: dict[str, DateValue]) -> URIRef:
        g = self.graph
        g.add((node, RDF.type, TIME.Interval))
        g.add((node, RDF.type, OWL.NamedIndividual))
        ends = {"from": TIME.hasBeginning, "to": TIME.hasEnd}
        label = f"{value['from'].text if 'from' in value else '…'} to {value['to'].text if 'to' in value else '…'}"
        g.add((node, RDFS.label, Literal(label)))
        for key, prop in ends.items():
            if key in value:
                g.add((node, prop, self.date(URIRef(f"{node}/{key}"), value[key])))
        return node


def to_rdf(arrangement: Arrangement) -> Graph:
    """The arrangement as an RDF graph of data (the ontology is kept separate)."""
    return _Emitter(arrangement).emit()
