"""HTTP to a SPARQL server the user named, and nowhere else.

Two rules make "nothing is sent anywhere except the URL you typed" true: proxy settings in the
environment (http_proxy, https_proxy ...) are ignored, and redirects are not followed (a server
that answers 3xx gets an error saying where it wanted to send the request). Errors come in two
kinds because they call for different fixes: ``Unreachable`` (nothing answered: wrong host or
port, server down, timeout) and ``ServerRefused`` (a server answered with an HTTP error).
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from email.message import Message
from typing import IO
from urllib.parse import urlsplit

from ..common.errors import GovgraphError

USER_AGENT = "govgraph"
# How much of an error body to show: servers explain their refusals there (Oxigraph, Fuseki do).
ERROR_BODY_CHARS = 600


class EndpointError(GovgraphError, RuntimeError):
    """Talking to the server failed; the message says what happened and what to try."""


class Unreachable(EndpointError):
    """No answer: connection refused, unknown host, TLS failure or time out."""


class ServerRefused(EndpointError):
    """The server answered with an HTTP error status (or a redirect, which is not followed)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class BadEndpoint(GovgraphError, ValueError):
    """The URL itself is unusable (not http or https, no host)."""


def checked_url(url: str, option: str = "--endpoint") -> str:
    """``url`` if it is an absolute http(s) URL with a host; BadEndpoint otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadEndpoint(f"{option} must be an http:// or https:// URL with a host, "
                          f"for example http://127.0.0.1:7878/query, not {url!r}")
    if parts.fragment:
        raise BadEndpoint(f"{option} must not have a #fragment: {url!r}")
    return url


def with_params(url: str, query: str) -> str:
    """``url`` with an encoded query string added (after its own, if it has one)."""
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise ServerRefused(f"{req.full_url} answered HTTP {code} and redirects to {newurl}; govgraph sends "
                            "nothing to any address but the one given: use that URL instead", code)


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read(ERROR_BODY_CHARS * 4).decode("utf-8", "replace").strip()
    except OSError:
        body = ""
    body = " ".join(body.split())[:ERROR_BODY_CHARS]
    return f"HTTP {exc.code} {exc.reason}" + (f": {body}" if body else "")


def request(method: str, url: str, body: bytes | Iterable[bytes] | None = None,
            headers: dict[str, str] | None = None, timeout: float | None = 60.0) -> tuple[int, Message, IO[bytes]]:
    """Send one request; (status, headers, open response) for 2xx, else Unreachable or ServerRefused.

    An iterable body is streamed (give Content-Length in ``headers``)."""
    req = urllib.request.Request(url, data=body, method=method,  # type: ignore[arg-type]
                                 headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        response = _OPENER.open(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise ServerRefused(f"{method} {url}: {_error_text(exc)}", exc.code) from exc
    except urllib.error.URLError as exc:
        raise Unreachable(f"{method} {url}: cannot reach the server ({exc.reason}); "
                          "is it running, and are the host and port right?") from exc
    except TimeoutError as exc:
        raise Unreachable(f"{method} {url}: no answer within {timeout:g} s") from exc
    except OSError as exc:  # a connection reset while sending, for example
        raise Unreachable(f"{method} {url}: {exc}") from exc
    return response.status, response.headers, response
