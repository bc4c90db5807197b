"""BibTeX (``.bib``): the entries the ACL Anthology, arXiv, DBLP, Google Scholar and reference
managers export.

Read as BibTeX reads it: text between entries is ignored, ``@comment`` and ``@preamble`` are
skipped, ``@string`` macros (and the month macros ``jan`` … ``dec``) are expanded and ``#``
concatenates. Values in braces or quotes keep their inner braces until the text is turned from
LaTeX into Unicode (accents such as ``{\\"u}`` and ``\\c{c}``, escapes such as ``\\&``, dashes,
font commands). Each entry becomes one paper record: title, authors in order (``Last, First`` or
``First Last``; ``and others`` marks the list as truncated), year and month, venue (``booktitle``,
else ``journal``), DOI, arXiv id (``eprint`` with ``archivePrefix``/``eprinttype`` arXiv, an
arxiv.org URL, or an ``arXiv:`` journal), the entry type and the abstract. Entries without a
title or year are kept: resolution needs only what is there.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from ..errors import ParseError
from ..model import AuthorMention, Document, PaperRecord, PublicationDate, SourceKind, SourceRef
from ..text import extract_arxiv_ids, extract_dois
from ._common import Line, abstract_facts

__all__ = ["parse_bibtex", "looks_like_bibtex", "latex_to_text", "split_authors"]

_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
_FIELD_NAME = re.compile(r"[A-Za-z][\w\-:.+]*")
_KEY = re.compile(r"[^\s,{}()\"#%'=]+")
_MACRO = re.compile(r"[A-Za-z][\w\-:.+]*")
_NUMBER = re.compile(r"\d+")
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
MONTH_MACROS = {name[:3]: name.capitalize() for name in _MONTH_NAMES}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|2100)\b")


_KNOWN_TYPES = {"article", "inproceedings", "conference", "proceedings", "book", "inbook", "incollection",
                "booklet", "manual", "mastersthesis", "phdthesis", "thesis", "techreport", "report", "misc",
                "unpublished", "online", "electronic", "software", "dataset", "string", "comment", "preamble"}


def looks_like_bibtex(lines: list[Line]) -> bool:
    """One of the first 50 lines starts a BibTeX entry of a known type (``@inproceedings{…``); the
    text before it (a header such as JabRef's or a ``%`` comment) is what BibTeX ignores.

    >>> looks_like_bibtex([Line(1, "This file was created with JabRef."), Line(2, "@Article{x,")])
    True
    >>> looks_like_bibtex([Line(1, "@alice (Alice) shared a paper")])
    False
    """
    for line in lines[:50]:
        m = _ENTRY_START.match(line.text)
        if m and m.group(1).lower() in _KNOWN_TYPES:
            return True
    return False


class _Reader:
    """A cursor over the file that knows its line numbers."""

    def __init__(self, text: str, document: str):
        self.text, self.document, self.pos = text, document, 0
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line(self, pos: int | None = None) -> int:
        return bisect.bisect_left(self.newlines, self.pos if pos is None else pos) + 1

    def fail(self, expected: str, pos: int | None = None) -> ParseError:
        at = self.pos if pos is None else pos
        found = self.text[at:at + 40].split("\n")[0] if at < len(self.text) else "the end of the file"
        return ParseError(self.document, self.line(at), expected, found)

    def skip_space(self) -> None:
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c.isspace():
                self.pos += 1
            elif c == "%":  # a comment, to the end of the line (inside entries, as Biber reads them)
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end + 1
            else:
                return

    def expect(self, char: str, what: str) -> None:
        self.skip_space()
        if not self.text.startswith(char, self.pos):
            raise self.fail(what)
        self.pos += 1

    def match(self, pattern: re.Pattern) -> str | None:
        m = pattern.match(self.text, self.pos)
        if not m:
            return None
        self.pos = m.end()
        return m.group(0)

    def delimited(self, start: int) -> str:
        """The text of a value opening at ``self.pos``: in braces (nested braces kept) or in quotes
        (a quote inside braces does not end it)."""
        closer = "}" if self.text.startswith("{", self.pos) else '"'
        depth, i = 0, self.pos + 1
        while i < len(self.text):
            c = self.text[i]
            if c == "\\":
                i += 2
                continue
            if c == closer and depth == 0:
                value = self.text[self.pos + 1:i]
                self.pos = i + 1
                return value
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            i += 1
        raise self.fail(f"a '{closer}' closing the value opened here", start)

    def value(self, macros: dict[str, str]) -> str:
        """A field value: parts joined by ``#``, each braced, quoted, a number or a macro."""
        parts = []
        while True:
            self.skip_space()
            start = self.pos
            if self.text.startswith(("{", '"'), self.pos):
                parts.append(self.delimited(start))
            elif (number := self.match(_NUMBER)) is not None:
                parts.append(number)
            elif (name := self.match(_MACRO)) is not None:
                if name.lower() not in macros:
                    raise self.fail(f"a value: a braced or quoted text, a number, or an @string macro "
                                    f"defined before ({name!r} is not)", start)
                parts.append(macros[name.lower()])
            else:
                raise self.fail("a value: a braced or quoted text, a number, or an @string macro")
            self.skip_space()
            if not self.text.startswith("#", self.pos):
                return "".join(parts)
            self.pos += 1


def _entries(text: str, document: str):
    """(entry type, fields, first line, last line) of each entry, macros expanded."""
    r = _Reader(text, document)
    macros = dict(MONTH_MACROS)
    while True:
        at = text.find("@", r.pos)
        if at < 0:
            return
        r.pos = at
        m = _ENTRY_START.match(text, at)
        if not m:  # an '@' outside an entry is text BibTeX ignores (an e-mail address in a comment)
            r.pos = at + 1
            continue
        kind, closing = m.group(1).lower(), "}" if m.group(2) == "{" else ")"
        r.pos = m.end()
        if kind == "comment":
            if m.group(2) == "{":
                r.pos = m.end() - 1
                r.delimited(at)
            continue
        if kind == "preamble":
            r.value(macros)
            r.expect(closing, f"a '{closing}' closing the @preamble")
            continue
        if kind == "string":
            r.skip_space()
            name = r.match(_MACRO)
            if name is None:
                raise r.fail("a macro name after @string")
            r.expect("=", f"'=' after the macro name {name!r}")
            macros[name.lower()] = r.value(macros)
            r.expect(closing, f"a '{closing}' closing the @string")
            continue
        r.skip_space()
        key = r.match(_KEY)
        if key is None:
            raise r.fail(f"a citation key after @{kind}{m.group(2)}")
        fields: dict[str, str] = {}
        r.skip_space()
        while True:
            if r.pos >= len(text):
                raise r.fail(f"a '{closing}' closing the entry @{kind}{{{key} that starts here", at)
            if text.startswith(closing, r.pos):
                r.pos += 1
                break
            if not text.startswith(",", r.pos):
                raise r.fail(f"',' or a '{closing}' closing the entry @{kind}{{{key}")
            r.pos += 1
            r.skip_space()
            if r.pos >= len(text) or text.startswith(closing, r.pos):
                continue  # a trailing comma (or the file ends): the checks above
            name = r.match(_FIELD_NAME)
            if name is None:
                raise r.fail(f"a field name (title = …) in @{kind}{{{key}")
            r.expect("=", f"'=' after the field name {name!r} in @{kind}{{{key}")
            fields[name.lower()] = r.value(macros)
            r.skip_space()
        yield kind, fields, r.line(at), r.line(r.pos - 1)


# --- LaTeX to text -----------------------------------------------------------------------------

_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
            "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
            "textquotedblleft": "“", "textquotedblright": "”", "ldots": "…", "dots": "…", "textregistered": "®",
            "texttrademark": "™", "copyright": "©", "textasciitilde": "~", "textbackslash": "\\",
            "textquestiondown": "¿", "textexclamdown": "¡", "textasciicircum": "^", "textunderscore": "_",
            "textbar": "|", "textless": "<", "textgreater": ">", "textdegree": "°", "textbullet": "•",
            "textonesuperior": "¹", "texttwosuperior": "²", "textthreesuperior": "³",
            "S": "§", "P": "¶", "pounds": "£", "euro": "€", "alpha": "α", "beta": "β", "gamma": "γ",
            "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ",
            "theta": "θ", "phi": "φ", "omega": "ω", "infty": "∞", "times": "×", "pm": "±", "leq": "≤",
            "geq": "≥", "rightarrow": "→", "leftarrow": "←"}
# an accent command and its argument: \"o, \"{o}, {\"o}, \'{\i}, \c c, \v{s}
_ACCENT = re.compile(r"\\([\"'`^~=.])\s*(?:\{\s*(\\[ij]|[^{}\\])\s*\}|(\\[ij](?![A-Za-z])|[^\s{}\\]))"
                     r"|\\([uvHckrdb])(?:\s*\{\s*(\\[ij]|[^{}\\])\s*\}|\s+([^\s{}\\]))")
_ESCAPE = re.compile(r"\\([&%$#_{}])")
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_SPACES = re.compile(r"\s+")


def _accented(match: re.Match) -> str:
    mark = _ACCENTS[match.group(1) or match.group(4)]
    base = next(g for g in (match.group(2), match.group(3), match.group(5), match.group(6)) if g is not None)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + mark)


_MATH = re.compile(r"\$([^$]*)\$")
_ENSUREMATH = re.compile(r"\\ensuremath\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def _math(match: re.Match) -> str:
    """Math as the text it shows: super- and subscripts inline (``O($n^2$)`` → ``O(n2)``)."""
    return match.group(1).replace("^", "").replace("_", "")


def latex_to_text(value: str) -> str:
    """A BibTeX value as plain Unicode text: accents, escapes, dashes and font commands resolved,
    braces and math dollars dropped, spacing collapsed.

    >>> latex_to_text(r"G{\\"u}nter M{\\"{u}}ller and Fran\\c{c}ois Ba{\\v{s}}i{\\'{c}}")
    'Günter Müller and François Bašić'
    >>> latex_to_text(r"{BERT}: Pre-training of Deep {B}idirectional Transformers -- \\emph{really} 50\\% \\& more")
    'BERT: Pre-training of Deep Bidirectional Transformers – really 50% & more'
    >>> latex_to_text(r"Mart{\\'\\i}nez and \\AA{}ngstr\\"om, $\\alpha$-Test~2")
    'Martínez and Ångström, α-Test 2'
    """
    text = _ACCENT.sub(_accented, value)
    text = _ESCAPE.sub(lambda m: "\x00" + m.group(1), text)  # kept from the brace removal below
    text = _MATH.sub(_math, _ENSUREMATH.sub(r"$\1$", text))
    text = text.replace("---", "—").replace("--", "–").replace("~", " ").replace("``", "“").replace("''", "”")
    text = text.replace("?`", "¿").replace("!`", "¡").replace("`", "‘")

    def command(match: re.Match) -> str:
        name = match.group(1)
        if name in _LETTERS:
            return _LETTERS[name]
        return ""  # a font or other command: its argument (in braces) stays as text

    text = _COMMAND.sub(command, text)
    text = text.replace("\\\\", " ").replace("\\", "").replace("$", "")
    text = text.replace("{", "").replace("}", "").replace("\x00", "")
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


# --- names -------------------------------------------------------------------------------------


def _split_top(value: str, separator: re.Pattern) -> list[str]:
    """Split at the separator where it is outside braces."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        c = value[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            m = separator.match(value, i)
            if m:
                parts.append(value[start:i])
                i = start = m.end()
                continue
        i += 1
    parts.append(value[start:])
    return parts


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")


def split_authors(value: str) -> tuple[list[str], bool]:
    """The names of an ``author`` field in order, as ``First Last``, and whether it ends with
    ``and others`` (a truncated list).

    >>> split_authors(r"Wang, Peiyi and {Hugging Face} and de la Cruz, Jr., Juan and Zhifang Sui and others")
    (['Peiyi Wang', 'Hugging Face', 'Juan de la Cruz, Jr.', 'Zhifang Sui'], True)
    """
    names, truncated = [], False
    for raw in _split_top(_SPACES.sub(" ", value.strip()), _AND):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() == "others":
            truncated = True
            continue
        parts = [p.strip() for p in _split_top(raw, _COMMA)]
        if len(parts) == 2:  # von Last, First
            raw = f"{parts[1]} {parts[0]}"
        elif len(parts) >= 3:  # von Last, Jr, First (written "First von Last, Jr", as styles print it)
            raw = f"{parts[2]} {parts[0]}, {parts[1]}"
        name = latex_to_text(raw)
        if name:
            names.append(name)
    return names, truncated


# --- records -----------------------------------------------------------------------------------


def _month(value: str) -> int | None:
    text = value.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    for number, name in enumerate(_MONTH_NAMES, start=1):
        if len(text) >= 3 and name.startswith(text):
            return number
    return None


def _arxiv_ids(fields: dict[str, str]) -> list[str]:
    found: list[str] = []
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip().lower()
    if prefix == "arxiv" and fields.get("eprint"):
        found += extract_arxiv_ids("arXiv:" + fields["eprint"].strip())
    for name in ("journal", "url", "volume", "note", "howpublished"):
        if name in fields:
            text = fields[name]
            if name == "volume" and text.startswith("abs/"):  # DBLP: journal CoRR, volume abs/2310.12345
                text = "arXiv:" + text[4:]
            found += extract_arxiv_ids(text)
    return list(dict.fromkeys(found))


_ARXIV_JOURNAL = re.compile(r"^(arxiv|corr)\b|arxiv preprint", re.IGNORECASE)


def _record(document: str, kind: str, fields: dict[str, str], first: int, last: int) -> PaperRecord:
    source = SourceRef(document=document, kind=SourceKind.BIBTEX, line_start=first, line_end=last)
    title = latex_to_text(fields["title"]) if fields.get("title") else None
    names, truncated = split_authors(fields.get("author", ""))
    date = None
    year = _YEAR.search(fields.get("year", "")) if fields.get("year") else None
    if year:
        date = PublicationDate(year=int(year.group(1)), month=_month(fields.get("month", "")))
    elif fields.get("date"):  # biblatex: date = {2024-08}
        m = re.match(r"\s*(\d{4})(?:-(\d{2}))?", fields["date"])
        if m and 1900 <= int(m.group(1)) <= 2100:
            month = int(m.group(2)) if m.group(2) and 1 <= int(m.group(2)) <= 12 else None
            date = PublicationDate(year=int(m.group(1)), month=month)
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("journaltitle")
    venue = latex_to_text(venue) if venue else None
    if venue and _ARXIV_JOURNAL.search(venue):
        venue = None  # a preprint: the venue is arXiv (see kg.resolve.venue_of)
    dois = extract_dois(fields.get("doi", "")) if fields.get("doi") else []
    facts = abstract_facts(latex_to_text(fields["abstract"])) if fields.get("abstract") else {}
    arxiv = list(dict.fromkeys(_arxiv_ids(fields) + facts.pop("arxiv_ids", [])))
    dois = list(dict.fromkeys(dois + facts.pop("dois", [])))
    return PaperRecord(
        source=source, title=title or None, date=date,
        authors=[AuthorMention(position=i, name=n) for i, n in enumerate(names, start=1)],
        authors_truncated=truncated, venue=venue, entry_type=kind, arxiv_ids=arxiv, dois=dois, **facts)


def parse_bibtex(text: str, document: str) -> Document:
    """Parse a BibTeX file: one paper record per entry.

    >>> bib = '''@string{acl = "Proceedings of the 62nd Annual Meeting of the Association for "
    ...                       # "Computational Linguistics"}
    ... @inproceedings{wang-etal-2024-large,
    ...     title = "Large Language Models are not Fair Evaluators",
    ...     author = "Wang, Peiyi and Li, Lei and others",
    ...     booktitle = acl # " (Volume 1: Long Papers)",
    ...     month = aug, year = 2024,
    ...     doi = "10.18653/v1/2024.acl-long.511",
    ... }'''
    >>> paper = parse_bibtex(bib, "refs.bib").papers[0]
    >>> paper.title, [a.name for a in paper.authors], paper.authors_truncated, paper.date.isoformat()
    ('Large Language Models are not Fair Evaluators', ['Peiyi Wang', 'Lei Li'], True, '2024-08')
    >>> paper.venue[-23:], paper.dois, paper.entry_type, paper.source.key
    ('(Volume 1: Long Papers)', ['10.18653/v1/2024.acl-long.511'], 'inproceedings', 'refs.bib#L3-L9')
    """
    papers = [_record(document, *entry) for entry in _entries(text, document)]
    if not papers:
        raise ParseError(document, None, "at least one BibTeX entry (@article{…}, @inproceedings{…}, …)")
    return Document(name=document, kind=SourceKind.BIBTEX, papers=papers)
