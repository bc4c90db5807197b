"""Building the graph: counts, specific triples, stable IRIs, nothing dropped, the CLI's main job."""

from __future__ import annotations

import subprocess
import sys

from rdflib import Literal, URIRef

import kg
from kg.mapping import record_iri
from kg.vocab import DCTERMS, FABIO, KG, PROV, RDF, SDO, XSD, iri

PREFIX = "PREFIX kg: <https://w3id.org/kg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#> " \
         "PREFIX schema: <https://schema.org/> PREFIX dcterms: <http://purl.org/dc/terms/> "


def test_summary_counts(bundled_graph):
    summary = bundled_graph.summary()
    # 147 records -> 126 papers (see test_resolve for each merge); 132 people; venues: ACL series, ACL 2025,
    # its Long Papers and Findings volumes, NAACL, NAACL 2025 and its demos volume, arXiv, ACL Anthology listing.
    assert summary["papers"] == 126
    assert summary["people"] == 132
    assert summary["venues"] == 9
    assert summary["triples"] > 8000


def test_every_record_lands_on_exactly_one_paper(bundled_graph):
    rows = bundled_graph.sparql(PREFIX + """SELECT ?record (COUNT(DISTINCT ?paper) AS ?n) WHERE {
        ?record a kg:Record . OPTIONAL { ?paper a schema:ScholarlyArticle ; prov:wasDerivedFrom ?record }
        } GROUP BY ?record""")
    counts = [int(r.n) for r in rows]
    assert len(counts) == 147 and set(counts) == {1}


def test_specific_triples(bundled_graph):
    ds = bundled_graph.store.dataset
    papers = [p for p in ds.subjects(DCTERMS.title, Literal(
        "PKU-SafeRLHF: Towards Multi-Level Safety Alignment for LLMs with Human Preference")) if "/paper/" in p]
    assert len(papers) == 1
    paper = papers[0]
    assert (paper, RDF.type, SDO.ScholarlyArticle) in ds
    assert (paper, RDF.type, FABIO.ConferencePaper) in ds
    assert (paper, DCTERMS.creator, iri("person", "yaodong-yang")) in ds
    assert (paper, DCTERMS.issued, Literal("2024-06-20", datatype=XSD.date)) in ds
    assert (paper, PROV.wasDerivedFrom, record_iri("000_a8c70102ec3b7c08.txt#L13-L18")) in ds
    first = URIRef(f"{paper}/author/1")
    assert (first, KG.position, Literal(1)) in ds and (first, KG.person, iri("person", "jiaming-ji")) in ds
    record = record_iri("004_54dc1b1a95aff96c.txt#L30-L35")  # SPADE-Bench, 'CLJun 1' on a 2026 page
    assert (record, DCTERMS.issued, Literal("2026-06-01", datatype=XSD.date)) in ds
    assert (record, KG.dateInferred, Literal(True)) in ds
    assert (record, KG.authorsTruncated, Literal(True)) in ds
    assert (record, KG.categoryCode, Literal("CL")) in ds


def test_each_source_in_its_own_named_graph(bundled_graph):
    graphs = [str(g) for g in bundled_graph.store.graphs()]
    assert len([g for g in graphs if "/graph/source/" in g]) == 5
    assert "https://w3id.org/kg/graph/resolved" in graphs


def test_same_input_same_iris_and_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    kg.build().export(first, ["nt", "ttl", "graphml"])
    kg.build().export(second, ["nt", "ttl", "graphml"])
    for name in ("graph.nt", "graph.ttl", "graph.graphml"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_cli_build_writes_exports_and_summary(tmp_path):
    out = tmp_path / "exports"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(out)], capture_output=True,
                         text=True, check=True)
    assert "126 papers, 132 people, 9 venues" in run.stdout
    assert "147 paper records -> 126 papers" in run.stdout
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.graphml").stat().st_size > 0


def test_cli_build_from_paths_and_broken_file(seeds, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("h-index4\nCLSep 19, 2023\nTitle\nA B et al.\nshort\n")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--no-export",
                          str(seeds / "000_a8c70102ec3b7c08.txt"), str(broken)], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.strip() == "kg: error: broken.txt:5: expected an abstract paragraph, found 'short'"
    assert "Traceback" not in run.stderr
    ok = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--no-export",
                         str(seeds / "000_a8c70102ec3b7c08.txt")], capture_output=True, text=True, check=True)
    assert "7 papers" in ok.stdout


def test_raw_captures_keep_abstracts(seed_graph):
    rows = list(seed_graph.sparql(PREFIX + "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle ; "
                                  "dcterms:abstract ?a }"))
    assert int(rows[0].n) == 126


def test_committed_exports_are_the_main_jobs_output(tmp_path):
    """exports/ holds what `kg build` writes today (regenerate with `kg build` when this fails)."""
    from conftest import ROOT

    graph = kg.build()
    graph.export(tmp_path, ["nt", "graphml"])
    graph.view_html(tmp_path / "graph.html")
    for name in ("graph.nt", "graph.graphml", "graph.html"):
        assert (ROOT / "exports" / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_venue_year_counts_are_stored_and_equal_the_walk(bundled_graph):
    """papers-per-venue-year reads Data Cube observations counted at build time, beside the captures."""
    from rdflib import Literal

    from kg.queries import get_query
    from kg.stats import DATASET, direct_counts, stats_graph
    from kg.vocab import KG, QB

    store = bundled_graph.store
    rows = {(str(r.venue), str(r.year) if r.year is not None else None): int(r.papers)
            for r in store.sparql(get_query("papers-per-venue-year").text)}
    assert rows == direct_counts(store)
    assert rows[("arXiv", "2025")] > 0 and ("NAACL", "2025") in rows
    observations = store.graph(stats_graph("corpus"))
    assert len(set(observations.subjects(QB.dataSet, DATASET))) == len(rows)
    assert (None, KG.venueLabel, Literal("NAACL")) in observations
    one = store.sparql(get_query("papers-per-venue-year").text, {"venue": Literal("ACL 2025")})
    assert {(str(r.year), int(r.papers)) for r in one} == {(y, n) for (v, y), n in rows.items() if v == "ACL 2025"}
