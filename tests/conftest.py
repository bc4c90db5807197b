from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ACL_PAGE = "000_a8c70102ec3b7c08.txt"
ABSTRACTS_PREVIEW = "001_3ca54b8fab288a6b.txt"
ABSTRACTS_BY_YEAR = "002_eb919ded5d12492e.txt"
HF_PAPERS = "003_74121ab51abee910.txt"
PROFILE = "004_54dc1b1a95aff96c.txt"


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed captures are expected at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_graph(seeds):
    """The graph built from the raw captures (abstracts included)."""
    import kg

    return kg.build(sorted(seeds.glob("*.txt")))


@pytest.fixture(scope="session")
def bundled_graph():
    import kg

    return kg.build()
