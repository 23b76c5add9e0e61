"""`govgraph can WHO MATTER`: yes, no, only through a named body or process, or not known — with reasons.

MATTER is either a kind of matter (a decision question) or a document (a signing question).
The facts come from the queries `can-*.rq` beside this file; the rules below only combine them.

Decision rules, in order:
  1. A constraint that rules out the matter for the organisation (or for WHO) answers no,
     with the duty it follows from and that duty's legal basis; where the sources only say the
     party is "not expected to" (modality not-expected), the answer is "not expected to, per"
     the clauses, not a prohibition.
  2. If WHO holds a right covering the matter for the organisation (itself, through a group, a
     post or a post's holder): yes, or only through the body or process the right names.
  3. If WHO is the body a right must go through: only through WHO, on the holder's behalf.
  4. If others hold such rights: no; the reasons name the holders and routes, and how the
     organisation sits on WHO when WHO is a body (e.g. only through non-voting officers).
  5. Otherwise the sources give no one the right: not stated.
Delegation (queries/delegation.py): where WHO holds no right itself, chains of delegation from
each right's holder down to WHO are followed and tested link by link (dates, take-backs,
permission to sub-delegate, urgency, financial limits and their exceptions): a chain that passes
answers yes; chains that all fail answer no, with the first failing link, why, and who decides
instead; no chain reaching WHO leaves the matter with the right's holder. A right WHO holds
directly is tested against its own conditions (a limit on the holder's power) the same way.
WHO acts in every capacity it holds on the day: itself, its groups, its posts, posts it holds ex
officio, and whatever it stands in for as a substitute.
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

from ..common.console import escaped
from ..graph_builder.amounts import format_amount, parse_amount
from ..graph_builder.rdf import GG, ORG
from ..graph_builder.timeline import happened_by, holds_on, printed
from .delegation import Ask, Chains, Link, Outcome
from .engine import evaluate
from .library import internal_query
from .questions import Workspace
from .render import label

YES, NO, ONLY_THROUGH, NOT_KNOWN, NOT_STATED = "yes", "no", "only through", "not known on that date", "not stated"
NOT_EXPECTED = "not expected to"  # the source's words: not a prohibition (modality gg:notExpected)
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
    chain: list[dict[str, object]] = field(default_factory=list)  # the delegation chain, link by link

    @property
    def headline(self) -> str:
        if self.answer == ONLY_THROUGH:
            return f"only through {' or '.join(self.through)}"
        if self.answer == NOT_EXPECTED:
            return f"not expected to, per {'; '.join(self.through)}" if self.through else NOT_EXPECTED
        return self.answer


class _Facts:
    """Runs the can-*.rq queries and reads labels and sources for the reasons."""

    def __init__(self, ws: Workspace, day: dt.date | None):
        self.ws, self.graph, self.day = ws, ws.graph, day
        self.tenures: dict[URIRef, URIRef | None] = {}  # the tenure that makes WHO act in each capacity

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
            if verdict is not False and found.get(row["as"]) is not True:
                found[row["as"]] = verdict
                self.tenures[row["as"]] = row.get("tenure")
        return found

    def unsure(self, tenure: URIRef | None) -> str:
        """Why a holding is not known on the day: the tenure's dates as the sources print them."""
        start, end = printed(self.graph, tenure) if tenure is not None else ("", "")
        dates = " to ".join(d for d in (start, end) if d)
        return f"the sources date the holding only as {dates}" if dates else "the sources give no dates for it"

    def acts_as(self, who: URIRef, capacity: URIRef, holds: bool | None) -> Reason:
        """How WHO acts in a capacity it holds by tenure; on a day its dates do not cover, says so."""
        tenure = self.tenures.get(capacity)
        if holds is None:
            return self.reason(f"Whether {self.label(who)} holds {self.label(capacity)} on that day is not known: "
                               f"{self.unsure(tenure)}.", tenure)
        return self.reason(f"{self.label(who)} acts as {self.label(capacity)}.", tenure)

    def capacities(self, who: URIRef) -> dict[URIRef, tuple[bool | None, Reason]]:
        """Posts WHO holds ex officio and what it stands in for as a substitute, on the day,
        each with the sentence that says how."""
        found: dict[URIRef, tuple[bool | None, Reason]] = {}
        for row in self.rows("can-capacities", who=who):
            ex_officio = str(row["how"]) == "ex officio"
            holds = self.holds(row.get("tenure")) if ex_officio else self.holds(row["record"])
            if holds is False or (ex_officio and row.get("tenure") is None and row["base"] != who):
                continue
            if ex_officio and holds is None:  # the post it follows from is held on dates too vague for the day
                text = (f"{self.label(who)} would hold {self.label(row['as'])} ex officio, as {self.label(row['base'])}, "
                        f"but whether {self.label(who)} holds {self.label(row['base'])} on that day is not known: "
                        f"{self.unsure(row.get('tenure'))}.")
                cited = [row["as"], row.get("tenure")]
            elif ex_officio:
                text = f"{self.label(who)} holds {self.label(row['as'])} ex officio, as {self.label(row['base'])}."
                cited = [row["as"], row.get("tenure")]
            else:
                text = f"{self.label(row['record'])}: {self.label(who)} stands in for {self.label(row['as'])}."
                cited = [row["record"]]
            if found.get(row["as"], (False,))[0] is not True:
                found[row["as"]] = (holds, self.reason(text, *cited))
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


def _constraint_reasons(f: _Facts, matter: URIRef, parties: list[URIRef]
                        ) -> tuple[list[Reason], set[URIRef | None], set[str]]:
    """The constraints that rule the matter out (with the duties behind them), the modalities
    their sources use (None where a constraint records none), and the clauses of the constraints
    themselves (not of the duties behind them)."""
    reasons: list[Reason] = []
    seen: set[URIRef] = set()
    modalities: set[URIRef | None] = set()
    clauses: set[str] = set()
    for party in parties:
        for row in f.rows("can-constraints", matter=matter, party=party):
            if row["constraint"] in seen:
                continue
            seen.add(row["constraint"])
            modality = row.get("modality")
            modalities.add(modality)
            bound = "" if row["bound"] == party else f" (as part of {f.label(row['bound'])})"
            # "does not expect X" rather than "X is not expected": labels are singular or plural
            says = (f"the source does not expect {f.label(party)}{bound} to commit to "
                    f"{f.label(row['ruled'])} (an expectation, not a prohibition)" if modality == GG.notExpected
                    else f"this binds {f.label(party)}{bound} and rules out {f.label(row['ruled'])}")
            reasons.append(f.reason(f"{f.label(row['constraint'])}: {says}.", row["constraint"]))
            clauses.update(reasons[-1].sources)
            duty = row.get("duty")
            if duty is not None:
                laws = sorted(f.label(law) for law in f.graph.objects(duty, GG.legalBasis))
                basis = f", under {'; '.join(laws)}" if laws else ""
                reasons.append(f.reason(f"It follows from the {f.label(duty).lower()}{basis}.", duty))
    return reasons, modalities, clauses


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


def _decide(f: _Facts, who: URIRef, matter: URIRef, org: URIRef | None, verdict: Verdict,
            ask: Ask = Ask()) -> None:
    parties = [p for p in dict.fromkeys([org, who]) if p is not None]
    blocked, modalities, clauses = _constraint_reasons(f, matter, parties)
    if blocked and modalities == {GG.notExpected}:  # the sources only say "not expected to"
        verdict.answer, verdict.reasons = NOT_EXPECTED, blocked
        verdict.through = sorted(clauses)
        return
    if blocked:
        verdict.answer, verdict.reasons = NO, blocked
        return
    agents = f.agents(who)
    capacities = {cap: how for cap, how in f.capacities(who).items() if cap not in agents}
    agents.update({cap: holds for cap, (holds, _) in capacities.items()})
    # Only the rights that can matter are read: WHO's own, those routed through WHO, and (in
    # _delegated) those of the delegators at the top of the chains found. Every right over the
    # matter is read only for an answer that names them all (a "no" without a chain, or none).
    mine = _rights(f, [f.rows("can-rights-held", matter=matter, holder=h, organisation=org) for h in agents],
                   holders=list(agents))
    routed_via_me = [r for r in _rights(f, [f.rows("can-rights-via", matter=matter, via=who, organisation=org)], via=who)
                     if r not in mine]
    chains = Chains(f, matter, org, ask)
    if mine and not _own_limits(f, who, mine, chains, capacities, verdict):
        return
    if mine:
        route = [r["via"] for r in mine if r.get("via") is not None and r["via"] != who]
        verdict.answer = ONLY_THROUGH if route and len(route) == len(mine) else YES
        verdict.through = sorted({f.label(v) for v in route})
        verdict.reasons += [how for cap, (_, how) in capacities.items() if any(r["holder"] == cap for r in mine)]
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
    if _delegated(f, who, matter, org, chains, agents, capacities, verdict):
        return
    if routed_via_me:
        verdict.answer, verdict.through = ONLY_THROUGH, [f.label(who)]
        for r in routed_via_me:
            verdict.reasons.append(f.reason(f"{f.label(r['right'])}: {f.label(r['holder'])} decides on "
                                            f"{f.label(r['about'])} through {f.label(who)}.", r["right"]))
        return
    rights = _rights(f, [f.rows("can-rights", matter=matter, organisation=org)])
    if rights:
        verdict.answer = NO
        verdict.reasons += [how for _, how in capacities.values()]  # e.g. whom WHO stands in for
        for r in rights:
            verdict.reasons.append(f.reason(
                f"{f.label(r['right'])}: {f.label(r['about'])} for {f.label(r.get('for') or r['holder'])} "
                f"is decided by {f.label(r['holder'])}{_sentence_route(f, r.get('via'), r['holder'])}, not by {f.label(who)}.",
                r["right"]))
        for r in {r.get("via"): r for r in rights}.values():
            verdict.reasons += _route_reasons(f, r.get("via"), r["holder"])
        if org is not None:
            verdict.reasons += _seat_reasons(f, who, org)
        if (None, RDF.type, GG.Delegation) in f.graph:  # only an arrangement with a scheme says so
            holders = "; ".join(sorted({f.label(r["holder"]) for r in rights}))
            reserved = any(f.is_a(r["right"], GG.ReservedPower) for r in rights)
            verdict.reasons.append(Reason(f"No delegation of {f.label(matter)} reaches {f.label(who)}, so it stays "
                                          f"with {holders}{' (a reserved power)' if reserved else ''}.", []))
        return
    verdict.answer = NOT_STATED
    verdict.reasons.append(Reason(f"The sources give no one a right to decide on {f.label(matter)}"
                                  f"{' for ' + f.label(org) if org else ''}.", []))


RIGHT_ORDER = ("right", "holder", "about", "for", "via")  # can-rights.rq's ORDER BY


def _rights(f: _Facts, tables: list[list[dict[str, URIRef]]], holders: list[URIRef] | None = None,
            via: URIRef | None = None) -> list[dict[str, URIRef]]:
    """Rights rows in force on the day, in can-rights.rq's order, whichever of the three queries
    read them (``holders``: one table per holder, for can-rights-held; ``via``: can-rights-via's)."""
    rows = [{**row, "holder": holders[i]} if holders is not None else {**row, "via": via} if via is not None else row
            for i, table in enumerate(tables) for row in table]
    rows.sort(key=lambda r: [(r.get(k) is not None, str(r.get(k) or "")) for k in RIGHT_ORDER])
    return [r for r in rows if f.holds(r["right"]) is not False]


def _start(right: dict[str, URIRef], f: _Facts) -> Link:
    return Link(right["right"], None, right["holder"], right["about"], holds=f.holds(right["right"]))


def _link_reason(f: _Facts, link: Link) -> Reason:
    if link.giver is None:
        return f.reason(f"{f.label(link.node)}: {f.label(link.holder)} holds the power to decide on "
                        f"{f.label(link.about)}.", link.node)
    return f.reason(f"{f.label(link.node)}: {f.label(link.giver)} delegates {f.label(link.about)} to "
                    f"{f.label(link.holder)}.", link.node)


def _explain_chain(f: _Facts, outcome: Outcome, verdict: Verdict) -> None:
    """The chain's links as reasons (up to the failing one), each with its clause and notes."""
    last = outcome.failed if outcome.failed is not None else len(outcome.links) - 1
    for i, link in enumerate(outcome.links[: last + 1]):
        reason = _link_reason(f, link)
        verdict.reasons.append(reason)
        notes = [n for n in outcome.notes if n[0] == i]
        verdict.reasons += [f.reason(text, *cited) for _, text, cited in notes]
        status = "passes" if i != outcome.failed else "fails"
        verdict.chain.append({"link": f.label(link.node), "from": f.label(link.giver) if link.giver else None,
                              "to": f.label(link.holder), "matter": f.label(link.about), "sources": reason.sources,
                              "status": status if link.holds is not None else "not known on that date"})
    if outcome.failed is not None:
        verdict.reasons.append(f.reason(outcome.why, *outcome.why_nodes))
        verdict.chain[-1]["why"] = outcome.why


def _own_limits(f: _Facts, who: URIRef, mine: list[dict[str, URIRef]], chains: Chains,
                capacities: dict[URIRef, tuple[bool | None, Reason]], verdict: Verdict) -> bool:
    """Test the conditions on rights WHO holds itself; False when every one fails (a no, explained)."""
    outcomes = [chains.test([_start(r, f)]) for r in mine]
    if any(o.passes is not False for o in outcomes):
        for o in outcomes:  # what the holder may do only up to a limit is part of the answer
            verdict.reasons += [f.reason(text, *cited) for _, text, cited in o.notes]
        return True
    verdict.answer = NO
    verdict.reasons += [how for cap, (_, how) in capacities.items() if any(r["holder"] == cap for r in mine)]
    _explain_chain(f, outcomes[0], verdict)
    _instead(f, outcomes[0], verdict)
    return False


def _instead(f: _Facts, outcome: Outcome, verdict: Verdict) -> None:
    if outcome.instead:
        verdict.reasons.append(Reason(f"So {' or '.join(f.label(x) for x in outcome.instead)} decides, "
                                      f"not {f.label(outcome.links[-1].holder)}.", []))


def _delegated(f: _Facts, who: URIRef, matter: URIRef, org: URIRef | None, chains: Chains,
               agents: dict[URIRef, bool | None], capacities: dict[URIRef, tuple[bool | None, Reason]],
               verdict: Verdict) -> bool:
    """Answer through chains of delegation from the rights' holders to WHO; False if none reaches WHO."""
    held: dict[URIRef, list[Link]] = {}

    def starts_of(giver: URIRef) -> list[Link]:  # the rights a delegator at the top of a chain holds
        if giver not in held:
            rows = _rights(f, [f.rows("can-rights-held", matter=matter, holder=giver, organisation=org)], holders=[giver])
            # one start per right this giver holds: a right held jointly starts a chain from each
            # of its holders, so that every holder's own delegations of it are followed
            held[giver] = list({r["right"]: _start(r, f) for r in rows}.values())
        return held[giver]

    found = chains.find(starts_of, list(agents))
    if not found:
        return False
    outcomes = [chains.test(chain) for chain in found]
    passing = [o for o in outcomes if o.passes is not False]
    furthest = max(outcomes, key=lambda o: o.failed if o.failed is not None else -1)  # the first of equals
    best = next((o for o in passing if o.passes), passing[0] if passing else furthest)
    holder = best.links[-1].holder
    verdict.answer = YES if best.passes else NOT_KNOWN if best.passes is None else NO
    if holder != who:
        verdict.reasons.append(capacities[holder][1] if holder in capacities else
                               f.acts_as(who, holder, agents.get(holder)))
    _explain_chain(f, best, verdict)
    if best.passes is False:
        _instead(f, best, verdict)
        for other in outcomes:  # every other route, in a line each, so no route is silently ignored
            if other is not best and other.failed is not None:
                failing = other.links[other.failed]
                verdict.reasons.append(f.reason(f"The other route, through {f.label(failing.node)}, fails too: "
                                                f"{other.why}", *other.why_nodes))
    elif agents.get(holder) is None or best.passes is None:
        verdict.answer = NOT_KNOWN
        verdict.reasons.append(Reason("A link of the chain, or the capacity it rests on, has dates too vague "
                                      "to say for that day.", []))
    return True


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
    start, end = printed(f.graph, node)  # as the sources print them, vague words included
    return f"{'from ' + start if start else ''}{' to ' + end if end else ''}".strip() or "for an unknown period"


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
        day: dt.date | None = None, amount: str | None = None, approved_by: str | None = None,
        urgent: bool = False) -> Verdict:
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
    if signing:
        _sign(f, who, matter, org, verdict)
        return verdict
    ask = Ask(urgent=urgent)
    if amount is not None:
        value, currency = parse_amount(amount)  # AmountProblem (a ValueError) for unreadable sums
        ask = Ask(value, currency, ask.approved_by, urgent)
        verdict.question = verdict.question[:-1] + f", for {format_amount(value, currency or 'GBP')}?"
    if approved_by is not None:
        ask = Ask(ask.amount, ask.currency, ws.resolve(approved_by), urgent)
        verdict.question = verdict.question[:-1] + f", where {f.label(ask.approved_by)} approved it first?"
    if urgent:
        verdict.question = verdict.question[:-1] + ", as an urgent matter?"
    _decide(f, who, matter, org, verdict, ask)
    return verdict


def render(verdict: Verdict, fmt: str = "text") -> str:
    if fmt == "json":
        data = {"question": verdict.question, "answer": verdict.answer, "through": verdict.through,
                "as_of": verdict.as_of.isoformat() if verdict.as_of else None,
                "reasons": [vars(r) for r in verdict.reasons]}
        if verdict.chain:
            data["chain"] = verdict.chain
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # Text and Markdown: names and sources come from the data, so control characters in them are
    # escaped (a label holding "\rAnswer: yes" must not forge the answer line).
    if fmt == "md":
        lines = [f"**{escaped(verdict.question)}**", "", f"Answer: **{escaped(verdict.headline)}**", ""]
        lines += [f"{i}. {escaped(r.text)}" + (f" _({escaped('; '.join(r.sources))})_" if r.sources else "")
                  for i, r in enumerate(verdict.reasons, 1)]
        return "\n".join(lines) + "\n"
    lines = [escaped(verdict.question), f"Answer: {escaped(verdict.headline)}", "Because:" if verdict.reasons else ""]
    for i, r in enumerate(verdict.reasons, 1):
        lines.append(f"  {i}. {escaped(r.text)}")
        if r.sources:
            lines.append(f"     source: {escaped('; '.join(r.sources))}")
    return "\n".join(line for line in lines if line) + "\n"
