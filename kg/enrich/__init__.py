"""Enrichment: datasets, benchmarks, names and topics found in titles and abstracts.

``annotate`` fills each record's ``findings``. It runs on the full text when a record has it; the
bundled corpus ships findings computed from the captures (their prose is not shipped), so a
record without an abstract keeps its shipped artifacts and names, and gets topics from its title
and category (plus the shipped topics of the default scheme).

>>> from kg.corpus import bundled_documents
>>> doc = annotate(bundled_documents()[4])
>>> record = next(r for r in doc.papers if r.title.startswith("BeaverTails"))
>>> [(a.name, a.kind, a.role) for a in record.findings.artifacts]
[('BeaverTails', 'dataset', 'introduces')]
"""

from __future__ import annotations

from ..model import Document, Findings, PaperRecord
from .artifacts import artifact_key, find_artifacts, find_names
from .topics import TopicScheme, default_scheme, load_scheme, match_topics

__all__ = ["annotate", "annotate_record", "find_artifacts", "find_names", "match_topics", "load_scheme",
           "default_scheme", "TopicScheme", "artifact_key"]


def annotate_record(record: PaperRecord, scheme: TopicScheme | None = None) -> PaperRecord:
    """A record with its findings filled from its title and abstract (see the module's note)."""
    scheme = scheme or default_scheme()
    if record.abstract is None and record.findings is not None:
        shipped = record.findings
        topics = match_topics(record.title, None, record.category, scheme)
        seen = {(t.concept, t.rule) for t in topics}
        topics += [t for t in shipped.topics if (t.concept, t.rule) not in seen and t.concept in scheme.concepts]
        return record.model_copy(update={"findings": shipped.model_copy(update={"topics": topics})})
    findings = Findings(artifacts=find_artifacts(record.title, record.abstract),
                        names=find_names(record.title, record.abstract),
                        topics=match_topics(record.title, record.abstract, record.category, scheme))
    return record.model_copy(update={"findings": findings})


def annotate(document: Document, scheme: TopicScheme | None = None) -> Document:
    """The document with every paper record annotated."""
    return document.model_copy(update={"papers": [annotate_record(r, scheme) for r in document.papers]})
