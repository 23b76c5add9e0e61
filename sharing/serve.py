"""`govgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over a built arrangement, plus its maps.

Routes: ``/sparql`` (also ``/query``) answers GET ?query=, POST form-encoded and POST
application/sparql-query; ``/`` is a small index page with a query form; ``/map`` is the interactive
map (``?board=``, ``?focus=``, ``?depth=``, ``?as-of=`` as for `govgraph map`).

The graph is the one `govgraph push` sends (data plus ontology, blank nodes skolemised). Every
query passes the same check as `govgraph sparql` (queries/safety.py: no updates, SERVICE or
FROM) and gets the same predeclared prefixes; refusals are HTTP 400 with the reason in plain text.
Queries are checked and run by warm workers (queries/workers.py): processes forked once, after
the graph is loaded, each single-threaded and without network access; a query past the time
limit (parsing included) is stopped by killing its worker, and a fresh one takes its place.
Oxigraph's own serialisers write the answer in the format protocol.py negotiates (SPARQL JSON,
XML, CSV or TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and
DESCRIBE); relative IRIs resolve against the arrangement's base; a GET of the endpoint without a
query gets the service description.

Resources are bounded: at most ``workers`` queries run at once and ``MAX_CONNECTIONS`` connections
are served at once (more get 503 at once); each connection times out after ``SOCKET_TIMEOUT``
seconds of silence; a request body is at most ``MAX_BODY`` and an answer at most ``max_answer``
bytes (413 beyond); the map cache keeps the ``MAP_CACHE`` most recent maps.

On a loopback address only requests whose Host header names this machine are answered, so a web
page cannot reach the server by pointing a domain name at 127.0.0.1 (DNS rebinding).
"""
from __future__ import annotations

import datetime as dt
import html
import ipaddress
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..graph_builder import Built
from ..queries.engine import QueryFailed, QueryTimeout, short_syntax_error
from ..queries.questions import Workspace
from ..queries.safety import BadQuery, Refused, checked_query
from ..queries.seats import expand
from ..queries.workers import Busy, WorkerPool
from . import DEFAULT_WORKERS, protocol
from .push import body

MAX_BODY = 1 << 20  # a query is text: one megabyte is plenty
MAX_ANSWER = 64 << 20  # bytes of one answer; a LIMIT or a narrower query gets past it
MAX_CONNECTIONS = 128  # served at once; each holds one thread (and little memory while it waits)
SOCKET_TIMEOUT = 10.0  # seconds a connection may stay silent (a half-sent request, an idle keep-alive)
MAP_CACHE = 16  # maps kept, most recently used first
ADVICE = "narrow it (fewer optional patterns, a LIMIT) or ask whoever runs the server for a longer --timeout"
DIGITS = re.compile(r"[0-9]{1,12}")
SPARQL_PATHS = ("/sparql", "/query")
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class HttpProblem(Exception):
    """A request answered with an error status and a plain-text reason."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None):
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- answering a query (in a worker) -----------------------------------------------------------

class _TooLarge(Exception):
    pass


class _Capped:
    """A file-like sink that keeps what the serialiser writes, up to ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size, self.parts = limit, 0, []  # type: ignore[var-annotated]

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer_job(store: ox.Store, prefixes: dict[str, str], base: str, max_answer: int,
               job: tuple[str, str | None, str | None]) -> tuple[Any, ...]:
    """A worker's answer to (query text, ?format=, Accept): ("page", media type, body) or
    ("problem", status, reason, headers). Check, parse and run all happen here, inside the limit."""
    text, format_param, accept = job
    try:
        checked = checked_query(expand(text), prefixes)  # gg:sitsOn as every other path runs it; checked as it runs
        name = protocol.negotiate(checked.algebra.name, format_param, accept)
    except Refused as exc:
        return ("problem", 400, f"refused: {exc}", {})
    except BadQuery as exc:
        return ("problem", 400, f"error: the query does not parse: {exc}", {})
    except protocol.NotAcceptable as exc:
        return ("problem", 406, str(exc), {})
    sink = _Capped(max_answer)
    try:
        protocol.answer(store, checked.text, prefixes, base, name, sink)  # type: ignore[arg-type]
    except SyntaxError as exc:
        return ("problem", 400, f"error: the query does not parse: {short_syntax_error(str(exc))}", {})
    except Exception as exc:  # noqa: BLE001 - the sink's stop comes back wrapped by the serialiser
        if sink.size > sink.limit:
            return ("problem", 413, f"the answer is over {max_answer // (1 << 20)} MB, the most this server sends; "
                                    "add a LIMIT (and OFFSET to page through it) or ask for fewer columns", {})
        return ("problem", 500, f"error: the query failed: {exc}", {})
    return ("page", protocol.media_type(name), b"".join(sink.parts))


# --- the server ---------------------------------------------------------------------------------

@dataclass
class Page:
    media: str
    body: bytes


class GovgraphServer(ThreadingHTTPServer):
    """Holds the built arrangement; each connection is served on its own thread (at most
    MAX_CONNECTIONS at once) and each query by one of the warm workers."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], built: Built, timeout: float, log: Callable[[str], None],
                 workers: int = DEFAULT_WORKERS, max_answer: int = MAX_ANSWER):
        self.built, self.timeout, self.log = built, timeout, log
        self.prefixes = Workspace(built).prefixes
        self.store = published_store(built)
        self.maps: OrderedDict[tuple[tuple[str, str], ...], bytes] = OrderedDict()
        self.maps_lock = threading.Lock()
        self.loopback = is_loopback(address[0])
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        # Forked before the socket exists, so the first workers hold no copy of it.
        self.pool = WorkerPool(partial(answer_job, self.store, self.prefixes, built.base, max_answer),
                               workers, ADVICE)
        try:
            super().__init__(address, Handler)
        except OSError:
            self.pool.close()
            raise

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve on a new thread if a slot is free; otherwise answer 503 at once and close."""
        if not self.slots.acquire(blocking=False):
            reason = b"the server is serving as many connections as it takes; try again shortly\n"
            try:
                request.settimeout(1.0)
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(reason), reason))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One log line, not a traceback: a client that went silent or away is not the server's fault."""
        exc = sys.exc_info()[1]
        self.log(f"{client_address[0]} connection dropped: {type(exc).__name__}: {exc}")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: GovgraphServer
    server_version = "govgraph"
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT  # the socket's timeout: a silent client frees its thread
    # Malformed requests (a bad request line, a 70 KB URL, huge headers) get the standard library's
    # 400, 414 or 431, with a status line even when the request line was one word, and in plain text.
    default_request_version = "HTTP/1.0"
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s: %(explain)s\n"

    # --- plumbing ---
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        self.server.log(f"{self.client_address[0]} {format % args}")

    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        elapsed = (time.perf_counter() - getattr(self, "_started", time.perf_counter())) * 1000
        command, path = getattr(self, "command", None) or "-", getattr(self, "path", None) or "-"
        self.server.log(f"{self.client_address[0]} {command} {urlsplit(path).path[:200]} {code} {elapsed:.0f} ms")

    def _handle(self, route: Callable[[], Page]) -> None:
        self._started = time.perf_counter()
        try:
            self._check_host()
            page = route()
            self._send(200, page.media, page.body)
        except HttpProblem as problem:
            self._fail(problem.status, problem.reason, problem.headers)
        except (QueryTimeout, Busy) as exc:
            self._fail(503, str(exc), {"Retry-After": "1"})
        except QueryFailed as exc:
            self._fail(500, f"error: {exc}")

    def _fail(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        """An error answer; the connection closes after it (a refused request's body may be unread)."""
        self.close_connection = True
        self._send(status, "text/plain; charset=utf-8", f"{reason}\n".encode(), {**(headers or {}), "Connection": "close"})

    def _check_host(self) -> None:
        if not self.server.loopback:
            return
        host = (self.headers.get("Host") or "").strip()
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if name.lower() not in LOOPBACK_NAMES | {str(self.server.server_address[0])}:
            raise HttpProblem(403, f"this server answers only requests addressed to this machine "
                                   f"(localhost or 127.0.0.1), not to {host or 'no Host header'}")

    # --- methods ---
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._handle(lambda: self._route(parse_qs(urlsplit(self.path).query, keep_blank_values=True), None))

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        self._handle(self._post)

    def _read_only(self) -> None:
        self._handle(self._refuse_write)

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _refuse_write(self) -> Page:
        raise HttpProblem(405, f"{self.command} is refused: this server is read-only (it answers SPARQL queries "
                               "and shows maps; nothing can be uploaded, changed or deleted)",
                          {"Allow": "GET, HEAD, POST"})

    def _post(self) -> Page:
        length = self.headers.get("Content-Length")
        if length is None:
            raise HttpProblem(411, "a POST needs a Content-Length header")
        if not DIGITS.fullmatch(length.strip()):
            raise HttpProblem(400, "the Content-Length header must be a number of bytes")
        if int(length) > MAX_BODY:
            raise HttpProblem(413, f"the request body is over {MAX_BODY} bytes; a query is never that long")
        raw = self.rfile.read(int(length))
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if media == "application/x-www-form-urlencoded":
            return self._route({**params, **parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)}, None)
        if media == "application/sparql-query":
            return self._route(params, raw.decode("utf-8", "replace"))
        if media == "application/sparql-update":
            raise HttpProblem(400, "refused: SPARQL updates would change data; this server is read-only")
        raise HttpProblem(415, f"a POST must be application/x-www-form-urlencoded or application/sparql-query, "
                               f"not {media or 'without a Content-Type'}")

    def _route(self, params: dict[str, list[str]], body_query: str | None) -> Page:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        if path in SPARQL_PATHS:
            return self._sparql(params, body_query)
        if self.command == "POST":
            raise HttpProblem(405, f"POST goes to {SPARQL_PATHS[0]} only", {"Allow": "GET, HEAD"})
        if path == "/":
            return Page("text/html; charset=utf-8", index_page(self.server).encode("utf-8"))
        if path == "/map":
            return Page("text/html; charset=utf-8", self._map(params))
        raise HttpProblem(404, f"nothing at {path}; try / (index), {SPARQL_PATHS[0]}?query=... or /map")

    # --- SPARQL ---
    def _sparql(self, params: dict[str, list[str]], body_query: str | None) -> Page:
        if "update" in params:
            raise HttpProblem(400, "refused: SPARQL updates would change data; this server is read-only")
        for name in ("default-graph-uri", "named-graph-uri"):
            if name in params:
                raise HttpProblem(400, f"refused: {name} asks for another graph; this server holds one arrangement "
                                       "(and its ontology) in its default graph: leave the parameter out")
        texts = ([body_query] if body_query is not None else []) + params.get("query", [])
        if not texts and self.command in ("GET", "HEAD"):
            return self._service_description()
        if not texts:
            raise HttpProblem(400, "give a query: ?query=... (GET), query=... (form POST) "
                                   "or the query as an application/sparql-query body")
        if len(texts) > 1:
            raise HttpProblem(400, "give exactly one query, not several")
        job = (texts[0], (params.get("format") or [None])[0], self.headers.get("Accept"))
        kind, *rest = self.server.pool.run(job, self.server.timeout)
        if kind == "problem":
            raise HttpProblem(*rest)
        return Page(*rest)

    def _service_description(self) -> Page:
        """GET of the endpoint without a query: what the service is (SPARQL 1.1 Service Description)."""
        try:
            name = protocol.negotiate("DescribeQuery", None, self.headers.get("Accept"))
        except protocol.NotAcceptable as exc:
            raise HttpProblem(406, str(exc)) from exc
        endpoint = f"{self.server.url}{urlsplit(self.path).path.rstrip('/')}"
        return Page(protocol.media_type(name), protocol.service_description(endpoint, len(self.server.store), name))

    # --- maps ---
    def _map(self, params: dict[str, list[str]]) -> bytes:
        from ..visuals import ViewError, render, select_view
        from ..visuals.views import FOCUS_DEPTH

        allowed = ("board", "focus", "depth", "as-of", "title")
        unknown = sorted(set(params) - set(allowed))
        if unknown:
            raise HttpProblem(400, f"/map takes {', '.join(allowed)}; not {', '.join(unknown)}")
        one = {k: v[-1] for k, v in params.items()}
        key = tuple(sorted(one.items()))
        with self.server.maps_lock:  # one map drawn at a time; the MAP_CACHE most recent kept
            if key in self.server.maps:
                self.server.maps.move_to_end(key)
            else:
                try:
                    day = dt.date.fromisoformat(one["as-of"]) if "as-of" in one else None
                    depth = int(one["depth"]) if "depth" in one else FOCUS_DEPTH
                except ValueError as exc:
                    raise HttpProblem(400, f"as-of must be YYYY-MM-DD and depth a whole number ({exc})") from exc
                try:
                    view = select_view(self.server.built, focus_name=one.get("focus"), depth=depth,
                                       board_name=one.get("board"), day=day, title=one.get("title"))
                except ViewError as exc:
                    raise HttpProblem(400, str(exc)) from exc
                if view.network.number_of_nodes() == 0:
                    raise HttpProblem(400, "nothing to draw: no links" + (f" were in force on {day}" if day else ""))
                self.server.maps[key] = render(view).encode("utf-8")
                while len(self.server.maps) > MAP_CACHE:
                    self.server.maps.popitem(last=False)
            return self.server.maps[key]


INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'">
<title>{title}: govgraph</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}}
textarea{{width:100%;font:14px monospace}}code{{background:#f3f3f3;padding:0 .2em}}</style></head>
<body><h1>{title}</h1>
<p>{triples} triples (data {data}, ontology {ontology}), read-only. Every answer rests on the clauses the
records cite (<code>gg:hasSource</code>).</p>
<ul><li><a href="/map">The interactive map</a> (<code>/map?board=NAME</code>, <code>/map?focus=NAME</code> (one link out;
<code>&amp;depth=2</code> for two),
<code>/map?as-of=YYYY-MM-DD</code>)</li>
<li>SPARQL 1.1 endpoint: <code>{url}/sparql</code> (GET <code>?query=</code>, POST form or
<code>application/sparql-query</code>; answers in JSON, XML, CSV, TSV, Turtle, N-Triples, RDF/XML or JSON-LD;
a GET without a query describes the service)</li></ul>
<form action="/sparql" method="get"><p><label for="q">Query (prefixes {prefixes} are declared):</label></p>
<textarea id="q" name="query" rows="8">SELECT ?body ?label WHERE {{
  ?body a/rdfs:subClassOf* org:Organization ; rdfs:label ?label .
}} ORDER BY ?label LIMIT 50</textarea>
<p><label>Answer as <select name="format"><option>csv</option><option>tsv</option><option>json</option>
<option>xml</option></select></label> <button>Run</button> (CONSTRUCT and DESCRIBE: choose ttl, nt, rdfxml or jsonld
with <code>format=</code>)</p></form>
<p>From a terminal: <code>curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 5' {url}/sparql</code>,
or <code>govgraph query run who-decides --endpoint {url}/sparql</code>.</p>
</body></html>
"""


def published_store(built: Built) -> ox.Store:
    """What `govgraph push` sends, in a store of its own: data plus ontology with blank nodes
    skolemised, so that a client can look up any node it was given (a blank node label means
    nothing in a second request) and a served graph is the same as a pushed one."""
    store = ox.Store()
    store.bulk_load(body(built), format=ox.RdfFormat.N_TRIPLES)
    return store


def index_page(server: GovgraphServer) -> str:
    built = server.built
    total = len(server.store)
    return INDEX.format(title=html.escape(built.manifest.get("title", "An arrangement")),
                        triples=f"{total:,}", data=f"{built.triples:,}", ontology=f"{total - built.triples:,}",
                        url=html.escape(server.url), prefixes=html.escape(", ".join(sorted(server.prefixes))))


def make_server(built: Built, host: str = "127.0.0.1", port: int = 0, timeout: float = 30.0,
                log: Callable[[str], None] = lambda message: None, workers: int = DEFAULT_WORKERS,
                max_answer: int = MAX_ANSWER) -> GovgraphServer:
    """A server bound to (host, port) and ready for serve_forever(); port 0 picks a free port.
    server_close() also stops its workers."""
    return GovgraphServer((host, port), built, timeout, log, workers, max_answer)
