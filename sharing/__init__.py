"""Sharing the graph over HTTP: the SPARQL server, push to a store, and asking a remote endpoint.

Only the defaults a command shows in its --help live here, so that building the command line
imports nothing else.
"""
import os

PUSH_TIMEOUT = 600.0  # seconds to wait for a server's answer to a push: a large arrangement takes a while to index
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))  # warm query processes of `serve`
