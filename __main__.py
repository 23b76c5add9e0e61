"""`python -m govgraph` runs the govgraph command line."""
from .cli.app import main

main()
