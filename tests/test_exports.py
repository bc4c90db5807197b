"""Exports re-read by other tools: rdflib and pyoxigraph agree on Turtle, N-Triples and JSON-LD;
networkx and igraph agree on GraphML; an interrupted export leaves the old file in place."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import ROOT
from rdflib import BNode, Graph, Literal, URIRef

from kg.export import atomic_write

EXPORTS = ROOT / "exports"
_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _canonical(triples) -> set[tuple[str, str, str]]:
    """Triples as (s, p, o) strings: IRIs bare, literals as lexical form + datatype or language."""
    out = set()
    for s, p, o in triples:
        if isinstance(o, Literal):
            lexical = str(o)
            if o.datatype == _DECIMAL:  # rdflib's JSON-LD reader writes "1" back as "1.0": same value
                lexical = format(Decimal(lexical).normalize(), "f")
            obj = f'"{lexical}"@{o.language}' if o.language else f'"{lexical}"^^{o.datatype or "xsd:string"}'
        else:
            obj = str(o)
        out.add((str(s), str(p), obj.replace("^^http://www.w3.org/2001/XMLSchema#string", "^^xsd:string")))
    return out


def _rdflib(name: str, fmt: str) -> set:
    return _canonical(Graph().parse(EXPORTS / name, format=fmt))


def _oxigraph(name: str, fmt: ox.RdfFormat) -> set:
    return _canonical((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
                      for t in ox.parse(path=str(EXPORTS / name), format=fmt))


@pytest.fixture(scope="module")
def reference() -> set:
    return _oxigraph("graph.nt", ox.RdfFormat.N_TRIPLES)


def test_turtle_and_ntriples_agree_in_rdflib_and_oxigraph(reference):
    assert len(reference) > 15_000
    assert _rdflib("graph.nt", "nt") == reference
    assert _rdflib("graph.ttl", "turtle") == reference
    assert _oxigraph("graph.ttl", ox.RdfFormat.TURTLE) == reference


def test_jsonld_has_a_context_and_the_same_triples(reference):
    import json

    data = json.loads((EXPORTS / "graph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert data["@context"]["kg"] == "https://w3id.org/kg/ns#"
    assert _rdflib("graph.jsonld", "json-ld") == reference
    assert _oxigraph("graph.jsonld", ox.RdfFormat.JSON_LD) == reference


def test_nquads_keep_the_named_graphs():
    graphs = {q.graph_name.value for q in ox.parse(path=str(EXPORTS / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert "https://w3id.org/kg/graph/resolved" in graphs and "https://w3id.org/kg/graph/topics" in graphs
    assert sum(g.startswith("https://w3id.org/kg/graph/source/") for g in graphs) == 5


def test_graphml_reads_the_same_in_networkx_and_igraph():
    path = EXPORTS / "graph.graphml"
    nxg = nx.read_graphml(path)
    igg = igraph.Graph.Read_GraphML(str(path))
    assert nxg.number_of_nodes() == igg.vcount() and nxg.number_of_edges() == igg.ecount()
    ids = igg.vs["id"]
    assert set(ids) == set(nxg.nodes)
    assert {frozenset((ids[e.source], ids[e.target])) for e in igg.es} == {frozenset(e) for e in nxg.edges}
    # attributes: the same values, typed the way Gephi reads them, never None or a Python list repr
    for v in igg.vs:
        attrs = nxg.nodes[v["id"]]
        assert v["kind"] == attrs["kind"] and v["label"] == attrs["label"]
        if "year" in attrs:
            assert int(v["year"]) == attrs["year"] and isinstance(attrs["year"], int)
    keys = ET.parse(path).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("node", "label")] == "string" and types[("node", "year")] in ("int", "long")
    assert types[("edge", "position")] in ("int", "long")
    assert set(types.values()) <= {"string", "int", "long", "double", "float", "boolean"}
    text = path.read_text(encoding="utf-8")
    assert ">None<" not in text and ">[" not in text and "&lt;" not in text.split("<graph")[0]


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.nt"
    target.write_bytes(b"the good file\n")

    class Interrupted(KeyboardInterrupt):
        pass

    def broken_fsync(_fd):
        raise Interrupted()

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(Interrupted):
        atomic_write(target, b"half of a new file")
    assert target.read_bytes() == b"the good file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]  # no temporary file left behind
