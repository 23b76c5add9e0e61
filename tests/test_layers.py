"""The layers of the package, read from the imports themselves (ast): each folder imports only from
the folders below it, no module imports itself round a cycle, and package code imports the
project's own modules relatively (tests and benchmarks import ``govgraph.*``)."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import tomllib

ROOT = Path(__file__).parents[1]
# Lowest first. Folders on one line are side by side: neither may import the other.
LAYERS: list[tuple[str, ...]] = [
    ("common",),
    ("ontology", "datasets"),
    ("graph_builder",),
    ("queries",),
    ("checks", "visuals", "authoring"),
    ("sharing",),
    ("",),  # the root package: the public API (__init__.py, api.py)
    ("cli",),
    ("__main__",),  # python -m govgraph
]
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def package_files() -> dict[str, Path]:
    """Every installed module, by dotted name, from the package list in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files: dict[str, Path] = {}
    for package in config["tool"]["setuptools"]["packages"]:
        folder = ROOT.joinpath(*package.split(".")[1:])
        for path in sorted(folder.glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            files[name] = path
    return files


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(module imported, line, written relatively) for each import of one of the project's modules."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno, False) for a in node.names if a.name.split(".")[0] == "govgraph"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").split(".")[0] == "govgraph":
                module = node.module or ""
            else:
                continue
            # `from . import engine` names a module; `from .rdf import GG` names something in one.
            for alias in node.names:
                target = f"{module}.{alias.name}"
                found.append((target if target in known else module, node.lineno, bool(node.level)))
    return found


def layer(module: str) -> str:
    """The folder a module is in; "" for the root package and its own modules (api.py)."""
    parts = module.split(".")
    if len(parts) == 1 or (parts[1] != "__main__" and (ROOT / f"{parts[1]}.py").is_file()):
        return ""
    return parts[1]


def import_graph(files: dict[str, Path] | None = None) -> tuple[nx.DiGraph, list[str]]:
    files = files or package_files()
    graph: nx.DiGraph = nx.DiGraph()
    absolute = []
    for name, path in files.items():
        graph.add_node(name)
        for target, line, relative in imports(name, path, set(files)):
            graph.add_edge(name, target, line=line)
            if not relative:
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                absolute.append(f"{shown}:{line} imports {target} by its absolute name")
    return graph, absolute


def test_every_folder_has_a_layer() -> None:
    folders = {layer(name) for name in package_files()}
    assert folders <= set(RANK), f"add the new folder to LAYERS: {sorted(folders - set(RANK))}"
    assert {p for parts in LAYERS for p in parts if p not in ("", "__main__")} <= folders


def upward(graph: nx.DiGraph) -> list[str]:
    wrong = []
    for source, target, data in graph.edges(data=True):
        here, there = layer(source), layer(target)
        if here != there and RANK.get(there, 0) >= RANK.get(here, 0):
            wrong.append(f"{source} (line {data['line']}, layer {here or 'root'}) imports {target} "
                         f"(layer {there or 'root'}, {'the same level' if RANK[there] == RANK[here] else 'higher'})")
    return sorted(wrong)


def test_imports_go_down_the_layers_only() -> None:
    wrong = upward(import_graph()[0])
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph, _ = import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not cycles, f"modules importing each other round a cycle: {cycles}"


def test_package_code_imports_its_own_modules_relatively() -> None:
    _, absolute = import_graph()
    assert not absolute, "\n".join(absolute)


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    # A made-up package with each kind of mistake: the ontology importing the CLI (upward), the
    # checks importing the maps (side by side), two modules importing each other, an absolute import.
    sources = {
        "ontology/__init__.py": "from ..cli import app\n",
        "checks/__init__.py": "from ..visuals import page\n",
        "visuals/page.py": "",
        "cli/app.py": "",
        "queries/a.py": "from . import b\n",
        "queries/b.py": "def f():\n    from .a import x\n",
        "common/c.py": "import govgraph.common.files\n",
        "common/files.py": "",
    }
    files = {}
    for relative, text in sources.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        stem = relative[:-3].replace("/", ".").removesuffix(".__init__")
        files[f"govgraph.{stem}"] = path
    graph, absolute = import_graph(files)
    assert [w.split(" (")[0] + " -> " + w.split(" imports ")[1].split(" ")[0] for w in upward(graph)] == [
        "govgraph.checks -> govgraph.visuals.page", "govgraph.ontology -> govgraph.cli.app"]
    assert {"govgraph.queries.a", "govgraph.queries.b"} in list(nx.strongly_connected_components(graph))
    assert absolute == [f"{tmp_path / 'common' / 'c.py'}:1 imports govgraph.common.files by its absolute name"]


def test_the_command_line_framework_stays_in_cli() -> None:
    # Options and exits are the CLI's business; the library raises exceptions and takes plain values.
    # (common/console.py writes messages with typer.echo, which is click's portable echo.)
    users = []
    for name, path in package_files().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n.split(".")[0] in ("typer", "click") for n in names):
                users.append(name)
    assert sorted(n for n in set(users) if layer(n) != "cli") == ["govgraph.common.console"]
