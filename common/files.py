"""Writing files whole or not at all: every command that writes output goes through here.

A file is written to a temporary sibling and renamed over its name (``write_atomically``); a
folder of outputs (`govgraph build`) is written whole as a new sibling folder and then swapped
with the old one in one step (``write_folder``), so that whoever reads the folder sees one whole
build, the old or the new, never a mix. The temporary names carry the writer's process id; a
kill (even SIGKILL, which no program can catch) can leave one behind, and the next write to the
same place removes those whose process is gone.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .errors import GovgraphError

_UMASK = os.umask(0)
os.umask(_UMASK)
_RENAME_EXCHANGE = 2
_LEGACY_AGE = 600.0  # seconds: a temporary file of an older govgraph (no process id) older than this is stale


class OutputInUse(GovgraphError, ValueError):
    """The output folder holds files govgraph did not write; it is left alone."""


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(entry: Path, name: str) -> bool:
    """Whether ``entry`` is a temporary sibling of ``name`` left by a writer that is gone."""
    mine = re.fullmatch(rf"\.{re.escape(name)}\.(\d+)\.(?:tmp|new|old)-\w+", entry.name)
    if mine:
        return not _alive(int(mine.group(1)))
    legacy = re.fullmatch(rf"\.{re.escape(name)}\.\w{{8}}", entry.name)  # mkstemp's names before this one
    try:
        return bool(legacy) and time.time() - entry.lstat().st_mtime > _LEGACY_AGE
    except OSError:
        return False


def clean_stale(path: Path) -> None:
    """Remove temporary siblings of ``path`` (files or folders) whose writer has gone."""
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(f".{path.name}.") and _stale(entry, path.name):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _temp_prefix(path: Path, kind: str) -> str:
    return f".{path.name}.{os.getpid()}.{kind}-"


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file via a temporary sibling and rename; all content exists before the first rename."""
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(path)
    for path, data in files.items():
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path, "tmp"), dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not offered."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS):  # a file system without exchange
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _leftover(name: str, ours: set[str]) -> bool:
    """A temporary file that an older govgraph left inside a build folder (it goes with the swap)."""
    return any(re.fullmatch(rf"\.{re.escape(known)}\.[\w.-]+", name) for known in ours)


def _restore_interrupted_swap(folder: Path) -> None:
    """Where a swap had to be two renames and was killed between them, put the old build back."""
    if folder.exists():
        return
    for entry in sorted(folder.parent.glob(f".{folder.name}.*.old-*")):
        if _stale(entry, folder.name) and (entry / "build").is_dir():
            os.rename(entry / "build", folder)
            return


def write_folder(folder: Path, files: dict[str, bytes], ours: set[str]) -> list[Path]:
    """Make ``folder`` hold exactly ``files`` (name -> bytes), replacing what it held in one step.

    ``ours`` are the names this kind of folder may hold (a previous build's); a folder holding
    anything else is refused (OutputInUse), so that `--out .` or a folder of other work is never
    swapped away."""
    shown_as, folder = folder, Path(os.path.realpath(folder))  # a linked folder: its target is replaced
    if folder.exists() and not folder.is_dir():
        raise OutputInUse(f"{shown_as} is not a folder, so nothing was written; give --out a folder (it is created if missing)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted_swap(folder)
    clean_stale(folder)
    if folder.exists():
        others = sorted(p.name for p in folder.iterdir() if p.name not in ours and not _leftover(p.name, ours))
        if others:
            shown = ", ".join(others[:5]) + (" ..." if len(others) > 5 else "")
            raise OutputInUse(f"{shown_as} holds files a build does not write ({shown}), so nothing was written: a "
                              "build replaces the whole folder; give --out a new or empty folder, or one that only "
                              "holds a build")
    new = Path(tempfile.mkdtemp(prefix=_temp_prefix(folder, "new"), dir=folder.parent))
    try:
        for name, data in files.items():
            (new / name).write_bytes(data)
            os.chmod(new / name, 0o666 & ~_UMASK)
        os.chmod(new, 0o777 & ~_UMASK)
        if not folder.exists():
            os.rename(new, folder)
        elif _exchange(new, folder):
            shutil.rmtree(new, ignore_errors=True)  # now the old build
        else:  # no one-step swap here: the old build steps aside, the new one takes its place
            old = Path(tempfile.mkdtemp(prefix=_temp_prefix(folder, "old"), dir=folder.parent))
            os.rename(folder, old / "build")
            os.rename(new, folder)
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return sorted(Path(shown_as) / name for name in files)
