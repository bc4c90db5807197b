"""The one exception type for errors a user can cause."""

from __future__ import annotations

__all__ = ["KGError", "ParseError"]


class KGError(Exception):
    """An error the user can act on: a bad file, an unknown format, a bad query.

    The CLI prints the message without a traceback and exits non-zero.
    """


class ParseError(KGError):
    """A capture that does not have the shape its format expects.

    >>> str(ParseError("page.txt", 12, "an author line separated by ' | '", "pdf bib"))
    "page.txt:12: expected an author line separated by ' | ', found 'pdf bib'"
    """

    def __init__(self, document: str, line: int | None, expected: str, found: str | None = None):
        self.document = document
        self.line = line
        self.expected = expected
        self.found = found
        where = f"{document}:{line}" if line else document
        message = f"{where}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 80 else found[:77] + "..."
            message += f", found {shown!r}"
        super().__init__(message)
