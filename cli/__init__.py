"""The govgraph command line: one module per group of verbs, each a thin call of the library."""
