"""The do-it-yourself baseline: what someone without govgraph would write to answer a question.

    python benchmarks/diy_rdflib.py QUERY.rq GRAPH.ttl [ONTOLOGY.ttl ...]

Parses the Turtle files `govgraph build` wrote into one rdflib graph, runs the query text, and
prints the number of result rows (benchmarks/national.py times the whole process, from start).
"""
import sys

from rdflib import Graph

query, *files = sys.argv[1:]
graph = Graph()
for path in files:
    graph.parse(path, format="turtle")
with open(query, encoding="utf-8") as text:
    rows = list(graph.query(text.read()))
print(len(rows))
