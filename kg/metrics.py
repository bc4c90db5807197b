"""Centrality and communities on the NetworkX views, written back into the store as RDF.

Plain functions that take a graph and return ``{node: value}``, as networkx's own do; ``compute``
runs the suite on a view and ``write_back`` stores it in the ``graph/metrics/<view>`` named graph.
Betweenness is exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes and sampled with a fixed seed above.
"""

from __future__ import annotations

import networkx as nx
from rdflib import Literal, URIRef

from .store import Store
from .vocab import GRAPH, KG, XSD

__all__ = ["degree", "weighted_degree", "pagerank", "betweenness", "closeness", "components", "communities",
           "compute", "write_back", "MEASURES", "EXACT_BETWEENNESS_LIMIT"]

EXACT_BETWEENNESS_LIMIT = 5000
SEED = 42


def degree(graph: nx.Graph) -> dict[str, float]:
    """Number of neighbours.

    >>> degree(nx.path_graph(["a", "b", "c"]))
    {'a': 1, 'b': 2, 'c': 1}
    """
    return dict(graph.degree())


def weighted_degree(graph: nx.Graph) -> dict[str, float]:
    """Sum of edge weights (shared papers in the co-authorship view)."""
    return dict(graph.degree(weight="weight"))


def pagerank(graph: nx.Graph) -> dict[str, float]:
    """PageRank with edge weights."""
    return nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {n: 0.0 for n in graph}


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """Normalised betweenness; sampled (k=500, fixed seed) above EXACT_BETWEENNESS_LIMIT nodes.

    >>> betweenness(nx.path_graph(["a", "b", "c"]))["b"]
    1.0
    """
    k = None if graph.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT else 500
    return nx.betweenness_centrality(graph, k=k, seed=SEED)


def closeness(graph: nx.Graph) -> dict[str, float]:
    """Closeness centrality (Wasserman–Faust scaled for disconnected graphs).

    It needs a search from every node, so it is left out (an empty result) above
    EXACT_BETWEENNESS_LIMIT nodes, where it would take hours; PageRank and sampled betweenness
    cover those graphs.
    """
    if graph.number_of_nodes() > EXACT_BETWEENNESS_LIMIT:
        return {}
    return nx.closeness_centrality(graph)


def components(graph: nx.Graph) -> dict[str, int]:
    """Connected component index, 0 for the largest, ties broken by the smallest node id."""
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    return {node: i for i, part in enumerate(parts) for node in part}


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered by size."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED) if graph.number_of_edges() else [
        {n} for n in graph]
    parts = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: i for i, part in enumerate(parts) for node in part}


MEASURES = {
    "degree": (degree, KG.degree), "weighted_degree": (weighted_degree, KG.weightedDegree),
    "pagerank": (pagerank, KG.pagerank), "betweenness": (betweenness, KG.betweenness),
    "closeness": (closeness, KG.closeness), "component": (components, KG.component),
    "community": (communities, KG.community),
}


def compute(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Every measure on one view: ``{measure: {node: value}}``."""
    return {name: fn(graph) for name, (fn, _) in MEASURES.items()}


def write_back(store: Store, view_name: str, results: dict[str, dict[str, float]]) -> int:
    """Store the values as ``<node> kg:<measure> value`` in the named graph ``graph/metrics/<view>``."""
    triples = []
    for name, values in results.items():
        prop = MEASURES[name][1]
        for node, value in values.items():
            literal = Literal(int(value)) if name in ("degree", "component", "community") else Literal(
                round(float(value), 9), datatype=XSD.double)
            triples.append((URIRef(node), prop, literal))
    return store.replace_graph(GRAPH[f"metrics/{view_name}"], triples)
