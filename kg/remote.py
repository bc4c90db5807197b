"""A remote SPARQL 1.1 triplestore as kg's store: the Protocol for queries, the Graph Store Protocol for loading.

For users who outgrow one machine: ``kg build --store http://host:7878`` loads into a server
(Oxigraph, Fuseki, GraphDB, …) and ``kg query|metrics|export|path|validate --store URL`` read
from it, with the same named queries. Only standard HTTP is spoken:

- queries are POSTed to the query endpoint (``<url>/query``) with ``default-graph-uri`` and
  ``named-graph-uri`` naming every graph, so the default graph is the union of the named graphs
  as in the local store, whatever the server's own default graph is;
- a graph is replaced by ``PUT <url>/store?graph=G`` (N-Triples), read by ``GET``;
- a build uploads the graphs the server lacks under their names and the ones it has to staging
  graphs, then moves those into place with one SPARQL Update request (``<url>/update``); a
  failure while uploading drops what was uploaded, leaving the server as it was.

Fuseki names its endpoints differently: give ``query_url``, ``update_url`` and ``store_url``.
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.query import Result

from .errors import KGError
from .store import checked_iri, ntriples, with_values
from .vocab import PREFIXES

__all__ = ["RemoteStore", "is_remote"]

STAGING = "urn:kg:staging:"


def is_remote(location) -> bool:
    """Whether a ``--store`` value names a SPARQL endpoint rather than a folder."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


class RemoteStore:
    """The store interface of :class:`kg.store.Store` over a SPARQL 1.1 endpoint and its Graph Store."""

    def __init__(self, url: str, query_url: str | None = None, update_url: str | None = None,
                 store_url: str | None = None, timeout: float = 900.0):
        base = url.rstrip("/")
        self.location = base
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.store_url = store_url or f"{base}/store"
        self.timeout = timeout
        self.graphs()  # fails now, with the address, when nothing answers there

    # --- HTTP ------------------------------------------------------------------------------

    def _request(self, method: str, url: str, body=None, headers: dict | None = None,
                 missing_ok: bool = False) -> bytes | None:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return None
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            raise KGError(f"{method} {url.split('?')[0]}: the server answered {exc.code} {exc.reason}"
                          + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KGError(f"{self.location}: cannot reach the SPARQL endpoint ({reason})") from None

    def _graph_url(self, name) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': str(name)})}"

    # --- reading ---------------------------------------------------------------------------

    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted (staging graphs of an upload in progress left out)."""
        body = self._post_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", dataset=False,
                                accept="application/sparql-results+json")
        rows = json.loads(body)["results"]["bindings"]
        return sorted(URIRef(r["g"]["value"]) for r in rows if not r["g"]["value"].startswith(STAGING))

    def __len__(self) -> int:
        result = self.sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(result)).n)

    def _post_query(self, query: str, dataset: bool, accept: str) -> bytes:
        fields = [("query", query)]
        if dataset:  # listed afresh each time: another client may have added a graph
            graphs = self.graphs()
            fields += [("default-graph-uri", str(g)) for g in graphs]
            fields += [("named-graph-uri", str(g)) for g in graphs]
        body = urllib.parse.urlencode(fields).encode()
        return self._request("POST", self.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})

    def sparql(self, query: str, bindings: dict | None = None) -> Result:
        """Run a query over the union of the named graphs; results come back as rdflib's."""
        if bindings:
            query = with_values(query, bindings)
        kind = _query_form(query)
        graph_form = kind in ("CONSTRUCT", "DESCRIBE")
        try:
            data = self._post_query(query, True, "application/n-triples" if graph_form
                                    else "application/sparql-results+json")
        except KGError as exc:
            raise KGError(f"SPARQL query failed: {exc}") from None
        if not graph_form:
            return Result.parse(io.BytesIO(data), format="json")
        result = Result(kind)
        result.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        return result

    def values(self, query: str) -> list[tuple]:
        """A SELECT's rows as tuples of plain values (IRIs and literals as str, unbound as None)."""
        data = json.loads(self._post_query(query, True, "application/sparql-results+json"))
        names = data["head"]["vars"]
        return [tuple(row[n]["value"] if n in row else None for n in names) for row in data["results"]["bindings"]]

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph, in memory (changes to it are not sent back)."""
        graph = Graph(identifier=name)
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        data = self.dump_graph(name)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def dump_graph(self, name: URIRef) -> bytes:
        """One named graph as N-Triples (empty when there is no such graph)."""
        return self._request("GET", self._graph_url(name), headers={"Accept": "application/n-triples"},
                             missing_ok=True) or b""

    def dump_nquads(self) -> bytes:
        """Every named graph as N-Quads (read graph by graph through the Graph Store Protocol)."""
        out = []
        for name in self.graphs():
            suffix = f" <{name}> .\n"
            for line in self.dump_graph(name).decode("utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    out.append(line[:-1].rstrip() + suffix)
        return "".join(out).encode("utf-8")

    # --- writing ---------------------------------------------------------------------------

    def _put(self, name, data: bytes | Path, bulk: bool = False) -> None:
        headers = {"Content-Type": "application/n-triples"}
        url = self._graph_url(name) + ("&no_transaction" if bulk else "")
        if isinstance(data, Path):
            headers["Content-Length"] = str(data.stat().st_size)
            with data.open("rb") as handle:
                self._request("PUT", url, handle, headers)
        else:
            self._request("PUT", url, data, headers)

    def _update(self, text: str) -> None:
        self._request("POST", self.update_url, text.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def replace_graph(self, name: URIRef, triples: Iterable[tuple]) -> int:
        """Make ``name`` hold exactly these triples (one PUT, which the server applies at once)."""
        data = ntriples(triples)
        self._put(name, data)
        return data.count(b"\n")

    def replace_graphs(self, graphs: dict[URIRef, bytes | Path]) -> None:
        """Replace several graphs together; values are N-Triples, as bytes or a file.

        A graph the server does not have yet is loaded under its own name; one it has is loaded
        into a staging graph. Both loads ask for the server's bulk path (Oxigraph's
        ``no_transaction``; other servers ignore the parameter), since nothing reads those graphs
        yet. Then one SPARQL Update moves every staging graph into place, which the server applies
        as one transaction. If anything fails before that, the staging graphs and the new graphs
        are dropped, and the server holds what it held before.

        (Oxigraph deletes and moves quad by quad, so replacing a graph of millions of triples on
        an Oxigraph server takes minutes; a first load takes seconds.)
        """
        existing = set(self.graphs())
        token = uuid.uuid4().hex
        staged = {name: URIRef(f"{STAGING}{token}:{i}") for i, name in enumerate(sorted(graphs)) if name in existing}
        created = []
        try:
            for name in sorted(graphs):
                if name in staged:
                    self._put(staged[name], graphs[name], bulk=True)
                else:
                    created.append(name)
                    self._put(name, graphs[name], bulk=True)
            if staged:
                self._update(" ;\n".join(f"MOVE SILENT GRAPH <{stage}> TO GRAPH <{checked_iri(name)}>"
                                         for name, stage in staged.items()))
        except BaseException:
            undo = [*staged.values(), *created]
            try:
                if undo:
                    self._update(" ;\n".join(f"DROP SILENT GRAPH <{checked_iri(g)}>" for g in undo))
            except KGError:
                pass
            raise

    def update(self, *_args, **_kwargs) -> None:
        raise KGError("the store is changed by ingest only; SPARQL updates are refused")

    def flush(self) -> None:
        """Nothing to do: the server commits each request."""

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""


def _query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of them after the prologue."""
    text = re.sub(r"<[^>\s]*>", "<>", query)  # IRIs first: they may hold a '#'
    text = re.sub(r"#[^\n]*", "", text)
    text = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", text)
    word = re.match(r"\s*([A-Za-z]+)", text)
    return word.group(1).upper() if word else "SELECT"
