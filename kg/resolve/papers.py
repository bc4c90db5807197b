"""Which records describe the same paper.

Rules, strongest first; each merge is logged with its rule and score:

* ``manual``: a curator's decision (``same`` joins, ``different`` keeps apart, before any rule);
* ``shared-identifier``: the same arXiv id or DOI;
* ``same-title``: equal normalised titles;
* ``same-abstract``: equal normalised abstracts;
* ``shared-link``: the same work-specific link (code repository, project page) in both abstracts;
  this is how an abstract in another language joins its paper;
* ``near-identical-abstract``: estimated word 3-gram Jaccard of the abstracts at least 0.5 (the
  seeds show >= 0.86 for versions of one paper and <= 0.09 otherwise).

Two records of the same listing are never joined: a listing lists a paper once. A BibTeX file is
not a listing: a reference list often holds a paper twice (its preprint and its published version).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from urllib.parse import urlparse

from ..model import PaperRecord, SourceKind
from ..text import minhash_similarity, normalise_title
from ._unionfind import Clusters
from .evidence import Decision, Merge

__all__ = ["link_papers", "NEAR_ABSTRACT_THRESHOLD"]

NEAR_ABSTRACT_THRESHOLD = 0.5
# Links that name a site, not a work: sharing one says nothing.
_GENERIC_HOSTS = {"github.com", "huggingface.co", "arxiv.org", "www.github.com", "doi.org", "hf.co"}


def work_links(record: PaperRecord) -> set[str]:
    """The record's links that identify one work, normalised (scheme, www, trailing slash, .git).

    >>> from kg.model import SourceRef
    >>> r = PaperRecord(source=SourceRef(document="d", kind="hf-daily-papers", line_start=1, line_end=1),
    ...                 urls=["https://github.com/Org/Repo.git", "https://github.com", "https://www.x.ai/"])
    >>> sorted(work_links(r))
    ['github.com/org/repo', 'x.ai']
    """
    out = set()
    for url in record.urls:
        parsed = urlparse(url)
        host = parsed.netloc.lower().removeprefix("www.")
        path = parsed.path.rstrip("/").removesuffix(".git").lower()
        if host in _GENERIC_HOSTS and path.count("/") < 2:
            continue
        if "arxiv.org" in host:
            continue  # arXiv links are compared as identifiers
        out.add(host + path)
    return out


def _identifiers(record: PaperRecord) -> set[str]:
    return {f"arxiv:{a}" for a in record.arxiv_ids} | {f"doi:{d}" for d in record.dois}


def _listing(record: PaperRecord) -> str | None:
    """The listing a record is in (its document), whose records are different papers; None for a
    BibTeX file, which may hold a paper twice."""
    return None if record.source.kind == SourceKind.BIBTEX else record.source.document


def link_papers(records: list[PaperRecord], decisions: list[Decision] = ()) -> tuple[list[list[PaperRecord]],
                                                                                       list[Merge]]:
    """Group records into papers; returns the groups (in first-seen order) and the merge log."""
    keys = [r.source.key for r in records]
    by_key = dict(zip(keys, records))
    clusters = Clusters(keys)
    merges: list[Merge] = []

    by_listing: dict[str, list[str]] = defaultdict(list)
    for r in records:
        if _listing(r):
            by_listing[_listing(r)].append(r.source.key)
    for group in by_listing.values():
        for a, b in combinations(group, 2):
            clusters.keep_apart(a, b)

    for d in decisions:
        if d.entity != "paper":
            continue
        if d.left not in by_key or d.right not in by_key:
            continue  # a decision about records not in this build
        if d.same:
            clusters.union(d.left, d.right)
            merges.append(Merge(entity="paper", rule="manual", score=1.0, left=d.left, right=d.right, note=d.note))
        else:
            clusters.keep_apart(d.left, d.right)
            merges.append(Merge(entity="paper", rule="manual", score=1.0, left=d.left, right=d.right,
                                joined=False, note=d.note or "curated: not the same paper"))

    def candidates_by(feature) -> list[tuple[str, str, float, str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for r in records:
            for value in feature(r):
                index[value].append(r.source.key)
        return [(a, b, 1.0, value) for value, ks in sorted(index.items()) for a, b in combinations(ks, 2)]

    rules: list[tuple[str, list[tuple[str, str, float, str]]]] = [
        ("shared-identifier", candidates_by(_identifiers)),
        ("same-title", candidates_by(lambda r: {normalise_title(r.title)} if r.title else set())),
        ("same-abstract", candidates_by(lambda r: {r.fingerprint.sha256} if r.fingerprint else set())),
        ("shared-link", candidates_by(work_links)),
    ]
    near = []
    with_abstract = [r for r in records if r.fingerprint]
    for a, b in combinations(with_abstract, 2):
        if a.fingerprint.sha256 == b.fingerprint.sha256 or (_listing(a) and _listing(a) == _listing(b)):
            continue
        score = minhash_similarity(a.fingerprint.minhash, b.fingerprint.minhash)
        if score >= NEAR_ABSTRACT_THRESHOLD:
            near.append((a.source.key, b.source.key, round(score, 3), "estimated word 3-gram Jaccard"))
    rules.append(("near-identical-abstract", near))

    for rule, pairs in rules:
        for a, b, score, note in pairs:
            if clusters.same(a, b):
                continue
            joined = clusters.union(a, b)
            merges.append(Merge(entity="paper", rule=rule, score=score, left=a, right=b, joined=joined,
                                note=note if joined else f"{note}; kept apart: conflicting records"))

    order = {k: i for i, k in enumerate(keys)}
    groups = sorted((sorted(g, key=order.__getitem__) for g in clusters.groups()), key=lambda g: order[g[0]])
    return [[by_key[k] for k in g] for g in groups], merges
