"""Datasets, benchmarks, links and topics found in the real captures, and how they reach the graph."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ACL_PAGE, PROFILE
from rdflib import Literal, URIRef

from kg import KGError
from kg.enrich import annotate, find_artifacts, load_scheme
from kg.enrich.artifacts import find_figures, name_like
from kg.mapping import RESOLVED_GRAPH
from kg.queries import get_query
from kg.sources import parse_file
from kg.vocab import CITO, DCAT, DCTERMS, KG, PROV, RDF, SDO, SKOS, iri

# Every named dataset, benchmark, environment or leaderboard the captures say a paper introduces.
INTRODUCED = {
    "BeaverTails", "PKU-SafeRLHF", "Safety-Gymnasium", "SafeLawBench", "NaVAB", "Libra-Leaderboard", "SafeMT",
    "HA-Desire", "SIV-Bench", "SEBench", "BeHonest", "RewardBench 2", "7Bench", "VS-Bench", "StyleBench", "LITMUS",
    "DeepResearchGym", "PacifAIst", "Q-EVAL-100K", "ProgressGym", "D-REX", "RAG-RewardBench", "Moral RolePlay",
    "SPADE-Bench", "MiraBench", "ATBench", "VLA-Arena", "InterMT", "InterMT-Bench", "HKMMLU", "DeceptionBench",
    "ThinkPatterns-21k", "MVFNDB", "TencentLLMEval",
}
# Names in the same sentences that are methods, metrics, models or sub-tasks, not datasets.
NOT_ARTIFACTS = {"SafeMCP", "AgentDoG", "CUP", "MIR", "Varco Arena", "Varco", "OmniSafe", "Baichuan Alignment", "SSU",
                 "SSR", "SDP", "EvoBot", "Aligner", "QAlign", "EGuR", "PG-Follow", "Werewolf", "LLMs", "RLHF"}


@pytest.fixture(scope="module")
def annotated(seeds):
    return [annotate(parse_file(p)) for p in sorted(seeds.glob("*.txt"))]


@pytest.fixture(scope="module")
def found(annotated):
    return [(r, f) for d in annotated for r in d.papers for f in (r.findings.artifacts if r.findings else [])]


def test_every_introduced_artifact_is_found_and_nothing_else(found):
    introduced = {f.name for _, f in found if f.role == "introduces" and f.name}
    assert introduced == INTRODUCED
    names = {f.name for _, f in found if f.name}
    assert not names & NOT_ARTIFACTS
    assert all(name_like(n) for n in names)


def test_ordinary_phrases_are_not_datasets():
    assert find_artifacts(None, "We introduce a new method that is robust and efficient.") == []
    assert find_artifacts(None, "Social media platforms provide an ideal testbed for such studies.") == []
    assert find_artifacts(None, "To train SafeMCP, we introduce a three-stage pipeline.") == []
    assert find_artifacts(None, "We propose CUP, a Conservative Update Policy algorithm.") == []
    assert find_artifacts("Varco Arena: A Tournament Approach to Reference-Free Benchmarking", None) == []
    # a benchmark evaluating LLMs does not make "LLMs" a benchmark
    assert [f.name for f in find_artifacts(None, "We introduce SafeMT, a benchmark for LLMs.")] == ["SafeMT"]


def test_beavertails_figures_and_page(found):
    beaver = next(f for r, f in found if f.name == "BeaverTails" and f.role == "introduces")
    assert beaver.kind == "dataset"
    assert {(g.value, g.counts) for g in beaver.figures} == {
        (333963, "question-answer pairs"), (361903, "pairs of expert comparison data")}


def test_pku_saferlhf_figures_and_siblings(found):
    pku = next(f for r, f in found if f.name == "PKU-SafeRLHF" and r.source.document == PROFILE)
    assert {(g.value, g.counts) for g in pku.figures} == {
        (44600, "refined prompts"), (265000, "question-answer pairs"), (19, "harm categories"),
        (3, "severity levels"), (166800, "preference data")}
    assert {(r.relation, r.target) for r in pku.relations} == {("sibling-of", "SafeRLHF"),
                                                                ("sibling-of", "BeaverTails")}


def test_datasets_a_paper_evaluates_on_are_used(found):
    used = {(r.title, f.name) for r, f in found if f.role == "uses"}
    assert ("Baichuan 2: Open Large-scale Language Models", "GSM8K") in used
    assert ("Baichuan 2: Open Large-scale Language Models", "HumanEval") in used
    assert any(name == "TriviaQA" for _, name in used)


def test_figures_skip_scores_and_names():
    assert find_figures("It improves by 52.34 points and 23.8% across 3 models.") == []
    assert [(f.value, f.counts) for f in find_figures("a 5,000-sample hierarchical prompt dataset")] == [
        (5000, "samples")]


def test_graph_links_datasets_to_papers(bundled_graph):
    g = bundled_graph.store.graph(RESOLVED_GRAPH)
    beaver = iri("dataset", "beavertails")
    pku = iri("dataset", "pku-saferlhf")
    saferlhf = iri("dataset", "saferlhf")
    assert (beaver, RDF.type, DCAT.Dataset) in g and (beaver, RDF.type, SDO.Dataset) in g
    assert (pku, KG.siblingOf, beaver) in g and (beaver, KG.siblingOf, pku) in g
    assert (pku, KG.siblingOf, saferlhf) in g
    assert (pku, DCAT.landingPage, URIRef("https://huggingface.co/datasets/PKU-Alignment/PKU-SafeRLHF")) in g
    assert (beaver, DCAT.landingPage, URIRef("https://sites.google.com/view/pku-beavertails")) in g
    intro = list(g.objects(beaver, KG.introducedBy))
    assert len(intro) == 1 and str(g.value(intro[0], DCTERMS.title)).startswith("BeaverTails: Towards")
    # the PKU-SafeRLHF paper (one paper across four captures) mentions BeaverTails as its sibling
    pku_paper = g.value(pku, KG.introducedBy)
    assert (pku_paper, SDO.mentions, beaver) in g
    # RewardBench 2 is a revision of the RewardBench another sentence names
    assert (iri("dataset", "rewardbench-2"), PROV.wasRevisionOf, iri("dataset", "rewardbench")) in g
    # MMLU is used by two papers and mentioned by a third
    mmlu = iri("dataset", "mmlu")
    assert len(set(g.subjects(CITO.usesDataFrom, mmlu))) == 2
    assert len(set(g.subjects(SDO.mentions, mmlu))) == 1


def test_code_repositories_are_entities(bundled_graph):
    g = bundled_graph.store.graph(RESOLVED_GRAPH)
    repo = URIRef("https://github.com/PKU-Alignment/ProgressGym")
    assert (repo, RDF.type, KG.CodeRepository) in g and (repo, RDF.type, SDO.SoftwareSourceCode) in g
    assert (iri("dataset", "progressgym"), KG.codeRepository, repo) in g
    assert len(set(g.subjects(KG.codeRepository, repo))) == 2  # the paper and the environment
    # a GitHub user page is not a repository; an arXiv link is the paper's identifier, not a page
    assert (URIRef("https://github.com/zmsn-2077/"), RDF.type, KG.CodeRepository) not in g
    assert (URIRef("https://arxiv.org/abs/2310.19852"), RDF.type, KG.ProjectPage) not in g


def test_evidence_of_each_artifact_mention(bundled_graph):
    rows = list(bundled_graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#>
        SELECT ?rule ?role ?printed WHERE { ?m a kg:ArtifactMention ; kg:artifact ?a ; kg:rule ?rule ;
        kg:role ?role ; kg:nameAsPrinted ?printed } ORDER BY ?rule ?role""",
                                        a=iri("dataset", "q-eval-100k")))
    assert {(str(r.rule), str(r.role)) for r in rows} == {("kind-then-parenthesis", "introduces")}
    assert {str(r.printed) for r in rows} == {"Q-EVAL-100K"}


def test_bundle_gives_the_same_enrichment_as_the_captures(seed_graph, bundled_graph):
    predicates = [KG.introduces, CITO.usesDataFrom, SDO.mentions, DCTERMS.subject, KG.siblingOf, KG.figure,
                  DCAT.landingPage, KG.codeRepository, KG.projectPage, KG.confidence, KG.rule]
    for p in predicates:
        raw = set(seed_graph.store.graph(RESOLVED_GRAPH).triples((None, p, None)))
        shipped = set(bundled_graph.store.graph(RESOLVED_GRAPH).triples((None, p, None)))
        assert raw == shipped, p
        assert raw, p


# --- topics ---------------------------------------------------------------------------------


def test_topic_scheme_is_skos_with_hierarchy():
    scheme = load_scheme()
    rlhf = scheme.concepts["https://w3id.org/kg/id/topic/rlhf"]
    assert rlhf.label == "RLHF and preference learning"
    assert set(rlhf.broader) == {"https://w3id.org/kg/id/topic/alignment", "https://w3id.org/kg/id/topic/rl"}
    g = scheme.graph
    assert (URIRef("https://w3id.org/kg/id/topic/alignment"), SKOS.narrower,
            URIRef("https://w3id.org/kg/id/topic/rlhf")) in g
    assert (URIRef("https://w3id.org/kg/id/arxiv/cs.CL"), SKOS.notation, Literal("cs.CL")) in g


def test_papers_get_topics_with_rule_and_confidence(bundled_graph):
    rows = list(bundled_graph.sparql("""PREFIX kg: <https://w3id.org/kg/ns#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?topic ?rule ?confidence WHERE { ?p dcterms:title ?title ; kg:topicAssignment ?t .
        ?t kg:topic ?topic ; kg:rule ?rule ; kg:confidence ?confidence }""",
                                     title=Literal("Safety-Gymnasium: A Unified Safe Reinforcement Learning "
                                                   "Benchmark")))
    got = {(str(r.topic).rsplit("/", 1)[1], str(r.rule), float(r.confidence)) for r in rows}
    assert ("cs.AI", "arxiv-category", 1.0) in got  # printed "AI" on the profile page
    assert ("safe-rl", "title-label", 0.9) in got
    assert ("evaluation", "title-label", 0.9) in got


def test_user_scheme_adds_concepts(tmp_path):
    import kg

    scheme = tmp_path / "mine.ttl"
    scheme.write_text("""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix my: <https://example.org/topics/> .
my:scaling a skos:Concept ; skos:prefLabel "Scaling laws"@en ; skos:hiddenLabel "scaling law" ;
    skos:broader <https://w3id.org/kg/id/topic/evaluation> .
""", encoding="utf-8")
    graph = kg.build(topics=[scheme])  # the bundle has no abstracts: a user's scheme matches titles
    rows = list(graph.sparql("""PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX kg: <https://w3id.org/kg/ns#>
        SELECT ?title ?rule WHERE { ?p dcterms:subject <https://example.org/topics/scaling> ; dcterms:title ?title ;
        kg:topicAssignment [ kg:topic <https://example.org/topics/scaling> ; kg:rule ?rule ] }"""))
    assert {(str(r.title), str(r.rule)) for r in rows} == {
        ("When Slower Isn't Truer: Inverse Scaling Law of Truthfulness in Multimodal Reasoning", "title-label")}
    assert dict(graph.topics())["Scaling laws"] == 1
    # the user's concept sits in the store's topic graph beside the defaults
    assert graph.sparql("ASK { <https://example.org/topics/scaling> "
                        "<http://www.w3.org/2004/02/skos/core#broader> <https://w3id.org/kg/id/topic/evaluation> }"
                        ).askAnswer


def test_user_scheme_on_raw_captures_reads_abstracts(seeds, tmp_path):
    import kg

    scheme = tmp_path / "mine.ttl"
    scheme.write_text("""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/topics/legal> a skos:Concept ; skos:prefLabel "Law and AI"@en ; skos:hiddenLabel "legal" .
""", encoding="utf-8")
    graph = kg.build([seeds / ACL_PAGE], topics=[scheme])
    titles = {str(r.title) for r in graph.sparql("""PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title WHERE { ?p dcterms:subject <https://example.org/topics/legal> ; dcterms:title ?title }""")}
    assert titles == {"SafeLawBench: Towards Safe Alignment of Large Language Models",
                      "Benchmarking Multi-National Value Alignment for Large Language Models"}


def test_broken_scheme_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> a skos:Concept ;\n  skos:prefLabel \n",
                   encoding="utf-8")
    with pytest.raises(KGError, match=r"bad\.ttl.*expected a SKOS topic scheme"):
        load_scheme([bad])
    empty = tmp_path / "empty.ttl"
    empty.write_text("<https://x.org/a> <https://x.org/b> <https://x.org/c> .\n", encoding="utf-8")
    with pytest.raises(KGError, match="expected skos:Concept"):
        load_scheme([empty], with_defaults=False)


# --- queries and API ------------------------------------------------------------------------


def test_datasets_query_lists_introducer_figures_and_users(bundled_graph):
    rows = {str(r.name): r for r in bundled_graph.store.sparql(get_query("datasets").text)}
    pku = rows["PKU-SafeRLHF"]
    assert str(pku.introducedBy) == "PKU-SafeRLHF: Towards Multi-Level Safety Alignment for LLMs with Human Preference"
    assert "44.6k refined prompts" in str(pku.figures) and "three severity levels" in str(pku.figures)
    assert int(rows["MMLU"].users) == 3
    assert int(rows["BeaverTails"].users) == 1
    environments = {str(r.name) for r in bundled_graph.store.sparql(get_query("datasets").text,
                                                                     {"only": Literal("environment")})}
    assert environments == {"DeepResearchGym", "HA-Desire", "ProgressGym", "Safety-Gymnasium"}


def test_api_datasets_and_topics(bundled_graph):
    datasets = {d["name"]: d for d in bundled_graph.datasets()}
    assert datasets["HKMMLU"]["kind"] == "benchmark"
    assert (26698, "multi-choice questions") in datasets["HKMMLU"]["figures"]
    assert {d["name"] for d in bundled_graph.datasets(kind="leaderboard")} == {
        "Alpaca-Eval", "Libra-Leaderboard", "Open LLM Leaderboard"}
    topics = dict(bundled_graph.topics())
    strong = dict(bundled_graph.topics(min_confidence=0.9))
    assert topics["AI safety"] > strong["AI safety"] > 0
    assert "Computation and Language" in strong


def test_topics_by_author_query(bundled_graph):
    text = get_query("topics-by-author").text
    rows = list(bundled_graph.store.sparql(text, {"author": Literal("Yaodong Yang")}))
    by_topic = {str(r.topic): int(r.papers) for r in rows}
    papers = len(bundled_graph.papers(author="Yaodong Yang"))
    assert max(by_topic.values()) <= papers
    assert by_topic["AI safety"] >= 5
    strong = {str(r.topic) for r in bundled_graph.store.sparql(text, {"author": Literal("Yaodong Yang"),
                                                                       "min": Literal(1.0)})}
    assert strong and all(bundled_graph.store.sparql(
        "ASK { ?c <http://www.w3.org/2004/02/skos/core#inScheme> <https://w3id.org/kg/id/arxiv/> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }", {"l": Literal(t, lang="en")}).askAnswer
        for t in strong)


def test_coauthor_path_query_and_api(bundled_graph):
    assert bundled_graph.coauthor_path("Boren Zheng", "Artem Shelmanov") == [
        "Boren Zheng", "Donghai Hong", "Artem Shelmanov"]
    row = next(iter(bundled_graph.store.sparql(get_query("coauthor-path").text,
                                               {"from": Literal("Boren Zheng"), "to": Literal("Artem Shelmanov")})))
    assert (int(row.hops), str(row.via1)) == (2, "Donghai Hong")
    assert bundled_graph.coauthor_path("Jiaming Ji", "Yaodong Yang") == ["Jiaming Ji", "Yaodong Yang"]


def test_cli_path_and_optional_params():
    out = subprocess.run([sys.executable, "-m", "kg", "path", "Boren Zheng", "Artem Shelmanov"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "Boren Zheng → Donghai Hong → Artem Shelmanov" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "kg", "query", "datasets", "--param", "nope=1"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "has no parameter nope" in bad.stderr
    csv = subprocess.run([sys.executable, "-m", "kg", "query", "datasets", "--param", "only=leaderboard",
                          "--format", "csv"], capture_output=True, text=True)
    assert csv.returncode == 0 and csv.stdout.splitlines()[0].startswith("name,kind,introducedBy")
    assert len(csv.stdout.splitlines()) == 4


def test_full_view_holds_datasets_and_topics(bundled_graph):
    graph = bundled_graph.to_networkx("full")
    kinds = {}
    for _, attrs in graph.nodes(data=True):
        kinds[attrs["kind"]] = kinds.get(attrs["kind"], 0) + 1
    assert kinds["benchmark"] == 30 and kinds["dataset"] == 24 and kinds["topic"] >= 20
    beaver = str(iri("dataset", "beavertails"))
    pku = str(iri("dataset", "pku-saferlhf"))
    assert graph.edges[beaver, pku]["relation"] == "sibling-of"
    paper = next(n for n in graph.neighbors(beaver) if graph.edges[n, beaver]["relation"] == "introduces")
    assert graph.nodes[paper]["kind"] == "paper"
    assert graph.nodes[paper]["label"].startswith("BeaverTails")
