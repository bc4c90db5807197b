"""Ingest the ACL Anthology into the store: its own named graph, written as N-Triples and bulk-loaded.

The Anthology is 100,000+ papers, so this path writes N-Triples text directly (the same terms
``kg.mapping`` uses for the seed corpus: ``schema:ScholarlyArticle``, ``kg:Authorship`` with
position and name as printed, ``schema:Person`` with ``foaf:name`` and variants, venues as
series → volume) and hands it to Oxigraph's bulk loader. Persons are the Anthology's curated
ones (``id/acl/person/<anthology id>``).

Re-ingest replaces the graph. A failure leaves an on-disk store as it was: ``kg.build`` fills a
new store beside it and swaps it in only when everything loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import KGError, ParseError
from .sources.acl_anthology import AclAuthor, Anthology
from .stats import observation_rows, stats_graph
from .text import normalise_title
from .vocab import BIBO, DCTERMS, FABIO, FOAF, GRAPH, KG, RDF, RDFS, SDO, XSD, iri

if TYPE_CHECKING:  # the reader's child process imports this module and needs neither
    from .store import Store

__all__ = ["ACL_GRAPH", "ACL_STATS_GRAPH", "LINKS_GRAPH", "ingest", "ntriples", "AnthologyMatch", "link_triples",
           "wanted"]

ACL_GRAPH = GRAPH["source/acl-anthology"]
ACL_STATS_GRAPH = stats_graph("acl-anthology")
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Every IRI the writer makes is valid before the loader sees it, so the loader can skip checking
# (lenient: a third of its parsing time): ids go into IRIs only when they are plain (Anthology ids
# always are; anything else is an error naming the id), and URLs taken from the data (DOIs, ORCIDs,
# SIG pages) only when Oxigraph's own IRI parser accepts them (others are left out, as before).
_PLAIN_ID = re.compile(r"[A-Za-z0-9._~-]+")


def _checked_id(value: str, what: str) -> str:
    if not _PLAIN_ID.fullmatch(value):
        raise KGError(f"{what}: the Anthology id {value!r} has characters an IRI cannot hold as they are "
                      "(expected letters, digits, '.', '_', '~' and '-')")
    return value


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


def _lit(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"' if _NEEDS_ESCAPE.search(text) else f'"{text}"'


def _typed(text: str, datatype) -> str:
    return f'{_lit(text)}^^<{datatype}>'


# predicates and classes written once as N-Triples terms (rdflib's namespace lookups cost ~1 µs each,
# and the Anthology needs millions of them)
_A, _LABEL, _SAME, _PART_OF = (f"<{t}>" for t in (RDF.type, RDFS.label, SDO.sameAs, DCTERMS.isPartOf))
_VENUE, _VOLUME, _PROCEEDINGS, _SERIES_T, _SERIES = (
    f"<{t}>" for t in (KG.Venue, KG.VenueVolume, FABIO.ConferenceProceedings, KG.VenueSeries, BIBO.Series))
_DATE, _EDITOR, _NAME = f"<{DCTERMS.date}>", f"<{SDO.editor}>", f"<{SDO.name}>"
_EVENT, _CONFERENCE = f"<{KG.VenueEvent}>", f"<{BIBO.Conference}>"
_ORGANIZATION, _SPONSOR, _URL = f"<{SDO.Organization}>", f"<{SDO.sponsor}>", f"<{SDO.url}>"
_ARTICLE, _CONF_PAPER, _TITLE, _IDENT = (
    f"<{t}>" for t in (SDO.ScholarlyArticle, FABIO.ConferencePaper, DCTERMS.title, DCTERMS.identifier))
_ABSTRACT, _ISSUED, _PRECISION, _TRUNCATED = (
    f"<{t}>" for t in (DCTERMS.abstract, DCTERMS.issued, KG.datePrecision, KG.authorsTruncated))
_HAS_PUB, _AWARD, _LANGUAGE = f"<{KG.hasPublication}>", f"<{SDO.award}>", f"<{DCTERMS.language}>"
_HAS_AUTHORSHIP, _CREATOR, _AUTHORSHIP, _POSITION = (
    f"<{t}>" for t in (KG.hasAuthorship, DCTERMS.creator, KG.Authorship, KG.position))
_AS_PRINTED, _PERSON_P, _AFFILIATION = f"<{KG.nameAsPrinted}>", f"<{KG.person}>", f"<{KG.affiliationAsPrinted}>"
_PERSON_S, _PERSON_F, _FOAF_NAME, _SDO_ID, _ALT = (
    f"<{t}>" for t in (SDO.Person, FOAF.Person, FOAF.name, SDO.identifier, SDO.alternateName))
_GYEAR, _GYEARMONTH, _INTEGER = str(XSD.gYear), str(XSD.gYearMonth), str(XSD.integer)
_FALSE = _typed("false", XSD.boolean)
_MONTH_LIT, _YEAR_LIT = _lit("month"), _lit("year")
_PERSON_BASE = str(iri("acl", "person", ""))


class _Writer:
    end = " .\n"  # of a line (the graph is named once, to the loader)

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        """A triple; ``p`` and ``o`` are written N-Triples terms (``<iri>``, a literal)."""
        self.lines.append(f"<{s}> {p} {o}{self.end}")

    def iri(self, s: str, p: str, o: str) -> None:
        """A link to a URL taken from the data: left out unless it is a valid IRI."""
        if _valid_iri(o):
            self.lines.append(f"<{s}> {p} <{o}>{self.end}")

    def text(self) -> str:
        return "".join(self.lines)


def ntriples(anthology: Anthology, volumes: Iterator | None = None) -> Iterator[str]:
    """The Anthology as N-Triples text: one chunk of lines per volume, then one for its persons."""
    venue_seen: set[str] = set()
    event_seen: set[str] = set()
    volume_base, paper_base, venue_base, event_base, sig_base = (
        str(iri("acl", kind, "")) for kind in ("volume", "paper", "venue", "event", "sig"))
    sponsors: dict[str, list[str]] = {}  # volume id -> the SIGs whose meetings list it
    sig_lines = _Writer()
    for sig, info in sorted(anthology.sigs.items()):
        node = sig_base + _checked_id(sig, f"yaml/sigs/{sig}.yaml")
        sig_lines.add(node, _A, _ORGANIZATION)
        sig_lines.add(node, _LABEL, _lit(str(info.get("ShortName") or sig)))
        if info.get("Name"):
            sig_lines.add(node, _NAME, _lit(str(info["Name"])))
        if info.get("URL"):
            sig_lines.iri(node, _URL, str(info["URL"]))
        for meeting in info.get("Meetings") or []:
            for entries in (meeting.values() if isinstance(meeting, dict) else []):
                for entry in entries or []:
                    if isinstance(entry, str):  # a volume id (other entries name meetings outside the data)
                        sponsors.setdefault(entry.strip(), []).append(node)
    yield sig_lines.text()
    for volume in volumes if volumes is not None else anthology.volumes():
        w = _Writer()
        add = w.add
        where = f"xml/{volume.collection}.xml"
        v = volume_base + _checked_id(volume.id, where)
        add(v, _A, _VENUE)
        add(v, _A, _VOLUME)
        add(v, _A, _PROCEEDINGS)
        add(v, _LABEL, _lit(volume.title))
        add(v, _SAME, f"<https://aclanthology.org/volumes/{volume.id}/>")
        if volume.year:
            add(v, _DATE, _typed(str(volume.year), _GYEAR))
        for editor in volume.editors:
            add(v, _EDITOR, f"<{_PERSON_BASE}{editor.person}>")
        for sponsor in sponsors.get(volume.id, ()):
            add(v, _SPONSOR, f"<{sponsor}>")
        if volume.event:
            event = event_base + _checked_id(volume.event, where)
            add(v, _PART_OF, f"<{event}>")
            if volume.event not in event_seen:
                event_seen.add(volume.event)
                add(event, _A, _VENUE)
                add(event, _A, _EVENT)
                add(event, _A, _CONFERENCE)
                add(event, _LABEL, _lit(volume.event))
        for venue in volume.venues:
            series = venue_base + _checked_id(venue, where)
            add(v, _PART_OF, f"<{series}>")
            if venue not in venue_seen:
                venue_seen.add(venue)
                info = anthology.venues.get(venue, {})
                add(series, _A, _VENUE)
                add(series, _A, _SERIES_T)
                add(series, _A, _SERIES)
                add(series, _LABEL, _lit(_series_label(anthology, venue)))
                if info.get("name"):
                    add(series, _NAME, _lit(str(info["name"])))
        g, out = w.end, w.lines
        for paper in volume.papers:
            if paper.frontmatter:
                continue
            plain = paper_base + _checked_id(paper.id, where)
            p = f"<{plain}>"
            title = _lit(paper.title)
            out.append(f"{p} {_A} {_ARTICLE}{g}{p} {_A} {_CONF_PAPER}{g}{p} {_LABEL} {title}{g}"
                       f"{p} {_TITLE} {title}{g}{p} {_IDENT} {_lit(paper.id)}{g}")
            out.append(f"{p} {_SAME} <https://aclanthology.org/{paper.id}/>{g}")
            if paper.doi:
                w.iri(plain, _SAME, f"https://doi.org/{paper.doi.lower()}")
            if paper.abstract:
                out.append(f"{p} {_ABSTRACT} {_lit(paper.abstract)}{g}")
            month = _MONTHS.get((paper.month or "").split("-")[0].strip().lower())
            if paper.year and month:
                out.append(f"{p} {_ISSUED} {_typed(f'{paper.year}-{month:02d}', _GYEARMONTH)}{g}"
                           f"{p} {_PRECISION} {_MONTH_LIT}{g}")
            elif paper.year:
                out.append(f"{p} {_ISSUED} {_typed(str(paper.year), _GYEAR)}{g}{p} {_PRECISION} {_YEAR_LIT}{g}")
            pub = f"<{plain}/publication>"
            out.append(f"{p} {_TRUNCATED} {_FALSE}{g}{p} {_HAS_PUB} {pub}{g}"
                       f"{pub} {_A} {_CONF_PAPER}{g}{pub} {_PART_OF} <{v}>{g}")
            for award in paper.awards:
                out.append(f"{p} {_AWARD} {_lit(award)}{g}")
            if paper.language:
                out.append(f"{p} {_LANGUAGE} {_lit(paper.language)}{g}")
            for position, author in enumerate(paper.authors, start=1):
                out.append(_authorship(g, plain, p, position, author))
        yield w.text()
    w = _Writer()
    add = w.add
    for pid, person in anthology.people.people.items():
        node = _PERSON_BASE + _checked_id(pid, "yaml/name_variants.yaml (or a name that generated it)")
        name = _lit(person.canonical)
        add(node, _A, _PERSON_S)
        add(node, _A, _PERSON_F)
        add(node, _FOAF_NAME, name)
        add(node, _LABEL, name)
        add(node, _SDO_ID, _lit(pid))
        for first, last in person.names[1:]:
            add(node, _ALT, _lit(f"{first} {last}" if first else last))
        if person.orcid:
            w.iri(node, _SAME, f"https://orcid.org/{person.orcid}")
    yield w.text()


def _series_label(anthology: Anthology, venue: str) -> str:
    """A venue series' rdfs:label: its acronym in yaml/venues, else its id."""
    return str(anthology.venues.get(venue, {}).get("acronym") or venue)


def _authorship(g: str, plain: str, p: str, position: int, author: AclAuthor) -> str:
    """The triples of one author of paper ``p`` (``plain``: its IRI without brackets), one string."""
    a = f"<{plain}/author/{position}>"
    person = f"<{_PERSON_BASE}{author.person}>"
    text = (f"{p} {_HAS_AUTHORSHIP} {a}{g}{p} {_CREATOR} {person}{g}{a} {_A} {_AUTHORSHIP}{g}"
            f'{a} {_POSITION} "{position}"^^<{_INTEGER}>{g}{a} {_AS_PRINTED} {_lit(author.name)}{g}'
            f"{a} {_PERSON_P} {person}{g}")
    if author.affiliation:
        text += f"{a} {_AFFILIATION} {_lit(author.affiliation)}{g}"
    return text


@dataclass
class AnthologyMatch:
    """An Anthology paper whose title (or DOI) is one of the wanted ones, with its authors."""

    paper: str  # Anthology id
    title: str
    doi: str | None
    authors: list[AclAuthor]


def _watch(anthology: Anthology, titles: set[str], dois: set[str], found: list[AnthologyMatch],
           counts: dict[tuple[str, str | None], int]) -> Iterator:
    """The volumes, noting on the way the papers a seed might be (same normalised title or DOI) and
    the papers per venue label and year (:mod:`kg.stats`: a volume's label, its event's, its series')."""
    for volume in anthology.volumes():
        papers = 0
        for paper in volume.papers:
            if paper.frontmatter:
                continue
            papers += 1
            doi = paper.doi.lower() if paper.doi else None
            if (doi and doi in dois) or normalise_title(paper.title) in titles:
                found.append(AnthologyMatch(paper.id, paper.title, doi, list(paper.authors)))
        if papers:
            # the labels ntriples() writes for the volume and the nodes it is dcterms:isPartOf; a
            # paper's year is its volume's
            labels = {volume.title} | ({volume.event} if volume.event else set()) | {
                _series_label(anthology, venue) for venue in volume.venues}
            year = str(volume.year) if volume.year else None
            for label in labels:
                counts[(label, year)] = counts.get((label, year), 0) + papers
        yield volume


class Reader:
    """The Anthology's reader: a child process that writes the Anthology as N-Triples to a pipe.

    Started before the seeds are parsed (:func:`kg.build`): the child spends its first seconds on
    the tarball and the YAML, which need nothing from the seeds, while this process resolves them.
    It is then told which titles and DOIs to watch for (:meth:`watch`), and :func:`ingest` loads
    its output. :meth:`close` stops it if it is still running (a failed or interrupted build).
    """

    def __init__(self, path: str | Path, progress: bool = False) -> None:
        import json
        import subprocess
        import sys
        import tempfile

        self.path = path
        self._scratch = tempfile.TemporaryDirectory(prefix="kg-acl-")
        self.report = Path(self._scratch.name) / "report.json"
        job = {"path": str(path), "progress": progress, "report": str(self.report)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from kg.acl import _produce_main; _produce_main()", json.dumps(job)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
        _widen(self.process.stdout.fileno())

    def watch(self, titles: set[str], dois: set[str]) -> None:
        """Send the titles and DOIs to note while reading (the seed papers'), and let it go on."""
        import json

        try:
            self.process.stdin.write(json.dumps({"titles": sorted(titles), "dois": sorted(dois)}).encode() + b"\n")
            self.process.stdin.close()
        except BrokenPipeError:  # it failed already; its report says why
            pass

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if not stream.closed:
                stream.close()
        self._scratch.cleanup()


def ingest(store: Store, reader: Reader, titles: set[str] = frozenset(),
           dois: set[str] = frozenset()) -> list[AnthologyMatch]:
    """Load what ``reader`` reads into the Anthology's named graph, replacing what was there.

    Parsing and mapping run in a child process that writes N-Triples to a pipe, and Oxigraph's bulk
    loader reads the pipe here into the graph, so the two use a core each (in one process they
    would take turns with the interpreter lock). One stream, one load: Oxigraph indexes a million
    triples at a time, and splitting the load leaves more index files, which RocksDB then compacts
    (tried: a third more CPU). Returns the Anthology papers whose normalised title or DOI is among
    ``titles``/``dois`` (for linking the seeds). A broken file raises with its name and line; the
    caller (``kg.build``) starts and closes the reader, fills a new on-disk store and keeps the
    original when anything fails.
    """
    import json

    graph = ox.NamedNode(str(ACL_GRAPH))
    if store.oxigraph.contains_named_graph(graph):
        store.oxigraph.remove_graph(graph)
    reader.watch(titles, dois)
    child = reader.process
    try:
        # lenient: the writer made every IRI valid already (see _checked_id, _valid_iri)
        store.oxigraph.bulk_load(child.stdout, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True)
        broken = None
    except SyntaxError as exc:
        # The stream stopped mid-line: the reader was interrupted or killed, and its exit status says
        # which (a Ctrl-C signalled meanwhile is raised here, at the first Python call).
        broken = exc
    child.stdout.close()
    code = child.wait()
    result = json.loads(reader.report.read_text(encoding="utf-8")) if reader.report.is_file() else {}
    if "parse_error" in result:
        raise ParseError(*result["parse_error"])
    if "error" in result:
        raise KGError(result["error"])
    if code == -2 or code == 130:
        raise KeyboardInterrupt
    if code != 0:
        raise KGError(f"{reader.path}: reading the Anthology failed (exit status {code})")
    if broken is not None:
        raise KGError(f"{reader.path}: the Anthology's reader wrote malformed N-Triples ({broken})")
    found = [AnthologyMatch(m["paper"], m["title"], m["doi"], [_author(a) for a in m["authors"]])
             for m in result["found"]]
    store.replace_graph(ACL_STATS_GRAPH, observation_rows("acl-anthology", result["counts"]))
    store.flush()
    return found


def _widen(fd: int) -> None:
    """Ask Linux for a 1 MiB pipe buffer (64 KiB by default), so the two processes switch less often."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _author(fields: dict) -> AclAuthor:
    return AclAuthor(**{**fields, "variants": tuple(tuple(v) for v in fields["variants"])})


def _produce(job: dict, out, wanted) -> tuple[list[AnthologyMatch], dict]:
    """Write the Anthology at ``job["path"]`` to ``out`` as N-Triples; return the papers a seed might
    be (``wanted()`` gives their titles and DOIs, once the YAML is read), and the papers per venue
    label and year."""
    anthology = Anthology(job["path"], progress=job["progress"])
    anthology.load_yaml()  # a broken name list fails before anything is written
    titles, dois = wanted()
    found: list[AnthologyMatch] = []
    counts: dict[tuple[str, str | None], int] = {}
    watched = _watch(anthology, titles, dois, found, counts)
    for chunk in ntriples(anthology, watched):
        out.write(chunk.encode("utf-8"))
    out.flush()
    return found, counts


def _produce_main() -> None:
    """The child process of :func:`ingest`: N-Triples to stdout, a JSON report to the file it names."""
    import gc
    import json
    import sys
    from dataclasses import asdict

    # The reader allocates millions of small objects that live until the end (the person index,
    # the parsed volumes); the cyclic collector would rescan them over and over: a third of the
    # reading time. Nothing here makes reference cycles that need collecting.
    gc.disable()
    job = json.loads(sys.argv[1])
    report: dict = {}

    def wanted() -> tuple[set[str], set[str]]:
        line = sys.stdin.readline()  # sent by Reader.watch() once the seeds are resolved
        if not line:  # the parent gave up before that (its own error or an interrupt)
            raise SystemExit(1)
        seeds = json.loads(line)
        return set(seeds["titles"]), set(seeds["dois"])

    try:
        found, counts = _produce(job, sys.stdout.buffer, wanted)
        report["found"] = [asdict(m) for m in found]
        report["counts"] = [[label, year, n] for (label, year), n in counts.items()]
    except ParseError as exc:
        report["parse_error"] = [exc.document, exc.line, exc.expected, exc.found]
    except KGError as exc:
        report["error"] = str(exc)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # the loader stopped reading: the parent is failing already
        raise SystemExit(1) from None
    Path(job["report"]).write_text(json.dumps(report), encoding="utf-8")
    raise SystemExit(0 if "found" in report else 1)


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
    from .resolve.evidence import Merge
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
