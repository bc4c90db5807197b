"""Hugging Face "Daily Papers" search results.

After a header (``Daily Papers``, ``byAK and the research community`` and the page's own date),
each paper is a title line and an abstract line, optionally followed by a meta block: either
``• N authors`` or an organisation line (``handle Display Name``), then ``·``, then the date
(``Oct 9, 2024``, or ``Nov 6`` in the capture year) and an optional upvote count.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from ..model import Document, PaperRecord, SourceKind, SourceRef
from ._common import (
    Line,
    abstract_facts,
    capture_year_from,
    dated,
    is_abstract,
    numbered_lines,
    parse_month_day,
)

__all__ = ["parse_hf_papers", "looks_like_hf_papers"]

HEADER = ("new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
          "byAK and the research community")
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")
_DATE_TAIL = re.compile(r"^(?:\s+(\d+))?$")


def looks_like_hf_papers(lines: list[Line]) -> bool:
    return any(x.text == "Daily Papers" for x in lines[:10])


def _date_line(line: Line) -> tuple[int, int, int | None, int | None] | None:
    parsed = parse_month_day(line.text)
    if not parsed:
        return None
    month, day, year, rest = parsed
    tail = _DATE_TAIL.match(rest)
    if not tail:
        return None
    return month, day, year, int(tail[1]) if tail[1] else None


def parse_hf_papers(text: str, document: str) -> Document:
    """Parse a Hugging Face Daily Papers listing.

    >>> abstract = "We study alignment of language models with many words in it. " * 5
    >>> page = f"Daily Papers\\nNov 27\\nA Title\\n{abstract}\\n• 3 authors\\n·\\nOct 9, 2024 2\\n"
    >>> page += f"Another Title\\n{abstract}\\nacme Acme Labs\\n·\\nMar 11\\n"
    >>> doc = parse_hf_papers(page, "hf.txt")
    >>> [(p.title, p.author_count, p.upvotes, p.date.isoformat()) for p in doc.papers]
    [('A Title', 3, 2, '2024-10-09'), ('Another Title', None, None, '2025-03-11')]
    >>> doc.papers[1].organisations, doc.papers[1].date.year_inferred
    (['Acme Labs'], True)
    """
    kind = SourceKind.HF_DAILY_PAPERS
    lines = numbered_lines(text)
    i = 0
    while i < len(lines) and lines[i].text in HEADER:
        i += 1
    if i < len(lines) and _date_line(lines[i]):  # the page's own date
        i += 1
    body = lines[i:]
    printed_years = [d[2] for d in map(_date_line, body) if d and d[2]]
    capture_year, rule = capture_year_from(printed_years)

    papers: list[PaperRecord] = []
    j = 0
    while j < len(body):
        title = body[j]
        if is_abstract(title.text) or title.text == "·":
            raise ParseError(document, title.number, "a paper title", title.text)
        if j + 1 >= len(body) or not is_abstract(body[j + 1].text):
            found = body[j + 1].text if j + 1 < len(body) else None
            raise ParseError(document, title.number + 1 if found is None else body[j + 1].number,
                             f"the abstract of {title.text!r}", found)
        abstract = body[j + 1]
        end = abstract.number
        j += 2
        meta: dict = {}
        authors = _AUTHORS.match(body[j].text) if j < len(body) else None
        is_org = j + 1 < len(body) and body[j + 1].text == "·" and not authors
        if authors or is_org:
            if authors:
                meta["author_count"] = int(authors[1])
            else:
                handle, _, display = body[j].text.partition(" ")
                meta["organisations"] = [display.strip() or handle]
            if j + 2 >= len(body) or body[j + 1].text != "·":
                raise ParseError(document, body[j].number + 1, "'·' after the authors or organisation line")
            date = _date_line(body[j + 2])
            if not date:
                raise ParseError(document, body[j + 2].number, "a date such as 'Oct 9, 2024' or 'Mar 11 3'",
                                 body[j + 2].text)
            month, day, year, upvotes = date
            meta["date"] = dated(month, day, year, capture_year, rule, document, body[j + 2].number)
            meta["upvotes"] = upvotes
            end = body[j + 2].number
            j += 3
        papers.append(PaperRecord(
            source=SourceRef(document=document, kind=kind, line_start=title.number, line_end=end),
            title=title.text,
            **meta,
            **abstract_facts(abstract.text),
        ))
    if not papers:
        raise ParseError(document, None, "at least one paper after the 'Daily Papers' header")
    return Document(name=document, kind=kind, capture_year=capture_year, capture_year_rule=rule, papers=papers)
