"""Named questions, ad-hoc SPARQL, `can` and `explain` on a built arrangement.

Only the defaults a command shows in its --help live here, so that building the command line
imports nothing else (the engine imports rdflib).
"""

DEFAULT_TIMEOUT = 30.0  # seconds a query may run unless the user says otherwise
