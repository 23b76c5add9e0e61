"""`govgraph init`: a small starter arrangement to make one's own, with the JSON Schema beside it."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from ..common.errors import GovgraphError
from ..graph_builder.reference import packaged_json_schema_path
from . import DEFAULT_BODY

SCHEMA_NAME = "govgraph.schema.json"  # the name the starter files' first line points at


class NotEmpty(GovgraphError, ValueError):
    """The folder to write the starter into already holds files."""


class BadBodyName(GovgraphError, ValueError):
    """A body's name that would not stay one YAML value in the starter's files."""


def body_id(name: str) -> str:
    """An id made from a body's name: 'Fenland Health Board' -> fenland-health-board."""
    words = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return words[:60].rstrip("-") or "board"


def starter_files(body: str = DEFAULT_BODY) -> dict[str, bytes]:
    """File name -> content of the starter arrangement for a body of that name."""
    if not body.strip() or any(c in body for c in "\n\r#:{}[]"):
        raise BadBodyName("the body's name must be one line of text without # : { } [ ]")
    values = {"body": body.strip(), "body_id": body_id(body), "dataset_id": body_id(body)}
    files = {}
    for template in sorted(resources.files("govgraph.authoring").joinpath("starter").iterdir(), key=lambda t: t.name):
        if template.name.endswith(".yaml"):
            text = Template(template.read_text(encoding="utf-8")).substitute(values)
            files[template.name] = text.encode("utf-8")
    files[SCHEMA_NAME] = packaged_json_schema_path().read_bytes()
    return files


def starter_paths(folder: Path, body: str = DEFAULT_BODY) -> dict[Path, bytes]:
    """What `govgraph init` writes, by path; refuses a folder that already holds files."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotEmpty(f"{folder} already exists and is not an empty folder; give a new folder")
    return {folder / name: data for name, data in starter_files(body).items()}


__all__ = ["DEFAULT_BODY", "BadBodyName", "NotEmpty", "body_id", "starter_files", "starter_paths"]
