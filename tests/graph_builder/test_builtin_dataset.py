"""The built-in dataset says what the two documents say: facts checked one by one, counts, sources."""
from __future__ import annotations

import pytest
from govgraph.graph_builder.rdf import GG
from rdflib import RDF, RDFS, URIRef

PREFIXES = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX d: <https://w3id.org/govgraph/data/cp-stp-mou/>
"""

# (what the documents say, where, an ASK query that holds only if the graph says it too)
FACTS = [
    ("CCC is a county council", "appendix Introduction", "d:ccc a gg:CountyCouncil ; rdfs:label 'Cambridgeshire County Council'"),
    ("PCC is a unitary city council", "appendix Introduction", "d:pcc a gg:UnitaryAuthority ; skos:altLabel 'PCC'"),
    ("the five District and City Councils, named from the public record", "ons-register",
     "d:district-and-city-councils gg:includes d:cambridge-city-council, d:east-cambridgeshire-district-council, "
     "d:fenland-district-council, d:huntingdonshire-district-council, d:south-cambridgeshire-district-council . "
     "d:fenland-district-council gg:hasSource/gg:inDocument d:ons-register"),
    ("the CCG is a clinical commissioning group", "appendix Introduction bullet 1", "d:ccg a gg:ClinicalCommissioningGroup"),
    ("NHS England and NHS Improvement approved the STP plan", "appendix Introduction bullet 1",
     "?a gg:approvedBy d:nhs-england ; gg:document d:stp-plan ; gg:status gg:completed . "
     "?b gg:approvedBy d:nhs-improvement ; gg:document d:stp-plan"),
    ("the STP plan runs 2016 to 2021", "appendix Introduction bullet 1",
     "d:stp-plan gg:coversPeriod ?p . ?p time:hasBeginning/gg:earliest '2016-01-01'^^xsd:date ; time:hasEnd/gg:latest '2021-12-31'^^xsd:date"),
    ("the foundation trust is named", "paper 3.1(4)", "d:cpft a gg:NHSFoundationTrust ; rdfs:label 'Cambridgeshire and Peterborough NHS Foundation Trust'"),
    ("the voluntary and community sector has a representative on the Cambridgeshire Board", "paper 3.1(4)",
     "?m org:member d:vcs-rep ; org:organization d:cambs-hwb ; gg:represents d:vcs"),
    ("District and City Councils are members of the Cambridgeshire HWB Board", "appendix Introduction bullet 3",
     "?m org:member d:huntingdonshire-district-council ; org:organization d:cambs-hwb"),
    ("the HWB District Officer is a non-voting member of the Board", "paper 3.5",
     "?m org:member d:hwb-district-officer ; org:organization d:cambs-hwb ; gg:votingRight gg:nonVoting"),
    ("CCC and PCC sit on the HCE through non-voting senior officers", "appendix Democratic requirements bullet 1",
     "?a org:member d:ccc-hce-rep ; org:organization d:hce ; gg:votingRight gg:nonVoting ; gg:represents d:ccc . "
     "?b org:member d:pcc-hce-rep ; org:organization d:hce ; gg:votingRight gg:nonVoting ; gg:represents d:pcc"),
    ("PCC takes part through the Peterborough HWB Board", "appendix Democratic requirements bullet 2",
     "?m org:member d:pcc ; org:organization d:pboro-hwb"),
    ("one Chief Executive serves CCC and PCC", "paper 3.1(2)",
     "d:joint-chief-executive a gg:ChiefExecutivePost ; org:postIn d:ccc, d:pcc"),
    ("the appendix was signed for CCC and PCC by Guia Beasley on 12/1/17", "appendix signature block",
     "d:signature-2017-01-12 gg:signatory d:guia-beasley ; gg:onBehalfOf d:ccc, d:pcc ; gg:datePrinted '12/1/17' ; "
     "gg:date/time:inXSDDate '2017-01-12'^^xsd:date . d:guia-beasley rdfs:label 'Guia Beasley'"),
    ("the Chair's recommended signature excludes each District and City Council", "paper 4.2",
     "d:signature-chair-2017-01 gg:signedAs d:hwb-chair ; gg:onBehalfOf d:cambs-hwb ; gg:status gg:proposed ; "
     "gg:excludes d:district-and-city-councils, d:cambridge-city-council, d:south-cambridgeshire-district-council"),
    ("councils must balance their budgets", "appendix Democratic requirements bullet 4",
     "d:duty-balanced-budget a gg:StatutoryDuty ; gg:dutyHolder d:ccc, d:pcc, d:fenland-district-council ; gg:legalBasis d:lgfa-1992"),
    ("councils cannot commit to sharing the opening financial risk, because of that duty", "appendix Democratic requirements bullet 4",
     "d:no-sharing-opening-financial-risk gg:binds d:ccc, d:pcc, d:wider-la-hwb-membership ; "
     "gg:rulesOut d:stp-opening-financial-risk ; gg:justifiedBy d:duty-balanced-budget"),
    ("NHS partners do not carry the financial risk of statutory social care", "appendix Democratic requirements bullet 4",
     "d:nhs-not-bearing-social-care-risk gg:binds d:nhs-partners ; gg:rulesOut d:social-care-financial-risk"),
    ("CCC and PCC must scrutinise NHS service changes", "appendix Democratic requirements bullet 5",
     "d:duty-health-scrutiny gg:dutyHolder d:ccc, d:pcc ; gg:legalBasis d:nhs-act-2006"),
    ("each council reserves the right to change its priorities", "appendix Democratic requirements bullet 3",
     "d:reserved-fenland-district-council-priorities a gg:ReservedPower ; gg:rightHolder d:fenland-district-council ; gg:matter d:change-of-priorities"),
    ("council financial decisions go through each council's own constitution", "appendix Democratic requirements bullet 1",
     "d:right-ccc-policy-and-finance gg:matter d:financial-decision ; gg:forOrganisation d:ccc ; gg:throughProcess d:process-ccc . "
     "d:process-ccc a gg:DemocraticProcess ; gg:processOf d:ccc"),
    ("the Cambridgeshire Board has a statutory duty to lead integration", "paper 3.6",
     "d:duty-hwb-integration gg:dutyHolder d:cambs-hwb ; gg:legalBasis d:hsca-2012"),
    ("the November meeting agreed four actions", "paper 3.1",
     "SELECT (COUNT(?a) AS ?n) WHERE { ?a gg:agreedIn d:decision-2016-11-actions } HAVING (COUNT(?a) = 4)"),
    ("actions 1 and 2 were completed", "paper 3.2",
     "d:action-enabling-clause gg:status gg:completed . d:action-chief-executive-signs gg:status gg:completed"),
    ("action 3 was not delivered, for two reasons", "paper 3.3",
     "d:action-district-democratic-approval gg:status gg:notDelivered ; gg:hasReason d:reason-meeting-timing, d:reason-district-clarity"),
    ("the paper does not report on action 4", "paper 3.1(4)", "d:action-vcs-feedback gg:status gg:notReported"),
    ("the amended appendix adds an enabling clause for specific programmes", "paper 3.2",
     "d:appendix prov:wasRevisionOf d:appendix-nov-2016 ; gg:changeNote ?c . "
     "d:enabling-clause-shared-risk gg:scope d:specific-programmes ; gg:matter d:financial-risk-sharing"),
    ("the three phases are in order, the second early 2017 (vague)", "paper 3.4",
     "d:phase-1-chair-signs gg:order 1 ; gg:date/gg:earliest '2017-01-01'^^xsd:date . "
     "d:phase-2-revise-and-approve gg:order 2 ; gg:date ?v . ?v a gg:VagueDate ; rdfs:label 'early 2017' . "
     "d:phase-3-board-sign-off gg:order 3 ; gg:date/rdfs:label '2017 (date TBC)'"),
    ("the next Board meeting was on 19 January 2017", "paper 3.1(3)",
     "d:hwb-meeting-2017-01-19 gg:meetingOf d:cambs-hwb ; gg:date/time:inXSDDate '2017-01-19'^^xsd:date"),
    ("the November paper's date is kept as printed", "paper Source Documents Location",
     "d:nov-paper gg:datePrinted 'November 2017' ; gg:date/gg:earliest '2017-11-01'^^xsd:date . d:paper dcterms:references d:nov-paper"),
    ("the alternative would delay signing by up to six months", "paper 3.6",
     "d:option-wait-for-districts a gg:Option ; gg:hasReason d:reason-later-signing"),
    ("the District Officer should join drafting of future Board documents (proposed)", "paper 3.5",
     "d:district-officer-in-drafting gg:status gg:proposed ; gg:binds d:cambs-hwb"),
    ("districts exercise housing, planning and leisure functions", "appendix Introduction bullet 3",
     "d:south-cambridgeshire-district-council gg:exercisesFunction d:housing, d:land-use-planning, d:leisure-services"),
]


def _ask(graph, pattern: str) -> bool:
    if pattern.lstrip().startswith("SELECT"):
        return len(list(graph.query(PREFIXES + pattern))) == 1
    return bool(graph.query(PREFIXES + f"ASK {{ {pattern} }}").askAnswer)


@pytest.mark.parametrize("fact,where,pattern", FACTS, ids=[f[0][:60] for f in FACTS])
def test_fact_is_in_the_graph(builtin, fact, where, pattern):
    assert _ask(builtin.graph, pattern), f"{fact} ({where})"


def test_at_least_25_facts_are_checked():
    assert len(FACTS) >= 25


def _count(builtin, cls: URIRef, where: str = "") -> int:
    query = PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> . {where} }}"
    return int(next(iter(builtin.graph.query(query)))[0])


def test_counts_match_the_documents(builtin):
    assert _count(builtin, GG.Principle) == 8  # appendix Key Principles: eight bullets
    assert _count(builtin, GG.Behaviour, "FILTER NOT EXISTS { ?x gg:partOf ?p }") == 4  # four paragraphs
    assert _count(builtin, GG.Behaviour, "?x gg:partOf d:behaviour-4") == 6  # six system behaviours
    assert _count(builtin, GG.Phase) == 3  # paper 3.4
    assert _count(builtin, GG.DistrictCouncil) == 5
    assert _count(builtin, GG.HealthAndWellbeingBoard) == 2
    assert _count(builtin, GG.Recommendation) == 2  # paper 4.1, 4.2


def test_every_record_has_a_source_in_a_known_document(builtin):
    graph = builtin.graph
    for record in builtin.arrangement.records.values():
        node = builtin.iri(record.id)
        refs = list(graph.objects(node, GG.hasSource))
        assert refs, record.id
        for ref in refs:
            document = graph.value(ref, GG.inDocument)
            assert (document, RDF.type, None) in graph and graph.value(ref, GG.locator), (record.id, ref)


def test_source_of_a_fact_is_queryable(builtin):
    query = PREFIXES + """SELECT ?label WHERE { d:hce-ccc-rep gg:hasSource ?s . ?s rdfs:label ?label }"""
    assert [str(r[0]) for r in builtin.graph.query(query)] == ["appendix Democratic requirements bullet 1"]


def test_vague_dates_are_not_invented(builtin):
    graph = builtin.graph
    tbc = graph.value(builtin.iri("hwb-meeting-2017-tbc"), GG.date)
    assert (tbc, RDF.type, GG.VagueDate) in graph
    assert graph.value(tbc, RDFS.label).toPython() == "2017 (date TBC)"
    mou_date = graph.value(builtin.iri("mou"), GG.date)
    assert (mou_date, RDF.type, GG.UnknownDate) in graph and graph.value(mou_date, GG.earliest) is None


def test_network_view_has_voting_edges_with_sources(builtin):
    net = builtin.network
    ccc_rep = str(builtin.iri("ccc-hce-rep"))
    edges = [d for _, _, d in net.out_edges(ccc_rep, data=True) if d["kind"] == "non-voting-member"]
    assert len(edges) == 1 and edges[0]["sources"] == ["appendix Democratic requirements bullet 1"]


def test_network_nodes_carry_their_specific_kind(builtin):
    nodes = builtin.network.nodes
    assert nodes[str(builtin.iri("ccc"))]["kind"] == "county-council"
    assert nodes[str(builtin.iri("hwb-chair"))]["kind"] == "chair"
    assert nodes[str(builtin.iri("hce"))]["kind"] == "executive-group"


def test_names_resolve_by_id_label_or_alias_and_ids_win(builtin):
    from govgraph.graph_builder.names import UnknownName, resolve

    base = builtin.arrangement.base
    assert resolve(builtin.graph, base, "stp") == builtin.iri("stp")  # 'STP' is also an alias of stp-plan
    assert resolve(builtin.graph, base, "health and care executive") == builtin.iri("hce")
    assert resolve(builtin.graph, base, "NHSE") == builtin.iri("nhs-england")
    assert resolve(builtin.graph, base, "STP") == builtin.iri("stp")  # ids ignore case too
    assert resolve(builtin.graph, base, "  Health and Care Executive ") == builtin.iri("hce")
    assert resolve(builtin.graph, base, "nhse") == builtin.iri("nhs-england")  # an alias, case ignored
    try:
        resolve(builtin.graph, base, "Cambs HWB")
    except UnknownName as exc:
        assert any("cambs-hwb" in c for c in exc.candidates)
    else:
        raise AssertionError("an unknown name must raise")
