"""The bundled corpus equals what the parsers produce from the captures, minus the prose."""

from kg.corpus import bundled_documents, extract_bundle


def test_bundle_equals_parser_output(seeds):
    assert bundled_documents() == extract_bundle(sorted(seeds.glob("*.txt")))


def test_bundle_holds_no_abstracts():
    docs = bundled_documents()
    assert all(p.abstract is None for d in docs for p in d.papers)
    assert all(p.fingerprint is not None for d in docs for p in d.papers)
