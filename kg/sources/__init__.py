"""One parser per capture format, and detection of which format a file is in.

>>> from kg.sources import parse_text
>>> doc = parse_text("h-index3\\nCLSep 19, 2023\\nT\\nA B et al.\\n" + "word " * 60, "p.txt")
>>> doc.kind.value, len(doc.papers)
('researcher-profile', 1)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..errors import KGError, ParseError
from ..model import Document, SourceKind
from ._common import Line, numbered_lines
from .acl_page import looks_like_abstract_page, looks_like_author_page, parse_abstract_page, parse_author_page
from .bibtex import looks_like_bibtex, parse_bibtex
from .hf_papers import looks_like_hf_papers, parse_hf_papers
from .profile import looks_like_profile, parse_profile

__all__ = ["parse_file", "parse_text", "detect", "PARSERS"]

Parser = Callable[[str, str], Document]

# Checked in this order; the first whose test passes parses the document.
PARSERS: list[tuple[SourceKind, Callable[[list[Line]], bool], Parser]] = [
    (SourceKind.BIBTEX, looks_like_bibtex, parse_bibtex),
    (SourceKind.RESEARCHER_PROFILE, looks_like_profile, parse_profile),
    (SourceKind.HF_DAILY_PAPERS, looks_like_hf_papers, parse_hf_papers),
    (SourceKind.ACL_AUTHOR_PAGE, looks_like_author_page, parse_author_page),
    (SourceKind.ACL_ABSTRACT_PAGE, looks_like_abstract_page, parse_abstract_page),
]

_EXPECTED = ("one of the known capture formats: BibTeX ('@inproceedings{…'), an ACL Anthology author page "
             "('pdf bib' entries), its abstract-only view ('Also published as:'), a Hugging Face 'Daily "
             "Papers' listing, or a researcher profile ('h-index…')")


def detect(text: str, document: str) -> SourceKind:
    """The format of a capture, from its content."""
    lines = numbered_lines(text)
    if not lines:
        raise ParseError(document, None, "a non-empty capture")
    for kind, looks_like, _ in PARSERS:
        if looks_like(lines):
            return kind
    raise ParseError(document, lines[0].number, _EXPECTED, lines[0].text)


def parse_text(text: str, document: str, kind: SourceKind | None = None) -> Document:
    """Parse a capture held in memory; ``document`` names it in records and errors."""
    kind = kind or detect(text, document)
    parser = next(p for k, _, p in PARSERS if k == kind)
    doc = parser(text, document)
    return doc.model_copy(update={"sha256": hashlib.sha256(text.encode()).hexdigest()})


def parse_file(path: str | Path, kind: SourceKind | None = None) -> Document:
    """Parse one capture file; records name it by its file name.

    Raises :class:`kg.KGError` naming the file (and line) when it cannot be read or parsed.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ParseError(path.name, None, f"UTF-8 text (byte {exc.start} is not)") from None
    except OSError as exc:
        raise KGError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_text(text, path.name, kind)
