"""Sharing the graph over HTTP: the SPARQL server, push to a store, and asking a remote endpoint."""
