"""Map resolved entities and their source records to RDF, one named graph per source document.

* ``graph/source/<document>``: what each document said: its records, authorships as printed,
  dates as printed (inferred years marked), profile figures.
* ``graph/resolved``: papers, people, venues, publications, and the merges that made them.

IRIs are minted from content (slugs of titles and names, line spans), never from run order
alone, so the same input gives the same IRIs.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from rdflib import Literal, URIRef

from .enrich.topics import TopicScheme, default_scheme
from .model import Document, PaperRecord, PublicationDate, SourceKind
from .resolve import Merge, Resolution, VenueRef, venue_of
from .resolve.artifacts import Artifact
from .resolve.people import Mention
from .text import short_hash, slug
from .vocab import BIBO, CITO, DCAT, DCTERMS, FABIO, FOAF, GRAPH, KG, PROV, RDF, RDFS, SDO, SKOS, XSD, iri

__all__ = ["to_quads", "record_iri", "mention_iri", "document_graph", "artifact_iris", "RESOLVED_GRAPH",
           "TOPICS_GRAPH"]

Quad = tuple[URIRef, URIRef, object, URIRef]
RESOLVED_GRAPH = GRAPH["resolved"]
TOPICS_GRAPH = GRAPH["topics"]


def document_graph(name: str) -> URIRef:
    return GRAPH[f"source/{name}"]


def document_iri(name: str) -> URIRef:
    return iri("source", name)


def record_iri(key: str) -> URIRef:
    """The IRI of a record from its key ``document#Lstart-Lend``."""
    document, _, span = key.partition("#")
    return iri("record", document, span)


def mention_iri(mention: Mention) -> URIRef:
    return URIRef(f"{record_iri(mention.record)}/author/{mention.position or 'page'}")


def _mention_key_iri(key: str) -> URIRef:
    record, _, position = key.rpartition("@")
    if "#" not in record:
        return record_iri(key)
    return URIRef(f"{record_iri(record)}/author/{position}")


def date_literal(date: PublicationDate) -> Literal:
    """xsd:date when the day is known, xsd:gYearMonth or xsd:gYear otherwise."""
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[date.precision]
    return Literal(date.isoformat(), datatype=datatype)


def _date_triples(subject: URIRef, date: PublicationDate) -> Iterator[tuple]:
    yield subject, DCTERMS.issued, date_literal(date)
    yield subject, KG.datePrecision, Literal(date.precision)
    if date.year_inferred:
        yield subject, KG.dateInferred, Literal(True)
        yield subject, KG.dateInference, Literal(date.inference or "")


def _document_triples(doc: Document) -> Iterator[tuple]:
    d = document_iri(doc.name)
    yield d, RDF.type, KG.SourceDocument
    yield d, RDF.type, PROV.Entity
    yield d, RDFS.label, Literal(doc.name)
    yield d, KG.sourceKind, Literal(doc.kind.value)
    if doc.sha256:
        yield d, KG.sha256, Literal(doc.sha256)
    if doc.capture_year:
        yield d, KG.captureYear, Literal(str(doc.capture_year), datatype=XSD.gYear)
        yield d, KG.captureYearRule, Literal(doc.capture_year_rule or "")
    for page in doc.people:
        m = Mention(page.source.key, None, page.name)
        node = mention_iri(m)
        yield node, RDF.type, KG.Authorship
        yield node, KG.nameAsPrinted, Literal(page.name)
        yield node, KG.sourceDocument, d
        yield node, KG.lineStart, Literal(page.source.line_start)
        yield node, KG.lineEnd, Literal(page.source.line_end)
        for variant in page.variants:
            yield node, SDO.alternateName, Literal(variant)
        yield d, SDO.about, node
    if doc.profile:
        p = iri("profile", doc.name)
        f = doc.profile
        yield p, RDF.type, KG.Profile
        yield p, KG.sourceDocument, d
        for prop, value in ((KG.hIndex, f.h_index), (KG.paperCount, f.paper_count), (KG.citationCount, f.citations),
                            (KG.noveltyPercent, f.novelty_percent), (KG.aiScore, f.ai_score),
                            (KG.papersListed, f.papers_listed)):
            if value is not None:
                yield p, prop, Literal(value)


def _record_triples(record: PaperRecord) -> Iterator[tuple]:
    r = record_iri(record.source.key)
    src = record.source
    yield r, RDF.type, KG.Record
    yield r, RDF.type, PROV.Entity
    yield r, KG.sourceDocument, document_iri(src.document)
    yield r, KG.sourceKind, Literal(src.kind.value)
    yield r, KG.lineStart, Literal(src.line_start)
    yield r, KG.lineEnd, Literal(src.line_end)
    if record.title:
        yield r, DCTERMS.title, Literal(record.title)
    if record.abstract:
        yield r, DCTERMS.abstract, Literal(record.abstract)
    if record.fingerprint:
        yield r, KG.abstractSha256, Literal(record.fingerprint.sha256)
        yield r, KG.abstractLanguage, Literal(record.fingerprint.language)
    if record.date:
        yield from _date_triples(r, record.date)
    if record.venue:
        yield r, KG.venueAsPrinted, Literal(record.venue)
    yield r, KG.authorsTruncated, Literal(record.authors_truncated)
    if record.author_count is not None:
        yield r, KG.authorCount, Literal(record.author_count)
    for org in record.organisations:
        yield r, KG.organisationAsPrinted, Literal(org)
    if record.category:
        yield r, KG.categoryCode, Literal(record.category)
    if record.has_code is not None:
        yield r, KG.hasCode, Literal(record.has_code)
    if record.upvotes is not None:
        yield r, KG.upvotes, Literal(record.upvotes)
    if record.listed_for:
        yield r, KG.listedFor, Literal(record.listed_for)
    for url in record.urls:
        yield r, SDO.url, URIRef(url)
    for author in record.authors:
        a = mention_iri(Mention(src.key, author.position, author.name))
        yield r, KG.hasAuthorship, a
        yield a, RDF.type, KG.Authorship
        yield a, KG.nameAsPrinted, Literal(author.name)
        if author.position:
            yield a, KG.position, Literal(author.position)
        if author.affiliation:
            yield a, KG.affiliationAsPrinted, Literal(author.affiliation)


def venue_iris(venue: VenueRef) -> Iterator[tuple]:
    """Series → event → volume nodes of a venue, each with its label and type."""
    series = iri("venue", slug(venue.series) or "unknown")
    kind = KG.Listing if venue.series == "ACL Anthology" else KG.VenueSeries
    yield series, RDF.type, KG.Venue
    yield series, RDF.type, kind
    yield series, RDF.type, BIBO.Series if kind == KG.VenueSeries else SDO.WebSite
    yield series, RDFS.label, Literal(venue.series)
    parent = series
    if venue.event:
        event = iri("venue", slug(venue.event))
        yield event, RDF.type, KG.Venue
        yield event, RDF.type, KG.VenueEvent
        yield event, RDF.type, BIBO.Conference
        yield event, RDFS.label, Literal(venue.event)
        yield event, DCTERMS.isPartOf, series
        if venue.year:
            yield event, DCTERMS.date, Literal(str(venue.year), datatype=XSD.gYear)
        parent = event
    if venue.volume:
        volume = iri("venue", venue.key)
        yield volume, RDF.type, KG.Venue
        yield volume, RDF.type, KG.VenueVolume
        yield volume, RDF.type, FABIO.ConferenceProceedings
        yield volume, RDFS.label, Literal(f"{venue.event or venue.series}: {venue.volume}")
        yield volume, DCTERMS.isPartOf, parent
        parent = volume
    if venue.printed:
        yield parent, SDO.name, Literal(venue.printed)


def venue_node(venue: VenueRef) -> URIRef:
    """The most specific node of a venue (volume, else event, else series)."""
    if venue.volume:
        return iri("venue", venue.key)
    return iri("venue", slug(venue.event or venue.series) or "unknown")


def person_iris(resolution: Resolution) -> list[URIRef]:
    """Person IRIs from canonical names; a second person of the same name gets a suffix."""
    out, taken = [], set()
    for person in resolution.people:
        base = slug(person.name) or f"person-{len(out) + 1}"
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        taken.add(key)
        out.append(iri("person", key))
    return out


def merge_iri(merge: Merge) -> URIRef:
    """A merge's IRI from what it joined, so that re-running gives the same IRI."""
    return iri("merge", merge.entity, merge.rule, short_hash(merge.left, merge.right, length=12))


def merge_triples(merge: Merge, left: URIRef, right: URIRef) -> Iterator[tuple]:
    """A merge as a kg:Merge node: its rule, score, outcome and the two things it joined."""
    m = merge_iri(merge)
    yield m, RDF.type, KG.Merge
    yield m, RDF.type, PROV.Activity
    yield m, KG.rule, Literal(merge.rule)
    yield m, KG.score, Literal(merge.score, datatype=XSD.decimal)
    yield m, KG.joined, Literal(merge.joined)
    yield m, KG.left, left
    yield m, KG.right, right
    yield m, PROV.used, left
    yield m, PROV.used, right
    if merge.note:
        yield m, KG.note, Literal(merge.note)


# the FaBiO type a paper takes from its records: the first of these that one of them has
_WORK_TYPES = [FABIO.ConferencePaper, FABIO.JournalArticle, FABIO.BookChapter, FABIO.Book, FABIO.Thesis,
               FABIO.TechnicalReport, FABIO.Preprint, FABIO.ScholarlyWork]
_BIBTEX_TYPES = {"inproceedings": FABIO.ConferencePaper, "conference": FABIO.ConferencePaper,
                 "article": FABIO.JournalArticle, "incollection": FABIO.BookChapter,
                 "inbook": FABIO.BookChapter, "book": FABIO.Book, "phdthesis": FABIO.Thesis,
                 "mastersthesis": FABIO.Thesis, "thesis": FABIO.Thesis, "techreport": FABIO.TechnicalReport,
                 "report": FABIO.TechnicalReport}


def work_type(record: PaperRecord) -> URIRef:
    """The FaBiO type of what a record describes: an ACL page lists conference papers, Hugging Face
    and profiles list preprints; a BibTeX entry says by its type, and one in arXiv is a preprint.

    >>> from kg.sources import parse_text
    >>> bib = "@misc{x, title={T}, eprint={2310.12345}, archivePrefix={arXiv}}\\n@article{y, title={U}, journal={TACL}}"
    >>> [str(work_type(r)).rsplit("/", 1)[1] for r in parse_text(bib, "r.bib").papers]
    ['Preprint', 'JournalArticle']
    """
    kind = record.source.kind
    if kind in (SourceKind.ACL_AUTHOR_PAGE, SourceKind.ACL_ABSTRACT_PAGE):
        return FABIO.ConferencePaper
    if kind in (SourceKind.HF_DAILY_PAPERS, SourceKind.RESEARCHER_PROFILE):
        return FABIO.Preprint
    if record.entry_type not in ("inproceedings", "conference"):
        venue = venue_of(record)
        if venue is not None and venue.series == "arXiv":
            return FABIO.Preprint
    return _BIBTEX_TYPES.get(record.entry_type or "", FABIO.ScholarlyWork)


def _resolved_triples(res: Resolution) -> Iterator[tuple]:
    people = person_iris(res)
    for person, node in zip(res.people, people):
        yield node, RDF.type, SDO.Person
        yield node, RDF.type, FOAF.Person
        yield node, FOAF.name, Literal(person.name)
        yield node, RDFS.label, Literal(person.name)
        for variant in person.variants:
            yield node, SDO.alternateName, Literal(variant)
        for m in person.mentions:
            yield mention_iri(m), KG.person, node
            yield node, PROV.wasDerivedFrom, mention_iri(m)

    venue_seen: set[tuple] = set()
    for venue in res.venues.values():
        for t in venue_iris(venue):
            if t not in venue_seen:
                venue_seen.add(t)
                yield t

    for paper in res.papers:
        p = iri("paper", paper.key)
        yield p, RDF.type, SDO.ScholarlyArticle
        yield p, RDF.type, min((work_type(r) for r in paper.records), key=_WORK_TYPES.index)
        if paper.title:
            yield p, DCTERMS.title, Literal(paper.title)
            yield p, RDFS.label, Literal(paper.title)
        else:
            yield p, KG.titleUnknown, Literal(True)
            yield p, RDFS.label, Literal("(untitled: known by its abstract only)")
        if paper.abstract:
            yield p, DCTERMS.abstract, Literal(paper.abstract)
        if paper.date:
            yield from _date_triples(p, paper.date)
        yield p, KG.authorsTruncated, Literal(paper.authors_truncated)
        for record in paper.records:
            yield p, PROV.wasDerivedFrom, record_iri(record.source.key)
            for arxiv in record.arxiv_ids:
                yield p, DCTERMS.identifier, Literal(f"arXiv:{arxiv}")
                yield p, SDO.sameAs, URIRef(f"https://arxiv.org/abs/{arxiv}")
            for doi in record.dois:
                yield p, SDO.sameAs, URIRef(f"https://doi.org/{doi}")
        for index, (position, m) in enumerate(paper.authors, start=1):
            a = URIRef(f"{p}/author/{index}")
            person = people[res.person_of[m.key]]
            yield p, KG.hasAuthorship, a
            yield p, DCTERMS.creator, person
            yield a, RDF.type, KG.Authorship
            yield a, KG.person, person
            yield a, KG.nameAsPrinted, Literal(m.name)
            if position:
                yield a, KG.position, Literal(position)
            yield a, PROV.wasDerivedFrom, mention_iri(m)
        publications: dict[URIRef, list[PaperRecord]] = {}
        for record in paper.records:
            venue = venue_of(record)
            key = slug(venue.key if venue else "unknown") or "unknown"
            publications.setdefault(URIRef(f"{p}/publication/{key}"), []).append(record)
        for pub, records in publications.items():
            venue = venue_of(records[0])
            yield p, KG.hasPublication, pub
            yield pub, RDF.type, work_type(records[0])
            if venue:
                yield pub, DCTERMS.isPartOf, venue_node(venue)
            dated = [r.date for r in records if r.date]
            if dated:
                yield from _date_triples(pub, min(dated, key=lambda d: (d.year_inferred, d.isoformat())))
            for r in records:
                yield pub, PROV.wasDerivedFrom, record_iri(r.source.key)
                if r.source.kind in (SourceKind.HF_DAILY_PAPERS,) or r.listed_for:
                    yield pub, KG.listedOn, document_iri(r.source.document)

    # Merge evidence: which rule joined which records (or mentions), with what score.
    for merge in res.merges:
        left = record_iri(merge.left) if merge.entity == "paper" else _mention_key_iri(merge.left)
        right = record_iri(merge.right) if merge.entity == "paper" else _mention_key_iri(merge.right)
        yield from merge_triples(merge, left, right)
    for paper in res.papers:
        keys = {r.source.key for r in paper.records}
        for merge in res.merges:
            if merge.entity == "paper" and merge.joined and merge.left in keys:
                yield iri("paper", paper.key), KG.mergedBy, merge_iri(merge)
    for person, node in zip(res.people, people):
        keys = {m.key for m in person.mentions}
        for merge in res.merges:
            if merge.entity == "person" and merge.joined and merge.left in keys:
                yield node, KG.mergedBy, merge_iri(merge)


# --- datasets, benchmarks, links and topics ----------------------------------------------------

_ARTIFACT_TYPES = {
    "dataset": (DCAT.Dataset, SDO.Dataset),
    "benchmark": (DCAT.Dataset, SDO.Dataset, KG.Benchmark),
    "leaderboard": (DCAT.Dataset, SDO.Dataset, KG.Leaderboard),
    "environment": (DCAT.Resource, SDO.SoftwareApplication, KG.Environment),
    "project": (DCAT.Resource, SDO.CreativeWork, KG.Project),
}
_LINK_TYPES = {"code": (KG.CodeRepository, SDO.SoftwareSourceCode, KG.codeRepository),
               "dataset-page": (KG.DatasetPage, SDO.WebPage, KG.datasetPage),
               "project-page": (KG.ProjectPage, SDO.WebPage, KG.projectPage)}


def artifact_iris(resolution: Resolution) -> dict[str, URIRef]:
    """Artifact key → IRI (``id/dataset/<slug of its name>``; unnamed ones by their paper)."""
    out: dict[str, URIRef] = {}
    taken: set[str] = set()
    for key, art in sorted(resolution.artifacts.artifacts.items()):
        base = slug(art.name) if art.name else f"unnamed-{slug(key)}"
        name, n = base or key, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        out[key] = iri("dataset", name)
    return out


def _artifact_label(art: Artifact, resolution: Resolution) -> str:
    if art.name:
        return art.name
    paper = resolution.papers[art.papers("introduces")[0]]
    return f"{art.description or art.kind} of “{paper.title or 'an untitled paper'}”"


def _artifact_triples(res: Resolution, papers: list[URIRef], nodes: dict[str, URIRef]) -> Iterator[tuple]:
    role_property = {"introduces": KG.introduces, "uses": CITO.usesDataFrom, "mentions": SDO.mentions}
    for key, art in res.artifacts.artifacts.items():
        a = nodes[key]
        yield a, RDF.type, KG.Artifact
        for t in _ARTIFACT_TYPES[art.kind]:
            yield a, RDF.type, t
        label = _artifact_label(art, res)
        yield a, RDFS.label, Literal(label)
        yield a, SDO.name, Literal(label)
        yield a, KG.artifactKind, Literal(art.kind)
        if art.name:
            yield a, DCTERMS.title, Literal(art.name)
        else:
            yield a, KG.unnamed, Literal(True)
            yield a, DCTERMS.description, Literal(art.description or art.kind)
        for alt in art.alt_names:
            yield a, SKOS.altLabel, Literal(alt)
        for i, role in sorted(art.roles.items()):
            yield papers[i], role_property[role], a
            if role == "introduces":
                yield a, KG.introducedBy, papers[i]
                yield a, DCTERMS.creator, papers[i]
        for n, figure in enumerate(art.figures, start=1):
            f = URIRef(f"{a}/figure/{n}")
            yield a, KG.figure, f
            yield f, RDF.type, SDO.PropertyValue
            yield f, SDO.name, Literal(figure.counts)
            yield f, SDO.value, Literal(_number(figure.value), datatype=XSD.decimal)
            yield f, KG.asPrinted, Literal(figure.as_printed)
        for relation, target in art.relations:
            t = nodes[target]
            yield a, DCTERMS.relation, t
            if relation == "sibling-of":
                yield a, KG.siblingOf, t
                yield t, KG.siblingOf, a
            elif relation == "revision-of":
                yield a, PROV.wasRevisionOf, t
            else:
                yield a, PROV.wasDerivedFrom, t
        for url in art.pages:
            yield a, DCAT.landingPage, URIRef(url)
        for url in art.code:
            yield a, KG.codeRepository, URIRef(url)
        for ev in art.evidence:
            yield a, PROV.wasDerivedFrom, _artifact_mention_iri(ev.record, key)
    for url, link in res.artifacts.links.items():
        node = URIRef(url)
        cls, schema_cls, prop = _LINK_TYPES[link.kind]
        yield node, RDF.type, cls
        yield node, RDF.type, schema_cls
        yield node, RDFS.label, Literal(_link_label(url))
        yield node, SDO.url, Literal(url, datatype=XSD.anyURI)
        for i in link.papers:
            yield papers[i], prop, node


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _link_label(url: str) -> str:
    parts = urlparse(url)
    path = parts.path.strip("/")
    if parts.netloc.endswith("github.com") and path:
        return "/".join(path.split("/")[:2]).removesuffix(".git")
    return f"{parts.netloc}/{path}".rstrip("/")


def _artifact_mention_iri(record: str, key: str) -> URIRef:
    return URIRef(f"{record_iri(record)}/artifact/{slug(key) or short_hash(key)}")


def _artifact_evidence(res: Resolution, nodes: dict[str, URIRef]) -> dict[str, list[tuple]]:
    """Per document: which of its records named which artifact, in what role, by what rule."""
    out: dict[str, list[tuple]] = {}
    for key, art in res.artifacts.artifacts.items():
        for ev in art.evidence:
            m = _artifact_mention_iri(ev.record, key)
            triples = out.setdefault(ev.record.partition("#")[0], [])
            triples += [(m, RDF.type, KG.ArtifactMention), (m, KG.artifact, nodes[key]),
                        (record_iri(ev.record), KG.namesArtifact, m)]
            triples += [(m, KG.role, Literal(ev.role)), (m, KG.rule, Literal(ev.rule))]
            if ev.name:
                triples.append((m, KG.nameAsPrinted, Literal(ev.name)))
    return out


def _topic_triples(res: Resolution, papers: list[URIRef]) -> Iterator[tuple]:
    for paper, node in zip(res.papers, papers):
        best: dict[tuple[str, str], object] = {}
        for record in paper.records:
            for hit in (record.findings.topics if record.findings else []):
                old = best.get((hit.concept, hit.rule))
                if old is None or hit.confidence > old.confidence:
                    best[(hit.concept, hit.rule)] = hit
        for (concept, rule), hit in sorted(best.items()):
            c = URIRef(concept)
            t = URIRef(f"{node}/topic/{slug(concept.rstrip('/').rsplit('/', 1)[-1])}/{rule}")
            yield node, DCTERMS.subject, c
            yield node, KG.topicAssignment, t
            yield t, RDF.type, KG.TopicAssignment
            yield t, KG.topic, c
            yield t, KG.rule, Literal(rule)
            yield t, KG.matched, Literal(hit.matched)
            yield t, KG.confidence, Literal(f"{hit.confidence:.2f}", datatype=XSD.decimal)


def to_quads(resolution: Resolution, scheme: TopicScheme | None = None) -> dict[URIRef, list[tuple]]:
    """Triples of the resolution, grouped by the named graph they belong in."""
    graphs: dict[URIRef, list[tuple]] = {}
    nodes = artifact_iris(resolution)
    evidence = _artifact_evidence(resolution, nodes)
    for doc in resolution.documents:
        triples = list(_document_triples(doc))
        for record in doc.papers:
            triples += _record_triples(record)
        triples += evidence.get(doc.name, [])
        graphs[document_graph(doc.name)] = list(dict.fromkeys(triples))
    papers = [iri("paper", p.key) for p in resolution.papers]
    resolved = list(_resolved_triples(resolution))
    resolved += _artifact_triples(resolution, papers, nodes)
    resolved += _topic_triples(resolution, papers)
    graphs[RESOLVED_GRAPH] = list(dict.fromkeys(resolved))
    graphs[TOPICS_GRAPH] = sorted((scheme or default_scheme()).graph, key=lambda t: tuple(map(str, t)))
    return graphs
