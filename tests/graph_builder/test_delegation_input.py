"""Delegation, conditions, terms of reference, seats and substitutes: good input builds into the
terms the ontology defines; each kind of bad input stops the build with file, line, what is wrong
and a fix, exit 2, and nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

FIXTURE = Path(__file__).parents[1] / "queries" / "fixtures" / "delegation" / "scheme.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")

# (name, text to replace, replacement, words in the message, words in the fix, text on the reported line)
MISTAKES = [
    ("negative quorum", "    quorum-fraction: 1/3\n", "    quorum: -2\n", "quorum must be at least 1", "whole number of at least 1", "quorum: -2"),
    ("quorum of nought", "    quorum-fraction: 1/3\n", "    quorum: 0\n", "quorum must be at least 1", "at least 1", "quorum: 0"),
    ("quorum fraction above 1", "quorum-fraction: 1/3", "quorum-fraction: 4/3", "above 0 and at most 1", "1/3 or 0.5", "quorum-fraction: 4/3"),
    ("quorum given twice", "    quorum-fraction: 1/3\n", "    quorum-fraction: 1/3\n    quorum: 4\n", "both quorum and quorum-fraction", "keep one", "quorum-fraction: 1/3"),
    ("unknown currency", "    amount: 250k\n    currency: GBP", "    amount: 250k\n    currency: XYZ", "'XYZ' is not one of the values of currency", "GBP, EUR, USD", "currency: XYZ"),
    ("currency sign in the amount", "amount: 250k", "amount: £250k", "carries a currency sign", "in its own field", "amount: £250k"),
    ("unreadable amount", "amount: 250k", "amount: a quarter million", "not a sum of money", "£2.2m", "amount: a quarter million"),
    ("limit without a matter", "    matter: [procurement]\n    above-limit: [chief-exec]\n", "    above-limit: [chief-exec]\n",
     "lacks the required field 'matter' (every financial-limit needs one)", "add matter:", "- id: director-limit"),
    ("limit without a currency", "    amount: 500000\n    currency: GBP\n", "    amount: 500000\n",
     "lacks the required field 'currency'", "add currency:", "- id: key-decision"),
    ("inclusive not yes or no", 'inclusive: "yes"', "inclusive: maybe", "must be yes or no", "write yes or no", "inclusive: maybe"),
    ("delegation to itself", "    to: director-resources\n", "    to: chief-exec\n", "to names the same record as from ('chief-exec')",
     "point to at another record", None),
    ("ex-officio to a missing post", "ex-officio: cm-health", "ex-officio: cm-wealth", "'cm-wealth' does not match any record id",
     "did you mean cm-health", "ex-officio: cm-wealth"),
    ("ex-officio to itself", "ex-officio: cm-health", "ex-officio: hwb-chair", "ex-officio names the record itself", "another record",
     "ex-officio: hwb-chair"),
    ("seat count of nought", "count: 2", "count: 0", "count must be at least 1", "at least 1", "count: 0"),
    ("seat count not a number", "count: 2", "count: two", "count must be a whole number", "such as 3", "count: two"),
    ("exception lifting nothing", "    lifts: [key-decision]\n", "", "lacks the required field 'lifts'", "add lifts:", "- id: cabinet-approved-value"),
    ("sub-delegation under a missing delegation", "under: chief-exec-to-director", "under: ceo-to-director",
     "'ceo-to-director' does not match", "did you mean", "under: ceo-to-director"),
    ("substitute for itself", "    substitute: alex\n    for: north-on-hwb", "    substitute: alex\n    for: alex",
     "for names the same record as substitute", "another record", "for: alex"),
    ("web address not http", "url: https://www.example.gov.uk/constitution", "url: javascript:alert(1)", "must be a web address",
     "https://", "url: javascript:alert(1)"),
    ("web address with a space", "url: https://www.example.gov.uk/constitution", "url: https://www.example.gov.uk/a b",
     "must be a web address", "https://", "url: https://www.example.gov.uk/a b"),
]


def _line_of(text: str, needle: str | None, old: str) -> int:
    if needle is None:  # the line the replacement starts on
        return TEXT[: TEXT.index(old)].count("\n") + 1
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _build(tmp_path: Path, text: str):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "scheme.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    return CliRunner().invoke(app, ["build", str(folder), "--out", str(out)]), out


def test_the_fixture_builds_with_every_new_field(tmp_path):
    result, out = _build(tmp_path, TEXT)
    assert result.exit_code == 0, result.output
    graph = (out / "graph.nt").read_text(encoding="utf-8")
    for expected in (
        '<https://example.org/scheme/key-decision> <https://w3id.org/govgraph/ontology#amount> "500000"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '<https://example.org/scheme/key-decision> <https://w3id.org/govgraph/ontology#inclusive> "false"^^<http://www.w3.org/2001/XMLSchema#boolean>',
        '<https://example.org/scheme/director-limit> <https://w3id.org/govgraph/ontology#amount> "250000"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '<https://example.org/scheme/hwb-terms> <https://w3id.org/govgraph/ontology#quorumFraction> "0.3333"^^<http://www.w3.org/2001/XMLSchema#decimal>',
        '<https://example.org/scheme/district-seat> <https://w3id.org/govgraph/ontology#seatCount> "2"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '<https://example.org/scheme/constitution> <http://xmlns.com/foaf/0.1/page> <https://www.example.gov.uk/constitution>',
        '<https://example.org/scheme/chief-exec-to-director> <https://w3id.org/govgraph/ontology#maySubDelegate> <https://w3id.org/govgraph/ontology#forbidden>',
        '<https://example.org/scheme/hwb-chair> <https://w3id.org/govgraph/ontology#exOfficio> <https://example.org/scheme/cm-health>',
        '<https://example.org/scheme/sam-co-opted> <https://w3id.org/govgraph/ontology#coOpted> "true"^^<http://www.w3.org/2001/XMLSchema#boolean>',
    ):
        assert expected in graph, expected


@pytest.mark.parametrize("name,old,new,words,fix,line_text", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_bad_delegation_input_is_refused_with_place_and_fix(tmp_path, name, old, new, words, fix, line_text):
    assert TEXT.count(old) == 1, old
    text = TEXT.replace(old, new)
    result, out = _build(tmp_path, text)
    assert result.exit_code == 2, result.output
    assert words in result.stderr, result.stderr
    assert "fix: " in result.stderr and fix in result.stderr, result.stderr
    assert f"scheme.yaml:{_line_of(text, line_text, old)}:" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
