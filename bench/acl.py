"""Benchmark: the whole ACL Anthology in kg, beside the Anthology's own library (acl-anthology 0.5.4).

Run by hand (not in CI):  python bench/acl.py [path to acl-anthology-data.tar.xz or its folder]

Each measurement runs in a child process so that its peak memory is its own. Prints, side by side,
kg's figures and the peer's, each with its target:
  end-to-end build within 2x the peer's full load; peak memory under 4 GB; named queries under
  50 ms median; the metrics suite (PageRank, sampled betweenness, communities) under 60 s.
The peer needs the data unpacked; the script unpacks the tarball into a temporary folder for it,
and times kg on that folder (like for like) and on the tarball itself. The peer runs before and after
kg's builds and the target uses the mean, since this machine's speed drifts by a quarter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "acl-anthology-data.tar.xz"


def child(code: str) -> dict:
    """Run Python code in a fresh process; it prints one JSON object as its last line."""
    wrapper = textwrap.dedent("""
        import json, resource, time
        result = {}
        start = time.perf_counter()
        """) + textwrap.dedent(code) + textwrap.dedent("""
        result.setdefault("seconds", time.perf_counter() - start)
        # kg's build reads the Anthology in a child process of its own: count that child's peak too
        # (a sum of peaks: an upper bound of the two together)
        result["peak_mib"] = sum(resource.getrusage(who).ru_maxrss
                                 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
        print(json.dumps(result))
        """)
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def line(what: str, ours: str, peer: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"{what:<44} {ours:>14} {peer:>14}   {target:<28} {verdict}")


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "anthology.db"
        folder = data
        if data.is_file():
            with tarfile.open(data) as tar:
                tar.extractall(tmp, filter="data")
            folder = next(Path(tmp).glob("*/xml")).parent

        peer_code = f"""
            from acl_anthology import Anthology
            anthology = Anthology(datadir={str(folder)!r})
            papers = authors = 0
            for paper in anthology.papers():
                papers += 1
                for name in paper.authors:
                    anthology.people.get_by_namespec(name)
                    authors += 1
            result["papers"], result["authors"], result["persons"] = papers, authors, len(anthology.people)
            """

        def build(source: Path) -> dict:
            # the build is timed on its own; counting the store's triples afterwards is not part of it
            return child(f"""
                import kg
                from kg.store import Store
                optimize = Store.optimize
                def timed(self):  # the compaction that ends the build, timed on its own as well
                    begun = time.perf_counter()
                    optimize(self)
                    result["compaction"] = time.perf_counter() - begun
                Store.optimize = timed
                graph = kg.build(store={str(store)!r}, acl_anthology={str(source)!r})
                result["seconds"] = time.perf_counter() - start
                result["triples"] = len(graph.store)
                """)

        # the peer before and after kg's builds: the machine's speed drifts, and the target is a ratio
        # kg is timed on the folder the peer reads (like for like) and, when given one, on the .tar.xz
        # it can also read directly; the queries below run on the folder's build (the same graph)
        peers = [child(peer_code)]
        builds = {}
        if data.is_file():
            builds[".tar.xz, read directly"] = build(data)
        builds["the peer's folder"] = build(folder)
        peers.append(child(peer_code))
        peer = dict(peers[0], seconds=sum(p["seconds"] for p in peers) / len(peers),
                    peak_mib=max(p["peak_mib"] for p in peers))
        queries = child(f"""
            import statistics, time
            from rdflib import Literal, URIRef
            import kg
            from kg.queries import named_queries
            graph = kg.load({str(store)!r})
            params = {{
                "author-papers": {{"author": Literal("Yaodong Yang")}},
                "papers-per-venue-year": {{"venue": Literal("NAACL")}},
                "coauthors": {{"author": Literal("Preslav Nakov")}},
                "topics-by-author": {{"author": Literal("Yaodong Yang")}},
                "why-same": {{"entity": URIRef("https://w3id.org/kg/id/person/yaodong-yang")}},
                # three hops apart: the query's most expensive case short of no path at all
                "coauthor-path": {{"from": Literal("Preslav Nakov"), "to": Literal("Bonaventure F. P. Dossou")}},
            }}
            # round-robin, seven rounds: each query's runs are spread over the whole phase, so a slow
            # spell of this shared machine does not fall on one query's runs alone
            times = {{name: [] for name in named_queries()}}
            for _ in range(7):
                for name, query in named_queries().items():
                    start = time.perf_counter()
                    list(graph.store.sparql(query.text, params.get(name, {{}})))
                    times[name].append(time.perf_counter() - start)
            for name, runs in times.items():
                result[name] = statistics.median(runs)
            result["seconds"] = 0
            """)
        metrics = child(f"""
            import time
            import kg
            from kg import metrics
            graph = kg.load({str(store)!r})
            start = time.perf_counter()
            network = graph.to_networkx("coauthor")
            result["view_seconds"] = time.perf_counter() - start
            result["nodes"], result["edges"] = network.number_of_nodes(), network.number_of_edges()
            for name in ("pagerank", "betweenness", "communities"):
                start = time.perf_counter()
                getattr(metrics, name)(network)
                result[name] = time.perf_counter() - start
            result["seconds"] = result["pagerank"] + result["betweenness"] + result["communities"]
            start = time.perf_counter()
            try:
                path = " → ".join(graph.coauthor_path("Preslav Nakov", "Iryna Gurevych"))
            except kg.KGError as exc:
                path = str(exc)
            result["path_seconds"], result["path"] = time.perf_counter() - start, path
            """)
        export = child(f"""
            import kg
            kg.load({str(store)!r}).export({str(Path(tmp) / "out")!r}, ["nt"])
            """)

    print(f"ACL Anthology benchmark on {data.name}\n")
    print(f"{'':<44} {'kg':>14} {'acl-anthology':>14}   target")
    limit = 2 * peer["seconds"]
    line("peer's full load (mean of the two below)", "", f"{peer['seconds']:.1f} s", "", None)
    line("  before and after kg's builds", "", " / ".join(f"{p['seconds']:.1f} s" for p in peers), "", None)
    for source, build in builds.items():
        line(f"build from {source}, wall time", f"{build['seconds']:.1f} s", "",
             f"kg <= 2x peer = {limit:.1f} s", build["seconds"] <= limit)
        line("  of which compacting the store", f"{build['compaction']:.1f} s", "", "", None)
    peak = max(build["peak_mib"] for build in builds.values())
    line("peak memory", f"{peak:.0f} MiB", f"{peer['peak_mib']:.0f} MiB", "< 4096 MiB", peak < 4096)
    line("papers / author entries / persons", "", f"{peer['papers']}/{peer['authors']}/{peer['persons']}", "", None)
    line("triples in the store", str(builds["the peer's folder"]["triples"]), "", "", None)
    for name in sorted(k for k in queries if k not in ("seconds", "peak_mib")):
        ms = queries[name] * 1000
        line(f"query {name} (median of 7)", f"{ms:.1f} ms", "", "< 50 ms", ms < 50)
    line(f"co-authorship view ({metrics['nodes']} nodes, {metrics['edges']} edges)",
         f"{metrics['view_seconds']:.1f} s", "", "", None)
    for name in ("pagerank", "betweenness", "communities"):
        line(f"  {name}", f"{metrics[name]:.1f} s", "", "", None)
    line("metrics suite", f"{metrics['seconds']:.1f} s", "", "< 60 s", metrics["seconds"] < 60)
    line("kg path (networkx, view built again)", f"{metrics['path_seconds']:.1f} s", "", "", None)
    print(f"  {metrics['path']}")
    line("export N-Triples", f"{export['seconds']:.1f} s", "", "", None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
