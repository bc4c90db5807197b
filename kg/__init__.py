"""kg: a knowledge graph of scholarly authors, papers, venues, datasets and topics."""

from .errors import KGError, ParseError

__all__ = ["KGError", "ParseError"]
