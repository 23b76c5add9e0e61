"""Plumbing every layer may use: whole-or-nothing file writes, console output, progress."""
