"""A source folder as it was at a git revision, written to a scratch folder (for `diff --rev`)."""
from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..common.errors import GovgraphError


class RevisionError(GovgraphError, ValueError):
    """The folder is not in a git repository, or the revision is unknown."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=120)
    except FileNotFoundError as exc:
        raise RevisionError("--rev needs git, which is not installed") from exc
    if done.returncode != 0:
        raise RevisionError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def checkout(folder: Path, revision: str, scratch: Path) -> Path:
    """The repository's tree at ``revision`` unpacked under ``scratch`` (so that an arrangement the
    folder extends is there too); returns where ``folder`` is in it."""
    folder = folder.resolve()
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    try:
        commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except RevisionError as exc:
        raise RevisionError(f"{revision!r} is not a revision of the repository at {top}") from exc
    archive = _git(top, "archive", "--format=tar", commit)
    target = scratch / revision.replace("/", "_").replace("~", "_").replace("^", "_")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+ and 3.11.4+: refuse links out of the folder
            tar.extractall(target, filter="data")
        else:  # git's own archive of the repository
            tar.extractall(target)
    inside = target / folder.relative_to(top)
    if not inside.is_dir():
        raise RevisionError(f"{folder.relative_to(top)} does not exist at revision {revision}")
    return inside
