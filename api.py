"""The public Python API: ``govgraph.load()`` and the ``Arrangement`` it returns.

One obvious entry point for notebooks, scripts and the command line alike (every ``govgraph``
command is a thin call of what is here)::

    import govgraph

    cp = govgraph.load()                                   # the built-in arrangement
    cp.ask("members-of-body", body="HCE").to_pandas()      # a named question, as a DataFrame
    print(cp.can("Health and Care Executive", "local authority financial decision", for_="CCC").answer)
    report = cp.check(rules="rules")                       # findings, each with its fix
    cp.map("hce.html", board="Health and Care Executive")  # the offline map of one board

Bad input raises a ``GovgraphError`` whose message says what is wrong and how to fix it: an
unreadable source (``SourceError``, with every problem and its file and line), an unknown name
(``UnknownName``, with the closest ones), an unknown question or parameter, a refused query.
The walk-through is docs/python.md.
"""
from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from .authoring import DEFAULT_BODY
from .authoring.spreadsheet import FORMATS as SPREADSHEET_FORMATS
from .common.errors import GovgraphError
from .common.files import OutputInUse, write_atomically, write_folder
from .common.progress import SILENT, Reporter
from .graph_builder import Built, SourceError, load_arrangement
from .graph_builder.amounts import HINT as AMOUNT_HINT
from .graph_builder.amounts import AmountProblem
from .graph_builder.dates import no_such_day
from .graph_builder.names import UnknownName
from .graph_builder.writer import SUFFIXES
from .ontology import source_path
from .queries import DEFAULT_TIMEOUT
from .queries import can as can_rules
from .queries import explain as explainer
from .queries.can import Verdict
from .queries.engine import QueryFailed, QueryTimeout, Table
from .queries.explain import Profile
from .queries.library import Question, closest_ids, load_library
from .queries.questions import ParameterError, Workspace, ask, ask_sparql
from .queries.render import FORMATS as TABLE_FORMATS
from .queries.render import label, render
from .queries.safety import BadQuery, Refused
from .sharing import DEFAULT_WORKERS, PUSH_TIMEOUT, http_client, remote
from .visuals import FOCUS_DEPTH

# What only some commands need (networkx, the checks, the map's templates, spreadsheets, the
# server) is imported where it is used, and the names this module offers from there are imported
# when first asked for (``__getattr__`` below): a question asked of the stored graph loads none of it.
if TYPE_CHECKING:
    import networkx as nx
    import pandas

    from .authoring import diff as diffs
    from .authoring.members import TableError
    from .authoring.merge import ImportPlan, NoArrangement
    from .authoring.revisions import RevisionError
    from .authoring.spreadsheet import SpreadsheetUnreadable
    from .authoring.starter import NotEmpty
    from .checks.catalogue import Selection
    from .checks.findings import Finding, Report
    from .sharing import push as pusher
    from .sharing.serve import GovgraphServer
    from .visuals import View, ViewError
    from .visuals.induction import Induction

    Diff = diffs.Diff

_LATER = {
    "TableError": "authoring.members", "ImportPlan": "authoring.merge", "NoArrangement": "authoring.merge",
    "RevisionError": "authoring.revisions", "SpreadsheetUnreadable": "authoring.spreadsheet",
    "NotEmpty": "authoring.starter", "Finding": "checks.findings", "Report": "checks.findings",
    "View": "visuals.views", "ViewError": "visuals.views", "Diff": "authoring.diff",
}


def __getattr__(name: str) -> Any:
    """A name this module offers from a module only some commands need, imported when first asked for."""
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__package__}.{_LATER[name]}"), name)
    globals()[name] = value
    return value


PathLike = str | os.PathLike[str]
Paths = PathLike | Iterable[PathLike] | None
Day = dt.date | str | None
EXPORT_FORMATS = (*SUFFIXES, *SPREADSHEET_FORMATS)  # ttl, jsonld, nt, xml (RDF/XML), owl, graphml; xlsx, csv
ONTOLOGY_FORMATS = ("ttl", "xml", "md")

__all__ = [
    "Arrangement", "Rows", "Question", "Verdict", "Profile", "Report", "Finding", "View",
    "load", "connect", "questions", "check", "serialize_ontology",
    "GovgraphError", "BadOption", "UnknownQuestion", "NotLocal", "SourceError", "UnknownName",
    "ParameterError", "Refused", "BadQuery", "QueryTimeout", "QueryFailed", "ViewError", "OutputInUse",
    "EXPORT_FORMATS", "ONTOLOGY_FORMATS", "TABLE_FORMATS",
    "source_schema", "init", "import_members", "DEFAULT_BODY", "diff", "diff_dates", "diff_revisions", "Diff", "ImportPlan",
    "NotEmpty", "NoArrangement", "SpreadsheetUnreadable", "TableError", "RevisionError",
]


BUILD_FILES = {"graph.ttl", "graph.jsonld", "graph.nt", "ontology.ttl", "ontology.owl"}


class BadOption(GovgraphError, ValueError):
    """A value that does not fit: a date not written YYYY-MM-DD, an unknown format."""


class UnknownQuestion(GovgraphError, LookupError):
    """No named question has this id (``govgraph.questions()`` lists them)."""


class NotLocal(GovgraphError, RuntimeError):
    """What was asked needs the whole graph in this process, and the arrangement is on a SPARQL server."""


def _paths(paths: Paths) -> list[Path] | None:
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths] or None


def day_of(value: Day, option: str = "as_of") -> dt.date | None:
    """A date, or text written YYYY-MM-DD, as a date; BadOption otherwise."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        shaped = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
        if shaped:  # written right, but no such day
            year, month, day = (int(part) for part in shaped.groups())
            raise BadOption(f"{option} {value}: {no_such_day(year, month, day)}") from None
        raise BadOption(f"{option} must be a day written YYYY-MM-DD (for example 2017-01-19), not {value!r}") from None


def choice(value: str, allowed: Sequence[str], option: str = "format") -> str:
    """``value`` if it is one of ``allowed``; BadOption naming them otherwise."""
    if value not in allowed:
        raise BadOption(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def questions() -> dict[str, Question]:
    """Every named question of the library (``queries/library/*.rq``), by id."""
    return load_library()


def question(question_id: str) -> Question:
    """One named question; UnknownQuestion (with the closest ids, and how many there are) otherwise."""
    library = load_library()
    if question_id not in library:
        close = closest_ids(question_id, list(library))
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UnknownQuestion(f"no question '{question_id}'; {hint}`govgraph query list` shows the {len(library)} questions")
    return library[question_id]


def serialize_ontology(fmt: str = "ttl") -> bytes:
    """The govgraph ontology as Turtle (``ttl``), RDF/XML (``xml``, for Protégé) or its Markdown reference (``md``)."""
    choice(fmt, ONTOLOGY_FORMATS)
    from .ontology.publish import ontology_xml_bytes, reference_markdown

    if fmt == "md":
        return reference_markdown().encode("utf-8")
    return ontology_xml_bytes() if fmt == "xml" else source_path().read_bytes()


class Rows(Sequence[dict[str, Identifier | None]]):
    """The answer to a question: a sequence of rows, each a dict from column to RDF term (None when unbound).

    ``columns`` names the columns; an ASK query has no rows and its ``answer``. ``render()`` gives
    the text the command line prints; ``to_pandas()`` a DataFrame of labels (needs pandas).
    """

    def __init__(self, table: Table, graph: Graph):
        self.table, self._graph = table, graph

    @property
    def columns(self) -> list[str]:
        return list(self.table.columns)

    @property
    def answer(self) -> bool | None:
        """An ASK query's answer (None for the others)."""
        return self.table.answer

    def __len__(self) -> int:
        return len(self.table.rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Identifier | None]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Identifier | None]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Identifier | None] | list[dict[str, Identifier | None]]:
        if isinstance(index, slice):
            return [dict(zip(self.table.columns, row)) for row in self.table.rows[index]]
        return dict(zip(self.table.columns, self.table.rows[index]))

    def __iter__(self) -> Iterator[dict[str, Identifier | None]]:
        return (dict(zip(self.table.columns, row)) for row in self.table.rows)

    def __repr__(self) -> str:
        return f"<Rows: {len(self)} rows of {', '.join(self.columns)}>"

    def render(self, fmt: str = "table", iris: bool = False) -> str:
        """As ``govgraph query run`` prints it: ``table``, ``json``, ``csv`` or ``md``; ``iris`` shows IRIs, not labels."""
        choice(fmt, TABLE_FORMATS)
        remote.prefetch_table_labels(self._graph, self.table)
        return render(self._graph, self.table, fmt, iris)

    def labels(self, iris: bool = False) -> list[dict[str, Any]]:
        """Each row with IRIs shown as labels (or IRIs), literals as Python values, unbound cells as None."""
        remote.prefetch_table_labels(self._graph, self.table)
        def cell(term: Identifier | None) -> Any:
            if isinstance(term, Literal):
                return term.toPython()
            return None if term is None else label(self._graph, term, iris)
        return [{c: cell(t) for c, t in zip(self.table.columns, row)} for row in self.table.rows]

    def to_pandas(self, iris: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame of ``labels(iris)`` (pandas is optional: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError as exc:
            raise ImportError("Rows.to_pandas needs pandas: pip install pandas") from exc
        return pandas.DataFrame(self.labels(iris), columns=self.columns)


@dataclass
class Arrangement:
    """One governance arrangement, built in this process (``load``) or on a SPARQL server (``connect``).

    ``as_of`` is the day every answer is for unless a call names another (None: any day).
    """

    workspace: Workspace
    as_of: dt.date | None = None

    @property
    def built(self) -> Built:
        """The build behind it (records, N-Triples, store); NotLocal for one on a server without SOURCES."""
        if self.workspace.built is None:
            raise NotLocal("the arrangement is on a SPARQL server: load its sources for this (govgraph.load)")
        return self.workspace.built

    @property
    def local(self) -> bool:
        return not isinstance(self.workspace, remote.RemoteWorkspace)

    def _local_built(self, what: str) -> Built:
        if not self.local:
            raise NotLocal(f"{what} needs the whole graph in this process; load the sources with govgraph.load")
        return self.built

    @property
    def graph(self) -> Graph:
        """The rdflib Graph API over data and ontology (SPARQL text given to it runs in Oxigraph)."""
        return self.workspace.graph

    @property
    def store(self) -> ox.Store:
        """The embedded Oxigraph store: data and ontology in its default graph."""
        return self._local_built("the Oxigraph store").store

    @property
    def network(self) -> nx.MultiDiGraph:
        """A networkx view: records as nodes, relationships as edges (for layout and graph algorithms)."""
        return self._local_built("the network view").network

    @property
    def base(self) -> str:
        """The IRI every record id is written after (``data:`` in SPARQL)."""
        return self.workspace.base

    @property
    def triples(self) -> int:
        """How many data triples (the ontology not counted)."""
        return self.built.triples

    def on(self, as_of: Day) -> Arrangement:
        """The same arrangement, answering for another day (None: any day)."""
        return Arrangement(self.workspace, day_of(as_of))

    def _day(self, as_of: Day) -> dt.date | None:
        return self.as_of if as_of is None else day_of(as_of)

    def resolve(self, name: str) -> URIRef:
        """The IRI of the record a name (id, label or alias, any case) stands for; UnknownName otherwise."""
        return self.workspace.resolve(name)

    def ask(self, question_id: str, /, *, as_of: Day = None, timeout: float | None = None,
            params: Mapping[str, object] | None = None, **named: object) -> Rows:
        """Ask a named question (``questions()`` lists them); parameters by keyword (or in ``params``),
        values as names (id, label or alias) or text.

        ``timeout`` in seconds stops a long question (QueryTimeout); None lets it run."""
        asked = question(question_id)
        given = {k: str(v) for k, v in {**(params or {}), **named}.items()}
        table = ask(self.workspace, asked, given, self._day(as_of), timeout)
        return Rows(table, self.graph)

    def sparql(self, text: str, *, timeout: float | None = None) -> Rows:
        """Run read-only SPARQL of your own (the common prefixes and ``data:`` declared); Refused for updates,
        SERVICE, LOAD, FROM; BadQuery for text that does not parse."""
        return Rows(ask_sparql(self.workspace, text, timeout), self.graph)

    def can(self, who: str, matter: str, *, for_: str | None = None, as_of: Day = None,
            amount: str | None = None, approved_by: str | None = None, urgent: bool = False) -> Verdict:
        """Can ``who`` decide ``matter`` (or sign a document) for the organisation ``for_``?

        ``amount`` is the sum at stake as people write it ("£2.2m", "500k", "3000000");
        ``approved_by`` a body that approved the matter first (it lifts a limit where the scheme says
        so); ``urgent`` lets urgency powers apply. The verdict's ``answer`` is yes, no, only through
        (``through`` names the bodies), not known on that date or not stated; ``reasons`` is the
        chain, each with its sources, and ``chain`` the delegation links, each with its status."""
        try:
            return can_rules.can(self.workspace, who, matter, for_, self._day(as_of), amount, approved_by, urgent)
        except AmountProblem as exc:
            raise BadOption(f"amount: {exc}: {AMOUNT_HINT}") from None

    def explain(self, name: str, *, as_of: Day = None) -> Profile:
        """A plain-English profile of a record, by section, each line with the clauses it rests on."""
        return explainer.explain(self.workspace, name, self._day(as_of))

    def check(self, rules: str | Iterable[str] | None = None, *, reason: bool = True, progress: bool = False) -> Report:
        """Run the checks (``rules``: rule ids or layers, default all) and return the report of findings.

        ``reason=False`` skips HermiT (the slowest layer; needs Java). On a server only the rule layer runs."""
        from .checks.engine import check_built
        from .sharing.remote_checks import check_workspace

        selection = _selection(rules)
        reporter = Reporter(progress)
        if not self.local:
            return check_workspace(self.workspace, selection, reason, reporter)  # type: ignore[arg-type]
        return check_built(self.built, selection, reason, reporter)

    def view(self, *, focus: str | None = None, depth: int = FOCUS_DEPTH, board: str | None = None,
             where_i_sit: str | None = None, as_of: Day = None, title: str | None = None) -> View:
        """What a map would show: the whole arrangement, one record's surroundings, one board, or where
        a person, post or organisation sits, on a day."""
        from .visuals import ViewError, select_view

        built = self._local_built("a map")
        view = select_view(built, focus_name=focus, depth=depth, board_name=board, sit_name=where_i_sit,
                           day=self._day(as_of), title=title)
        if view.network.number_of_nodes() == 0:
            day = self._day(as_of)
            raise ViewError("nothing to draw: no links" + (f" were in force on {day}" if day else " in these sources"))
        return view

    def map(self, path: PathLike, *, focus: str | None = None, depth: int = FOCUS_DEPTH, board: str | None = None,
            where_i_sit: str | None = None, as_of: Day = None, title: str | None = None) -> View:
        """Write the offline HTML map of ``view(...)`` to ``path`` (whole or not at all); returns the view drawn."""
        from .visuals import render as render_map
        from .visuals import write_map

        view = self.view(focus=focus, depth=depth, board=board, where_i_sit=where_i_sit, as_of=as_of, title=title)
        write_map(Path(path), render_map(view))
        return view

    def induction_page(self, name: str, *, as_of: Day = None) -> Induction:
        """The facts of a new member's induction page for a post, person or organisation."""
        from .visuals.induction import build_induction

        self._local_built("an induction page")
        return build_induction(self.workspace, name, self._day(as_of))

    def induction(self, name: str, path: PathLike | None = None, *, as_of: Day = None) -> tuple[Path, Induction]:
        """Write the induction page (default file: ``induction-<record id>.html``); returns its path and facts."""
        from .visuals import write_map
        from .visuals.induction import render_induction

        page = self.induction_page(name, as_of=as_of)
        target = Path(path) if path is not None else Path(f"induction-{self.resolve(name).rsplit('/', 1)[-1]}.html")
        title = self.built.arrangement.manifest.get("title") or "Governance arrangement"
        write_map(target, render_induction(page, title))
        return target, page

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The data in one of EXPORT_FORMATS: ttl, jsonld, nt, xml (RDF/XML, with an ontology header importing
        the govgraph ontology), owl (data and ontology as one OWL 2 DL document, for HermiT, OWL API and
        Protégé) or graphml (the network, for Gephi);
        or the members table as xlsx (with one sheet per section) or csv (docs/spreadsheets.md)."""
        from .authoring.export import table_bytes
        from .graph_builder.writer import data_files, graphml_bytes, owl_document

        built = self._local_built("export")
        choice(fmt, EXPORT_FORMATS)
        if fmt in SPREADSHEET_FORMATS:
            return table_bytes(built.arrangement, fmt)
        if fmt == "graphml":
            return graphml_bytes(built.network)
        if fmt == "owl":
            return owl_document(built.ntriples, built.base, str(built.manifest.get("title") or built.manifest.get("id")))
        return data_files(built.ntriples, (fmt,), built.base)[fmt]

    def export(self, path: PathLike, fmt: str | None = None) -> Path:
        """Write ``serialize(fmt)`` to ``path`` (format from the suffix when not given: .ttl .jsonld .nt .owl
        .graphml .xlsx .csv)."""
        target = Path(path)
        if fmt is None:
            by_suffix = {**{suffix: name for name, suffix in SUFFIXES.items()}, **{f".{f}": f for f in SPREADSHEET_FORMATS}}
            if target.suffix not in by_suffix:
                raise BadOption(f"cannot tell the format from {target.name!r}: give fmt, one of {', '.join(EXPORT_FORMATS)}")
            fmt = by_suffix[target.suffix]
        write_atomically({target: self.serialize(fmt)})
        return target

    def write(self, folder: PathLike) -> list[Path]:
        """What ``govgraph build`` writes: the graph (Turtle, JSON-LD, N-Triples) and the ontology (Turtle, RDF/XML)."""
        from .graph_builder.writer import data_files
        from .ontology.publish import ontology_xml_bytes

        built = self._local_built("writing the graph")
        files = {f"graph{SUFFIXES[f]}": data
                 for f, data in data_files(built.ntriples, ("ttl", "jsonld", "nt"), built.base).items()}
        files["ontology.ttl"] = source_path().read_bytes()
        files["ontology.owl"] = ontology_xml_bytes()
        # The folder is replaced whole, in one step: a reader (or a kill) sees the old build or the new.
        return write_folder(Path(folder), files, BUILD_FILES)

    def push(self, endpoint: str, *, graph: str | None = None, timeout: float = PUSH_TIMEOUT,
             progress: bool = False) -> pusher.Pushed:
        """Replace the graph on a SPARQL Graph Store Protocol server (``endpoint``, e.g. Oxigraph's
        http://127.0.0.1:7878/store) with data plus ontology, blank nodes given fixed IRIs; ``graph``
        names the graph to replace (default: the server's default graph).

        Raises http_client.BadEndpoint for a bad URL, ServerRefused when the server says no,
        Unreachable when it cannot be reached (``delivered`` False: nothing was loaded) or when the
        whole graph was sent and no answer came (``delivered`` None: it may have been loaded).
        Credentials come from the URL, GOVGRAPH_ENDPOINT_* or ~/.netrc (docs/sharing.md)."""
        from .sharing import push as pusher

        built = self._local_built("push")
        endpoint = http_client.checked_url(endpoint)  # without any user:password (kept aside, never printed)
        if graph is not None:
            remote.checked_iri(graph)
        return pusher.push(endpoint, graph, pusher.body(built), timeout, progress)

    def server(self, host: str = "127.0.0.1", port: int = 0, *, timeout: float = DEFAULT_TIMEOUT,
               log: Callable[[str], None] | None = None, workers: int = DEFAULT_WORKERS) -> GovgraphServer:
        """What ``govgraph serve`` runs: a read-only SPARQL endpoint (``/sparql``) and the map (``/map``),
        bound to (host, port) and ready for ``serve_forever()``; port 0 picks a free port (``server.url``).
        ``timeout`` stops each query (parsing included); ``workers`` warm query processes answer them;
        ``log`` receives a line per request. OSError if the address is taken. ``server_close()``
        also stops the workers."""
        from .sharing.serve import make_server

        return make_server(self._local_built("serving"), host, port, timeout, log or (lambda message: None), workers)

    def counts(self) -> dict[str, dict[str, int]]:
        """How many records of each kind, per section of the sources."""
        from .graph_builder.summary import counts_by_kind

        return {s: dict(sorted(k.items())) for s, k in sorted(counts_by_kind(self.built.arrangement).items())}

    def summary(self) -> str:
        """The summary ``govgraph build`` prints: records, triples, files, and counts per section and kind."""
        from .graph_builder.summary import summary_text

        return summary_text(self.built.arrangement, self.built.triples)

    def __repr__(self) -> str:
        where = f"{self.built.triples:,} triples" if self.local else f"on {self.graph.store}"
        day = f", as of {self.as_of}" if self.as_of else ""
        return f"<Arrangement {self.base} ({where}{day})>"


def _selection(rules: str | Iterable[str] | None) -> Selection:
    from .checks.catalogue import Selection

    text = rules if rules is None or isinstance(rules, str) else ",".join(rules)
    return Selection.parse(text)


def load(paths: Paths = None, *, as_of: Day = None, progress: bool = False) -> Arrangement:
    """Read, validate and build an arrangement: YAML files or folders of them (None: the built-in one).

    ``as_of`` (a date or YYYY-MM-DD) is the day answers are for unless a call names another;
    ``progress`` shows a progress line on standard error. Raises SourceError with every problem
    found (file, line, field, how to fix it)."""
    day = day_of(as_of)
    built = load_arrangement(_paths(paths), Reporter(progress) if progress else SILENT)
    return Arrangement(Workspace(built), day)


def connect(endpoint: str, *, graph: str | None = None, paths: Paths = None, as_of: Day = None) -> Arrangement:
    """An arrangement held by a SPARQL query endpoint (as put there by ``govgraph push``).

    ``graph`` names the graph holding it; ``paths`` (its sources) say which arrangement is meant and
    let findings point at file and line. Raises http_client.BadEndpoint for a bad URL,
    EndpointError when the server cannot be asked, NoArrangement when it holds none (or several)."""
    day = day_of(as_of)
    endpoint = http_client.checked_url(endpoint)  # without any user:password (kept aside, never printed)
    if graph is not None:
        remote.checked_iri(graph)
    sources = _paths(paths)
    built = load_arrangement(sources) if sources else None
    return Arrangement(remote.remote_workspace(endpoint, graph, built), day)


def check(paths: Paths = None, rules: str | Iterable[str] | None = None, *, reason: bool = True,
          progress: bool = False, settle: bool = False, endpoint: str | None = None,
          graph: str | None = None) -> Report:
    """Check sources that may not even load: unreadable ones are findings (rule ``source-invalid``), not an error.

    ``endpoint`` checks the graph on that SPARQL server instead (the rule layer; ``paths`` then only
    name the arrangement). ``settle``: for a process that keeps the arrangement to its end (a command)."""
    from .checks.engine import check_sources
    from .sharing.remote_checks import check_endpoint

    selection = _selection(rules)
    reporter = Reporter(progress)
    sources = _paths(paths)
    if endpoint is None:
        if graph is not None:
            raise BadOption("graph names a graph on a SPARQL server: give the endpoint with it")
        return check_sources(sources, selection, reason=reason, progress=reporter, keep=settle)
    endpoint = http_client.checked_url(endpoint)  # without any user:password (kept aside, never printed)
    if graph is not None:
        remote.checked_iri(graph)
    return check_endpoint(endpoint, graph, sources, selection, reason, reporter)


# --- keeping an arrangement (docs/spreadsheets.md, docs/diff.md) -----------------------------------

def source_schema(fmt: str = "json") -> str:
    """The source format: its JSON Schema (``json``, what editors validate YAML against) or the field
    reference of docs/source-format.md (``md``); both generated from graph_builder/schema.yaml."""
    from .graph_builder.reference import field_reference, packaged_json_schema_path

    choice(fmt, ("json", "md"))
    return packaged_json_schema_path().read_text(encoding="utf-8") if fmt == "json" else field_reference()


def init(folder: PathLike, body: str = DEFAULT_BODY) -> list[Path]:
    """Write a starter arrangement for a body of that name into a new or empty folder (NotEmpty
    otherwise); it builds and checks clean as written. Returns the files written."""
    from .authoring.starter import starter_paths

    files = starter_paths(Path(folder), body)
    write_atomically(files)
    return sorted(files)


def import_members(table: PathLike, folder: PathLike, *, dry_run: bool = False) -> ImportPlan:
    """Read a members spreadsheet (.xlsx or .csv) into the arrangement in ``folder``: new records to
    a new file, changed ones where they stand. Raises TableError (every bad cell, with its place and a
    fix), SpreadsheetUnreadable, NoArrangement or SourceError; nothing is written then, nor with
    ``dry_run``."""
    from .authoring.merge import plan_import

    plan = plan_import(Path(table), Path(folder))
    if not dry_run:
        write_atomically(plan.files)
    return plan


def diff(old: Paths, new: Paths) -> Diff:
    """What changed from one version of an arrangement's sources to another, record by record."""
    from .authoring import diff as diffs

    return diffs.compare(load_arrangement(_paths(old)).arrangement, load_arrangement(_paths(new)).arrangement,
                         _named(old), _named(new))


def diff_dates(paths: Paths, first: Day, second: Day) -> Diff:
    """What began, ended or took place in one arrangement between two days."""
    from .authoring import diff as diffs

    one, two = day_of(first, "first"), day_of(second, "second")
    if one is None or two is None:
        raise BadOption("give both days, as dates or YYYY-MM-DD")
    return diffs.compare_dates(load_arrangement(_paths(paths)).arrangement, one, two)


def diff_revisions(folder: PathLike, old_revision: str, new_revision: str) -> Diff:
    """What changed in a folder between two git revisions (RevisionError if it is not in a repository)."""
    from .authoring import diff as diffs
    from .authoring.revisions import checkout

    with tempfile.TemporaryDirectory() as scratch:
        old = load_arrangement([checkout(Path(folder), old_revision, Path(scratch))]).arrangement
        new = load_arrangement([checkout(Path(folder), new_revision, Path(scratch))]).arrangement
    return diffs.compare(old, new, f"{folder} at {old_revision}", f"{folder} at {new_revision}")


def _named(paths: Paths) -> str:
    given = _paths(paths)
    return ", ".join(str(p) for p in given) if given else "the built-in arrangement"
