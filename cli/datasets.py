"""`govgraph synth`: write a synthetic arrangement shaped like England's public sector."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..common.console import log
from ..common.files import write_atomically
from .support import Exit, fail


def _refuse_foreign(out: Path) -> None:
    """Refuse a file, or a folder with files govgraph synth did not write (before the long generation)."""
    from ..datasets.synthetic import MANIFEST

    if not out.exists():
        return
    if not out.is_dir():
        fail(f"--out {out} is a file; give a folder", Exit.USAGE)
    if any(out.iterdir()) and not (out / MANIFEST).is_file():
        fail(f"--out {out} is not empty and was not written by govgraph synth; give a new or empty folder",
             Exit.USAGE)


def _stale(out: Path, keep: set[str]) -> list[Path]:
    """YAML files of an earlier run in OUT that this run does not write."""
    return [p for p in out.glob("*.yaml") if p.name not in keep] if out.is_dir() else []


def synth(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write (new, empty, or an earlier synth output).")],
    scale: Annotated[float, typer.Option("--scale", help="Size factor: 1.0 is about 2.2M triples (England-sized).")] = 0.05,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same scale and seed give identical files.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Write a synthetic arrangement (YAML sources plus planted.json, the list of planted mistakes).

    At scale 1.0: 330 councils of each tier, 150 health and wellbeing boards, 42 integrated care
    boards, 200 NHS trusts and 18,000 councillors, with memberships, votes, rights, duties,
    commitments, approvals and signatures. The data are invented; planted.json names, for each
    check rule, the records that were made to break it.

    \b
    Examples:
      govgraph synth --scale 0.045 --seed 1 --out synth-100k   # about 100,000 triples
      govgraph build synth-100k --out synth-100k-out
      govgraph check synth-100k                                # exit 1: it finds the planted mistakes
    """
    from ..datasets.synthetic import MANIFEST, generate

    if not scale > 0 or scale > 50:
        fail(f"--scale must be above 0 and at most 50, not {scale:g}", Exit.USAGE)
    _refuse_foreign(out)
    files = generate(scale, seed)
    stale = _stale(out, set(files))
    write_atomically({out / name: data for name, data in files.items()})
    for path in stale:
        path.unlink()
    if not quiet:
        size = sum(len(d) for d in files.values())
        log(f"wrote {len(files)} files ({size / 1e6:.1f} MB) to {out}/; planted mistakes listed in {out / MANIFEST}")


def register(app: typer.Typer) -> None:
    app.command()(synth)
