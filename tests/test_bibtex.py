"""BibTeX: the reader, its errors, and BibTeX entries resolved against the seed captures."""

from __future__ import annotations

import pytest
from rdflib import URIRef

import kg
from kg import ParseError
from kg.model import SourceKind
from kg.sources import detect, parse_file, parse_text
from kg.sources.bibtex import latex_to_text, split_authors
from kg.vocab import DCTERMS, FABIO, FOAF, KG, PROV, iri

# Entries as the ACL Anthology, Google Scholar, DBLP and reference managers write them, for papers
# of the seed captures (facts from the captures) and one that is not in them (Safe RLHF, ICLR 2024).
BIB = r"""% references, exported by hand
@string{acl2025 = "Proceedings of the 63rd Annual Meeting of the Association for Computational Linguistics"}
@comment{ an email@example.org and a stray } brace are not entries }

@inproceedings{ji-etal-2025-language,
    title = "Language Models Resist Alignment: Evidence From Data Compression",
    author = "Ji, Jiaming  and
      Wang, Kaile  and
      Qiu, Tianyi Alex  and
      Chen, Boyuan  and
      Zhou, Jiayi  and
      Li, Changye  and
      Lou, Hantao  and
      Dai, Josef  and
      Liu, Yunhuai  and
      Yang, Yaodong",
    booktitle = acl2025 # " (Volume 1: Long Papers)",
    month = jul,
    year = "2025",
}

@article{ji2023beavertails,
  title={{BeaverTails}: Towards Improved Safety Alignment of {LLM} via a Human-Preference Dataset},
  author={Ji, Jiaming and Liu, Mickel and Dai, Juntao and Pan, Xuehai and Zhang, Chi and Bian, Ce and
          Chen, Boyuan and Sun, Ruiyang and Wang, Yizhou and Yang, Yaodong},
  journal={arXiv preprint arXiv:2307.04657},
  year={2023}
}

@article{DBLP:journals/corr/abs-2310-19852,
  author       = {Jiaming Ji and
                  Tianyi Qiu and
                  Boyuan Chen and
                  others},
  title        = {{AI} Alignment: {A} Comprehensive Survey},
  journal      = {CoRR},
  volume       = {abs/2310.19852},
  year         = {2023},
  eprinttype    = {arXiv},
  eprint       = {2310.19852},
}

@inproceedings(dai2024safe,
  title = {Safe {RLHF}: Safe Reinforcement Learning from Human Feedback},
  author = {Josef Dai and Xuehai Pan and Ruiyang Sun and Jiaming Ji and Xinbo Xu and Mickel Liu and
            Yizhou Wang and Yaodong Yang},
  booktitle = {The Twelfth International Conference on Learning Representations},
  year = 2024,
  url = {https://openreview.net/forum?id=TyFrPOKYXw},
)
"""


def test_entries_become_records_with_their_facts():
    doc = parse_text(BIB, "refs.bib")
    assert doc.kind == SourceKind.BIBTEX and detect(BIB, "refs.bib") == SourceKind.BIBTEX
    resist, beaver, survey, safe = doc.papers
    assert resist.title == "Language Models Resist Alignment: Evidence From Data Compression"
    assert [a.name for a in resist.authors][:3] == ["Jiaming Ji", "Kaile Wang", "Tianyi Alex Qiu"]
    assert [a.position for a in resist.authors] == list(range(1, 11)) and not resist.authors_truncated
    assert resist.venue == ("Proceedings of the 63rd Annual Meeting of the Association for Computational "
                            "Linguistics (Volume 1: Long Papers)")
    assert resist.date.isoformat() == "2025-07" and resist.entry_type == "inproceedings"
    assert (resist.source.line_start, resist.source.line_end) == (5, 20)
    assert beaver.title == ("BeaverTails: Towards Improved Safety Alignment of LLM via a Human-Preference "
                            "Dataset")
    assert beaver.venue is None and beaver.arxiv_ids == ["2307.04657"] and len(beaver.authors) == 10
    assert survey.title == "AI Alignment: A Comprehensive Survey" and survey.arxiv_ids == ["2310.19852"]
    assert [a.name for a in survey.authors] == ["Jiaming Ji", "Tianyi Qiu", "Boyuan Chen"]
    assert survey.authors_truncated and survey.venue is None
    assert safe.entry_type == "inproceedings" and safe.date.isoformat() == "2024"
    assert safe.venue == "The Twelfth International Conference on Learning Representations"
    assert safe.authors[3].name == "Jiaming Ji" and safe.authors[3].position == 4


def test_latex_and_names():
    assert latex_to_text(r"Zo{\"e} M{\"u}ller, Fran\c{c}ois and Ond{\v{r}}ej Du{\v s}ek") == \
        "Zoë Müller, François and Ondřej Dušek"
    assert latex_to_text(r"Jos{\'e} Mart{\'\i}nez \& {\O}ystein -- {\textit{Deep}} $\alpha$") == \
        "José Martínez & Øystein – Deep α"
    assert split_authors(r"M{\"u}ller, Thomas and van der Berg, Jr., Jan and {Google DeepMind}") == (
        ["Thomas Müller", "Jan van der Berg, Jr.", "Google DeepMind"], False)
    # " and " inside braces is part of a name, not a separator
    assert split_authors("{Barnes and Noble} and Doe, J.") == (["Barnes and Noble", "J. Doe"], False)


@pytest.mark.parametrize("text, line, expected", [
    ('@article{a,\n  title = {Unclosed,\n  year = 2024\n', 2, "a '}' closing the value opened here"),
    ('@article{a,\n  title = {T},\n  year 2024\n}\n', 3, "'=' after the field name 'year'"),
    ('@article{a,\n  title = {T},\n  journal = tacl,\n}\n', 3, "@string macro defined before ('tacl' is not)"),
    ('@article{a,\n  title = {T}\n  year = 2024\n}\n', 3, "',' or a '}' closing the entry @article{a"),
    ('@article{a,\n  title = {T},\n', 1, "a '}' closing the entry @article{a that starts here"),
])
def test_bad_bibtex_names_file_line_and_what_was_expected(tmp_path, text, line, expected):
    path = tmp_path / "broken.bib"
    path.write_text("% a comment line\n" + text, encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.document == "broken.bib" and info.value.line == line + 1
    assert expected in str(info.value) and str(info.value).startswith(f"broken.bib:{line + 1}: expected ")


def test_bibtex_entries_resolve_to_the_seed_papers_and_people(seeds, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    captures = sorted(seeds.glob("*.txt"))
    without = kg.build(captures)
    graph = kg.build([*captures, bib])
    res = graph.resolution
    keys = [r.source.key for r in parse_text(BIB, "refs.bib").papers]  # refs.bib#L5-L20, …
    assert len(res.papers) == len(without.resolution.papers) + 1  # only Safe RLHF is new

    def paper(title: str):
        return next(p for p in res.papers if p.title and p.title.lower().startswith(title.lower()))

    # the same papers, joined by the resolution rules, with the evidence kept
    resist = paper("Language Models Resist Alignment")
    assert keys[0] == "refs.bib#L5-L20" and keys[0] in {r.source.key for r in resist.records}
    beaver = paper("BeaverTails")
    assert {r.source.kind for r in beaver.records} == {SourceKind.RESEARCHER_PROFILE, SourceKind.BIBTEX}
    assert not beaver.authors_truncated and len(beaver.authors) == 10  # the entry completes the profile's three
    joined = {(m.rule, m.right) for m in res.merges if m.joined and m.entity == "paper"} | \
        {(m.rule, m.left) for m in res.merges if m.joined and m.entity == "paper"}
    assert any(key == keys[1] for _, key in joined)
    survey = paper("AI Alignment: A Comprehensive Survey")
    assert len([r for r in survey.records if r.source.kind == SourceKind.BIBTEX]) == 1

    # the entries' authors are the seed people, in the views too
    store = graph.store
    p = URIRef(str(iri("paper", beaver.key)))
    creators = {name for (name,) in store.values(f"""SELECT ?n WHERE {{ <{p}> <{DCTERMS.creator}> ?who .
        ?who <{FOAF.name}> ?n }}""")}
    assert {"Jiaming Ji", "Mickel Liu", "Juntao Dai", "Yaodong Yang"} <= creators and len(creators) == 10
    view = graph.to_networkx("coauthor")
    main = {name: next(p for p in res.people if p.name == name and len(p.mentions) > 10)
            for name in ("Jiaming Ji", "Yaodong Yang")}
    assert {keys[0], keys[3]} <= {m.record for m in main["Jiaming Ji"].mentions}
    assert keys[3] in {m.record for m in main["Yaodong Yang"].mentions}
    node = {d["label"]: n for n, d in view.nodes(data=True) if d["label"] in ("Mickel Liu", "Xinbo Xu")}
    jiaming = next(n for n in view if view.nodes[n]["label"] == "Jiaming Ji" and view.has_edge(n, node["Mickel Liu"]))
    assert view.has_edge(node["Xinbo Xu"], jiaming)  # from Safe RLHF, which only the .bib has

    # typed by the entry: a conference paper, a preprint; the record is provenance of its paper
    rows = store.values(f"""SELECT ?type WHERE {{ <{p}> a ?type }}""")
    assert (str(FABIO.Preprint),) in rows
    safe = URIRef(str(iri("paper", paper("Safe RLHF: Safe Reinforcement").key)))
    assert (str(FABIO.ConferencePaper),) in store.values(f"SELECT ?type WHERE {{ <{safe}> a ?type }}")
    kinds = store.values(f"""SELECT ?kind WHERE {{ <{safe}> <{PROV.wasDerivedFrom}> ?r .
        ?r <{KG.sourceKind}> ?kind }}""")
    assert kinds == [("bibtex",)]


def test_a_preprint_and_its_published_version_in_one_file_are_one_paper():
    """Unlike a listing, a reference list may hold a paper twice; the rules join the two entries."""
    from kg.resolve import resolve

    bib = r"""@article{ji2024pku,
  title={{PKU-SafeRLHF}: Towards Multi-Level Safety Alignment for {LLMs} with Human Preference},
  author={Ji, Jiaming and Hong, Donghai and Zhang, Borong and others},
  journal={arXiv preprint arXiv:2406.15513},
  year={2024}
}
@inproceedings{ji-etal-2025-pku,
    title = "{PKU}-{S}afe{RLHF}: Towards Multi-Level Safety Alignment for {LLM}s with Human Preference",
    author = "Ji, Jiaming and Hong, Donghai and Zhang, Borong and Chen, Boyuan and Dai, Josef and
      Zheng, Boren and Qiu, Tianyi Alex and Zhou, Jiayi and Wang, Kaile and Li, Boxun and Han, Sirui
      and Guo, Yike and Yang, Yaodong",
    booktitle = "Proceedings of the 63rd Annual Meeting of the Association for Computational
      Linguistics (Volume 1: Long Papers)",
    year = "2025",
}
@article{other, title={Another Paper}, author={Ji, Jiaming}, journal={TACL}, year=2024}
"""
    res = resolve([parse_text(bib, "two.bib")])
    assert len(res.papers) == 2
    pku = next(p for p in res.papers if p.title.startswith("PKU-SafeRLHF"))
    assert [r.source.key for r in pku.records] == ["two.bib#L1-L6", "two.bib#L7-L15"]
    assert {m.rule for m in res.merges if m.entity == "paper" and m.joined} == {"same-title"}
    assert len(pku.authors) == 13 and not pku.authors_truncated
    # the authors of both entries are the same people; the third entry's Jiaming Ji shares no co-author
    assert len([p for p in res.people if p.name == "Jiaming Ji"]) == 2
    assert len(res.people) == 14
