"""HTTP to a SPARQL server the user named, and nowhere else.

Two rules make "nothing is sent anywhere except the URL you typed" true: proxy settings in the
environment (http_proxy, https_proxy ...) are ignored, and redirects are not followed (a server
that answers 3xx gets an error saying where it wanted to send the request). Errors come in two
kinds because they call for different fixes: ``Unreachable`` (nothing answered: wrong host or
port, server down, timeout) and ``ServerRefused`` (a server answered with an HTTP error).
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.request
from collections.abc import Iterable
from email.message import Message
from typing import IO
from urllib.parse import urlsplit

from ..common.errors import GovgraphError
from . import credentials

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
    """``url`` without any ``user:password@`` (kept for the requests: sharing/credentials.py) if it
    is an absolute http(s) URL with a host; BadEndpoint otherwise."""
    url = credentials.without_login(url)
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
LOGIN_ADVICE = ("the server wants a login: give it in the URL (http://USER:PASSWORD@host/...), in the environment "
                f"({credentials.LOGIN_VARIABLE}=USER:PASSWORD or {credentials.TOKEN_VARIABLE}=TOKEN) or in ~/.netrc")


SMALL_BODY = 1 << 16  # a body a server reads whole even when it refuses the login
_CHALLENGES: dict[str, str] = {}  # origin -> the WWW-Authenticate challenge its server sent ("" if none)
_DIGESTS: dict[str, urllib.request.HTTPDigestAuthHandler] = {}  # origin and login -> its handler (counts nonce uses)


def _challenge(url: str) -> str:
    """What the server asks for, learnt once per server from a HEAD request without a body: a
    server may answer a large upload with 401 and close before reading it, so the login has to go
    with the first request that carries the body."""
    key = credentials.origin(url)
    if key not in _CHALLENGES:
        try:
            _OPENER.open(urllib.request.Request(url, method="HEAD", headers={"User-Agent": USER_AGENT}), timeout=30).close()
            _CHALLENGES[key] = ""
        except urllib.error.HTTPError as exc:
            _CHALLENGES[key] = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
        except (urllib.error.URLError, OSError):
            _CHALLENGES[key] = ""  # the request itself will say what is wrong
    return _CHALLENGES[key]


def _with_login(req: urllib.request.Request) -> urllib.request.OpenerDirector:
    """The plain opener, or one that answers the server's Basic or Digest challenge with the login
    (and the login sent at once where the server is known to ask for it)."""
    url = req.full_url
    login = credentials.login_for(url)
    if login is None:
        return _OPENER
    if login.token is not None:
        req.add_unredirected_header("Authorization", f"Bearer {login.token}")
        return _OPENER
    key = credentials.origin(url)
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, key, login.user or "", login.password or "")
    handler = f"{key} {login.user}:{login.password}"  # a new login gets a handler of its own
    if handler not in _DIGESTS:
        _DIGESTS[handler] = urllib.request.HTTPDigestAuthHandler(passwords)
    digest = _DIGESTS[handler]
    scheme, _, rest = _challenge(url).partition(" ")
    large = req.data is not None and not (isinstance(req.data, bytes) and len(req.data) < SMALL_BODY)
    for one in ([urllib.request.Request(url, method="HEAD", headers={"User-Agent": USER_AGENT})]
                if large else []) + [req]:
        # With a large body, the login is tried first without it: a server that refuses the login
        # may close before reading the body, which would look like a broken connection.
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{login.user}:{login.password}".encode()).decode("ascii")
            one.add_unredirected_header("Authorization", f"Basic {token}")
        elif scheme.lower() == "digest":
            answer = digest.get_authorization(one, urllib.request.parse_keqv_list(
                [part for part in urllib.request.parse_http_list(rest) if part]))
            if answer:
                one.add_unredirected_header("Authorization", f"Digest {answer}")
        if one is not req and scheme.lower() in ("basic", "digest"):
            try:
                _OPENER.open(one, timeout=30).close()
            except urllib.error.HTTPError as exc:
                if exc.code == 401:
                    raise ServerRefused(f"{req.get_method()} {url}: HTTP 401 {exc.reason} (the server refused the login: "
                                        "check the user and password, or the token)", 401) from exc
            except (urllib.error.URLError, OSError):
                pass  # the request itself will say what is wrong
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects(), digest,
                                       urllib.request.HTTPBasicAuthHandler(passwords))


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

    An iterable body is streamed (give Content-Length in ``headers``; make it iterable again if the
    server may ask for a login, because the body is sent again with it). A login for the server
    is used if there is one (sharing/credentials.py); it never appears in a message."""
    url = credentials.without_login(url)
    req = urllib.request.Request(url, data=body, method=method,  # type: ignore[arg-type]
                                 headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        response = _with_login(req).open(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        advice = "" if exc.code != 401 else f" ({LOGIN_ADVICE})" if credentials.login_for(url) is None \
            else " (the server refused the login: check the user and password, or the token)"
        raise ServerRefused(f"{method} {url}: {_error_text(exc)}{advice}", exc.code) from exc
    except ValueError as exc:  # urllib's answer to a challenge it cannot meet (an unknown scheme)
        raise ServerRefused(f"{method} {url}: HTTP 401: {exc} ({LOGIN_ADVICE})", 401) from exc
    except urllib.error.URLError as exc:
        raise Unreachable(f"{method} {url}: cannot reach the server ({exc.reason}); "
                          "is it running, and are the host and port right?") from exc
    except TimeoutError as exc:
        raise Unreachable(f"{method} {url}: no answer within {timeout:g} s") from exc
    except OSError as exc:  # a connection reset while sending, for example
        raise Unreachable(f"{method} {url}: {exc}") from exc
    return response.status, response.headers, response
