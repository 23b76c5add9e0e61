"""HermiT through owlready2, safely: a fresh World per run, no imports, no python_module annotation.

owlready2 fetches owl:imports from the network even with only_local, and imports any Python
module named in its python_module annotation; both are stripped before loading.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from rdflib import OWL, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..common.errors import GovgraphError

PYTHON_MODULE = URIRef("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module")


class ReasonerCannotRun(GovgraphError, RuntimeError):
    """HermiT could not be run (no Java, or Java failed: out of memory, a broken installation)."""


class JavaMissing(ReasonerCannotRun):
    """HermiT needs a Java runtime and none was found on PATH."""


def _java_failure(exc: BaseException) -> str:
    """The line of Java's error output that says what went wrong (not the stack trace)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    telling = [line for line in lines if re.search(r"(Error|Exception)\b", line) and not line.startswith("at ")]
    return (telling[-1] if telling else lines[-1] if lines else type(exc).__name__)[:300]


@dataclass
class ReasonerResult:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred_types: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""


def java_available() -> bool:
    return shutil.which("java") is not None


def _reasoner_literal(node: Node) -> Node:
    # xsd:date is outside the OWL 2 datatype map and HermiT rejects it; midnight xsd:dateTime
    # keeps the value for the reasoner's private copy only.
    if isinstance(node, Literal) and node.datatype == XSD.date:
        return Literal(f"{node}T00:00:00", datatype=XSD.dateTime)
    return node


def sanitised_ntriples(graph: Graph) -> bytes:
    """N-Triples of the graph for HermiT: no owl:imports, no python_module annotation, no xsd:date."""
    clean = Graph()
    for s, p, o in graph:
        if p not in (OWL.imports, PYTHON_MODULE):
            clean.add((s, p, _reasoner_literal(o)))
    return clean.serialize(format="nt", encoding="utf-8")


def run_hermit(graph: Graph) -> ReasonerResult:
    """Classify ontology+data with HermiT; report consistency, unsatisfiable classes and inferred types."""
    if not java_available():
        raise JavaMissing("Java was not found on PATH; HermiT needs Java 8 or later")
    import owlready2  # imported late: it is slow to import and only this layer needs it

    world = owlready2.World()
    onto = world.get_ontology("http://govgraph.invalid/reasoning#")
    onto.load(fileobj=io.BytesIO(sanitised_ntriples(graph)), format="ntriples")
    before = {i.iri: {c.iri for c in i.is_a if hasattr(c, "iri")} for i in world.individuals()}
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return ReasonerResult(consistent=False, message=str(exc).strip()[-2000:])
    except (owlready2.OwlReadyJavaError, subprocess.SubprocessError, OSError) as exc:
        raise ReasonerCannotRun(f"HermiT could not run: Java failed ({_java_failure(exc)})") from exc
    unsat = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
    inferred: dict[str, list[str]] = {}
    for ind in world.individuals():
        new = sorted({c.iri for c in ind.is_a if hasattr(c, "iri")} - before.get(ind.iri, set()))
        if new:
            inferred[ind.iri] = new
    return ReasonerResult(consistent=True, unsatisfiable=unsat, inferred_types=inferred)
