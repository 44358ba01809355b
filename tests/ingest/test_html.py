"""Reading a page or a feed fetches nothing: no external entity, DTD, image, style sheet or script.

lxml's HTML parser (used by trafilatura) loads no DTD and has no_network on;
feedparser's SAX parser has external general entities off. A local server
records every hit, and the tests assert it saw none.
"""
from __future__ import annotations

from veille.ingest.readers import read_path
from veille.model import Document

from .localserver import LocalServer, Reply


def _page(base: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{base}/dtd" [
  <!ENTITY remote SYSTEM "{base}/entity">
  <!ENTITY local SYSTEM "file:///etc/hostname">
]>
<html><head><meta charset="utf-8"><title>Marché couvert rouvert à Tulle</title>
<link rel="stylesheet" href="{base}/style.css"><script src="{base}/app.js"></script>
<meta property="og:image" content="{base}/og.jpg"></head>
<body><article><h1>Marché couvert rouvert à Tulle</h1>
<p>Le marché couvert de Tulle a rouvert samedi après huit mois de travaux, au grand soulagement des
commerçants installés depuis des années sous la halle. &remote; &local;</p>
<img src="{base}/photo.jpg" srcset="{base}/photo-2x.jpg 2x"><iframe src="{base}/frame"></iframe>
<p>La municipalité promet une fête d'inauguration au printemps, avec des producteurs de tout le département.</p>
</article></body></html>
"""


def _feed(base: str) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "{base}/rss.dtd" [<!ENTITY remote SYSTEM "{base}/entity">]>
<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>
<item><title>Item</title><link>https://t.example/a</link>
<description>&lt;p&gt;Les élus ont voté le budget. &lt;img src="{base}/pixel.gif"&gt;&lt;/p&gt; &remote;</description>
</item></channel></rss>
"""


def test_html_reader_makes_no_network_access(tmp_path):
    with LocalServer() as srv:
        srv.routes["/entity"] = Reply(b"FETCHED-ENTITY", content_type="text/plain")
        p = tmp_path / "tulle.html"
        p.write_text(_page(srv.url("")), encoding="utf-8")
        (doc,) = read_path(p)
        assert isinstance(doc, Document) and "halle" in doc.text
        assert "FETCHED-ENTITY" not in doc.text and "&local;" in doc.text  # left unresolved
        assert srv.hits == []


def test_feed_reader_makes_no_network_access(tmp_path):
    with LocalServer() as srv:
        srv.routes["/entity"] = Reply(b"FETCHED-ENTITY", content_type="text/plain")
        p = tmp_path / "t.rss"
        p.write_text(_feed(srv.url("")), encoding="utf-8")
        items = list(read_path(p))
        assert len(items) == 1 and isinstance(items[0], Document)
        assert all("FETCHED-ENTITY" not in getattr(i, "text", "") for i in items)
        assert srv.hits == []
