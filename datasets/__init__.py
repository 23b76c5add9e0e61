"""Built-in arrangements shipped with govgraph, in the project's YAML source format."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

BUILTIN = "cp_stp_mou"


def builtin_path(name: str = BUILTIN) -> Path:
    """Folder of a built-in arrangement (default: the Cambridgeshire and Peterborough STP MOU)."""
    return Path(str(resources.files("govgraph.datasets").joinpath(name)))

