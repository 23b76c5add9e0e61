"""The style table covers every link kind the builder makes, and every link kind looks different."""
from __future__ import annotations

import re
from importlib import resources

from govgraph.graph_builder import Built
from govgraph.graph_builder.schema import load_schema
from govgraph.visuals.mapdata import legend, to_pyvis
from govgraph.visuals.style import load_styles
from govgraph.visuals.views import View


def _kinds_in_edge_query() -> set[str]:
    text = resources.files("govgraph.graph_builder").joinpath("network_edges.rq").read_text()
    return set(re.findall(r'"([a-z-]+)"', text)) - {"kind"}


def test_every_link_kind_of_the_builder_has_a_style():
    kinds = _kinds_in_edge_query()
    assert len(kinds) >= 17
    assert kinds == set(load_styles().links)


def test_link_kinds_differ_by_line_pattern_or_width_not_only_colour():
    looks = [(str(s.dashes), s.width, s.colour) for s in load_styles().links.values()]
    without_colour = {(dashes, width) for dashes, width, _ in looks}
    assert len(set(looks)) == len(looks)
    # The four the issue names must differ without colour.
    styles = load_styles().links
    named = ["voting-member", "non-voting-member", "represents", "signs-for", "duty-of"]
    assert len({(str(styles[k].dashes), styles[k].width) for k in named}) == len(named)
    assert len(without_colour) >= 12
    assert len({s.label for s in styles.values()}) == len(styles)


def test_every_node_kind_of_the_schema_gets_a_style_with_a_legend():
    styles = load_styles()
    for section in load_schema().sections.values():
        for kind in section.kinds:
            style = styles.node(section.name, kind)
            assert style.shape and style.colour.startswith("#") and style.legend


def test_organisation_kinds_that_share_a_colour_differ_in_shape():
    styles = load_styles()
    kinds = load_schema().sections["organisations"].kinds
    looks = [(styles.node("organisations", k).colour, styles.node("organisations", k).shape) for k in kinds]
    legends = [styles.node("organisations", k).legend for k in kinds]
    assert len(set(legends)) == len(legends)
    assert len(set(looks)) >= len(looks) - 2  # 'organisation' and 'board' may look alike; their wording differs


def test_legend_is_generated_from_the_same_table_that_draws_the_map(small: Built):
    from govgraph.visuals.views import annotate

    view = View(annotate(small, small.network), "t", "s")
    net = to_pyvis(view)
    rows = legend(net, load_styles())
    drawn_kinds = {e["kind"] for e in net.edges}
    assert {r["kind"] for r in rows["links"]} == drawn_kinds
    for row in rows["links"]:
        style = load_styles().link(row["kind"])
        assert (row["legend"], row["colour"], row["dashes"] or False) == (style.legend, style.colour, style.dashes)
        assert row["count"] == sum(1 for e in net.edges if e["kind"] == row["kind"])
    assert sum(r["count"] for r in rows["nodes"]) == len(net.nodes)
