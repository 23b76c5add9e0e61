"""The ontology loads in rdflib and owlready2, is consistent with the data, and its axioms bite."""
from __future__ import annotations

import io

import owlready2
import pytest
from govgraph.ontology import GG, ontology_graph, source_path
from govgraph.ontology.publish import ontology_xml_bytes, reference_markdown
from govgraph.ontology.reasoner import java_available, run_hermit, sanitised_ntriples
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

needs_java = pytest.mark.skipif(not java_available(), reason="HermiT needs Java, which is not on PATH")
ORG = "http://www.w3.org/ns/org#"


def test_rdflib_reads_the_turtle_source():
    graph = Graph().parse(source_path())
    assert (URIRef("https://w3id.org/govgraph/ontology"), RDF.type, OWL.Ontology) in graph
    assert (GG.VotingMembership, OWL.disjointWith, None) not in graph  # stated on the other side
    assert (GG.NonVotingMembership, OWL.disjointWith, GG.VotingMembership) in graph


def test_owlready2_reads_the_rdfxml_with_classes_and_hierarchy():
    world = owlready2.World()
    onto = world.get_ontology("http://govgraph.invalid/test#").load(fileobj=io.BytesIO(ontology_xml_bytes()), format="rdfxml")
    assert onto is not None
    district = world[str(GG.DistrictCouncil)]
    authority = world[str(GG.LocalAuthority)]
    assert authority in district.is_a
    assert world[str(GG.votingRight)] is not None


def test_every_local_term_has_a_label_and_a_definition():
    graph = ontology_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and term.startswith(str(GG)):
                assert graph.value(term, RDFS.label), term
                assert graph.value(term, SKOS.definition), term


def test_required_vocabulary_is_present():
    graph = ontology_graph()
    for name in ("LocalAuthority", "CountyCouncil", "UnitaryAuthority", "DistrictCouncil", "NHSBody",
                 "ClinicalCommissioningGroup", "NHSFoundationTrust", "NHSNationalBody", "Board",
                 "VotingMembership", "NonVotingMembership", "VotingMember", "SigningAuthority", "Signature",
                 "ReservedPower", "DecisionRight", "StatutoryDuty", "Commitment", "Constraint", "Meeting",
                 "Decision", "ActionItem", "Phase", "Document", "VagueDate", "SourceReference"):
        assert (GG[name], RDF.type, OWL.Class) in graph, name
    for name in ("votingRight", "represents", "excludes", "onBehalfOf", "legalBasis", "justifiedBy", "binds", "status"):
        assert (GG[name], None, None) in graph, name


def test_reference_page_lists_every_local_class_and_is_current():
    page = reference_markdown()
    graph = ontology_graph()
    for term in graph.subjects(RDF.type, OWL.Class):
        if isinstance(term, URIRef) and term.startswith(str(GG)):
            assert f"`gg:{term[len(str(GG)):]}`" in page
    committed = (source_path().parents[1] / "docs" / "ontology.md")
    if committed.exists():  # the docs folder ships with the repository, not the wheel
        assert committed.read_text(encoding="utf-8") == page, "regenerate: govgraph ontology --format md --out docs/ontology.md"


def test_sanitising_strips_imports_and_python_module():
    graph = Graph()
    graph.add((URIRef("urn:x"), OWL.imports, URIRef("http://example.org/remote")))
    graph.add((URIRef("urn:x"), URIRef("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module"), Literal("os")))
    graph.add((URIRef("urn:x"), RDFS.label, Literal("kept")))
    text = sanitised_ntriples(graph).decode()
    assert "imports" not in text and "python_module" not in text and "kept" in text


@needs_java
def test_hermit_finds_ontology_and_data_consistent_and_classifies_members(builtin):
    result = run_hermit(builtin.with_ontology())
    assert result.consistent, result.message
    assert result.unsatisfiable == []
    officer = str(builtin.iri("hwb-district-officer"))
    assert str(GG.NonVotingParticipant) in result.inferred_types[officer]
    assert str(GG.NonVotingMembership) in result.inferred_types[str(builtin.iri("hce-ccc-rep"))]


@needs_java
def test_hermit_rejects_a_council_that_is_also_an_nhs_body(builtin):
    graph = builtin.with_ontology()
    graph.add((builtin.iri("fenland-district-council"), RDF.type, GG.ClinicalCommissioningGroup))
    assert not run_hermit(graph).consistent


@needs_java
def test_hermit_rejects_a_membership_both_voting_and_non_voting(builtin):
    graph = builtin.with_ontology()
    graph.add((builtin.iri("hce-ccc-rep"), GG.votingRight, GG.voting))
    assert not run_hermit(graph).consistent


@needs_java
def test_hermit_reports_an_unsatisfiable_class():
    graph = ontology_graph()
    bad = URIRef("urn:test#CouncilTrust")
    graph.add((bad, RDF.type, OWL.Class))
    graph.add((bad, RDFS.subClassOf, GG.LocalAuthority))
    graph.add((bad, RDFS.subClassOf, GG.NHSFoundationTrust))
    result = run_hermit(graph)
    assert str(bad) in result.unsatisfiable


DELEGATION_FIXTURE = __import__("pathlib").Path(__file__).parents[1] / "queries" / "fixtures" / "delegation"


@needs_java
def test_hermit_finds_a_scheme_of_delegation_consistent_and_its_axioms_bite():
    """Delegations, conditions, terms of reference, seats and substitutes: consistent, no
    unsatisfiable class; and a body given
    two different voting rules (gg:votingRule is functional) is inconsistent."""
    from govgraph.graph_builder import load_arrangement
    built = load_arrangement([DELEGATION_FIXTURE])
    graph = built.with_ontology()
    result = run_hermit(graph)
    assert result.consistent, result.message
    assert result.unsatisfiable == []
    graph.add((built.iri("hwb-terms"), GG.votingRule, GG.unanimity))
    assert not run_hermit(graph).consistent


def test_delegation_reuses_prov():
    graph = ontology_graph()
    prov = "http://www.w3.org/ns/prov#"
    assert (GG.Delegation, RDFS.subClassOf, URIRef(prov + "Delegation")) in graph
    assert (GG.delegatedBy, RDFS.subPropertyOf, URIRef(prov + "agent")) in graph
    assert (GG.delegatedTo, OWL.inverseOf, URIRef(prov + "qualifiedDelegation")) in graph
    assert (GG.Seat, RDFS.subClassOf, URIRef(ORG + "Post")) in graph
