"""The JSON Schema of kg's records, generated from the pydantic models into ``schemas/``.

``python -m kg.schema`` rewrites ``schemas/records.schema.json``; a test fails when it is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .model import Document

__all__ = ["records_schema", "SCHEMA_FILE"]

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "records.schema.json"


def records_schema() -> str:
    """The JSON Schema of a list of parsed documents, as stable, indented JSON text.

    >>> '"Document"' in records_schema()
    True
    """
    schema = TypeAdapter(list[Document]).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kg parsed source documents"
    return json.dumps(schema, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(records_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.name}")
