"""Load a built arrangement into a SPARQL 1.1 Graph Store HTTP Protocol server (`govgraph push`).

What is sent is what local queries see: the data and the ontology, as N-Triples, in one HTTP PUT
to ``URL?default`` or ``URL?graph=IRI`` (PUT replaces that graph, so pushing again updates it).

Blank nodes (the ontology's OWL lists and restrictions) are skolemised: each becomes an IRI
``{scheme}://{authority of the base}/.well-known/genid/govgraph/{digest}/{label}`` (RDF 1.1
Concepts, section 3.5). The labels come from RDF Dataset Canonicalization (RDFC-1.0), and the
digest from the canonical blank-node triples, so the same arrangement always gets the same IRIs:
a store that keeps several arrangements never sees two different things under one name.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from ..graph_builder import Built
from ..ontology import source_path
from . import PUSH_TIMEOUT, http_client

CHUNK = 1 << 20  # bytes per write while streaming the body
GENID = "/.well-known/genid/govgraph/"
DEFAULT_TIMEOUT = PUSH_TIMEOUT  # a large arrangement takes a server a while to index


@dataclass
class Pushed:
    url: str
    status: int
    triples: int
    size: int
    seconds: float


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _skolem_prefix(base: str, canonical: bytes) -> str:
    parts = urlsplit(base)
    authority = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc \
        else "https://w3id.org"  # a urn: base has no authority to mint under
    return f"{authority}{GENID}{hashlib.sha256(canonical).hexdigest()[:16]}/"


def skolemised(quads: list[ox.Quad], base: str) -> bytes:
    """N-Triples of ``quads`` with every blank node replaced by its deterministic skolem IRI."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    canonical = sorted(dataset, key=str)
    prefix = _skolem_prefix(base, ox.serialize([q.triple for q in canonical if _has_blank(q)], format=ox.RdfFormat.N_TRIPLES))
    name = lambda term: ox.NamedNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term  # noqa: E731
    triples = [ox.Triple(name(q.subject), q.predicate, name(q.object)) for q in canonical]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def body(built: Built) -> bytes:
    """Data plus ontology as N-Triples without blank nodes (deterministic bytes)."""
    quads = list(ox.parse(path=source_path(), format=ox.RdfFormat.TURTLE))
    # The data are written with IRIs for every node (graph_builder/rdf.py); still, any line that
    # could hold a blank node is parsed and canonicalised with the ontology's.
    data, maybe_blank = [], []
    for line in built.ntriples.splitlines(keepends=True):
        (maybe_blank if b"_:" in line else data).append(line)
    for quad in ox.parse(b"".join(maybe_blank), format=ox.RdfFormat.N_TRIPLES):
        if _has_blank(quad):
            quads.append(quad)
        else:
            data.append(ox.serialize([quad.triple], format=ox.RdfFormat.N_TRIPLES))
    return b"".join(data) + skolemised(quads, built.base)


def target(url: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol address of the graph: ``URL?graph=IRI`` or ``URL?default``."""
    return http_client.with_params(url, f"graph={quote(graph_iri, safe='')}" if graph_iri else "default")


def _chunks(data: bytes, sent: Callable[[int], None]) -> Iterator[bytes]:
    for start in range(0, len(data), CHUNK):
        piece = data[start:start + CHUNK]
        yield piece
        sent(len(piece))


NO_DEFAULT_GRAPH = ("this store has no default graph to replace (Virtuoso's Graph Store endpoint has none): "
                    "push to a named graph with --graph IRI, and query it with --graph IRI")


def push(url: str, graph_iri: str | None, data: bytes, timeout: float = DEFAULT_TIMEOUT,
         progress: bool = False) -> Pushed:
    """PUT ``data`` (N-Triples) as the graph; Unreachable or ServerRefused when it does not go in
    (``Unreachable.delivered`` None: all was sent and no answer came, so it may have gone in).
    Credentials: see sharing/http_client.py. ``Pushed.url`` is shown with them hidden."""
    try:
        return _put(url, graph_iri, data, timeout, progress)
    except http_client.ServerRefused as exc:
        if graph_iri is None and "default graph" in str(exc) and exc.status >= 400:
            raise http_client.ServerRefused(f"{exc} ({NO_DEFAULT_GRAPH})", exc.status, exc.challenge) from exc
        raise


def _put(url: str, graph_iri: str | None, data: bytes, timeout: float, progress: bool) -> Pushed:
    address = target(url, graph_iri)
    headers = {"Content-Type": "application/n-triples", "Content-Length": str(len(data))}
    started = time.perf_counter()
    if progress and len(data) > CHUNK:  # bytes sent, then a note while the server indexes them
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TransferSpeedColumn,
        )
        with Progress(TextColumn("Pushing"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                      TextColumn("{task.description}"), console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("", total=len(data))
            def sent(n: int) -> None:
                bar.advance(task, n)
                if bar.tasks[0].completed >= len(data):
                    bar.update(task, description="sent; the server is loading it")
            status, _headers, response = http_client.request("PUT", address, lambda: _chunks(data, sent), headers, timeout)
    else:
        status, _headers, response = http_client.request("PUT", address, data, headers, timeout)
    response.close()
    return Pushed(http_client.shown(address), status, data.count(b"\n"), len(data), time.perf_counter() - started)
