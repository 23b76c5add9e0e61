"""`govgraph can WHO MATTER`: yes, no, only through a named body or process, or not known — with reasons.

MATTER is either a kind of matter (a decision question) or a document (a signing question).
The facts come from the queries `can-*.rq` beside this file; the rules below only combine them.

Decision rules, in order:
  1. A constraint that rules out the matter for the organisation (or for WHO) answers no,
     with the duty it follows from and that duty's legal basis.
  2. If WHO holds a right covering the matter for the organisation (itself, through a group, a
     post or a post's holder): yes, or only through the body or process the right names.
  3. If WHO is the body a right must go through: only through WHO, on the holder's behalf.
  4. If others hold such rights: no; the reasons name the holders and routes, and how the
     organisation sits on WHO when WHO is a body (e.g. only through non-voting officers).
  5. Otherwise the sources give no one the right: not stated.
Signing rules: an authority of WHO's that excludes the organisation answers no (with the
organisation's own sign-off route and approvals); one that covers it answers yes, or only
through the body that must still agree it when the authority is only proposed; none: no or not
stated as for decisions.  Any link whose validity is vague on --as-of turns yes into "not known
on that date"; a link that certainly does not hold on that day is left out.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS

from ..graph_builder.rdf import GG, ORG
from ..graph_builder.timeline import happened_by, holds_on, validity
from .engine import evaluate
from .library import internal_query
from .questions import Workspace
from .render import label

YES, NO, ONLY_THROUGH, NOT_KNOWN, NOT_STATED = "yes", "no", "only through", "not known on that date", "not stated"
PENDING_STATUSES = (GG.proposed, GG.planned)


@dataclass
class Reason:
    text: str
    sources: list[str]


@dataclass
class Verdict:
    question: str
    answer: str
    through: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    as_of: dt.date | None = None

    @property
    def headline(self) -> str:
        if self.answer == ONLY_THROUGH:
            return f"only through {' or '.join(self.through)}"
        return self.answer


class _Facts:
    """Runs the can-*.rq queries and reads labels and sources for the reasons."""

    def __init__(self, ws: Workspace, day: dt.date | None):
        self.ws, self.graph, self.day = ws, ws.graph, day

    def rows(self, name: str, **bound: URIRef | None) -> list[dict[str, URIRef]]:
        table = evaluate(self.graph, internal_query(name), {k: v for k, v in bound.items() if v is not None})
        return [dict(zip(table.columns, row)) for row in table.rows]

    def label(self, node: URIRef | None) -> str:
        return label(self.graph, node)

    def sources(self, *nodes: URIRef | None) -> list[str]:
        found = {str(s) for n in nodes if n is not None
                 for s in self.graph.objects(n, GG.hasSource / RDFS.label)}  # type: ignore[operator]
        return sorted(found)

    def reason(self, text: str, *nodes: URIRef | None) -> Reason:
        return Reason(text, self.sources(*nodes))

    def holds(self, node: URIRef | None) -> bool | None:
        return True if node is None or self.day is None else holds_on(self.graph, node, self.day)

    def includes(self, group: URIRef, member: URIRef) -> bool:
        return group == member or (group, GG.includes, member) in self.graph

    def agents(self, who: URIRef) -> dict[URIRef, bool | None]:
        """Each capacity WHO acts in, with whether it holds on the day (tenures can be vague)."""
        found: dict[URIRef, bool | None] = {}
        for row in self.rows("can-agents", who=who):
            verdict = self.holds(row.get("tenure"))
            if verdict is not False:
                found[row["as"]] = verdict if found.get(row["as"]) is not True else True
        return found

    def is_a(self, node: URIRef, cls: URIRef) -> bool:
        return any(t == cls or (t, RDFS.subClassOf * "*", cls) in self.graph  # type: ignore[operator]
                   for t in self.graph.objects(node, RDF.type))


VOTING_PHRASES = {GG.voting: "with a vote", GG.nonVoting: "without a vote",
                  GG.votingNotStated: "the sources do not say whether with a vote"}


def _sentence_route(f: _Facts, via: URIRef | None, holder: URIRef | None = None) -> str:
    return f" only through {f.label(via)}" if via is not None and via != holder else ""


def _acting(f: _Facts, who: URIRef, holder: URIRef) -> str:
    return f.label(who) if who == holder else f"{f.label(who)}, as {f.label(holder)},"


def _route_reasons(f: _Facts, via: URIRef | None, holder: URIRef | None = None) -> list[Reason]:
    """What the route is, in the data's own words (e.g. a council process led by councillors)."""
    if via is None or via == holder:
        return []
    described = f.graph.value(via, DCTERMS.description)
    text = f"{f.label(via)}: {described}" if described else f"{f.label(via)} is the route the decision must take."
    return [f.reason(text.rstrip(".") + ".", via)]


def _constraint_reasons(f: _Facts, matter: URIRef, parties: list[URIRef]) -> list[Reason]:
    reasons: list[Reason] = []
    seen: set[URIRef] = set()
    for party in parties:
        for row in f.rows("can-constraints", matter=matter, party=party):
            if row["constraint"] in seen:
                continue
            seen.add(row["constraint"])
            bound = "" if row["bound"] == party else f" (as part of {f.label(row['bound'])})"
            reasons.append(f.reason(f"{f.label(row['constraint'])}: this binds {f.label(party)}{bound} and rules out "
                                    f"{f.label(row['ruled'])}.", row["constraint"]))
            duty = row.get("duty")
            if duty is not None:
                laws = sorted(f.label(law) for law in f.graph.objects(duty, GG.legalBasis))
                basis = f", under {'; '.join(laws)}" if laws else ""
                reasons.append(f.reason(f"It follows from the {f.label(duty).lower()}{basis}.", duty))
    return reasons


def _seat_reasons(f: _Facts, body: URIRef, org: URIRef) -> list[Reason]:
    if not f.is_a(body, ORG.Organization) or body == org:
        return []
    seats = [r for r in f.rows("can-seats", body=body, organisation=org) if f.holds(r["membership"]) is not False]
    if not seats:
        return [Reason(f"The data records no seat for {f.label(org)} on {f.label(body)}.", [])]
    reasons = []
    for seat in seats:
        member = "" if seat["member"] == org else f" through {f.label(seat['member'])}"
        reasons.append(f.reason(f"{f.label(org)} sits on {f.label(body)}{member}, {VOTING_PHRASES[seat['voting']]}.",
                                seat["membership"]))
    if all(seat["voting"] == GG.nonVoting for seat in seats):
        reasons.append(Reason(f"So {f.label(org)} has no vote on {f.label(body)}: "
                              f"a decision there cannot bind it.", []))
    return reasons


def _decide(f: _Facts, who: URIRef, matter: URIRef, org: URIRef | None, verdict: Verdict) -> None:
    parties = [p for p in dict.fromkeys([org, who]) if p is not None]
    blocked = _constraint_reasons(f, matter, parties)
    rights = [r for r in f.rows("can-rights", matter=matter, organisation=org) if f.holds(r["right"]) is not False]
    agents = f.agents(who)
    mine = [r for r in rights if r["holder"] in agents]
    routed_via_me = [r for r in rights if r.get("via") == who and r not in mine]
    if blocked:
        verdict.answer, verdict.reasons = NO, blocked
        return
    if mine:
        route = [r["via"] for r in mine if r.get("via") is not None and r["via"] != who]
        verdict.answer = ONLY_THROUGH if route and len(route) == len(mine) else YES
        verdict.through = sorted({f.label(v) for v in route})
        for r in mine:
            verdict.reasons.append(f.reason(
                f"{f.label(r['right'])}: {_acting(f, who, r['holder'])} decides on {f.label(r['about'])}"
                f"{' for ' + f.label(r.get('for')) if r.get('for') is not None else ''}"
                f"{_sentence_route(f, r.get('via'), who)}.", r["right"]))
            verdict.reasons += _route_reasons(f, r.get("via"), who)
        vague = [r for r in mine if f.holds(r["right"]) is None or agents[r["holder"]] is None]
        if vague:
            verdict.answer = NOT_KNOWN
        return
    if routed_via_me:
        verdict.answer, verdict.through = ONLY_THROUGH, [f.label(who)]
        for r in routed_via_me:
            verdict.reasons.append(f.reason(f"{f.label(r['right'])}: {f.label(r['holder'])} decides on "
                                            f"{f.label(r['about'])} through {f.label(who)}.", r["right"]))
        return
    if rights:
        verdict.answer = NO
        for r in rights:
            verdict.reasons.append(f.reason(
                f"{f.label(r['right'])}: {f.label(r['about'])} for {f.label(r.get('for') or r['holder'])} "
                f"is decided by {f.label(r['holder'])}{_sentence_route(f, r.get('via'), r['holder'])}, not by {f.label(who)}.",
                r["right"]))
        for r in {r.get("via"): r for r in rights}.values():
            verdict.reasons += _route_reasons(f, r.get("via"), r["holder"])
        if org is not None:
            verdict.reasons += _seat_reasons(f, who, org)
        return
    verdict.answer = NOT_STATED
    verdict.reasons.append(Reason(f"The sources give no one a right to decide on {f.label(matter)}"
                                  f"{' for ' + f.label(org) if org else ''}.", []))


def _sign(f: _Facts, who: URIRef, document: URIRef, org: URIRef | None, verdict: Verdict) -> None:
    agents = f.agents(who)
    held = [a for a in f.rows("can-authorities", document=document) if a["holder"] in agents]
    authorities = [a for a in held if f.holds(a["authority"]) is not False]
    for a in held:  # an authority that exists but is not in force that day is worth saying
        if a not in authorities:
            verdict.reasons.append(f.reason(f"{f.label(a['authority'])}: not in force on {f.day} "
                                            f"(valid {_period_text(f, a['authority'])}).", a["authority"]))
    if org is None and authorities:  # "may WHO sign this at all?": the first authority answers
        _covered(f, who, document, None, authorities[0], agents, verdict)
        return
    for a in authorities:
        node = a["authority"]
        if any(f.includes(x, org) for x in f.graph.objects(node, GG.excludes)):
            verdict.answer = NO
            verdict.reasons.append(f.reason(f"{f.label(node)}: the authority expressly excludes {f.label(org)}.", node))
            _own_route(f, org, document, verdict)
            return
        if any(f.includes(c, org) for c in f.graph.objects(node, GG.mayActFor)):
            _covered(f, who, document, org, a, agents, verdict)
            return
    if org is not None:
        verdict.answer = NO
        held = "; ".join(f.label(a["authority"]) for a in authorities)
        when = f" in force on {f.day}" if f.day else ""
        verdict.reasons.append(Reason(f"No signing authority of {f.label(who)}{when} covers {f.label(org)}"
                                      f"{' (it holds: ' + held + ')' if held else ''}.", f.sources(*(a['authority'] for a in authorities))))
        if not _own_route(f, org, document, verdict) and not authorities:
            verdict.answer = NOT_STATED
        return
    verdict.answer = NOT_STATED
    verdict.reasons.append(Reason(f"The sources give {f.label(who)} no authority to sign {f.label(document)}.", []))


def _period_text(f: _Facts, node: URIRef) -> str:
    start, end = validity(f.graph, node)
    return f"{'from ' + start.isoformat() if start else ''}{' to ' + end.isoformat() if end else ''}".strip() or "for an unknown period"


def _covered(f: _Facts, who: URIRef, document: URIRef, org: URIRef | None, a: dict[str, URIRef],
             agents: dict[URIRef, bool | None], verdict: Verdict) -> None:
    """WHO's authority covers ``org`` (None: whomever the authority covers)."""
    node = a["authority"]
    covers = sorted(f.label(c) for c in f.graph.objects(node, GG.mayActFor))
    verdict.answer = YES
    verdict.reasons.append(f.reason(f"{f.label(node)}: {_acting(f, who, a['holder'])} may sign for "
                                    f"{f.label(org) if org else '; '.join(covers)}.", node))
    excluded = sorted(f.label(x) for x in f.graph.objects(node, GG.excludes))
    if org is None and excluded:
        verdict.reasons.append(f.reason(f"It expressly excludes: {'; '.join(excluded)}.", node))
    granted = a.get("grantedBy")
    if a.get("status") in PENDING_STATUSES and granted is not None:
        body = f.graph.value(granted, GG.proposedTo) or f.graph.value(granted, GG.decidedBy)
        verdict.answer, verdict.through = ONLY_THROUGH, [f.label(body or granted)]
        verdict.reasons.append(f.reason(f"The authority is {f.label(a['status'])}, not yet agreed: it comes from "
                                        f"{f.label(granted)}{', put to ' + f.label(body) if body else ''}.", granted))
    elif granted is not None:
        verdict.reasons.append(f.reason(f"It was given by {f.label(granted)}.", granted))
    for s in f.rows("can-signatures", document=document):
        by_who = s.get("signatory") in agents or s.get("post") in agents
        if by_who and (org is None or (s["signature"], GG.onBehalfOf, org) in f.graph):
            done = happened_by(f.graph, s["signature"], f.day) if f.day else None
            when = {True: "by that day", False: "only after that day", None: ""}[done]
            verdict.reasons.append(f.reason(f"{f.label(s['signature'])} ({f.label(s['status'])}{', ' + when if when else ''}).",
                                            s["signature"]))
    if f.holds(node) is None or agents[a["holder"]] is None:
        verdict.answer = NOT_KNOWN
        verdict.reasons.append(Reason("The authority's (or the post holder's) dates are too vague to say for that day.", []))


def _own_route(f: _Facts, org: URIRef, document: URIRef, verdict: Verdict) -> bool:
    """The organisation's own sign-off right and approvals: why someone else cannot sign for it."""
    found = False
    for r in f.rows("can-sign-off-rights", document=document, organisation=org):
        found = True
        verdict.reasons.append(f.reason(f"{f.label(r['right'])}: {f.label(org)} agrees it itself"
                                        f"{_sentence_route(f, r.get('via'), org)}.", r["right"]))
        verdict.reasons += _route_reasons(f, r.get("via"), org)
    for ap in f.rows("can-approvals", document=document, organisation=org):
        found = True
        verdict.reasons.append(f.reason(f"{f.label(ap['approval'])}: {f.label(ap['status'])}.", ap["approval"]))
    return found


def can(ws: Workspace, who_name: str, matter_name: str, for_name: str | None = None,
        day: dt.date | None = None) -> Verdict:
    """Answer one question; names resolve by id, label or alias (UnknownName otherwise)."""
    who, matter = ws.resolve(who_name), ws.resolve(matter_name)
    org = ws.resolve(for_name) if for_name else None
    f = _Facts(ws, day)
    signing = f.is_a(matter, GG.Document)
    if org is None and not signing and f.is_a(who, ORG.Organization):
        org = who
    verb = "sign" if signing else "decide on"
    question = f"Can {f.label(who)} {verb} “{f.label(matter)}”{' for ' + f.label(org) if org else ''}" \
               f"{' on ' + day.isoformat() if day else ''}?"
    verdict = Verdict(question, NOT_STATED, as_of=day)
    (_sign if signing else _decide)(f, who, matter, org, verdict)
    return verdict


def render(verdict: Verdict, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps({"question": verdict.question, "answer": verdict.answer, "through": verdict.through,
                           "as_of": verdict.as_of.isoformat() if verdict.as_of else None,
                           "reasons": [vars(r) for r in verdict.reasons]}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        lines = [f"**{verdict.question}**", "", f"Answer: **{verdict.headline}**", ""]
        lines += [f"{i}. {r.text}" + (f" _({'; '.join(r.sources)})_" if r.sources else "")
                  for i, r in enumerate(verdict.reasons, 1)]
        return "\n".join(lines) + "\n"
    lines = [verdict.question, f"Answer: {verdict.headline}", "Because:" if verdict.reasons else ""]
    for i, r in enumerate(verdict.reasons, 1):
        lines.append(f"  {i}. {r.text}")
        if r.sources:
            lines.append(f"     source: {'; '.join(r.sources)}")
    return "\n".join(line for line in lines if line) + "\n"
