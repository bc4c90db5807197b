"""Small pure text helpers shared by parsers, resolution and mapping.

Nothing here knows about RDF or about any one source format.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "normalise_text",
    "normalise_title",
    "name_key",
    "slug",
    "short_hash",
    "fingerprint",
    "minhash_similarity",
    "extract_urls",
    "extract_arxiv_ids",
    "extract_dois",
    "MONTHS",
]

MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1)}

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """Remove combining marks after NFKD decomposition.

    >>> strip_diacritics("Zoë Müller")
    'Zoe Muller'
    """
    if text.isascii():  # nothing to strip (most titles and names)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_text(text: str) -> str:
    """Case-fold, drop diacritics and punctuation, collapse white space.

    >>> normalise_text("  Large  Language Models (LLMs)—may exhibit… ")
    'large language models llms may exhibit'
    """
    text = strip_diacritics(unicodedata.normalize("NFKC", text)).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def normalise_title(title: str) -> str:
    """The key two titles are compared on: case, punctuation and spacing do not count.

    >>> normalise_title("PKU-SafeRLHF: Towards Multi-Level Safety Alignment")
    'pku saferlhf towards multi level safety alignment'
    """
    return normalise_text(title)


def name_key(name: str) -> str:
    """A person's name without case, diacritics, punctuation or spaces.

    Concatenated and spaced spellings of the same characters get one key, which is a
    *candidate* for a merge, never a merge by itself.

    >>> name_key("Yaodong Yang") == name_key("YaodongYang") == name_key("yaodong  yang")
    True
    >>> name_key("Chi-Min Chan")
    'chiminchan'
    """
    return normalise_text(name).replace(" ", "")


def slug(text: str, limit: int = 60) -> str:
    """A lower-case ASCII slug for IRIs.

    >>> slug("PKU-SafeRLHF: Towards Multi-Level Safety Alignment for LLMs", 30)
    'pku-saferlhf-towards-multi'
    >>> slug("耀东 杨")
    ''
    """
    ascii_text = strip_diacritics(text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out


def short_hash(*parts: str, length: int = 10) -> str:
    """A stable short hex digest of the parts.

    >>> short_hash("a", "b")
    'f04cdced97'
    """
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return digest[:length]


# --- abstract fingerprints -------------------------------------------------------------------
# An abstract is compared through a fingerprint rather than its text so that the bundled corpus
# can ship fingerprints (facts about the text) without the text itself.

_MINHASH_SIZE = 64
_PRIME = (1 << 61) - 1
_SEEDS = [
    (int(hashlib.sha256(f"a{i}".encode()).hexdigest()[:15], 16) | 1,
     int(hashlib.sha256(f"b{i}".encode()).hexdigest()[:15], 16))
    for i in range(_MINHASH_SIZE)
]


def _shingles(text: str, size: int = 3) -> set[int]:
    words = normalise_text(text).split()
    if len(words) < size:
        words = words + [""] * (size - len(words))
    grams = {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


def fingerprint(text: str) -> tuple[str, list[int]]:
    """The SHA-256 of the normalised text and a 64-value MinHash of its word 3-grams.

    >>> digest, sketch = fingerprint("We introduce a dataset of safety preferences.")
    >>> len(digest), len(sketch)
    (64, 64)
    >>> fingerprint("We introduce a  dataset of safety preferences!")[0] == digest
    True
    """
    digest = hashlib.sha256(normalise_text(text).encode()).hexdigest()
    shingles = _shingles(text)
    sketch = [min(((a * s + b) % _PRIME) for s in shingles) & 0xFFFFFFFF for a, b in _SEEDS]
    return digest, sketch


def minhash_similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two fingerprints' word 3-gram sets.

    >>> _, x = fingerprint("alpha beta gamma delta epsilon zeta eta theta iota kappa")
    >>> _, y = fingerprint("alpha beta gamma delta epsilon zeta eta theta iota lambda")
    >>> 0.6 < minhash_similarity(x, y) < 1.0
    True
    """
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


# --- identifiers and links named in text ----------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”()\u3000-\u9fff\uff00-\uffef]+", re.IGNORECASE)
_ARXIV = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arXiv:\s?)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;:)])")


def extract_urls(text: str) -> list[str]:
    """URLs named in a text, trailing punctuation removed, in order of appearance.

    >>> extract_urls("Code: https://github.com/org/repo. See www.example.com, and http://x.org/a_b).")
    ['https://github.com/org/repo', 'https://www.example.com', 'http://x.org/a_b']
    """
    found: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?`'。，")
        if url.lower().startswith("www."):
            url = "https://" + url
        if url not in found:
            found.append(url)
    return found


def extract_arxiv_ids(text: str) -> list[str]:
    """arXiv identifiers cited in a text (new-style ids, version dropped).

    >>> extract_arxiv_ids("See https://arxiv.org/abs/2310.19852v2 and arXiv:2406.15513.")
    ['2310.19852', '2406.15513']
    """
    out: list[str] = []
    for match in _ARXIV.finditer(text):
        if match.group(1) not in out:
            out.append(match.group(1))
    return out


def extract_dois(text: str) -> list[str]:
    """DOIs named in a text, lower-cased as DOIs compare case-insensitively.

    >>> extract_dois("doi: 10.18653/v1/2025.acl-long.1.")
    ['10.18653/v1/2025.acl-long.1']
    """
    out: list[str] = []
    for match in _DOI.finditer(text):
        doi = match.group(1).lower()
        if doi not in out:
            out.append(doi)
    return out
