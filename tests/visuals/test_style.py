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


def test_every_kind_of_organisation_body_post_and_person_differs_by_outline_not_only_colour():
    """Shape, outline pattern, outline width and corners: what still tells kinds apart in greyscale."""
    styles = load_styles()
    schema = load_schema().sections
    for section in ("organisations", "posts"):
        kinds = list(schema[section].kinds)
        signatures = {styles.node(section, k).signature for k in kinds}
        assert len(signatures) == len(kinds), section
    people = styles.node("people", "person").signature
    assert people not in {styles.node("posts", k).signature for k in schema["posts"].kinds}
    bodies = ["health-and-wellbeing-board", "board", "executive-group", "partnership"]
    assert all(styles.node("organisations", b).border_width >= 3 for b in bodies)
    others = set(schema["organisations"].kinds) - set(bodies)
    assert all(styles.node("organisations", k).border_width < 3 for k in others)


def test_no_kind_is_drawn_as_a_circle_or_a_drum():
    """vis-network draws a circle or database as tall as it is wide: a long name made the programme a
    shape several times the size of every other record. Boxes and ovals grow with the label only."""
    styles = load_styles()
    for section in load_schema().sections.values():
        for kind in section.kinds:
            assert styles.node(section.name, kind).shape not in ("circle", "database"), kind


def _luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_label_colours_contrast_with_their_fill():
    """Labels drawn inside a shape keep a contrast ratio of at least 4.5:1 with its fill (WCAG AA)."""
    styles = load_styles()
    for section in load_schema().sections.values():
        for kind in section.kinds:
            style = styles.node(section.name, kind)
            if style.shape not in ("box", "ellipse", "circle", "database"):
                continue
            light, dark = sorted((_luminance(style.font), _luminance(style.colour)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (kind, style.font, style.colour)


def test_legend_is_generated_from_the_same_table_that_draws_the_map(small: Built):
    from govgraph.visuals.views import annotate

    view = View(annotate(small, small.network), "t", "s")
    net, _ = to_pyvis(view)
    rows = legend(net, load_styles())
    drawn_kinds = {e["kind"] for e in net.edges}
    assert {r["kind"] for r in rows["links"]} == drawn_kinds
    for row in rows["links"]:
        style = load_styles().link(row["kind"])
        assert (row["legend"], row["colour"], row["dashes"] or False) == (style.legend, style.colour, style.dashes)
        assert row["count"] == sum(1 for e in net.edges if e["kind"] == row["kind"])
    assert sum(r["count"] for r in rows["nodes"]) == len(net.nodes)
