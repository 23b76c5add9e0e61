"""`python -m govgraph.graph_builder` runs the govgraph command line."""
from govgraph.graph_builder.cli import main

main()
