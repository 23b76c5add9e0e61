"""`query run`, `explain`, `can` and `map` agree on who holds which post on a day.

In the fixture `dated.yaml` three people each hold one post: the tenure "inside" covers 15 June
2020, the tenure "outside" ended before it, the tenure "vague" starts some time in 2020. Each post
holds a standing, undated authority to sign the Finance Act for its council, so `can` tells
whether the person acts in the post that day.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from govgraph.cli.app import app
from typer.testing import CliRunner

FIXTURE = str(Path(__file__).parent / "fixtures" / "dated.yaml")
DAY = "2020-06-15"
# person -> (post, council) and the verdict every command must give on DAY
HOLDERS = {"holder-inside": ("post-1", "council-1", "yes"),
           "holder-outside": ("post-2", "council-2", "no"),
           "holder-vague": ("post-3", "council-3", "not known")}


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, FIXTURE], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _query() -> dict[str, str]:
    rows = json.loads(_run("query", "run", "where-post-sits", "--as-of", DAY, "--format", "json", "--iris"))
    found = {}
    for b in rows["results"]["bindings"]:
        if "held_by" in b and b["held_by"]["value"]:
            person = b["held_by"]["value"].rsplit("/", 1)[-1]
            found[person] = "yes" if b["as_of"]["value"] == "yes" else "not known"
    return {p: found.get(p, "no") for p in HOLDERS}


def _explain() -> dict[str, str]:
    out = {}
    for person in HOLDERS:
        lines = [ln["text"] for ln in json.loads(_run("explain", person, "--as-of", DAY, "--format", "json"))
                 ["sections"]["Where it sits"] if ln["text"].startswith("Holds the post")]
        assert len(lines) == 1, lines
        out[person] = ("no" if "(not on that date)" in lines[0]
                       else "not known" if "(not known on that date)" in lines[0] else "yes")
    return out


def _can() -> dict[str, str]:
    out = {}
    for person, (_, council, _) in HOLDERS.items():
        answer = json.loads(_run("can", person, "act", "--for", council, "--as-of", DAY, "--format", "json"))["answer"]
        out[person] = {"yes": "yes", "not known on that date": "not known"}.get(answer, "no")
    return out


def _map(tmp_path: Path) -> dict[str, str]:
    page = tmp_path / "m.html"
    _run("map", "--as-of", DAY, "--out", str(page))
    # each link of the page data is one JSON object with sorted keys: ..."inForce", "kind", ... "via"
    links = re.findall(r'"inForce":"(\w*)","kind":"holds"[^{}]*?"via":"tenure (\w+)"', page.read_text(encoding="utf-8"))
    shown = {f"holder-{which}": "not known" if flag == "unknown" else "yes" for flag, which in links}
    return {p: shown.get(p, "no") for p in HOLDERS}


def test_everyone_agrees_who_holds_what_on_a_day(tmp_path):
    expected = {p: v for p, (_, _, v) in HOLDERS.items()}
    assert _query() == expected
    assert _explain() == expected
    assert _can() == expected
    assert _map(tmp_path) == expected
