"""The HTML view, opened in headless Chromium: it renders, raises no script error, escapes text."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT

from kg.viz import render

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--window-size=1200,900", "--virtual-time-budget=15000"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("the HTML view is tested in Debian's chromium; install it (apt-get install chromium)")
    return found


def open_page(url: str, tmp_path: Path, tries: int = 3) -> tuple[dict[str, str], str]:
    """The <body> data attributes the page set once drawn, and the DOM after its scripts ran.

    On a busy machine Chromium can dump the DOM before the first frame is drawn; then it is asked
    again (a page that never draws fails every time).
    """
    for _ in range(tries):
        out = subprocess.run([chromium(), *CHROMIUM_FLAGS, "--dump-dom", url], capture_output=True, text=True,
                             timeout=120, cwd=tmp_path)
        body = re.search(r"<body([^>]*)>", out.stdout)
        assert body, out.stderr[-2000:]
        attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1)))
        if "painted" in attrs:
            return attrs, out.stdout
    return attrs, out.stdout


def screenshot(url: str, tmp_path: Path) -> Path:
    png = tmp_path / "shot.png"
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--screenshot={png}", url], capture_output=True, timeout=120,
                   cwd=tmp_path)
    assert png.is_file()
    return png


def png_colours(path: Path) -> int:
    """The number of distinct colours in a PNG (8-bit RGB/RGBA, as Chromium writes them)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour_type]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        f = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + left) & 0xFF
            elif f == 2:
                line[i] = (line[i] + up) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif f == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        previous = line
        for x in range(0, stride, channels * 7):  # a sample of each row is plenty
            colours.add(bytes(line[x:x + 3]))
    return len(colours)


def test_main_jobs_view_renders_in_chromium(tmp_path):
    page = ROOT / "exports" / "graph.html"
    attrs, _ = open_page(page.as_uri(), tmp_path)
    assert attrs["errors"] == "0"
    import kg

    assert int(attrs["nodes"]) == kg.build().to_networkx("full").number_of_nodes()
    assert int(attrs["painted"]) > 50_000  # canvas pixels with something drawn on them
    assert png_colours(screenshot(page.as_uri(), tmp_path)) > 20


def test_filter_and_search_from_the_address(tmp_path, bundled_graph):
    page = bundled_graph.view_html(tmp_path / "bt.html", dataset="BeaverTails")
    attrs, _ = open_page(page.as_uri(), tmp_path)
    assert attrs["errors"] == "0" and attrs["nodes"] == "19"  # 2 papers, 15 authors, 2 datasets
    hidden, _ = open_page(page.as_uri() + "#hide=person&find=PKU-SafeRLHF", tmp_path)
    assert hidden["nodes"] == "4"
    assert hidden["found"].endswith("/dataset/pku-saferlhf")


def test_hostile_titles_show_as_text_and_run_nothing(tmp_path):
    graph = nx.Graph()
    graph.add_node("p1", label="<img src=x onerror=alert(1)>", kind="paper", year=2025)
    graph.add_node("p2", label="</script><script>document.title='pwned'</script>", kind="person")
    graph.add_node("p3", label="A & B \"quoted\" 'single' \u2028 line", kind="dataset")
    graph.add_edge("p1", "p2", relation="author", position=1)
    graph.add_edge("p1", "p3", relation="introduces")
    page = tmp_path / "hostile.html"
    page.write_text(render(graph, "<b>hostile</b> title"), encoding="utf-8")
    attrs, dom = open_page(page.as_uri(), tmp_path)
    assert attrs["errors"] == "0" and attrs["nodes"] == "3" and int(attrs["painted"]) > 1000
    assert "<img" not in dom  # the DOM has no element the title made
    assert "<b>hostile</b>" not in dom and "&lt;b&gt;hostile&lt;/b&gt; title" in dom
    assert "<title>&lt;b&gt;hostile&lt;/b&gt; title</title>" in dom  # and no script renamed the page
    # the names reach the search list as plain text
    assert 'value="<img src=x onerror=alert(1)>"' in dom or 'value="&lt;img src=x onerror=alert(1)&gt;"' in dom


def test_view_is_offline_and_deterministic(bundled_graph, tmp_path):
    a = bundled_graph.view_html(tmp_path / "a.html", author="Yaodong Yang").read_text(encoding="utf-8")
    b = bundled_graph.view_html(tmp_path / "b.html", author="Yaodong Yang").read_text(encoding="utf-8")
    assert a == b
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=", a)  # nothing loaded from elsewhere
    legend = re.search(r'"legend": (\[.*?\])', a).group(1)
    assert '"kind": "person"' in legend and '"kind": "paper"' in legend and '"shape": "square"' in legend
    with pytest.raises(Exception, match="no topic is called"):
        bundled_graph.view_html(tmp_path / "c.html", topic="Underwater basket weaving")
