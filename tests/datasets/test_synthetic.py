"""The synthetic generator: reproducible bytes, valid sources, exact planted mistakes, sizes."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from govgraph.checks.rules import Rule, builtin_rules
from govgraph.cli.app import app
from govgraph.datasets import synthetic
from govgraph.datasets.synthetic import (
    MANIFEST,
    PLANTED_RULES,
    Sizes,
    generate,
)
from govgraph.graph_builder import Built, load_arrangement
from govgraph.ontology.reasoner import run_hermit
from govgraph.queries.engine import evaluate
from rdflib import URIRef
from typer.testing import CliRunner

SMALL = 0.003


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    folder = write(tmp_path_factory.mktemp("synth"), generate(SMALL, 7))
    return folder, load_arrangement([folder])


def test_same_seed_gives_identical_bytes() -> None:
    assert generate(SMALL, 3) == generate(SMALL, 3)


def test_another_seed_gives_other_data() -> None:
    first, second = generate(SMALL, 3), generate(SMALL, 4)
    assert first.keys() == second.keys()
    assert first["people.yaml"] != second["people.yaml"]
    assert first[MANIFEST] != second[MANIFEST]


def test_sizes_follow_the_scale() -> None:
    assert vars(Sizes.of(1.0)) == {"counties": 330, "unitaries": 330, "districts": 330, "hwbs": 150,
                                   "icbs": 42, "trusts": 200, "councillors": 18000, "planted": 10}
    assert Sizes.of(0.5).councillors == 9000 and Sizes.of(0.5).icbs == 21
    assert Sizes.of(0.0001).icbs == 1  # never fewer than one of anything
    with pytest.raises(ValueError):
        Sizes.of(0)


def test_record_counts_match_the_sizes(small: tuple[Path, Built]) -> None:
    folder, built = small
    sizes = Sizes.of(SMALL)
    kinds = Counter(r.kind for r in built.arrangement.records.values() if r.section == "organisations")
    assert (kinds["county-council"], kinds["unitary-authority"], kinds["district-council"]) == (
        sizes.counties, sizes.unitaries, sizes.districts)
    assert (kinds["health-and-wellbeing-board"], kinds["board"], kinds["foundation-trust"]) == (
        sizes.hwbs, sizes.icbs, sizes.trusts)
    posts = Counter(r.kind for r in built.arrangement.records.values() if r.section == "posts")
    assert posts["councillor"] == sizes.councillors
    sections = Counter(r.section for r in built.arrangement.records.values())
    assert json.loads((folder / MANIFEST).read_text())["records"] == {s: sections[s] for s in synthetic.FILES}


def test_every_record_has_label_and_a_register_source(small: tuple[Path, Built]) -> None:
    for record in small[1].arrangement.records.values():
        assert record.label and record.sources[0].document == "synthetic-register"


def _findings(built: Built, rule: Rule) -> list[set[str]]:
    """The record ids each row of a rule names, as the check runs it (in the embedded store)."""
    table, base = evaluate(built.graph, rule.query), built.arrangement.base
    return [{str(v).removeprefix(base) for k, v in zip(table.columns, row) if k in rule.entities and isinstance(v, URIRef)}
            for row in table.rows]


def test_check_rules_find_exactly_the_planted_mistakes(small: tuple[Path, Built]) -> None:
    folder, built = small
    planted = json.loads((folder / MANIFEST).read_text())["planted"]
    assert set(planted) == set(PLANTED_RULES)
    for rule in builtin_rules():
        wanted = set(planted.get(rule.id, []))
        found = _findings(built, rule)
        assert [f for f in found if not f & wanted] == [], f"{rule.id}: findings not planted"
        assert {w for w in wanted if not any(w in f for f in found)} == set(), f"{rule.id}: planted, not found"
        if rule.id in PLANTED_RULES:
            assert len(wanted) == Sizes.of(SMALL).planted


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_the_synthetic_arrangement_is_consistent_with_the_ontology(small: tuple[Path, Built]) -> None:
    """None of the planted mistakes is a logical contradiction, and nothing else may be one either
    (a process of the Board's sign-off once made HermiT reject every synthetic arrangement)."""
    result = run_hermit(small[1].with_ontology())
    assert result.consistent and result.unsatisfiable == [], result.message


def test_planted_records_exist(small: tuple[Path, Built]) -> None:
    folder, built = small
    for ids in json.loads((folder / MANIFEST).read_text())["planted"].values():
        assert set(ids) <= set(built.arrangement.records)


def test_large_sections_are_split_into_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(synthetic.files, "CHUNK", 20)
    files = generate(SMALL, 7)
    assert "people-001.yaml" in files and "people.yaml" not in files
    chunked = load_arrangement([write(tmp_path, files)])
    assert json.loads(files[MANIFEST])["records"]["people"] == sum(
        r.section == "people" for r in chunked.arrangement.records.values())


def test_cli_writes_and_refuses_a_foreign_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "synth"
    result = runner.invoke(app, ["synth", "--scale", str(SMALL), "--seed", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / MANIFEST).is_file() and (out / "votes.yaml").is_file()
    (out / "stale.yaml").write_text("people: []\n")
    assert runner.invoke(app, ["synth", "--scale", str(SMALL), "--out", str(out), "-q"]).exit_code == 0
    assert not (out / "stale.yaml").exists()  # an earlier run's leftovers go
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.yaml").write_text("people: []\n")
    result = runner.invoke(app, ["synth", "--out", str(foreign)])
    assert result.exit_code == 2 and "not empty" in result.output
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.yaml"]
    assert runner.invoke(app, ["synth", "--scale", "0", "--out", str(tmp_path / "x")]).exit_code == 2


def test_cli_refuses_a_foreign_folder_before_generating(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """At scale 20 generating takes many minutes: a wrong --out must be refused first."""
    generated: list[float] = []
    monkeypatch.setattr(synthetic, "generate", lambda scale, seed: generated.append(scale) or {})  # as `synth` imports it
    (tmp_path / "notes.yaml").write_text("people: []\n")
    result = CliRunner().invoke(app, ["synth", "--scale", "20", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output and generated == []
    result = CliRunner().invoke(app, ["synth", "--scale", "20", "--out", str(tmp_path / "notes.yaml")])
    assert result.exit_code == 2 and "is a file" in result.output and generated == []

