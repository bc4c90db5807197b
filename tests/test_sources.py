"""Each parser on its real capture: record counts, specific records, and broken input."""

from __future__ import annotations

import pytest
from conftest import ABSTRACTS_BY_YEAR, ABSTRACTS_PREVIEW, ACL_PAGE, HF_PAPERS, PROFILE

from kg import ParseError
from kg.model import SourceKind
from kg.sources import parse_file, parse_text


@pytest.mark.parametrize("name,kind,count", [
    (ACL_PAGE, SourceKind.ACL_AUTHOR_PAGE, 7),
    (ABSTRACTS_PREVIEW, SourceKind.ACL_ABSTRACT_PAGE, 8),
    (ABSTRACTS_BY_YEAR, SourceKind.ACL_ABSTRACT_PAGE, 16),
    (HF_PAPERS, SourceKind.HF_DAILY_PAPERS, 79),
    (PROFILE, SourceKind.RESEARCHER_PROFILE, 37),
])
def test_record_counts_and_detected_kind(seeds, name, kind, count):
    doc = parse_file(seeds / name)
    assert doc.kind == kind
    assert len(doc.papers) == count
    assert all(p.source.document == name and p.source.line_start <= p.source.line_end for p in doc.papers)


def test_acl_author_page_record(seeds):
    doc = parse_file(seeds / ACL_PAGE)
    assert doc.people[0].name == "Yaodong Yang"
    paper = doc.papers[1]
    assert paper.title == "PKU-SafeRLHF: Towards Multi-Level Safety Alignment for LLMs with Human Preference"
    assert [a.name for a in paper.authors][:4] == ["Jiaming Ji", "Donghai Hong", "Borong Zhang", "Boyuan Chen"]
    assert [a.position for a in paper.authors] == list(range(1, 14))
    assert paper.authors[-1].name == "Yaodong Yang"
    assert paper.venue.startswith("Proceedings of the 63rd Annual Meeting")
    assert paper.date.isoformat() == "2025" and paper.date.precision == "year" and not paper.date.year_inferred
    assert (paper.source.line_start, paper.source.line_end) == (13, 18)
    assert len(doc.papers[-1].authors) == 35  # Libra-Leaderboard
    assert doc.papers[2].venue == "Findings of the Association for Computational Linguistics: ACL 2025"


def test_abstract_pages_declare_variants_and_years(seeds):
    preview = parse_file(seeds / ABSTRACTS_PREVIEW)
    assert preview.people[0].name == "YaodongYang"
    assert preview.people[0].variants == ["耀东 杨"]
    assert all(p.title is None and p.date is None and p.authors_truncated for p in preview.papers)
    by_year = parse_file(seeds / ABSTRACTS_BY_YEAR)
    assert by_year.people[0].variants == ["耀东"]
    years = [p.date.year for p in by_year.papers]
    assert years.count(2026) == 7 and years.count(2025) == 8 and years.count(2024) == 1
    chinese = by_year.papers[-1]
    assert chinese.fingerprint.language == "zh"
    assert chinese.arxiv_ids == ["2310.19852"]
    assert "https://www.alignmentsurvey.com" in chinese.urls


def test_hf_listing_counts_orgs_dates_and_upvotes(seeds):
    doc = parse_file(seeds / HF_PAPERS)
    assert doc.capture_year == 2025
    by_title = {p.title: p for p in doc.papers}
    survey = by_title["Large Language Model Alignment: A Survey"]
    assert (survey.author_count, survey.date.isoformat(), survey.date.year_inferred, survey.upvotes) == (
        9, "2023-09-26", False, None)
    cross_modal = by_title["Deciphering Cross-Modal Alignment in Large Vision-Language Models with Modality "
                           "Integration Rate"]
    assert cross_modal.upvotes == 2 and cross_modal.date.isoformat() == "2024-10-09"
    nash = by_title["Multiplayer Nash Preference Optimization"]
    assert nash.organisations == ["Stanford NLP"] and nash.author_count is None
    assert nash.date.isoformat() == "2025-09-27" and nash.date.year_inferred
    assert "2024" in nash.date.inference
    no_meta = by_title["GTAlign: Game-Theoretic Alignment of LLM Assistants for Mutual Welfare"]
    assert no_meta.date is None and no_meta.author_count is None
    assert "https://github.com/ulab-uiuc/GTAlign" in no_meta.urls


def test_profile_codes_truncation_affiliations(seeds):
    doc = parse_file(seeds / PROFILE)
    assert (doc.profile.h_index, doc.profile.paper_count, doc.profile.citations) == (49, 37, 3145)
    assert doc.capture_year == 2026
    first = doc.papers[0]
    assert first.title == "Baichuan 2: Open Large-scale Language Models"
    assert (first.category, first.has_code, first.date.isoformat()) == ("CL", True, "2023-09-19")
    assert [a.name for a in first.authors] == ["Aiyuan Yang", "Bin Xiao", "Bingning Wang"]
    assert first.authors_truncated and first.organisations == ["pku"]
    spade = doc.papers[3]
    assert spade.title.startswith("SPADE-Bench") and spade.date.isoformat() == "2026-06-01"
    assert spade.date.year_inferred
    singapore = next(p for p in doc.papers if p.title.startswith("The Singapore Consensus"))
    assert singapore.organisations == ["cmu", "mila"]
    assert sum(p.has_code for p in doc.papers) == 9


@pytest.mark.parametrize("text,line,expected", [
    ("Ada Lovelace\n2023\npdf bib\nA Title\n", 3, "a title, an author line and a venue line"),
    ("Ada Lovelace\n2023\npdf bib\nT\nA | B\nVenue\nsomething else\n", 7, "a year heading or a 'pdf bib'"),
    ("h-index4\nCLSep 19, 2023\nTitle\nA B et al.\nshort\n", 5, "an abstract paragraph"),
    ("h-index4\nfoo bar\n", 2, "a profile figure"),
    ("Daily Papers\nNov 27\nA Title\nnot an abstract\n", 4, "the abstract of 'A Title'"),
])
def test_broken_captures_name_file_and_line(text, line, expected):
    with pytest.raises(ParseError) as caught:
        parse_text(text, "broken.txt")
    assert caught.value.document == "broken.txt"
    assert caught.value.line == line
    assert expected in str(caught.value) and str(caught.value).startswith(f"broken.txt:{line}:")


def test_unknown_format_is_one_clear_error():
    with pytest.raises(ParseError, match=r"notes\.txt:1: expected one of the known capture formats"):
        parse_text("Shopping list\neggs\n", "notes.txt")


def test_unreadable_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ParseError, match="bad.txt: expected UTF-8"):
        parse_file(bad)
