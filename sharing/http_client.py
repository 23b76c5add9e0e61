"""HTTP to a SPARQL server the user named, and nowhere else; with credentials, never shown.

Two rules make "nothing is sent anywhere except the URL you typed" true: proxy settings in the
environment (http_proxy, https_proxy ...) are ignored (http.client never reads them), and
redirects are not followed (a server that answers 3xx gets an error saying where it wanted to
send the request). Errors come in two kinds because they call for different fixes:
``Unreachable`` (nothing answered: wrong host or port, server down, timeout) and
``ServerRefused`` (a server answered with an HTTP error). ``Unreachable.delivered`` says what is
known about the request body: False (it never left), or None (all of it was sent and no answer
came, so the server may have acted on it).

Credentials, first found wins:
1. the URL's user information, ``http://USER:PASSWORD@host/...``;
2. ``GOVGRAPH_ENDPOINT_TOKEN`` (``Authorization: Bearer``);
3. ``GOVGRAPH_ENDPOINT_USER`` and ``GOVGRAPH_ENDPOINT_PASSWORD``;
4. the host's ``machine`` entry in ``~/.netrc`` (or the file ``NETRC`` names).
A user and password go as HTTP basic, or as HTTP digest (RFC 7616, MD5 or SHA-256, qop=auth)
when the server's 401 asks for digest (Virtuoso's ``-auth`` endpoints do): the request is then
sent once more with the answer to the server's challenge.
They go only to the URL given (never to an address a redirect names), and no message shows
them: every error and log line passes through ``redact``, which also hides the values of
query-string parameters that look like secrets (``?token=``, ``?api_key=`` ...).
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import netrc
import os
import re
import secrets
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO, Union
from urllib.parse import parse_qsl, unquote, urlsplit

from ..common.errors import GovgraphError

USER_AGENT = "govgraph"
# How much of an error body to show: servers explain their refusals there (Oxigraph, Fuseki do).
ERROR_BODY_CHARS = 600
TOKEN_ENV, USER_ENV, PASSWORD_ENV = "GOVGRAPH_ENDPOINT_TOKEN", "GOVGRAPH_ENDPOINT_USER", "GOVGRAPH_ENDPOINT_PASSWORD"
SECRET_PARAMS = re.compile(r"token|key|secret|password|passwd|pwd|auth|sig|signature|credential|session", re.I)
HIDDEN = "***"
_secrets: set[str] = set()  # every credential seen in this process, hidden from every message


def redact(text: str) -> str:
    """``text`` with every known credential, URL user information and secret-looking query value hidden."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    text = re.sub(r"(\b[a-z][a-z0-9+.-]*://)[^/\s@'\"]*@", rf"\1{HIDDEN}@", text, flags=re.I)
    return re.sub(r"([?&;](?:[\w.-]*(?:token|key|secret|password|passwd|pwd|auth|sig|signature|credential|session)"
                  r"[\w.-]*)=)[^&#\s'\"]*", rf"\1{HIDDEN}", text, flags=re.I)


def _remember(*secrets: str | None) -> None:
    for secret in secrets:
        if secret and len(secret) >= 3:  # shorter ones would blank out ordinary words
            _secrets.add(secret)


class EndpointError(GovgraphError, RuntimeError):
    """Talking to the server failed; the message says what happened and what to try."""

    def __init__(self, message: str):
        super().__init__(redact(message))


class Unreachable(EndpointError):
    """No answer: connection refused, unknown host, TLS failure or time out."""

    def __init__(self, message: str, delivered: bool | None = False):
        super().__init__(message)
        self.delivered = delivered


class ServerRefused(EndpointError):
    """The server answered with an HTTP error status (or a redirect, which is not followed)."""

    def __init__(self, message: str, status: int, challenge: str = ""):
        super().__init__(message)
        self.status, self.challenge = status, challenge


class BadEndpoint(GovgraphError, ValueError):
    """The URL itself is unusable (not http or https, no host, control characters)."""

    def __init__(self, message: str):
        super().__init__(redact(message))


def checked_url(url: str, option: str = "--endpoint") -> str:
    """``url`` if it is an absolute http(s) URL with a host; BadEndpoint otherwise."""
    bad = next((c for c in url if ord(c) < 0x21 or ord(c) == 0x7F), None)
    if bad is not None:
        raise BadEndpoint(f"{option} must not hold spaces or control characters (found U+{ord(bad):04X} in "
                          f"{redact(repr(url))}); percent-encode them (%20, %0D, %0A)")
    parts = urlsplit(url)
    _remember(parts.password, *(value for key, value in parse_qsl(parts.query) if SECRET_PARAMS.search(key)))
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise BadEndpoint(f"{option} has a port that is not a number: {redact(repr(url))}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadEndpoint(f"{option} must be an http:// or https:// URL with a host, "
                          f"for example http://127.0.0.1:7878/query, not {redact(repr(url))}")
    if parts.fragment:
        raise BadEndpoint(f"{option} must not have a #fragment: {redact(repr(url))}")
    return url


def with_params(url: str, query: str) -> str:
    """``url`` with an encoded query string added (after its own, if it has one)."""
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


def shown(url: str) -> str:
    """The URL as messages show it: credentials hidden."""
    return redact(url)


@dataclass(frozen=True)
class _Target:
    https: bool
    host: str
    port: int | None
    path: str
    authorization: str | None
    login: tuple[str, str] | None  # user and password, for a digest challenge


def _basic(user: str, password: str) -> str:
    _remember(password)
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


_challenges: dict[tuple[str, int | None], str] = {}  # (host, port) -> the digest challenge it last sent
_counts: dict[str, int] = {}  # nonce -> requests made with it (the digest's nc)
_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')
_DIGESTS = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


def _digest(challenge: str, login: tuple[str, str], method: str, uri: str) -> str | None:
    """The Authorization header answering a ``Digest`` challenge (RFC 7616), or None if unsupported."""
    params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
              for m in _CHALLENGE_PARAM.finditer(challenge.split(None, 1)[1] if " " in challenge else "")}
    algorithm = params.get("algorithm", "MD5").upper()
    if algorithm not in _DIGESTS or "nonce" not in params:
        return None
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    if qops and "auth" not in qops:
        return None
    h = lambda text: _DIGESTS[algorithm](text.encode("utf-8")).hexdigest()  # noqa: E731
    user, password = login
    realm, nonce = params.get("realm", ""), params["nonce"]
    ha1, ha2 = h(f"{user}:{realm}:{password}"), h(f"{method}:{uri}")
    fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
    if qops:
        cnonce = secrets.token_hex(8)
        _counts[nonce] = _counts.get(nonce, 0) + 1
        count = f"{_counts[nonce]:08x}"
        fields.update(qop="auth", nc=count, cnonce=cnonce)
        fields["response"] = h(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}")
    else:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
    if "opaque" in params:
        fields["opaque"] = params["opaque"]
    unquoted = {"algorithm", "qop", "nc"}
    return "Digest " + ", ".join(f"{k}={v}" if k in unquoted else f'{k}="{v}"' for k, v in fields.items())


def _netrc_entry(host: str) -> tuple[str, str] | None:
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise BadEndpoint(f"{path} could not be read ({getattr(exc, 'msg', exc)}, line {getattr(exc, 'lineno', '?')}); "
                          "correct it or remove the entry") from None
    return (entry[0], entry[2] or "") if entry else None


def _target(url: str) -> _Target:
    """Where to connect, the path to ask for, and the Authorization header, if any credentials apply."""
    parts = urlsplit(checked_url(url))
    host = parts.hostname or ""
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    login: tuple[str, str] | None = None
    if parts.username is not None or parts.password is not None:
        login = (unquote(parts.username or ""), unquote(parts.password or ""))
    elif os.environ.get(TOKEN_ENV):
        _remember(os.environ[TOKEN_ENV])
        return _Target(parts.scheme == "https", host, parts.port, path, f"Bearer {os.environ[TOKEN_ENV]}", None)
    elif os.environ.get(USER_ENV) or os.environ.get(PASSWORD_ENV):
        login = (os.environ.get(USER_ENV, ""), os.environ.get(PASSWORD_ENV, ""))
    else:
        login = _netrc_entry(host)
    authorization = _basic(*login) if login else None
    if authorization:
        _remember(authorization.split(" ", 1)[1])
    return _Target(parts.scheme == "https", host, parts.port, path, authorization, login)


def _error_text(status: int, reason: str, response: http.client.HTTPResponse) -> str:
    try:
        body = response.read(ERROR_BODY_CHARS * 4).decode("utf-8", "replace").strip()
    except (OSError, http.client.HTTPException):
        body = ""
    body = " ".join(body.split())[:ERROR_BODY_CHARS]
    return f"HTTP {status} {reason}" + (f": {body}" if body else "")


def _connection(target: _Target, timeout: float | None) -> http.client.HTTPConnection:
    if target.https:
        return http.client.HTTPSConnection(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
    return http.client.HTTPConnection(target.host, target.port, timeout=timeout)


Body = Union[bytes, Callable[[], Iterable[bytes]], None]


def request(method: str, url: str, body: Body = None,
            headers: dict[str, str] | None = None, timeout: float | None = 60.0) -> tuple[int, Message, IO[bytes]]:
    """Send one request; (status, headers, open response) for 2xx, else Unreachable or ServerRefused.

    ``body`` is bytes, or a function giving the chunks to stream (give Content-Length in
    ``headers``; it is called again if a digest challenge makes the request go twice). A server
    that answers before taking the whole body (401 or 413 to a large upload, say) is reported
    with its answer."""
    target = _target(url)
    where = (target.host, target.port)
    known = _challenges.get(where) if target.login else None  # this server asked for digest before
    first = (_digest(known, target.login, method, target.path) if known and target.login else None) or target.authorization
    try:
        return _send(method, url, target, body, headers, timeout, first)
    except ServerRefused as refused:
        if refused.status != 401 or not target.login:
            raise
        challenge = refused.challenge or _challenge_of(url, target, timeout)
        answer = _digest(challenge, target.login, method, target.path) if challenge.lower().startswith("digest") else None
        if answer is None:
            raise
        _challenges[where] = challenge
        return _send(method, url, target, body, headers, timeout, answer)


def _challenge_of(url: str, target: _Target, timeout: float | None) -> str:
    """The server's WWW-Authenticate challenge, asked for without credentials: some servers
    (Virtuoso) answer a wrong kind of credentials with a bare 401 that names no scheme."""
    try:
        _send("GET", url, target, None, {}, timeout, None)
    except ServerRefused as refused:
        return refused.challenge
    return ""


def _send(method: str, url: str, target: _Target, body: Body, headers: dict[str, str] | None,
          timeout: float | None, authorization: str | None) -> tuple[int, Message, IO[bytes]]:
    where = f"{method} {shown(url)}"
    conn = _connection(target, timeout)
    all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    if authorization:
        all_headers["Authorization"] = authorization
    if isinstance(body, bytes):
        all_headers.setdefault("Content-Length", str(len(body)))
    try:
        conn.putrequest(method, target.path, skip_accept_encoding=True)
        for key, value in all_headers.items():
            conn.putheader(key, value)
        conn.endheaders()
    except (socket.gaierror, ConnectionRefusedError, TimeoutError, ssl.SSLError, OSError) as exc:
        conn.close()
        reason = "no answer in time" if isinstance(exc, TimeoutError) else getattr(exc, "strerror", None) or exc
        raise Unreachable(f"{where}: cannot reach the server ({reason}); is it running, and are the host "
                          "and port right?", delivered=False) from exc
    broke: OSError | None = None
    try:
        for chunk in [body] if isinstance(body, bytes) else body() if body else []:
            conn.send(chunk)
    except OSError as exc:  # the server may have answered early and closed: read what it said
        broke = exc
    try:
        response = conn.getresponse()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        if broke is not None:
            raise Unreachable(f"{where}: the connection broke while sending ({broke}); the server did not "
                              "take the whole request", delivered=False) from exc
        if isinstance(exc, TimeoutError):
            raise Unreachable(f"{where}: no answer within {timeout:g} s after the request was sent",
                              delivered=None) from exc
        raise Unreachable(f"{where}: the connection broke after the request was sent ({exc})", delivered=None) from exc
    status = response.status
    if 300 <= status < 400:
        location = response.getheader("Location", "another address")
        response.close()
        raise ServerRefused(f"{shown(url)} answered HTTP {status} and redirects to {location}; govgraph sends "
                            "nothing to any address but the one given: use that URL instead", status)
    if status >= 400:
        challenge = response.getheader("WWW-Authenticate", "")
        text = _error_text(status, response.reason, response)
        response.close()
        raise ServerRefused(f"{where}: {text}", status, challenge)
    return status, response.headers, response  # type: ignore[return-value]
