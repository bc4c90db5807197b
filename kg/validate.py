"""SHACL validation of the graph (pyshacl) against ``schemas/shapes.ttl``, violations grouped by node.

>>> import kg
>>> report = validate(kg.build().store)
>>> report.conforms, len(report.violations)
(True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from .errors import KGError
from .export import union_graph
from .remote import RemoteStore
from .store import Store

__all__ = ["Violation", "Report", "validate", "shapes_graph", "SHAPES_FILE"]

# the shapes ship in the package; schemas/shapes.ttl is the same file for those who consume schemas/
SHAPES_FILE = Path(__file__).resolve().parents[1] / "schemas" / "shapes.ttl"


@dataclass(frozen=True)
class Violation:
    node: str
    path: str | None
    message: str
    severity: str
    shape: str


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def by_node(self) -> dict[str, list[Violation]]:
        out: dict[str, list[Violation]] = {}
        for v in self.violations:
            out.setdefault(v.node, []).append(v)
        return dict(sorted(out.items()))

    def text(self) -> str:
        """A report a person reads: one block per node, one line per violation."""
        if self.conforms:
            return "the graph conforms to the shapes"
        lines = [f"{len(self.violations)} violation(s) on {len(self.by_node())} node(s):"]
        for node, found in self.by_node().items():
            lines.append(f"  {node}")
            for v in found:
                path = f" {v.path}:" if v.path else ""
                lines.append(f"    [{v.severity}]{path} {v.message}")
        return "\n".join(lines)


def shapes_graph(path: str | Path | None = None) -> Graph:
    """The shapes kg ships (``schemas/shapes.ttl``, also packaged), or a user's shapes file."""
    g = Graph()
    try:
        if path is not None:
            g.parse(str(path), format="turtle")
        else:
            g.parse(data=resources.files("kg.data").joinpath("shapes.ttl").read_text(encoding="utf-8"),
                    format="turtle")
    except FileNotFoundError:
        raise KGError(f"{path}: no such shapes file") from None
    except Exception as exc:  # rdflib's parser errors carry the line in their text
        raise KGError(f"{path or SHAPES_FILE.name}: expected SHACL shapes in Turtle ({exc})") from None
    return g


def _short(term) -> str:
    return str(term) if term is not None else ""


def validate(data: Store | RemoteStore | Graph, shapes: str | Path | None = None) -> Report:
    """Run the shapes on the union of the store's graphs (or on an rdflib Graph)."""
    from pyshacl import validate as shacl

    graph = data if isinstance(data, Graph) else union_graph(data)
    conforms, results, _text = shacl(graph, shacl_graph=shapes_graph(shapes), inference="none",
                                     advanced=True, allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        message = results.value(result, SH.resultMessage)
        source = results.value(result, SH.sourceShape)
        violations.append(Violation(
            node=_short(results.value(result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)) or None,
            message=str(message) if message else _short(results.value(result, SH.sourceConstraintComponent)),
            severity=_short(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=_short(source) if isinstance(source, URIRef) else "",
        ))
    violations.sort(key=lambda v: (v.node, v.path or "", v.message))
    return Report(conforms=bool(conforms), violations=violations)
