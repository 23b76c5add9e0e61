"""The mistakes planted in a synthetic arrangement, one kind per check rule, and their manifest.

Which records carry a mistake is drawn once (``Mistakes.choose``); the generator then asks, as it
makes each council, care board or wellbeing board, whether it carries one and lets the methods
below make the wrong record. ``planted`` lists, per rule, the ids of the records that break it,
which `planted.json` publishes and the tests compare with what `govgraph check` finds.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

# Check rules the generator plants mistakes for; every other rule should find nothing.
PLANTED_RULES = (
    "signature-without-democratic-approval", "signature-without-authority", "vote-by-non-voting-member",
    "vote-by-non-member", "decision-right-of-non-voting-member", "commitment-contradicts-constraint",
    "commitment-against-duty", "single-holder-post-overlap", "interval-ends-before-start",
    "completed-action-depends-on-open", "action-without-status", "phases-out-of-order",
    "document-cites-later-document", "delegate-limit-above-delegator", "sub-delegation-forbidden",
)


class Maker(Protocol):
    """What the mistakes need of the generator: adding records and drawing from its random stream."""

    labels: dict[str, str]
    sections: dict[str, list[dict[str, Any]]]

    def add(self, section: str, record: dict[str, Any], cite: str | None = None) -> str: ...
    def person(self, role: str) -> str: ...
    def day(self, year: int, months: tuple[int, int] = (1, 12)) -> str: ...
    def tenure(self, tid: str, post: str, holder: str, start: str, end: str | None = None) -> str: ...


class Council(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def icb(self) -> str: ...


class Mistakes:
    """The records chosen to carry each mistake, and the ids of the wrong records made."""

    def __init__(self) -> None:
        self.chosen: dict[str, set[str]] = {}
        self.planted: dict[str, list[str]] = {rule: [] for rule in PLANTED_RULES}

    def choose(self, pick: Callable[[list[str], int], list[str]], k: int, councils: Sequence[Council],
               seats: dict[str, int], icbs: list[str], with_trust: set[str], hwbs: list[str]) -> None:
        """Which councils, care boards and wellbeing boards carry each planted mistake (k of each at most)."""
        ids = [c.id for c in councils]
        candidates = {
            "signature-without-democratic-approval": ids,
            "signature-without-authority": [c.id for c in councils if c.icb in with_trust],
            "vote-by-non-voting-member": ids,
            "vote-by-non-member": [i for i in ids if seats[i] >= 7],
            "decision-right-of-non-voting-member": [c.id for c in councils if c.tier == "district"],
            "single-holder-post-overlap": ids,
            "interval-ends-before-start": [i for i in ids if seats[i] >= 1],
            "commitment-contradicts-constraint": icbs, "commitment-against-duty": icbs,
            "document-cites-later-document": icbs,
            "phases-out-of-order": hwbs, "completed-action-depends-on-open": hwbs, "action-without-status": hwbs,
            "delegate-limit-above-delegator": ids, "sub-delegation-forbidden": ids,
        }
        self.chosen = {rule: set(pick(candidates[rule], k)) for rule in PLANTED_RULES}

    def at(self, rule: str, owner: str) -> bool:
        """Whether ``owner`` (a council, care board or wellbeing board) carries the mistake of ``rule``."""
        return owner in self.chosen[rule]

    def plant(self, rule: str, record_id: str) -> None:
        self.planted[rule].append(record_id)

    def manifest(self) -> dict[str, list[str]]:
        return {rule: sorted(ids) for rule, ids in self.planted.items()}

    # -- councils ---------------------------------------------------------------------------
    def second_chief_executive(self, b: Maker, cid: str, post: str, name: str) -> None:
        """A second holder of the single-holder chief executive post, overlapping the first."""
        if self.at("single-holder-post-overlap", cid):
            second = b.person(f"second chief executive of {name}")
            self.plant("single-holder-post-overlap",
                       b.tenure(f"{cid}-chief-executive-tenure-2", post, second, b.day(2023, (1, 6))))

    def seat_ending_before_it_starts(self, cid: str, seat: str, elected: str, during: dict[str, str]) -> None:
        """The first councillor's seat ends four years before the election that began it."""
        if self.at("interval-ends-before-start", cid):
            during["to"] = f"{int(elected[:4]) - 4}-05"
            self.plant("interval-ends-before-start", seat)

    def right_through_board_without_vote(self, b: Maker, cid: str, name: str, icb: str) -> None:
        """A district council deciding commissioning through the care board it sits on without a vote."""
        if self.at("decision-right-of-non-voting-member", cid):
            self.plant("decision-right-of-non-voting-member", b.add("decision-rights", {
                "id": f"{cid}-right-icb-commissioning", "kind": "decision-right",
                "label": f"{name} decides commissioning through {b.labels[icb]}",
                "holder": [cid], "matter": ["commissioning"], "through-body": [icb]}))

    def wrong_voters(self, cid: str, officer: str, outsider: Callable[[], str]) -> list[tuple[str, str]]:
        """(rule, voter) for the votes that should not be there: the non-voting officer's, an outsider's."""
        wrong = []
        if self.at("vote-by-non-voting-member", cid):
            wrong.append(("vote-by-non-voting-member", officer))
        if self.at("vote-by-non-member", cid):
            wrong.append(("vote-by-non-member", outsider()))
        return wrong

    def plant_votes(self, wrong: list[tuple[str, str]], votes: list[str]) -> None:
        for (rule, _), vote in zip(wrong, votes):
            self.plant(rule, vote)

    def signature_for_trust(self, b: Maker, cid: str, name: str, signatory: str, post: str, version: str,
                            trust: str | None) -> None:
        """The council's chief executive also signs for an NHS trust, under no authority."""
        if trust and self.at("signature-without-authority", cid):
            self.plant("signature-without-authority", b.add("signatures", {
                "id": f"{cid}-signature-for-{trust}",
                "label": f"{name}'s chief executive signs {b.labels[version]} for {b.labels[trust]}",
                "signatory": signatory, "as": post, "on-behalf-of": [trust], "document": version,
                "date": b.day(2023, (11, 11)), "status": "completed"}))

    # -- care boards ------------------------------------------------------------------------
    def first_version_cites_second(self, b: Maker, icb: str, work: str, first: str) -> None:
        """The first version of the agreement cites the second, written later."""
        if self.at("document-cites-later-document", icb):
            b.sections["documents"][-2]["cites"] = [f"{work}-v2"]
            self.plant("document-cites-later-document", first)

    def undertakings(self, b: Maker, icb: str, name: str, partners: str, version: str) -> None:
        """Undertakings the councils' constraints and duties rule out: the opening risk, pooled budgets."""
        planted = (("commitment-against-duty", "opening-risk", "opening-financial-risk"),
                   ("commitment-contradicts-constraint", "pooled-budget", "pooled-funding"))
        for rule, slug, matter in planted:
            if self.at(rule, icb):
                self.plant(rule, b.add("commitments", {
                    "id": f"{icb}-undertaking-{slug}", "kind": "undertaking",
                    "label": f"Partners of {name} undertake {b.labels[matter]}",
                    "binds": [partners], "matter": [matter], "stated-in": version}))

    # -- wellbeing boards -------------------------------------------------------------------
    def phases_out_of_order(self, hwb: str, process: str, dates: list[str]) -> None:
        """The first phase of the strategy refresh dated after the second."""
        if self.at("phases-out-of-order", hwb):
            dates[0] = "2024-06"
            self.plant("phases-out-of-order", f"{process}-phase-1")

    def action(self, hwb: str, k: int, record: dict[str, Any]) -> None:
        """The second action completed while the first, which it depends on, is open; the third without a status."""
        if k == 2 and self.at("completed-action-depends-on-open", hwb):
            record["depends-on"] = [f"{hwb}-action-1"]
            self.plant("completed-action-depends-on-open", record["id"])
        if k == 3 and self.at("action-without-status", hwb):
            del record["status"]
            self.plant("action-without-status", record["id"])
