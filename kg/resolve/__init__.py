"""Resolution: the one place that decides "same paper / same person / same venue".

>>> from kg.corpus import bundled_documents
>>> result = resolve(bundled_documents())
>>> len(result.papers), len(result.people)
(126, 132)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Document, PaperRecord, PublicationDate, SourceKind
from ..text import normalise_title, short_hash, slug
from .artifacts import Artifact, ArtifactIndex, WebLink, link_artifacts
from .evidence import Decision, Merge, load_decisions
from .papers import link_papers
from .people import Mention, ResolvedPerson, link_people
from .venues import ARXIV, VenueRef, parse_venue

__all__ = ["resolve", "Resolution", "ResolvedPaper", "ResolvedPerson", "Mention", "Merge", "Decision",
           "load_decisions", "VenueRef", "venue_of", "Artifact", "ArtifactIndex", "WebLink"]

ACL_ANTHOLOGY = VenueRef(series="ACL Anthology")


@dataclass
class ResolvedPaper:
    """One real paper: its records (one per source mention) and what they agree on."""

    key: str
    records: list[PaperRecord]
    title: str | None
    date: PublicationDate | None
    authors: list[tuple[int | None, Mention]] = field(default_factory=list)
    authors_truncated: bool = False

    @property
    def abstract(self) -> str | None:
        english = [r.abstract for r in self.records if r.abstract and r.fingerprint.language == "en"]
        return english[0] if english else next((r.abstract for r in self.records if r.abstract), None)


@dataclass
class Resolution:
    documents: list[Document]
    papers: list[ResolvedPaper]
    people: list[ResolvedPerson]
    venues: dict[str, VenueRef]
    merges: list[Merge]
    person_of: dict[str, int] = field(default_factory=dict)  # mention key -> index into people
    artifacts: ArtifactIndex = field(default_factory=ArtifactIndex)

    def summary(self) -> dict[str, object]:
        """Records → entities per type and merges per rule."""
        records = sum(len(d.papers) for d in self.documents)
        mentions = sum(len(p.mentions) for p in self.people)
        rules = Counter(f"{m.entity}:{m.rule}" for m in self.merges if m.joined)
        venue_mentions = sum(1 for d in self.documents for r in d.papers if venue_of(r) is not None)
        return {"paper records": records, "papers": len(self.papers), "author mentions": mentions,
                "people": len(self.people), "venue mentions": venue_mentions, "venues": len(self.venues),
                "artifacts": len(self.artifacts.artifacts), "links": len(self.artifacts.links),
                "merges": dict(sorted(rules.items())),
                "kept apart": sum(1 for m in self.merges if not m.joined)}


def venue_of(record: PaperRecord) -> VenueRef | None:
    """The venue a record's publication belongs to."""
    if record.venue:
        return parse_venue(record.venue, record.date.year if record.date else None) or VenueRef(
            series=record.venue, printed=record.venue)
    if record.source.kind in (SourceKind.HF_DAILY_PAPERS, SourceKind.RESEARCHER_PROFILE):
        return ARXIV
    if record.source.kind == SourceKind.ACL_ABSTRACT_PAGE:
        return ACL_ANTHOLOGY
    if record.source.kind == SourceKind.BIBTEX and record.arxiv_ids:  # an arXiv entry with no journal
        return ARXIV
    return None


def _paper_key(title: str | None, records: list[PaperRecord], taken: set[str]) -> str:
    if title:
        base = f"{slug(title, 48)}-{short_hash(normalise_title(title), length=6)}"
    else:
        first = records[0]
        base = f"untitled-{short_hash(first.fingerprint.sha256 if first.fingerprint else first.source.key)}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def resolve(documents: list[Document], decisions: list[Decision] = ()) -> Resolution:
    """Resolve parsed documents into papers, people and venues, keeping every merge's evidence."""
    records = [r for d in documents for r in d.papers]
    pages = [p for d in documents for p in d.people]
    groups, paper_merges = link_papers(records, decisions)
    people, person_merges = link_people(groups, pages, decisions)
    person_of = {m.key: i for i, person in enumerate(people) for m in person.mentions}

    papers: list[ResolvedPaper] = []
    taken: set[str] = set()
    for group in groups:
        titled = [r for r in group if r.title]
        title = titled[0].title if titled else None
        dates = [r.date for r in group if r.date]
        exact = [d for d in dates if not d.year_inferred] or dates
        date = min(exact, key=lambda d: (d.year, d.month or 13, d.day or 32)) if exact else None
        best = max(group, key=lambda r: (sum(a.position is not None for a in r.authors), not r.authors_truncated))
        authors: list[tuple[int | None, Mention]] = []
        seen: set[int] = set()
        for a in best.authors:
            m = Mention(best.source.key, a.position, a.name, a.affiliation)
            authors.append((a.position, m))
            seen.add(person_of[m.key])
        for r in group:  # people other records know of (the page's person, another version's authors)
            for a in r.authors:
                m = Mention(r.source.key, a.position, a.name, a.affiliation)
                if person_of[m.key] not in seen:
                    seen.add(person_of[m.key])
                    authors.append((None, m))
        complete = [r for r in group if r.authors and not r.authors_truncated]
        papers.append(ResolvedPaper(key=_paper_key(title, group, taken), records=group, title=title, date=date,
                                    authors=authors, authors_truncated=not complete))
    venues: dict[str, VenueRef] = {}
    for r in records:
        v = venue_of(r)
        if v is not None:
            venues.setdefault(v.key, v)
    artifacts = link_artifacts([p.records for p in papers], [p.title for p in papers], [p.key for p in papers])
    return Resolution(documents=documents, papers=papers, people=people, venues=dict(sorted(venues.items())),
                      merges=paper_merges + person_merges, person_of=person_of, artifacts=artifacts)
