"""Datasets, benchmarks and their links across papers: one entity per name, with its evidence.

Records' findings (``kg.enrich``) name artifacts; here the same name (compared by
:func:`kg.enrich.artifact_key`, so "Q-EVAL-100K" is "Q-Eval-100K") in any record becomes one
artifact, and each paper gets one role toward it (introduces > uses > mentions). Three rules
work across papers, each recorded on the evidence it leaves:

* ``title-names-artifact``: a paper whose title starts "NAME:" introduces the artifact NAME
  another paper names (the Safe RLHF paper introduces SafeRLHF, which PKU-SafeRLHF calls a
  sibling);
* ``revision-of``: "RewardBench 2" is a revision of "RewardBench" when a record names the latter;
* ``named-in-text``: a name-like phrase in a record that is an artifact's name or long form.

Links named in the text become their own entities: code repositories, dataset pages and project
pages, tied to the paper and, when the link names the artifact or the paper introduces only one,
to the artifact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..enrich.artifacts import artifact_key
from ..model import Figure, PaperRecord

__all__ = ["Artifact", "WebLink", "Evidence", "ArtifactIndex", "link_artifacts", "link_kind"]

_ROLE_RANK = {"introduces": 3, "uses": 2, "mentions": 1}


@dataclass
class Evidence:
    record: str  # the record key
    role: str
    rule: str
    name: str | None  # as printed


@dataclass
class Artifact:
    key: str
    name: str | None
    kind: str
    description: str | None = None
    alt_names: list[str] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # paper index -> strongest role
    evidence: list[Evidence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (relation, artifact key)
    pages: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)

    def papers(self, role: str) -> list[int]:
        return sorted(i for i, r in self.roles.items() if r == role)


@dataclass
class WebLink:
    url: str
    kind: str  # 'code', 'dataset-page', 'project-page'
    papers: list[int] = field(default_factory=list)


@dataclass
class ArtifactIndex:
    artifacts: dict[str, Artifact] = field(default_factory=dict)
    links: dict[str, WebLink] = field(default_factory=dict)


def link_kind(url: str) -> str:
    """What a link is, from its address.

    >>> link_kind("https://github.com/PKU-Alignment/omnisafe"), link_kind("https://huggingface.co/datasets/a/b")
    ('code', 'dataset-page')
    >>> link_kind("https://sites.google.com/view/pku-beavertails")
    'project-page'
    """
    parts = urlparse(url)
    host = parts.netloc.lower()
    if host.endswith(("github.com", "gitlab.com", "bitbucket.org")) and len(parts.path.strip("/").split("/")) >= 2:
        return "code"
    if ("huggingface.co" in host or "hf-mirror" in host) and parts.path.startswith("/datasets/"):
        return "dataset-page"
    return "project-page"


def _add_role(artifact: Artifact, paper: int, role: str, evidence: Evidence) -> None:
    if _ROLE_RANK[role] > _ROLE_RANK.get(artifact.roles.get(paper, ""), 0):
        artifact.roles[paper] = role
    if evidence not in artifact.evidence:
        artifact.evidence.append(evidence)


def link_artifacts(papers: list[list[PaperRecord]], titles: list[str | None], keys: list[str]) -> ArtifactIndex:
    """Artifacts and links of resolved papers (``papers[i]`` are paper i's records)."""
    index = ArtifactIndex()
    arts = index.artifacts
    for i, records in enumerate(papers):
        for record in records:
            for f in (record.findings.artifacts if record.findings else []):
                key = artifact_key(f.name) if f.name else f"{keys[i]}-{f.kind}"
                art = arts.get(key)
                if art is None:
                    art = arts[key] = Artifact(key=key, name=f.name, kind=f.kind, description=f.description)
                elif f.role == "introduces" and art.roles and "introduces" not in art.roles.values():
                    art.kind = f.kind  # what the introducing paper calls it wins
                for alt in f.alt_names:
                    if alt not in art.alt_names:
                        art.alt_names.append(alt)
                for fig in f.figures:
                    if fig not in art.figures:
                        art.figures.append(fig)
                for rel in f.relations:
                    if (rel.relation, rel.target) not in art.relations:
                        art.relations.append((rel.relation, rel.target))
                _add_role(art, i, f.role, Evidence(record.source.key, f.role, f.rule, f.name))

    # names an artifact goes by: its name and its long forms
    def by_name() -> dict[str, str]:
        out = {}
        for art in arts.values():
            if art.name:
                out.setdefault(art.key, art.key)
                for alt in art.alt_names:
                    out.setdefault(artifact_key(alt), art.key)
        return out

    named_anywhere: dict[str, tuple[int, PaperRecord, str]] = {}
    for i, records in enumerate(papers):
        for record in records:
            for n in (record.findings.names if record.findings else []):
                named_anywhere.setdefault(artifact_key(n.name), (i, record, n.name))

    # revision-of: "RewardBench 2" revises "RewardBench" when some record names "RewardBench"
    for art in list(arts.values()):
        m = re.match(r"^(?P<base>.+?)[\s-]+v?(?P<version>\d+(?:\.\d+)?)$", art.name or "")
        if not m or re.fullmatch(r"(?:19|20)\d\d", m.group("version")):
            continue  # "AIME 2025" is an edition, not a revision
        base_key = artifact_key(m.group("base"))
        if base_key not in arts and base_key in named_anywhere and len(base_key) >= 4:
            i, record, printed = named_anywhere[base_key]
            arts[base_key] = Artifact(key=base_key, name=printed, kind=art.kind)
            _add_role(arts[base_key], i, "mentions", Evidence(record.source.key, "mentions", "revision-of", printed))
        if base_key in arts and ("revision-of", base_key) not in art.relations:
            art.relations.append(("revision-of", base_key))

    # relation targets by name → artifact keys; unknown targets become projects the text names
    names = by_name()
    for art in list(arts.values()):
        resolved: list[tuple[str, str]] = []
        for relation, target in art.relations:
            tkey = target if target in arts and relation == "revision-of" else artifact_key(target)
            tkey = names.get(tkey, tkey)
            if tkey not in arts:
                arts[tkey] = Artifact(key=tkey, name=target, kind="project")
            for i in art.papers("introduces"):
                ev = next(e for e in art.evidence if e.role == "introduces")
                _add_role(arts[tkey], i, "mentions", Evidence(ev.record, "mentions", relation, target))
            resolved.append((relation, tkey))
        art.relations = list(dict.fromkeys(resolved))

    # title-names-artifact: "Safe RLHF: Safe Reinforcement Learning …" introduces SafeRLHF
    names = by_name()
    for i, title in enumerate(titles):
        if not title or ":" not in title:
            continue
        key = names.get(artifact_key(title.split(":", 1)[0]))
        if key and arts[key].roles.get(i) != "introduces":
            record = papers[i][0]
            _add_role(arts[key], i, "introduces", Evidence(record.source.key, "introduces", "title-names-artifact",
                                                           title.split(":", 1)[0].strip()))

    # named-in-text: a name-like phrase that is a known artifact's name
    for i, records in enumerate(papers):
        for record in records:
            for n in (record.findings.names if record.findings else []):
                key = names.get(artifact_key(n.name))
                if key and arts[key].roles.get(i) != "introduces":
                    _add_role(arts[key], i, n.role, Evidence(record.source.key, n.role, "named-in-text", n.name))

    # links: code, dataset pages, project pages
    for i, records in enumerate(papers):
        introduced = [a for a in arts.values() if a.roles.get(i) == "introduces"]
        named = [a for a in introduced if a.name]
        for record in records:
            for url in record.urls:
                if urlparse(url).netloc.lower().endswith(("arxiv.org", "doi.org")):
                    continue  # identifiers of the paper itself, mapped as such
                link = index.links.setdefault(url, WebLink(url=url, kind=link_kind(url)))
                if i not in link.papers:
                    link.papers.append(i)
                flat = artifact_key(url)
                matched = [a for a in named if len(a.key) >= 5 and a.key in flat]
                if not matched and len(named) == 1 and link.kind != "code":
                    matched = named
                for a in matched:
                    target = a.code if link.kind == "code" else a.pages
                    if url not in target:
                        target.append(url)
    return index
