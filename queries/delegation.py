"""Chains of delegation for `can`: from whoever holds a power down to the one asking, link by link.

A chain starts at a decision right (the Leader holds the executive functions) and follows
delegations whose delegator is the previous link's delegate, for a matter that covers the one
asked (a delegation of procurement covers a contract award). A delegation that names the link it
passes on (`under`) joins only after that link. Each link is then tested, in order, against:

  1. its dates on the day asked (outside: the link is left out; vague: "not known on that date");
  2. a take-back of the matter by the delegator (the matter goes back, or to the body it was
     referred to);
  3. the previous link's permission to sub-delegate ("no": this link cannot be made);
  4. an urgency condition (usable only when the question says the matter is urgent);
  5. each financial limit or key decision threshold on the matter: a sum above it (or at it,
     where the limit is not inclusive) fails, unless an exception lifts that limit and the body
     whose earlier approval it needs is the one the question names. No sum asked: the link holds,
     and the answer says up to what.
The first link that fails is the answer's reason for a "no", with who decides instead.
The facts come from `can-delegations-to.rq`, `can-conditions.rq`, `can-take-backs.rq` and
`can-capacities.rq`; this module only combines them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from ..graph_builder.amounts import format_amount
from ..graph_builder.rdf import GG

MAX_DEPTH = 12  # longer than any scheme of delegation; stops a cycle in bad data


@dataclass(frozen=True)
class Ask:
    """What the question adds to WHO and MATTER: a sum, an earlier approval, urgency."""

    amount: Decimal | None = None
    currency: str | None = None  # from the sum's sign; None: the limit's own currency
    approved_by: URIRef | None = None
    urgent: bool = False


@dataclass
class Condition:
    node: URIRef
    kinds: set[URIRef]
    amount: Decimal | None = None
    currency: URIRef | None = None
    inclusive: bool = True
    limits: set[URIRef] = field(default_factory=set)
    above: list[URIRef] = field(default_factory=list)
    lifts: set[URIRef] = field(default_factory=set)
    approvers: set[URIRef] = field(default_factory=set)

    @property
    def is_limit(self) -> bool:
        return bool(self.kinds & {GG.FinancialLimit, GG.KeyDecisionThreshold})


@dataclass
class Link:
    """One step of a chain: a decision right (the start) or a delegation."""

    node: URIRef
    giver: URIRef | None  # the delegator (None for the right at the start)
    holder: URIRef  # whoever may decide after this link
    about: URIRef
    under: URIRef | None = None
    sub: URIRef | None = None  # may the holder delegate further?
    holds: bool | None = True  # on the day asked


@dataclass
class Outcome:
    """A chain as tested: passes (True), fails at ``failed`` (False), or cannot be told (None)."""

    links: list[Link]
    passes: bool | None
    failed: int | None = None
    why: str = ""
    why_nodes: list[URIRef] = field(default_factory=list)
    instead: list[URIRef] = field(default_factory=list)
    notes: list[tuple[int, str, list[URIRef]]] = field(default_factory=list)  # (link index, text, cited)


class Chains:
    """Finds and tests chains for one question; ``facts`` is can.py's _Facts (rows, labels, dates)."""

    def __init__(self, facts, matter: URIRef, org: URIRef | None, ask: Ask):
        self.f, self.matter, self.org, self.ask = facts, matter, org, ask
        self._conditions: dict[URIRef, list[Condition]] = {}
        self._no_take_backs = (None, RDF.type, GG.TakeBack) not in facts.graph  # skip a query per link

    # -- facts -------------------------------------------------------------------------------
    def into(self, holder: URIRef) -> list[Link]:
        """Delegations to ``holder`` covering the matter, for the organisation asked, in force (or maybe)."""
        fors: dict[URIRef, list[URIRef]] = {}
        links: dict[URIRef, Link] = {}
        for row in self.f.rows("can-delegations-to", matter=self.matter, to=holder):
            node = row["delegation"]
            if row.get("for") is not None:
                fors.setdefault(node, []).append(row["for"])
            if node not in links:
                links[node] = Link(node, row["from"], holder, row["about"], row.get("under"), row.get("sub"),
                                   self.f.holds(node))
        return [link for node, link in links.items()
                if link.holds is not False
                and (self.org is None or node not in fors or any(self.f.includes(x, self.org) for x in fors[node]))]

    def conditions(self, node: URIRef) -> list[Condition]:
        if node not in self._conditions:
            found: dict[URIRef, Condition] = {}
            for row in self.f.rows("can-conditions", link=node):
                c = found.setdefault(row["condition"], Condition(row["condition"], set()))
                c.kinds.add(row["kind"])
                if isinstance(row.get("amount"), Literal):
                    c.amount = Decimal(str(row["amount"]))
                c.currency = row.get("currency") or c.currency
                if isinstance(row.get("inclusive"), Literal):
                    c.inclusive = bool(row["inclusive"].toPython())
                for key, target in (("limits", c.limits), ("lifts", c.lifts), ("approver", c.approvers)):
                    if row.get(key) is not None:
                        target.add(row[key])
                if row.get("above") is not None and row["above"] not in c.above:
                    c.above.append(row["above"])
            for c in found.values():  # one order whatever the store's (rows come unordered)
                c.above.sort(key=str)
            self._conditions[node] = list(found.values())
        return self._conditions[node]

    def take_backs(self, link: Link) -> list[dict[str, URIRef]]:
        if self._no_take_backs:
            return []
        rows = [r for r in self.f.rows("can-take-backs", delegation=link.node) if self.f.holds(r["takeBack"]) is not False]
        return [r for r in rows if r.get("about") is None or self.covers(r["about"])]

    def covers(self, broader: URIRef) -> bool:
        return self.matter == broader or (self.matter, SKOS.broader * "*", broader) in self.f.graph  # type: ignore[operator]

    # -- search ------------------------------------------------------------------------------
    def find(self, starts_of: Callable[[URIRef], list[Link]], targets: list[URIRef]) -> list[list[Link]]:
        """Every chain from a starting right, through delegations, down to one of ``targets``.

        Searched upwards, from the targets to their delegators, so that only the delegations on
        the way are read (at national scale there are thousands of others for the same matter);
        then ``starts_of`` gives the rights each delegator reached holds (only theirs are read)."""
        climbed: list[list[Link]] = []

        def climb(chain: list[Link]) -> None:  # delegations, the topmost first
            climbed.append(chain)
            top = chain[0]
            giver = top.giver
            assert giver is not None  # a delegation always has a delegator
            if len(chain) >= MAX_DEPTH:
                return
            seen = {link.node for link in chain} | {link.holder for link in chain}
            for link in self.into(giver):
                if link.node in seen or link.giver in seen:
                    continue  # a cycle: the check command reports it
                if top.under is not None and top.under != link.node:
                    continue  # the link below names another as what it passes on
                climb([link, *chain])

        for target in dict.fromkeys(targets):
            for link in self.into(target):
                climb([link])
        found = [[start, *chain] for chain in climbed for start in starts_of(chain[0].giver)  # type: ignore[arg-type]
                 if chain[0].under in (None, start.node)]
        return sorted(found, key=lambda p: (len(p), [str(link.node) for link in p]))

    # -- tests -------------------------------------------------------------------------------
    def test(self, chain: list[Link]) -> Outcome:
        """Test each link in order; the first that fails decides the outcome."""
        outcome = Outcome(chain, True)
        for i, link in enumerate(chain):
            failure = self._test_link(chain, i, outcome)
            if failure is not None:
                outcome.passes, outcome.failed = False, i
                outcome.why, outcome.why_nodes, outcome.instead = failure
                return outcome
            if link.holds is None:
                outcome.passes = None
        return outcome

    def _test_link(self, chain: list[Link], i: int, outcome: Outcome):
        link, f = chain[i], self.f
        if i > 0:
            for tb in self.take_backs(link):
                back_to = tb.get("referred") or tb.get("by") or link.giver
                return (f"{f.label(tb['takeBack'])}: {f.label(tb.get('by') or link.giver)} has taken "
                        f"{f.label(tb.get('about') or link.about)} back"
                        f"{', referring it to ' + f.label(tb['referred']) if tb.get('referred') is not None else ''}.",
                        [tb["takeBack"]], [back_to])
            parent = chain[i - 1]
            if i > 1 and parent.sub == GG.forbidden:
                return (f"{f.label(parent.node)} does not let {f.label(parent.holder)} delegate it further, "
                        f"so {f.label(link.node)} cannot pass it on.", [parent.node, link.node], [parent.holder])
        conditions = self.conditions(link.node)
        for c in conditions:
            if GG.UrgencyCondition in c.kinds and not self.ask.urgent:
                return (f"{f.label(c.node)}: {f.label(link.holder)} may use {f.label(link.node)} only when the "
                        f"matter is urgent, and the question does not say it is.", [c.node], [link.giver or link.holder])
        for c in conditions:
            if not c.is_limit or (c.limits and not any(self.covers(m) for m in c.limits)):
                continue
            failure = self._test_limit(link, c, conditions, outcome, i)
            if failure is not None:
                return failure
        return None

    def _test_limit(self, link: Link, c: Condition, conditions: list[Condition], outcome: Outcome, i: int):
        f, ask = self.f, self.ask
        code = f.graph.value(c.currency, SKOS.notation) if c.currency is not None else None
        limit = format_amount(c.amount, str(code) if code else None) if c.amount is not None else "a limit"
        above = " or ".join(f.label(x) for x in c.above)
        decides = f": {above} decides" if above else ""
        if ask.amount is None or c.amount is None:
            outcome.notes.append((i, f"{f.label(c.node)}: {f.label(link.holder)} may decide only up to {limit}"
                                     f"{' inclusive' if c.inclusive else ' (exclusive)'}{'; above it ' + above + ' decides' if above else ''}.",
                                  [c.node]))
            return None
        if ask.currency is not None and code is not None and ask.currency != str(code):
            return (f"{f.label(c.node)} is set in {code}, but the sum asked is in {ask.currency}: the sources "
                    f"give no rate between them.", [c.node], c.above)
        asked = format_amount(ask.amount, str(code) if code else ask.currency)
        within = ask.amount < c.amount or (ask.amount == c.amount and c.inclusive)
        if within:
            where = "below" if ask.amount < c.amount else "at, and so within,"
            outcome.notes.append((i, f"{asked} is {where} the {limit} {f.label(c.node)}.", [c.node]))
            return None
        for ex in conditions:
            if c.node in ex.lifts and ask.approved_by is not None and ask.approved_by in ex.approvers:
                outcome.notes.append((i, f"{asked} is beyond the {limit} {f.label(c.node)}, but {f.label(ex.node)}: "
                                         f"the limit does not apply because {f.label(ask.approved_by)} approved it first.",
                                      [c.node, ex.node]))
                return None
        beyond = "above" if ask.amount > c.amount else "at"
        where = "; ".join(f.sources(c.node))
        lifted = [ex for ex in conditions if c.node in ex.lifts]
        hint = "".join(f" ({f.label(ex.node)} would lift it if {' or '.join(f.label(a) for a in sorted(ex.approvers))} "
                       f"had approved it first.)" for ex in lifted)
        return (f"{asked} is {beyond} the {limit} {f.label(c.node)}{' in ' + where if where else ''}{decides}.{hint}",
                [c.node], c.above)
