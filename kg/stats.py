"""Papers per venue and year, counted when a graph is built and stored as RDF Data Cube observations.

Counting the papers under a venue means walking from it down every volume to every publication
and its paper's date: on the whole ACL Anthology that is 5,000+ papers for NAACL alone, and
Oxigraph needs 250-600 ms for it. The ``papers-per-venue-year`` named query therefore reads
counts that ``kg build`` makes beside each source's graph, in a graph of their own
(``graph/stats/<source>``), rebuilt, replaced and carried over with that source:

    <obs> a qb:Observation ; qb:dataSet <id/stats/papers-per-venue-year> ;
          kg:venueLabel "NAACL" ; kg:year "2024" ; kg:venuePapers 1234 .

Sources never share a paper node, so a label's count over the whole store is the sum of its
observations over the sources. The counts are those of :data:`DIRECT`, the query that walks the
graph (the named query before this module; tests hold the two equal on the seed corpus and on
an Anthology subset).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef

from .vocab import GRAPH, KG, QB, RDF, SPARQL_PREFIXES, XSD, iri

__all__ = ["DATASET", "DIRECT", "stats_graph", "direct_counts", "observation_triples", "observation_rows"]

DATASET = iri("stats", "papers-per-venue-year")

# The walk the observations stand for: a venue, everything dcterms:isPartOf it (at any depth),
# their publications' papers, and the year of the publication's date, else the paper's.
DIRECT = SPARQL_PREFIXES + """SELECT ?venue ?year (COUNT(DISTINCT ?paper) AS ?papers)
WHERE {
  ?node rdfs:label ?venue .
  ?within dcterms:isPartOf* ?node .
  ?publication dcterms:isPartOf ?within .
  ?paper kg:hasPublication ?publication .
  OPTIONAL { ?publication dcterms:issued ?published }
  OPTIONAL { ?paper dcterms:issued ?issued }
  BIND(SUBSTR(STR(COALESCE(?published, ?issued)), 1, 4) AS ?year)
}
GROUP BY ?venue ?year
"""

Counts = dict[tuple[str, "str | None"], int]


def stats_graph(source: str) -> URIRef:
    """The graph holding the observations of one source ('corpus', 'acl-anthology')."""
    return GRAPH[f"stats/{source}"]


def direct_counts(store) -> Counts:
    """(venue label, year or None) → papers, by the walk itself; ``store`` is a :class:`kg.store.Store`."""
    return {(str(r.venue), str(r.year) if r.year is not None else None): int(r.papers)
            for r in store.sparql(DIRECT)}


def _observation(source: str, label: str, year: str | None) -> str:
    key = hashlib.sha1(f"{label}\x00{year or ''}".encode()).hexdigest()[:20]
    return str(iri("stats", "papers-per-venue-year", source, key))


def observation_triples(source: str, counts: Counts) -> Iterator[tuple]:
    """The observations as rdflib triples, in a stable order."""
    yield DATASET, RDF.type, QB.DataSet
    for (label, year), papers in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        obs = URIRef(_observation(source, label, year))
        yield obs, RDF.type, QB.Observation
        yield obs, QB.dataSet, DATASET
        yield obs, KG.venueLabel, Literal(label)
        if year is not None:
            yield obs, KG.year, Literal(year)
        yield obs, KG.venuePapers, Literal(papers, datatype=XSD.integer)


def observation_rows(source: str, counts: Iterable[tuple[str, str | None, int]]) -> list[tuple]:
    """Observations from (label, year, papers) rows, such as a reader's child process reports."""
    return list(observation_triples(source, {(label, year): papers for label, year, papers in counts}))
