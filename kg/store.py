"""The RDF store: rdflib's Dataset API over Oxigraph, in memory or on disk. The system of record.

Every triple lives in a named graph (one per source document, one for resolution, one per
derived layer); SPARQL sees their union as the default graph.

>>> store = Store()
>>> from rdflib import Graph, URIRef, Literal
>>> store.replace_graph(URIRef("urn:g"), [(URIRef("urn:s"), URIRef("urn:p"), Literal(1))])
1
>>> len(store), [row.o.toPython() for row in store.sparql("SELECT ?o WHERE { ?s ?p ?o }")]
(1, [1])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .errors import KGError
from .vocab import PREFIXES

__all__ = ["Store", "ntriples", "checked_iri", "with_values"]


class Store:
    """An Oxigraph-backed rdflib Dataset whose default graph is the union of its named graphs."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else None
        self.location = str(self.path) if self.path else ":memory:"
        if self.path:
            self.path.mkdir(parents=True, exist_ok=True)
        try:
            self.oxigraph = ox.Store(str(self.path)) if self.path else ox.Store()
        except OSError as exc:
            raise KGError(f"{self.path}: cannot open the store ({exc})") from None
        self.dataset = Dataset(store=OxigraphStore(store=self.oxigraph), default_union=True)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def __len__(self) -> int:
        return len(self.oxigraph)

    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted."""
        return sorted(URIRef(g.value) for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, name: URIRef) -> Graph:
        """One named graph of the store, as an rdflib Graph (reads and writes go to the store)."""
        return self.dataset.graph(name)

    def replace_graph(self, name: URIRef, triples: Iterable[tuple]) -> int:
        """Make ``name`` hold exactly these triples (re-ingest replaces, never appends); returns the count."""
        graph = ox.NamedNode(str(name))
        quads = [ox.Quad(*_to_ox(t), graph) for t in triples]
        self.oxigraph.remove_graph(graph) if self.oxigraph.contains_named_graph(graph) else None
        self.oxigraph.extend(quads)
        return len(quads)

    def dump_graph(self, name: URIRef, path: Path | None = None) -> bytes | Path:
        """One named graph as N-Triples: bytes, or written to ``path`` (and the path returned)."""
        graph = ox.NamedNode(str(name))
        if path is not None:
            self.oxigraph.dump(output=str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            return path
        return self.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    def dump_nquads(self) -> bytes:
        """Every named graph as N-Quads."""
        return self.oxigraph.dump(format=ox.RdfFormat.N_QUADS)

    def sparql(self, query: str, bindings: dict | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs; a malformed query raises KGError."""
        if bindings:
            query = with_values(query, bindings)
        # Oxigraph directly, with the prefixes the rdflib Dataset binds (what oxrdflib passes it), and
        # the answer made into rdflib terms here: see _result
        prefixes = {prefix: str(namespace) for prefix, namespace in self.dataset.namespaces()}
        try:
            return _result(self.oxigraph.query(query, use_default_graph_as_union=True, prefixes=prefixes))
        except SyntaxError as exc:
            raise KGError(f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError) as exc:
            raise KGError(f"SPARQL query failed: {exc}") from None

    def values(self, query: str) -> list[tuple]:
        """A SELECT's rows as tuples of plain values (IRIs and literals as str, unbound as None).

        The fast path for bulk reads such as building a view: no rdflib terms are made.
        """
        try:
            solutions = self.oxigraph.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise KGError(f"SPARQL syntax error: {exc}") from None
        names = [v.value for v in solutions.variables]
        return [tuple(None if (t := row[n]) is None else t.value for n in names) for row in solutions]

    def update(self, *_args, **_kwargs) -> None:
        raise KGError("the store is changed by ingest only; SPARQL updates are refused")

    def flush(self) -> None:
        if self.path:
            self.oxigraph.flush()

    def optimize(self) -> None:
        """Compact an on-disk store: merge the index files a bulk load leaves into one per index.

        A bulk load writes a set of index files per million triples, stacked on each other; until
        RocksDB merges them every lookup reads each one (three times slower on the whole Anthology)
        and the merge starts in the background of whichever process opens the store next.
        """
        if self.path:
            self.oxigraph.optimize()

    def close(self, flush: bool = True) -> None:
        """Release the on-disk store (Oxigraph closes it when the last reference goes); ``flush=False``
        for a store about to be thrown away."""
        import gc

        if flush and self.oxigraph is not None:
            self.flush()
        self.dataset = None
        self.oxigraph = None
        gc.collect()

    def carry_over(self, source: str | Path, skip: set[URIRef]) -> list[URIRef]:
        """Load the named graphs of the on-disk store ``source`` that are not in ``skip`` into this store.

        (Copying the graphs that stay is far cheaper than deleting the ones that go: Oxigraph
        deletes quad by quad.)
        """
        old = Store(source)
        kept = []
        try:
            for name in old.graphs():
                if name in skip:
                    continue
                graph = ox.NamedNode(str(name))
                self.oxigraph.bulk_load(old.dump_graph(name), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
                kept.append(name)
        finally:
            old.close()
        return kept


def ntriples(triples: Iterable[tuple]) -> bytes:
    """Triples of rdflib terms as N-Triples, one per line.

    >>> print(ntriples([(URIRef("urn:s"), URIRef("urn:p"), Literal("two\\nlines"))]).decode(), end="")
    <urn:s> <urn:p> "two\\nlines" .
    """
    return ox.serialize((ox.Triple(*_to_ox(t)) for t in triples), format=ox.RdfFormat.N_TRIPLES) or b""


_BAD_IRI = re.compile(r'[<>"{}|^`\\\s]')


def checked_iri(value) -> str:
    """An IRI's text, refused when it holds a character that could end the term in a query."""
    text = str(value)
    if _BAD_IRI.search(text):
        raise KGError(f"not a valid IRI: {text!r}")
    return text


def with_values(query: str, bindings: dict) -> str:
    """Bind variables with a VALUES block at the start of the WHERE clause (or at each of the query's
    ``# parameters bind here`` comments), values written as escaped terms.

    Untrusted text never becomes query code: literals are escaped by rdflib, and IRIs with
    characters that could end the term are refused.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal('a" } DROP ALL #')}))
    SELECT ?x WHERE { VALUES (?name) { ("a\\" } DROP ALL #") } ?x ?p ?name }
    """
    names, terms = [], []
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise KGError(f"not a SPARQL variable name: {name!r}")
        if isinstance(value, URIRef):
            checked_iri(value)
        if not isinstance(value, (URIRef, Literal)):
            value = Literal(value)
        names.append(f"?{name}")
        terms.append(value.n3())
    block = f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    if _BIND_HERE.search(query):  # a query whose parameters belong inside subqueries says where
        return _BIND_HERE.sub(lambda _: block, query)
    where = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE) or re.search(r"\{", query)
    if not where:
        raise KGError("the query has no WHERE clause to bind parameters in")
    return f"{query[:where.end()]} {block}{query[where.end():]}"


# A comment line ``# parameters bind here`` in a query: where with_values puts its VALUES block, at
# every such line (else at the start of the first WHERE clause). Subqueries do not see outer
# bindings, so a query that binds its parameters in subqueries says where, once in each.
_BIND_HERE = re.compile(r"#[ \t]*parameters bind here[^\n]*")


def _result(answer) -> Result:
    """Oxigraph's answer as the rdflib Result oxrdflib would make, rows converted as they are read.

    A literal is made once per answer: rdflib's Literal costs about 6 µs, and the typed values of a
    result (counts, years) and its names repeat from row to row.
    """
    literals: dict[tuple, Literal] = {}

    def term(t):
        kind = type(t)
        if kind is ox.NamedNode:
            return URIRef(t.value)
        if kind is ox.Literal:
            key = (t.value, t.language, t.datatype.value)
            made = literals.get(key)
            if made is None:
                made = literals[key] = (Literal(t.value, lang=t.language) if t.language
                                        else Literal(t.value, datatype=URIRef(key[2])))
            return made
        if t is None:
            return None
        if kind is ox.BlankNode:
            return BNode(t.value)
        if kind is ox.Triple:
            return term(t.subject), term(t.predicate), term(t.object)
        raise ValueError(f"unexpected term in a SPARQL answer: {t!r}")

    if isinstance(answer, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in answer.variables]
        out.bindings = ({name: term(value) for name, value in zip(out.vars, row)} for row in answer)
    else:
        out = Result("CONSTRUCT")
        out.graph = Graph()
        out.graph += (term(t) for t in answer)
    return out


def to_ox_term(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _to_ox(triple: tuple) -> tuple:
    return tuple(to_ox_term(term) for term in triple)
