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
