"""Hostile text stored in the database is escaped in every page that shows it (no browser needed)."""
from __future__ import annotations

import httpx
import pytest

from tests.web.fixtures import LiveServer, build_db
from veille.web.highlight import Span, highlight


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with LiveServer(build_db(tmp_path_factory.mktemp("esc") / "news.db")) as s, \
            httpx.Client(base_url=s.url, timeout=10) as c:
        yield c


@pytest.mark.parametrize("path", ["/documents/3", "/", "/?q=script"])
def test_script_in_title_and_text_is_escaped(client, path):
    html = client.get(path).text
    assert "<script>window.pwned" not in html and "<script>window.pwnedTitle" not in html
    assert "&lt;script&gt;window.pwned" in html
    assert "<img src=x" not in html and "<i>Outlet</i>" not in html


def test_highlight_nests_crossing_spans_and_escapes():
    text = "a <b> c d"
    out = str(highlight(text, [Span(0, 5, "event", "event-1", "e"), Span(4, 9, "place", "place-2", '"p"')]))
    assert "&lt;b" in out and "<b" not in out and out.count("<mark") == 3 and out.count("</mark>") == 3
    assert out.count('id="span-place-2"') == 1 and "&quot;p&quot;" in out
