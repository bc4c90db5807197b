"""Researcher-profile pages: headline figures, then a list of papers.

Each paper starts with a line that glues an arXiv category code to a date and an optional
``Code`` flag (``CLSep 19, 2023Code``), then the title, the first authors ending in ``et al.``
(optionally `` · affiliation, affiliation``) and the abstract.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from ..model import AuthorMention, Document, PaperRecord, ProfileRecord, SourceKind, SourceRef
from ._common import (
    Line,
    abstract_facts,
    capture_year_from,
    dated,
    is_abstract,
    numbered_lines,
    parse_month_day,
)

__all__ = ["parse_profile", "looks_like_profile"]

_FIGURES = {
    "h_index": re.compile(r"^h-index\s*(\d+)$"),
    "paper_count": re.compile(r"^([\d,]+)\s*papers$"),
    "citations": re.compile(r"^([\d,]+)\s*citations$"),
    "novelty_percent": re.compile(r"^Novelty\s*(\d+)%$"),
    "ai_score": re.compile(r"^AI Score\s*(\d+)$"),
    "papers_listed": re.compile(r"^([\d,]+) Papers$"),
}
_ENTRY = re.compile(r"^(?P<code>[A-Z]{2,3}?)(?P<date>[A-Z][a-z]{2}\s?\d{1,2}(?:,\s*\d{4})?)(?P<code_flag>Code)?$")
ET_AL = "et al."


def looks_like_profile(lines: list[Line]) -> bool:
    return bool(lines) and bool(_FIGURES["h_index"].match(lines[0].text))


def _entry(line: Line) -> tuple[str, int, int, int | None, bool] | None:
    match = _ENTRY.match(line.text)
    if not match:
        return None
    parsed = parse_month_day(match["date"])
    if not parsed or parsed[3]:
        return None
    month, day, year, _ = parsed
    return match["code"], month, day, year, bool(match["code_flag"])


def _authors(line: Line, document: str) -> tuple[list[AuthorMention], bool, list[str]]:
    names_part, _, affiliation = line.text.partition(" · ")
    names_part = names_part.strip()
    truncated = names_part.endswith(ET_AL)
    if truncated:
        names_part = names_part[: -len(ET_AL)].strip()
    names = [n.strip() for n in names_part.split(",")]
    if not names or any(not n or len(n.split()) > 6 for n in names):
        raise ParseError(document, line.number, "authors separated by ', ' (ending in 'et al.' when cut)", line.text)
    organisations = [a.strip() for a in affiliation.split(",") if a.strip()]
    return [AuthorMention(position=k, name=n) for k, n in enumerate(names, start=1)], truncated, organisations


def parse_profile(text: str, document: str) -> Document:
    """Parse a researcher-profile page.

    >>> abstract = "We study alignment of language models with many words in it. " * 5
    >>> page = f"h-index49\\n2papers\\nCLSep 19, 2023Code\\nA Title\\nAda Li, Bo Wu et al. · pku\\n{abstract}\\n"
    >>> page += f"AIJun 1\\nB Title\\nCy Ng\\n{abstract}\\n"
    >>> doc = parse_profile(page, "p.txt")
    >>> doc.profile.h_index, [(p.category, p.has_code, p.date.isoformat()) for p in doc.papers]
    (49, [('CL', True, '2023-09-19'), ('AI', False, '2024-06-01')])
    >>> doc.papers[0].authors_truncated, doc.papers[0].organisations, doc.papers[1].authors_truncated
    (True, ['pku'], False)
    """
    kind = SourceKind.RESEARCHER_PROFILE
    lines = numbered_lines(text)
    figures: dict[str, int] = {}
    i = 0
    while i < len(lines) and not _entry(lines[i]):
        for field, pattern in _FIGURES.items():
            match = pattern.match(lines[i].text)
            if match:
                figures[field] = int(match[1].replace(",", ""))
                break
        else:
            raise ParseError(document, lines[i].number, "a profile figure (h-index, papers, citations…) "
                             "or a paper line such as 'CLSep 19, 2023'", lines[i].text)
        i += 1
    header_end = lines[i - 1].number if i else 1
    body = lines[i:]
    printed_years = [e[3] for e in map(_entry, body) if e and e[3]]
    capture_year, rule = capture_year_from(printed_years)

    papers: list[PaperRecord] = []
    j = 0
    while j < len(body):
        head = body[j]
        entry = _entry(head)
        if not entry:
            raise ParseError(document, head.number, "a category code glued to a date, e.g. 'CLSep 19, 2023Code'",
                             head.text)
        block = body[j + 1:j + 4]
        if len(block) < 3 or any(_entry(x) for x in block):
            raise ParseError(document, head.number, "a title, an author line and an abstract after the date line")
        title, authors_line, abstract = block
        if not is_abstract(abstract.text):
            raise ParseError(document, abstract.number, "an abstract paragraph", abstract.text)
        authors, truncated, organisations = _authors(authors_line, document)
        code, month, day, year, has_code = entry
        papers.append(PaperRecord(
            source=SourceRef(document=document, kind=kind, line_start=head.number, line_end=abstract.number),
            title=title.text,
            date=dated(month, day, year, capture_year, rule, document, head.number),
            authors=authors,
            authors_truncated=truncated,
            organisations=organisations,
            category=code,
            has_code=has_code,
            **abstract_facts(abstract.text),
        ))
        j += 4
    profile = ProfileRecord(source=SourceRef(document=document, kind=kind, line_start=lines[0].number if lines
                                             else 1, line_end=header_end), **figures)
    if not papers:
        raise ParseError(document, None, "at least one paper line such as 'CLSep 19, 2023'")
    return Document(name=document, kind=kind, capture_year=capture_year, capture_year_rule=rule,
                    papers=papers, profile=profile)
