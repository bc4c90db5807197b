"""Datasets, benchmarks, environments and leaderboards named in a paper's title and abstract.

Extraction is by rules a reader can check, never by guessing: a name is taken only where the
text itself says what it is ("we introduce X, a benchmark …", "the X dataset", "benchmarks such as
X, Y"). Each finding carries the rule that found it. A name is *name-like* when it could not be an
ordinary word: it has a capital after its first letter, a digit, or is all capitals
(``BeaverTails``, ``GSM8K``, ``HKMMLU``); common acronyms (LLM, RLHF, …) never are.

>>> [(f.name, f.kind, f.role, f.rule) for f in find_artifacts(
...     None, "In this paper, we introduce the BeaverTails dataset, aimed at safety.")]
[('BeaverTails', 'dataset', 'introduces', 'the-name-kind')]
>>> find_artifacts(None, "We introduce a new method that is robust.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import ArtifactFinding, ArtifactRelation, Figure, NameFinding

__all__ = ["find_artifacts", "find_names", "find_figures", "sentences", "name_like", "artifact_key", "KINDS"]

# kind nouns → the kind they declare
KINDS = {
    "dataset": "dataset", "datasets": "dataset", "corpus": "dataset", "corpora": "dataset",
    "benchmark": "benchmark", "benchmarks": "benchmark", "suite": "benchmark", "suites": "benchmark",
    "test set": "benchmark", "leaderboard": "leaderboard", "leaderboards": "leaderboard",
    "environment": "environment", "environments": "environment", "sandbox": "environment",
    "simulator": "environment", "testbed": "environment", "gym": "environment",
    "bench": "benchmark", "arena": "benchmark",  # as the last word of a long form: "Visual Strategic Bench"
}
# the end of a name that says its kind: SafeLawBench, ProgressGym, VLA-Arena, Libra-Leaderboard
_SUFFIX_KIND = [("leaderboard", "leaderboard"), ("gymnasium", "environment"), ("gym", "environment"),
                ("bench", "benchmark"), ("arena", "benchmark")]
# acronyms and words that look like names but name no artifact
GENERIC = {
    "ai", "agi", "llm", "llms", "mllm", "mllms", "vlm", "vlms", "lvlm", "lvlms", "lm", "lms", "rl", "rlhf", "rlaif",
    "qa", "sft", "dpo", "ppo", "kto", "grpo", "nlp", "rag", "ralms", "rm", "rms", "prm", "prms", "api", "apis", "gpu",
    "gpus", "cot", "mcp", "vla", "ii", "iii", "iv", "us", "uk", "eu", "ml", "cv", "ir", "hci", "saferl", "moe",
    "3h", "t2i", "sota", "url", "html", "pdf", "id", "ids", "o1", "o3", "gpt", "fms", "se", "ug", "i.e.", "e.g.",
}
_KIND_WORD = (r"(?:datasets?|corpus|corpora|benchmarks?|suites?|test set|leaderboards?|environments?|sandbox|"
              r"simulator|testbed)")
_KIND_TITLE = r"(?:Dataset|Corpus|Benchmark|Suite|Bench|Gym|Arena|Leaderboard|Environment|Sandbox)"
_TOKEN = r"[A-Z0-9][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
# a name: one or two tokens ("PKU-SafeRLHF", "Moral RolePlay", "RewardBench 2")
_NAME = rf"(?P<name>{_TOKEN}(?:\s(?:{_TOKEN}))?)"
_INTRO_VERB = re.compile(
    r"\b(?i:made (?:publicly )?available|introduc(?:e|es|ed|ing)|present(?:s|ed|ing)?|propos(?:e|es|ed|ing)|"
    r"releas(?:e|es|ed|ing)|"
    r"construct(?:s|ed|ing)?|curat(?:e|es|ed|ing)|buil(?:d|ds|t|ding)|creat(?:e|es|ed|ing)|develop(?:s|ed|ing)?|"
    r"provid(?:e|es|ed|ing)|collect(?:s|ed|ing)?)\b")
_ADJ = r"(?:[\w'’/-]+\s+){0,8}?"

# Rules that name an introduced artifact, tried in this order on each sentence with an intro verb.
_INTRO_RULES: list[tuple[str, re.Pattern]] = [
    # Visual Strategic Bench (VS-Bench) / Deceptive Reasoning Exposure Suite (D-REX)
    ("longform-then-name", re.compile(
        rf"(?P<long>(?:[A-Z][\w-]*\s+){{0,6}}{_KIND_TITLE})\s*\(\s*{_NAME}\s*\)")),
    # MVFNDB (Multi-modal Video Fake News Detection Benchmark)
    ("name-then-longform", re.compile(rf"{_NAME}\s*\((?P<long>[^()]*\s[^()]*\b{_KIND_TITLE})\)")),
    # NaVAB, a comprehensive benchmark / InterMT -- the first preference dataset / PacifAIst (…), a benchmark
    ("name-apposition", re.compile(
        rf"{_NAME}\s*(?:\((?P<long>[^()]{{3,160}})\))?\s*(?:,|--|—|–|:)\s*(?:a|an|the)\s+{_ADJ}(?P<kind>{_KIND_WORD})\b")),
    # benchmark called VLA-Arena / environment suite called Safety-Gymnasium / dataset, PKU-SafeRLHF
    ("kind-called-name", re.compile(
        rf"(?P<kind>{_KIND_WORD})\s*(?:,\s*|\s+(?:called|named|dubbed|termed)\s+)(?:the\s+)?{_NAME}")),
    # the PKU-SafeRLHF dataset / the Moral RolePlay benchmark
    ("the-name-kind", re.compile(rf"(?:\b(?:the|a|an|our)|,)\s+{_NAME}\s+(?P<kind>{_KIND_WORD})\b")),
    # a … benchmark (ATBench) / a dataset designed to … (Q-EVAL-100K)
    ("kind-then-parenthesis", re.compile(rf"\b(?P<kind>{_KIND_WORD})\b[^.()]{{0,120}}?\(\s*{_NAME}\s*\)")),
    # introduce InterMT-Bench to assess / introduce ProgressGym, an experimental framework
    ("verb-suffixed-name", re.compile(rf"{_INTRO_VERB.pattern}\s+(?:the\s+)?{_NAME}")),
]
# an unnamed introduction: "we construct a 5,000-sample hierarchical prompt dataset"
_UNNAMED = re.compile(
    rf"\b(?i:we|this (?:paper|work|study))\b[^.;]*?{_INTRO_VERB.pattern}\s+(?:(?:a|an)\s+|the\s+first\s+)"
    rf"(?P<phrase>(?:(?!and\b|or\b|to\b|for\b|of\b)[\w,'’-]+\s+){{0,6}}?"
    rf"(?P<kind>{_KIND_WORD}))\b")
# datasets/benchmarks then a list: "benchmarks like MMLU, CMMLU, GSM8K, and HumanEval"
_ENUMERATION = re.compile(
    r"\b(?P<kind>datasets|benchmarks|leaderboards)\s*(?:,\s*)?(?:\(\s*(?:e\.g\.|i\.e\.|such as|like|including)?,?\s*"
    r"(?P<paren>[^()]+)\)|(?:such as|like|including|e\.g\.,?|i\.e\.,?)\s+(?P<list>[^.;:()]+))")
_RELATION = re.compile(
    r"\b(?:sibling (?:project|dataset|benchmark)s? (?:to|of)|(?:an )?extension of|extends|built (?:up)?on)\s+"
    r"(?P<list>(?:the\s+)?[A-Z][\w-]*(?:\s*(?:,|and)\s*(?:the\s+)?[A-Z][\w-]*){0,4})")
# we leverage TriviaQA as a benchmark
_NAME_AS_KIND = re.compile(rf"\b(?i:leverag\w*|us(?:e|es|ed|ing)|adopt\w*)\s+{_NAME}\s+as\s+(?:a|an|the)\s+"
                           rf"(?:[\w-]+\s+){{0,2}}?(?P<kind>{_KIND_WORD})\b")
_USE_CUE = re.compile(
    r"(?:\b(?:on|using|use|uses|leverage|leverages|trained on|evaluated on|tested on)\s+(?:the\s+)?)$", re.I)
_AS_KIND = re.compile(rf"^\s+as\s+(?:a|an|the)\s+{_KIND_WORD}", re.I)


def artifact_key(name: str) -> str:
    """The key names are compared by: letters and digits only, case folded.

    >>> artifact_key("Q-EVAL-100K") == artifact_key("Q-Eval-100K"), artifact_key("Safe RLHF")
    (True, 'saferlhf')
    """
    return re.sub(r"[\W_]+", "", name.casefold())


def name_like(name: str) -> bool:
    """Whether a phrase could be an artifact's name rather than an ordinary word.

    >>> [name_like(n) for n in ("BeaverTails", "GSM8K", "HKMMLU", "Moral RolePlay", "Werewolf", "LLMs", "RLHF")]
    [True, True, True, True, False, False, False]
    """
    words = name.split()
    if not words or len(words) > 3 or artifact_key(name) in GENERIC or len(artifact_key(name)) < 3:
        return False
    if len(words) > 1 and all(w[:1].isupper() or w.isdigit() for w in words) \
            and words[-1].casefold() in ("bench", "leaderboard", "arena", "gym"):
        return True
    for word in words:
        core = word.strip("-.")
        if core.casefold() in GENERIC or not core:
            continue
        if re.search(r"[A-Z]", core[1:]) or (re.search(r"\d", core) and re.search(r"[A-Za-z]", core)):
            return True
    return False


def _suffix_kind(name: str) -> str | None:
    low = name.casefold().replace(" ", "")
    for suffix, kind in _SUFFIX_KIND:
        if low.endswith(suffix) and len(low) > len(suffix):
            return kind
    return None


def _clean(text: str) -> str:
    """LaTeX markup as plain text, and short parenthesised acronyms ("(QA)") dropped."""
    text = re.sub(r"\\(?:textsc|emph|textbf|textit|texttt)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\$[^$]*\$", "", text)
    return text


def sentences(text: str) -> list[str]:
    """Sentences of an abstract (abbreviations such as 'e.g.' and 'et al.' do not end one).

    >>> sentences("We use X (e.g. Y). It works. See Fig. 2 now.")
    ['We use X (e.g. Y).', 'It works.', 'See Fig. 2 now.']
    """
    protected = re.sub(r"\b(e\.g|i\.e|et al|etc|vs|Fig|Eq|cf|No)\.", lambda m: m.group(0).replace(".", "\0"), text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(\\])", protected)
    return [p.replace("\0", ".").strip() for p in parts if p.strip()]


def _kind_of(word: str | None, name: str) -> str:
    if word:
        return KINDS.get(word.casefold().strip(), "dataset")
    return _suffix_kind(name) or "dataset"


_FUNCTION = {"the", "this", "our", "in", "to", "we", "a", "an", "as", "on", "for", "with", "by", "from", "its",
             "these", "their", "specifically", "finally", "first", "second", "then", "here", "overall", "moreover"}


def _trim(name: str) -> str:
    """A name without the sentence word caught before it ("In BeaverTails" → "BeaverTails")."""
    name = name.strip(" .,;:-")
    words = name.split()
    if len(words) == 2 and words[0].casefold() in _FUNCTION:
        return words[1]
    return name


@dataclass
class _Found:
    name: str
    kind: str
    rule: str
    alt_names: list[str] = field(default_factory=list)


def _intro_candidates(sentence: str) -> Iterator[_Found]:
    verb = _INTRO_VERB.search(sentence)
    if not verb:
        return
    taken: list[tuple[int, int]] = []
    kinds_used: list[tuple[int, int]] = []  # a kind noun names one artifact at most
    for rule, pattern in _INTRO_RULES:
        for m in pattern.finditer(sentence):
            span = m.span("name")
            if span[0] < verb.start() or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            kind_span = m.span("kind") if m.groupdict().get("kind") else None
            if kind_span and kind_span in kinds_used:
                continue
            name = _trim(m.group("name"))
            if not name_like(name):
                # "Moral RolePlay": keep a capitalised word only beside a name-like one
                continue
            groups = m.groupdict()
            if rule == "verb-suffixed-name":
                kind = _suffix_kind(name)
                if kind is None:
                    continue
            elif rule in ("longform-then-name", "name-then-longform"):
                last = groups["long"].split()[-1]
                kind = KINDS.get(last.casefold()) or _kind_of(None, last)
            else:
                kind = _kind_of(groups.get("kind"), name)
                # "environment suite": the first kind noun of a compound decides
                before = sentence[:m.start("kind")].split()[-1:] if groups.get("kind") else []
                if before and before[0].casefold() in KINDS:
                    kind = KINDS[before[0].casefold()]
            longs = [groups["long"].strip()] if groups.get("long") else []
            longs = [s for s in longs if artifact_key(s) != artifact_key(name) and len(s) < 160]
            taken.append(m.span())
            if kind_span:
                kinds_used.append(kind_span)
            yield _Found(name, kind, rule, alt_names=longs)


def find_artifacts(title: str | None, abstract: str | None) -> list[ArtifactFinding]:
    """Artifacts a paper introduces (by its title or abstract) or uses, in order of first appearance.

    >>> [(f.name, f.kind, f.role) for f in find_artifacts(
    ...     "SafeMT: Multi-turn Safety", "We introduce SafeMT, a benchmark of 10,000 dialogues. "
    ...     "Models do well on benchmarks such as MMLU and GSM8K.")]
    [('SafeMT', 'benchmark', 'introduces'), ('MMLU', 'dataset', 'uses'), ('GSM8K', 'dataset', 'uses')]
    """
    found: dict[str, ArtifactFinding] = {}
    order: list[str] = []

    def add(finding: ArtifactFinding) -> None:
        key = artifact_key(finding.name) if finding.name else f"unnamed:{finding.kind}"
        old = found.get(key)
        if old is None:
            found[key] = finding
            order.append(key)
        elif (old.role != "introduces" and finding.role == "introduces") or (
                old.rule.startswith("title-") and finding.role == "introduces"):
            found[key] = finding.model_copy(update={"alt_names": sorted(set(old.alt_names) | set(finding.alt_names))})
        elif finding.alt_names:
            found[key] = old.model_copy(update={"alt_names": sorted(set(old.alt_names) | set(finding.alt_names))})

    if title:
        t = _title_artifact(title)
        if t:
            add(t)
    text = _clean(abstract or "")
    parts = sentences(text)
    survey = bool(title and re.search(r"\bsurvey\b", title, re.I))
    intro_at: dict[str, int] = {}
    for index, sentence in enumerate(parts):
        named = list(_intro_candidates(sentence))
        for f in named:
            add(ArtifactFinding(name=f.name, kind=f.kind, role="introduces", rule=f.rule, alt_names=f.alt_names))
            intro_at.setdefault(artifact_key(f.name), index)
        if not named:
            for m in _UNNAMED.finditer(sentence):
                phrase = " ".join(m.group("phrase").replace(", ", " ").split())
                kind = KINDS.get(m.group("kind").casefold(), "dataset")
                if phrase.split()[0].casefold() in ("few", "number", "set", "series", "variety", "range"):
                    continue
                add(ArtifactFinding(name=None, kind=kind, role="introduces", rule="unnamed-introduction",
                                    description=phrase))
                intro_at.setdefault(f"unnamed:{kind}", index)
        for m in _ENUMERATION.finditer(sentence):
            items = re.split(r"\s*(?:,|\band\b|\bor\b)\s*", m.group("paren") or m.group("list") or "")
            for item in items:
                item = re.sub(r"^(?:the|e\.g\.|i\.e\.)\s*,?\s*", "", item.strip(" ,."))
                if item and name_like(item) and len(item.split()) <= 3:
                    add(ArtifactFinding(name=item, kind=_suffix_kind(item) or "dataset",
                                        role="mentions" if survey else "uses", rule="enumerated-after-kind"))
        for m in _NAME_AS_KIND.finditer(sentence):
            name = _trim(m.group("name"))
            if name_like(name):
                add(ArtifactFinding(name=name, kind=_kind_of(m.group("kind"), name), role="uses", rule="name-as-kind"))
        for m in re.finditer(rf"\b(?:the|on|in)\s+{_NAME}\s+(?P<kind>{_KIND_WORD})\b", sentence):
            name = _trim(m.group("name"))
            if name_like(name) and artifact_key(name) not in found:
                add(ArtifactFinding(name=name, kind=_kind_of(m.group("kind"), name), role="mentions",
                                    rule="the-name-kind"))
    # relations and figures belong to what the paper introduces
    introduced = [k for k in order if found[k].role == "introduces"]
    if introduced:
        relations = _relations(parts)
        for key in introduced:
            f = found[key]
            if f.name and relations and key == introduced[0]:
                found[key] = f.model_copy(update={"relations": relations})
        named = [k for k in introduced if not k.startswith("unnamed:")]
        figures = _figures_by_artifact(parts, intro_at, {k: found[k] for k in introduced})
        for key, figs in figures.items():
            found[key] = found[key].model_copy(update={"figures": figs})
        if named:  # an unnamed introduction beside a named one describes the named one
            for key in [k for k in introduced if k.startswith("unnamed:")]:
                target = named[0]
                extra = [g for g in found[key].figures if g not in found[target].figures]
                found[target] = found[target].model_copy(update={"figures": found[target].figures + extra})
                del found[key]
                order.remove(key)
    return [found[k] for k in order]


def _title_artifact(title: str) -> ArtifactFinding | None:
    """'NAME: A … Benchmark', 'NAME: Benchmarking …', 'The NAME Benchmark: …', '… via a … Dataset'."""
    m = re.match(rf"^(?:The\s+(?P<name1>[^:]{{2,40}}?)\s+(?P<kind>{_KIND_TITLE})|(?P<name>[^:]{{2,40}}?))"
                 rf"\s*:\s*(?P<rest>.+)$", title)
    if not m:
        return None
    name, rest = (m.group("name") or m.group("name1")).strip(), m.group("rest")
    if not name_like(name) and not (m.group("kind") and re.match(r"^[A-Z][\w-]+$", name)):
        return None
    if m.group("kind"):
        return ArtifactFinding(name=name, kind=_kind_of(m.group("kind").lower(), name), role="introduces",
                               rule="title-the-name-kind")
    head = re.match(rf"^(?:A|An)\s+(?:[\w-]+\s+){{0,5}}?(?P<kind>{_KIND_TITLE})\b", rest, re.I)
    if head:
        return ArtifactFinding(name=name, kind=_kind_of(head.group("kind").lower(), name), role="introduces",
                               rule="title-subtitle-kind")
    via = re.search(rf"\bvia\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?P<kind>{_KIND_TITLE})$", rest, re.I)
    if via:
        return ArtifactFinding(name=name, kind=_kind_of(via.group("kind").lower(), name), role="introduces",
                               rule="title-subtitle-kind")
    if re.match(r"^(?:Benchmarking|Evaluating|Measuring)\b", rest) and (_suffix_kind(name) or
                                                                      rest.startswith("Benchmarking")):
        return ArtifactFinding(name=name, kind=_suffix_kind(name) or "benchmark", role="introduces",
                               rule="title-name-benchmarking")
    return None


def _relations(parts: list[str]) -> list[ArtifactRelation]:
    out: list[ArtifactRelation] = []
    for sentence in parts:
        for m in _RELATION.finditer(sentence):
            relation = "sibling-of" if m.group(0).lower().startswith("sibling") else "derived-from"
            for target in re.split(r"\s*(?:,|\band\b)\s*", m.group("list")):
                target = re.sub(r"^the\s+", "", target.strip())
                if target and target[0].isupper() and artifact_key(target) not in GENERIC:
                    out.append(ArtifactRelation(relation=relation, target=target))
    return out


# --- figures --------------------------------------------------------------------------------

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER = re.compile(
    r"(?<![\w.,-])(?P<qual>(?:over|more than|about|around|nearly|approximately)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?P<mult>[kKmM]\b|\s(?:thousand|million)\b)?(?:-(?P<unit>[a-z]+))?(?=[\s-])", re.I)
_STOP = {"for", "from", "to", "with", "across", "in", "on", "that", "which", "and", "or", "ranging", "including",
         "designed", "covering", "spanning", "between", "by", "per", "where", "while", "as", "at", "into", "each",
         "than", "involving", "generated", "annotated", "using", "via", "under", "over", "of"}
_MASS = {"data", "video", "text", "footage", "content", "audio"}
_NOT_COUNTED = {"points", "times", "percent", "%", "x", "years", "year", "ms", "seconds", "hours", "llms", "models",
                "mllms", "vlms", "lvlms", "rms", "prms", "algorithms", "baselines", "aspects", "contributions",
                "findings", "methods", "shots", "stages", "steps", "authors", "papers", "sources"}


def _plural(word: str) -> bool:
    w = word.casefold().strip("()")
    return w in _MASS or (w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2)


def find_figures(sentence: str) -> list[Figure]:
    """Counts a sentence gives, each with what it counts.

    >>> [(f.value, f.counts, f.as_printed) for f in find_figures(
    ...     "Overall, we provide 44.6k refined prompts and 265k question-answer (QA) pairs with labels for "
    ...     "19 harm categories and three severity levels; 361,903 pairs of expert comparison data.")]
    [(44600.0, 'refined prompts', '44.6k'), (265000.0, 'question-answer pairs', '265k'), \
(19.0, 'harm categories', '19'), (3.0, 'severity levels', 'three'), \
(361903.0, 'pairs of expert comparison data', '361,903')]
    """
    text = re.sub(r"\s*\([A-Z]{1,6}\)", "", sentence)
    out: list[Figure] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        if raw.lower() == "zero":
            continue
        value = float(_NUMBER_WORDS[raw.lower()]) if raw.lower() in _NUMBER_WORDS else float(raw.replace(",", ""))
        mult = (m.group("mult") or "").strip().lower()
        value *= {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(mult, 1)
        printed = (m.group("qual") or "") + raw + (m.group("mult") or "")
        if m.group("unit"):  # "5,000-sample … dataset"
            unit = m.group("unit")
            counts = unit[:-1] + "ies" if unit.endswith("y") else unit + "s"
        else:
            words = text[m.end():].split()[:8]
            phrase: list[str] = []
            end = None
            for i, word in enumerate(words):
                bare = word.rstrip(",.;:)")
                if bare.casefold() in _STOP and not (bare.casefold() == "of" and end is not None):
                    break
                phrase.append(bare)
                if _plural(bare) and end is None:
                    end = i
                    if i + 1 < len(words) and words[i + 1] == "of":
                        continue
                    break
                if end is not None and _plural(bare):
                    end = i
                    break
                if bare != word:
                    break
            if end is None:
                continue
            counts = " ".join(phrase[:end + 1])
        if counts.casefold().split()[-1] in _NOT_COUNTED and "of" not in counts.split():
            continue
        if raw.isdigit() and len(raw) == 4 and raw.startswith(("19", "20")) and not mult:
            continue
        out.append(Figure(value=value, counts=counts, as_printed=printed.strip()))
    return out


_DATA_CUE = re.compile(
    r"\b(?:in total|overall|we provide|we (?:have )?(?:gathered|collected)|compris|featur|contain|consist|"
    r"cover|span|this dataset|the dataset|the benchmark|this benchmark|the corpus)", re.I)


def _figures_by_artifact(parts: list[str], intro_at: dict[str, int],
                         artifacts: dict[str, ArtifactFinding]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    keys = sorted(intro_at, key=intro_at.get)
    if not keys:
        return out
    first = keys[0]
    for index, sentence in enumerate(parts):
        if index < intro_at[first]:
            continue
        named = [k for k in keys if not k.startswith("unnamed:") and artifacts[k].name
                 and re.search(rf"(?<![\w-]){re.escape(artifacts[k].name)}(?![\w-])", sentence)]
        at = [k for k in keys if intro_at[k] == index]
        if not (named or at or _DATA_CUE.search(sentence)):
            continue
        owner = (at or named or [max((k for k in keys if intro_at[k] <= index), key=intro_at.get)])[0]
        for name in sorted((a.name for a in artifacts.values() if a.name), key=len, reverse=True):
            sentence = sentence.replace(name, "X")  # "RewardBench 2" gives no figure 2
        for figure in find_figures(sentence):
            if figure not in out.setdefault(owner, []):
                out[owner].append(figure)
    return out


# --- names for later matching -----------------------------------------------------------------

_NAME_PHRASE = re.compile(rf"(?<![\w-]){_TOKEN}(?:\s{_TOKEN})?(?![\w-])")


def find_names(title: str | None, abstract: str | None) -> list[NameFinding]:
    """Every name-like word or pair of words in the text, with 'uses' where a use cue precedes it.

    Build time keeps the ones that name an artifact some record introduces or lists.

    >>> [(n.name, n.role) for n in find_names(None, "It scores 52 points on AlpacaEval, like Safe RLHF.")]
    [('AlpacaEval', 'uses'), ('Safe RLHF', 'mentions')]
    """
    text = _clean(" ".join(t for t in (title, abstract) if t))
    found: dict[str, NameFinding] = {}
    for m in re.finditer(rf"(?<![\w-]){_TOKEN}", text):
        for candidate in _candidates_at(text, m.start()):
            if not _could_name(candidate):
                continue
            before = text[max(0, m.start() - 30):m.start()]
            after = text[m.start() + len(candidate):m.start() + len(candidate) + 30]
            use = bool(_USE_CUE.search(before)) or bool(_AS_KIND.match(after))
            old = found.get(candidate)
            if old is None or (use and old.role == "mentions"):
                found[candidate] = NameFinding(name=candidate, role="uses" if use else "mentions")
    return sorted(found.values(), key=lambda n: text.find(n.name))


def _candidates_at(text: str, start: int) -> list[str]:
    """The one- and two-word phrases starting at ``start``, longest first."""
    m = re.match(rf"(?P<first>{_TOKEN})(?:\s(?P<second>{_TOKEN}))?", text[start:])
    if not m:
        return []
    out = [m.group("first")]
    if m.group("second"):
        out.insert(0, m.group(0))
    return [c.rstrip(".-") for c in out]


def _could_name(phrase: str) -> bool:
    """name_like, or a capitalised word and an acronym that join into one ("Safe RLHF" ~ "SafeRLHF")."""
    if name_like(phrase):
        return True
    words = phrase.split()
    return (len(words) == 2 and words[0].casefold() not in _FUNCTION and words[0][:1].isupper()
            and words[0][1:].islower() and words[1].isupper() and len(words[1]) >= 2)
