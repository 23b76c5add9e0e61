"""Render a map page: the project's template, vis-network inlined from the installed pyvis, strict CSP.

Safety model: every string from the data travels in one JSON data block (with <, >, & escaped,
so it cannot close the block) and the page script puts it into the page with textContent only.
The only scripts that run are the two inlined here, allowed by their SHA-256 hashes in a
Content-Security-Policy meta tag that also forbids every connection and every outside load.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .mapdata import page_data
from .views import View

# Each raw-text block must not be able to end early or switch the parser into a nested state.
UNSAFE_IN_RAW_TEXT = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


@dataclass(frozen=True)
class Asset:
    """One inlined script or style sheet, its text normalised as the HTML parser will see it."""

    name: str
    text: str

    @property
    def digest(self) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(self.text.encode("utf-8")).digest()).decode() + "'"


def _asset(name: str, raw: str) -> Asset:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if UNSAFE_IN_RAW_TEXT.search(text):
        raise ValueError(f"{name} contains </script, </style or <!-- and cannot be inlined safely")
    return Asset(name, text)


def _vis_dir() -> Path:
    """The newest vis-network build that the installed pyvis ships (templates/lib/vis-X.Y.Z)."""
    lib = Path(str(resources.files("pyvis") / "templates" / "lib"))
    builds = sorted(lib.glob("vis-*/vis-network.min.js"),
                    key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not builds:
        raise FileNotFoundError(f"no vis-network build found under {lib}: reinstall pyvis==0.3.2")
    return builds[-1].parent


@lru_cache(maxsize=1)
def assets() -> dict[str, Asset]:
    vis, own = _vis_dir(), resources.files("govgraph.visuals")
    return {"vis_js": _asset("vis-network.min.js", (vis / "vis-network.min.js").read_text("utf-8")),
            "vis_css": _asset("vis-network.css", (vis / "vis-network.css").read_text("utf-8")),
            "page_js": _asset("map.js", own.joinpath("map.js").read_text("utf-8")),
            "page_css": _asset("map.css", own.joinpath("map.css").read_text("utf-8"))}


def content_security_policy(parts: dict[str, Asset]) -> str:
    scripts = " ".join(parts[k].digest for k in ("vis_js", "page_js"))
    styles = " ".join(parts[k].digest for k in ("vis_css", "page_css"))
    # vis-network sizes its canvas through style attributes, hence style-src-attr.
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; style-src-attr 'unsafe-inline'; "
            "img-src data: blob:; connect-src 'none'; font-src 'none'; object-src 'none'; media-src 'none'; "
            "frame-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'")


def json_for_script(data: Any) -> str:
    """JSON that cannot end its <script> block: <, >, & and the JS line separators are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=PackageLoader("govgraph.visuals", "."), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    return env.get_template("map.html")


def render(view: View, engine: str | None = None, separate: bool = True, untangle: bool = True) -> str:
    """The complete, self-contained HTML page for one view (``engine``, ``separate``, ``untangle``:
    for the measured comparison of layouts in benchmarks/map_layouts.py; the defaults are the chosen ones)."""
    parts = assets()
    data = page_data(view, engine=engine, separate=separate, untangle=untangle)
    return _template().render(
        title=view.title, subtitle=view.subtitle, version=version("govgraph"),
        csp=content_security_policy(parts), data_json=Markup(json_for_script(data)),
        **{key: Markup(asset.text) for key, asset in parts.items()})
