"""Centrality and communities on the NetworkX views, written back into the store as RDF.

Plain functions that take a networkx graph and return ``{node: value}``, as networkx's own do;
``compute`` runs the suite on a view and ``write_back`` stores it in the ``graph/metrics/<view>``
named graph. Betweenness is exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes and sampled with a fixed
seed above.

Two engines compute PageRank, betweenness and communities. networkx (pure Python) is the
reference; igraph (C) gives the same numbers a hundred times faster and is used for graphs of more
than ``IGRAPH_FROM`` nodes (``engine="auto"``), such as the whole Anthology's co-authorship graph.
Sampled betweenness picks the same sources as networkx and applies networkx's scaling, so the two
agree to rounding; PageRank agrees to solver tolerance; Louvain's partitions depend on visiting
order, so the engines agree on modularity rather than on labels (tests/test_metrics.py checks all
three).
"""

from __future__ import annotations

import random

import networkx as nx
from rdflib import Literal, URIRef

from .store import Store
from .vocab import GRAPH, KG, XSD

__all__ = ["degree", "weighted_degree", "pagerank", "betweenness", "closeness", "components", "communities",
           "compute", "write_back", "MEASURES", "EXACT_BETWEENNESS_LIMIT", "IGRAPH_FROM", "SAMPLE"]

EXACT_BETWEENNESS_LIMIT = 5000
IGRAPH_FROM = 5000
SAMPLE = 500
SEED = 42


def _engine(graph: nx.Graph, engine: str) -> str:
    if engine not in ("auto", "networkx", "igraph"):
        raise ValueError(f"unknown engine {engine!r}; expected auto, networkx or igraph")
    if engine == "auto":
        engine = "igraph" if graph.number_of_nodes() > IGRAPH_FROM else "networkx"
    return engine


def to_igraph(graph: nx.Graph, weight: str | None = "weight"):
    """The graph as an igraph Graph with vertices in networkx's node order (and the node list)."""
    import igraph as ig

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges()]
    converted = ig.Graph(n=len(nodes), edges=edges, directed=graph.is_directed())
    if weight:
        converted.es["weight"] = [float(d.get(weight, 1)) for _, _, d in graph.edges(data=True)]
    return converted, nodes


def degree(graph: nx.Graph) -> dict[str, float]:
    """Number of neighbours.

    >>> degree(nx.path_graph(["a", "b", "c"]))
    {'a': 1, 'b': 2, 'c': 1}
    """
    return dict(graph.degree())


def weighted_degree(graph: nx.Graph) -> dict[str, float]:
    """Sum of edge weights (shared papers in the co-authorship view)."""
    return dict(graph.degree(weight="weight"))


def pagerank(graph: nx.Graph, engine: str = "auto") -> dict[str, float]:
    """PageRank with edge weights (damping 0.85).

    >>> round(pagerank(nx.star_graph(2), engine="igraph")[0], 3) == round(pagerank(nx.star_graph(2))[0], 3)
    True
    """
    if not graph.number_of_edges():
        return {n: 0.0 for n in graph}
    if _engine(graph, engine) == "networkx":
        return nx.pagerank(graph, weight="weight")
    converted, nodes = to_igraph(graph)
    values = converted.pagerank(damping=0.85, weights="weight", directed=graph.is_directed())
    return dict(zip(nodes, values))


def betweenness(graph: nx.Graph, engine: str = "auto", k: int | None = None) -> dict[str, float]:
    """Normalised betweenness; sampled (``k`` sources, SAMPLE above EXACT_BETWEENNESS_LIMIT nodes, fixed seed).

    The sources are the ones networkx samples with the same seed, and the scaling is networkx's,
    so both engines give the same values.

    >>> betweenness(nx.path_graph(["a", "b", "c"]))["b"]
    1.0
    >>> betweenness(nx.path_graph(["a", "b", "c"]), engine="igraph")["b"]
    1.0
    """
    if k is None and graph.number_of_nodes() > EXACT_BETWEENNESS_LIMIT:
        k = SAMPLE
    if _engine(graph, engine) == "networkx" or graph.is_directed():
        return nx.betweenness_centrality(graph, k=k, seed=SEED)
    converted, nodes = to_igraph(graph, weight=None)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    sources = None if k is None else random.Random(SEED).sample(nodes, k)
    if sources is None:
        raw = converted.betweenness(directed=False)  # unordered pairs
        return {v: 2 * b / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw)}
    index = {node: i for i, node in enumerate(nodes)}
    raw = converted.betweenness(directed=False, sources=[index[s] for s in sources])
    # igraph counts each (source, target) path once, networkx's accumulation twice; networkx then
    # scales sampled sources and the other nodes apart (a source is never an inner node of its
    # own paths): 1/((k-1)(n-2)) and 1/(k(n-2)).
    chosen = set(sources)
    source_scale = 2 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    other_scale = 2 / (k * (n - 2))
    return {v: b * (source_scale if v in chosen else other_scale) for v, b in zip(nodes, raw)}


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


def communities(graph: nx.Graph, engine: str = "auto") -> dict[str, int]:
    """Louvain communities (fixed seed), numbered by size, ties by smallest node."""
    if not graph.number_of_edges():
        found = [{n} for n in graph]
    elif _engine(graph, engine) == "networkx" or graph.is_directed():
        found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    else:
        converted, nodes = to_igraph(graph)
        state = random.getstate()
        random.seed(SEED)  # python-igraph draws from Python's random module
        try:
            membership = converted.community_multilevel(weights="weight").membership
        finally:
            random.setstate(state)
        groups: dict[int, set] = {}
        for node, group in zip(nodes, membership):
            groups.setdefault(group, set()).add(node)
        found = list(groups.values())
    parts = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: i for i, part in enumerate(parts) for node in part}


MEASURES = {
    "degree": (degree, KG.degree), "weighted_degree": (weighted_degree, KG.weightedDegree),
    "pagerank": (pagerank, KG.pagerank), "betweenness": (betweenness, KG.betweenness),
    "closeness": (closeness, KG.closeness), "component": (components, KG.component),
    "community": (communities, KG.community),
}


def compute(graph: nx.Graph, engine: str = "auto") -> dict[str, dict[str, float]]:
    """Every measure on one view: ``{measure: {node: value}}``."""
    fast = {"pagerank", "betweenness", "community"}
    return {name: fn(graph, engine) if name in fast else fn(graph) for name, (fn, _) in MEASURES.items()}


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
