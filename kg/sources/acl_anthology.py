"""The ACL Anthology's metadata (``data/xml`` and ``data/yaml``), read from a folder or straight from
a ``.tar.xz`` without unpacking, one collection file at a time.

Person identities are the Anthology's own and are respected, not re-resolved: an ``<author id=…>``
is that person; otherwise the name's curated entry in ``yaml/name_variants.yaml`` (canonical or
variant) decides; otherwise the person is the one whose id the name slugifies to (the rule of the
Anthology's own library, acl-anthology 0.5.4, which a differential test holds kg to).

>>> from kg.sources.acl_anthology import name_id
>>> name_id("Yaodong", "Yang"), name_id(None, "Mausam"), name_id("Felicia", "Körner")
('yaodong-yang', 'mausam', 'felicia-korner')
"""

from __future__ import annotations

import io
import re
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml
from slugify import slugify

from ..errors import KGError, ParseError

__all__ = ["AclAuthor", "AclPaper", "AclVolume", "AclPerson", "PersonIndex", "Anthology", "name_id",
           "looks_like_anthology"]


def name_id(first: str | None, last: str) -> str:
    """The id the Anthology generates for a name without a curated one."""
    full = f"{first} {last}" if first else last
    return slugify(full) if full else "none"


def _name_key(first: str | None, last: str | None) -> tuple[str | None, str]:
    return (first or None, last or "")


@dataclass
class AclPerson:
    id: str
    names: list[tuple[str | None, str]]  # canonical first
    explicit: bool = False  # defined in name_variants.yaml
    orcid: str | None = None
    comment: str | None = None

    @property
    def canonical(self) -> str:
        first, last = self.names[0]
        return f"{first} {last}" if first else last


@dataclass(frozen=True, slots=True)
class AclAuthor:
    first: str | None
    last: str
    person: str  # the Anthology person id
    affiliation: str | None = None
    orcid: str | None = None
    variants: tuple[tuple[str | None, str, str | None], ...] = ()  # (first, last, script)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}" if self.first else self.last


@dataclass(slots=True)
class AclPaper:
    id: str  # full Anthology id: 2024.acl-long.1, P19-1001
    volume: str
    title: str
    authors: list[AclAuthor]
    abstract: str | None = None
    year: int | None = None
    month: str | None = None
    doi: str | None = None
    url: str | None = None
    bibkey: str | None = None
    pages: str | None = None
    language: str | None = None
    awards: list[str] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (type, file)
    frontmatter: bool = False


@dataclass(slots=True)
class AclVolume:
    id: str  # 2024.acl-long
    collection: str
    title: str
    year: int | None
    month: str | None
    venues: list[str]
    editors: list[AclAuthor]
    publisher: str | None = None
    address: str | None = None
    doi: str | None = None
    event: str | None = None
    papers: list[AclPaper] = field(default_factory=list)


class PersonIndex:
    """The Anthology's person index, built the way acl-anthology 0.5.4 builds it."""

    def __init__(self) -> None:
        self.people: dict[str, AclPerson] = {}
        self.by_name: dict[tuple[str | None, str], list[str]] = {}

    def load_variants(self, entries: list[dict], source: str) -> None:
        for number, entry in enumerate(entries, start=1):
            try:
                canonical = _name_key(entry["canonical"].get("first"), entry["canonical"]["last"])
            except (KeyError, TypeError, AttributeError):
                raise ParseError(source, None, f"entry {number} with a canonical {{first, last}}",
                                 str(entry)[:80]) from None
            pid = entry.get("id") or name_id(*canonical)
            if pid in self.people:
                raise KGError(f"{source}: entry {number}: the id {pid!r} is defined twice; give each an explicit id")
            names = [canonical] + [_name_key(v.get("first"), v["last"]) for v in entry.get("variants", [])]
            person = AclPerson(id=pid, names=[], explicit=True, orcid=entry.get("orcid"), comment=entry.get("comment"))
            for name in names:
                if name not in person.names:
                    person.names.append(name)
            self.people[pid] = person
            for name in person.names:
                self.by_name.setdefault(name, []).append(pid)

    def resolve(self, first: str | None, last: str, explicit_id: str | None,
                variants: tuple = (), where: str = "") -> str:
        """The person id of one author or editor entry (creating the person when new)."""
        name = _name_key(first, last)
        if explicit_id is not None:
            person = self.people.get(explicit_id)
            if person is None or not person.explicit:
                raise KGError(f"{where}: name '{first or ''} {last}' uses the id {explicit_id!r}, "
                              "which name_variants.yaml does not define")
            if name not in person.names:
                person.names.append(name)
        elif ids := self.by_name.get(name):
            if len(ids) > 1:
                raise KGError(f"{where}: name '{first or ''} {last}' is ambiguous ({', '.join(ids)}) "
                              "but has no id")
            person = self.people[ids[0]]
        else:
            pid = name_id(*name)
            person = self.people.get(pid)
            if person is None:
                person = self.people[pid] = AclPerson(id=pid, names=[name])
            elif not person.explicit and _score(name) > _score(person.names[0]):
                if name in person.names:
                    person.names.remove(name)
                person.names.insert(0, name)
            elif name not in person.names:
                person.names.append(name)
            self.by_name.setdefault(name, []).append(pid)
        for v_first, v_last, _script in variants:
            variant = _name_key(v_first, v_last)
            if variant not in person.names:
                person.names.append(variant)
            if variant not in self.by_name:
                self.by_name[variant] = [person.id]
        return person.id


def _score(name: tuple[str | None, str]) -> float:
    """acl-anthology's Name.score: which of two names with one generated id is the canonical one."""
    first, last = name
    full = f"{first} {last}" if first else last
    score = float(len(full))
    score += sum(ord(c) > 127 or c == "-" for c in full)
    words = re.split(r"\W+", full)
    score -= sum(any(c.isupper() for c in w[1:]) for w in words)
    score -= sum(w[0].islower() if w else 0 for w in words)
    if full[:1].islower():
        score -= 1
    if first and len(first) > len(last):
        score += 0.5
    return score


# --- XML ------------------------------------------------------------------------------------

def _text(element: ET.Element | None) -> str | None:
    """The text of an element with its inline markup flattened and whitespace collapsed."""
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split())


def _person_entry(element: ET.Element) -> tuple[str | None, str, str | None, str | None, str | None, tuple]:
    first = last = affiliation = None
    variants = []
    for child in element:
        if child.tag == "first":
            first = child.text
        elif child.tag == "last":
            last = child.text
        elif child.tag == "affiliation":
            affiliation = child.text
        elif child.tag == "variant":
            v_first = v_last = None
            for part in child:
                if part.tag == "first":
                    v_first = part.text
                elif part.tag == "last":
                    v_last = part.text
            variants.append((v_first, v_last or "", child.get("script")))
    return first, last or "", affiliation, element.get("id"), element.get("orcid"), tuple(variants)


def _year(text: str | None) -> int | None:
    m = re.match(r"\d{4}", text or "")
    return int(m.group(0)) if m else None


def _full_id(collection: str, volume: str, paper: str | None) -> str:
    """Anthology ids as acl-anthology builds them: '2024.acl-long.1'; old style 'P19-1001', 'W19-3201'.

    >>> _full_id("2024.acl", "long", "1"), _full_id("P19", "1", "1"), _full_id("W19", "32", "1")
    ('2024.acl-long.1', 'P19-1001', 'W19-3201')
    """
    if collection[0].isdigit():
        return f"{collection}-{volume}" + (f".{paper}" if paper is not None else "")
    if collection[0] == "W" or collection == "C69" or (collection == "D19" and int(volume) >= 5):
        return f"{collection}-{int(volume):02d}" + (f"{int(paper):02d}" if paper is not None else "")
    return f"{collection}-{int(volume):01d}" + (f"{int(paper):03d}" if paper is not None else "")


def parse_collection(data: bytes, document: str, people: PersonIndex) -> list[AclVolume]:
    """One collection file: its volumes, their papers, authors resolved to Anthology persons."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ParseError(document, line, "well-formed Anthology XML", f"{exc.msg} (column {column})") from None
    if root.tag != "collection" or not root.get("id"):
        raise ParseError(document, 1, "a <collection id=…> root element", f"<{root.tag}>")
    collection = root.get("id")
    event = root.find("event")
    event_id = event.get("id") if event is not None else None
    volumes = []
    for v in root.iter("volume"):
        meta = v.find("meta")
        if meta is None:
            raise ParseError(document, None, f"a <meta> in volume {v.get('id')}")
        vid = _full_id(collection, v.get("id"), None)
        editors = []
        for e in meta.findall("editor"):
            first, last, affiliation, eid, orcid, variants = _person_entry(e)
            pid = people.resolve(first, last, eid, variants, where=f"{document}: volume {vid}")
            editors.append(AclAuthor(first, last, pid, affiliation, orcid, variants))
        volume = AclVolume(
            id=vid, collection=collection, title=_text(meta.find("booktitle")) or vid,
            year=_year(meta.findtext("year")), month=meta.findtext("month"),
            venues=[x.text for x in meta.findall("venue") if x.text], editors=editors,
            publisher=meta.findtext("publisher"), address=meta.findtext("address"), doi=meta.findtext("doi"),
            event=event_id)
        for p in v:
            if p.tag not in ("paper", "frontmatter"):
                continue
            front = p.tag == "frontmatter"
            pid_local = "0" if front else p.get("id")
            full = _full_id(collection, v.get("id"), pid_local)
            authors = []
            if not front:
                for role in ("author", "editor"):
                    for a in p.findall(role):
                        first, last, affiliation, aid, orcid, variants = _person_entry(a)
                        person = people.resolve(first, last, aid, variants, where=f"{document}: paper {full}")
                        if role == "author":
                            authors.append(AclAuthor(first, last, person, affiliation, orcid, variants))
            volume.papers.append(AclPaper(
                id=full, volume=vid, title=_text(p.find("title")) or (volume.title if front else ""),
                authors=authors, abstract=_text(p.find("abstract")), year=volume.year, month=volume.month,
                doi=p.findtext("doi"), url=p.findtext("url"), bibkey=p.findtext("bibkey"),
                pages=p.findtext("pages"), language=p.findtext("language"),
                awards=[a.text for a in p.findall("award") if a.text],
                attachments=[(a.get("type") or "", a.text or "") for a in p.findall("attachment")],
                frontmatter=front))
        volumes.append(volume)
    return volumes


# --- the whole data -------------------------------------------------------------------------


def looks_like_anthology(path: str | Path) -> bool:
    """A folder with xml/ and yaml/name_variants.yaml, or a .tar.xz of one."""
    path = Path(path)
    if path.is_dir():
        return (path / "xml").is_dir() and (path / "yaml" / "name_variants.yaml").is_file()
    return path.name.endswith((".tar.xz", ".tar.gz", ".tar", ".tgz")) and path.is_file()


class Anthology:
    """The Anthology data at ``path`` (a folder or a tarball), read lazily.

    ``volumes()`` parses the collection files in name order (as acl-anthology does), resolving
    every author and editor; ``people`` is then complete.
    """

    def __init__(self, path: str | Path, progress: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            raise KGError(f"{self.path}: no such file or folder")
        if not looks_like_anthology(self.path):
            raise KGError(f"{self.path}: expected the ACL Anthology's data (a folder with xml/ and yaml/, "
                          "or a .tar.xz of it)")
        self.progress = progress
        self.people = PersonIndex()
        self.venues: dict[str, dict] = {}
        self.sigs: dict[str, dict] = {}
        self._loaded_yaml = False
        self._tar_files: dict[str, bytes] | None = None

    # files as (relative path under the data folder, bytes), in name order
    def _members(self, want_xml: bool) -> Iterator[tuple[str, bytes]]:
        if self.path.is_dir():
            folder = "xml" if want_xml else "yaml"
            pattern = "*.xml" if want_xml else "**/*.yaml"
            for f in sorted((self.path / folder).glob(pattern)):
                yield f"{folder}/{f.relative_to(self.path / folder).as_posix()}", f.read_bytes()
            return
        if self._tar_files is None:
            self._tar_files = self._read_tarball()
        top = "xml" if want_xml else "yaml"
        suffix = ".xml" if want_xml else ".yaml"
        # a tarball's order is its own: sort as a folder would be
        for rel in sorted(r for r in self._tar_files if r.startswith(top + "/") and r.endswith(suffix)):
            yield rel, self._tar_files[rel]

    def _read_tarball(self) -> dict[str, bytes]:
        """Every xml/ and yaml/ file of the tarball, in one pass (decompressing it twice costs seconds)."""
        files: dict[str, bytes] = {}
        with tarfile.open(self.path, mode="r|*") as tar:
            for member in tar:
                parts = PurePosixPath(member.name).parts
                if not member.isfile() or len(parts) < 2:
                    continue
                rel = "/".join(parts[1:]) if parts[0] not in ("xml", "yaml") else "/".join(parts)
                if rel.startswith(("xml/", "yaml/")):
                    handle = tar.extractfile(member)
                    files[rel] = handle.read() if handle else b""
        return files

    def load_yaml(self) -> None:
        if self._loaded_yaml:
            return
        variants = None
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for rel, data in self._members(want_xml=False):
            try:
                content = yaml.load(io.BytesIO(data), Loader=loader)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                raise ParseError(rel, mark.line + 1 if mark else None, "YAML", str(exc).splitlines()[0]) from None
            if rel == "yaml/name_variants.yaml":
                variants = content
            elif rel.startswith("yaml/venues/"):
                self.venues[PurePosixPath(rel).stem] = content or {}
            elif rel.startswith("yaml/sigs/"):
                self.sigs[PurePosixPath(rel).stem] = content or {}
        if variants is None:
            raise KGError(f"{self.path}: yaml/name_variants.yaml is missing")
        self.people.load_variants(variants, "yaml/name_variants.yaml")
        self._loaded_yaml = True

    def volumes(self) -> Iterator[AclVolume]:
        """Every volume with its papers, collection files in name order."""
        self.load_yaml()
        members = self._members(want_xml=True)
        if self.progress:
            from tqdm import tqdm

            if self.path.is_dir():
                total = sum(1 for _ in (self.path / "xml").glob("*.xml"))
            else:
                total = sum(1 for r in self._tar_files or () if r.startswith("xml/") and r.endswith(".xml"))
            members = tqdm(members, desc="ACL Anthology collections", unit="file", total=total)
        for rel, data in members:
            if rel == "xml/schema.rnc" or not rel.endswith(".xml"):
                continue
            yield from parse_collection(data, rel, self.people)
