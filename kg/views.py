"""NetworkX projections of the store: co-authorship, paper-author, and the whole graph.

Every view is computed from the RDF store by SPARQL, so it can always be rebuilt from it. Node
ids are IRIs; attributes are plain str/int/float (never None) so GraphML readers accept them.
"""

from __future__ import annotations

import networkx as nx

from .errors import KGError
from .store import Store
from .vocab import SPARQL_PREFIXES

__all__ = ["coauthor_graph", "paper_author_graph", "full_graph", "VIEWS", "view"]



def _creators(store: Store) -> dict[str, list[str]]:
    """Each paper's authors (people), from one scan of dcterms:creator."""
    papers: dict[str, list[str]] = {}
    rows = store.values(SPARQL_PREFIXES + "SELECT ?paper ?person WHERE { ?paper dcterms:creator ?person }")
    for paper, person in rows:
        authors = papers.setdefault(paper, [])
        if person not in authors:
            authors.append(person)
    return papers


def _people(store: Store, creators: dict[str, list[str]] | None = None) -> dict[str, dict]:
    creators = _creators(store) if creators is None else creators
    counts: dict[str, int] = {}
    for authors in creators.values():
        for person in authors:
            counts[person] = counts.get(person, 0) + 1
    people = {}
    names = store.values(SPARQL_PREFIXES + "SELECT ?person ?name WHERE { ?person a schema:Person ; rdfs:label ?name }")
    for person, name in names:
        if person not in people:
            people[person] = {"label": name, "kind": "person", "papers": counts.get(person, 0)}
    return people


def _papers(store: Store) -> dict[str, dict]:
    rows = store.sparql(SPARQL_PREFIXES + """
        SELECT ?paper ?label (SAMPLE(?issued) AS ?date) WHERE {
          ?paper a schema:ScholarlyArticle ; rdfs:label ?label .
          OPTIONAL { ?paper dcterms:issued ?issued }
        } GROUP BY ?paper ?label""")
    out = {}
    for r in rows:
        attrs = {"label": str(r.label), "kind": "paper"}
        if r.date is not None:
            attrs["year"] = int(str(r.date)[:4])
        out[str(r.paper)] = attrs
    return out


def coauthor_graph(store: Store) -> nx.Graph:
    """People joined when they wrote a paper together; ``weight`` counts the papers.

    >>> import kg
    >>> g = coauthor_graph(kg.build().store)
    >>> g.number_of_nodes() > 100, g.graph["view"]
    (True, 'coauthor')
    """
    creators = _creators(store)
    graph = nx.Graph(view="coauthor")
    for node, attrs in sorted(_people(store, creators).items()):
        graph.add_node(node, **attrs)
    weights: dict[tuple[str, str], int] = {}
    for authors in creators.values():
        ordered = sorted(authors)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                weights[a, b] = weights.get((a, b), 0) + 1
    graph.add_edges_from((a, b, {"weight": n}) for (a, b), n in sorted(weights.items()))
    return graph


def paper_author_graph(store: Store) -> nx.Graph:
    """The bipartite graph of papers and their authors (``bipartite`` 0 = paper, 1 = person)."""
    graph = nx.Graph(view="paper-author")
    for node, attrs in sorted(_papers(store).items()):
        graph.add_node(node, bipartite=0, **attrs)
    for node, attrs in sorted(_people(store).items()):
        graph.add_node(node, bipartite=1, **attrs)
    rows = store.sparql(SPARQL_PREFIXES + """
        SELECT ?paper ?person (MIN(?pos) AS ?position) WHERE {
          ?paper a schema:ScholarlyArticle ; kg:hasAuthorship ?a . ?a kg:person ?person .
          OPTIONAL { ?a kg:position ?pos }
        } GROUP BY ?paper ?person ORDER BY ?paper ?person""")
    for r in rows:
        attrs = {"position": int(r.position)} if r.position is not None else {}
        graph.add_edge(str(r.paper), str(r.person), relation="author", **attrs)
    return graph


def full_graph(store: Store) -> nx.Graph:
    """Papers, people, venues, datasets and topics, with a ``relation`` on every edge."""
    graph = paper_author_graph(store)
    graph.graph["view"] = "full"
    venues = store.sparql(SPARQL_PREFIXES + """
        SELECT ?venue ?label WHERE { ?venue a kg:Venue ; rdfs:label ?label } ORDER BY ?venue""")
    for r in venues:
        graph.add_node(str(r.venue), label=str(r.label), kind="venue")
    links = store.sparql(SPARQL_PREFIXES + """
        SELECT DISTINCT ?a ?b ?relation WHERE {
          { ?a kg:hasPublication/dcterms:isPartOf ?b . BIND("published-in" AS ?relation) }
          UNION { ?a a kg:Venue ; dcterms:isPartOf ?b . BIND("part-of" AS ?relation) }
        } ORDER BY ?a ?b""")
    for r in links:
        graph.add_edge(str(r.a), str(r.b), relation=str(r.relation))
    artifacts = store.sparql(SPARQL_PREFIXES + """
        SELECT ?a ?label ?kind WHERE { ?a a kg:Artifact ; rdfs:label ?label ; kg:artifactKind ?kind } ORDER BY ?a""")
    for r in artifacts:
        graph.add_node(str(r.a), label=str(r.label), kind=str(r.kind))
    topics = store.sparql(SPARQL_PREFIXES + """
        SELECT DISTINCT ?t ?label WHERE { ?p dcterms:subject ?t . ?t skos:prefLabel ?label } ORDER BY ?t""")
    for r in topics:
        graph.add_node(str(r.t), label=str(r.label), kind="topic")
    web = store.sparql(SPARQL_PREFIXES + """
        SELECT ?w ?label ?cls WHERE { VALUES ?cls { kg:CodeRepository kg:ProjectPage kg:DatasetPage }
          ?w a ?cls ; rdfs:label ?label } ORDER BY ?w""")
    kinds = {"CodeRepository": "code", "ProjectPage": "web-page", "DatasetPage": "web-page"}
    for r in web:
        graph.add_node(str(r.w), label=str(r.label), kind=kinds[str(r.cls).rsplit("#", 1)[1]])
    edges = store.sparql(SPARQL_PREFIXES + """
        SELECT DISTINCT ?a ?b ?relation WHERE {
          { ?a kg:introduces ?b . BIND("introduces" AS ?relation) }
          UNION { ?a cito:usesDataFrom ?b . ?b a kg:Artifact . BIND("uses" AS ?relation) }
          UNION { ?a schema:mentions ?b . ?b a kg:Artifact . BIND("mentions" AS ?relation) }
          UNION { ?a kg:siblingOf ?b . FILTER(STR(?a) < STR(?b)) BIND("sibling-of" AS ?relation) }
          UNION { ?a prov:wasRevisionOf ?b . ?b a kg:Artifact . BIND("revision-of" AS ?relation) }
          UNION { ?a dcterms:subject ?b . BIND("topic" AS ?relation) }
          UNION { ?a kg:codeRepository|kg:projectPage|kg:datasetPage ?b . ?a a schema:ScholarlyArticle .
                  BIND("link" AS ?relation) }
        } ORDER BY ?a ?b ?relation""")
    for r in edges:
        a, b = str(r.a), str(r.b)
        if a in graph and b in graph and not graph.has_edge(a, b):
            graph.add_edge(a, b, relation=str(r.relation))
    for node in graph.nodes:
        graph.nodes[node].pop("bipartite", None)
    return graph


VIEWS = {"coauthor": coauthor_graph, "paper-author": paper_author_graph, "full": full_graph}


def view(store: Store, name: str) -> nx.Graph:
    """A view by name: 'coauthor', 'paper-author' or 'full'."""
    if name not in VIEWS:
        raise KGError(f"unknown view {name!r}; expected one of {', '.join(VIEWS)}")
    return VIEWS[name](store)
