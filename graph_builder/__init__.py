"""Build a governance arrangement from source files into RDF and networkx.

>>> from govgraph.graph_builder import load_arrangement
>>> built = load_arrangement()          # the built-in dataset
>>> built.graph                         # rdflib Graph API over the embedded store: data + ontology
>>> built.ntriples                      # the data as sorted N-Triples (what `govgraph build` writes)
>>> built.network                       # networkx.MultiDiGraph view
"""
from __future__ import annotations

import gc
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..common.progress import SILENT, Reporter
from ..datasets import builtin_path
from ..ontology import ontology_graph
from .errors import SourceError, SourceProblem
from .persist import Fingerprint, Stored, cache_root, fingerprint, open_stored, save
from .rdf import to_ntriples
from .records import DEFAULT_BASE, Arrangement, Record, read_arrangement
from .store import load_store, memory_graph, store_view

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx

__all__ = ["Built", "RecordPlace", "load_arrangement", "settle", "SourceError", "SourceProblem", "builtin_path"]


class RecordPlace(NamedTuple):
    """Where a record is written: its source file and the line it starts on."""

    file: Path
    line: int


class Built:
    """One built arrangement: its records, its data as N-Triples, and (made when first asked for)
    the embedded store, the rdflib views and the network view.

    A Built opened from the stored graph (graph_builder.persist) has its store, manifest, triple
    count and record places at once, and reads the sources only if ``arrangement`` or ``ntriples``
    is asked for (exporting, the build summary); the answers are the same either way. Its store is
    read-only: for a graph to change, use ``with_ontology()`` or ``load_arrangement(persist=False)``.
    """

    def __init__(self, arrangement: Arrangement, ntriples: bytes, saving: _Saving | None = None,
                 progress: Reporter = SILENT):
        # cached_property reads these from the instance's dict first
        self.__dict__.update(arrangement=arrangement, ntriples=ntriples)
        self._saving = saving
        self._sources: list[Path] = []
        self._progress = progress
        self._places: Mapping[str, tuple[Path, int]] | None = None

    @classmethod
    def opened(cls, stored: Stored, sources: list[Path], progress: Reporter = SILENT) -> Built:
        built = cls.__new__(cls)
        built.__dict__.update(store=stored.store, triples=stored.triples, manifest=stored.manifest)
        built._sources, built._progress, built._places, built._saving = sources, progress, stored.places, None
        return built

    def finish_storing(self) -> None:
        """Wait until the stored graph of a Built read from the sources is written (it is written
        beside whatever the command does meanwhile); nothing to wait for otherwise."""
        if self._saving is not None and "store" not in self.__dict__:
            with self._progress.task(f"Storing the graph in {self._saving.where} for the next commands"):
                stored = self._saving.result()
            if stored is not None:
                self.__dict__["store"] = stored

    @cached_property
    def arrangement(self) -> Arrangement:
        """The records (read from the sources again only for a Built opened from the stored graph:
        they have the content its key was made of, so they give the same records)."""
        return read_arrangement(self._sources, self._progress)

    @cached_property
    def ntriples(self) -> bytes:
        """The data as sorted N-Triples (made again from the sources for a Built opened from the stored graph)."""
        arrangement = self.arrangement
        with self._progress.task(f"Making triples of {len(arrangement.records):,} records"):
            return to_ntriples(arrangement)

    @cached_property
    def manifest(self) -> dict[str, str]:
        return self.arrangement.manifest

    @property
    def base(self) -> str:
        """The base IRI of the arrangement's records."""
        return self.manifest.get("base", DEFAULT_BASE)

    @cached_property
    def triples(self) -> int:
        """How many data triples (the ontology not counted)."""
        return self.ntriples.count(b"\n")

    @cached_property
    def store(self) -> ox.Store:
        """Oxigraph: data and ontology in the default graph (what queries and rules see); the stored
        graph once written, else in memory."""
        self.finish_storing()
        stored = self.__dict__.get("store")  # (not `or`: a Store's truth is its length, a count of every quad)
        return stored if stored is not None else load_store(self.ntriples)

    @cached_property
    def graph(self) -> Graph:
        """The rdflib Graph API over ``store`` (data plus ontology); SPARQL text runs in Oxigraph."""
        return store_view(self.store, self.base)

    @cached_property
    def data_graph(self) -> Graph:
        """The data alone, in rdflib's in-memory store (pySHACL and the reasoner read this)."""
        return memory_graph(self.ntriples, self.base)

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        from .network import to_network  # networkx: imported only by the commands that draw or export it

        return to_network(self.store)

    @cached_property
    def ontology(self) -> Graph:
        return ontology_graph()

    def with_ontology(self) -> Graph:
        """A new in-memory rdflib graph of data plus ontology, free to change (for notebooks and tests)."""
        merged = ontology_graph()
        merged += self.data_graph
        return merged

    def iri(self, record_id: str) -> URIRef:
        return URIRef(self.base + record_id)

    def _record_id(self, iri: URIRef | str) -> str | None:
        text = str(iri)
        return text[len(self.base):] if text.startswith(self.base) else None

    def record_of(self, iri: URIRef | str) -> Record | None:
        """The source record behind an IRI (reads the sources of a Built opened from the stored graph)."""
        rid = self._record_id(iri)
        return None if rid is None else self.arrangement.records.get(rid)

    def place_of(self, iri: URIRef | str) -> RecordPlace | None:
        """File and line of the record behind an IRI (for messages); None for anything else."""
        rid = self._record_id(iri)
        if rid is None:
            return None
        if self._places is not None:
            found = self._places.get(rid)
            return RecordPlace(*found) if found else None
        record = self.arrangement.records.get(rid)
        return RecordPlace(record.file, record.line) if record else None


def load_arrangement(sources: list[Path] | None = None, progress: Reporter = SILENT,
                     persist: bool = True) -> Built:
    """Read, validate and build an arrangement; no sources means the built-in dataset.

    With ``persist`` (and unless GOVGRAPH_CACHE=off) the graph is kept on disk, keyed by the
    content of every input (graph_builder.persist): the next load of the same, unchanged sources
    opens it instead of reading them (they are read only if the records or the N-Triples are asked
    for, as `govgraph build` and `export` do), and its store is read-only.
    """
    paths = list(sources) if sources else [builtin_path()]
    root = cache_root() if persist else None
    try:
        found = fingerprint(root, paths) if root is not None else None
    except OSError:  # an unreadable source: no stored graph, and reading reports it with file and line
        found = None
    if found is not None and found.slot in _Saving.pending:  # this process is still writing it
        _Saving.pending[found.slot].result()
    stored = open_stored(found) if found is not None else None
    if stored is not None:
        return Built.opened(stored, paths, progress)
    arrangement = read_arrangement(paths, progress)
    with progress.task(f"Making triples of {len(arrangement.records):,} records"):
        ntriples = to_ntriples(arrangement)
    if found is None:
        return Built(arrangement, ntriples)
    return Built(arrangement, ntriples, _Saving(found, arrangement, ntriples), progress)


class _Saving:
    """graph_builder.persist.save in a thread of its own, started as soon as the triples are made.

    Why: Oxigraph's bulk loader spends much of its time waiting on the disk, without holding
    Python's lock, so `govgraph build` writes its Turtle and JSON-LD meanwhile (at a million
    triples the store alone takes several seconds). Not a daemon thread: a command that never
    asks for the store (export) still leaves it complete when it exits, and a later load of the
    same sources in this process waits for it (``pending``) rather than reading them again."""

    pending: dict[Path, _Saving] = {}  # slot -> the save under way

    def __init__(self, found: Fingerprint, arrangement: Arrangement, ntriples: bytes):
        self.where, self.slot = found.slot.parent.parent, found.slot
        self._stored: ox.Store | None = None
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._save, args=(found, arrangement, ntriples),
                                        name="govgraph-store")
        self.pending[self.slot] = self
        self._thread.start()

    def _save(self, found: Fingerprint, arrangement: Arrangement, ntriples: bytes) -> None:
        try:
            self._stored = save(found, arrangement, ntriples)
        except BaseException as exc:  # noqa: BLE001 - raised again in the thread that asks for it
            self._failed = exc

    def result(self) -> ox.Store | None:
        """The stored graph opened read-only, or None if it could not be written (save says why)."""
        self._thread.join()
        if self.pending.get(self.slot) is self:
            del self.pending[self.slot]
        if self._failed is not None:
            raise self._failed
        return self._stored


def settle() -> None:
    """Take every object loaded so far out of the garbage collector's rounds, for the rest of the process.

    For a program that loads one arrangement and keeps it (each CLI command, ``govgraph serve``).
    Why: a large arrangement is millions of long-lived Python objects, and each full collection
    walks them all. A long answer makes a hundred thousand terms and set off several: at 1M triples
    that was 0.35 s of a 0.8 s listing. Not done by ``load_arrangement`` itself, because a frozen
    object that later becomes part of a garbage cycle is never freed (a notebook reloading a large
    arrangement would keep every old copy).
    """
    gc.freeze()
