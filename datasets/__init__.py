"""Built-in arrangements shipped with govgraph, in the project's YAML source format."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

BUILTIN = "cp_stp_mou"


def builtin_path(name: str = BUILTIN) -> Path:
    """Folder of a built-in arrangement (default: the Cambridgeshire and Peterborough STP MOU)."""
    return Path(str(resources.files("govgraph.datasets").joinpath(name)))


def available() -> list[str]:
    """Names of the built-in arrangements."""
    root = resources.files("govgraph.datasets")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
