"""The Anthology in the store: its own graph, seeds linked by the resolution rules, an on-disk store
reused by later commands, re-ingest that replaces, and failures that change nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from rdflib import URIRef

import kg
from kg import ParseError
from kg.acl import ACL_GRAPH, LINKS_GRAPH
from kg.vocab import SDO, iri

# The seed papers (titles as the seeds print them) that are Anthology papers (ACL 2025 main is not in the data)
SEED_IN_ANTHOLOGY = {
    "Libra-Leaderboard: Towards Responsible AI through a Balanced Leaderboard of Safety and Capability":
        "2025.naacl-demo.23",
    "Large Language Models are not Fair Evaluators": "2024.acl-long.511",
    "AlignScore: Evaluating Factual Consistency with a Unified Alignment Function": "2023.acl-long.634",
    "Ensuring Safe and High-Quality Outputs: A Guideline Library Approach for Language Models": "2024.naacl-long.65",
    "Judging the Judges: Evaluating Alignment and Vulnerabilities in LLMs-as-Judges": "2025.gem-1.33",
}


@pytest.fixture(scope="module")
def built(acl_subset, tmp_path_factory):
    """The store's folder, built once; closed, so that each test (and the processes it starts) can
    open it, whichever tests run and in whatever order."""
    store = tmp_path_factory.mktemp("stores") / "graph.db"
    kg.build(store=store, acl_anthology=acl_subset).store.close()
    return store


@pytest.fixture
def acl_graph(built):
    graph = kg.load(built)
    yield graph
    graph.store.close()


def _count(store_path) -> int:
    graph = kg.load(store_path)
    try:
        return len(graph.store)
    finally:
        graph.store.close()


def test_anthology_in_its_own_graph(acl_graph):
    graph = acl_graph
    assert ACL_GRAPH in graph.store.graphs() and LINKS_GRAPH in graph.store.graphs()
    acl = graph.store.graph(ACL_GRAPH)
    paper = URIRef(iri("acl", "paper", "2024.acl-long.1"))
    assert (paper, URIRef("http://purl.org/dc/terms/creator"), URIRef(iri("acl", "person", "zhihao-zhang"))) in acl
    assert (paper, SDO.sameAs, URIRef("https://aclanthology.org/2024.acl-long.1/")) in acl


def test_a_built_store_is_compacted(built):
    """The bulk load leaves its index files stacked (a set per million triples, and one per graph
    written after it: 24 files for this subset), which every lookup would read until RocksDB merged
    them. The build merges them: at most one file for each of Oxigraph's 12 column families."""
    store = built
    files = list(store.glob("*.sst"))
    assert 0 < len(files) <= 12, sorted(f.name for f in files)


def test_seed_papers_link_to_their_anthology_records_and_no_others(acl_graph):
    graph = acl_graph
    rows = graph.sparql("""PREFIX schema: <https://schema.org/> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title ?acl WHERE { GRAPH <https://w3id.org/kg/graph/links/acl-anthology> { ?seed schema:sameAs ?acl }
        FILTER(STRSTARTS(STR(?seed), "https://w3id.org/kg/id/paper/")) ?seed dcterms:title ?title }""")
    linked = {str(r.title): str(r.acl).rsplit("/", 1)[1] for r in rows}
    assert linked == SEED_IN_ANTHOLOGY
    rules = {str(r.rule) for r in graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#>
        SELECT DISTINCT ?rule WHERE { ?m a kg:Merge ; kg:rule ?rule ; kg:right ?r
        FILTER(STRSTARTS(STR(?r), "https://w3id.org/kg/id/acl/")) }""")}
    assert rules == {"same-title", "same-paper-same-position"}


def test_seed_authors_link_to_anthology_persons(acl_graph):
    graph = acl_graph
    g = graph.store.graph(LINKS_GRAPH)
    assert (URIRef(iri("person", "yaodong-yang")), SDO.sameAs,
            URIRef(iri("acl", "person", "yaodong-yang"))) in g
    assert (URIRef(iri("person", "haonan-li")), SDO.sameAs, URIRef(iri("acl", "person", "haonan-li"))) in g
    people = {str(o) for s, o in g.subject_objects(SDO.sameAs) if "/id/person/" in str(s)}
    assert len(people) == 35  # the Libra-Leaderboard authors: the one seed record with a full author list


def test_store_is_reused_and_reingest_replaces(built, acl_subset):
    store = built
    before = _count(store)
    out = subprocess.run([sys.executable, "-m", "kg", "query", "coauthors", "--param", "author=Haonan Li",
                          "--store", str(store), "--format", "csv"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "Timothy Baldwin" in out.stdout  # a co-author on Anthology papers, from the store as built
    again = kg.build(store=store, acl_anthology=acl_subset)
    assert len(again.store) == before
    again.store.close()
    assert not list(store.parent.glob(".graph.db.*"))  # no working copies left behind


def test_broken_file_leaves_the_store_as_it_was(built, acl_subset, tmp_path):
    store = built
    before = _count(store)
    broken = tmp_path / "acl-anthology-data"
    shutil.copytree(acl_subset, broken)
    (broken / "xml" / "2099.zzz.xml").write_text(
        "<?xml version='1.0'?>\n<collection id=\"2099.zzz\">\n  <volume id=\"1\">\n    <meta>\n"
        "  </volume>\n</collection>\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"xml/2099\.zzz\.xml:5: expected well-formed Anthology XML"):
        kg.build(store=store, acl_anthology=broken)
    assert _count(store) == before
    assert not list(store.parent.glob(".graph.db.*"))


def test_interrupt_leaves_the_store_as_it_was(built, acl_subset):
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) in the middle of the Anthology's ingest."""
    import os
    import signal
    import time

    store = built
    before = _count(store)
    run = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--store", str(store), "--acl-anthology",
                            str(acl_subset), "--no-export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(store.parent.glob(".graph.db.building-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2.0)  # the seeds are in; the Anthology's collections are being read and loaded
    assert run.poll() is None, "the build ended before it could be interrupted"
    os.killpg(run.pid, signal.SIGINT)
    _out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "kg: interrupted" in err
    assert _count(store) == before
    assert not list(store.parent.glob(".graph.db.*"))


def test_papers_per_venue_year_counts_anthology_papers_by_their_year(built, acl_subset):
    from rdflib import Literal

    from kg.queries import get_query
    from kg.sources.acl_anthology import Anthology

    graph = kg.load(built)  # a fresh handle: other tests rebuild the store in place
    try:
        rows = {str(r.year): int(r.papers) for r in graph.store.sparql(get_query("papers-per-venue-year").text,
                                                                       {"venue": Literal("NAACL")})}
    finally:
        graph.store.close()
    expected: dict[str, int] = {}
    reader = Anthology(acl_subset)
    reader.load_yaml()
    for volume in reader.volumes():
        if "naacl" in volume.venues:
            papers = sum(1 for p in volume.papers if not p.frontmatter)
            expected[str(volume.year)] = expected.get(str(volume.year), 0) + papers
    assert "None" not in rows and rows.keys() >= {"2022", "2024", "2025"}
    for year, count in expected.items():
        assert rows[year] >= count  # the seed corpus adds its own NAACL papers on top
    assert rows["2022"] == expected["2022"]


def test_venue_year_counts_equal_the_walk_over_the_graph(built):
    """The named query reads counts made at build time; they must be what walking the graph gives."""
    from kg.acl import ACL_STATS_GRAPH
    from kg.queries import get_query
    from kg.stats import direct_counts

    graph = kg.load(built)
    try:
        rows = {(str(r.venue), str(r.year) if r.year is not None else None): int(r.papers)
                for r in graph.store.sparql(get_query("papers-per-venue-year").text)}
        walked = direct_counts(graph.store)
        assert ACL_STATS_GRAPH in graph.store.graphs()
    finally:
        graph.store.close()
    assert len(rows) > 100
    assert rows == walked
    assert rows[("NAACL", "2022")] > 0  # a series label; volume titles and event ids count as well
    assert any(label.startswith("naacl-") for label, _ in rows)


def test_events_and_sigs_are_in_the_graph(built, acl_subset):
    from kg.sources.acl_anthology import Anthology

    reader = Anthology(acl_subset)
    reader.load_yaml()
    volumes = {v.id: v for v in reader.volumes()}
    expected_sponsors = set()
    for sig, info in reader.sigs.items():
        for meeting in info.get("Meetings") or []:
            for entries in meeting.values():
                expected_sponsors |= {(e.strip(), sig) for e in entries or [] if isinstance(e, str)
                                      and e.strip() in volumes}
    graph = kg.load(built)
    try:
        sponsors = {(str(r.v).rsplit("/", 1)[1], str(r.s).rsplit("/", 1)[1]) for r in graph.sparql(
            "PREFIX schema: <https://schema.org/> SELECT ?v ?s WHERE { ?v schema:sponsor ?s }")}
        events = {str(r.label) for r in graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#>
            PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?label WHERE { <https://w3id.org/kg/id/acl/volume/2024.acl-long> dcterms:isPartOf ?e .
                                  ?e a kg:VenueEvent ; rdfs:label ?label }""")}
    finally:
        graph.store.close()
    assert expected_sponsors and sponsors == expected_sponsors
    assert events == {"acl-2024"}


def _collection(collection: str, doi: str) -> str:
    return (f"<?xml version='1.0'?>\n<collection id=\"{collection}\">\n  <volume id=\"1\">\n    <meta>\n"
            "      <booktitle>Proceedings of a Test Workshop</booktitle>\n      <year>2099</year>\n"
            "      <venue>ws</venue>\n    </meta>\n    <paper id=\"1\">\n      <title>A Test Paper</title>\n"
            "      <author><first>Ada</first><last>Tester</last></author>\n"
            f"      <doi>{doi}</doi>\n    </paper>\n  </volume>\n</collection>\n")


def test_ids_and_urls_from_the_data_become_valid_iris_or_a_clear_error(acl_subset, tmp_path):
    # the loader skips IRI checks (lenient), so the writer must never hand it an invalid IRI
    data = tmp_path / "acl-anthology-data"
    shutil.copytree(acl_subset, data)
    (data / "xml" / "2099.zzz.xml").write_text(_collection("2099.zzz", "10.9999/bad%zz"), encoding="utf-8")
    (data / "xml" / "2099.yyy.xml").write_text(_collection("2099.yyy", "10.9999/Good-1"), encoding="utf-8")
    store = tmp_path / "graph.db"
    graph = kg.build(store=store, acl_anthology=data)
    bad, good = iri("acl", "paper", "2099.zzz-1.1"), iri("acl", "paper", "2099.yyy-1.1")
    def same_as(paper):
        return {row[0] for row in graph.store.values(f"SELECT ?o WHERE {{ <{paper}> <{SDO.sameAs}> ?o }}")}

    assert same_as(bad) == {"https://aclanthology.org/2099.zzz-1.1/"}  # the DOI is left out
    assert same_as(good) == {"https://aclanthology.org/2099.yyy-1.1/", "https://doi.org/10.9999/good-1"}
    graph.store.close()
    before = _count(store)

    (data / "xml" / "2099.xxx.xml").write_text(_collection("2099.x x", "10.9999/x"), encoding="utf-8")
    with pytest.raises(kg.KGError, match=r"xml/2099\.x x\.xml: the Anthology id '2099\.x x-1' has characters"):
        kg.build(store=store, acl_anthology=data)
    assert _count(store) == before
