"""govgraph: governance arrangements as a checked, queryable knowledge graph."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govgraph")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
