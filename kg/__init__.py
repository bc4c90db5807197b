"""kg: a knowledge graph of scholarly authors, papers, venues, datasets and topics.

>>> import kg
>>> graph = kg.build()
>>> graph.summary()["papers"]
126
"""

from .errors import KGError, ParseError

__all__ = ["KGError", "ParseError", "KnowledgeGraph", "build", "load"]


def __getattr__(name: str):
    # The graph layer (rdflib, networkx, the bundled corpus) is imported when first used, so that a
    # process needing only one part, such as the Anthology reader's child process, starts quickly.
    if name in ("KnowledgeGraph", "build", "load"):
        from . import graph

        return getattr(graph, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
