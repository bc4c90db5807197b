"""Resolution on the real seeds: pairs that must be one entity, pairs that must stay apart, counts."""

from __future__ import annotations

import pytest

from kg.corpus import bundled_documents
from kg.mapping import record_iri
from kg.resolve import Decision, resolve
from kg.resolve.evidence import load_decisions
from kg.resolve.people import compatible_names

ACL, PREVIEW, BY_YEAR, HF, PROFILE = (
    "000_a8c70102ec3b7c08.txt", "001_3ca54b8fab288a6b.txt", "002_eb919ded5d12492e.txt",
    "003_74121ab51abee910.txt", "004_54dc1b1a95aff96c.txt")


@pytest.fixture(scope="module")
def result():
    return resolve(bundled_documents())


def paper_of(result, key):
    return next(p for p in result.papers if any(r.source.key == key for r in p.records))


def person_named(result, name):
    found = [p for p in result.people if p.name == name]
    assert found, name
    return found


def test_distinct_counts(result):
    # 147 records: 7 (ACL page) + 8 (preview) + 16 (by year) + 79 (HF) + 37 (profile).
    # 21 joins: the 7 ACL-page papers each gain their abstract from 001 and 002 (14), 001/002 share
    # the EvoBot abstract (1), 002 and 004 share SafeMT, SafeMCP, When Slower Isn't Truer (3),
    # the Chinese abstract joins AI Alignment survey by its website (1), and the ACL versions of
    # PKU-SafeRLHF and Language Models Resist Alignment join their arXiv versions on 004 (2).
    assert len(result.papers) == 147 - 21 == 126
    # 238 mentions -> 132 people (see the pairs below for which merges that takes).
    assert len(result.people) == 132


def test_acl_version_and_preprint_are_one_paper_with_both_publications(result):
    paper = paper_of(result, f"{ACL}#L13-L18")  # PKU-SafeRLHF at ACL 2025
    keys = {r.source.key for r in paper.records}
    assert keys == {f"{ACL}#L13-L18", f"{PREVIEW}#L11-L11", f"{BY_YEAR}#L19-L19", f"{PROFILE}#L156-L161"}
    assert paper.date.isoformat() == "2024-06-20"  # the arXiv version's date, the earliest
    rules = {m.rule for m in result.merges if m.entity == "paper" and {m.left, m.right} <= keys}
    assert rules == {"same-title", "same-abstract"}


def test_abstract_only_records_join_their_paper(result):
    paper = paper_of(result, f"{BY_YEAR}#L10-L10")
    assert paper.title == "When Slower Isn't Truer: Inverse Scaling Law of Truthfulness in Multimodal Reasoning"
    merge = next(m for m in result.merges if {m.left, m.right} == {f"{BY_YEAR}#L10-L10", f"{PROFILE}#L79-L84"})
    assert merge.rule == "near-identical-abstract" or merge.rule == "same-abstract"


def test_chinese_abstract_joins_by_shared_link(result):
    paper = paper_of(result, f"{BY_YEAR}#L29-L29")
    assert paper.title == "AI Alignment: A Comprehensive Survey"
    merge = next(m for m in result.merges if m.rule == "shared-link")
    assert {merge.left, merge.right} == {f"{BY_YEAR}#L29-L29", f"{PROFILE}#L51-L56"}
    assert merge.note == "alignmentsurvey.com"


def test_unmatched_abstract_stays_untitled_paper(result):
    evobot = paper_of(result, f"{PREVIEW}#L12-L12")
    assert evobot.title is None and evobot.key.startswith("untitled-")
    assert {r.source.key for r in evobot.records} == {f"{PREVIEW}#L12-L12", f"{BY_YEAR}#L20-L20"}
    alone = paper_of(result, f"{BY_YEAR}#L8-L8")  # a 2026 abstract no other capture has
    assert len(alone.records) == 1 and alone.title is None


def test_surveys_on_the_same_subject_stay_apart(result):
    hf_survey = paper_of(result, f"{HF}#L29-L35")  # Large Language Model Alignment: A Survey
    profile_survey = paper_of(result, f"{PROFILE}#L51-L56")  # AI Alignment: A Comprehensive Survey
    human_survey = paper_of(result, f"{HF}#L201-L207")  # Aligning Large Language Models with Human: A Survey
    assert len({id(hf_survey), id(profile_survey), id(human_survey)}) == 3
    beavertails = paper_of(result, f"{PROFILE}#L16-L21")
    assert beavertails is not paper_of(result, f"{ACL}#L13-L18")  # sibling datasets, different papers


def test_yaodong_yang_variants_are_one_person(result):
    main = max(person_named(result, "Yaodong Yang"), key=lambda p: len(p.mentions))
    assert set(main.variants) == {"YaodongYang", "耀东", "耀东 杨"}
    names = {m.name for m in main.mentions}
    assert names == {"Yaodong Yang", "YaodongYang"}
    assert len(main.mentions) == 34


def test_middle_name_merged_only_with_paper_evidence(result):
    qiu = person_named(result, "Tianyi Alex Qiu")[0]
    assert "Tianyi Qiu" in qiu.variants
    rules = {m.rule for m in result.merges if m.entity == "person" and m.left in {x.key for x in qiu.mentions}}
    assert "same-paper-same-position" in rules


def test_same_name_without_evidence_stays_apart(result):
    # 'Jiaming Ji' of Safe RLHF-V (004) shares no co-author with the other Jiaming Ji mentions the
    # truncated lists show, so the rules leave it apart rather than merge on the name alone.
    ji = person_named(result, "Jiaming Ji")
    assert sorted(len(p.mentions) for p in ji) == [1, 21]


def test_compatible_names_never_merge_alone():
    assert compatible_names("Jiaming Ji", "J. Ji")
    assert not compatible_names("Jiaming Ji", "Jiayi Ji")


def test_manual_decisions_override(tmp_path):
    csv = tmp_path / "decisions.csv"
    csv.write_text("entity,left,right,decision,note\n"
                   f"paper,{ACL}#L13-L18,{PROFILE}#L156-L161,different,curator split\n"
                   "person,Jiaming Ji,Jiaming Ji,same,one person\n")
    decisions = load_decisions(csv)
    result = resolve(bundled_documents(), decisions)
    acl = paper_of(result, f"{ACL}#L13-L18")
    assert f"{PROFILE}#L156-L161" not in {r.source.key for r in acl.records}
    assert len(result.papers) == 127
    assert len(person_named(result, "Jiaming Ji")) == 1
    manual = [m for m in result.merges if m.rule == "manual" and m.entity == "paper"]
    assert manual and not manual[0].joined


def test_bad_decisions_file_names_line(tmp_path):
    csv = tmp_path / "d.csv"
    csv.write_text("entity,left,right,decision\npaper,a,b,maybe\n")
    with pytest.raises(Exception, match=r"d\.csv:2: expected entity"):
        load_decisions(csv)


def test_why_is_this_one_paper_in_sparql(bundled_graph):
    query = """PREFIX kg: <https://w3id.org/kg/ns#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?rule ?left ?right WHERE { ?paper dcterms:title ?title ; kg:mergedBy ?m .
        ?m kg:rule ?rule ; kg:left ?left ; kg:right ?right } ORDER BY ?rule ?left"""
    rows = list(bundled_graph.sparql(query, title="AI Alignment: A Comprehensive Survey"))
    assert [(str(r.rule), r.left, r.right) for r in rows] == [
        ("shared-link", record_iri(f"{BY_YEAR}#L29-L29"), record_iri(f"{PROFILE}#L51-L56"))]


def test_decision_model_roundtrip():
    d = Decision(entity="paper", left="a", right="b", same=False)
    assert d.model_dump()["same"] is False
