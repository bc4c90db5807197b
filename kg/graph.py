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

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.query import Result

from .corpus import bundled_documents
from .errors import KGError
from .mapping import to_quads
from .model import Document
from .resolve import Decision, Resolution, load_decisions, resolve
from .sources import parse_file
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
        return self.store.sparql(query, {k: v if not isinstance(v, str) else Literal(v) for k, v in bindings.items()})

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
        rows = self.store.sparql(SPARQL_PREFIXES + """SELECT ?name (COUNT(DISTINCT ?paper) AS ?n) WHERE {
            ?paper dcterms:creator ?person , ?other . FILTER(?other != ?person) ?other foaf:name ?name }
            GROUP BY ?other ?name ORDER BY DESC(?n) ?name""", {"person": URIRef(self.person(name))})
        return [(str(r.name), int(r.n)) for r in rows]

    def to_networkx(self, view_name: str = "coauthor") -> nx.Graph:
        """A NetworkX view: 'coauthor', 'paper-author' or 'full'."""
        return view(self.store, view_name)

    def export(self, folder: str | Path, formats: Iterable[str] | None = None) -> list[Path]:
        """Write graph.ttl, graph.nt, graph.nq, graph.jsonld and graph.graphml into ``folder``."""
        from .export import FORMATS, export_all

        return export_all(self.store, Path(folder), tuple(formats or FORMATS))


def build(paths: Iterable[str | Path] | None = None, decisions: str | Path | list[Decision] | None = None,
          store: str | Path | None = None) -> KnowledgeGraph:
    """Parse, resolve and load captures (the bundled seed corpus when ``paths`` is None).

    ``decisions`` is a CSV of manual same/different rulings; ``store`` a folder for an on-disk
    Oxigraph store (in memory otherwise).
    """
    documents: list[Document] = bundled_documents() if paths is None else [parse_file(p) for p in paths]
    names = [d.name for d in documents]
    if len(set(names)) != len(names):
        raise KGError(f"two inputs share a file name ({', '.join(sorted({n for n in names if names.count(n) > 1}))})"
                      "; records are named by file name")
    rulings = load_decisions(decisions) if isinstance(decisions, (str, Path)) else list(decisions or [])
    resolution = resolve(documents, rulings)
    target = Store(store)
    for name, triples in to_quads(resolution).items():
        target.replace_graph(name, triples)
    target.flush()
    return KnowledgeGraph(target, resolution)


def load(store: str | Path) -> KnowledgeGraph:
    """Open a store that ``kg build --store DIR`` wrote."""
    if not Path(store).is_dir():
        raise KGError(f"{store}: no such store folder; build one with 'kg build --store {store}'")
    return KnowledgeGraph(Store(store))
