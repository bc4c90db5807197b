"""What the capture parsers share: numbered lines, abstract facts, dates and capture years."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..model import AbstractFingerprint, PublicationDate
from ..text import MONTHS, extract_arxiv_ids, extract_dois, extract_urls, fingerprint

__all__ = ["Line", "numbered_lines", "abstract_facts", "is_abstract", "capture_year_from", "parse_month_day"]

_CJK = re.compile(r"[\u3400-\u9fff]")
YEAR_HEADING = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Line:
    """A non-blank line and its 1-based number in the file."""

    number: int
    text: str


def numbered_lines(text: str) -> list[Line]:
    """The non-blank lines of a capture, stripped, with their line numbers.

    >>> [(x.number, x.text) for x in numbered_lines("a\\n\\n  b \\n")]
    [(1, 'a'), (3, 'b')]
    """
    return [Line(i, raw.strip()) for i, raw in enumerate(text.splitlines(), start=1) if raw.strip()]


def is_abstract(text: str) -> bool:
    """A paragraph of prose long enough to be an abstract (Latin or CJK script).

    >>> is_abstract("Too short to be an abstract.")
    False
    """
    if _CJK.search(text):
        return len(text) >= 60
    return len(text) >= 200 and len(text.split()) >= 30


def abstract_facts(abstract: str) -> dict:
    """Fields of a PaperRecord derived from its abstract: fingerprint, links, identifiers."""
    digest, sketch = fingerprint(abstract)
    cjk = len(_CJK.findall(abstract))
    language = "zh" if cjk > len(abstract) * 0.3 else "en"
    words = cjk if language == "zh" else len(abstract.split())
    return {
        "abstract": abstract,
        "fingerprint": AbstractFingerprint(sha256=digest, minhash=sketch, language=language, words=words),
        "urls": extract_urls(abstract),
        "arxiv_ids": extract_arxiv_ids(abstract),
        "dois": extract_dois(abstract),
    }


_MONTH_DAY = re.compile(r"^(?P<month>" + "|".join(MONTHS) + r")\s?(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?")


def parse_month_day(text: str) -> tuple[int, int, int | None, str] | None:
    """Split 'Sep 19, 2023…' into (month, day, year or None, the rest of the text).

    >>> parse_month_day("Oct 9, 2024 2")
    (10, 9, 2024, ' 2')
    >>> parse_month_day("Jun 1Code")
    (6, 1, None, 'Code')
    """
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    year = int(match["year"]) if match["year"] else None
    return MONTHS[match["month"]], int(match["day"]), year, text[match.end():]


def capture_year_from(printed_years: list[int]) -> tuple[int | None, str | None]:
    """Infer the year a listing was captured from the years it prints.

    Listings that print a year only for dates outside the current year (Hugging Face, the
    profile page) put every yearless date in the capture year, which is therefore one past
    the latest year printed.

    >>> capture_year_from([2023, 2024, 2023])
    (2025, 'one past the latest year printed on the page (2024)')
    >>> capture_year_from([])
    (None, None)
    """
    if not printed_years:
        return None, None
    latest = max(printed_years)
    return latest + 1, f"one past the latest year printed on the page ({latest})"


def dated(month: int, day: int, year: int | None, capture_year: int | None, rule: str | None,
          document: str, line: int) -> PublicationDate:
    """A PublicationDate, taking the capture year (marked inferred) when no year was printed."""
    if year is not None:
        return PublicationDate(year=year, month=month, day=day)
    if capture_year is None:
        raise ParseError(document, line, "a year somewhere on the page, to infer the year of dates printed "
                         "without one")
    return PublicationDate(year=capture_year, month=month, day=day, year_inferred=True, inference=rule)
