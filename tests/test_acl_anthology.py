"""The ACL Anthology reader against the Anthology's own library (acl-anthology 0.5.4) on a subset of
the real data: papers per volume, authors per paper in order, person identities."""

from __future__ import annotations

import pytest
from conftest import ACL_TARBALL, ROOT

from kg import KGError, ParseError
from kg.sources.acl_anthology import Anthology, PersonIndex, parse_collection


@pytest.fixture(scope="module")
def ours(acl_subset):
    anthology = Anthology(acl_subset)
    return anthology, list(anthology.volumes())


@pytest.fixture(scope="module")
def theirs(acl_subset):
    from acl_anthology import Anthology as Library

    library = Library(datadir=acl_subset)
    library.people.load()
    return library


def test_papers_per_volume_agree(ours, theirs):
    _, volumes = ours
    mine = {v.id: [p.id for p in v.papers if not p.frontmatter] for v in volumes}
    library = {v.full_id: [p.full_id for p in v.papers() if not p.is_frontmatter] for v in theirs.volumes()}
    assert mine == library
    assert sum(map(len, mine.values())) > 3000


def test_authors_in_order_and_persons_agree(ours, theirs):
    anthology, volumes = ours
    checked = 0
    for volume in volumes:
        for paper in volume.papers:
            if paper.frontmatter:
                continue
            other = theirs.get(paper.id)
            expected = [(a.first or None, a.last, theirs.people.get_by_namespec(a).id) for a in other.authors]
            assert [(a.first or None, a.last, a.person) for a in paper.authors] == expected, paper.id
            checked += len(expected)
    assert checked > 15_000


def test_person_identities_agree(ours, theirs):
    anthology, _ = ours
    library_people = {p.id: p for p in theirs.people.values()}
    assert set(anthology.people.people) == set(library_people)
    for pid, person in anthology.people.people.items():
        names = [(n.first or None, n.last) for n in library_people[pid].names]
        assert person.names[0] == names[0], pid  # the same canonical name
        assert set(person.names) == set(names), pid


def test_curated_identities_are_kept(ours):
    anthology, volumes = ours
    people = anthology.people.people
    # an explicit id in the XML is that curated person, whatever the name printed
    explicit = [a for v in volumes for p in v.papers for a in p.authors if a.person == "zhihao-zhang"]
    assert explicit and people["zhihao-zhang"].explicit
    # Chinese-script variants stay names of the one person
    scripts = [a for v in volumes for p in v.papers for a in p.authors if any(s for _, _, s in a.variants)]
    assert scripts
    for author in scripts[:50]:
        for first, last, _script in author.variants:
            assert (first or None, last) in people[author.person].names


def test_reads_the_tarball_without_unpacking():
    anthology = Anthology(ACL_TARBALL)
    anthology.load_yaml()
    assert len(anthology.people.people) == 3687  # the curated entries, before any paper is read
    assert anthology.venues["acl"]["acronym"] == "ACL"


def test_broken_collection_names_file_and_line():
    people = PersonIndex()
    with pytest.raises(ParseError, match=r"xml/broken\.xml:3: expected well-formed Anthology XML"):
        parse_collection(b"<collection id='x'>\n<volume id='1'>\n<meta></volume>", "xml/broken.xml", people)
    with pytest.raises(KGError, match="which name_variants.yaml does not define"):
        parse_collection(b"<collection id='2020.x'><volume id='1'><meta><year>2020</year></meta>"
                         b"<paper id='1'><title>T</title><author id='nobody'><first>A</first><last>B</last></author>"
                         b"</paper></volume></collection>", "xml/2020.x.xml", people)
    with pytest.raises(KGError, match="expected the ACL Anthology's data"):
        Anthology(ROOT / "README.md")


def test_bibtex_reader_reads_the_librarys_bibtex_as_the_library_has_it(theirs):
    """The peer writes each paper of the subset as BibTeX (LaTeX escapes for accents, quotes,
    superscripts, CJK titles, 'Last, Jr, First' names); kg's BibTeX reader gets back the titles,
    authors in order, years, DOIs and volume titles the library holds. The library writes ’ and “
    as ASCII quotes, ∗ as a math *, and ˆ as \\textasciicircum; those are compared as equal."""
    from kg.sources.bibtex import parse_bibtex

    papers = [p for v in theirs.volumes() for p in v.papers() if not p.is_frontmatter]
    records = parse_bibtex("\n".join(p.to_bibtex() for p in papers), "subset.bib").papers
    assert len(records) == len(papers) > 6000
    plain = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "∗": "*", "ˆ": "^"})

    def same(text):
        return text.translate(plain) if text else text

    for paper, record in zip(papers, records):
        names = [f"{a.name.first} {a.name.last}" if a.name.first else a.name.last for a in paper.authors]
        assert same(record.title) == same(str(paper.title)), paper.full_id
        assert [same(a.name) for a in record.authors] == [same(n) for n in names], paper.full_id
        assert record.date.year == int(paper.year) and record.entry_type == "inproceedings", paper.full_id
        assert record.dois == ([paper.doi.lower()] if paper.doi else []), paper.full_id
        assert same(record.venue) == same(str(paper.parent.title)), paper.full_id
