"""The shape of a synthetic arrangement: how many of each body there are and the records each one has.

The generator (``Builder``) makes the records section by section, drawing everything from one
``random.Random(seed)`` in a fixed order (``arrange``); names come from names.py, the planted
mistakes from mistakes.py, and files.py packs the sections into YAML files.
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Any

from .files import FILES
from .mistakes import Mistakes
from .names import Names

SCALE_ONE = {"county": 330, "unitary": 330, "district": 330, "hwb": 150, "icb": 42, "trust": 200,
             "councillor": 18000, "planted": 10}
ELECTIONS = ("2019-05-02", "2021-05-06", "2022-05-05", "2023-05-04")
COUNCIL_KINDS = {"county": "county-council", "unitary": "unitary-authority", "district": "district-council"}
COUNCIL_NAMES = {"county": "County Council", "unitary": "Council", "district": "District Council"}
# Kinds of matter (id, label, broader). Siblings do not overlap, which the planted conflicts rely on.
MATTERS = (
    ("policy-decision", "local authority policy decision", None),
    ("financial-decision", "local authority financial decision", None),
    ("budget-setting", "setting a balanced budget", "financial-decision"),
    ("financial-risk-sharing", "sharing financial risk with partners", "financial-decision"),
    ("opening-financial-risk", "sharing the opening financial risk of the partnership", "financial-risk-sharing"),
    ("pooled-funding", "pooling budgets with partners", "financial-risk-sharing"),
    ("change-of-priorities", "changing the council's priorities", "policy-decision"),
    ("social-care", "adult social care", None),
    ("housing", "housing", None),
    ("land-use-planning", "land use planning", None),
    ("health-services", "NHS health services", None),
    ("commissioning", "commissioning health and care services", None),
    ("joint-decision-making", "deciding jointly with partners", None),
    ("system-communication", "keeping partners and staff informed", None),
    ("population-health", "improving the health of the local population", None),
    ("joint-strategy", "the joint local health and wellbeing strategy", None),
    ("document-sign-off", "signing off a partnership document", None),
    ("procurement", "procurement decision", "policy-decision"),
    ("contract-award", "contract award", "procurement"),
)
# Each council's scheme of delegation for procurement: below the Leader's executive right, five
# links deep (chief executive, director, head of procurement, procurement manager, buyer), each
# with a financial limit (GBP, "up to and including"); the chief executive's link carries the key
# decision threshold, which Cabinet's prior approval lifts. (post suffix, label, matter, limit)
SCHEME = (
    ("director-of-resources", "Director of Resources", "procurement", 250_000),
    ("head-of-procurement", "Head of Procurement", "contract-award", 100_000),
    ("procurement-manager", "Procurement Manager", "contract-award", 25_000),
    ("buyer", "Buyer", "contract-award", 5_000),
)
KEY_DECISION = 500_000
LAWS = (
    ("lgfa-1992", "Local Government Finance Act 1992", 1992),
    ("care-act-2014", "Care Act 2014", 2014),
    ("hsca-2012", "Health and Social Care Act 2012", 2012),
    ("nhs-act-2006", "National Health Service Act 2006", 2006),
    ("hca-2022", "Health and Care Act 2022", 2022),
)
@dataclass(frozen=True)
class Sizes:
    counties: int
    unitaries: int
    districts: int
    hwbs: int
    icbs: int
    trusts: int
    councillors: int
    planted: int

    @classmethod
    def of(cls, scale: float) -> Sizes:
        """Counts at a scale factor: each SCALE_ONE count times the factor, rounded, at least 1."""
        if not scale > 0:
            raise ValueError(f"the scale must be above 0, not {scale}")
        n = {k: max(1, round(v * scale)) for k, v in SCALE_ONE.items()}
        return cls(n["county"], n["unitary"], n["district"], n["hwb"], n["icb"], n["trust"],
                   n["councillor"], n["planted"])


@dataclass
class Council:
    id: str
    tier: str
    place: str
    icb: str = ""
    councillor_posts: tuple[str, ...] = ()
    holders: dict[str, str] | None = None  # post id -> person id


class Builder:
    """Accumulates records section by section; numbers rows for the register locators."""

    def __init__(self, scale: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sizes = Sizes.of(scale)
        self.scale, self.seed = scale, seed
        self.sections: dict[str, list[dict[str, Any]]] = {s: [] for s in FILES}
        self.mistakes = Mistakes()
        self.names = Names(self.rng)
        self.person_count = 0
        self.labels: dict[str, str] = {}

    # -- helpers ---------------------------------------------------------------------------
    def add(self, section: str, record: dict[str, Any], cite: str | None = None) -> str:
        rows = self.sections[section]
        register = f"synthetic-register {section} row {len(rows) + 1}"
        record["source"] = [register, cite] if cite else register
        rows.append(record)
        self.labels[record["id"]] = record["label"]
        return record["id"]

    def person(self, role: str) -> str:
        self.person_count += 1
        pid = f"person-{self.person_count:06d}"
        return self.add("people", {"id": pid, "label": self.names.person(), "description": f"Invented person; {role}."})

    def day(self, year: int, months: tuple[int, int] = (1, 12)) -> str:
        return f"{year}-{self.rng.randint(*months):02d}-{self.rng.randint(1, 28):02d}"

    def post(self, pid: str, kind: str, label: str, org: str) -> str:
        return self.add("posts", {"id": pid, "kind": kind, "label": label, "post-in": [org]})

    def tenure(self, tid: str, post: str, holder: str, start: str, end: str | None = None) -> str:
        during = {"from": start} if end is None else {"from": start, "to": end}
        return self.add("tenures", {"id": tid, "label": f"{self.labels[holder]} as {self.labels[post]}",
                                    "post": post, "holder": holder, "during": during})

    def seat(self, mid: str, member: str, body: str, voting: str, during: dict[str, str]) -> str:
        return self.add("memberships", {
            "id": mid, "label": f"{self.labels[member]} on {self.labels[body]} ({voting})",
            "member": member, "body": body, "voting": voting, "during": during})

    def votes(self, decision: str, voters: list[str]) -> list[str]:
        return [self.add("votes", {"id": f"{decision}-vote-{k:02d}", "label": f"Vote of {self.labels[voter]}",
                                   "by": voter, "on": decision})
                for k, voter in enumerate(voters, 1)]

    def pick(self, items: list[Any], k: int) -> list[Any]:
        """k items chosen at random (all of them when there are fewer), in their original order."""
        chosen = set(self.rng.sample(range(len(items)), min(k, len(items))))
        return [item for i, item in enumerate(items) if i in chosen]

    # -- sections ---------------------------------------------------------------------------
    def documents(self) -> None:
        self.add("documents", {
            "id": "synthetic-register", "kind": "public-record",
            "label": f"govgraph synthetic register (scale {self.scale:g}, seed {self.seed})",
            "description": "Invented data made by govgraph synth for tests and benchmarks; no record in "
                           "it describes a real body or person. Locators give the section and row.",
        })
        for did, label, year in LAWS:
            self.add("documents", {"id": did, "kind": "legislation", "label": label, "date": year})

    def matters(self) -> None:
        for mid, label, broader in MATTERS:
            record: dict[str, Any] = {"id": mid, "label": label}
            if broader:
                record["broader"] = broader
            self.add("matters", record)

    def organisations(self) -> tuple[list[Council], list[str], list[str], dict[str, list[Council]]]:
        s = self.sizes
        place = itertools.count()
        councils = [Council(f"{tier}-{i + 1:04d}", tier, self.names.place(next(place)))
                    for tier, n in (("county", s.counties), ("unitary", s.unitaries), ("district", s.districts))
                    for i in range(n)]
        upper = [c for c in councils if c.tier != "district"]
        counties = [c for c in councils if c.tier == "county"]
        icbs = [f"icb-{i + 1:03d}" for i in range(s.icbs)]
        for i, c in enumerate(upper):
            c.icb = icbs[i % len(icbs)]
        districts_of: dict[str, list[Council]] = {c.id: [] for c in counties}
        for j, d in enumerate(c for c in councils if c.tier == "district"):
            county = counties[j % len(counties)]
            d.icb = county.icb
            districts_of[county.id].append(d)
        for c in councils:
            functions = ["housing", "land-use-planning"] if c.tier == "district" else ["social-care"]
            self.add("organisations", {"id": c.id, "kind": COUNCIL_KINDS[c.tier],
                                       "label": f"{c.place} {COUNCIL_NAMES[c.tier]}",
                                       "identifier": f"SYN-{c.id.upper()}", "functions": functions})
        for county in counties:
            if districts_of[county.id]:
                self.add("organisations", {"id": f"{county.id}-districts", "kind": "party-group",
                                           "label": f"District councils of {county.place}",
                                           "includes": [d.id for d in districts_of[county.id]]})
        trusts = [f"trust-{i + 1:04d}" for i in range(s.trusts)]
        for t in trusts:
            self.add("organisations", {"id": t, "kind": "foundation-trust",
                                       "label": f"{self.names.place(next(place))} NHS Foundation Trust",
                                       "functions": ["health-services"]})
        for i, icb in enumerate(icbs):
            area = [c for c in councils if c.icb == icb]
            self.add("organisations", {"id": icb, "kind": "board", "identifier": f"SYN-{icb.upper()}",
                                       "label": f"NHS {self.names.place(next(place))} Integrated Care Board",
                                       "functions": ["commissioning"]})
            self.add("organisations", {"id": f"{icb}-councils", "kind": "party-group",
                                       "label": f"Councils in the area of {icb}", "includes": [c.id for c in area]})
            self.add("organisations", {"id": f"{icb}-partners", "kind": "partnership",
                                       "label": f"Partners of {icb}",
                                       "includes": [c.id for c in area] + trusts[i::len(icbs)]})
        return councils, icbs, trusts, districts_of

    def council(self, c: Council, councillors: int, trust: str | None) -> None:
        """One council: officers, councillors and their seats, cabinet, rights, duties, sign-off."""
        cid, name = c.id, self.labels[c.id]
        agreement, version = f"{c.icb}-agreement", f"{c.icb}-agreement-v2"
        process = self.add("processes", {"id": f"{cid}-democratic-process", "kind": "democratic-process",
                                         "label": f"{name} democratic process", "process-of": cid})
        ce_post = self.post(f"{cid}-chief-executive", "chief-executive", f"Chief Executive of {name}", cid)
        ce = self.person(f"chief executive of {name}")
        self.tenure(f"{cid}-chief-executive-tenure-1", ce_post, ce, f"{self.rng.randint(2012, 2021)}-{self.rng.randint(1, 12):02d}")
        self.mistakes.second_chief_executive(self, cid, ce_post, name)
        mo_post = self.post(f"{cid}-monitoring-officer", "officer", f"Monitoring Officer of {name}", cid)
        mo = self.person(f"monitoring officer of {name}")
        self.tenure(f"{cid}-monitoring-officer-tenure", mo_post, mo, self.day(2020))
        leader_post = self.post(f"{cid}-leader", "single-holder-post", f"Leader of {name}", cid)

        holders: dict[str, str] = {}
        for j in range(1, councillors + 1):
            post = self.post(f"{cid}-councillor-{j:03d}", "councillor", f"Councillor of {name}, seat {j}", cid)
            holders[post] = self.person(f"councillor of {name}")
            elected = self.rng.choice(ELECTIONS)
            self.tenure(f"{post}-tenure", post, holders[post], elected, f"{int(elected[:4]) + 4}-05")
            during = {"from": elected, "to": f"{int(elected[:4]) + 4}-05"}
            if j == 1:
                self.mistakes.seat_ending_before_it_starts(cid, f"{cid}-seat-{j:03d}", elected, during)
            self.seat(f"{cid}-seat-{j:03d}", post, cid, "voting", during)
        posts = list(holders)
        c.holders = {**holders, ce_post: ce, mo_post: mo}
        if posts:
            c.holders[leader_post] = holders[posts[0]]
            self.tenure(f"{cid}-leader-tenure", leader_post, holders[posts[0]], self.day(2023, (5, 6)))

        cabinet = self.add("organisations", {"id": f"{cid}-cabinet", "kind": "executive-group",
                                             "label": f"Cabinet of {name}", "part-of": cid})
        cabinet_posts = [leader_post] + posts[1:6] if posts else []
        for k, post in enumerate(cabinet_posts, 1):
            self.seat(f"{cabinet}-seat-{k:02d}", post, cabinet, "voting", {"from": "2023-05"})
        self.seat(f"{cabinet}-seat-officer", mo_post, cabinet, "non-voting", {"from": "2023-05"})

        self.add("decision-rights", {"id": f"{cid}-right-policy-and-finance", "kind": "decision-right",
                                     "label": f"{name} takes its policy and financial decisions itself",
                                     "holder": [cid], "matter": ["policy-decision", "financial-decision"],
                                     "for": [cid], "through-process": [process], "document": agreement})
        self.add("decision-rights", {"id": f"{cid}-reserved-priorities", "kind": "reserved-power",
                                     "label": f"{name} keeps the right to change its priorities",
                                     "holder": [cid], "matter": ["change-of-priorities"], "for": [cid],
                                     "through-process": [process]})
        self.add("decision-rights", {"id": f"{cid}-right-executive", "kind": "decision-right",
                                     "label": f"The Leader of {name} takes executive decisions in Cabinet",
                                     "holder": [leader_post], "matter": ["policy-decision"], "for": [cid],
                                     "through-body": [cabinet]})
        self.mistakes.right_through_board_without_vote(self, cid, name, c.icb)
        self.scheme(c, leader_post, ce_post, cabinet)
        self.add("duties", {"id": f"{cid}-duty-balanced-budget", "label": f"{name} must set a balanced budget",
                            "holder": [cid], "legal-basis": ["lgfa-1992"], "matter": ["budget-setting"]},
                 cite="lgfa-1992 s.31A")
        if c.tier != "district":
            self.add("duties", {"id": f"{cid}-duty-social-care", "label": f"{name} must meet adult social care needs",
                                "holder": [cid], "legal-basis": ["care-act-2014"], "matter": ["social-care"]},
                     cite="care-act-2014 s.1")
        self.cabinet_business(c, cabinet, cabinet_posts, posts, mo)
        self.sign_off(c, process, ce_post, ce, agreement, version, trust)

    def scheme(self, c: Council, leader_post: str, ce_post: str, cabinet: str) -> None:
        """The council's procurement scheme of delegation (SCHEME), with its planted mistakes."""
        cid, name = c.id, self.labels[c.id]
        key = self.add("conditions", {"id": f"{cid}-key-decision", "kind": "key-decision",
                                      "label": f"{name} key decision threshold", "amount": KEY_DECISION,
                                      "currency": "GBP", "inclusive": "no", "above-limit": [cabinet]})
        approved = self.add("conditions", {"id": f"{cid}-cabinet-approved", "kind": "exception",
                                           "label": f"value already approved by the Cabinet of {name}",
                                           "lifts": [key], "approved-by": [cabinet]})
        parent = self.add("delegations", {
            "id": f"{cid}-delegation-chief-executive", "label": f"The Leader of {name} delegates executive decisions to the Chief Executive",
            "from": leader_post, "to": ce_post, "matter": ["policy-decision"], "for": [cid],
            "under": f"{cid}-right-executive", "conditions": [key, approved], "may-sub-delegate": "yes"})
        giver = ce_post
        for k, (suffix, title, matter, limit) in enumerate(SCHEME):
            post = self.post(f"{cid}-{suffix}", "officer", f"{title} of {name}", cid)
            last = k == len(SCHEME) - 1
            if last and self.mistakes.at("delegate-limit-above-delegator", cid):
                limit = limit * 20  # above the procurement manager's own limit
            cap = self.add("conditions", {"id": f"{post}-limit", "kind": "financial-limit",
                                          "label": f"{title} of {name} limit", "amount": limit, "currency": "GBP",
                                          "inclusive": "yes", "matter": [matter], "above-limit": [giver]})
            record: dict[str, Any] = {"id": f"{cid}-delegation-{suffix}", "label": f"{name}: {self.labels[giver]} delegates to the {title}",
                                      "from": giver, "to": post, "matter": [matter], "for": [cid], "under": parent,
                                      "conditions": [cap], "may-sub-delegate": "yes"}
            if k == len(SCHEME) - 2 and self.mistakes.at("sub-delegation-forbidden", cid):
                record["may-sub-delegate"] = "no"  # yet the buyer's delegation passes it on
            parent, giver = self.add("delegations", record), post
            if last:
                for rule in ("delegate-limit-above-delegator", "sub-delegation-forbidden"):
                    if self.mistakes.at(rule, cid):
                        self.mistakes.plant(rule, parent)

    def cabinet_business(self, c: Council, cabinet: str, cabinet_posts: list[str], posts: list[str],
                         officer: str) -> None:
        name = self.labels[c.id]
        assert c.holders is not None
        holders = c.holders

        def outsider() -> str:
            """A councillor outside the cabinet (drawn only when a vote by a non-member is planted)."""
            return holders[posts[6]]

        subjects = (("budget strategy", ["budget-setting"], None),
                    ("partnership agreement", ["document-sign-off"], f"{c.icb}-agreement-v2"))
        for k, (subject, matter, document) in enumerate(subjects, 1):
            meeting = self.add("meetings", {"id": f"{cabinet}-meeting-{k}", "label": f"Cabinet of {name}, meeting {k}",
                                            "of": cabinet, "date": self.day(2023, (6, 8) if k == 1 else (9, 9))})
            record: dict[str, Any] = {"id": f"{cabinet}-decision-{k}", "label": f"Cabinet of {name} agrees the {subject}",
                                      "by": cabinet, "at": meeting, "matter": matter, "status": "completed"}
            if document:
                record["document"] = document
            decision = self.add("decisions", record)
            voters = [c.holders[p] for p in cabinet_posts]
            wrong = self.mistakes.wrong_voters(c.id, officer, outsider) if k == 2 else []
            cast = self.votes(decision, voters + [voter for _, voter in wrong])
            self.mistakes.plant_votes(wrong, cast[len(voters):])

    def sign_off(self, c: Council, process: str, ce_post: str, ce: str, agreement: str, version: str,
                 trust: str | None) -> None:
        """The council approves its care board's agreement, then its chief executive signs it."""
        name = self.labels[c.id]
        early = self.mistakes.at("signature-without-democratic-approval", c.id)
        self.add("approvals", {"id": f"{c.id}-approval-{agreement}", "label": f"{name} approves {self.labels[version]}",
                               "by": c.id, "document": version, "through-process": process,
                               "date": self.day(2023 + early, (10, 10) if not early else (2, 3)),
                               "status": "open" if early else "completed"})
        authority = self.add("signing-authorities", {
            "id": f"{c.id}-authority-chief-executive", "label": f"The Chief Executive may sign partnership agreements for {name}",
            "holder": ce_post, "for": [c.id], "document": agreement, "granted-by": f"{c.id}-cabinet-decision-2",
            "status": "completed", "during": {"from": "2023-01-01"}})
        signature = self.add("signatures", {
            "id": f"{c.id}-signature-{agreement}", "label": f"{name} signs {self.labels[version]}",
            "signatory": ce, "as": ce_post, "on-behalf-of": [c.id], "document": version,
            "date": self.day(2023, (11, 11)), "status": "completed", "authority": authority})
        if early:
            self.mistakes.plant("signature-without-democratic-approval", signature)
        self.mistakes.signature_for_trust(self, c.id, name, ce, ce_post, version, trust)

    def icb_documents(self, icb: str) -> None:
        name = self.labels[icb]
        work = self.add("documents", {"id": f"{icb}-agreement", "kind": "agreement",
                                      "label": f"Partnership agreement of {name}"})
        first = self.add("documents", {"id": f"{work}-v1", "kind": "agreement", "label": f"Partnership agreement of {name}, first version",
                                       "version-of": work, "date": "2022-07"})
        self.add("documents", {"id": f"{work}-v2", "kind": "agreement", "label": f"Partnership agreement of {name}, second version",
                               "version-of": work, "revises": first, "cites": [first], "date": self.day(2023, (3, 5))})
        self.mistakes.first_version_cites_second(self, icb, work, first)

    def icb(self, icb: str, area: list[Council], trusts: list[str]) -> None:
        """A care board: seats, officers, business, commitments and constraints, and its signature."""
        name = self.labels[icb]
        chair_post = self.post(f"{icb}-chair", "chair", f"Chair of {name}", icb)
        chair = self.person(f"chair of {name}")
        self.tenure(f"{icb}-chair-tenure", chair_post, chair, "2022-07-01")
        ce_post = self.post(f"{icb}-chief-executive", "chief-executive", f"Chief Executive of {name}", icb)
        self.tenure(f"{icb}-chief-executive-tenure", ce_post, self.person(f"chief executive of {name}"), "2022-07-01")
        since = {"from": "2022-07-01"}
        voting = [c.id for c in area if c.tier != "district"] + trusts
        for member in voting + [chair_post, ce_post]:
            self.seat(f"{icb}-seat-{member}", member, icb, "voting", since)
        for c in area:
            if c.tier == "district":
                self.seat(f"{icb}-seat-{c.id}", c.id, icb, "non-voting", since)
        self.add("duties", {"id": f"{icb}-duty-commissioning", "label": f"{name} must arrange NHS services for its area",
                            "holder": [icb], "legal-basis": ["hca-2022"], "matter": ["commissioning"]},
                 cite="hca-2022 Part 1")
        self.add("decision-rights", {"id": f"{icb}-right-commissioning", "kind": "decision-right",
                                     "label": f"{name} decides how services are commissioned",
                                     "holder": [icb], "matter": ["commissioning"], "through-body": [icb]})
        for k, subject in enumerate(("commissioning plan", "partnership agreement"), 1):
            meeting = self.add("meetings", {"id": f"{icb}-meeting-{k}", "label": f"{name}, meeting {k}", "of": icb,
                                            "date": self.day(2023, (4, 6) if k == 1 else (12, 12))})
            decision = self.add("decisions", {"id": f"{icb}-decision-{k}", "label": f"{name} agrees the {subject}",
                                              "by": icb, "at": meeting, "status": "completed",
                                              "matter": ["commissioning" if k == 1 else "document-sign-off"]})
            self.votes(decision, voting + [chair])
        self.commitments(icb, area)
        excluded = [c.id for c in area if self.mistakes.at("signature-without-democratic-approval", c.id)]
        authority = self.add("signing-authorities", {
            "id": f"{icb}-authority-chair", "label": f"The Chair of {name} may sign its partnership agreement",
            "holder": chair_post, "for": [icb], "document": f"{icb}-agreement", "status": "completed",
            "during": {"from": "2023-01-01"}})
        record: dict[str, Any] = {
            "id": f"{icb}-signature-agreement", "label": f"{name} signs its partnership agreement",
            "signatory": chair, "as": chair_post, "on-behalf-of": [icb], "document": f"{icb}-agreement-v2",
            "date": self.day(2023, (12, 12)), "status": "completed", "authority": authority}
        if excluded:
            record["excludes"] = excluded
            record["note"] = "Signed without the councils that had not yet approved the agreement."
        self.add("signatures", record)

    def commitments(self, icb: str, area: list[Council]) -> None:
        name, version = self.labels[icb], f"{icb}-agreement-v2"
        partners, councils = f"{icb}-partners", f"{icb}-councils"
        for k, matter in enumerate(("joint-decision-making", "system-communication", "population-health"), 1):
            self.add("commitments", {"id": f"{icb}-principle-{k}", "kind": "principle",
                                     "label": f"Partners of {name}: principle {k} ({self.labels[matter]})",
                                     "binds": [partners], "matter": [matter], "order": k, "stated-in": version})
        self.add("constraints", {"id": f"{icb}-constraint-opening-risk",
                                 "label": f"Councils in {name} cannot take on the opening financial risk",
                                 "binds": [councils], "rules-out": ["opening-financial-risk"], "stated-in": version,
                                 "justified-by": [f"{c.id}-duty-balanced-budget" for c in area]})
        self.add("constraints", {"id": f"{icb}-constraint-pooled-funding",
                                 "label": f"Councils in {name} do not pool budgets under the agreement",
                                 "binds": [councils], "rules-out": ["pooled-funding"], "stated-in": version})
        self.mistakes.undertakings(self, icb, name, partners, version)

    def hwb(self, hwb: str, members: list[Council], districts_of: dict[str, list[Council]]) -> None:
        """A health and wellbeing board: seats, chair, business, strategy refresh and actions."""
        first = members[0]
        assert first.holders is not None
        self.add("organisations", {"id": hwb, "kind": "health-and-wellbeing-board",
                                   "label": f"{first.place} Health and Wellbeing Board",
                                   "established-by": first.id, "functions": ["joint-strategy"]})
        name = self.labels[hwb]
        self.add("duties", {"id": f"{hwb}-duty-strategy", "label": f"{name} must prepare a joint health and wellbeing strategy",
                            "holder": [hwb], "legal-basis": ["hsca-2012"], "matter": ["joint-strategy"]},
                 cite="hsca-2012 s.193")
        chair_post = self.post(f"{hwb}-chair", "chair", f"Chair of {name}", hwb)
        chair = first.holders.get(f"{first.id}-leader") or self.person(f"chair of {name}")
        self.tenure(f"{hwb}-chair-tenure", chair_post, chair, self.day(2023, (6, 6)))
        dph_post = self.post(f"{hwb}-director-of-public-health", "officer", f"Director of Public Health for {name}", first.id)
        self.tenure(f"{hwb}-director-of-public-health-tenure", dph_post, self.person(f"director of public health for {name}"), self.day(2021))
        voting = [c.id for c in members] + [d.id for c in members for d in districts_of.get(c.id, [])]
        voting += sorted({c.icb for c in members})
        since = {"from": "2023-06"}
        for member in voting + [chair_post]:
            self.seat(f"{hwb}-seat-{member}", member, hwb, "voting", since)
        self.seat(f"{hwb}-seat-{dph_post}", dph_post, hwb, "non-voting", since)
        self.strategy(hwb, voting + [chair], dph_post)

    def strategy(self, hwb: str, voters: list[str], officer: str) -> None:
        name = self.labels[hwb]
        document = self.add("documents", {"id": f"{hwb}-strategy", "kind": "plan", "date": "2022",
                                          "label": f"Joint health and wellbeing strategy of {name}"})
        process = self.add("processes", {"id": f"{hwb}-strategy-refresh", "kind": "process", "process-of": hwb,
                                         "label": f"Refresh of the strategy of {name}", "document": document})
        dates = ["2024-01", "2024-04", "2024-09"]
        self.mistakes.phases_out_of_order(hwb, process, dates)
        for k, (step, date) in enumerate(zip(("draft", "consult", "adopt"), dates), 1):
            self.add("phases", {"id": f"{process}-phase-{k}", "label": f"{name} strategy refresh: {step}",
                                "phase-of": process, "order": k, "date": date, "status": "planned"})
        meeting = self.add("meetings", {"id": f"{hwb}-meeting-1", "label": f"{name}, meeting 1", "of": hwb,
                                        "date": self.day(2023, (11, 12))})
        decision = self.add("decisions", {"id": f"{hwb}-decision-1", "label": f"{name} agrees to refresh its strategy",
                                          "by": hwb, "at": meeting, "matter": ["joint-strategy"],
                                          "document": document, "status": "completed"})
        self.votes(decision, voters)
        steps = (("Draft the refreshed strategy", "open"), ("Publish the engagement plan", "completed"),
                 ("Report back on the engagement", "planned"))
        for k, (label, status) in enumerate(steps, 1):
            record: dict[str, Any] = {"id": f"{hwb}-action-{k}", "label": label, "agreed-in": decision,
                                      "assigned-to": [officer], "order": k, "status": status}
            self.mistakes.action(hwb, k, record)
            self.add("actions", record)

    def trust(self, trust: str) -> None:
        name = self.labels[trust]
        post = self.post(f"{trust}-chief-executive", "chief-executive", f"Chief Executive of {name}", trust)
        self.tenure(f"{trust}-chief-executive-tenure", post, self.person(f"chief executive of {name}"),
                    f"{self.rng.randint(2012, 2022)}-{self.rng.randint(1, 12):02d}")
        self.add("duties", {"id": f"{trust}-duty-health-services", "label": f"{name} must provide NHS services",
                            "holder": [trust], "legal-basis": ["nhs-act-2006"], "matter": ["health-services"]},
                 cite="nhs-act-2006 Part 2")

    def dataset(self) -> dict[str, Any]:
        return {"id": f"synthetic-seed-{self.seed}",
                "title": f"Synthetic arrangement shaped like England's public sector (scale {self.scale:g}, seed {self.seed})",
                "base": "https://w3id.org/govgraph/data/synthetic/",
                "description": "Invented councils, boards, trusts and people made by govgraph synth, with "
                               "planted mistakes listed in planted.json. Not a description of any real body."}


def arrange(b: Builder) -> None:
    """Every section, drawn in a fixed order (the order is part of what makes a seed reproducible)."""
    s = b.sizes
    b.documents()
    b.matters()
    councils, icbs, trusts, districts_of = b.organisations()
    seats = {c.id: s.councillors // len(councils) + (i < s.councillors % len(councils))
             for i, c in enumerate(councils)}
    trusts_of = {icb: trusts[i::len(icbs)] for i, icb in enumerate(icbs)}
    upper = [c for c in councils if c.tier != "district"]
    hwbs = [f"hwb-{h + 1:03d}" for h in range(s.hwbs)]
    b.mistakes.choose(b.pick, s.planted, councils, seats, icbs, {i for i, t in trusts_of.items() if t}, hwbs)
    for icb in icbs:
        b.icb_documents(icb)
    for c in councils:
        b.council(c, seats[c.id], next(iter(trusts_of[c.icb]), None))
    for trust in trusts:
        b.trust(trust)
    for icb in icbs:
        b.icb(icb, [c for c in councils if c.icb == icb], trusts_of[icb])
    for h, hwb in enumerate(hwbs):
        b.hwb(hwb, upper[h::len(hwbs)] or [upper[h % len(upper)]], districts_of)


