"""`govgraph query list|run`, `govgraph sparql`, `govgraph can`, `govgraph explain`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..common.console import log, write_text
from ..queries import DEFAULT_TIMEOUT
from .support import EndpointOpt, GraphOpt, SourcesArg, fail, open_workspace, parse_day, reported, require_one_of

if TYPE_CHECKING:
    from ..queries.library import Parameter

# What a command runs is imported inside it: building the command line (for --help, --version
# and every command) then imports nothing but typer, and each command only what it uses.

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json, csv or md (Markdown).")]
IrisOpt = Annotated[bool, typer.Option("--iris", help="Show IRIs instead of labels (table, csv, md).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="Stop the query after this many seconds (exit 3).")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Answer for this day (YYYY-MM-DD).",
                                                show_default=False)]

query_app = typer.Typer(name="query", help="The library of named questions: list them, run one.",
                        no_args_is_help=True, rich_markup_mode=None)



def _params(pairs: list[str]) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--param {pair!r} must be NAME=VALUE, e.g. --param body=hce")
        given[name.strip()] = value.strip()
    return given


def _need(p: Parameter) -> str:
    return "required" if p.required else f"default {p.default}" if p.default else "optional"


@query_app.command("list")
def query_list(fmt: FormatOpt = "table") -> None:
    """List the named questions: id, the question, its parameters.

    \b
    Examples:
      govgraph query list
      govgraph query list --format json
    """
    from .. import api

    require_one_of("--format", fmt, ("table", "json", "md"))
    questions = api.questions().values()
    if fmt == "json":
        typer.echo(json.dumps([{"id": q.id, "question": q.question,
                                "parameters": [vars(p) for p in q.parameters], "columns": q.columns,
                                "as_of": bool(q.as_of)} for q in questions], indent=2))
        return
    for q in questions:
        params = ", ".join(f"{p.name} ({p.type}, {_need(p)})" for p in q.parameters) or "none"
        as_of = "; answers --as-of" if q.as_of else ""
        if fmt == "md":
            typer.echo(f"- **{q.id}**: {q.question} Parameters: {params}{as_of}.")
        else:
            typer.echo(f"{q.id}\n    {q.question}\n    parameters: {params}{as_of}")


@query_app.command("run")
def query_run(
    question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id from `govgraph query list`.")],
    sources: SourcesArg = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE; repeat for more.",
                                                       show_default=False)] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    iris: IrisOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Run a named question; parameters are names (id, label or alias), bound as RDF terms.

    \b
    Examples:
      govgraph query run members-of-body --param body="Health and Care Executive"
      govgraph query run signing-authorities --as-of 2017-01-19 --format md
      govgraph query run who-decides --endpoint http://127.0.0.1:7878/query
    """
    from .. import api

    require_one_of("--format", fmt, api.TABLE_FORMATS)
    day = parse_day(as_of)
    with reported():
        question = api.question(question_id)
    arrangement = open_workspace(sources, endpoint, graph)
    given = _params(param or [])
    with reported():
        rows = arrangement.ask(question_id, as_of=day, timeout=timeout, params=given)
    if day is not None and not question.as_of:
        log(f"note: '{question_id}' has no dated records to check; --as-of changes nothing")
    with reported():
        write_text(rows.render(fmt, iris))


def sparql(
    query: Annotated[str, typer.Argument(metavar="QUERY_OR_FILE", help="SPARQL text, a .rq file, or - for stdin.")],
    sources: SourcesArg = None,
    fmt: FormatOpt = "table",
    iris: IrisOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Run your own read-only SPARQL on the graph (data plus ontology), offline.

    Prefixes gg, org, prov, time, dcterms, skos, rdfs, xsd, owl and data (the arrangement's base)
    are declared for you. SERVICE, LOAD, FROM, FROM NAMED and updates are refused before running.

    \b
    Examples:
      govgraph sparql 'SELECT ?body WHERE { ?body a/rdfs:subClassOf* gg:Board }'
      govgraph sparql my-question.rq --format csv > answer.csv
    """
    from .. import api

    require_one_of("--format", fmt, api.TABLE_FORMATS)
    if query == "-":
        text = typer.get_text_stream("stdin").read()
    elif query.endswith(".rq") or (len(query) < 300 and "{" not in query and Path(query).is_file()):
        text = Path(query).read_text(encoding="utf-8")
    else:
        text = query
    arrangement = open_workspace(sources, endpoint, graph)
    with reported():
        write_text(arrangement.sparql(text, timeout=timeout).render(fmt, iris))


def can(
    who: Annotated[str, typer.Argument(help="An organisation, board, post or person (id, label or alias).")],
    matter: Annotated[str, typer.Argument(help="A kind of matter (decide) or a document (sign).")],
    sources: SourcesArg = None,
    for_org: Annotated[Optional[str], typer.Option("--for", help="The organisation the decision or signature would bind.",
                                                   show_default=False)] = None,
    as_of: AsOfOpt = None,
    amount: Annotated[Optional[str], typer.Option("--amount", help="The sum at stake: 3000000, £3m, £2.2m, £500k.",
                                                  show_default=False)] = None,
    approved_by: Annotated[Optional[str], typer.Option("--approved-by", help="A body that approved the matter first "
                                                       "(lifts a limit where the scheme says so).", show_default=False)] = None,
    urgent: Annotated[bool, typer.Option("--urgent", help="The matter is urgent (urgency powers apply).")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or md.")] = "text",
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Can WHO decide MATTER (or sign a document) for an organisation? Yes, no, or only through a body or process.

    The answer comes with the chain of reasons, each with the clause it rests on. Where the
    arrangement has a scheme of delegation, the chain runs from whoever holds the power down to
    WHO, each link tested against its dates, take-backs, limits, exceptions and urgency; a "no"
    names the first link that fails, why, and who decides instead.

    \b
    Examples:
      govgraph can "Health and Care Executive" "local authority financial decision" --for "Cambridgeshire County Council"
      govgraph can "Chair of the HWB Board" "LA Appendix" --for "South Cambridgeshire District Council" --as-of 2017-01-19
      govgraph can "Head of Procurement" "contract award" tests/queries/fixtures/delegation --amount £180k
    """
    from ..graph_builder.amounts import HINT as AMOUNT_HINT
    from ..graph_builder.amounts import AmountProblem, parse_amount
    from ..queries import can as can_rules

    require_one_of("--format", fmt, ("text", "json", "md"))
    day = parse_day(as_of)
    if amount is not None:
        try:
            parse_amount(amount)
        except AmountProblem as exc:
            fail(f"--amount: {exc}\n    fix: {AMOUNT_HINT}")
    arrangement = open_workspace(sources, endpoint, graph)
    with reported():
        verdict = arrangement.can(who, matter, for_=for_org, as_of=day, amount=amount, approved_by=approved_by,
                                  urgent=urgent)
    write_text(can_rules.render(verdict, fmt))


def explain(
    name: Annotated[str, typer.Argument(help="An organisation, board, post or person (id, label or alias).")],
    sources: SourcesArg = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or md.")] = "text",
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
) -> None:
    """A plain-English profile: what it is, where it sits and with what vote, what it may decide and sign, who acts for it, what binds it.

    Every line ends with the clause it rests on.

    \b
    Examples:
      govgraph explain "Health and Care Executive"
      govgraph explain ccc --format md > ccc.md
    """
    from ..queries import explain as explainer

    require_one_of("--format", fmt, ("text", "json", "md"))
    day = parse_day(as_of)
    arrangement = open_workspace(sources, endpoint, graph)
    with reported():
        profile = arrangement.explain(name, as_of=day)
    write_text(explainer.render(profile, fmt))


def register(app: typer.Typer) -> None:
    app.add_typer(query_app)
    app.command()(sparql)
    app.command()(can)
    app.command()(explain)
