"""ACL Anthology author pages, in the two shapes the captures show.

* The full page (``SourceKind.ACL_AUTHOR_PAGE``): the person's name, year headings, then per
  paper a ``pdf bib`` marker, the title, the authors separated by `` | ``, the venue line (a
  proceedings title) and an optional abstract.
* The abstract-only view (``SourceKind.ACL_ABSTRACT_PAGE``): the person's name, declared name
  variants ("Also published as:"), maybe a preview notice and instructions, then abstracts one
  per line, optionally grouped under year headings. It has no titles and no author lists.

Every paper on an author page is that person's paper, so each record names the page's person
(as printed there) even when the page prints no author list.
"""

from __future__ import annotations

from ..errors import ParseError
from ..model import AuthorMention, Document, PaperRecord, PersonRecord, PublicationDate, SourceKind, SourceRef
from ._common import YEAR_HEADING, Line, abstract_facts, is_abstract, numbered_lines

__all__ = ["parse_author_page", "parse_abstract_page", "looks_like_author_page", "looks_like_abstract_page"]

MARKER = "pdf bib"
ALSO = "Also published as:"
# Lines of the Anthology's preview banner and of its "fix assignments" form: not data.
BOILERPLATE = (
    "This is an internal, incomplete preview",
    "For efficiency reasons, we don't generate",
    "Do not treat this content as an official publication",
    "Fixing paper assignments",
    "Please select all papers that do not belong",
    "Indicate below which author they should be assigned",
)


def looks_like_author_page(lines: list[Line]) -> bool:
    return any(line.text == MARKER for line in lines[:40])


def looks_like_abstract_page(lines: list[Line]) -> bool:
    head = lines[:12]
    return any(x.text.startswith(ALSO) or x.text.startswith(BOILERPLATE) for x in head) and not any(
        x.text == MARKER for x in lines)


def _header(lines: list[Line], document: str, kind: SourceKind) -> tuple[PersonRecord, int]:
    """The page's person and variants; returns them and the index of the first body line."""
    owner: Line | None = None
    variants: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.text.startswith(BOILERPLATE):
            i += 1
            continue
        if line.text.startswith(ALSO):
            rest = line.text[len(ALSO):].strip()
            if rest:
                variants += [v.strip() for v in rest.split(";") if v.strip()]
            elif i + 1 < len(lines):
                i += 1
                variants.append(lines[i].text)
            i += 1
            continue
        if owner is None and not YEAR_HEADING.match(line.text) and line.text != MARKER and not is_abstract(line.text):
            owner = line
            i += 1
            continue
        break
    if owner is None:
        raise ParseError(document, lines[0].number if lines else None, "the author's name at the top of the page")
    end = lines[i - 1].number
    return PersonRecord(source=SourceRef(document=document, kind=kind, line_start=owner.number, line_end=end),
                        name=owner.text, variants=variants), i


def parse_author_page(text: str, document: str) -> Document:
    """Parse a full ACL Anthology author page.

    >>> page = "Ada Lovelace\\n\\n2023\\n\\npdf bib\\nNotes on the Engine\\nAda Lovelace | Charles Babbage\\n"
    >>> page += "Proceedings of Something\\n"
    >>> doc = parse_author_page(page, "ada.txt")
    >>> [(a.position, a.name) for a in doc.papers[0].authors]
    [(1, 'Ada Lovelace'), (2, 'Charles Babbage')]
    >>> doc.papers[0].date.isoformat(), doc.papers[0].venue
    ('2023', 'Proceedings of Something')
    """
    kind = SourceKind.ACL_AUTHOR_PAGE
    lines = numbered_lines(text)
    owner, i = _header(lines, document, kind)
    year: int | None = None
    papers: list[PaperRecord] = []
    while i < len(lines):
        line = lines[i]
        if YEAR_HEADING.match(line.text):
            year = int(line.text)
            i += 1
            continue
        if line.text != MARKER:
            raise ParseError(document, line.number, f"a year heading or a '{MARKER}' marker", line.text)
        fields = lines[i + 1:i + 4]
        if len(fields) < 3 or any(f.text == MARKER or YEAR_HEADING.match(f.text) for f in fields):
            raise ParseError(document, line.number, "a title, an author line and a venue line after 'pdf bib'")
        title, authors_line, venue = fields
        if " | " not in authors_line.text and is_abstract(authors_line.text):
            raise ParseError(document, authors_line.number, "an author line separated by ' | '", authors_line.text)
        names = [n.strip() for n in authors_line.text.split(" | ")]
        if any(not n for n in names):
            raise ParseError(document, authors_line.number, "non-empty author names between ' | '",
                             authors_line.text)
        i += 4
        facts: dict = {}
        end = venue.number
        if i < len(lines) and is_abstract(lines[i].text):
            facts = abstract_facts(lines[i].text)
            end = lines[i].number
            i += 1
        if year is None:
            raise ParseError(document, line.number, "a year heading before the first paper")
        papers.append(PaperRecord(
            source=SourceRef(document=document, kind=kind, line_start=line.number, line_end=end),
            title=title.text,
            date=PublicationDate(year=year),
            authors=[AuthorMention(position=k, name=n) for k, n in enumerate(names, start=1)],
            venue=venue.text,
            listed_for=owner.name,
            **facts,
        ))
    if not papers:
        raise ParseError(document, None, f"at least one paper introduced by '{MARKER}'")
    return Document(name=document, kind=kind, papers=papers, people=[owner])


def parse_abstract_page(text: str, document: str) -> Document:
    """Parse the abstract-only view of an ACL Anthology author page.

    >>> body = "Ada Lovelace\\nAlso published as: A. L.\\n2023\\n" + "We describe an engine. " * 12
    >>> doc = parse_abstract_page(body, "ada.txt")
    >>> doc.people[0].variants, doc.papers[0].title, doc.papers[0].date.year
    (['A. L.'], None, 2023)
    >>> doc.papers[0].authors[0].name, doc.papers[0].authors_truncated
    ('Ada Lovelace', True)
    """
    kind = SourceKind.ACL_ABSTRACT_PAGE
    lines = numbered_lines(text)
    owner, i = _header(lines, document, kind)
    year: int | None = None
    papers: list[PaperRecord] = []
    for line in lines[i:]:
        if YEAR_HEADING.match(line.text):
            year = int(line.text)
            continue
        if not is_abstract(line.text):
            raise ParseError(document, line.number, "a year heading or an abstract paragraph", line.text)
        papers.append(PaperRecord(
            source=SourceRef(document=document, kind=kind, line_start=line.number, line_end=line.number),
            date=PublicationDate(year=year) if year else None,
            authors=[AuthorMention(name=owner.name)],
            authors_truncated=True,
            listed_for=owner.name,
            **abstract_facts(line.text),
        ))
    if not papers:
        raise ParseError(document, None, "at least one abstract paragraph")
    return Document(name=document, kind=kind, papers=papers, people=[owner])
