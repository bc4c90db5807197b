"""The evidence kept for every merge, and manual decisions that override the rules."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import KGError

__all__ = ["Merge", "Decision", "load_decisions"]


class Merge(BaseModel):
    """One decision that two records (or mentions) are the same entity, or must stay apart."""

    model_config = ConfigDict(frozen=True)

    entity: Literal["paper", "person", "venue"]
    rule: str = Field(description="the rule that fired, e.g. 'same-title', 'near-identical-abstract'")
    score: float = Field(ge=0, le=1)
    left: str = Field(description="key of one record or mention")
    right: str = Field(description="key of the other")
    joined: bool = Field(default=True, description="False when the rule matched but a constraint kept them apart")
    note: str = ""


class Decision(BaseModel):
    """A curator's ruling: two records or mentions are (or are not) the same entity."""

    model_config = ConfigDict(frozen=True)

    entity: Literal["paper", "person"]
    left: str
    right: str
    same: bool
    note: str = ""


def load_decisions(path: str | Path) -> list[Decision]:
    """Read a CSV of manual decisions with columns ``entity,left,right,decision,note``.

    ``left``/``right`` are record keys (``004.txt#L16-L21``) for papers and mention keys
    (``004.txt#L16-L21@2``, the author at position 2) or printed names for people;
    ``decision`` is ``same`` or ``different``.
    """
    path = Path(path)
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    except OSError as exc:
        raise KGError(f"{path}: cannot be read ({exc.strerror})") from None
    decisions = []
    for line, row in enumerate(rows, start=2):
        decision = (row.get("decision") or "").strip().lower()
        entity = (row.get("entity") or "").strip().lower()
        if decision not in {"same", "different"} or entity not in {"paper", "person"} or not row.get("left") \
                or not row.get("right"):
            raise KGError(f"{path.name}:{line}: expected entity (paper|person), left, right and decision "
                          f"(same|different), found {dict(row)!r}")
        decisions.append(Decision(entity=entity, left=row["left"].strip(), right=row["right"].strip(),
                                  same=decision == "same", note=(row.get("note") or "").strip()))
    return decisions
