"""The ``kg`` command: build, query, metrics, export, serve.

Errors a user can cause print one line (no traceback) and exit with status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.query import Result

from .errors import KGError
from .graph import KnowledgeGraph, build, load
from .queries import get_query, named_queries
from .remote import is_remote
from .vocab import SPARQL_PREFIXES

__all__ = ["main"]


def _graph(args: argparse.Namespace) -> KnowledgeGraph:
    return load(args.store) if getattr(args, "store", None) else build()


def _cmd_build(args: argparse.Namespace) -> int:
    graph = build(args.paths or None, decisions=args.decisions, store=args.store, topics=args.topics or (),
                  acl_anthology=args.acl_anthology, progress=sys.stderr.isatty())
    summary = graph.summary()
    report = graph.resolution.summary()
    source = "the bundled seed corpus" if not args.paths else f"{len(args.paths)} capture(s)"
    print(f"built from {source}: {summary['papers']} papers, {summary['people']} people, "
          f"{summary['venues']} venues, {summary['triples']} triples")
    print(f"resolution: {report['paper records']} paper records -> {report['papers']} papers; "
          f"{report['author mentions']} author mentions -> {report['people']} people; "
          f"{report['venue mentions']} venue mentions -> {report['venues']} publication venues; "
          f"{report['kept apart']} candidate merges kept apart")
    for rule, count in report["merges"].items():
        print(f"  merges by {rule}: {count}")
    kinds = {}
    for d in graph.datasets():
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    print(f"enrichment: {report['artifacts']} datasets/benchmarks/environments ("
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + f"), {report['links']} links named in text, "
          f"{len(graph.topics())} topics in use")
    if args.acl_anthology:
        linked = graph.sparql(SPARQL_PREFIXES + """SELECT ?rule (COUNT(*) AS ?n) WHERE {
            GRAPH <https://w3id.org/kg/graph/links/acl-anthology> { ?m a kg:Merge ; kg:rule ?rule } }
            GROUP BY ?rule ORDER BY ?rule""")
        print("ACL Anthology: " + (", ".join(f"{r.n} seed links by {r.rule}" for r in linked) or "no seed links"))
    out = args.out or (None if args.acl_anthology else "exports")
    if args.no_export or out is None:
        if not args.no_export:
            print("exports skipped for the whole Anthology; write them with 'kg export --store … --out …'")
        return 0
    written = graph.export(out)
    written.append(graph.view_html(Path(out) / "graph.html"))
    print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def _cmd_viz(args: argparse.Namespace) -> int:
    graph = _graph(args)
    path = graph.view_html(args.out, author=args.author, topic=args.topic, dataset=args.dataset, hops=args.hops,
                           size_by=args.size_by)
    print(f"wrote {path}")
    return 0


def _bind(value: str):
    """An IRI when it looks like one, a number when it is one, a plain literal otherwise."""
    if value.startswith(("http://", "https://", "urn:")):
        return URIRef(value)
    if re.fullmatch(r"-?\d+", value):
        return Literal(int(value))
    if re.fullmatch(r"-?\d+\.\d*|-?\.\d+", value):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)


def _format(result: Result, fmt: str) -> str:
    if fmt == "sparql-json":
        return result.serialize(format="json").decode()
    if result.type == "ASK":
        return json.dumps(bool(result.askAnswer)) if fmt == "json" else str(bool(result.askAnswer))
    if result.type != "SELECT":
        return result.serialize(format="turtle").decode()
    names = [str(v) for v in result.vars]
    rows = [["" if row[i] is None else str(row[i]) for i in range(len(names))] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    clip = [lambda s, w=w: s if len(s) <= w else s[: w - 1] + "…" for w in widths]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c(v).ljust(w) for c, v, w in zip(clip, r, widths)) for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


def _cmd_query(args: argparse.Namespace) -> int:
    if args.list:
        for q in named_queries().values():
            params = ", ".join(f"{k} ({v})" for k, v in q.params.items()) or "none"
            print(f"{q.name}: {q.description} [params: {params}]")
        return 0
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise KGError(f"{args.file}: cannot be read ({exc.strerror})") from None
    elif args.query is None:
        raise KGError("give a named query, a query text, --file Q.rq or --list")
    elif args.query in named_queries():
        named = get_query(args.query)
        given = {p.split("=", 1)[0] for p in args.param}
        unknown = given - set(named.params)
        if unknown:
            raise KGError(f"query {named.name!r} has no parameter {', '.join(sorted(unknown))}; "
                          f"it takes: {', '.join(named.params) or 'none'}")
        missing = set(named.required) - given
        if missing:
            raise KGError(f"query {named.name!r} needs --param {' --param '.join(f'{m}=…' for m in sorted(missing))}")
        text = named.text
    elif "{" in args.query:
        text = args.query
    else:
        raise KGError(f"no named query {args.query!r}; known: {', '.join(named_queries())}")
    params = {}
    for p in args.param:
        name, sep, value = p.partition("=")
        if not sep:
            raise KGError(f"--param {p!r}: expected NAME=VALUE")
        params[name] = _bind(value)
    graph = _graph(args)
    print(_format(graph.store.sparql(text, params), args.format))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    graph = _graph(args)
    written = graph.export(args.out, args.format or None)
    print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    from . import metrics

    graph = _graph(args)
    network = graph.to_networkx(args.view)
    results = metrics.compute(network)
    stored = metrics.write_back(graph.store, args.view, results)
    graph.store.flush()
    if args.by not in results:
        raise KGError(f"unknown measure {args.by!r}; expected one of {', '.join(results)}")
    ranked = sorted(network.nodes, key=lambda n: (-results[args.by][n], network.nodes[n].get("label", n)))
    measures = ["degree", "weighted_degree", "pagerank", "betweenness", "closeness", "community"]
    print(f"{args.view} view: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges, "
          f"{max(results['component'].values(), default=-1) + 1} components, "
          f"{max(results['community'].values(), default=-1) + 1} communities; ranked by {args.by}")
    rows = [["rank", "name"] + measures]
    for rank, node in enumerate(ranked[: args.top], start=1):
        rows.append([str(rank), network.nodes[node].get("label", node)[:40]] + [
            "n/a" if node not in results[m] else f"{results[m][node]:.4f}" if isinstance(results[m][node], float)
            else str(results[m][node]) for m in measures])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    print(f"({stored} metric triples written to graph/metrics/{args.view})")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    graph = _graph(args)
    report = validate(graph.store, args.shapes)
    print(report.text())
    return 0 if report.conforms else 1


def _cmd_path(args: argparse.Namespace) -> int:
    graph = _graph(args)
    path = graph.coauthor_path(args.source, args.target)
    print(" → ".join(path))
    print(f"({len(path) - 1} hop{'s' if len(path) != 2 else ''})")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import shutil
    import subprocess
    import tempfile

    server = shutil.which("oxigraph")
    if server is None:
        raise KGError("the 'oxigraph' server is not installed (pip install oxigraph)")
    temporary = None
    location = args.store
    if is_remote(location):
        raise KGError(f"{location} is a SPARQL server already; query it there, or with 'kg query --store {location}'")
    if location is None:
        temporary = tempfile.mkdtemp(prefix="kg-store-")
        location = temporary
        build(store=location).store.close()  # closed before the server opens it
    elif not Path(location).is_dir():
        raise KGError(f"{location}: no such store folder; build one with 'kg build --store {location}'")
    print(f"SPARQL endpoint (read-only) at http://127.0.0.1:{args.port}/query", flush=True)
    try:
        return subprocess.call([server, "serve-read-only", "--location", str(location), "--bind",
                                f"127.0.0.1:{args.port}", "--union-default-graph", "--timeout-s", str(args.timeout)])
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="A knowledge graph of scholarly papers, people and venues.")
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="parse, resolve and load captures; write exports")
    b.add_argument("paths", nargs="*", help="capture files (default: the bundled seed corpus)")
    b.add_argument("--out", help="folder for the exports (default: exports; none with --acl-anthology)")
    b.add_argument("--store", help="folder of an on-disk store to fill, or a SPARQL 1.1 server's URL "
                   "(http://host:port, query/update/store endpoints as Oxigraph names them; default: in memory)")
    b.add_argument("--decisions", help="CSV of manual same/different decisions")
    b.add_argument("--no-export", action="store_true", help="do not write exports")
    b.add_argument("--topics", action="append", help="a SKOS topic scheme (Turtle) to add (repeatable)")
    b.add_argument("--acl-anthology", metavar="DATA",
                   help="the ACL Anthology's data: a folder with xml/ and yaml/, or its .tar.xz (read as is)")
    b.set_defaults(run=_cmd_build)

    q = sub.add_parser("query", help="run a named query, a query text or a .rq file")
    q.add_argument("query", nargs="?", help="a named query (see --list) or SPARQL text")
    q.add_argument("--file", help="a file holding the SPARQL query")
    q.add_argument("--param", action="append", default=[], help="NAME=VALUE binding (repeatable)")
    q.add_argument("--format", choices=["table", "csv", "json", "sparql-json"], default="table")
    q.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.set_defaults(run=_cmd_query)

    m = sub.add_parser("metrics", help="centrality and communities, written back to the store, as a ranked table")
    m.add_argument("--view", choices=["coauthor", "paper-author", "full"], default="coauthor")
    m.add_argument("--by", default="pagerank", help="the measure to rank by (default: pagerank)")
    m.add_argument("--top", type=int, default=10)
    m.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    m.set_defaults(run=_cmd_metrics)

    s = sub.add_parser("serve", help="a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1 (Oxigraph server)")
    s.add_argument("--store", help="an on-disk store from 'kg build --store' (default: build the bundled corpus)")
    s.add_argument("--port", type=int, default=7878)
    s.add_argument("--timeout", type=int, default=30, help="per-query time limit in seconds (default: 30)")
    s.set_defaults(run=_cmd_serve)

    v = sub.add_parser("viz", help="write the interactive HTML view (whole graph or one author/topic/dataset)")
    v.add_argument("--out", default="graph.html", help="the HTML file to write (default: graph.html)")
    focus_on = v.add_mutually_exclusive_group()
    focus_on.add_argument("--author", help="one person's neighbourhood")
    focus_on.add_argument("--topic", help="one topic's papers and their authors (its label)")
    focus_on.add_argument("--dataset", help="one dataset's papers and their authors (its name)")
    v.add_argument("--hops", type=int, default=1, help="how far from the focus (default: 1)")
    v.add_argument("--size-by", choices=["pagerank", "degree", "betweenness"], default="pagerank")
    v.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    v.set_defaults(run=_cmd_viz)

    va = sub.add_parser("validate", help="check the graph against the SHACL shapes; exit 1 on violations")
    va.add_argument("--shapes", help="a SHACL shapes file (default: the shapes kg ships, schemas/shapes.ttl)")
    va.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    va.set_defaults(run=_cmd_validate)

    pa = sub.add_parser("path", help="the shortest co-authorship path between two people")
    pa.add_argument("source", help="a person's name or IRI")
    pa.add_argument("target", help="another person's name or IRI")
    pa.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    pa.set_defaults(run=_cmd_path)

    e = sub.add_parser("export", help="write Turtle, N-Triples, N-Quads, JSON-LD and GraphML")
    e.add_argument("--out", default="exports")
    e.add_argument("--format", action="append", choices=["ttl", "nt", "nq", "jsonld", "graphml"])
    e.add_argument("--store", help="an on-disk store or server URL (default: build the bundled corpus)")
    e.set_defaults(run=_cmd_export)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
