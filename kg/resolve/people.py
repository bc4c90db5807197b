"""Which author mentions are the same person.

A mention is one name in one record's author list (or the person a page is about). Names are
never merged on similarity alone; a merge needs one of:

* ``declared-variant``: the page about a person declares the name (``Also published as:``) and the
  mention is on that page;
* ``same-paper-same-position``: two records of one paper print compatible names at the same place;
* ``same-paper-listed-person``: a page lists a paper for its person, and exactly one author of that
  paper has a compatible name;
* ``shared-coauthor``: equal name keys (case, spacing, diacritics aside) and at least one co-author
  already resolved to the same person on both sides;
* ``manual``: a curator's decision.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from ..model import PaperRecord, PersonRecord
from ..text import name_key, normalise_text, strip_diacritics
from ._unionfind import Clusters
from .evidence import Decision, Merge

__all__ = ["Mention", "ResolvedPerson", "link_people", "compatible_names"]


@dataclass(frozen=True)
class Mention:
    """One printed name: in a record's author list (position set) or as the subject of a page."""

    record: str
    position: int | None
    name: str
    affiliation: str | None = None

    @property
    def key(self) -> str:
        return f"{self.record}@{self.position if self.position else 'page'}"


@dataclass
class ResolvedPerson:
    name: str
    variants: list[str]
    mentions: list[Mention]
    first_key: str = field(default="")


def _tokens(name: str) -> list[str]:
    return normalise_text(name).split()


def _is_latin(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in strip_diacritics(name))


def compatible_names(a: str, b: str) -> bool:
    """Could two printed names be one person's? (Never enough on its own to merge.)

    Equal keys, a dropped middle name, initials, or family-name-first order.

    >>> compatible_names("Tianyi Alex Qiu", "Tianyi Qiu"), compatible_names("J. Ji", "Jiaming Ji")
    (True, True)
    >>> compatible_names("Wu Yinyu", "Yinyu Wu"), compatible_names("Jiaming Ji", "Jiayi Zhou")
    (True, False)
    """
    if name_key(a) == name_key(b):
        return True
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if sorted(ta) == sorted(tb):
        return True
    if ta[-1] != tb[-1]:
        return False
    ga, gb = ta[:-1], tb[:-1]
    if not ga or not gb:
        return False
    first_a, first_b = ga[0], gb[0]
    if not (first_a == first_b or (len(first_a) == 1 and first_b.startswith(first_a))
            or (len(first_b) == 1 and first_a.startswith(first_b))):
        return False
    return len(ga) == 1 or len(gb) == 1 or ga[1:] == gb[1:]


def _canonical(names: list[str]) -> str:
    """The most printed Latin-script form; ties go to the fuller, then the alphabetically first."""
    latin = [n for n in names if _is_latin(n) and " " in n.strip()] or [n for n in names if _is_latin(n)] or names
    counts = Counter(latin)
    return sorted(counts, key=lambda n: (-counts[n], -len(_tokens(n)), n))[0]


def link_people(papers: list[list[PaperRecord]], pages: list[PersonRecord],
                decisions: list[Decision] = ()) -> tuple[list[ResolvedPerson], list[Merge]]:
    """Group the author mentions of resolved papers into people; returns people and merge log."""
    mentions: list[Mention] = []
    paper_of: dict[str, int] = {}
    for index, group in enumerate(papers):
        for record in group:
            paper_of[record.source.key] = index
            for author in record.authors:
                mentions.append(Mention(record.source.key, author.position, author.name, author.affiliation))
    page_mentions = [Mention(p.source.key, None, p.name) for p in pages]
    mentions += page_mentions
    by_key = {m.key: m for m in mentions}
    clusters = Clusters(by_key)
    merges: list[Merge] = []

    def join(rule: str, a: Mention, b: Mention, score: float = 1.0, note: str = "") -> None:
        if clusters.same(a.key, b.key):
            return
        joined = clusters.union(a.key, b.key)
        merges.append(Merge(entity="person", rule=rule, score=score, left=a.key, right=b.key, joined=joined,
                            note=note if joined else f"{note}; kept apart by a curated decision"))

    # Authors of one record are different people.
    by_record: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.position is not None:
            by_record[m.record].append(m)
    every_mention_of: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        every_mention_of[m.record].append(m)
    for group in by_record.values():
        for a, b in combinations(group, 2):
            clusters.keep_apart(a.key, b.key)

    for d in decisions:
        if d.entity != "person":
            continue
        left = [m for m in mentions if d.left in (m.key, m.name)]
        right = [m for m in mentions if d.right in (m.key, m.name)]
        for a in left:
            for b in right:
                if d.same:
                    join("manual", a, b, note=d.note)
                else:
                    clusters.keep_apart(a.key, b.key)
        if left and right and not d.same:
            merges.append(Merge(entity="person", rule="manual", score=1.0, left=left[0].key, right=right[0].key,
                                joined=False, note=d.note or "curated: not the same person"))

    # A page's person is the author with the page's name (or a declared variant) on each paper it lists.
    page_names: dict[str, tuple[Mention, set[str]]] = {}
    for page, pm in zip(pages, page_mentions):
        page_names[page.source.document] = (pm, {name_key(page.name)} | {name_key(v) for v in page.variants})
    for group in papers:
        for record in group:
            page, declared = page_names.get(record.source.document, (None, set()))
            if page is None or not record.listed_for:
                continue
            own = every_mention_of[record.source.key]
            matches = [m for m in own if name_key(m.name) in declared or compatible_names(m.name, page.name)]
            if len(matches) == 1:
                join("declared-variant", page, matches[0],
                     note=f"{matches[0].name!r} on a paper the page of {page.name!r} lists")

    # Across the records of one paper.
    mentions_of_paper: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.record in paper_of:
            mentions_of_paper[paper_of[m.record]].append(m)
    for _, ms in sorted(mentions_of_paper.items()):
        positioned = [m for m in ms if m.position is not None]
        for a, b in combinations(positioned, 2):
            if a.record != b.record and a.position == b.position and compatible_names(a.name, b.name):
                join("same-paper-same-position", a, b, note=f"position {a.position} of one paper")
        for m in (m for m in ms if m.position is None):
            _, declared = page_names.get(m.record.split("#")[0], (None, set()))
            matches = [p for p in positioned if compatible_names(p.name, m.name) or name_key(p.name) in declared]
            if len({clusters.find(p.key) for p in matches}) == 1:
                join("same-paper-listed-person", m, matches[0], note="the page lists this paper for its person")

    # Same name key and a shared co-author (by name key), until nothing changes.
    changed = True
    while changed:
        changed = False
        coauthor_names: dict = defaultdict(set)
        for group in by_record.values():
            for m in group:
                coauthor_names[clusters.find(m.key)] |= {name_key(o.name) for o in group if o is not m}
        by_name: dict[str, list[str]] = defaultdict(list)
        for root in sorted({clusters.find(m.key) for m in mentions}):
            for k in sorted({name_key(by_key[x].name) for x in clusters.members(root)}):
                by_name[k].append(root)
        for _, roots in sorted(by_name.items()):
            for a, b in combinations(roots, 2):
                if clusters.same(a, b) or not clusters.can_union(a, b):
                    continue
                shared = coauthor_names[clusters.find(a)] & coauthor_names[clusters.find(b)]
                if shared:
                    join("shared-coauthor", by_key[a], by_key[b], note=f"both wrote with {sorted(shared)[0]!r}")
                    changed = True

    order = {m.key: i for i, m in enumerate(mentions)}
    people = []
    for group in sorted(clusters.groups(), key=lambda g: min(order[k] for k in g)):
        ms = sorted((by_key[k] for k in group), key=lambda m: order[m.key])
        names = [m.name for m in ms]
        declared = [v for p in pages if any(m.key == f"{p.source.key}@page" for m in ms) for v in p.variants]
        canonical = _canonical(names)
        variants = sorted({n for n in names + declared if n != canonical})
        people.append(ResolvedPerson(name=canonical, variants=variants, mentions=ms, first_key=ms[0].key))
    return people, merges
