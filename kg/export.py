"""Exports: Turtle, N-Triples, N-Quads (named graphs kept), JSON-LD, GraphML. Deterministic and atomic.

Each file is written to a temporary file beside its target and renamed over it, so an
interrupted export never leaves a truncated file in place of a good one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from .store import Store
from .vocab import PREFIXES

__all__ = ["atomic_write", "export_all", "FORMATS", "write_rdf", "write_graphml"]

FORMATS = ("ttl", "nt", "nq", "jsonld", "graphml")


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sorted_lines(data: bytes | str) -> bytes:
    """Distinct non-empty lines, sorted (as UTF-8 bytes, which orders like the text), newline-ended."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    lines = set(data.split(b"\n"))
    lines.discard(b"")
    return b"\n".join(sorted(lines)) + b"\n"


def union_graph(store: Store) -> Graph:
    """All triples of all named graphs in one rdflib Graph (in memory), prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    data = store.dump_nquads()
    triples = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in triples)
    graph.parse(data=nt, format="nt")
    return graph


def write_rdf(store: Store, path: Path, fmt: str) -> None:
    """Write the store as ``ttl`` (union of graphs), ``nt`` (sorted), ``nq`` (sorted, graphs kept) or ``jsonld``."""
    if fmt in ("nq", "nt"):  # Oxigraph writes these (seconds for the whole Anthology, not minutes)
        if fmt == "nq":
            data = store.dump_nquads()
        else:
            data = b"".join(store.dump_graph(name) for name in store.graphs())
        atomic_write(path, _sorted_lines(data))
        return
    graph = union_graph(store)
    if fmt == "ttl":
        atomic_write(path, graph.serialize(format="turtle").encode())
    elif fmt == "jsonld":
        context = {prefix: ns for prefix, ns in PREFIXES.items()}
        data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        data["@graph"] = sorted(data.get("@graph", []), key=lambda n: n.get("@id", ""))
        atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    else:
        raise ValueError(fmt)


def write_graphml(graph: nx.Graph, path: Path) -> None:
    """GraphML with typed attributes, nodes and edges sorted so that the file is deterministic."""
    ordered = nx.Graph(**graph.graph) if not graph.is_directed() else nx.DiGraph(**graph.graph)
    for node in sorted(graph.nodes):
        ordered.add_node(node, **{k: v for k, v in sorted(graph.nodes[node].items()) if v is not None})
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges):
        ordered.add_edge(a, b, **{k: v for k, v in sorted(graph.edges[a, b].items()) if v is not None})
    text = "\n".join(nx.generate_graphml(ordered, named_key_ids=True)) + "\n"
    atomic_write(path, text.encode())


def export_all(store: Store, folder: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``graph.<fmt>`` for each format into ``folder``; returns the paths written."""
    from .views import full_graph

    folder = Path(folder)
    written = []
    for fmt in formats:
        path = folder / f"graph.{fmt}"
        if fmt == "graphml":
            write_graphml(full_graph(store), path)
        else:
            write_rdf(store, path, fmt)
        written.append(path)
    return written
