"""`govgraph export --format owl`: data and ontology as one OWL 2 DL document that HermiT loads and
classifies (owlready2), and that the OWL API (the copy inside owlready2's HermiT.jar) places in
the OWL 2 DL profile. The plain RDF/XML export carries an ontology header importing the ontology."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import owlready2
import pytest
from govgraph.cli.app import app
from govgraph.ontology import ONTOLOGY_IRI
from govgraph.ontology.reasoner import java_available
from rdflib import OWL, RDF, XSD, Graph, URIRef
from typer.testing import CliRunner

HERE = Path(__file__).parent
HERMIT_JAR = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
pytestmark = pytest.mark.reasoner


@pytest.fixture(scope="module")
def owl_file(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("owl") / "cp-stp.owl"
    result = CliRunner().invoke(app, ["export", "--format", "owl", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_one_document_one_header_dates_in_the_owl2_datatype_map(owl_file, builtin):
    graph = Graph().parse(owl_file, format="xml")
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef(builtin.arrangement.base.rstrip("/"))]
    assert not list(graph.objects(None, OWL.imports))  # nothing to fetch
    datatypes = {o.datatype for o in graph.objects() if getattr(o, "datatype", None)}
    assert XSD.dateTime in datatypes and XSD.date not in datatypes
    assert len(graph) > builtin.triples  # the ontology's axioms are in it too
    # the exact dates stay in the plain exports
    nt = Graph().parse(data=CliRunner().invoke(app, ["export", "--format", "nt"]).stdout, format="nt")
    assert XSD.date in {o.datatype for o in nt.objects() if getattr(o, "datatype", None)}


@pytest.mark.skipif(not java_available(), reason="HermiT needs Java")
def test_hermit_loads_and_classifies_the_owl_export(owl_file):
    world = owlready2.World()
    onto = world.get_ontology(owl_file.resolve().as_uri()).load()
    before = {i.iri: set(i.is_a) for i in world.individuals()}
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    inferred = {i.iri for i in world.individuals() if set(i.is_a) - before.get(i.iri, set())}
    assert len(before) > 300 and inferred  # classified: some records gain a class (a voting member, say)


@pytest.mark.skipif(shutil.which("javac") is None, reason="the OWL API check is compiled with javac (a JDK)")
def test_the_owl_api_places_the_export_in_the_owl2_dl_profile(owl_file, tmp_path):
    subprocess.run(["javac", "-cp", str(HERMIT_JAR), "-d", str(tmp_path), str(HERE / "owlapi" / "ProfileCheck.java")],
                   check=True, capture_output=True, timeout=120)
    done = subprocess.run(["java", "-cp", f"{HERMIT_JAR}:{tmp_path}", "ProfileCheck", str(owl_file)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == "violations 0", done.stdout[-3000:]


def test_the_rdfxml_export_imports_the_ontology(builtin):
    graph = Graph().parse(data=CliRunner().invoke(app, ["export", "--format", "xml"]).stdout_bytes, format="xml")
    document = URIRef(builtin.arrangement.base.rstrip("/"))
    assert (document, RDF.type, OWL.Ontology) in graph
    assert (document, OWL.imports, URIRef(ONTOLOGY_IRI)) in graph
