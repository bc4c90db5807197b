"""Ingest the ACL Anthology into the store: its own named graph, written as N-Quads and bulk-loaded.

The Anthology is 100,000+ papers, so this path writes N-Quads text directly (the same terms
``kg.mapping`` uses for the seed corpus: ``schema:ScholarlyArticle``, ``kg:Authorship`` with
position and name as printed, ``schema:Person`` with ``foaf:name`` and variants, venues as
series → volume) and hands it to Oxigraph's bulk loader. Persons are the Anthology's curated
ones (``id/acl/person/<anthology id>``).

Re-ingest replaces the graph. A failure leaves an on-disk store as it was: ``kg.build`` fills a
new store beside it and swaps it in only when everything loaded.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .resolve.evidence import Merge
from .sources.acl_anthology import AclAuthor, Anthology
from .store import Store
from .text import normalise_title
from .vocab import BIBO, DCTERMS, FABIO, FOAF, GRAPH, KG, RDF, RDFS, SDO, XSD, iri

__all__ = ["ACL_GRAPH", "LINKS_GRAPH", "ingest", "nquads", "AnthologyMatch", "link_triples", "wanted"]

ACL_GRAPH = GRAPH["source/acl-anthology"]
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_SAFE_IRI = re.compile(r'^[^\s<>"{}|^`\\]+$')


def _lit(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def _typed(text: str, datatype) -> str:
    return f'"{text.translate(_ESCAPES)}"^^<{datatype}>'


class _Writer:
    def __init__(self, graph: str):
        self.graph = f" <{graph}> .\n"
        self.lines: list[str] = []

    def add(self, s: str, p, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o}{self.graph}")

    def iri(self, s: str, p, o: str) -> None:
        if _SAFE_IRI.match(o):
            self.lines.append(f"<{s}> <{p}> <{o}>{self.graph}")


def _person_iri(pid: str) -> str:
    return str(iri("acl", "person", pid))


def nquads(anthology: Anthology, graph: str = str(ACL_GRAPH), volumes: Iterator | None = None) -> Iterator[str]:
    """The Anthology as N-Quads lines, volume by volume, then its persons."""
    venue_seen: set[str] = set()
    for volume in volumes if volumes is not None else anthology.volumes():
        w = _Writer(graph)
        v = str(iri("acl", "volume", volume.id))
        w.add(v, RDF.type, f"<{KG.Venue}>")
        w.add(v, RDF.type, f"<{KG.VenueVolume}>")
        w.add(v, RDF.type, f"<{FABIO.ConferenceProceedings}>")
        w.add(v, RDFS.label, _lit(volume.title))
        w.iri(v, SDO.sameAs, f"https://aclanthology.org/volumes/{volume.id}/")
        if volume.year:
            w.add(v, DCTERMS.date, _typed(str(volume.year), XSD.gYear))
        for editor in volume.editors:
            w.add(v, SDO.editor, f"<{_person_iri(editor.person)}>")
        for venue in volume.venues:
            series = str(iri("acl", "venue", venue))
            w.add(v, DCTERMS.isPartOf, f"<{series}>")
            if venue not in venue_seen:
                venue_seen.add(venue)
                info = anthology.venues.get(venue, {})
                w.add(series, RDF.type, f"<{KG.Venue}>")
                w.add(series, RDF.type, f"<{KG.VenueSeries}>")
                w.add(series, RDF.type, f"<{BIBO.Series}>")
                w.add(series, RDFS.label, _lit(str(info.get("acronym") or venue)))
                if info.get("name"):
                    w.add(series, SDO.name, _lit(str(info["name"])))
        for paper in volume.papers:
            if paper.frontmatter:
                continue
            p = str(iri("acl", "paper", paper.id))
            w.add(p, RDF.type, f"<{SDO.ScholarlyArticle}>")
            w.add(p, RDF.type, f"<{FABIO.ConferencePaper}>")
            w.add(p, RDFS.label, _lit(paper.title))
            w.add(p, DCTERMS.title, _lit(paper.title))
            w.add(p, DCTERMS.identifier, _lit(paper.id))
            w.iri(p, SDO.sameAs, f"https://aclanthology.org/{paper.id}/")
            if paper.doi:
                w.iri(p, SDO.sameAs, f"https://doi.org/{paper.doi.lower()}")
            if paper.abstract:
                w.add(p, DCTERMS.abstract, _lit(paper.abstract))
            month = _MONTHS.get((paper.month or "").split("-")[0].strip().lower())
            if paper.year and month:
                w.add(p, DCTERMS.issued, _typed(f"{paper.year}-{month:02d}", XSD.gYearMonth))
                w.add(p, KG.datePrecision, _lit("month"))
            elif paper.year:
                w.add(p, DCTERMS.issued, _typed(str(paper.year), XSD.gYear))
                w.add(p, KG.datePrecision, _lit("year"))
            w.add(p, KG.authorsTruncated, _typed("false", XSD.boolean))
            pub = f"{p}/publication"
            w.add(p, KG.hasPublication, f"<{pub}>")
            w.add(pub, RDF.type, f"<{FABIO.ConferencePaper}>")
            w.add(pub, DCTERMS.isPartOf, f"<{v}>")
            for award in paper.awards:
                w.add(p, SDO.award, _lit(award))
            if paper.language:
                w.add(p, DCTERMS.language, _lit(paper.language))
            for position, author in enumerate(paper.authors, start=1):
                _authorship(w, p, position, author)
        yield from w.lines
    w = _Writer(graph)
    for pid, person in anthology.people.people.items():
        node = _person_iri(pid)
        name = person.canonical
        w.add(node, RDF.type, f"<{SDO.Person}>")
        w.add(node, RDF.type, f"<{FOAF.Person}>")
        w.add(node, FOAF.name, _lit(name))
        w.add(node, RDFS.label, _lit(name))
        w.add(node, SDO.identifier, _lit(pid))
        for first, last in person.names[1:]:
            w.add(node, SDO.alternateName, _lit(f"{first} {last}" if first else last))
        if person.orcid:
            w.iri(node, SDO.sameAs, f"https://orcid.org/{person.orcid}")
    yield from w.lines


def _authorship(w: _Writer, paper: str, position: int, author: AclAuthor) -> None:
    a = f"{paper}/author/{position}"
    person = _person_iri(author.person)
    w.add(paper, KG.hasAuthorship, f"<{a}>")
    w.add(paper, DCTERMS.creator, f"<{person}>")
    w.add(a, RDF.type, f"<{KG.Authorship}>")
    w.add(a, KG.position, _typed(str(position), XSD.integer))
    w.add(a, KG.nameAsPrinted, _lit(author.name))
    w.add(a, KG.person, f"<{person}>")
    if author.affiliation:
        w.add(a, KG.affiliationAsPrinted, _lit(author.affiliation))


@dataclass
class AnthologyMatch:
    """An Anthology paper whose title (or DOI) is one of the wanted ones, with its authors."""

    paper: str  # Anthology id
    title: str
    doi: str | None
    authors: list[AclAuthor]


def _watch(anthology: Anthology, titles: set[str], dois: set[str],
           found: list[AnthologyMatch]) -> Iterator:
    """The volumes, noting the papers a seed might be (same normalised title or DOI) on the way."""
    for volume in anthology.volumes():
        for paper in volume.papers:
            if paper.frontmatter:
                continue
            doi = paper.doi.lower() if paper.doi else None
            if (doi and doi in dois) or normalise_title(paper.title) in titles:
                found.append(AnthologyMatch(paper.id, paper.title, doi, list(paper.authors)))
        yield volume


def ingest(store: Store, path: str | Path, titles: set[str] = frozenset(), dois: set[str] = frozenset(),
           progress: bool = False) -> tuple[int, list[AnthologyMatch]]:
    """Read the Anthology at ``path`` into its named graph, replacing what was there.

    Parsing and mapping run in a thread that feeds Oxigraph's bulk loader through a pipe, so the
    two overlap. Returns the graph's triple count and the Anthology papers whose normalised title
    or DOI is among ``titles``/``dois`` (for linking the seeds). A broken file raises with its name
    and line; the caller (``kg.build``) fills a new on-disk store and keeps the original when
    anything fails.
    """
    anthology = Anthology(path, progress=progress)
    anthology.load_yaml()  # a broken name list fails before the store is touched
    found: list[AnthologyMatch] = []
    graph = ox.NamedNode(str(ACL_GRAPH))
    if store.oxigraph.contains_named_graph(graph):
        store.oxigraph.remove_graph(graph)
    read, write = os.pipe()
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            with os.fdopen(write, "wb", buffering=1 << 20) as sink:
                for line in nquads(anthology, str(ACL_GRAPH), _watch(anthology, set(titles), set(dois), found)):
                    sink.write(line.encode("utf-8"))
        except BaseException as exc:  # handed to the loading thread below
            failure.append(exc)

    producer = threading.Thread(target=produce, name="acl-anthology-reader", daemon=True)
    producer.start()
    try:
        with os.fdopen(read, "rb", buffering=1 << 20) as source:
            store.oxigraph.bulk_load(source, format=ox.RdfFormat.N_QUADS)
    except BaseException:
        producer.join()
        if failure:
            raise failure[0] from None
        raise
    producer.join()
    if failure:
        raise failure[0]
    store.flush()
    return _count(store), found


def _count(store: Store) -> int:
    result = store.oxigraph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ACL_GRAPH}> {{ ?s ?p ?o }} }}")
    return int(next(iter(result))["n"].value)


# --- linking the seed corpus to the Anthology -----------------------------------------------

LINKS_GRAPH = GRAPH["links/acl-anthology"]


def link_triples(resolution, matches: list[AnthologyMatch]) -> list[tuple]:
    """Seed papers and people that are Anthology papers and persons, by the resolution rules.

    A paper links on ``shared-identifier`` (DOI) or ``same-title`` (equal normalised titles, the
    rule that joins seed records); a person on ``same-paper-same-position`` (printed at the same
    place of a linked paper under a compatible name). Each link is a ``kg:Merge`` with its rule,
    and ``schema:sameAs`` between the two entities.
    """
    from rdflib import URIRef

    from .mapping import mention_iri, merge_iri, merge_triples, person_iris, record_iri
    from .resolve.people import compatible_names

    by_title: dict[str, list[AnthologyMatch]] = {}
    by_doi: dict[str, AnthologyMatch] = {}
    for m in matches:
        by_title.setdefault(normalise_title(m.title), []).append(m)
        if m.doi:
            by_doi[m.doi] = m
    people = person_iris(resolution)
    triples: list[tuple] = []

    def merge(entity: str, rule: str, left: str, evidence, seed, anthology, note: str) -> None:
        link = Merge(entity=entity, rule=rule, score=1.0, left=left, right=str(anthology), note=note)
        triples.extend(merge_triples(link, evidence, anthology))
        triples.extend([(seed, SDO.sameAs, anthology), (anthology, SDO.sameAs, seed),
                        (seed, KG.mergedBy, merge_iri(link))])

    for paper in resolution.papers:
        seed = iri("paper", paper.key)
        dois = {d for r in paper.records for d in r.dois}
        hits = [(by_doi[d], "shared-identifier") for d in sorted(dois) if d in by_doi]
        if not hits and paper.title:
            same = by_title.get(normalise_title(paper.title), [])
            hits = [(same[0], "same-title")] if len(same) == 1 else []  # two Anthology papers: leave it
        for match, rule in hits:
            acl_paper = URIRef(iri("acl", "paper", match.paper))
            record = paper.records[0].source.key
            merge("paper", rule, record, record_iri(record), seed, acl_paper,
                  f"seed paper {paper.title!r} is Anthology paper {match.paper}")
            for position, mention in paper.authors:
                if not position or position > len(match.authors):
                    continue
                author = match.authors[position - 1]
                if compatible_names(mention.name, author.name):
                    person = people[resolution.person_of[mention.key]]
                    merge("person", "same-paper-same-position", mention.key, mention_iri(mention), person,
                          URIRef(iri("acl", "person", author.person)),
                          f"author {position} of {match.paper}: {mention.name!r} / {author.name!r}")
    return list(dict.fromkeys(triples))


def wanted(resolution) -> tuple[set[str], set[str]]:
    """The normalised titles and DOIs of the seed papers, to watch for while reading the Anthology."""
    titles = {normalise_title(p.title) for p in resolution.papers if p.title}
    dois = {d for p in resolution.papers for r in p.records for d in r.dois}
    return titles, dois
