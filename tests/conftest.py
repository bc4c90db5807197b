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


ACL_TARBALL = ROOT.parent / "shared" / "data" / "acl-anthology-data.tar.xz"
# new- and old-style ids, two-digit workshop volumes, Chinese-script name variants (CCL), curated ids,
# and the volumes holding the five seed papers the Anthology has
ACL_SUBSET = ("xml/schema.rnc", "xml/2024.acl.xml", "xml/P19.xml", "xml/W19.xml", "xml/2022.naacl.xml",
              "xml/2023.ccl.xml", "xml/2023.acl.xml", "xml/2024.naacl.xml", "xml/2025.naacl.xml", "xml/2025.gem.xml")


@pytest.fixture(scope="session")
def acl_subset(tmp_path_factory) -> Path:
    """Some collections of the real ACL Anthology data and all its YAML, extracted from the tarball."""
    import tarfile

    if not ACL_TARBALL.is_file():
        pytest.fail(f"the ACL Anthology data is expected at {ACL_TARBALL}")
    root = tmp_path_factory.mktemp("acl") / "acl-anthology-data"
    with tarfile.open(ACL_TARBALL, mode="r|xz") as tar:
        for member in tar:
            rel = "/".join(Path(member.name).parts[1:])
            if member.isfile() and (rel in ACL_SUBSET or rel.startswith("yaml/")):
                target = root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
    return root
