"""The public Python API: govgraph.load() and Arrangement give what the commands print, and raise
library exceptions (never a typer exit) for bad input."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import govgraph
import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

from .queries import sharing_support as support
from .queries.sharing_support import only_loopback  # noqa: F401 - an autouse fixture

PLAN = Path(__file__).parents[1] / "datasets" / "cp_stp_mou_nov2016_plan"
MINI = Path(__file__).parent / "queries" / "fixtures" / "mini.yaml"


@pytest.fixture(scope="module")
def cp() -> govgraph.Arrangement:
    return govgraph.load()


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def test_the_root_package_is_the_api() -> None:
    assert govgraph.__version__ and govgraph.__version__ != "0+unknown"
    assert set(govgraph.__all__) <= set(dir(govgraph))
    assert set(govgraph.api.__all__) <= set(govgraph.__all__)  # the root re-exports the whole API
    for name in ("load", "connect", "Arrangement", "Rows", "GovgraphError"):
        assert name in govgraph.__all__
    # The folders stay reachable as modules: no API name hides a subpackage.
    import importlib
    for folder in ("common", "ontology", "datasets", "graph_builder", "queries", "checks", "visuals", "sharing", "cli"):
        assert getattr(govgraph, folder) is importlib.import_module(f"govgraph.{folder}")


def test_load_gives_the_graph_the_store_and_the_network(cp: govgraph.Arrangement) -> None:
    assert cp.triples == 2372  # 2,377 before issue 13 item 6 removed unsupported facts and item 5 added modality
    assert len(cp.graph) > cp.triples  # data plus ontology
    assert len(cp.store) == len(cp.graph)
    assert cp.network.nodes[str(cp.resolve("hce"))]["label"] == "Health and Care Executive"
    assert cp.resolve("Health and Care Executive") == cp.resolve("HCE")


def test_ask_gives_the_rows_the_command_prints(cp: govgraph.Arrangement) -> None:
    rows = cp.ask("members-of-body", body="HCE")
    assert rows.columns == ["membership", "member", "voting", "represents", "sources"]
    assert len(rows) == 2 and str(rows[0]["member"]).startswith(cp.base)
    assert rows.render() == cli("query", "run", "members-of-body", "-p", "body=HCE")
    assert rows.render("csv", iris=True) == cli("query", "run", "members-of-body", "-p", "body=HCE",
                                                "--format", "csv", "--iris")
    labels = rows.labels()
    assert {r["voting"] for r in labels} == {"non-voting"}
    assert cp.ask("members-of-body", params={"body": "hce"}).table == rows.table


def test_to_pandas_gives_labels_in_columns(cp: govgraph.Arrangement) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is optional; the test extra installs it")
    frame = cp.ask("members-of-body", body="HCE").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["membership", "member", "voting", "represents", "sources"]
    assert "CCC senior officer representative on the Health and Care Executive" in set(frame["member"])


def test_as_of_is_the_default_day_and_a_call_may_name_another(cp: govgraph.Arrangement) -> None:
    jan = govgraph.load(as_of="2017-01-19")
    assert jan.as_of == dt.date(2017, 1, 19)
    dated = jan.ask("signing-authorities")
    assert dated.columns[-1] == "as_of"
    assert dated.table == cp.ask("signing-authorities", as_of=dt.date(2017, 1, 19)).table
    assert dated.render("md") == cli("query", "run", "signing-authorities", "--as-of", "2017-01-19", "--format", "md")
    assert cp.on("2017-01-19").as_of == jan.as_of and cp.as_of is None


def test_can_and_explain_match_the_commands(cp: govgraph.Arrangement) -> None:
    from govgraph.queries import can, explain
    verdict = cp.can("Health and Care Executive", "local authority financial decision", for_="CCC")
    assert verdict.answer == "no" and verdict.reasons
    assert can.render(verdict) == cli("can", "Health and Care Executive", "local authority financial decision",
                                      "--for", "CCC")
    profile = cp.explain("ccc", as_of="2017-01-19")
    # Lines within a section come in the store's order, which may differ from run to run.
    def lines(text: str) -> dict[str, list[str]]:
        return {title: sorted(json.dumps(line, sort_keys=True) for line in section)
                for title, section in json.loads(text)["sections"].items()}
    assert lines(explain.render(profile, "json")) == lines(cli("explain", "ccc", "--as-of", "2017-01-19", "--format", "json"))


def test_check_returns_the_findings_of_the_command() -> None:
    plan = govgraph.load(PLAN)
    report = plan.check(reason=False)
    errors = [f for f in report.findings if f.severity == "error"]
    assert len(errors) == 5 and {f.rule for f in errors} == {"signature-without-democratic-approval"}
    printed = json.loads(cli("check", str(PLAN), "--no-reason", "--format", "json"))
    assert [f.as_dict() for f in report.findings] == printed["findings"]
    assert plan.check(rules=["signature-without-democratic-approval"], reason=False).findings == errors


def test_check_of_unreadable_sources_gives_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  - id: Not An Id\n", encoding="utf-8")
    report = govgraph.check(bad)
    assert report.findings and {f.rule for f in report.findings} == {"source-invalid"}


def test_map_and_export_write_files(cp: govgraph.Arrangement, tmp_path: Path) -> None:
    view = cp.map(tmp_path / "hce.html", board="Health and Care Executive")
    assert view.title == "Health and Care Executive: members and voting rights"
    assert "<html" in (tmp_path / "hce.html").read_text(encoding="utf-8").lower()
    assert cp.export(tmp_path / "g.nt").read_bytes() == cp.built.ntriples
    assert cp.export(tmp_path / "g.txt", "graphml").read_bytes() == cli("export", "--format", "graphml").encode()
    written = cp.write(tmp_path / "out")
    assert [p.name for p in written] == ["graph.jsonld", "graph.nt", "graph.ttl", "ontology.owl", "ontology.ttl"]
    assert govgraph.serialize_ontology("ttl") == cli("ontology").encode()


@pytest.mark.parametrize(("call", "error"), [
    (lambda cp: cp.ask("no-such-question"), govgraph.UnknownQuestion),
    (lambda cp: cp.ask("members-of-body", colour="red"), govgraph.ParameterError),
    (lambda cp: cp.can("Nobody at all", "housing"), govgraph.UnknownName),
    (lambda cp: cp.can("HCE", "housing", amount="a lot"), govgraph.BadOption),
    (lambda cp: cp.explain("ccc", as_of="19/01/2017"), govgraph.BadOption),
    (lambda cp: cp.sparql("DELETE WHERE { ?s ?p ?o }"), govgraph.Refused),
    (lambda cp: cp.sparql("SELECT WHERE {"), govgraph.BadQuery),
    (lambda cp: cp.map("x.html", focus="hce", board="hce"), govgraph.ViewError),
    (lambda cp: cp.export("graph.pdf"), govgraph.BadOption),
    (lambda cp: cp.serialize("pdf"), govgraph.BadOption),
    (lambda cp: cp.check(rules="no-such-rule"), govgraph.GovgraphError),
])
def test_bad_input_raises_a_library_exception(cp: govgraph.Arrangement, call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as raised:
        call(cp)
    assert isinstance(raised.value, govgraph.GovgraphError) and str(raised.value)


def test_unreadable_sources_raise_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  - id: Not An Id\n", encoding="utf-8")
    with pytest.raises(govgraph.SourceError) as raised:
        govgraph.load(bad)
    assert raised.value.problems and all(p.file is not None for p in raised.value.problems)


def test_load_takes_a_path_a_string_or_a_list() -> None:
    assert govgraph.load(MINI).triples == govgraph.load(str(MINI)).triples == govgraph.load([MINI]).triples


def test_questions_lists_the_library() -> None:
    listed = govgraph.questions()
    assert "members-of-body" in listed and listed["members-of-body"].parameters


def test_push_to_nothing_raises_and_says_nothing_was_loaded(cp: govgraph.Arrangement) -> None:
    import socket

    from govgraph.sharing import http_client
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(http_client.Unreachable) as raised:
        cp.push(f"http://127.0.0.1:{port}/store", timeout=5)
    assert isinstance(raised.value, govgraph.GovgraphError) and "cannot reach the server" in str(raised.value)
    with pytest.raises(http_client.BadEndpoint):
        cp.push("ftp://example.org/store")


def test_connect_answers_from_a_sparql_server_as_load_does(cp: govgraph.Arrangement) -> None:
    with support.running(cp.built) as server:
        served = govgraph.connect(f"{server.url}/sparql")
        assert served.base == cp.base and not served.local
        assert served.ask("members-of-body", body="HCE").render() == cp.ask("members-of-body", body="HCE").render()
        assert served.can("hce", "local authority financial decision", for_="ccc").answer == "no"
        report = served.check(rules="rules")
        assert [f.rule for f in report.findings] == [f.rule for f in cp.check(rules="rules").findings]
        with pytest.raises(govgraph.NotLocal):
            served.store  # noqa: B018 - the property is what is tested
        with pytest.raises(govgraph.NotLocal):
            served.map("x.html")


def test_server_serves_what_govgraph_serve_serves(cp: govgraph.Arrangement) -> None:
    import threading
    from urllib.parse import quote
    from urllib.request import Request, urlopen

    server = cp.server(port=0, timeout=10)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        ask = Request(f"{server.url}/sparql?query={quote('ASK { data:hce a/rdfs:subClassOf* gg:Board }')}",
                      headers={"Accept": "application/sparql-results+json"})
        with urlopen(ask, timeout=30) as answer:  # noqa: S310 - loopback, the server made here
            assert json.loads(answer.read())["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
