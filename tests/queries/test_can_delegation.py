"""`govgraph can` through chains of delegation, on the invented scheme in fixtures/delegation:
exact answers, the chain link by link with its clauses, and for a "no" the first failing link."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from govgraph.cli.app import app
from govgraph.graph_builder.amounts import AmountProblem, format_amount, parse_amount
from typer.testing import CliRunner

SCHEME = str(Path(__file__).parent / "fixtures" / "delegation")
RIGHT = "The Leader holds the executive functions"
TO_CE = "Leader's delegation of executive functions to the Chief Executive"
TO_DIR = "Chief Executive's sub-delegation of procurement to the Director of Resources"
TO_HEAD = "Director's onward delegation of contract awards to the Head of Procurement"
URGENCY = "Director's urgency power for procurement"


def ask(*args: str) -> dict:
    result = CliRunner().invoke(app, ["can", *args, SCHEME, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def links(answer: dict) -> list[tuple[str, str]]:
    return [(link["link"], link["status"]) for link in answer.get("chain", [])]


# (args, answer, chain as (link, status), words in the reasons)
CASES = [
    (["Director of Resources", "contract award", "--amount", "£200k"], "yes",
     [(RIGHT, "passes"), (TO_CE, "passes"), (TO_DIR, "passes")], ["£200,000 is below the £250,000 Director's procurement limit"]),
    (["Director of Resources", "contract award", "--amount", "£250k"], "yes",
     [(RIGHT, "passes"), (TO_CE, "passes"), (TO_DIR, "passes")], ["£250,000 is at, and so within, the £250,000"]),
    (["Director of Resources", "contract award", "--amount", "250001"], "no",
     [(RIGHT, "passes"), (TO_CE, "passes"), (TO_DIR, "fails")],
     ["£250,001 is above the £250,000 Director's procurement limit in constitution part 3 para 22: Chief Executive decides",
      "So Chief Executive decides, not Director of Resources", "only when the matter is urgent"]),
    (["chief-exec", "contract-award", "--amount", "£499,999"], "yes", [(RIGHT, "passes"), (TO_CE, "passes")],
     ["below the £500,000 key decision threshold"]),
    (["chief-exec", "contract-award", "--amount", "£500k"], "no", [(RIGHT, "passes"), (TO_CE, "fails")],
     ["£500,000 is at the £500,000 key decision threshold in constitution part 3 para 36: Cabinet decides"]),
    (["chief-exec", "contract-award", "--amount", "£3m"], "no", [(RIGHT, "passes"), (TO_CE, "fails")],
     ["£3m is above the £500,000 key decision threshold", "would lift it if Cabinet had approved it first"]),
    (["chief-exec", "contract-award", "--amount", "£3m", "--approved-by", "Cabinet"], "yes",
     [(RIGHT, "passes"), (TO_CE, "passes")], ["the limit does not apply because Cabinet approved it first"]),
    (["chief-exec", "contract-award", "--amount", "£3m", "--approved-by", "Full Council"], "no",
     [(RIGHT, "passes"), (TO_CE, "fails")], ["Cabinet decides"]),
    (["chief-exec", "contract-award"], "yes", [(RIGHT, "passes"), (TO_CE, "passes")],
     ["may decide only up to £500,000 (exclusive); above it Cabinet decides"]),
    (["Head of Procurement", "contract award", "--amount", "£10k"], "no",
     [(RIGHT, "passes"), (TO_CE, "passes"), (TO_DIR, "passes"), (TO_HEAD, "fails")],
     ["does not let Director of Resources delegate it further", "So Director of Resources decides"]),
    (["director-resources", "procurement", "--amount", "300k", "--urgent"], "yes", [(RIGHT, "passes"), (URGENCY, "passes")],
     ["£300,000 is below the £500,000 key decision threshold"]),
    (["director-resources", "procurement", "--amount", "600k", "--urgent"], "no", [(RIGHT, "passes"), (URGENCY, "fails")],
     ["£600,000 is above the £500,000 key decision threshold in constitution part 3 para 36: Cabinet decides",
      "The other route, through Leader's delegation of executive functions to the Chief Executive, fails too"]),
    (["chief-exec", "debt-write-off", "--as-of", "2024-12-01"], "yes", [(RIGHT, "passes"), (TO_CE, "passes")], []),
    (["chief-exec", "debt-write-off", "--as-of", "2025-02-01"], "no", [(RIGHT, "passes"), (TO_CE, "fails")],
     ["The Leader takes back debt write-offs: Leader of the Council has taken debt write-off back, referring it to Cabinet",
      "So Cabinet decides, not Chief Executive"]),
    (["chief-exec", "budget"], "no", [],
     ["Full Council sets the budget", "No delegation of setting the budget reaches Chief Executive, so it stays with Example County Council (a reserved power)"]),
    (["leader", "contract-award", "--amount", "£3m"], "yes", [], ["Leader of the Council decides on executive function"]),
    (["deputy-leader", "contract-award", "--as-of", "2024-07-01"], "yes", [],
     ["The Deputy Leader stands in for the Leader: Deputy Leader of the Council stands in for Leader of the Council"]),
    (["deputy-leader", "contract-award", "--as-of", "2024-05-01"], "no", [], ["not by Deputy Leader of the Council"]),
    (["alex", "hwb-agenda", "--as-of", "2024-09-01"], "yes", [],
     ["Alex Example holds Chair of the Health and Wellbeing Board ex officio, as Cabinet Member for Health"]),
    (["alex", "hwb-agenda", "--as-of", "2025-09-01"], "no", [], ["not by Alex Example"]),
    (["sam", "hwb-agenda", "--as-of", "2025-09-01"], "yes", [], ["Sam Example holds Chair of the Health and Wellbeing Board ex officio"]),
    (["director-resources", "planning"], "not stated", [], ["The sources give no one a right to decide on planning application"]),
]


@pytest.mark.parametrize("args,answer,chain,words", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_can_follows_the_chain_of_delegation(args, answer, chain, words):
    result = ask(*args)
    assert result["answer"] == answer, json.dumps(result, indent=1)
    assert links(result) == chain
    text = " ".join(r["text"] for r in result["reasons"])
    for w in words:
        assert w in text, text
    for link in result.get("chain", []):
        assert link["sources"], link  # every link cites its clause


def test_every_link_of_a_chain_cites_its_own_clause():
    result = ask("Director of Resources", "contract award", "--amount", "£200k")
    assert [link["sources"] for link in result["chain"]] == [
        ["constitution part 3 para 2"], ["constitution part 3 para 12"], ["constitution part 3 para 22"]]


def test_a_text_answer_names_the_first_failing_link():
    result = CliRunner().invoke(app, ["can", "chief-exec", "contract-award", SCHEME, "--amount", "£2.2m"])
    assert result.exit_code == 0
    assert "Answer: no" in result.stdout
    assert "£2.2m is above the £500,000 key decision threshold in constitution part 3 para 36: Cabinet decides." in result.stdout


@pytest.mark.parametrize("bad", ["lots", "£2.2.2m", "-5", "3 apples"])
def test_an_unreadable_amount_is_a_usage_error(bad):
    result = CliRunner().invoke(app, ["can", "chief-exec", "contract-award", SCHEME, "--amount", bad])
    assert result.exit_code == 2
    assert "not a sum of money" in result.stderr and "£2.2m" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text,value,currency", [
    ("3000000", Decimal(3000000), None), ("£3m", Decimal(3000000), "GBP"), ("£2.2m", Decimal(2200000), "GBP"),
    ("£500k", Decimal(500000), "GBP"), ("3,000,000", Decimal(3000000), None), ("1.5 million", Decimal(1500000), None),
    ("€250k", Decimal(250000), "EUR"), (2200000, Decimal(2200000), None)])
def test_amounts_are_read_as_people_write_them(text, value, currency):
    assert parse_amount(text) == (value, currency)


def test_amounts_are_printed_shortly_only_where_nothing_is_lost():
    assert format_amount(Decimal(2200000)) == "£2.2m"
    assert format_amount(Decimal(2250000)) == "£2,250,000"
    assert format_amount(Decimal(500000)) == "£500,000"
    with pytest.raises(AmountProblem):
        parse_amount(True)


def test_the_seed_arrangement_answers_as_before():
    result = CliRunner().invoke(app, ["can", "Health and Care Executive", "local authority financial decision", "--for", "CCC"])
    assert result.exit_code == 0
    assert "Answer: no" in result.stdout and "chain" not in result.stdout
    assert "No delegation" not in result.stdout


JOINT = """
decision-rights:
  - {id: joint-regulatory, kind: decision-right, label: The Chief Executive and the Deputy Leader jointly decide regulatory matters,
     holder: [chief-exec, deputy-leader], matter: [regulatory-function], for: [council], source: constitution part 3 para 49}
delegations:
  - {id: ce-to-head, label: Chief Executive's delegation of planning applications to the Head of Procurement, from: chief-exec,
     to: head-procurement, matter: [planning], under: joint-regulatory, source: constitution part 3 para 50}
  - {id: deputy-to-director, label: Deputy Leader's delegation of planning applications to the Director of Resources,
     from: deputy-leader, to: director-resources, matter: [planning], under: joint-regulatory, source: constitution part 3 para 51}
"""


@pytest.mark.parametrize("who,holder,link,clause", [
    ("head-procurement", "Chief Executive", "Chief Executive's delegation of planning applications to the Head of Procurement",
     "constitution part 3 para 50"),
    ("director-resources", "Deputy Leader of the Council",
     "Deputy Leader's delegation of planning applications to the Director of Resources", "constitution part 3 para 51")])
def test_a_right_held_jointly_starts_a_chain_from_each_holder(tmp_path: Path, who, holder, link, clause):
    """Each joint holder's own delegations of the right are followed, not only those of one holder."""
    scheme = tmp_path / "scheme"
    shutil.copytree(SCHEME, scheme)
    (scheme / "joint.yaml").write_text(JOINT, encoding="utf-8")
    result = CliRunner().invoke(app, ["can", who, "planning", str(scheme), "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    right = "The Chief Executive and the Deputy Leader jointly decide regulatory matters"
    assert answer["answer"] == "yes", json.dumps(answer, indent=1)
    assert [(c["link"], c["from"], c["status"], c["sources"]) for c in answer["chain"]] == [
        (right, None, "passes", ["constitution part 3 para 49"]), (link, holder, "passes", [clause])]
