"""The interactive HTML view: pyvis networks of the whole graph or of one author, topic or dataset.

The page works offline: vis-network's JavaScript and CSS (shipped inside pyvis) are inlined, and
nothing is fetched. Node kinds differ by colour and shape with a legend whose boxes filter them,
node size follows a centrality measure, tooltips carry the facts (title, year, venue, roles), and
a search box finds a node by name. Titles and names never become markup: they reach the page as
JSON inside a script (``<``, ``>`` and ``&`` escaped) and are shown by vis-network as text.

>>> import kg
>>> html = render(kg.build().to_networkx("full"), "seed graph")
>>> import re
>>> re.search(r"<(?:script|link)[^>]*(?:src|href)=", html), "cdnjs" in html
(None, False)
"""

from __future__ import annotations

import json
import math
from collections import Counter
from html import escape
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from .errors import KGError
from .export import atomic_write

__all__ = ["render", "focus", "write_view", "STYLE"]

# kind → (colour, vis-network shape, legend label)
STYLE = {
    "person": ("#4e79a7", "dot", "Person"),
    "paper": ("#f28e2b", "square", "Paper"),
    "venue": ("#59a14f", "triangle", "Venue"),
    "dataset": ("#e15759", "diamond", "Dataset"),
    "benchmark": ("#b07aa1", "star", "Benchmark"),
    "environment": ("#9c755f", "hexagon", "Environment"),
    "leaderboard": ("#ff9da7", "triangleDown", "Leaderboard"),
    "project": ("#bab0ac", "diamond", "Project"),
    "topic": ("#76b7b2", "ellipse", "Topic"),
    "code": ("#555555", "box", "Code repository"),
    "web-page": ("#a0a0a0", "box", "Web page"),
}
_KIND_NAMES = {k: v[2] for k, v in STYLE.items()}
_ASSETS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


def _sizes(graph: nx.Graph, measure: str) -> dict[str, float]:
    if graph.number_of_nodes() == 0:
        return {}
    if measure == "pagerank":
        values = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {n: 1.0 for n in graph}
    elif measure == "degree":
        values = dict(graph.degree())
    elif measure == "betweenness":
        values = nx.betweenness_centrality(graph, k=min(500, len(graph)) if len(graph) > 5000 else None, seed=42)
    else:
        raise KGError(f"unknown size measure {measure!r}; expected pagerank, degree or betweenness")
    top = max(values.values()) or 1.0
    return {n: 10 + 40 * math.sqrt(v / top) for n, v in values.items()}


def _tooltip(graph: nx.Graph, node: str) -> str:
    """Plain text (vis-network shows a string title as text, never as HTML)."""
    attrs = graph.nodes[node]
    kind = attrs.get("kind", "node")
    lines = [f"{_KIND_NAMES.get(kind, kind)}: {attrs.get('label', node)}"]
    if "year" in attrs:
        lines.append(f"Year: {attrs['year']}")
    if kind == "person" and "papers" in attrs:
        lines.append(f"Papers: {attrs['papers']}")
    by_relation: dict[str, list[str]] = {}
    for other in graph.neighbors(node):
        edge = graph.edges[node, other]
        relation = edge.get("relation", "linked")
        label = graph.nodes[other].get("label", other)
        if relation == "author" and "position" in edge:
            label = f"{label} (author {edge['position']})"
        by_relation.setdefault(relation, []).append(label)
    names = {"published-in": "Venue", "part-of": "Part of", "author": "Authors" if kind == "paper" else "Papers",
             "introduces": "Introduces" if kind == "paper" else "Introduced by", "uses": "Uses" if kind == "paper"
             else "Used by", "mentions": "Mentions" if kind == "paper" else "Mentioned by",
             "topic": "Topics" if kind == "paper" else "Papers", "sibling-of": "Sibling of",
             "revision-of": "Revision of", "link": "Links" if kind == "paper" else "Linked from"}
    for relation, labels in sorted(by_relation.items()):
        labels = sorted(labels)
        shown = "; ".join(labels[:6]) + (f"; … {len(labels) - 6} more" if len(labels) > 6 else "")
        lines.append(f"{names.get(relation, relation)}: {shown}")
    return "\n".join(lines)


def focus(graph: nx.Graph, node: str, hops: int = 1) -> nx.Graph:
    """The neighbourhood of one node (an author, topic or dataset) within ``hops`` edges.

    Papers in it keep all their authors, so an author's view shows whom they wrote with.
    """
    if node not in graph:
        raise KGError(f"{node!r} is not in the graph")
    keep = set(nx.ego_graph(graph, node, radius=hops))
    for n in list(keep):
        if graph.nodes[n].get("kind") == "paper":
            keep.update(m for m in graph.neighbors(n) if graph.nodes[m].get("kind") == "person")
    sub = graph.subgraph(keep).copy()
    sub.graph["focus"] = node
    return sub


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(graph: nx.Graph, title: str, size_by: str = "pagerank") -> str:
    """The HTML page of a NetworkX view (node attributes ``label`` and ``kind``)."""
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    sizes = _sizes(graph, size_by)
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = attrs.get("kind", "node")
        colour, shape, _ = STYLE.get(kind, ("#888888", "dot", kind))
        label = str(attrs.get("label", node))
        net.add_node(node, label=label if len(label) <= 40 else label[:39] + "…", title=_tooltip(graph, node),
                     color=colour, shape=shape, size=round(sizes.get(node, 10), 2), kind=kind)
    for a, b in sorted(tuple(sorted(e)) for e in graph.edges):
        edge = graph.edges[a, b]
        net.add_edge(a, b, title=edge.get("relation", ""), value=edge.get("weight", 1))
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    kinds = Counter(graph.nodes[n].get("kind", "node") for n in graph.nodes)
    legend = [{"kind": k, "label": STYLE.get(k, ("", "", k))[2], "colour": STYLE.get(k, ("#888888",))[0],
               "shape": STYLE.get(k, ("", "dot"))[1], "count": kinds[k]} for k in STYLE if kinds.get(k)]
    legend += [{"kind": k, "label": k, "colour": "#888888", "shape": "dot", "count": c}
               for k, c in sorted(kinds.items()) if k not in STYLE]
    options = {
        "layout": {"randomSeed": 42, "improvedLayout": graph.number_of_nodes() <= 500},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "nodes": {"font": {"size": 12}, "borderWidth": 1},
        "edges": {"color": {"color": "#c8c8c8", "highlight": "#444444"}, "smooth": False,
                  "scaling": {"min": 1, "max": 6}},
    }
    data = {"nodes": nodes, "edges": edges, "legend": legend, "options": options}
    js = (_ASSETS / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_ASSETS / "vis-network.css").read_text(encoding="utf-8")
    heading = escape(title)
    return _PAGE.format(title=heading, css=css, js=js.replace("</script", "<\\/script"), data=_script_json(data),
                        nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), size_by=escape(size_by))


def write_view(graph: nx.Graph, path: str | Path, title: str, size_by: str = "pagerank") -> Path:
    """Render and write the page atomically."""
    path = Path(path)
    atomic_write(path, render(graph, title, size_by).encode("utf-8"))
    return path


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>
window.kgErrors = [];
window.addEventListener("error", function (e) {{ window.kgErrors.push(String(e.message)); }});
</script>
<style>
{css}
html, body {{ margin: 0; height: 100%; font: 13px system-ui, sans-serif; }}
#bar {{ position: absolute; top: 0; left: 0; right: 0; padding: 6px 10px; background: #fafafa;
  border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; z-index: 2; }}
#bar h1 {{ font-size: 14px; margin: 0 8px 0 0; }}
#legend label {{ margin-right: 10px; white-space: nowrap; cursor: pointer; }}
#legend .swatch {{ display: inline-block; width: 11px; height: 11px; margin: 0 4px -1px 2px; border-radius: 2px; }}
#graph {{ position: absolute; top: 64px; left: 0; right: 0; bottom: 0; }}
#status {{ color: #666; }}
</style>
</head>
<body>
<div id="bar">
  <h1>{title}</h1>
  <span id="status">{nodes} nodes, {edges} edges; size by {size_by}</span>
  <input id="search" type="search" placeholder="find a name or title" list="names" size="28">
  <datalist id="names"></datalist>
  <span id="legend"></span>
</div>
<div id="graph"></div>
<script>
{js}
</script>
<script id="kg-data" type="application/json">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  // the address can pre-set the filter and the search: graph.html#hide=person,venue&find=BeaverTails
  var params = new URLSearchParams(window.location.hash.slice(1));
  var hidden = {{}};
  (params.get("hide") || "").split(",").forEach(function (k) {{ if (k) hidden[k] = true; }});
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, {{ filter: function (n) {{ return !hidden[n.kind]; }} }});
  var network = new vis.Network(document.getElementById("graph"), {{ nodes: nodeView, edges: edges }}, data.options);
  var legend = document.getElementById("legend");
  data.legend.forEach(function (item) {{
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = !hidden[item.kind]; box.dataset.kind = item.kind;
    box.addEventListener("change", function () {{ hidden[item.kind] = !box.checked; nodeView.refresh(); }});
    var swatch = document.createElement("span");
    swatch.className = "swatch"; swatch.style.background = item.colour;
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(item.label + " (" + item.count + ", " + item.shape + ")"));
    legend.appendChild(label);
  }});
  var names = document.getElementById("names");
  data.nodes.forEach(function (n) {{
    var option = document.createElement("option"); option.value = n.label; names.appendChild(option);
  }});
  function find(text) {{
    var wanted = text.toLowerCase();
    var hit = nodeView.get().filter(function (n) {{ return n.label.toLowerCase().indexOf(wanted) >= 0; }})[0];
    if (hit) {{ network.selectNodes([hit.id]); network.focus(hit.id, {{ scale: 1.4, animation: false }}); }}
    document.body.dataset.found = hit ? hit.id : "";
  }}
  document.getElementById("search").addEventListener("change", function (e) {{ find(e.target.value); }});
  if (params.get("find")) {{ document.getElementById("search").value = params.get("find"); find(params.get("find")); }}
  network.once("afterDrawing", function () {{
    var canvas = document.querySelector("#graph canvas");
    var ctx = canvas.getContext("2d");
    var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    var painted = 0;
    for (var i = 3; i < pixels.length; i += 4) {{ if (pixels[i] > 0) painted++; }}
    document.body.dataset.painted = String(painted);
    document.body.dataset.nodes = String(nodeView.length);
    document.body.dataset.errors = String(window.kgErrors.length);
  }});
  // drawn at once when the layout settles, not at the next animation frame: headless browsers
  // (and background tabs) may give none for a while, and the page would read as blank
  network.once("stabilizationIterationsDone", function () {{ network.redraw(); }});
  window.kgNetwork = network;
}})();
</script>
</body>
</html>
"""
