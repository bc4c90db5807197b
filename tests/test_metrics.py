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
