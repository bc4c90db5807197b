"""The bundled corpus: the facts the parsers extract from the five seed captures, without prose.

``kg build`` with no arguments builds from these. ``python -m kg.corpus SEEDS_DIR`` regenerates
them from the captures; a test checks they equal what the parsers produce today.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from pydantic import TypeAdapter

from ..enrich import annotate
from ..model import Document
from ..sources import parse_file

__all__ = ["bundled_documents", "extract_bundle", "BUNDLE_NAME"]

BUNDLE_NAME = "seeds.json"
_ADAPTER = TypeAdapter(list[Document])


def extract_bundle(paths: list[Path]) -> list[Document]:
    """Parse and annotate the captures, then strip their prose: what the bundle holds."""
    return [annotate(parse_file(p)).without_prose() for p in sorted(paths, key=lambda p: p.name)]


def bundled_documents() -> list[Document]:
    """The seed documents as shipped with kg (abstracts removed, fingerprints and facts kept)."""
    data = resources.files(__package__).joinpath(BUNDLE_NAME).read_text(encoding="utf-8")
    return _ADAPTER.validate_json(data)


def _dump(documents: list[Document]) -> str:
    return json.dumps(_ADAPTER.dump_python(documents, mode="json", exclude_defaults=True), ensure_ascii=False,
                      indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    seeds = Path(argv[0] if argv else "../shared/seeds")
    target = Path(__file__).with_name(BUNDLE_NAME)
    target.write_text(_dump(extract_bundle(sorted(seeds.glob("*.txt")))), encoding="utf-8")
    print(f"wrote {target.name} from {seeds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
