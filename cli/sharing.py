"""`govgraph serve` and `govgraph push`: share the built graph through a SPARQL server."""
from __future__ import annotations

import signal
from typing import Annotated, Optional

import typer

from ..common.console import log
from ..common.progress import wanted
from ..queries import DEFAULT_TIMEOUT
from ..sharing import DEFAULT_WORKERS, PUSH_TIMEOUT, http_client
from .support import Exit, SourcesArg, fail, load_or_exit


def serve(
    sources: SourcesArg = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback "
                                      "(127.0.0.1, ::1, localhost) lets other machines read the graph.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on; 0 picks a free one.")] = 7879,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1,
                                           help="Stop each query after this many seconds (HTTP 503).")] = DEFAULT_TIMEOUT,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Query worker processes: at most this many "
                                         "queries run at once.")] = DEFAULT_WORKERS,
) -> None:
    """Serve the graph read-only: a SPARQL 1.1 Protocol endpoint at /sparql, the map at /map, an index at /.

    Queries get the same checks and prefixes as `govgraph sparql`: updates, SERVICE and FROM are
    refused with HTTP 400 and the reason. Answers come as SPARQL JSON, XML, CSV or TSV (SELECT,
    ASK) or Turtle or N-Triples (CONSTRUCT, DESCRIBE), by Accept header or ?format=. Logs go to
    standard error; Ctrl-C stops the server. Exit codes: 2 bad options or sources, 3 the address
    could not be listened on (port in use, unknown host).

    \b
    Examples:
      govgraph serve                                  # http://127.0.0.1:7879/
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?s WHERE { ?s a/rdfs:subClassOf* gg:Board }' http://127.0.0.1:7879/sparql
      govgraph query run who-decides --endpoint http://127.0.0.1:7879/sparql
      govgraph serve my-arrangement/ --host 0.0.0.0 --port 8080   # shared on the network: read the warning
    """
    from ..sharing.serve import is_loopback

    arrangement = load_or_exit(sources, wanted())
    if not is_loopback(host):
        log(f"warning: --host {host} is not a loopback address: anyone who can reach this machine on port {port} "
            "can read the whole graph (read-only, no login). Use --host 127.0.0.1 to keep it to this machine.")
    try:
        server = arrangement.server(host, port, timeout=timeout, log=log, workers=workers)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port (0 picks a free one)",
             Exit.NOT_RUN)
    log(f"govgraph serve: {arrangement.triples:,} data triples; SPARQL endpoint {server.url}/sparql, map {server.url}/map, "
        f"index {server.url}/ (Ctrl-C stops)")
    # Ctrl-C, and a plain `kill` (service managers, scripts that started it in the background,
    # where SIGINT is ignored), both stop it the same clean way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log("stopped")
    finally:
        server.server_close()


CREDENTIALS_HINT = ("; if the store needs a login, give it in the URL (USER:PASSWORD and @ before the host), "
                    f"in {http_client.TOKEN_ENV} (a bearer token) or {http_client.USER_ENV} and "
                    f"{http_client.PASSWORD_ENV}, or in ~/.netrc")


def push(
    sources: SourcesArg = None,
    endpoint: Annotated[str, typer.Option("--endpoint", metavar="URL", show_default=False,
                                          help="The server's Graph Store Protocol address, e.g. http://127.0.0.1:7878/store "
                                               "(Oxigraph), http://host:3030/DATASET/data (Fuseki).")] = ...,  # type: ignore[assignment]
    graph: Annotated[Optional[str], typer.Option("--graph", metavar="IRI", show_default=False,
                                                 help="Replace this named graph; default: the server's default graph.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Give up after this many seconds without an answer.")] = PUSH_TIMEOUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Load the built graph (data and ontology, blank nodes skolemised) into a SPARQL Graph Store Protocol server.

    One HTTP PUT of N-Triples to URL?default or URL?graph=IRI: the graph is replaced, so pushing
    again updates it. Works with Oxigraph server, Apache Jena Fuseki, GraphDB and Virtuoso.
    Nothing is sent anywhere but URL: proxy settings are ignored and redirects are not followed.

    Credentials (HTTP basic or bearer), first found wins: the URL's user information
    (http://USER:PASSWORD@host/...), GOVGRAPH_ENDPOINT_TOKEN, GOVGRAPH_ENDPOINT_USER with
    GOVGRAPH_ENDPOINT_PASSWORD, or the host's entry in ~/.netrc. They are never printed.

    Exit codes: 0 loaded; 1 the server answered but refused (an HTTP error such as 401, 403,
    404 or 415: a wrong path, a read-only or protected server; the message quotes the server);
    2 bad arguments or sources (nothing sent); 3 the server could not be reached (not running,
    wrong host or port: nothing was loaded), or the whole graph was sent and no answer came
    within --timeout (it may have been loaded: the message says how to look).

    \b
    Examples:
      oxigraph serve --location govgraph-db &          # pip install oxigraph
      govgraph push --endpoint http://127.0.0.1:7878/store
      govgraph push my-arrangement/ --endpoint http://127.0.0.1:7878/store --graph https://example.org/graphs/mine
      govgraph query run who-decides --endpoint http://127.0.0.1:7878/query
    """
    from ..sharing.remote import checked_iri

    try:
        endpoint = http_client.checked_url(endpoint)  # without any user:password (kept aside, never printed)
        if graph is not None:
            checked_iri(graph)
    except http_client.BadEndpoint as exc:
        fail(str(exc))
    progress = wanted(quiet)
    arrangement = load_or_exit(sources, progress)
    try:
        done = arrangement.push(endpoint, graph=graph, timeout=timeout, progress=progress)
    except http_client.ServerRefused as exc:
        hint = CREDENTIALS_HINT if exc.status in (401, 403) else ""
        fail(f"the server refused the graph, so it was not loaded: {exc}{hint}", Exit.FINDINGS)
    except http_client.Unreachable as exc:
        if exc.delivered is None:
            fail(f"the whole graph was sent, but no answer came: the server may have loaded it (replacing "
                 f"the graph) or not. {exc}. To see what it holds, ask its query endpoint, for example: "
                 f"govgraph sparql 'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}' --endpoint QUERY-URL "
                 f"(this push sent the {arrangement.triples:,} data triples and the ontology)", Exit.NOT_RUN)
        fail(f"nothing was loaded: {exc}", Exit.NOT_RUN)
    log(f"pushed {done.triples:,} triples ({done.size / 1e6:.1f} MB) to {done.url} in {done.seconds:.1f} s "
        f"(HTTP {done.status})", quiet=quiet)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(push)
