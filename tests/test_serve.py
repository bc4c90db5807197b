"""`kg serve` as a separate process on 127.0.0.1, queried with SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper

import kg


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    graph = kg.build(store=store)
    del graph
    import gc

    gc.collect()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("kg serve did not answer within 30 s")
    yield url, port
    proc.terminate()
    proc.wait(timeout=10)


COUNT = """PREFIX schema: <https://schema.org/>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"""


def test_get_json(endpoint):
    client = SPARQLWrapper(endpoint[0])
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "126"


def test_post_csv(endpoint):
    client = SPARQLWrapper(endpoint[0])
    client.setMethod(POST)
    client.setQuery(COUNT)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["n", "126"]


def test_updates_are_refused(endpoint):
    port = endpoint[1]
    body = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=body, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code in (403, 404, 405)
