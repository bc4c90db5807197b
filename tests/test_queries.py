"""Named queries: parameters bound where a query says, and coauthors equal to a walk over the triples."""

from __future__ import annotations

from collections import Counter

from rdflib import Literal
from rdflib.namespace import DCTERMS, FOAF

from kg.queries import named_queries
from kg.store import with_values


def test_parameters_bind_at_the_marker_inside_a_subquery():
    query = "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE {\n  # parameters bind here\n  ?x ?p ?name } } }"
    bound = with_values(query, {"name": Literal('a" } DROP ALL #')})
    assert bound == ('SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE {\n  '
                     'VALUES (?name) { ("a\\" } DROP ALL #") }\n  ?x ?p ?name } } }')
    # without the marker: the start of the first WHERE clause
    assert with_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal("b")}) == \
        'SELECT ?x WHERE { VALUES (?name) { ("b") } ?x ?p ?name }'


def test_coauthors_query_equals_the_walk_over_creator_triples(bundled_graph):
    store = bundled_graph.store
    creators: dict = {}
    for paper, person in store.values(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{DCTERMS.creator}> ?o }}"):
        creators.setdefault(paper, set()).add(person)
    names = dict(store.values(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{FOAF.name}> ?o }}"))
    query = named_queries()["coauthors"].text
    checked = 0
    for author in ("Yaodong Yang", "Jiaming Ji", "Preslav Nakov", "Juntao Dai"):
        people = {s for s, n in names.items() if n == author}
        shared = Counter()
        for person in people:
            for members in creators.values():
                if person in members:
                    shared.update(m for m in members if m != person)
        # most shared first, then names case-insensitively (LCASE), then as written, then the IRI
        expected = sorted(((names[o], n, o) for o, n in shared.items()),
                          key=lambda r: (-r[1], r[0].lower(), r[0], r[2]))
        rows = [(str(r.coauthor), int(r.papers), str(r.other))
                for r in store.sparql(query, {"author": Literal(author)})]
        assert rows == expected, author
        checked += len(rows)
    assert checked > 100


def test_coauthor_path_query_agrees_with_networkx_shortest_paths(bundled_graph):
    """Hops equal the shortest path length in the co-authorship view (no row beyond three), and the
    people returned form a path of co-authors from one to the other."""
    import itertools

    import networkx as nx

    store = bundled_graph.store
    view = bundled_graph.to_networkx("coauthor")
    holders: dict = {}  # a name → the people it can mean (canonical or variant), as the query reads it
    names_query = f"SELECT ?s ?n WHERE {{ ?s <{FOAF.name}>|<https://schema.org/alternateName> ?n }}"
    for person, name in store.values(names_query):
        holders.setdefault(name, set()).add(person)
    node = {name: next(iter(people)) for name, people in holders.items() if len(people) == 1}
    label = {n: view.nodes[n]["label"] for n in view}
    names = sorted(name for name, person in node.items() if person in view and label[person] == name)
    query = named_queries()["coauthor-path"].text
    seen = Counter()
    for a, b in itertools.islice(itertools.combinations(names, 2), 0, None, 7):
        rows = list(store.sparql(query, {"from": Literal(a), "to": Literal(b)}))
        try:
            distance = nx.shortest_path_length(view, node[a], node[b])
        except nx.NetworkXNoPath:
            distance = None
        if distance is None or distance > 3:
            assert rows == [], (a, b)
            seen["none"] += 1
            continue
        row = rows[0]
        assert int(row.hops) == distance, (a, b)
        people = [str(row.fromName)] + [str(v) for v in (row.via1, row.via2) if v is not None] + [str(row.toName)]
        assert len(people) == distance + 1 and people[0] == a and people[-1] == b
        # the people along the way, by name: some holder of each name is a co-author of the next one's
        chain = [{node[a]}] + [holders[name] for name in people[1:-1]] + [{node[b]}]
        assert all(any(view.has_edge(x, y) for x in left for y in right if x in view and y in view)
                   for left, right in itertools.pairwise(chain)), people
        seen[distance] += 1
    assert seen[1] and seen[2] and seen[3] and seen["none"], seen
