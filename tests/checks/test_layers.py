"""Layers 1, 2 and 4: source problems, SHACL shapes (with the ontology), HermiT."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_built
from govgraph.checks.labels import Describer
from govgraph.checks.shapes import run_shapes
from govgraph.graph_builder import load_arrangement
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from .conftest import MINI, check_graph, edit, of_rule, planted, run

GG = Namespace("https://w3id.org/govgraph/ontology#")
BASE = "https://example.org/mini/"


def test_source_problems_become_findings(tmp_path: Path) -> None:
    folder = planted(tmp_path, MINI, edits=[("arrangement.yaml", "    voting: non-voting\n", "    voting: sometimes\n")])
    report = run(folder)
    assert [f.rule for f in report.findings] == ["source-invalid"]
    finding = report.findings[0]
    assert finding.file.endswith("arrangement.yaml") and finding.line and "voting" in finding.message
    assert "non-voting" in finding.fix
    assert [(r.layer, r.ran) for r in report.layers] == [("sources", True), ("shapes", False), ("rules", False), ("reasoner", False)]


def test_shape_tenure_holder_must_be_a_person() -> None:
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    edit(built, replace=((URIRef(BASE + "bob-chair"), GG.holder, URIRef(BASE + "board")),))
    found = of_rule(check_graph(built, "shapes"), "shape-tenure")
    assert [e.iri for e in found[0].entities] == [BASE + "bob-chair", BASE + "board"]
    assert found[0].file.endswith("arrangement.yaml") and found[0].severity == "error"


def test_shape_signature_needs_its_document() -> None:
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    edit(built, remove=((URIRef(BASE + "chair-signature"), GG.document, None),))
    found = of_rule(check_graph(built, "shapes"), "shape-signature")
    assert len(found) == 1 and "document" in found[0].message


def test_shape_membership_has_one_voting_right() -> None:
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    edit(built, add=((URIRef(BASE + "board-county"), GG.votingRight, GG.nonVoting),))
    assert len(of_rule(check_graph(built, "shapes"), "shape-membership")) == 1


def test_shape_date_bounds_in_order() -> None:
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    date = URIRef(BASE + "phase-2/date")
    edit(built, replace=((date, GG.earliest, Literal("2021-01-01", datatype=XSD.date)),))
    found = of_rule(check_graph(built, "shapes"), "shape-date-bounds")
    assert [f.entities[0].iri for f in found] == [str(date)]
    assert found[0].line  # located at the phase record that owns the date


def test_shapes_without_the_ontology_report_spurious_violations() -> None:
    """Why the ontology is always passed: a signatory must be a prov:Agent, and a prov:Person is one
    only through the ontology's sub-class axiom (and statuses are typed only in the ontology)."""
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    with_ontology = run_shapes(built.graph, Describer(built.graph), lambda r: True)
    without = run_shapes(built.data_graph, Describer(built.graph), lambda r: True)
    assert with_ontology == []
    assert {BASE + "chair-signature"} <= {f.entities[0].iri for f in without if f.rule == "shape-signature"}


@pytest.mark.reasoner
def test_reasoner_consistent_on_mini(mini) -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    report = check_built(mini, Selection.parse("reasoner"))
    assert report.findings == [] and [r.layer for r in report.layers if r.ran] == ["sources", "reasoner"]


@pytest.mark.reasoner
def test_reasoner_finds_a_council_that_is_also_an_nhs_body() -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed")
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    edit(built, add=((URIRef(BASE + "county"), RDF.type, GG.NHSBody),))  # councils and NHS bodies are disjoint
    report = check_built(built, Selection.parse("reasoner-inconsistent"))  # HermiT alone
    assert [f.rule for f in report.findings] == ["reasoner-inconsistent"]
    assert report.findings[0].severity == "error"
    # the whole layer: the OWL 2 RL rule names the record, and HermiT is not asked to say so again
    report = check_built(built, Selection.parse("reasoner"))
    assert [(f.rule, f.entities[0].iri) for f in report.findings] == [("reasoner-disjoint-classes", BASE + "county")]
    assert "HermiT not run" in [r for r in report.layers if r.layer == "reasoner"][0].note


def test_reasoner_not_run_without_java(mini, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govgraph.ontology.reasoner.java_available", lambda: False)
    report = check_built(mini, Selection.parse("reasoner"))
    (layer,) = [r for r in report.layers if r.layer == "reasoner"]
    assert not layer.ran and not layer.by_choice and "Java" in layer.note
    assert report.could_not_run() == [layer]


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_a_large_arrangement_reasons_on_the_ontology_alone_and_says_how_to_run_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    import govgraph.checks.engine as engine
    built = load_arrangement([MINI], persist=False)
    monkeypatch.setattr(engine, "HERMIT_LIMIT", built.triples - 1)
    report = check_built(built)
    reasoner = [r for r in report.layers if r.layer == "reasoner"][0]
    assert reasoner.ran and "ontology alone" in reasoner.note
    assert f"{built.triples:,} triples" in reasoner.note and "--rules reasoner" in reasoner.note
    assert report.findings == [] and report.could_not_run() == []


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_naming_the_reasoner_runs_it_whatever_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import govgraph.checks.engine as engine
    built = load_arrangement([MINI], persist=False)  # edited below: a store of its own
    monkeypatch.setattr(engine, "HERMIT_LIMIT", 1)
    report = check_built(built, Selection.parse("reasoner"))
    assert [(r.layer, r.ran) for r in report.layers if r.layer == "reasoner"] == [("reasoner", True)]

