"""The built graph kept on disk between commands: one Oxigraph (RocksDB) store per set of sources.

Why: reading and validating the YAML is most of what a command costs at national scale (at a
million triples 15 s of reading against milliseconds of answering). A store written once by
`govgraph build` (or by the first command that needs it) is opened by the next command in
milliseconds instead.

Never a stale answer. A stored graph is found by its key: a SHA-256 of the govgraph version, of
the builder's own code and schema and of the ontology, of the pyoxigraph version, and of the path
and content of every source file (the folders expanded again each time, so an added or deleted
file changes the key as an edited one does). Files an arrangement reads through ``extends`` are
listed in the entry with their own digests and checked again before it is used.

Where: ``$GOVGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/govgraph``, else ``~/.cache/govgraph``.
``GOVGRAPH_CACHE=off`` turns it off (every command reads the sources, as before). Layout:
``stores/<slot>/<key>/`` with ``store/`` (the RocksDB folder), ``meta.json`` and ``places.json`` (each
record's file and line, read only when a message needs one), where the slot is
a digest of the source paths; each slot keeps one entry, so the cache holds one store per set of
sources (about 160 bytes a triple).

Concurrent commands: an entry is written in a temporary folder beside it and renamed into place
complete (a rename is atomic), and never changed afterwards; readers open it read-only. Two
commands building the same sources at once both write, the first rename wins and the other uses
its entry. An older entry of the slot is deleted once a newer one is in place; a process that has
it open keeps reading it (its files stay until closed), and one that fails to open it builds again.
"""
from __future__ import annotations

import hashlib
import json
import mmap
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..common.console import log
from ..ontology import source_path
from .records import Arrangement, source_files

FORMAT = 2  # the layout of an entry; bump when it changes
META = "meta.json"
PLACES = "places.json"
STALE_TEMP_S = 3600.0  # a temporary folder older than this is left over from a killed process


def cache_root() -> Path | None:
    """The cache folder, or None when GOVGRAPH_CACHE turns it off."""
    if os.environ.get("GOVGRAPH_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    if os.environ.get("GOVGRAPH_CACHE_DIR"):
        return Path(os.environ["GOVGRAPH_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "govgraph"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The builder's code and schema, the ontology and the versions: what turns sources into triples."""
    parts = [f"format {FORMAT}", metadata.version("govgraph"), metadata.version("pyoxigraph")]
    builder = Path(str(resources.files("govgraph.graph_builder")))
    for path in sorted([*builder.glob("*.py"), *builder.glob("*.yaml"), *builder.glob("*.rq"), source_path()]):
        parts.append(f"{path.name} {_digest(path.read_bytes())}")
    return _digest("\n".join(parts).encode())


@dataclass
class Fingerprint:
    """The source files as this command names them, and the key of their content."""

    files: list[Path]
    slot: Path
    key: str

    @property
    def entry(self) -> Path:
        return self.slot / self.key


def fingerprint(root: Path, paths: list[Path]) -> Fingerprint:
    """Expand and hash the sources (SourceError for a missing path, as reading would raise; OSError
    for a file that cannot be hashed, which reading then reports)."""
    files = source_files(paths)
    slot = _digest("\n".join(str(p.resolve()) for p in paths).encode())[:32]
    hashed = hashlib.sha256(_code_digest().encode())
    for path in files:
        if not path.is_file():  # a folder, FIFO or broken link named like YAML: reading says what is wrong
            raise OSError(f"{path} is not a regular file")
        hashed.update(f"\n{path.resolve()}\n".encode())
        hashed.update(_digest(path.read_bytes()).encode())
    return Fingerprint(files, root / "stores" / slot, hashed.hexdigest())


@dataclass
class Stored:
    """An entry opened read-only: the store and what the commands need besides the triples."""

    store: ox.Store
    manifest: dict[str, str]
    triples: int
    places: Places  # record id -> (file, line), for messages


class Places(Mapping[str, tuple[Path, int]]):
    """Record id -> (file, line), from ``places.json``, mapped into memory when the entry is opened
    (so a newer build pruning the entry meanwhile cannot take it away, and nothing is read yet)
    and parsed at the first lookup: most commands look up none, and parsing them all (63,000
    records at a million triples, 2.7 MB) took longer than opening the store. Bytes that do not
    parse give no places (messages then name no line) rather than failing the command that only
    wanted to say where."""

    def __init__(self, mapped: mmap.mmap, files: list[Path], where: Path):
        self._mapped: mmap.mmap | None = mapped
        self._files, self._where = files, where
        self._loaded: dict[str, list[int]] | None = None

    @property
    def _index(self) -> dict[str, list[int]]:
        if self._loaded is None:
            assert self._mapped is not None
            try:
                self._loaded = json.loads(self._mapped[:])
            except ValueError as exc:
                log(f"note: {self._where} could not be read ({str(exc)[:200]}); messages will not name lines")
                self._loaded = {}
            self._mapped.close()
            self._mapped = None
        return self._loaded

    def __getitem__(self, record_id: str) -> tuple[Path, int]:
        file, line = self._index[record_id]
        return self._files[file], line

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def open_stored(fp: Fingerprint) -> Stored | None:
    """The entry for these sources, or None when there is none or it no longer fits (then it is removed)."""
    entry = fp.entry
    if not entry.is_dir():
        return None
    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
        extra = [(Path(p), digest) for p, digest in meta["extra_inputs"]]
        if any(not p.is_file() or _digest(p.read_bytes()) != digest for p, digest in extra):
            _remove(entry)  # a file read through `extends` changed: build again
            return None
        with (entry / PLACES).open("rb") as file:  # the mapping outlives the file object (and its unlinking)
            places = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        store = ox.Store.read_only(str(entry / "store"))
    except (OSError, RuntimeError, ValueError, KeyError, TypeError) as exc:
        log(f"note: the stored graph in {entry} could not be opened ({str(exc)[:200]}); building it again from the sources")
        _remove(entry)
        return None
    names = [*fp.files, *(p for p, _ in extra)]
    return Stored(store, meta["manifest"], meta["triples"], Places(places, names, entry / PLACES))


def save(fp: Fingerprint, arrangement: Arrangement, ntriples: bytes) -> ox.Store | None:
    """Write the entry for these sources and open it read-only; None if it could not be written
    (a read-only or full disk: the command goes on with the store in memory)."""
    try:
        fp.slot.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=".writing-", dir=fp.slot))
        store = ox.Store(str(temp / "store"))
        store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(source_path().read_bytes(), format=ox.RdfFormat.TURTLE)
        store.optimize()
        del store  # closed: RocksDB writes nothing more
        (temp / META).write_text(json.dumps(_meta(fp, arrangement, ntriples)), encoding="utf-8")
        (temp / PLACES).write_text(json.dumps(_places(fp, arrangement)), encoding="utf-8")
        try:
            temp.rename(fp.entry)
        except OSError:  # another command put the same entry in place first: use it
            _remove(temp)
        _prune(fp)
        return ox.Store.read_only(str(fp.entry / "store"))
    except (OSError, RuntimeError) as exc:
        log(f"note: the graph could not be stored in {fp.slot} ({str(exc)[:200]}); "
            "this command uses it in memory (set GOVGRAPH_CACHE=off to stop trying)")
        return None


def _meta(fp: Fingerprint, arrangement: Arrangement, ntriples: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "written": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "manifest": arrangement.manifest, "triples": ntriples.count(b"\n"),
            "sources": [str(p.resolve()) for p in fp.files],
            "extra_inputs": [(str(p.resolve()), _digest(p.read_bytes())) for p in _extra(fp, arrangement)]}


def _extra(fp: Fingerprint, arrangement: Arrangement) -> list[Path]:
    """Files the arrangement read besides the sources named (through ``extends``), in a fixed order."""
    own = set(fp.files)
    return [p for p in arrangement.inputs if p not in own]


def _places(fp: Fingerprint, arrangement: Arrangement) -> dict[str, tuple[int, int]]:
    """Record id -> (index of its file among the sources, then the extra inputs; line)."""
    index = {p: i for i, p in enumerate([*fp.files, *_extra(fp, arrangement)])}
    return {rid: (index[rec.file], rec.line) for rid, rec in arrangement.records.items()}


def _prune(fp: Fingerprint) -> None:
    """Remove the slot's other entries, and temporary folders a killed command left behind."""
    for other in fp.slot.iterdir():
        if other.name.startswith(".writing-"):
            if time.time() - other.stat().st_mtime > STALE_TEMP_S:
                _remove(other)
        elif other.name != fp.key:
            _remove(other)


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
