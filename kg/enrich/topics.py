"""Topic schemes (SKOS) and the rules that give papers their topics.

A scheme is SKOS in Turtle: concepts with ``skos:prefLabel``, ``skos:altLabel`` and
``skos:hiddenLabel`` (every label is a match term), ``skos:broader`` between them. kg ships two
(``kg/data/topics.ttl``: the subjects of the seed corpus; ``kg/data/arxiv.ttl``: arXiv's subject
classes), and a user adds theirs with ``kg build --topics FILE.ttl``.

Each topic a record gets says how it got it, so a user can filter on confidence:

* ``arxiv-category`` (1.0): the arXiv code the listing printed ("CL" → cs.CL);
* ``title-label`` (0.9): a label of the concept is a whole word or phrase of the title;
* ``abstract-label`` (0.5, 0.65 with two distinct labels, 0.8 with three or more): in the abstract.

Labels with a capital letter ("RLHF", "DPO") match case-sensitively, others in any case and
with a plural ending.

>>> scheme = default_scheme()
>>> [(h.concept.rsplit("/", 1)[1], h.rule, h.confidence) for h in match_topics(
...     "Safe RLHF: Safe Reinforcement Learning from Human Feedback", None, "LG", scheme)]
[('cs.LG', 'arxiv-category', 1.0), ('rl', 'title-label', 0.9), ('rlhf', 'title-label', 0.9), \
('safe-rl', 'title-label', 0.9)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from ..errors import KGError
from ..model import TopicHit
from ..vocab import KG, RDF, SKOS

__all__ = ["Concept", "TopicScheme", "default_scheme", "load_scheme", "match_topics", "SCHEME_FILES"]

SCHEME_FILES = ("topics.ttl", "arxiv.ttl")


@dataclass
class Concept:
    iri: str
    label: str
    terms: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    code: str | None = None  # an arXiv category code as listings print it


@dataclass
class TopicScheme:
    """Concepts of one or more SKOS schemes, with the compiled patterns of their labels."""

    graph: Graph
    concepts: dict[str, Concept]
    files: list[str]

    def __post_init__(self) -> None:
        self._patterns = [(c.iri, term, term.split()[0].casefold(), _pattern(term))
                          for c in self.concepts.values() for term in c.terms]
        self._codes = {c.code: c.iri for c in self.concepts.values() if c.code}

    def by_code(self, code: str) -> str | None:
        return self._codes.get(code)

    def matches(self, text: str) -> dict[str, list[str]]:
        """concept IRI → the distinct terms of it found in ``text``."""
        out: dict[str, list[str]] = {}
        folded = text.casefold()
        for concept, term, first_word, pattern in self._patterns:
            if first_word not in folded:  # a cheap test first: most labels are not in most texts
                continue
            if pattern.search(text) and term not in out.get(concept, []):
                out.setdefault(concept, []).append(term)
        return out


def _pattern(term: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in term.split())
    if any(ch.isupper() for ch in term):
        return re.compile(rf"(?<![\w-]){body}(?![\w-])")
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.IGNORECASE)


def _read(graph: Graph, source: str, data: str | None = None, path: Path | None = None) -> None:
    try:
        if data is not None:
            graph.parse(data=data, format="turtle")
        else:
            graph.parse(str(path), format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        line = getattr(exc, "lines", None) or re.search(r"line (\d+)", str(exc))
        where = f":{line.group(1)}" if hasattr(line, "group") else (f":{line}" if line else "")
        raise KGError(f"{source}{where}: expected a SKOS topic scheme in Turtle ({exc})") from None


def _concepts(graph: Graph, source: str) -> dict[str, Concept]:
    out: dict[str, Concept] = {}
    for node in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        pref = [str(o) for o in graph.objects(node, SKOS.prefLabel)]
        if not pref:
            raise KGError(f"{source}: concept <{node}> has no skos:prefLabel")
        terms = pref + sorted(str(o) for o in graph.objects(node, SKOS.altLabel)) + sorted(
            str(o) for o in graph.objects(node, SKOS.hiddenLabel))
        code = next((str(o) for o in graph.objects(node, KG.categoryCode)), None)
        out[str(node)] = Concept(iri=str(node), label=pref[0], terms=[] if code else list(dict.fromkeys(terms)),
                                 broader=sorted(str(o) for o in graph.objects(node, SKOS.broader)), code=code)
    return out


def load_scheme(files: Iterable[str | Path] = (), with_defaults: bool = True) -> TopicScheme:
    """The default schemes plus the user's SKOS files; a broken file is named with its line.

    >>> s = load_scheme()
    >>> len(s.concepts) > 30, s.by_code("CL")
    (True, 'https://w3id.org/kg/id/arxiv/cs.CL')
    """
    graph = Graph()
    names: list[str] = []
    if with_defaults:
        for name in SCHEME_FILES:
            _read(graph, name, data=resources.files("kg.data").joinpath(name).read_text(encoding="utf-8"))
            names.append(name)
    for f in files:
        path = Path(f)
        if not path.is_file():
            raise KGError(f"{path}: no such topic scheme file")
        _read(graph, str(path), path=path)
        names.append(path.name)
    concepts = _concepts(graph, ", ".join(names))
    if not concepts:
        raise KGError(f"{', '.join(names)}: expected skos:Concept resources, found none")
    return TopicScheme(graph=graph, concepts=concepts, files=names)


@lru_cache(maxsize=1)
def default_scheme() -> TopicScheme:
    """The shipped schemes (seed subjects and arXiv classes), loaded once."""
    return load_scheme()


def match_topics(title: str | None, abstract: str | None, category: str | None,
                 scheme: TopicScheme) -> list[TopicHit]:
    """The topics of one record by the three rules, strongest first within each concept."""
    hits: list[TopicHit] = []
    if category:
        concept = scheme.by_code(category)
        if concept:
            hits.append(TopicHit(concept=concept, rule="arxiv-category", matched=category, confidence=1.0))
    in_title = scheme.matches(title) if title else {}
    for concept, terms in in_title.items():
        hits.append(TopicHit(concept=concept, rule="title-label", matched=terms[0], confidence=0.9))
    if abstract:
        for concept, terms in scheme.matches(abstract).items():
            if concept in in_title:
                continue
            confidence = {1: 0.5, 2: 0.65}.get(len(terms), 0.8)
            hits.append(TopicHit(concept=concept, rule="abstract-label", matched=", ".join(terms[:3]),
                                 confidence=confidence))
    return hits
