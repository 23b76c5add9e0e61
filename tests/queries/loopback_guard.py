"""Imported by the sharing tests (and, as sitecustomize, by the commands they start): any socket
connection to an address that is not loopback fails the test, so "nothing is contacted but
127.0.0.1" is checked, not assumed. Every connection is also written to $GOVGRAPH_CONNECT_LOG."""
from __future__ import annotations

import ipaddress
import os
import socket

_connect = socket.socket.connect


def _loopback(address: object) -> bool:
    if not isinstance(address, tuple):  # a Unix socket (multiprocessing's own pipes)
        return True
    host = str(address[0])
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def guarded_connect(self: socket.socket, address: object) -> None:
    log = os.environ.get("GOVGRAPH_CONNECT_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{address!r}\n")
    if not _loopback(address):
        raise AssertionError(f"a test tried to connect to {address!r}, which is not loopback")
    _connect(self, address)


def install() -> None:
    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
