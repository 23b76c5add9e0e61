"""Views: whole arrangement, focus with depth, one board, as of a date."""
from __future__ import annotations

import datetime as dt

import pytest
from govgraph.graph_builder import Built
from govgraph.visuals import ViewError, select_view

B = "https://example.org/govgraph/map-fixture/"


def _kinds(view, u: str, v: str) -> set[str]:
    return {d["kind"] for _, to, d in view.network.out_edges(B + u, data=True) if to == B + v}


def test_whole_view_keeps_every_node_and_link(small: Built):
    view = select_view(small)
    assert view.network.number_of_nodes() == small.network.number_of_nodes()
    assert view.network.number_of_edges() == small.network.number_of_edges()
    assert view.title == "Small fixture arrangement for map tests"
    node = view.network.nodes[B + "shire-council"]
    assert node["description"] == "The upper-tier council of the fixture."
    assert node["aliases"] == ["SCC"] and node["id"] == "shire-council"


def test_focus_depth_one_is_the_record_and_its_neighbours(small: Built):
    view = select_view(small, focus_name="SCC", depth=1)
    expected = {B + "shire-council"} | set(small.network.predecessors(B + "shire-council")) | set(small.network.successors(B + "shire-council"))
    assert set(view.network.nodes) == expected
    assert view.centre == B + "shire-council"
    assert view.title == "Where Shire County Council sits"


def test_focus_grows_with_depth(small: Built):
    one = select_view(small, focus_name="alex-chair", depth=1).network
    two = select_view(small, focus_name="alex-chair", depth=2).network
    assert set(one.nodes) == {B + "alex-chair", B + "board-chair"}
    assert set(one.nodes) < set(two.nodes)


def test_board_view_shows_members_with_voting_rights_and_whom_they_represent(small: Built):
    view = select_view(small, board_name="Shire Wellbeing Board")
    assert _kinds(view, "shire-council", "wellbeing-board") == {"voting-member"}
    assert _kinds(view, "river-ccg", "wellbeing-board") == {"non-voting-member"}
    assert "voting-member" in _kinds(view, "town-rep", "wellbeing-board")
    assert _kinds(view, "town-rep", "town-council") == {"represents"}
    assert B + "share-data" not in view.network  # commitments are not part of a board view
    assert B + "exec-group" not in view.network


def test_as_of_drops_links_not_yet_or_no_longer_in_force(small: Built):
    before = select_view(small, day=dt.date(2019, 6, 1)).network
    assert _kinds_of(before, "alex-chair", "board-chair") == set()  # tenure starts 2020-04-01
    assert _kinds_of(before, "sam-officer", "shire-council") == set()  # signed 2020-03-01
    assert B + "alex-chair" not in before
    during = select_view(small, day=dt.date(2020, 7, 1)).network
    assert _kinds_of(during, "alex-chair", "board-chair") == {"holds"}
    assert _kinds_of(during, "sam-officer", "shire-council") == {"signs-for"}
    assert "voting-member" in _kinds_of(during, "town-rep", "wellbeing-board")
    after = select_view(small, day=dt.date(2021, 6, 1)).network
    assert _kinds_of(after, "alex-chair", "board-chair") == set()  # tenure ended 2021-03-31
    assert _kinds_of(after, "shire-ceo", "town-council") == {"signs-not-for"}  # authority ended 2020-12-31; the signature stands


def test_as_of_keeps_links_not_known_either_way_and_marks_them(small: Built):
    # Sam's tenure starts "2019" (a year): on 2019-06-01 it is not known whether it had begun.
    view = select_view(small, day=dt.date(2019, 6, 1)).network
    holds = [d for u, v, d in view.edges(data=True) if u == B + "sam-officer" and d["kind"] == "holds"]
    assert len(holds) == 1 and holds[0]["in_force"] is None


def _kinds_of(net, u: str, v: str) -> set[str]:
    return {d["kind"] for _, to, d in net.out_edges(B + u, data=True) if to == B + v} if B + u in net else set()


@pytest.mark.parametrize("options, message", [
    ({"focus_name": "Shire Counsil"}, "Closest: .*Shire County Council \\(shire-council\\)"),
    ({"focus_name": "shire-on-board"}, "has no links on this map"),
    ({"board_name": "Alex Example"}, "is not a board or other organisation"),
    ({"board_name": "x", "focus_name": "y"}, "not two"),
    ({"focus_name": "SCC", "depth": 0}, "--depth must be 1 or more"),
])
def test_bad_views_say_what_is_wrong(small: Built, options, message):
    with pytest.raises(ViewError, match=message):
        select_view(small, **options)


def test_views_of_the_builtin_arrangement(builtin: Built):
    whole = select_view(builtin)
    board = select_view(builtin, board_name="Cambridgeshire Health and Wellbeing Board")
    assert board.network.number_of_nodes() > 3
    assert set(board.network.nodes) < set(whole.network.nodes)
    member_kinds = {d["kind"] for _, _, d in board.network.edges(data=True)}
    assert member_kinds & {"voting-member", "non-voting-member", "member"}


def test_focus_defaults_to_depth_one_centred_on_the_record(builtin: Built):
    view = select_view(builtin, focus_name="South Cambridgeshire District Council")
    centre = view.centre
    net = builtin.network
    assert set(view.network.nodes) == {centre} | set(net.predecessors(centre)) | set(net.successors(centre))
    assert "within 1 link of" in view.subtitle


def test_where_i_sit_for_a_post_a_person_and_an_organisation(builtin: Built):
    base = "https://w3id.org/govgraph/data/cp-stp-mou/"
    vcs = select_view(builtin, sit_name="Voluntary and Community Sector representative")
    assert vcs.title == "Where Voluntary and Community Sector representative sits"
    assert {base + "cambs-hwb", base + "vcs"} <= set(vcs.network.nodes)
    kinds = {d["kind"] for _, _, d in vcs.network.edges(data=True)}
    assert kinds & {"member", "voting-member", "non-voting-member"} and "represents" in kinds
    assert not any(d.get("section") == "commitments" for _, d in vcs.network.nodes(data=True))
    person = select_view(builtin, sit_name="Guia Beasley").network  # through the post she holds
    assert base + "joint-chief-executive" in person and base + "ccc" in person
    council = select_view(builtin, sit_name="CCC").network  # its officer on the HCE, and the HCE
    assert base + "ccc-hce-rep" in council and base + "hce" in council
