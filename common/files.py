"""Writing files whole or not at all: every command that writes output goes through here."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file via a temporary sibling and rename; all content exists before the first rename."""
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
