import json

from kg.corpus import BUNDLE_NAME
from kg.schema import SCHEMA_FILE, records_schema


def test_json_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == records_schema(), "run: python -m kg.schema"


def test_schema_describes_records():
    schema = json.loads(records_schema())
    paper = schema["$defs"]["PaperRecord"]["properties"]
    assert {"title", "authors", "authors_truncated", "has_code", "date", "source"} <= set(paper)
    assert BUNDLE_NAME == "seeds.json"
