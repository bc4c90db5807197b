"""A remote SPARQL 1.1 store: an `oxigraph serve` process on 127.0.0.1, loaded by the Graph Store Protocol.

The same builds, named queries, metrics, exports and validation run against it as against the
local store, and give the same answers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from rdflib import Literal, URIRef
from test_serve import free_port

import kg
from kg.errors import KGError
from kg.queries import named_queries
from kg.remote import STAGING, RemoteStore
from kg.vocab import GRAPH


def _start(folder) -> tuple[subprocess.Popen, str]:
    server = shutil.which("oxigraph") or str(__import__("pathlib").Path(sys.executable).with_name("oxigraph"))
    port = free_port()
    proc = subprocess.Popen([server, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2)
            return proc, url
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    proc.kill()
    pytest.fail("oxigraph serve did not answer within 30 s")


@pytest.fixture
def server(tmp_path):
    proc, url = _start(tmp_path / "server")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _graphs(url: str) -> dict[str, int]:
    """Triples per graph, straight from the server (staging graphs included)."""
    store = RemoteStore(url)
    rows = store.values("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    # values() names the kg graphs as the dataset; ask the server about every graph too
    raw = store._post_query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                            dataset=False, accept="text/csv").decode().splitlines()[1:]
    everything = {line.split(",")[0]: int(line.split(",")[1]) for line in raw}
    assert {g: int(n) for g, n in rows}.items() <= everything.items()
    return everything


def test_build_query_and_reingest_against_a_server(server, bundled_graph):
    graph = kg.build(store=server)
    assert isinstance(graph.store, RemoteStore)
    local = bundled_graph.store
    assert len(graph.store) == len(local) == 15670
    assert graph.store.graphs() == local.graphs()
    assert graph.summary() == bundled_graph.summary()
    # every named query answers as the local store does
    params = {"author-papers": {"author": Literal("Yaodong Yang")}, "coauthors": {"author": Literal("Jiaming Ji")},
              "topics-by-author": {"author": Literal("Yaodong Yang")},
              "why-same": {"entity": URIRef(bundled_graph.person("Yaodong Yang"))},
              "coauthor-path": {"from": Literal("Mickel Liu"), "to": Literal("Donghai Hong")}}
    def rows(store, name):  # GROUP_CONCAT and ties in ORDER BY have no defined order: compared as sets
        return sorted(tuple("|".join(sorted(re.split(r" \| |; ", str(v)))) for v in row)
                      for row in store.sparql(named_queries()[name].text, params.get(name, {})))

    for name in named_queries():
        there, here = rows(graph.store, name), rows(local, name)
        assert there == here, name
        assert there, name
    assert graph.coauthors("Yaodong Yang")[0] == ("Jiaming Ji", 8)
    assert graph.coauthor_path("Mickel Liu", "Donghai Hong") == ["Mickel Liu", "Jiaming Ji", "Donghai Hong"]
    # the server keeps it: a fresh client sees it, and building again replaces rather than appends
    before = _graphs(server)
    assert not any(g.startswith(STAGING) for g in before)
    kg.build(store=server)
    assert _graphs(server) == before
    assert len(kg.load(server)) == 15670


def test_views_metrics_exports_and_validation_match_the_local_store(server, bundled_graph, tmp_path):
    graph = kg.build(store=server)
    for name in ("coauthor", "paper-author", "full"):
        remote, local = graph.to_networkx(name), bundled_graph.to_networkx(name)
        assert sorted(remote.nodes(data=True)) == sorted(local.nodes(data=True)), name
        assert sorted(map(sorted, remote.edges())) == sorted(map(sorted, local.edges())), name
    written = graph.export(tmp_path / "remote", ["nt", "nq", "graphml"])
    expected = bundled_graph.export(tmp_path / "local", ["nt", "nq", "graphml"])
    for there, here in zip(written, expected):
        assert there.read_bytes() == here.read_bytes(), there.name
    from kg.validate import validate

    assert validate(graph.store).conforms
    # metrics land in their own graph on the server, queryable like the rest
    run = subprocess.run([sys.executable, "-m", "kg.cli", "metrics", "--store", server, "--top", "1"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[2].split()[:3] == ["1", "Yaodong", "Yang"]
    counts = _graphs(server)
    assert counts[str(GRAPH["metrics/coauthor"])] == 7 * 132
    top = list(graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?name WHERE { ?p kg:pagerank ?pr ; foaf:name ?name } ORDER BY DESC(?pr) LIMIT 1"""))
    assert str(top[0].name) == "Yaodong Yang"
    # a new build carries the metrics graph over (it only replaces the graphs it writes)
    kg.build(store=server)
    assert _graphs(server)[str(GRAPH["metrics/coauthor"])] == 7 * 132


def test_cli_commands_take_a_server_url(server):
    def kg_cli(*args):
        return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True)

    built = kg_cli("build", "--store", server, "--no-export")
    assert built.returncode == 0, built.stderr
    assert "126 papers, 132 people" in built.stdout
    rows = kg_cli("query", "author-papers", "--store", server, "--param", "author=Yaodong Yang", "--format", "csv")
    assert rows.returncode == 0 and len(rows.stdout.splitlines()) == 1 + 18
    path = kg_cli("path", "Mickel Liu", "Donghai Hong", "--store", server)
    assert path.stdout.splitlines()[0] == "Mickel Liu → Jiaming Ji → Donghai Hong"
    assert kg_cli("validate", "--store", server).returncode == 0
    served = kg_cli("serve", "--store", server)
    assert served.returncode == 2 and "is a SPARQL server already" in served.stderr


def test_a_failed_upload_leaves_the_server_as_it_was(server, monkeypatch):
    calls = []
    real_put = RemoteStore._put

    def flaky(self, name, data, bulk=False):
        calls.append(str(name))
        if len(calls) == 3:
            raise KGError("connection dropped (simulated)")
        return real_put(self, name, data, bulk)

    # into an empty server: the graphs created before the failure are dropped again
    monkeypatch.setattr(RemoteStore, "_put", flaky)
    with pytest.raises(KGError, match="simulated"):
        kg.build(store=server)
    assert calls[:2] and not any(c.startswith(STAGING) for c in calls)
    assert _graphs(server) == {}
    # over a loaded server: the new versions were staged, and the staging graphs are dropped
    monkeypatch.setattr(RemoteStore, "_put", real_put)
    kg.build(store=server)
    before = _graphs(server)
    calls.clear()
    monkeypatch.setattr(RemoteStore, "_put", flaky)
    with pytest.raises(KGError, match="simulated"):
        kg.build(store=server)
    assert all(c.startswith(STAGING) for c in calls)
    assert _graphs(server) == before


def test_a_broken_input_never_reaches_the_server(server, tmp_path):
    kg.build(store=server)
    before = _graphs(server)
    broken = tmp_path / "broken.txt"
    broken.write_text("not a publication listing\n", encoding="utf-8")
    with pytest.raises(KGError, match="broken.txt:1: expected one of the known capture formats"):
        kg.build([broken], store=server)
    assert _graphs(server) == before


def test_the_anthology_subset_loads_into_the_server(server, acl_subset, tmp_path):
    graph = kg.build(store=server, acl_anthology=acl_subset)
    local = kg.build(store=tmp_path / "local", acl_anthology=acl_subset)
    assert len(graph.store) == len(local.store) > 100_000
    counts = _graphs(server)
    for name in local.store.graphs():
        assert counts[str(name)] == len(local.store.graph(name)), name
    same_as = """PREFIX schema: <https://schema.org/>
        SELECT ?p ?a WHERE { GRAPH <https://w3id.org/kg/graph/links/acl-anthology> { ?p schema:sameAs ?a } }"""
    linked = {(str(r.p), str(r.a)) for r in graph.sparql(same_as)}
    assert linked == {(str(r.p), str(r.a)) for r in local.sparql(same_as)}
    assert any(a.endswith("2024.acl-long.511") for _, a in linked)
    local.store.close()


def test_errors_name_the_server_and_escape_values(server):
    free = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(KGError, match=f"{free}: cannot reach the SPARQL endpoint"):
        kg.load(free)
    graph = kg.build(store=server)
    with pytest.raises(KGError, match="SPARQL query failed"):
        graph.sparql("SELECT ?x WHERE { ?x ?p }")
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    assert list(graph.sparql("SELECT ?s WHERE { ?s ?p ?name }", name=hostile)) == []
    assert len(graph.store) == 15670
