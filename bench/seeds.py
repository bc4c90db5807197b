"""Benchmark of the main job on the bundled seed corpus: build, enrichment, queries, metrics, view, exports.

Run by hand (not in CI): ``python bench/seeds.py``. Prints each figure beside its target.
Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Literal, URIRef

import kg
from kg import metrics
from kg.queries import named_queries
from kg.validate import validate

PARAMS = {
    "author-papers": {"author": Literal("Yaodong Yang")},
    "coauthors": {"author": Literal("Yaodong Yang")},
    "topics-by-author": {"author": Literal("Yaodong Yang")},
    "coauthor-path": {"from": Literal("Boren Zheng"), "to": Literal("Artem Shelmanov")},
}


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def row(what: str, value: float, unit: str, target: float | None) -> None:
    verdict = "" if target is None else ("ok" if value <= target else "OVER")
    shown = f"{value:10.1f} {unit}" if unit == "ms" else f"{value:10.3f} {unit}"
    limit = "" if target is None else f"target ≤ {target:g} {unit}"
    print(f"{what:<42} {shown:<16} {limit:<22} {verdict}")


def main() -> int:
    print(f"kg seed-corpus benchmark (python {sys.version.split()[0]})")
    seconds, graph = timed(kg.build, repeat=3)
    row("build (parse bundle, enrich, resolve, load)", seconds, "s", 2.0)
    summary = graph.summary()
    print(f"  {summary['papers']} papers, {summary['people']} people, {summary['triples']} triples, "
          f"{len(graph.datasets())} datasets/benchmarks")
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    if seeds.is_dir():
        seconds, _ = timed(lambda: kg.build(sorted(seeds.glob("*.txt"))), repeat=3)
        row("build from the raw captures (+extraction)", seconds, "s", 3.0)
    PARAMS["why-same"] = {"entity": URIRef(graph.person("Yaodong Yang"))}
    for name, query in named_queries().items():
        params = PARAMS.get(name, {})
        seconds, _ = timed(lambda q=query, p=params: list(graph.store.sparql(q.text, p)), repeat=20)
        row(f"query {name} (median of 20)", seconds * 1000, "ms", 50)
    for view in ("coauthor", "full"):
        network = graph.to_networkx(view)
        seconds, _ = timed(lambda n=network: metrics.compute(n), repeat=3)
        row(f"metrics suite, {view} view ({network.number_of_nodes()} nodes)", seconds, "s", 5.0)
    with tempfile.TemporaryDirectory() as folder:
        seconds, _ = timed(lambda: graph.export(folder), repeat=1)
        row("all five exports", seconds, "s", 10.0)
        seconds, _ = timed(lambda: graph.view_html(Path(folder) / "graph.html"), repeat=1)
        row("HTML view of the whole graph", seconds, "s", 10.0)
    seconds, report = timed(lambda: validate(graph.store), repeat=1)
    row(f"SHACL validation ({'conforms' if report.conforms else 'violations'})", seconds, "s", 15.0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row("peak memory (max RSS)", peak, "MiB", 1024)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
