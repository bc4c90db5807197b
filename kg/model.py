"""Pydantic records (one per mention in a source) and the entity types resolution makes of them.

Records say what one source document said, with a reference to where it said it. They are
immutable and carry no identity across documents: that is resolution's job.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SourceKind",
    "SourceRef",
    "PublicationDate",
    "AbstractFingerprint",
    "AuthorMention",
    "Figure",
    "ArtifactRelation",
    "ArtifactFinding",
    "NameFinding",
    "TopicHit",
    "Findings",
    "PaperRecord",
    "PersonRecord",
    "ProfileRecord",
    "Document",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceKind(str, Enum):
    """The formats kg reads; each has one parser in ``kg.sources``."""

    ACL_AUTHOR_PAGE = "acl-author-page"
    ACL_ABSTRACT_PAGE = "acl-abstract-page"
    HF_DAILY_PAPERS = "hf-daily-papers"
    RESEARCHER_PROFILE = "researcher-profile"
    BIBTEX = "bibtex"


class SourceRef(_Frozen):
    """Where a record came from: a document, a span of its lines, and the document's format.

    >>> SourceRef(document="000.txt", kind="acl-author-page", line_start=6, line_end=11).key
    '000.txt#L6-L11'
    """

    document: str = Field(description="file name of the source document (no directory)")
    kind: SourceKind
    line_start: int = Field(ge=1, description="first line of the record, 1-based")
    line_end: int = Field(ge=1, description="last line of the record, inclusive")

    @property
    def key(self) -> str:
        return f"{self.document}#L{self.line_start}-L{self.line_end}"


class PublicationDate(_Frozen):
    """A date known to the day or only to the year; an inferred year says how it was inferred.

    >>> PublicationDate(year=2023, month=9, day=19).isoformat()
    '2023-09-19'
    >>> PublicationDate(year=2025).precision
    'year'
    """

    year: int = Field(ge=1900, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    year_inferred: bool = Field(default=False, description="the year was not printed beside the date")
    inference: str | None = Field(default=None, description="how an inferred year was found")

    @property
    def precision(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")

    def isoformat(self) -> str:
        if self.day and self.month:
            return date(self.year, self.month, self.day).isoformat()
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


class AbstractFingerprint(_Frozen):
    """Facts about an abstract that let two abstracts be compared without the text itself."""

    sha256: str = Field(description="SHA-256 of the normalised abstract")
    minhash: list[int] = Field(description="64-value MinHash of the abstract's word 3-grams")
    language: str = Field(description="'en' or 'zh' (by script)")
    words: int = Field(ge=0, description="number of words (or CJK characters)")


class AuthorMention(_Frozen):
    """One name in one record's author list, exactly as printed."""

    position: int | None = Field(default=None, ge=1, description="1-based place in the list; None if unknown")
    name: str
    affiliation: str | None = None


class Figure(_Frozen):
    """A number the text gives about a dataset or benchmark: '44.6k refined prompts'."""

    value: float = Field(description="the number, with k/M multipliers and number words resolved")
    counts: str = Field(description="what is counted, as printed: 'refined prompts'")
    as_printed: str = Field(description="the number as printed: '44.6k', 'three', 'over 16,000'")


class ArtifactRelation(_Frozen):
    """How the text relates an artifact to another one, by name."""

    relation: str = Field(description="'sibling-of', 'revision-of' or 'derived-from'")
    target: str = Field(description="the other artifact's name as printed")


class ArtifactFinding(_Frozen):
    """A dataset, benchmark, environment or leaderboard a paper introduces, uses or mentions."""

    name: str | None = Field(description="the name as printed; None for an unnamed one the paper introduces")
    kind: str = Field(description="'dataset', 'benchmark', 'environment', 'leaderboard' or 'project'")
    role: str = Field(description="'introduces', 'uses' or 'mentions'")
    rule: str = Field(description="the extraction rule that found it")
    alt_names: list[str] = Field(default_factory=list, description="long forms printed beside the name")
    description: str | None = Field(default=None, description="the noun phrase naming an unnamed one")
    figures: list[Figure] = Field(default_factory=list)
    relations: list[ArtifactRelation] = Field(default_factory=list)


class NameFinding(_Frozen):
    """A name-like phrase in a title or abstract; kept when it names an artifact found elsewhere."""

    name: str
    role: str = Field(description="'uses' when a use cue precedes it ('on X', 'using X'), else 'mentions'")


class TopicHit(_Frozen):
    """A concept of a topic scheme matched in a record, with how it was matched."""

    concept: str = Field(description="the concept's IRI")
    rule: str = Field(description="'arxiv-category', 'title-label' or 'abstract-label'")
    matched: str = Field(description="the label or category code that matched")
    confidence: float = Field(ge=0, le=1)


class Findings(_Frozen):
    """What enrichment found in one record's title and abstract (kept in the bundle without the prose)."""

    artifacts: list[ArtifactFinding] = Field(default_factory=list)
    names: list[NameFinding] = Field(default_factory=list)
    topics: list[TopicHit] = Field(default_factory=list)


class PaperRecord(_Frozen):
    """What one source document says about one paper."""

    source: SourceRef
    title: str | None = Field(default=None, description="None when the source prints no title")
    abstract: str | None = None
    fingerprint: AbstractFingerprint | None = None
    date: PublicationDate | None = None
    authors: list[AuthorMention] = Field(default_factory=list)
    authors_truncated: bool = Field(
        default=False, description="the list printed is not the whole list ('et al.', or only the page owner)")
    author_count: int | None = Field(default=None, ge=0, description="the number of authors the source declares")
    venue: str | None = Field(default=None, description="venue as printed (a proceedings title)")
    entry_type: str | None = Field(
        default=None, description="the BibTeX entry type, lower-case ('inproceedings', 'article', 'misc', …)")
    organisations: list[str] = Field(default_factory=list, description="organisation lines as printed")
    category: str | None = Field(default=None, description="arXiv category code as printed, e.g. 'CL'")
    has_code: bool | None = Field(default=None, description="the listing flags a code release")
    upvotes: int | None = Field(default=None, ge=0)
    urls: list[str] = Field(default_factory=list, description="links named in the abstract")
    arxiv_ids: list[str] = Field(default_factory=list, description="arXiv ids cited in the abstract")
    dois: list[str] = Field(default_factory=list)
    listed_for: str | None = Field(default=None, description="the person whose page lists this paper")
    findings: Findings | None = Field(default=None, description="datasets, names and topics found in the text")


class PersonRecord(_Frozen):
    """A person a page is about, with the name variants the page declares."""

    source: SourceRef
    name: str
    variants: list[str] = Field(default_factory=list)


class ProfileRecord(_Frozen):
    """The headline figures of a researcher-profile page."""

    source: SourceRef
    h_index: int | None = None
    paper_count: int | None = None
    citations: int | None = None
    novelty_percent: int | None = None
    ai_score: int | None = None
    papers_listed: int | None = None


class Document(_Frozen):
    """One parsed source document."""

    name: str
    kind: SourceKind
    sha256: str | None = Field(default=None, description="SHA-256 of the file as read")
    capture_year: int | None = None
    capture_year_rule: str | None = None
    papers: list[PaperRecord] = Field(default_factory=list)
    people: list[PersonRecord] = Field(default_factory=list)
    profile: ProfileRecord | None = None

    def without_prose(self) -> Document:
        """The same document with every abstract removed (fingerprints and extracted facts kept)."""
        papers = [p.model_copy(update={"abstract": None}) for p in self.papers]
        return self.model_copy(update={"papers": papers})
