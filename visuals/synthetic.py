"""Made-up arrangements of any size, shaped like Built.network, for scale tests and benchmarks.

Each synthetic organisation has a board; each board has posts, each post a holder and a
membership (voting or not); every few organisations share a duty and a commitment. Seeded, so
the same size always gives the same network.
"""
from __future__ import annotations

import random

import networkx as nx

from .views import View

BASE = "https://example.org/govgraph/synthetic/"


def _node(net: nx.MultiDiGraph, rid: str, label: str, section: str, kind: str) -> str:
    iri = BASE + rid
    net.add_node(iri, label=label, kind=kind, section=section, sources=[f"synthetic {rid}"], id=rid)
    return iri


def _link(net: nx.MultiDiGraph, u: str, v: str, kind: str, via: str) -> None:
    net.add_edge(u, v, key=f"{kind}|{via}", kind=kind, via=BASE + via, via_label=f"record {via}",
                 sources=[f"synthetic {via}"], start="", end="")


def synthetic_network(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A network of about ``nodes`` records (organisations, boards, posts, people, duties, commitments)."""
    rng = random.Random(seed)
    net = nx.MultiDiGraph()
    orgs: list[str] = []
    i = 0
    while net.number_of_nodes() < nodes:
        kind = rng.choice(["county-council", "district-council", "clinical-commissioning-group"])
        org = _node(net, f"org-{i}", f"Organisation {i}", "organisations", kind)
        board = _node(net, f"board-{i}", f"Board {i}", "organisations", "board")
        _link(net, board, org, "established-by", f"board-{i}")
        for j in range(3):
            post = _node(net, f"post-{i}-{j}", f"Member {j} of board {i}", "posts", "representative")
            person = _node(net, f"person-{i}-{j}", f"Person {i}.{j}", "people", "person")
            _link(net, post, board, "post-in", f"post-{i}-{j}")
            _link(net, person, post, "holds", f"tenure-{i}-{j}")
            _link(net, post, board, rng.choice(["voting-member", "non-voting-member"]), f"membership-{i}-{j}")
            if orgs:
                _link(net, post, rng.choice(orgs), "represents", f"membership-{i}-{j}")
        if i % 5 == 4:
            duty = _node(net, f"duty-{i}", f"Duty {i}", "duties", "statutory-duty")
            pledge = _node(net, f"pledge-{i}", f"Commitment {i}", "commitments", "undertaking")
            for member in rng.sample(orgs, min(3, len(orgs))) + [org]:
                _link(net, duty, member, "duty-of", f"duty-{i}")
                _link(net, pledge, member, "binds", f"pledge-{i}")
        orgs.append(org)
        i += 1
    return net


def synthetic_view(nodes: int, seed: int = 1) -> View:
    return View(synthetic_network(nodes, seed), f"Synthetic arrangement of {nodes} records",
                "Made-up data for measuring scale")
