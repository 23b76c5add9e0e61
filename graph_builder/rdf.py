"""Turn validated records into RDF, written straight out as sorted N-Triples lines.

Provenance design ("qualified records"): every relationship the sources state is its own node
(a membership, a signature, a duty ...), and every record node carries gg:hasSource links to
gg:SourceReference nodes (document + locator). Every triple whose subject is a record rests on
that record's sources; date and interval nodes hang off the record they date. So "where does
this fact come from?" is one SPARQL join, and the graph stays a plain default graph that every
tool (Protégé, Gephi via GraphML, triple stores) reads.

Why text and not rdflib objects: at national scale (a million triples) building an rdflib Graph
took longer than everything else in the build together. Every IRI here is made of checked ids
and schema terms, so writing N-Triples directly is safe; the store that loads the lines
(pyoxigraph) parses them strictly, so a malformed line could not slip through unnoticed.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import OWL, RDF, RDFS, XSD
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, TIME

from ..ontology import GG
from .dates import DateValue, parse_date
from .records import Arrangement, Citation, Record
from .schema import FieldSpec, load_schema

PREFIXES = {"gg": GG, "org": ORG, "prov": PROV, "time": TIME, "dcterms": DCTERMS,
            "skos": SKOS, "owl": OWL, "rdfs": RDFS, "xsd": XSD}
DATE_CLASSES = {"day": GG.CalendarDay, "month": GG.CalendarPeriod, "year": GG.CalendarPeriod,
                "vague": GG.VagueDate, "unknown": GG.UnknownDate}
# N-Triples string escapes (canonical form: ECHAR for these four, UCHAR for other controls).
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            **{c: f"\\u{c:04X}" for c in (*range(9), 11, 12, *range(14, 32), 127)}}
_ESCAPES[9] = "\\t"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def iri(text: str) -> str:
    return f"<{text}>"


def literal(text: str, datatype: str | None = None) -> str:
    quoted = '"' + str(text).translate(_ESCAPES) + '"'
    return quoted if datatype is None else f"{quoted}^^<{datatype}>"


A, LABEL, INDIVIDUAL = iri(str(RDF.type)), iri(str(RDFS.label)), iri(str(OWL.NamedIndividual))


class _Emitter:
    """Collects the lines of one arrangement (a set: the same citation is written once)."""

    def __init__(self, arrangement: Arrangement):
        self.base = arrangement.base
        self.arr = arrangement
        self.schema = load_schema()
        # bytes, not str: one non-Latin-1 character (an en dash) in a str joined from them all
        # would make the whole text two bytes a character; sorted UTF-8 keeps code point order
        self.lines: set[bytes] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.add(f"{s} {p} {o} .\n".encode())

    def typed(self, node: str, *classes: str) -> None:
        for cls in classes:
            self.add(node, A, iri(cls))
        self.add(node, A, INDIVIDUAL)

    def record(self, rec: Record) -> None:
        node, sec = iri(self.base + rec.id), self.schema.sections[rec.section]
        self.typed(node, sec.kinds[rec.kind], sec.base_class)
        self.add(node, LABEL, literal(rec.label))
        if sec.concept_scheme:
            scheme = iri(f"{self.base}{rec.section}")
            self.add(scheme, A, iri(str(SKOS.ConceptScheme)))
            self.add(scheme, LABEL, literal(f"Kinds of {rec.section}"))
            self.add(node, iri(str(SKOS.prefLabel)), literal(rec.label))
            self.add(node, iri(str(SKOS.inScheme)), scheme)
        for cite in rec.sources:
            self.add(node, iri(str(GG.hasSource)), self.citation(cite))
        for name, value in rec.values.items():
            self.value(node, rec.id, sec.fields[name], value)

    def citation(self, cite: Citation) -> str:
        node = iri(f"{self.base}source/{cite.document}/{_slug(cite.locator)}")
        self.typed(node, GG.SourceReference)
        self.add(node, LABEL, literal(cite.text))
        self.add(node, iri(str(GG.inDocument)), iri(self.base + cite.document))
        self.add(node, iri(str(GG.locator)), literal(cite.locator))
        return node

    def value(self, node: str, rid: str, spec: FieldSpec, value: object) -> None:
        prop = iri(str(spec.property))
        items = value if isinstance(value, list) else [value]
        if spec.type in ("text", "text-list"):
            objects = [literal(text) for text in items]
        elif spec.type == "integer":
            objects = [literal(str(int(value)), str(XSD.integer))]  # type: ignore[call-overload]
        elif spec.type == "boolean":
            objects = [literal("true" if value else "false", str(XSD.boolean))]
        elif spec.type in ("amount", "fraction"):
            objects = [literal(f"{value:f}", str(XSD.decimal))]
        elif spec.type == "url":  # checked against a strict pattern in records.py: safe inside <...>
            objects = [iri(str(value))]
        elif spec.type in ("ref", "ref-list"):
            objects = [iri(self.base + target) for target in items]
        elif spec.type == "enum":
            objects = [iri(str(spec.values[value]))]  # type: ignore[index]
        elif spec.type == "date":
            objects = [self.date(f"{self.base}{rid}/{spec.name}", value)]  # type: ignore[arg-type]
        else:  # interval
            objects = [self.interval(f"{self.base}{rid}/{spec.name}", value)]  # type: ignore[arg-type]
        for obj in objects:
            self.add(node, prop, obj)

    def date(self, at: str, value: DateValue) -> str:
        node = iri(at)
        self.typed(node, DATE_CLASSES[value.precision])
        self.add(node, LABEL, literal(value.text))
        if value.precision == "day":
            self.add(node, iri(str(TIME.inXSDDate)), literal(value.earliest.isoformat(), str(XSD.date)))  # type: ignore[union-attr]
        for prop, bound in ((GG.earliest, value.earliest), (GG.latest, value.latest)):
            if bound is not None:
                self.add(node, iri(str(prop)), literal(bound.isoformat(), str(XSD.date)))
        return node

    def as_of(self, day: str) -> None:
        """The arrangement itself (its base IRI) and the day its sources state it as of: the
        rule date-after-as-of compares every record's date with it."""
        node = iri(self.base)
        self.add(node, A, iri(str(GG.Arrangement)))  # not a record: no owl:NamedIndividual, so no node of its own
        self.add(node, LABEL, literal(self.arr.manifest.get("title", self.arr.manifest.get("id", self.base))))
        self.add(node, iri(str(GG.asOf)), self.date(f"{self.base}dataset/as-of", parse_date(day)))

    def interval(self, at: str, value: dict[str, DateValue]) -> str:
        node = iri(at)
        self.typed(node, TIME.Interval)
        label = f"{value['from'].text if 'from' in value else '…'} to {value['to'].text if 'to' in value else '…'}"
        self.add(node, LABEL, literal(label))
        for key, prop in (("from", TIME.hasBeginning), ("to", TIME.hasEnd)):
            if key in value:
                self.add(node, iri(str(prop)), self.date(f"{at}/{key}", value[key]))
        return node


def to_ntriples(arrangement: Arrangement) -> bytes:
    """The arrangement's data (not the ontology) as N-Triples, one triple a line, sorted."""
    emitter = _Emitter(arrangement)
    for record in arrangement.records.values():
        emitter.record(record)
    if "as-of" in arrangement.manifest:
        emitter.as_of(arrangement.manifest["as-of"])
    return b"".join(sorted(emitter.lines))
