"""Metrics on the seed co-authorship graph: who ranks first, written back and queryable."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg import metrics


@pytest.fixture(scope="module")
def graph_and_results():
    graph = kg.build()
    view = graph.to_networkx("coauthor")
    return graph, view, metrics.compute(view)


def top(view, values, n=1):
    return [view.nodes[x]["label"] for x in sorted(values, key=lambda x: (-values[x], x))[:n]]


def test_rankings(graph_and_results):
    _, view, results = graph_and_results
    assert top(view, results["degree"], 3) == ["Yaodong Yang", "Donghai Hong", "Jiaming Ji"]
    assert top(view, results["weighted_degree"], 2) == ["Yaodong Yang", "Jiaming Ji"]
    assert top(view, results["pagerank"], 2) == ["Yaodong Yang", "Jiaming Ji"]
    assert top(view, results["betweenness"], 2) == ["Yaodong Yang", "Jiaming Ji"]
    assert top(view, results["closeness"]) == ["Yaodong Yang"]


def test_known_coauthor_count_and_path(graph_and_results):
    graph, view, _ = graph_and_results
    assert dict(graph.coauthors("Yaodong Yang"))["Jiaming Ji"] == 8
    yang, ji = graph.person("Yaodong Yang"), graph.person("Jiaming Ji")
    assert view.edges[yang, ji]["weight"] == 8
    hong = graph.person("Donghai Hong")
    path = nx.shortest_path(view, graph.person("Mickel Liu"), hong)
    assert [view.nodes[n]["label"] for n in path] == ["Mickel Liu", "Jiaming Ji", "Donghai Hong"]


def test_components_and_communities_partition_the_people(graph_and_results):
    _, view, results = graph_and_results
    assert set(results["component"]) == set(view.nodes) == set(results["community"])
    yang = next(n for n in view if view.nodes[n]["label"] == "Yaodong Yang")
    assert results["component"][yang] == 0  # in the largest component
    assert results["component"] == metrics.components(view)  # deterministic


def test_written_back_and_queryable(graph_and_results):
    graph, _, results = graph_and_results
    count = metrics.write_back(graph.store, "coauthor", results)
    assert count == 7 * len(results["degree"])
    rows = list(graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?name ?pr WHERE { ?p kg:pagerank ?pr ; foaf:name ?name } ORDER BY DESC(?pr) LIMIT 1"""))
    assert str(rows[0].name) == "Yaodong Yang"
    size = len(graph.store)
    assert metrics.write_back(graph.store, "coauthor", results) == count
    assert len(graph.store) == size  # the metrics graph is replaced, not appended to


def test_cli_metrics_table():
    run = subprocess.run([sys.executable, "-m", "kg.cli", "metrics", "--top", "3", "--by", "degree"],
                         capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("coauthor view: 132 nodes")
    assert lines[2].split()[:3] == ["1", "Yaodong", "Yang"]


# --- the fast engine (igraph) against the reference (networkx) ---------------------------------

def test_engines_agree_on_the_seed_graph(graph_and_results):
    _, view, reference = graph_and_results
    fast = metrics.compute(view, engine="igraph")
    assert reference == metrics.compute(view, engine="networkx")  # the seeds run on networkx by default
    for node in view:
        assert fast["betweenness"][node] == pytest.approx(reference["betweenness"][node], abs=1e-12)
        assert fast["pagerank"][node] == pytest.approx(reference["pagerank"][node], rel=2e-3)
    # the gap is networkx's stopping tolerance: iterated to convergence, networkx gives igraph's values
    converged = nx.pagerank(view, weight="weight", tol=1e-12, max_iter=10_000)
    assert max(abs(fast["pagerank"][n] - converged[n]) for n in view) < 1e-9
    assert top(view, fast["pagerank"], 3) == top(view, reference["pagerank"], 3)
    quality = {name: nx.community.modularity(view, _groups(result["community"]), weight="weight")
               for name, result in (("igraph", fast), ("networkx", reference))}
    assert quality["igraph"] == pytest.approx(quality["networkx"], abs=0.02)
    assert quality["igraph"] > 0.4


def _groups(labels: dict) -> list[set]:
    out: dict[int, set] = {}
    for node, label in labels.items():
        out.setdefault(label, set()).add(node)
    return list(out.values())


def test_sampled_betweenness_is_the_same_in_both_engines():
    graph = nx.connected_watts_strogatz_graph(800, 6, 0.2, seed=7)
    graph = nx.relabel_nodes(graph, {n: f"p{n:04d}" for n in graph})
    graph.add_edge("x1", "x2")  # a second component
    reference = metrics.betweenness(graph, engine="networkx", k=60)
    fast = metrics.betweenness(graph, engine="igraph", k=60)
    assert reference == nx.betweenness_centrality(graph, k=60, seed=metrics.SEED)
    assert max(abs(fast[n] - reference[n]) for n in graph) < 1e-12
    ranked = [sorted(values, key=lambda n: (-round(values[n], 12), n))[:5] for values in (fast, reference)]
    assert ranked[0] == ranked[1]


def test_both_engines_find_planted_communities():
    graph = nx.planted_partition_graph(4, 40, 0.5, 0.005, seed=3)
    planted = [set(range(i * 40, (i + 1) * 40)) for i in range(4)]
    for engine in ("networkx", "igraph"):
        found = _groups(metrics.communities(graph, engine=engine))
        assert sorted(map(sorted, found)) == sorted(map(sorted, planted)), engine


def test_auto_engine_switches_on_size(monkeypatch):
    small = nx.path_graph(5)
    assert metrics._engine(small, "auto") == "networkx"
    monkeypatch.setattr(metrics, "IGRAPH_FROM", 3)
    assert metrics._engine(small, "auto") == "igraph"
    with pytest.raises(ValueError, match="unknown engine"):
        metrics._engine(small, "graph-tool")
