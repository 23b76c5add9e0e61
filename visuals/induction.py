"""`govgraph induction NAME`: one printable page that tells a new member where they stand.

For a post, a person or an organisation: the bodies it sits on (with or without a vote, through
which post, for whom), who chairs each, its quorum and voting rule and the member's substitute
where the terms of reference record them; what binds the member's organisations (duties with
their legal basis, commitments, constraints, from ``explain``); what it can and cannot decide or
sign, and through whom (from ``can``, with the reasons); what is in progress (open actions,
phases, dates); and a small map of where it sits. Every line carries its sources.

The page is static HTML: no script at all, one inlined style sheet allowed by its hash, nothing
fetched; every string from the data goes through Jinja's escaping (text, never markup).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.metadata import version

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Identifier

from ..graph_builder.rdf import GG, ORG
from ..graph_builder.timeline import holds_on
from ..queries import can as can_rules
from ..queries.explain import explain
from ..queries.questions import Workspace
from ..queries.render import label
from .page import Asset, _asset
from .style import load_styles
from .views import MEMBERSHIP_KINDS, ViewError, annotate, as_of, seats_of, where_i_sit

NOT_RECORDED = "not recorded"
VOTE_WORDS = {"voting-member": "yes", "non-voting-member": "no", "member": "not stated"}
OPEN_STATUSES = {"open", "planned", "proposed", "not-delivered", "not-reported"}


NOBODY_NAMED = "nobody named in the sources"
ITSELF = "itself"


@dataclass
class Fact:
    text: str
    sources: list[str] = field(default_factory=list)
    whom: str = ""  # for a "speaks for" fact: whom, as the seat table and the summary say it


@dataclass
class Seat:
    body: str
    vote: str  # yes, no, not stated
    through: str  # the post (or membership) it sits through; "" when it sits itself
    speaks_for: list[str]
    chair: str
    quorum: str
    voting_rule: str
    substitute: str
    sources: list[str]


@dataclass
class Answer:
    matter: str
    for_: str
    answer: str
    reasons: list[Fact]


@dataclass
class Induction:
    name: str
    kind: str
    description: str
    as_of: dt.date | None
    organisations: list[str]
    seats: list[Seat]
    speaks_for: list[Fact]
    binds: list[Fact]
    may: list[Answer]
    may_not: list[Answer]
    not_stated: list[str]
    in_progress: list[Fact]
    map_svg: str = ""

    def glance(self) -> list[tuple[str, str]]:
        """The five questions a new member asks first, each answered in one line."""
        bodies = [s.body + (f" (through {s.through})" if s.through else "") for s in self.seats]
        votes = [f"{s.body}: {s.vote}" for s in self.seats]
        speaks = sorted({f.whom for f in self.speaks_for})
        kinds = {("statutory duty", "statutory duties"): sum(f.text.startswith("Statutory duty") for f in self.binds),
                 ("commitment", "commitments"): sum(f.text.startswith("Bound by") for f in self.binds),
                 ("constraint", "constraints"): sum(f.text.startswith("May not") for f in self.binds),
                 ("action assigned", "actions assigned"): sum(f.text.startswith("Assigned") for f in self.binds)}
        binds = ", ".join(f"{n} {k[n != 1]}" for k, n in kinds.items() if n) or "nothing recorded"
        cannot = sorted({a.matter for a in self.may_not})
        return [("Where do I sit?", "; ".join(bodies) or "on no body, as far as the sources say"),
                ("Do I vote?", "; ".join(votes) or "no seat, so no vote"),
                ("Whom do I speak for?", "; ".join(speaks) or NOBODY_NAMED),
                ("What binds us?", binds),
                ("What can we not decide?", "; ".join(cannot) or "nothing the sources rule out")]


def _uri(term: object) -> URIRef | None:
    return term if isinstance(term, URIRef) else None


def _uris(terms: Iterable[object]) -> list[URIRef]:
    return sorted(t for t in terms if isinstance(t, URIRef))


def _term(term: object) -> Identifier | None:
    return term if isinstance(term, Identifier) else None


def _dashes(dashes: list[int] | bool) -> str:
    return " ".join(str(d) for d in dashes) if isinstance(dashes, list) and dashes else "none"


def _local(node: URIRef | None) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if node is not None else ""


def _sources(graph: Graph, *records: URIRef | str | None) -> list[str]:
    return sorted({str(s) for r in records if r for s in graph.objects(URIRef(str(r)), GG.hasSource / RDFS.label)})  # type: ignore[operator]


def _words(term: URIRef | None) -> str:
    """gg:twoThirdsMajority -> 'two thirds majority'."""
    name = _local(term)
    out = "".join(" " + c.lower() if c.isupper() else c for c in name)
    return out.strip() or NOT_RECORDED


def capacities(net: nx.MultiDiGraph, subject: str) -> list[str]:
    """The subject and the posts it acts through: a person's posts; an organisation's own posts and
    the posts that speak for a group it is counted in (the District Officer, for each district)."""
    found = [subject]
    section = net.nodes[subject].get("section")
    owners = [subject]
    if section == "organisations":
        owners += sorted(u for u, _, kind in net.in_edges(subject, data="kind") if kind == "includes")
    for owner in owners:
        for u, v, kind in sorted(net.in_edges(owner, data="kind")) + sorted(net.out_edges(owner, data="kind")):
            other = u if v == owner else v
            if other in found or net.nodes[other].get("section") != "posts":
                continue
            if (section == "people" and kind == "holds") or (section == "organisations" and kind in ("post-in", "represents")):
                found.append(other)
    return found


def represented(graph: Graph, net: nx.MultiDiGraph, capacity: str) -> list[str]:
    """Whom a record speaks for: its own gg:represents, its memberships' and the map's links; the
    record itself when it speaks for itself. The seat table and the summary both say it from here."""
    node = URIRef(capacity)
    found = {str(o) for o in graph.objects(node, GG.represents)}
    for membership in graph.subjects(ORG.member, node):
        found |= {str(o) for o in graph.objects(membership, GG.represents)}
    found |= {v for _, v, kind in net.out_edges(capacity, data="kind") if kind == "represents"}
    return sorted(found)


def _whom(graph: Graph, capacity: str, represents: str) -> str:
    return ITSELF if represents == capacity else label(graph, URIRef(represents))


def _terms_of_reference(graph: Graph, body: URIRef, day: dt.date | None) -> URIRef | None:
    found = [t for t in _uris(graph.subjects(GG.termsOf, body)) if day is None or holds_on(graph, t, day) is not False]
    return found[0] if found else None


def _chair(graph: Graph, net: nx.MultiDiGraph, body: str, tor: URIRef | None) -> str:
    posts = _uris([graph.value(tor, GG.chairPost)]) if tor is not None else []
    posts += [URIRef(u) for u, _, kind in net.in_edges(body, data="kind")
              if kind == "post-in" and net.nodes[u].get("kind") == "chair"] if body in net else []
    if not posts:
        return NOT_RECORDED
    post = posts[0]
    holders = [label(graph, u) for u, _, kind in net.in_edges(str(post), data="kind") if kind == "holds"] if str(post) in net else []
    return label(graph, post) + (f" (held by {', '.join(sorted(holders))})" if holders else "")


def _quorum(graph: Graph, tor: URIRef | None) -> str:
    if tor is None:
        return NOT_RECORDED
    number, fraction = graph.value(tor, GG.quorum), graph.value(tor, GG.quorumFraction)
    if number is not None:
        return f"{number} members"
    return f"{fraction} of the members" if fraction is not None else NOT_RECORDED


def _substitute(graph: Graph, capacity: str, via: str, body: str, day: dt.date | None) -> str:
    names = set()
    for target in (capacity, via):
        for sub in _uris(graph.subjects(GG.substituteFor, URIRef(target))):
            on = graph.value(sub, GG.substituteOn)
            if (on is None or str(on) == body) and (day is None or holds_on(graph, sub, day) is not False):
                names.add(label(graph, _term(graph.value(sub, GG.substitute))))
    return "; ".join(sorted(names)) or NOT_RECORDED


def seats(graph: Graph, net: nx.MultiDiGraph, subject: str, day: dt.date | None) -> list[Seat]:
    """Every body the subject sits on, itself or through one of its posts."""
    out = []
    for capacity in capacities(net, subject):
        speaks = sorted({_whom(graph, capacity, v) for v in represented(graph, net, capacity)})
        for _, body, data in sorted(net.out_edges(capacity, data=True), key=lambda e: (e[1], e[2]["kind"])):
            if data["kind"] not in MEMBERSHIP_KINDS:
                continue
            tor = _terms_of_reference(graph, URIRef(body), day)
            rule = _uri(graph.value(tor, GG.votingRule)) if tor is not None else None
            out.append(Seat(body=label(graph, URIRef(body)), vote=VOTE_WORDS[data["kind"]],
                            through=label(graph, URIRef(capacity)) if capacity != subject else "",
                            speaks_for=speaks, chair=_chair(graph, net, body, tor), quorum=_quorum(graph, tor),
                            voting_rule=_words(rule) if rule is not None else NOT_RECORDED,
                            substitute=_substitute(graph, capacity, data["via"], body, day),
                            sources=sorted(set(data.get("sources", [])) | set(_sources(graph, tor)))))
    return out


def organisations_of(net: nx.MultiDiGraph, subject: str) -> list[str]:
    """The organisations a member acts for: itself, or those its posts belong to and speak for."""
    if net.nodes[subject].get("section") == "organisations":
        return [subject]
    found: list[str] = []
    for capacity in capacities(net, subject):
        for _, v, kind in sorted(net.out_edges(capacity, data="kind")):
            if kind in ("represents", "post-in") and net.nodes[v].get("section") == "organisations" and v not in found:
                found.append(v)
    return found


def _id(ws: Workspace, iri: str) -> str:
    """The name by which explain and can find a record: its id."""
    base = ws.built.arrangement.base
    return iri[len(base):] if iri.startswith(base) else iri


def _binds(ws: Workspace, subject: str, orgs: list[str], day: dt.date | None) -> list[Fact]:
    graph, out, seen = ws.graph, [], set()
    for record in [subject, *orgs]:
        profile = explain(ws, _id(ws, record), day)
        suffix = "" if record == subject else f" ({label(graph, URIRef(record))})"
        for line in profile.sections.get("What binds it", []):
            if line.text not in seen:
                seen.add(line.text)
                out.append(Fact(line.text + suffix, line.sources))
    return out


def _matters(graph: Graph) -> list[URIRef]:
    return sorted(set(_uris(graph.subjects(RDF.type, SKOS.Concept))), key=lambda m: label(graph, m))


def _answers(ws: Workspace, subject: str, orgs: list[str], day: dt.date | None) -> tuple[list[Answer], list[Answer], list[str]]:
    """What the subject may and may not decide, for each organisation it acts for; matters no one decides."""
    graph = ws.graph
    may: list[Answer] = []
    may_not: list[Answer] = []
    unstated: list[str] = []
    targets: list[str | None] = list(orgs) or [None]
    for matter in _matters(graph):
        stated = False
        for org in targets:
            verdict = can_rules.can(ws, _id(ws, subject), _id(ws, str(matter)), _id(ws, org) if org else None, day)
            if verdict.answer == can_rules.NOT_STATED:
                continue
            stated = True
            reasons = [Fact(r.text, r.sources) for r in verdict.reasons]
            answer = Answer(label(graph, matter), label(graph, URIRef(org)) if org else "", verdict.headline, reasons)
            (may_not if verdict.answer == can_rules.NO else may).append(answer)
        if not stated:
            unstated.append(label(graph, matter))
    return may, may_not, unstated


def _in_progress(graph: Graph, mine: set[str]) -> list[Fact]:
    """Open actions and phases not yet completed, the member's own first, with their dates."""
    rows = []
    for cls in (GG.ActionItem, GG.Phase):
        for record in _uris(graph.subjects(RDF.type, cls)):
            status = _local(_uri(graph.value(record, GG.status)))
            status = "-".join(w.lower() for w in "".join(" " + c if c.isupper() else c for c in status).split())
            if status and status not in OPEN_STATUSES:
                continue
            assigned = _uris(graph.objects(record, GG.assignedTo))
            yours = any(str(a) in mine for a in assigned)
            date = _term(graph.value(record, GG.date))
            parts = [label(graph, record)]
            if assigned:
                parts.append("assigned to " + ", ".join(sorted(label(graph, a) for a in assigned)))
            parts.append(f"status: {status.replace('-', ' ') if status else 'not stated'}")
            if date is not None:
                parts.append(f"date: {label(graph, date)}")
            phase_of = _uri(graph.value(record, GG.phaseOf))
            if phase_of is not None:
                parts.insert(1, f"phase {graph.value(record, GG.order)} of {label(graph, phase_of)}")
            rows.append((not yours, label(graph, record), Fact(("Yours: " if yours else "") + "; ".join(parts),
                                                                   _sources(graph, record))))
    return [fact for *_, fact in sorted(rows, key=lambda r: (r[0], r[1]))]


def _speaks(graph: Graph, net: nx.MultiDiGraph, capacity: str, represents: str) -> Fact:
    whom = _whom(graph, capacity, represents)
    if whom != ITSELF:
        return Fact(f"{label(graph, URIRef(capacity))} speaks for {whom}", _sources(graph, capacity), whom)
    stated = sorted({s for _, v, d in net.out_edges(capacity, data=True) if d["kind"] == "represents" and v == capacity
                     for s in d.get("sources", [])})
    return Fact(f"{label(graph, URIRef(capacity))} represents itself", stated or _sources(graph, capacity), whom)


def build_induction(ws: Workspace, name: str, day: dt.date | None = None) -> Induction:
    """The facts of the page for the post, person or organisation ``name`` resolves to."""
    graph = ws.graph
    subject = str(ws.resolve(name))
    net = annotate(ws.built, ws.built.network)
    if day is not None:
        net = as_of(graph, net, day)
    if subject not in net:
        raise ViewError(f"'{label(graph, URIRef(subject))}' has no links in this arrangement"
                        f"{f' on {day}' if day else ''}; name an organisation, post or person")
    section = net.nodes[subject].get("section")
    if section not in ("organisations", "posts", "people"):
        raise ViewError(f"'{label(graph, URIRef(subject))}' is not an organisation, post or person")
    orgs = organisations_of(net, subject)
    style = load_styles().node(section, net.nodes[subject].get("kind", ""))
    speaks = [_speaks(graph, net, c, v) for c in capacities(net, subject) for v in represented(graph, net, c)]
    may, may_not, unstated = _answers(ws, subject, orgs, day)
    mine = {subject, *capacities(net, subject), *orgs}
    speaks = list({f.text: f for f in speaks}.values())
    page = Induction(name=label(graph, URIRef(subject)), kind=style.legend,
                     description=str(graph.value(URIRef(subject), DCTERMS.description) or ""), as_of=day,
                     organisations=[label(graph, URIRef(o)) for o in orgs if o != subject],
                     seats=seats(graph, net, subject, day), speaks_for=speaks,
                     binds=_binds(ws, subject, [o for o in orgs if o != subject], day),
                     may=may, may_not=may_not, not_stated=unstated, in_progress=_in_progress(graph, mine))
    page.map_svg = neighbourhood_svg(where_i_sit(net, subject, seats_of(graph, subject)), subject)
    return page


# --- the small map: static SVG, no script --------------------------------------------------------

def _lines(text: str, width: int = 22) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line][:4]


def neighbourhood_svg(net: nx.MultiDiGraph, centre: str) -> str:
    """The member in the middle, what it sits on and speaks for around it, links drawn in the map's styles."""
    styles = load_styles()
    others = sorted((n for n in net if n != centre), key=lambda n: (net.nodes[n].get("section", ""), net.nodes[n]["label"]))
    radius_x, radius_y = 300.0, 150.0 + 12 * max(0, len(others) - 6)
    pos = {centre: (0.0, 0.0)}
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(others))
        pos[node] = (radius_x * math.cos(angle), radius_y * math.sin(angle))
    box_w, box_h = 170.0, 64.0
    width, height = 2 * radius_x + box_w + 20, 2 * radius_y + box_h + 20
    ox, oy = width / 2, height / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
             f'aria-labelledby="map-title" class="neighbourhood"><title id="map-title">Where '
             f'{Markup.escape(net.nodes[centre]["label"])} sits: {len(others)} records one step away</title>']
    for u, v, data in net.edges(data=True):
        if u == v:
            continue
        link = styles.link(data["kind"])
        (x1, y1), (x2, y2) = pos[u], pos[v]
        dashes = _dashes(link.dashes)
        parts.append(f'<line x1="{x1 + ox:.0f}" y1="{y1 + oy:.0f}" x2="{x2 + ox:.0f}" y2="{y2 + oy:.0f}" '
                     f'stroke="{link.colour}" stroke-width="{link.width}" stroke-dasharray="{dashes}"/>')
    for node, (x, y) in pos.items():
        data = net.nodes[node]
        style = styles.node(data.get("section", ""), data.get("kind", ""))
        inside = style.shape in ("box", "ellipse", "circle", "database")
        fill = style.colour if inside else "#ffffff"
        font = style.font if inside else "#1a1a1a"
        dashes = _dashes(style.dashes)
        stroke = max(style.border_width, 3.5 if node == centre else 0)
        rx = box_h / 2 if style.shape in ("ellipse", "circle", "dot") else style.radius
        parts.append(f'<rect x="{x + ox - box_w / 2:.0f}" y="{y + oy - box_h / 2:.0f}" width="{box_w:.0f}" '
                     f'height="{box_h:.0f}" rx="{rx:.0f}" fill="{fill}" stroke="{style.border}" '
                     f'stroke-width="{stroke}" stroke-dasharray="{dashes}"/>')
        lines = _lines(data["label"])
        for k, text in enumerate(lines):
            dy = (k - (len(lines) - 1) / 2) * 14 + 4
            parts.append(f'<text x="{x + ox:.0f}" y="{y + oy + dy:.0f}" text-anchor="middle" fill="{font}">'
                         f'{Markup.escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- the page -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _css() -> Asset:
    return _asset("induction.css", resources.files("govgraph.visuals").joinpath("induction.css").read_text("utf-8"))


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=PackageLoader("govgraph.visuals", "."), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    return env.get_template("induction.html")


def csp(css: Asset) -> str:
    """No script at all; the one inlined style sheet by its hash; nothing fetched or sent."""
    return (f"default-src 'none'; script-src 'none'; style-src {css.digest}; img-src 'none'; connect-src 'none'; "
            "font-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")


def render_induction(page: Induction, arrangement_title: str) -> str:
    css = _css()
    return _template().render(page=page, arrangement=arrangement_title, version=version("govgraph"),
                              csp=csp(css), css=Markup(css.text), map_svg=Markup(page.map_svg),
                              not_recorded=NOT_RECORDED, nobody_named=NOBODY_NAMED)
