"""The Python API: build a graph, ask it questions, project it, export it.

>>> import kg
>>> graph = kg.build()                      # the bundled seed corpus
>>> papers = graph.papers(author="Yaodong Yang")
>>> len(papers), papers[0]["title"]
(16, 'AI Alignment: A Comprehensive Survey')
>>> graph.coauthors("Yaodong Yang")[0]
('Jiaming Ji', 8)
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from .corpus import bundled_documents
from .enrich import annotate, default_scheme, load_scheme
from .errors import KGError
from .mapping import to_quads
from .model import Document
from .queries import get_query
from .remote import RemoteStore, is_remote
from .resolve import Decision, Resolution, load_decisions, resolve
from .sources import parse_file
from .stats import direct_counts, observation_triples, stats_graph
from .store import Store
from .views import view
from .vocab import SPARQL_PREFIXES

__all__ = ["KnowledgeGraph", "build", "load"]



class KnowledgeGraph:
    """A store and, when it was built in this process, the resolution that filled it."""

    def __init__(self, store: Store, resolution: Resolution | None = None):
        self.store = store
        self.resolution = resolution

    def __len__(self) -> int:
        return len(self.store)

    def sparql(self, query: str, **bindings) -> Result:
        """Run a SPARQL query; keyword arguments bind variables (``name=Literal(...)``)."""
        terms = {k: v if isinstance(v, Identifier) else Literal(v) for k, v in bindings.items()}
        return self.store.sparql(query, terms)

    def summary(self) -> dict[str, int]:
        """Counts of papers, people, venues and triples in the store."""
        counts = {}
        for label, cls in (("papers", "schema:ScholarlyArticle"), ("people", "schema:Person"),
                           ("venues", "kg:Venue")):
            row = next(iter(self.sparql(SPARQL_PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")))
            counts[label] = int(row.n)
        counts["triples"] = len(self.store)
        return counts

    def people_named(self, name: str) -> list[str]:
        """IRIs of the people with this canonical name or variant, most papers first."""
        rows = self.sparql(SPARQL_PREFIXES + """SELECT ?p (COUNT(DISTINCT ?paper) AS ?n) WHERE {
            ?p a schema:Person . { ?p foaf:name ?name } UNION { ?p schema:alternateName ?name }
            OPTIONAL { ?paper dcterms:creator ?p } } GROUP BY ?p ORDER BY DESC(?n) ?p""", name=name)
        return [str(r.p) for r in rows]

    def person(self, name: str) -> str:
        """The IRI of a person given by IRI or name; of several of one name, the one with most papers."""
        if name.startswith(("http://", "https://")):
            return name
        found = self.people_named(name)
        if not found:
            raise KGError(f"no person is called {name!r}")
        return found[0]

    def papers(self, author: str | None = None) -> list[dict]:
        """Papers (title, date, IRI), oldest first; only one person's when ``author`` is given."""
        where = "?paper dcterms:creator ?person ." if author else ""
        bindings = {"person": URIRef(self.person(author))} if author else {}
        rows = self.store.sparql(SPARQL_PREFIXES + f"""SELECT ?paper ?title ?date WHERE {{
            ?paper a schema:ScholarlyArticle ; rdfs:label ?title . {where}
            OPTIONAL {{ ?paper dcterms:issued ?date }} }} ORDER BY ?date ?title""", bindings)
        return [{"iri": str(r.paper), "title": str(r.title), "date": str(r.date) if r.date else None} for r in rows]

    def coauthors(self, name: str) -> list[tuple[str, int]]:
        """A person's co-authors with the number of shared papers, most shared first."""
        # the named query with its person bound instead of its name (queries/coauthors.rq)
        rows = self.store.sparql(get_query("coauthors").text, {"person": URIRef(self.person(name))})
        return [(str(r.coauthor), int(r.papers)) for r in rows]

    def datasets(self, kind: str | None = None) -> list[dict]:
        """Datasets, benchmarks, environments and leaderboards, most used first.

        Each: name, kind, the papers that introduce it, the number of papers that use or mention it,
        and its figures as (number, what it counts).

        >>> import kg
        >>> beavertails = next(d for d in kg.build().datasets() if d["name"] == "BeaverTails")
        >>> beavertails["kind"], beavertails["introduced_by"]
        ('dataset', ['BeaverTails: Towards Improved Safety Alignment of LLM via a Human-Preference Dataset'])
        >>> beavertails["figures"][0]
        (333963, 'question-answer pairs')
        """
        rows = self.sparql(SPARQL_PREFIXES + """SELECT ?a ?name ?kind
              (GROUP_CONCAT(DISTINCT ?intro; SEPARATOR="\u001f") AS ?intros)
              (COUNT(DISTINCT ?user) AS ?users) WHERE {
            ?a a kg:Artifact ; rdfs:label ?name ; kg:artifactKind ?kind .
            OPTIONAL { ?a kg:introducedBy/rdfs:label ?intro }
            OPTIONAL { { ?user cito:usesDataFrom ?a } UNION { ?user schema:mentions ?a } }
          } GROUP BY ?a ?name ?kind ORDER BY DESC(?users) ?name""")
        figures: dict[str, list[tuple]] = {}
        for r in self.sparql(SPARQL_PREFIXES + """SELECT ?a ?value ?counts WHERE {
                ?a kg:figure ?f . ?f schema:value ?value ; schema:name ?counts } ORDER BY ?a ?f"""):
            value = float(r.value)
            figures.setdefault(str(r.a), []).append((int(value) if value.is_integer() else value, str(r.counts)))
        out = []
        for r in rows:
            if kind and str(r.kind) != kind:
                continue
            out.append({"iri": str(r.a), "name": str(r.name), "kind": str(r.kind),
                        "introduced_by": sorted(str(r.intros).split("\u001f")) if str(r.intros) else [],
                        "users": int(r.users), "figures": figures.get(str(r.a), [])})
        return out

    def topics(self, author: str | None = None, min_confidence: float = 0.0) -> list[tuple[str, int]]:
        """Topics with the number of papers that have them (one author's papers when given).

        >>> import kg
        >>> dict(kg.build().topics(author="Yaodong Yang"))["AI safety"] > 5
        True
        """
        where = "?paper dcterms:creator ?person ." if author else ""
        bindings = {"person": URIRef(self.person(author))} if author else {}
        bindings["min"] = Literal(min_confidence)
        rows = self.store.sparql(SPARQL_PREFIXES + f"""SELECT ?label (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
            {where} ?paper kg:topicAssignment ?t . ?t kg:topic ?topic ; kg:confidence ?c .
            FILTER(?c >= ?min) ?topic skos:prefLabel ?label }} GROUP BY ?topic ?label ORDER BY DESC(?n) ?label""",
                                 bindings)
        return [(str(r.label), int(r.n)) for r in rows]

    def coauthor_path(self, source: str, target: str) -> list[str]:
        """The names along a shortest co-authorship path between two people.

        >>> import kg
        >>> kg.build().coauthor_path("Jiaming Ji", "Yaodong Yang")
        ['Jiaming Ji', 'Yaodong Yang']
        """
        graph = self.to_networkx("coauthor")
        a, b = self.person(source), self.person(target)
        try:
            path = nx.shortest_path(graph, a, b)
        except nx.NetworkXNoPath:
            raise KGError(f"{source!r} and {target!r} are not connected by co-authorship") from None
        return [graph.nodes[n]["label"] for n in path]

    def to_networkx(self, view_name: str = "coauthor") -> nx.Graph:
        """A NetworkX view: 'coauthor', 'paper-author' or 'full'."""
        return view(self.store, view_name)

    def view_html(self, path: str | Path, author: str | None = None, topic: str | None = None,
                  dataset: str | None = None, hops: int = 1, size_by: str = "pagerank") -> Path:
        """Write the interactive HTML view: the whole graph, or one author's, topic's or dataset's part."""
        from .viz import focus, write_view

        graph = self.to_networkx("full")
        title = "kg: the whole graph"
        if author:
            graph, title = focus(graph, self.person(author), hops), f"kg: {author} and their neighbourhood"
        elif topic or dataset:
            wanted, kinds = (topic, {"topic"}) if topic else (dataset, {"dataset", "benchmark", "environment",
                                                                        "leaderboard", "project"})
            node = next((n for n, a in graph.nodes(data=True)
                         if a.get("kind") in kinds and a.get("label", "").casefold() == wanted.casefold()), None)
            if node is None:
                raise KGError(f"no {'topic' if topic else 'dataset'} is called {wanted!r}")
            graph, title = focus(graph, node, hops), f"kg: {wanted}"
        return write_view(graph, path, title, size_by)

    def export(self, folder: str | Path, formats: Iterable[str] | None = None) -> list[Path]:
        """Write graph.ttl, graph.nt, graph.nq, graph.jsonld and graph.graphml into ``folder``."""
        from .export import FORMATS, export_all

        return export_all(self.store, Path(folder), tuple(formats or FORMATS))


def build(paths: Iterable[str | Path] | None = None, decisions: str | Path | list[Decision] | None = None,
          store: str | Path | None = None, topics: Iterable[str | Path] = (),
          acl_anthology: str | Path | None = None, progress: bool = False) -> KnowledgeGraph:
    """Parse, enrich, resolve and load captures (the bundled seed corpus when ``paths`` is None).

    ``decisions`` is a CSV of manual same/different rulings; ``store`` a folder for an on-disk
    Oxigraph store (in memory otherwise) or the URL of a SPARQL 1.1 server (``http://host:7878``;
    the graph is built in a scratch folder, then uploaded by the Graph Store Protocol); ``topics``
    SKOS files added to the default topic schemes; ``acl_anthology`` the Anthology's data (a
    folder or its .tar.xz), loaded into a graph of its own with the seed papers and people linked
    to it.

    An on-disk store is built anew beside the old one (carrying over the graphs this build does
    not write, such as another source's or the metrics) and replaces it only when everything
    loaded: a broken file or an interrupt leaves it as it was.
    """
    reader = None
    if acl_anthology is not None:
        from .acl import Reader

        # started first: it reads the tarball and the YAML while the seeds are resolved here
        reader = Reader(acl_anthology, progress)
    try:
        return _build(paths, decisions, store, topics, reader, progress)
    finally:
        if reader is not None:
            reader.close()


def _build(paths, decisions, store, topics, reader, progress) -> KnowledgeGraph:
    scheme = load_scheme(topics) if topics else default_scheme()
    documents: list[Document] = bundled_documents() if paths is None else [parse_file(p) for p in paths]
    documents = [annotate(d, scheme) for d in documents]
    names = [d.name for d in documents]
    if len(set(names)) != len(names):
        raise KGError(f"two inputs share a file name ({', '.join(sorted({n for n in names if names.count(n) > 1}))})"
                      "; records are named by file name")
    rulings = load_decisions(decisions) if isinstance(decisions, (str, Path)) else list(decisions or [])
    resolution = resolve(documents, rulings)
    quads = to_quads(resolution, scheme)
    quads[stats_graph("corpus")] = _corpus_stats(quads)

    written = set(quads)
    if reader is not None:
        from .acl import ACL_GRAPH, ACL_STATS_GRAPH, LINKS_GRAPH, ingest, link_triples, wanted

        written |= {ACL_GRAPH, ACL_STATS_GRAPH, LINKS_GRAPH}

    def fill(target: Store) -> None:
        for name, triples in quads.items():
            target.replace_graph(name, triples)
        if reader is not None:
            titles, dois = wanted(resolution)
            matches = ingest(target, reader, titles, dois)
            target.replace_graph(LINKS_GRAPH, link_triples(resolution, matches))
        target.flush()

    if store is None:
        target = Store(None)
        fill(target)
        return KnowledgeGraph(target, resolution)
    if is_remote(store):
        return KnowledgeGraph(_push(store, fill, written), resolution)
    final = Path(store)
    work = final.parent / f".{final.name}.building-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    target = None
    try:
        target = Store(work)
        if final.is_dir() and any(final.iterdir()):
            target.carry_over(final, written)
        fill(target)
        # settled before it is swapped in: the first queries on a freshly loaded store would read
        # every stacked index file, and short-lived `kg query` runs would each restart the merge
        if progress:
            print("compacting the store …", file=sys.stderr, flush=True)
        target.optimize()
        target.close()
        target = None
        _swap(work, final)
    finally:
        _discard(target, work)
    return KnowledgeGraph(Store(final), resolution)


def _discard(target: Store | None, work: Path) -> None:
    """Close and remove a working store, even when Ctrl-C comes (again) meanwhile; re-raise it after.

    Closed first: RocksDB's threads write into the folder until then. An interrupt signalled while
    Oxigraph was loading is raised at the first Python call after it returned, often here.
    """
    interrupted = False
    while True:
        try:
            if target is not None:
                target.close(flush=False)
                target = None
            shutil.rmtree(work, ignore_errors=True)
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt


def _corpus_stats(quads: dict) -> list[tuple]:
    """Papers per venue and year of the captures (:mod:`kg.stats`), counted by the walk itself."""
    scratch = Store(None)
    for name, triples in quads.items():
        scratch.replace_graph(name, triples)
    return list(observation_triples("corpus", direct_counts(scratch)))


def _push(url: str, fill, written: set) -> RemoteStore:
    """Build into a scratch on-disk store, then replace the written graphs on the server together.

    The server is not touched until everything parsed and loaded here; the upload itself goes
    through staging graphs (see :meth:`RemoteStore.replace_graphs`).
    """
    import tempfile

    remote = RemoteStore(url)  # unreachable servers fail before any parsing
    with tempfile.TemporaryDirectory(prefix="kg-build-") as scratch:
        local = Store(Path(scratch) / "store")
        try:
            fill(local)
            files = {}
            for i, name in enumerate(sorted(written)):
                files[name] = local.dump_graph(name, Path(scratch) / f"{i}.nt")
        finally:
            local.close()
        remote.replace_graphs(files)
    return remote


def _swap(new: Path, final: Path) -> None:
    """Put the folder ``new`` where ``final`` is, keeping ``final`` until the rename succeeded."""
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    try:
        new.rename(final)
    except BaseException:
        if old.exists():
            old.rename(final)
        raise
    shutil.rmtree(old, ignore_errors=True)


def load(store: str | Path) -> KnowledgeGraph:
    """Open a store that ``kg build --store DIR`` wrote, or a SPARQL endpoint (``http://…``) it loaded."""
    if is_remote(store):
        return KnowledgeGraph(RemoteStore(store))
    if not Path(store).is_dir():
        raise KGError(f"{store}: no such store folder; build one with 'kg build --store {store}'")
    return KnowledgeGraph(Store(store))
