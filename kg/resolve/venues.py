"""Venues as printed, normalised into series → event → volume, plus preprint servers and listings.

>>> v = parse_venue("Findings of the Association for Computational Linguistics: ACL 2025", 2025)
>>> v.series, v.event, v.volume
('ACL', 'ACL 2025', 'Findings')
>>> v = parse_venue("Proceedings of the 63rd Annual Meeting of the Association for Computational "
...                 "Linguistics (Volume 1: Long Papers)", 2025)
>>> v.event, v.volume, v.key
('ACL 2025', 'Long Papers', 'acl-2025-long-papers')
>>> parse_venue("Proceedings of the 2025 Conference of the Nations of the Americas Chapter of the Association "
...             "for Computational Linguistics: Human Language Technologies (System Demonstrations)", None).key
'naacl-2025-system-demonstrations'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import slug

__all__ = ["VenueRef", "parse_venue", "ARXIV", "SERIES_NAMES"]

SERIES_NAMES = {
    "ACL": "Annual Meeting of the Association for Computational Linguistics",
    "NAACL": "Conference of the North American Chapter of the Association for Computational Linguistics",
    "EMNLP": "Conference on Empirical Methods in Natural Language Processing",
    "EACL": "Conference of the European Chapter of the Association for Computational Linguistics",
    "AACL": "Conference of the Asia-Pacific Chapter of the Association for Computational Linguistics",
    "COLING": "International Conference on Computational Linguistics",
    "arXiv": "arXiv preprint server",
}

_SERIES_PATTERNS = [
    ("NAACL", re.compile(r"North American Chapter|Nations of the Americas Chapter|\bNAACL\b", re.I)),
    ("EACL", re.compile(r"European Chapter|\bEACL\b", re.I)),
    ("AACL", re.compile(r"Asia-Pacific Chapter|\bAACL\b", re.I)),
    ("EMNLP", re.compile(r"Empirical Methods in Natural Language Processing|\bEMNLP\b", re.I)),
    ("COLING", re.compile(r"International Conference on Computational Linguistics|\bCOLING\b", re.I)),
    ("ACL", re.compile(r"Annual Meeting of the Association for Computational Linguistics|\bACL\b", re.I)),
]
_FINDINGS = re.compile(r"^Findings of the Association for Computational Linguistics:\s*(\w+)\s+(\d{4})", re.I)
_VOLUME = re.compile(r"\((?:Volume\s+\d+:\s*)?([^()]+)\)\s*$")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class VenueRef:
    """A normalised venue: series (ACL), event (ACL 2025), volume (Long Papers); any may be None."""

    series: str
    event: str | None = None
    volume: str | None = None
    year: int | None = None
    printed: str | None = None

    @property
    def key(self) -> str:
        return slug(" ".join(x for x in (self.event or self.series, self.volume) if x))


ARXIV = VenueRef(series="arXiv")


def parse_venue(printed: str, year: int | None) -> VenueRef | None:
    """Normalise a proceedings title; None when no known series is named."""
    findings = _FINDINGS.match(printed)
    if findings:
        series, event_year = findings[1].upper(), int(findings[2])
        return VenueRef(series, f"{series} {event_year}", "Findings", event_year, printed)
    series = next((name for name, pattern in _SERIES_PATTERNS if pattern.search(printed)), None)
    if series is None:
        return None
    printed_year = _YEAR.search(printed)
    event_year = int(printed_year[0]) if printed_year else year
    volume = _VOLUME.search(printed)
    return VenueRef(series, f"{series} {event_year}" if event_year else None,
                    volume[1].strip() if volume else None, event_year, printed)
