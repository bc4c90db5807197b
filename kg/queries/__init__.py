"""Named SPARQL queries: one ``.rq`` file each, with a header comment saying what it answers.

The header's ``# param: NAME — meaning`` lines list the parameters, bound by ``kg query NAME
--param NAME=VALUE`` (values are bound as escaped literals, or IRIs when they look like one).

>>> "author-papers" in named_queries()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from ..errors import KGError

__all__ = ["NamedQuery", "named_queries", "get_query"]


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    params: dict[str, str]

    @property
    def required(self) -> list[str]:
        """Parameters whose meaning does not start with 'optional'."""
        return [p for p, meaning in self.params.items() if not meaning.lower().startswith("optional")]


def _parse(name: str, text: str) -> NamedQuery:
    description, params = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("param:"):
            pname, _, meaning = body[len("param:"):].strip().partition(" ")
            params[pname] = meaning.strip(" -—")
        elif body:
            description.append(body)
    return NamedQuery(name, text, " ".join(description), params)


def named_queries() -> dict[str, NamedQuery]:
    """All named queries shipped with kg, by name."""
    folder = resources.files(__package__)
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def get_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise KGError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]
