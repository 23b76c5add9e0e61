"""Logins for SPARQL servers that need them (`push`, `--endpoint`), from where users keep them.

Looked up in this order, for the server the URL names and no other:

1. the URL itself: ``http://USER:PASSWORD@host:port/path`` (taken out of the URL at once, so it is
   never printed in a message or a log line);
2. the environment: ``GOVGRAPH_TOKEN`` (sent as ``Authorization: Bearer TOKEN``) or
   ``GOVGRAPH_LOGIN`` (``USER:PASSWORD``);
3. ``~/.netrc`` (``machine HOST login USER password PASSWORD``), as curl and git read it.

A user and password answer the server's challenge, HTTP Basic or Digest (Virtuoso's ``-auth``
endpoints ask for Digest); they are sent only after the server asks, so a server that needs no
login never sees them. A token is sent with every request.
"""
from __future__ import annotations

import netrc
import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

TOKEN_VARIABLE = "GOVGRAPH_TOKEN"
LOGIN_VARIABLE = "GOVGRAPH_LOGIN"


@dataclass(frozen=True)
class Login:
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:  # never shown, not even in a traceback's locals
        return f"Login(user={self.user!r}, password=..., token=...)"


_FROM_URLS: dict[str, Login] = {}  # origin -> the login a URL carried


def origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def without_login(url: str) -> str:
    """``url`` with any ``user:password@`` taken out (and kept for requests to that server)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    _FROM_URLS[origin(url)] = Login(unquote(parts.username or ""), unquote(parts.password or ""))
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _from_netrc(host: str) -> Login | None:
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None  # no ~/.netrc, or one that cannot be read: no login from it
    if entry is None:
        return None
    user, _account, password = entry
    return Login(user or None, password or "")


def login_for(url: str) -> Login | None:
    """The login to use with the server ``url`` names, or None."""
    if origin(url) in _FROM_URLS:
        return _FROM_URLS[origin(url)]
    if os.environ.get(TOKEN_VARIABLE):
        return Login(token=os.environ[TOKEN_VARIABLE])
    if os.environ.get(LOGIN_VARIABLE):
        user, _, password = os.environ[LOGIN_VARIABLE].partition(":")
        return Login(user, password)
    return _from_netrc(urlsplit(url).hostname or "")


def forget() -> None:
    """Drop the logins taken from URLs (for tests, and for a long-running caller)."""
    _FROM_URLS.clear()
