"""The second built-in arrangement, City of York Council (datasets/york_scheme): it builds, checks
clean, and `can` gives the exact answers, chains and clauses its public pages support; planted
mistakes are caught by the checks (mutation tests)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from govgraph.checks.catalogue import Selection
from govgraph.checks.engine import check_sources
from govgraph.cli.app import app
from govgraph.datasets import builtin_path
from typer.testing import CliRunner

YORK = builtin_path("york_scheme")
ROOT = ("The Leader is responsible for the executive functions", ["y-art6 para 1.1"])
OFFICERS = ("Executive decisions delegated to officers (Directors), within the contract procedure rules",
            ["y-con decision making para 2", "y-con roles and relations para 1", "y-cpr rule 7.7", "y-cpr rule 7.9"])
MEMBERS = ("The Leader's arrangements for Executive Members to decide one by one",
           ["y-art6 para 1.1", "y-art6 para 2.1", "y-con decision making para 2", "y-cpr rule 7.7"])
FINANCE = ("Finance and performance portfolio, with ICT procurements from £250k to under £500k",
           ["y-art6 para 2.1", "y-cpr purpose of report", "y-cpr rule 7.7"])
EXECUTIVE = ("The Leader's arrangements for the Executive to decide as a group", ["y-art6 para 1.1", "y-con decision making para 2"])
NON_EXEC = ("Non-executive decisions delegated to officers", ["y-con decision making para 2"])
COUNCIL = ("The Council holds its non-executive functions", ["y-con decision making para 2"])
CITY_CENTRE = ("The Executive's March 2021 delegation for re-opening the city centre", ["y-exec-2021-03 item 6 (ii)"])
UKSPF = ("The Executive's October 2022 delegation of the UK Shared Prosperity Fund investment plan",
         ["y-delegated-2024-04 ref 7121"])
WESTFIELD = ("The Executive's June 2023 delegation of the Westfield lease agreements",
             ["y-exec-2023-06 item 5 (ii)", "y-exec-2023-06 item 5 (iii)"])
DPH_2023 = ("The Executive's March 2023 delegation of the sexual health partnership agreement to the Director of Public Health",
            ["y-exec-2023-03 item 102 (i)(b)", "y-exec-2023-03 item 102 (ii)", "y-exec-2023-03 item 102 (iv)"])
DPH_2024 = ("The Executive's June 2024 delegation of the interim sexual health contract extension to the Director of Public Health",
            ["y-exec-2024-06 resolution (i)", "y-issue-2024-06 purpose of report"])
DPH_SEAT = "holds the Director of Public Health's place on the Board ex officio, as Director of Public Health."
STOLTZ_DATES = "the sources date the holding only as in post by 9 December 2020 to still in post on 9 December 2020."
RODERICK_DATES = "the sources date the holding only as in post by 13 June 2024 to still in post on 13 June 2024."
ARG_LIMIT = "the £200,000 Additional Restrictions Grant the Corporate Director could spend on city spaces (March 2021)"
AT_250 = "£250,000 is at the £250,000 contract value needing Executive Member approval (rule 7.7) in y-cpr rule 7.7: the Executive or an Executive Member decides."
ROUTINE_250 = "the limit does not apply because Chief Finance Officer approved it first"


def ask(*args: str) -> dict:
    result = CliRunner().invoke(app, ["can", *args, str(YORK), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def chain(*links: tuple[str, list[str]], failing: bool = False) -> list[tuple[str, list[str], str]]:
    statuses = ["passes"] * len(links)
    if failing:
        statuses[-1] = "fails"
    return [(name, sources, status) for (name, sources), status in zip(links, statuses)]


# (arguments, answer, chain as (link, clauses, status), words that must appear in the reasons)
CASES = [
    # Directors: the £250,000 limit of rule 7.7, just below, at and above; the key decision threshold
    (["director", "contract-award", "--amount", "249999"], "yes", chain(ROOT, OFFICERS),
     ["£249,999 is below the £250,000 contract value needing Executive Member approval (rule 7.7)",
      "£249,999 is below the £500,000 key decision threshold for contracts (rule 7.8)"]),
    (["director", "contract-award", "--amount", "£250k"], "no", chain(ROOT, OFFICERS, failing=True),
     [AT_250, "So the Executive or an Executive Member decides, not a Director of the council."]),
    (["director", "contract-award", "--amount", "£250,001"], "no", chain(ROOT, OFFICERS, failing=True),
     ["£250,001 is above the £250,000 contract value needing Executive Member approval (rule 7.7)"]),
    (["director", "contract-award", "--amount", "£600k"], "no", chain(ROOT, OFFICERS, failing=True),
     ["£600,000 is above the £250,000", "would lift it if Chief Finance Officer had approved it first"]),
    # the exception: a procurement the CFO approved as routine before it began lifts both limits
    (["director", "contract-award", "--amount", "£400k", "--approved-by", "cfo"], "yes", chain(ROOT, OFFICERS),
     [ROUTINE_250, "£400,000 is below the £500,000 key decision threshold for contracts (rule 7.8)"]),
    (["director", "contract-award", "--amount", "£500k", "--approved-by", "Chief Finance Officer"], "yes", chain(ROOT, OFFICERS),
     ["£500,000 is beyond the £500,000 key decision threshold for contracts (rule 7.8), but procurement approved as routine"]),
    (["director", "contract-award", "--amount", "£3m", "--approved-by", "cfo"], "yes", chain(ROOT, OFFICERS), [ROUTINE_250]),
    (["director", "contract-award", "--amount", "£600k", "--approved-by", "executive"], "no", chain(ROOT, OFFICERS, failing=True),
     ["£600,000 is above the £250,000"]),
    (["director", "contract-award"], "yes", chain(ROOT, OFFICERS),
     ["may decide only up to £250,000 (exclusive); above it the Executive or an Executive Member decides",
      "may decide only up to £500,000 (exclusive)."]),
    # Executive Members: the key decision threshold of rule 7.8, below, at and above
    (["executive-member", "contract-award", "--amount", "£499,999"], "yes", chain(ROOT, MEMBERS),
     ["£499,999 is below the £500,000 key decision threshold for contracts (rule 7.8)"]),
    (["executive-member", "contract-award", "--amount", "£500k"], "no", chain(ROOT, MEMBERS, failing=True),
     ["£500,000 is at the £500,000 key decision threshold for contracts (rule 7.8) in y-cpr rule 7.8."]),
    (["executive-member", "contract-award", "--amount", "£2.2m"], "no", chain(ROOT, MEMBERS, failing=True),
     ["£2.2m is above the £500,000 key decision threshold for contracts (rule 7.8)"]),
    (["executive-member", "contract-award", "--amount", "£2.2m", "--approved-by", "cfo"], "yes", chain(ROOT, MEMBERS), []),
    (["em-finance", "ict-procurement", "--amount", "300k"], "yes", chain(ROOT, FINANCE),
     ["£300,000 is below the £500,000 key decision threshold"]),
    (["em-finance", "ict-procurement", "--amount", "£500k"], "no", chain(ROOT, FINANCE, failing=True), ["at the £500,000"]),
    # the Executive as a group and the Leader: no limit stated
    (["executive", "contract-award", "--for", "cyc", "--amount", "£3m"], "yes", chain(ROOT, EXECUTIVE), []),
    (["leader", "contract-award", "--amount", "£3m"], "yes", [], ["Leader of the Council decides on executive function"]),
    # not delegated, so the Leader; reserved to full Council
    (["director", "appointing-the-executive"], "no", [],
     ["No delegation of appointing and removing Executive members reaches a Director of the council, so it stays with Leader of the Council."]),
    (["executive", "full-council-function", "--for", "cyc"], "no", [],
     ["is decided by City of York Council only through Full Council, not by the Executive",
      "so it stays with City of York Council (a reserved power)"]),
    (["director", "full-council-function"], "no", [], ["(a reserved power)"]),
    (["director", "council-function"], "yes", chain(COUNCIL, NON_EXEC), []),
    (["cfo", "routine-procurement-approval"], "yes", [], ["Chief Finance Officer decides on approving a procurement as routine"]),
    # the Board decides only at a formal meeting; a substitute stands in for a member, not for the Board
    (["york-hwb", "pharmaceutical-needs-assessment", "--for", "cyc"], "only through", [],
     ["only through a formal meeting of the Health and Wellbeing Board", "no lawful basis until a meeting ratifies them"]),
    (["cllr-cuthbertson", "pharmaceutical-needs-assessment", "--as-of", "2025-10-01"], "no", [],
     ["Cllr Cuthbertson stood in for Cllr Cullwick: Cllr Cuthbertson stands in for Cllr Cullwick.",
      "not by Cllr Cuthbertson"]),
    # three levels: the Leader, the Executive, an officer (Executive decisions of 2021, 2022 and 2023)
    (["cd-economy-place", "arg-city-spaces", "--amount", "£199,999"], "yes", chain(ROOT, EXECUTIVE, CITY_CENTRE),
     [f"£199,999 is below {ARG_LIMIT}"]),
    (["cd-economy-place", "arg-city-spaces", "--amount", "£200k"], "yes", chain(ROOT, EXECUTIVE, CITY_CENTRE),
     [f"£200,000 is at, and so within, {ARG_LIMIT}"]),
    (["cd-economy-place", "arg-city-spaces", "--amount", "200001"], "no", chain(ROOT, EXECUTIVE, CITY_CENTRE, failing=True),
     [f"£200,001 is above {ARG_LIMIT} in y-exec-2021-03 item 6 (ii)(b)."]),
    (["cd-economy-place", "arg-city-spaces"], "yes", chain(ROOT, EXECUTIVE, CITY_CENTRE),
     ["may decide only up to £200,000 inclusive."]),
    (["executive", "arg-city-spaces", "--for", "cyc", "--amount", "£300k"], "yes", chain(ROOT, EXECUTIVE), []),
    (["cd-economy-place", "ukspf-grant"], "no", [],
     ["No delegation of awarding a UK Shared Prosperity Fund grant reaches Corporate Director of Economy and Place"]),
    # the same delegation on three dates: before October 2022, within it (vague), and when a grant was awarded
    (["cd-place", "ukspf-grant", "--as-of", "2022-06-01"], "no", [], ["so it stays with Leader of the Council"]),
    (["cd-place", "ukspf-grant", "--as-of", "2022-10-15"], "not known on that date", chain(ROOT, EXECUTIVE, UKSPF)[:2]
     + [(UKSPF[0], UKSPF[1], "not known on that date")], ["dates too vague to say for that day"]),
    (["cd-place", "ukspf-grant", "--as-of", "2024-04-24"], "yes", chain(ROOT, EXECUTIVE, UKSPF), []),
    (["dir-customer-communities", "westfield-lease"], "yes", chain(ROOT, EXECUTIVE, WESTFIELD), []),
    # the Director of Public Health: a delegation to the post reaches whoever two council pages name
    # in it on their days; on other days the holder is not known. The Board place goes with the post.
    (["peter-roderick", "sexual-health-interim", "--as-of", "2024-06-13"], "yes", chain(ROOT, EXECUTIVE, DPH_2024),
     ["Peter Roderick acts as Director of Public Health."]),
    (["peter-roderick", "sexual-health-s75", "--as-of", "2024-06-13"], "yes", chain(ROOT, EXECUTIVE, DPH_2023), []),
    (["peter-roderick", "sexual-health-interim", "--as-of", "2025-03-01"], "not known on that date",
     chain(ROOT, EXECUTIVE, DPH_2024), ["Whether Peter Roderick holds Director of Public Health on that day is not known: "
                                        + RODERICK_DATES]),
    (["sharon-stoltz", "sexual-health-interim", "--as-of", "2024-06-13"], "not known on that date",
     chain(ROOT, EXECUTIVE, DPH_2024), ["Whether Sharon Stoltz holds Director of Public Health on that day is not known: "
                                        + STOLTZ_DATES]),
    (["dph", "sexual-health-interim", "--as-of", "2024-06-12"], "no", [],
     ["No delegation of varying and extending the integrated sexual health services contract from July 2024 reaches "
      "Director of Public Health, so it stays with Leader of the Council."]),
    (["sharon-stoltz", "pharmaceutical-needs-assessment", "--as-of", "2020-12-09"], "no", [],
     ["Sharon Stoltz " + DPH_SEAT, "not by Sharon Stoltz"]),
    (["peter-roderick", "pharmaceutical-needs-assessment", "--as-of", "2024-06-13"], "no", [],
     ["Peter Roderick " + DPH_SEAT, "not by Peter Roderick"]),
    (["peter-roderick", "pharmaceutical-needs-assessment", "--as-of", "2020-12-09"], "no", [],
     ["Peter Roderick would hold the Director of Public Health's place on the Board ex officio, as Director of Public "
      "Health, but whether Peter Roderick holds Director of Public Health on that day is not known: " + RODERICK_DATES]),
]


def test_the_arrangement_builds_and_checks_clean(tmp_path):
    built = CliRunner().invoke(app, ["build", str(YORK), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0 and "139 records" in built.output, built.output
    result = CliRunner().invoke(app, ["check", str(YORK), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []


def test_every_record_cites_a_page_with_an_address():
    from govgraph.graph_builder.records import read_arrangement
    arrangement = read_arrangement([YORK])
    assert len(arrangement.records) >= 80
    documents = {rid: rec for rid, rec in arrangement.records.items() if rec.section == "documents"}
    assert all(rec.values.get("url", "").startswith("https://") for rec in documents.values())
    for rec in arrangement.records.values():
        assert rec.sources and all(c.document in documents and c.locator for c in rec.sources), rec.id


@pytest.mark.parametrize("args,answer,links,words", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_can(args, answer, links, words):
    result = ask(*args)
    assert result["answer"] == answer, json.dumps(result, indent=1, ensure_ascii=False)
    assert [(link["link"], link["sources"], link["status"]) for link in result.get("chain", [])] == links
    text = " ".join(r["text"] for r in result["reasons"])
    for w in words:
        assert w in text, text


@pytest.mark.parametrize("who,day,other,tenure_clause", [
    ("sharon-stoltz", "2020-12-09", "peter-roderick", "y-omab-2020-12 attendance list"),
    ("peter-roderick", "2024-06-13", "sharon-stoltz", "y-exec-2024-06-minutes officers in attendance")])
def test_the_board_place_of_the_director_of_public_health_is_resolved_on_each_date(who, day, other, tenure_clause):
    """On each council page's day its named Director holds the Board place ex officio, citing Article 18 and that
    page; the other Director is not said to hold it then, only that the sources cannot say."""
    reasons = ask(who, "pharmaceutical-needs-assessment", "--as-of", day)["reasons"]
    seat = [r for r in reasons if r["text"].endswith(DPH_SEAT)]
    assert [r["sources"] for r in seat] == [["y-art18 para 2.2(vii)", tenure_clause]], reasons
    others = ask(other, "pharmaceutical-needs-assessment", "--as-of", day)["reasons"]
    assert not any(r["text"].endswith(DPH_SEAT) for r in others), others
    assert any("on that day is not known" in r["text"] for r in others), others


def _mutated(tmp_path: Path, file: str, old: str, new: str) -> str:
    target = tmp_path / "york"
    shutil.copytree(YORK, target)
    text = (target / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (target / file).write_text(text.replace(old, new), encoding="utf-8")
    return str(target)


def _answer(folder: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["can", *args, folder, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["answer"]


def test_the_holder_named_on_the_day_is_the_one_who_can_decide(tmp_path: Path):
    """Mutation: had the June 2024 minutes named Sharon Stoltz, she (not Peter Roderick) could decide that day."""
    folder = _mutated(tmp_path, "public-health.yaml", "    post: dph\n    holder: peter-roderick\n",
                      "    post: dph\n    holder: sharon-stoltz\n")
    assert _answer(folder, "sharon-stoltz", "sexual-health-interim", "--as-of", "2024-06-13") == "yes"
    assert _answer(folder, "peter-roderick", "sexual-health-interim", "--as-of", "2024-06-13") == "no"


def test_a_delegation_dated_a_day_later_does_not_yet_reach_the_director(tmp_path: Path):
    """Mutation: the June 2024 delegation dated the next day leaves the decision with the Leader on the 13th."""
    folder = _mutated(tmp_path, "public-health.yaml", "during: {from: 2024-06-13}", "during: {from: 2024-06-14}")
    assert _answer(folder, "peter-roderick", "sexual-health-interim", "--as-of", "2024-06-13") == "no"
    assert _answer(folder, "peter-roderick", "sexual-health-interim", "--as-of", "2024-06-14") == "not known on that date"


def test_at_least_twenty_cases():
    assert len(CASES) >= 20


# Mutation tests: each plants one mistake in a copy of the arrangement; the rule must name it.
MUTATIONS = [
    ("director limit raised above the key decision threshold", "delegate-limit-above-delegator",
     "scheme.yaml", "    amount: 250000\n", "    amount: 750000\n", """
delegations:
  - {id: director-to-officer, label: A Director passes contract awards on, from: director, to: cfo, matter: [contract-award],
     under: leader-to-officers, conditions: [em-approval-threshold], source: y-cpr rule 7.7}
"""),
    ("a delegation back up the chain", "delegation-cycle", None, None, None, """
delegations:
  - {id: director-to-leader, label: A Director hands decisions back to the Leader, from: director, to: leader,
     matter: [executive-function], source: y-con decision making para 2}
"""),
    ("a recorded contract above the Directors' limit", "decision-above-delegated-limit", None, None, None, """
decisions:
  - {id: big-contract, label: A Director enters a contract of £400k, by: director, matter: [contract-award], amount: 400000,
     currency: GBP, under: leader-to-officers, source: y-cpr rule 7.7}
"""),
    ("the 2024 grant recorded under a matter the delegation does not cover", "decision-outside-delegated-matters",
     "scheme.yaml", "matter: [ukspf-grant], under: executive-to-cd-place", "matter: [arg-city-spaces], under: executive-to-cd-place", ""),
    ("a chair who is not a member", "chair-not-member", "hwb.yaml",
     "  - {id: m-hwb-chair, label: The Chair on the Board, member: hwb-chair, body: york-hwb, voting: not-stated, seat: seat-leader-or-nominee, source: y-art18 para 2.2(i)}\n",
     "", ""),
    ("a substitute for someone not on the Board", "substitute-for-missing-seat", "hwb.yaml", "for: m-hwb-cullwick", "for: em-finance", ""),
    ("a seat filled twice", "seat-overfilled", None, None, None, """
memberships:
  - {id: m-hwb-dph-2, label: A second Director of Public Health place, member: cfo, body: york-hwb, voting: not-stated,
     seat: seat-dph, source: y-art18 para 2.2(vii)}
"""),
    ("a quorum larger than the voting places", "quorum-above-voting-members", "hwb.yaml",
     "    chair: hwb-chair\n    document: y-art18\n", "    chair: hwb-chair\n    quorum: 30\n    document: y-art18\n", ""),
]


@pytest.mark.parametrize("name,rule,file,old,new,extra", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_is_caught(tmp_path: Path, name, rule, file, old, new, extra):
    target = tmp_path / "york"
    shutil.copytree(YORK, target)
    if file:
        text = (target / file).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (target / file).write_text(text.replace(old, new), encoding="utf-8")
    if extra:
        (target / "planted.yaml").write_text(extra, encoding="utf-8")
    report = check_sources([target], Selection.parse(rule), reason=False)
    assert {f.rule for f in report.findings} == {rule}, f"{name}: {[f.message for f in report.findings]}"
