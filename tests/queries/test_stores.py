"""The same answers on every store: the embedded store against plain rdflib (its in-memory graph),
a real Oxigraph server and a real Virtuoso 7, each holding the built-in arrangement, a 12k-triple
synthetic one (with planted mistakes) and the plan of November 2016 (the seed paper's errors).

Generic over the library and the rules: every question file in queries/library/ and every rule
in checks/rules/ is a test case of its own, so a new text is compared as soon as it exists. For
each question: its defaults; each name parameter set to (up to) two records that give an answer;
and --as-of, where the question answers it. Rows are compared as multisets (ties that ORDER BY
leaves may come in any order); lists inside a cell are already normalised by the runner.

Virtuoso is pushed through its `-auth` Graph Store endpoint with a login (the logins test).
"""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from govgraph.checks.catalogue import catalogue
from govgraph.checks.labels import Describer
from govgraph.checks.rules import run_rules
from govgraph.cli.app import app
from govgraph.datasets.synthetic import generate
from govgraph.graph_builder import Built, load_arrangement
from govgraph.graph_builder.store import bind_prefixes
from govgraph.ontology import source_path
from govgraph.queries.can import can
from govgraph.queries.engine import Table
from govgraph.queries.explain import explain
from govgraph.queries.library import Question, load_library
from govgraph.queries.questions import ParameterError, Workspace, ask
from govgraph.sharing.http_client import PASSWORD_ENV, TOKEN_ENV, USER_ENV
from govgraph.sharing.push import body
from govgraph.sharing.push import push as put
from govgraph.sharing.remote import remote_workspace
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from ..checks.conftest import MINI, planted
from ..checks.test_rules import VIOLATIONS
from . import sharing_support as support
from .sharing_support import only_loopback  # noqa: F401 - an autouse fixture
from .test_can import CASES as CAN_CASES

pytestmark = pytest.mark.slow
PLAN = Path(__file__).parents[2] / "datasets" / "cp_stp_mou_nov2016_plan"
GRAPHS = {"builtin": "https://example.org/graphs/builtin", "small": "https://example.org/graphs/synthetic-12k",
          "plan": "https://example.org/graphs/plan-nov-2016"}
AS_OF = {"builtin": dt.date(2017, 1, 19), "small": dt.date(2022, 6, 1), "plan": dt.date(2017, 1, 19)}
STORES = ("rdflib", "oxigraph", "virtuoso")
CANDIDATES = 15  # records tried per parameter, looking for two that give an answer


class MemoryWorkspace(Workspace):
    """The arrangement in plain rdflib: its in-memory Graph, which runs the texts with rdflib's own engine."""

    def __init__(self, built: Built):
        super().__init__(built)
        memory = Graph(bind_namespaces="none")
        memory.parse(data=built.ntriples.decode("utf-8"), format="nt")
        memory.parse(source_path(), format="turtle")
        self._memory = bind_prefixes(memory, built.arrangement.base)

    @property
    def graph(self) -> Graph:
        return self._memory


@pytest.fixture(scope="module")
def built(tmp_path_factory, builtin) -> dict[str, Built]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("synth-12k")
    for name, data in generate(0.005, 1).items():
        (folder / name).write_bytes(data)
    return {"builtin": builtin, "small": load_arrangement([folder]), "plan": load_arrangement([PLAN])}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[support.Virtuoso]:  # type: ignore[no-untyped-def]
    missing = support.virtuoso_missing()
    if missing:
        pytest.skip(missing)
    with support.virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with support.oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


def _everywhere(built: dict[str, Built], graphs: dict[str, str], oxigraph: str,
                virtuoso: support.Virtuoso) -> dict[str, dict[str, Workspace]]:
    """Push each arrangement to both servers; workspaces per store and arrangement (the embedded
    store is "local")."""
    login = {USER_ENV: virtuoso.user, PASSWORD_ENV: virtuoso.password}
    for which, one in built.items():
        _push(f"{oxigraph}/store", one, graphs[which])
        _push(f"{virtuoso.url}/sparql-graph-crud-auth", one, graphs[which], login)
    return {"local": {w: Workspace(b) for w, b in built.items()},
            "rdflib": {w: MemoryWorkspace(b) for w, b in built.items()},
            "oxigraph": {w: remote_workspace(f"{oxigraph}/query", graphs[w]) for w in built},
            "virtuoso": {w: remote_workspace(f"{virtuoso.url}/sparql", graphs[w]) for w in built}}


@pytest.fixture(scope="module")
def stores(built, oxigraph, virtuoso) -> dict[str, dict[str, Workspace]]:  # type: ignore[no-untyped-def]
    return _everywhere(built, GRAPHS, oxigraph, virtuoso)


def _push(endpoint: str, one: Built, graph: str, env: dict[str, str] | None = None) -> None:
    """Through the API, with the login in the environment (the command's own path is tested below)."""
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        put(endpoint, graph, body(one))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def comparable(table: Table) -> tuple[object, ...]:
    return table.kind, table.columns, table.answer, Counter(table.rows)


def variants(ws: Workspace, question: Question, day: dt.date) -> list[tuple[dict[str, str], dt.date | None]]:
    """Defaults; each name parameter set to up to two records that give an answer (taken from the
    default answer, its same-named column first, then from the arrangement's records); --as-of."""
    runs: list[tuple[dict[str, str], dt.date | None]] = [({}, None)]
    try:
        table = ask(ws, question, {}, None, None)
    except ParameterError:
        runs, table = [], Table("select", [])
    for param in question.parameters:
        if param.type != "name":
            continue
        same = [r[table.columns.index(param.name)] for r in table.rows] if param.name in table.columns else []
        seen = [*same, *(cell for row in table.rows for cell in row)]
        records = [URIRef(ws.base + rid) for rid in sorted(ws.built.arrangement.records)]
        candidates = [str(c)[len(ws.base):] for c in dict.fromkeys([*seen, *records])
                      if isinstance(c, URIRef) and str(c).startswith(ws.base) and "/" not in str(c)[len(ws.base):]]
        chosen, answerable = [], []
        for name in candidates[:CANDIDATES * 4]:
            try:
                if ask(ws, question, {param.name: name}, None, None).rows:
                    chosen.append(name)
                answerable.append(name)
            except ParameterError:
                continue
            if len(chosen) == 2:
                break
        # A question this arrangement has no answer to is still asked once (the same empty answer).
        runs += [({param.name: name}, None) for name in chosen or answerable[:1]]
    if question.as_of and runs:
        runs.append((runs[0][0], day))
    return runs


@pytest.mark.parametrize("question_id", sorted(load_library()))
def test_every_named_question_answers_alike_on_every_store(question_id, stores):
    question = load_library()[question_id]
    compared, differ = 0, []
    for which in ("builtin", "small"):
        local = stores["local"][which]
        for given, day in variants(local, question, AS_OF[which]):
            expected = comparable(ask(local, question, given, day, None))
            for store in STORES:
                try:
                    answer = comparable(ask(stores[store][which], question, given, day, None))
                except Exception as exc:  # noqa: BLE001 - an engine's error is a difference too
                    answer = (type(exc).__name__, str(exc)[:300])
                if answer != expected:
                    differ.append((store, which, given, day, answer if isinstance(answer[0], str) and
                                   answer[0].endswith(("Error", "Refused")) else "different rows"))
            compared += 1
    print(f"\n{question_id}: {compared} cases x {len(STORES)} stores, {len(differ)} different")
    assert differ == []
    assert compared >= 2  # two arrangements, at least one case each


@pytest.mark.parametrize("case", sorted(CAN_CASES))
def test_can_answers_alike_on_every_store(case, stores):
    (who, matter, org, day), answer, _through, _reasons = CAN_CASES[case]
    day = dt.date.fromisoformat(day) if day else None
    expected = can(stores["local"]["builtin"], who, matter, org, day)
    assert expected.answer == answer
    for store in STORES:
        assert can(stores[store]["builtin"], who, matter, org, day) == expected, store


def test_explain_says_the_same_on_every_store(stores, built):
    """Every organisation, body and post of the built-in arrangement (what people explain; each
    section of a profile is used), today and on 19 January 2017: the same lines, in the same
    order, lists within a line included."""
    records = sorted(r.id for r in built["builtin"].arrangement.records.values()
                     if r.section in ("organisations", "posts"))
    assert len(records) > 20
    for day in (None, AS_OF["builtin"]):
        for record in records:
            expected = explain(stores["local"]["builtin"], record, day)
            for store in STORES:
                assert explain(stores[store]["builtin"], record, day) == expected, (store, record, day)




def rule_findings(ws: Workspace, rule_id: str) -> list[tuple[object, ...]]:
    found = run_rules(ws.graph, Describer(ws.graph, None), lambda rule: rule == rule_id)
    return sorted((f.rule, f.severity, f.message, f.entities, f.sources, f.fix) for f in found)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("rule_id", sorted(r.id for r in catalogue() if r.layer == "rules"))
def test_every_rule_finds_the_same_on_every_store(rule_id, store, stores):
    for which in ("builtin", "small", "plan"):
        assert rule_findings(stores[store][which], rule_id) == rule_findings(stores["local"][which], rule_id), which


# The mini arrangement of tests/checks, clean and with each planted violation of
# tests/checks/test_rules.py: small cases that tell a rule's every condition apart (dates before
# and after, excluded parties, versions, groups, phases), which the arrangements above may not.
PLANTED = {"mini": ("", [], "")} | {f"{rule}-{i}": (rule, edits, extra)
                                    for rule, cases in VIOLATIONS.items() for i, (edits, extra, _) in enumerate(cases)}


@pytest.fixture(scope="module")
def planted_stores(tmp_path_factory, oxigraph, virtuoso) -> dict[str, dict[str, Workspace]]:  # type: ignore[no-untyped-def]
    built = {name: load_arrangement([planted(tmp_path_factory.mktemp(name), MINI, edits=edits, extra=extra)])
             for name, (_rule, edits, extra) in PLANTED.items()}
    return _everywhere(built, {name: f"https://example.org/graphs/planted/{name}" for name in PLANTED},
                       oxigraph, virtuoso)


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_planted_violations_are_found_alike_on_every_store(case, planted_stores):
    """Each planted case's rule (every rule on the clean mini arrangement) finds the same on every store."""
    rule = PLANTED[case][0]
    rules = [rule] if rule else sorted(r.id for r in catalogue() if r.layer == "rules")
    differ = []
    for rule_id in rules:
        expected = rule_findings(planted_stores["local"][case], rule_id)
        assert bool(expected) == bool(rule), rule_id  # found where planted, quiet on the clean one
        differ += [(rule_id, store) for store in STORES if store != "local"
                   and rule_findings(planted_stores[store][case], rule_id) != expected]
    assert differ == []


# Logins, against Virtuoso's -auth endpoints (HTTP Digest): the password is never printed.

def test_push_and_ask_with_a_login_from_the_url_the_environment_or_netrc(virtuoso, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # an empty home: no ~/.netrc of the machine's
    for name in (USER_ENV, PASSWORD_ENV, TOKEN_ENV):
        monkeypatch.delenv(name, raising=False)
    host = virtuoso.url.removeprefix("http://")
    graph = ["--graph", "https://example.org/graphs/logins"]
    crud, query = f"{virtuoso.url}/sparql-graph-crud-auth", f"{virtuoso.url}/sparql-auth"
    runs = {
        "url": (["push", "--endpoint", f"http://{virtuoso.user}:{virtuoso.password}@{host}/sparql-graph-crud-auth", *graph], {}),
        "environment": (["push", "--endpoint", crud, *graph],
                        {USER_ENV: virtuoso.user, PASSWORD_ENV: virtuoso.password}),
    }
    for how, (args, env) in runs.items():
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 0, (how, result.stderr)
        assert "pushed 3," in result.stderr and virtuoso.password not in result.stderr + result.stdout
    (tmp_path / ".netrc").write_text(f"machine 127.0.0.1 login {virtuoso.user} password {virtuoso.password}\n")
    (tmp_path / ".netrc").chmod(0o600)
    here = CliRunner().invoke(app, ["query", "run", "who-decides", "--format", "csv"])
    there = CliRunner().invoke(app, ["query", "run", "who-decides", "--format", "csv", "--endpoint", query, *graph])
    assert there.exit_code == 0, there.stderr
    assert sorted(there.stdout.splitlines()) == sorted(here.stdout.splitlines())


def test_a_missing_or_wrong_login_is_refused_with_advice_and_never_printed(virtuoso, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in (USER_ENV, PASSWORD_ENV, TOKEN_ENV):
        monkeypatch.delenv(name, raising=False)
    crud = f"{virtuoso.url}/sparql-graph-crud-auth"
    none = CliRunner().invoke(app, ["push", "--endpoint", crud, "--graph", "urn:x:g"])
    assert none.exit_code == 1 and "HTTP 401" in none.stderr and USER_ENV in none.stderr
    wrong = "not-the-password-" + virtuoso.password[:4]
    bad = CliRunner().invoke(app, ["push", "--endpoint", crud.replace("http://", f"http://{virtuoso.user}:{wrong}@"),
                                   "--graph", "urn:x:g"])
    assert bad.exit_code == 1 and "HTTP 401" in bad.stderr and wrong not in bad.stderr
    default = CliRunner().invoke(app, ["push", "--endpoint", f"{virtuoso.url}/sparql-graph-crud"])
    assert default.exit_code == 1 and "--graph IRI" in default.stderr  # Virtuoso's store has no default graph
