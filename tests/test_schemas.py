"""schemas/: the SHACL shapes run clean on the main job's graph and catch a broken one; the
ontology describes every kg term; the shipped copies are current."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from rdflib import Graph, Literal, URIRef

from kg.ontology import ONTOLOGY_FILE, TERMS, ontology_graph
from kg.validate import validate
from kg.vocab import KG, RDF, RDFS, SDO, XSD, iri


def test_shapes_in_schemas_are_the_packaged_ones():
    assert (ROOT / "schemas" / "shapes.ttl").read_bytes() == (ROOT / "kg" / "data" / "shapes.ttl").read_bytes()


def test_main_jobs_graph_conforms(bundled_graph):
    report = validate(bundled_graph.store)
    assert report.conforms, report.text()


def test_broken_graph_is_caught_by_node():
    import kg

    graph = kg.build()
    g = graph.store.graph(URIRef("https://w3id.org/kg/graph/broken"))
    paper = iri("paper", "broken")
    g.add((paper, RDF.type, SDO.ScholarlyArticle))
    g.add((paper, RDFS.label, Literal("one title")))
    g.add((paper, RDFS.label, Literal("another title")))
    g.add((paper, URIRef("http://purl.org/dc/terms/issued"), Literal("2024-13", datatype=XSD.string)))
    dataset = iri("dataset", "beavertails")
    g.add((dataset, KG.artifactKind, Literal("widget")))
    authorship = iri("paper", "broken", "author", "1")
    g.add((authorship, RDF.type, KG.Authorship))
    g.add((authorship, KG.position, Literal(0)))
    report = validate(graph.store)
    assert not report.conforms
    nodes = report.by_node()
    assert set(nodes) == {str(paper), str(dataset), str(authorship)}
    paper_messages = {v.message for v in nodes[str(paper)]}
    assert "a paper has exactly one label (its title)" in paper_messages
    assert "a paper's date is one xsd:date, xsd:gYearMonth or xsd:gYear" in paper_messages
    assert "a paper names the source records it was resolved from" in paper_messages
    assert {v.path for v in nodes[str(dataset)]} == {str(KG.artifactKind)}
    assert {v.path for v in nodes[str(authorship)]} == {str(KG.nameAsPrinted), str(KG.position)}
    text = report.text()
    assert text.startswith(f"{len(report.violations)} violation(s) on 3 node(s):") and str(paper) in text


def test_cli_validate_exit_codes(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "kg", "validate"], capture_output=True, text=True)
    assert ok.returncode == 0 and "conforms" in ok.stdout
    strict = tmp_path / "strict.ttl"
    strict.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:s> a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:property [ sh:path schema:email ; sh:minCount 1 ; sh:message "a person needs an e-mail" ] .
""", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "kg", "validate", "--shapes", str(strict)], capture_output=True,
                         text=True)
    assert bad.returncode == 1
    assert bad.stdout.startswith("132 violation(s) on 132 node(s):") and "a person needs an e-mail" in bad.stdout


def test_ontology_describes_every_term_and_is_current():
    assert set(TERMS) == set(KG.__annotations__)
    on_disk = Graph().parse(ONTOLOGY_FILE)
    assert set(on_disk) == set(ontology_graph())
    assert (KG.introduces, RDFS.range, KG.Artifact) in on_disk
    assert (KG.Benchmark, RDFS.subClassOf, URIRef("http://www.w3.org/ns/dcat#Dataset")) in on_disk
