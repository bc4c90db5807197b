"""kg: a knowledge graph of scholarly authors, papers, venues, datasets and topics.

>>> import kg
>>> graph = kg.build()
>>> graph.summary()["papers"]
126
"""

from .errors import KGError, ParseError
from .graph import KnowledgeGraph, build, load

__all__ = ["KGError", "ParseError", "KnowledgeGraph", "build", "load"]
