"""Facts in the built-in dataset rest on the two source documents; anything resting only on other
public records is listed here, so that each such addition is deliberate."""
from __future__ import annotations

from govgraph.graph_builder import Built
from govgraph.graph_builder.rdf import GG
from govgraph.queries.engine import evaluate
from rdflib import URIRef

# The two documents (see /work/shared/seeds/README.md): the January 2017 paper and the appendix.
TWO_DOCUMENTS = ("paper", "appendix")
# Every record whose only sources are outside those two, with why it is there.
ONLY_OUTSIDE = {
    "ons-register": "the public record that names the five District and City Councils",
    "legislation-record": "the public record of the Acts behind the statutory duties",
    "hsca-2012": "the Act behind the Board's duty (the documents mention the duty, not the Act)",
    "lgfa-1992": "the Act behind the balanced-budget duty",
    "nhs-act-2006": "the Act behind the NHS bodies' duties",
    "care-act-2014": "the Act behind the councils' social care duties",
}
OUTSIDE_ONLY = """
SELECT DISTINCT ?record WHERE {
  ?record gg:hasSource/gg:inDocument ?document .
  FILTER NOT EXISTS { ?record gg:hasSource/gg:inDocument ?one . FILTER (?one IN (?paper, ?appendix)) }
}"""


def test_records_resting_only_on_other_records_are_listed(builtin: Built):
    base = builtin.arrangement.base
    table = evaluate(builtin.graph, OUTSIDE_ONLY, {"paper": URIRef(base + "paper"), "appendix": URIRef(base + "appendix")})
    found = {str(r).removeprefix(base) for (r,) in table.rows}
    assert found == set(ONLY_OUTSIDE), (
        "a record rests only on sources outside the two documents; cite the document that states it, "
        "or add it to ONLY_OUTSIDE with the reason")


def test_no_unsupported_memberships_of_groups_or_representation(builtin: Built):
    """Neither document names the CCG or the Foundation Trust as NHS or STP partners, and paper 3.5
    does not say whom the HWB District Officer represents."""
    g, base = builtin.graph, builtin.arrangement.base
    includes = {str(o).removeprefix(base) for o in g.objects(URIRef(base + "nhs-partners"), GG.includes)}
    includes |= {str(o).removeprefix(base) for o in g.objects(URIRef(base + "stp"), GG.includes)}
    assert not includes & {"ccg", "cpft"}
    for record in ("hwb-district-officer", "cambs-hwb-district-officer"):
        assert list(g.objects(URIRef(base + record), GG.represents)) == []
