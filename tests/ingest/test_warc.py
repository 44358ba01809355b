"""WARC: HTML responses read exactly like the same pages read directly; other records skipped; broken ones named."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veille.ingest.readers import read_path
from veille.ingest.warc import WarcCounts, read_warc
from veille.model import Document, Failure

PAGE_FR = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Crue de la Saône : des quais fermés à Chalon</title>
<link rel="canonical" href="https://journal-bourgogne.example/regions/crue-saone-chalon.html">
<meta property="article:published_time" content="2024-01-18T07:15:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> | <a href="/regions">Régions</a></nav>
<article>
<h1>Crue de la Saône : des quais fermés à Chalon</h1>
<p>La Saône est sortie de son lit mercredi soir à Chalon-sur-Saône, obligeant la mairie à fermer les quais
et trois parkings du centre-ville.</p>
<p>« Le niveau devrait encore monter d'une vingtaine de centimètres d'ici vendredi », a indiqué jeudi
matin l'adjoint chargé de la sécurité, qui appelle les riverains à la prudence.</p>
<p>Les services de l'État ont placé le département en vigilance orange pour les crues jusqu'à nouvel ordre.</p>
</article>
<footer>© Journal de Bourgogne (exemple)</footer>
</body></html>
"""

PAGE_EN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dock workers end two-day strike at Port Elland</title>
<link rel="canonical" href="https://coastal-courier.example/business/dock-strike-ends">
<meta name="date" content="2024-03-05">
</head><body>
<article>
<h1>Dock workers end two-day strike at Port Elland</h1>
<p>Dock workers at Port Elland returned to work on Tuesday after union leaders accepted a revised pay
offer, ending a two-day stoppage that left dozens of container ships waiting offshore.</p>
<p>"We have a deal our members can live with," the union's regional secretary told reporters outside
the terminal gates, adding that the vote had been close.</p>
<p>The port authority said it expected the backlog to clear by the end of the week.</p>
</article>
</body></html>
"""

PAGES = {  # file name -> (target URI, WARC-Date, html)
    "crue-saone-chalon.html": ("https://journal-bourgogne.example/regions/crue-saone-chalon.html",
                               "2024-01-18T09:00:00Z", PAGE_FR),
    "dock-strike-ends.html": ("https://coastal-courier.example/business/dock-strike-ends",
                              "2024-03-05T16:20:00Z", PAGE_EN),
}


def _response(writer: WARCWriter, uri: str, date: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                    warc_headers_dict={"WARC-Date": date})
    writer.write_record(rec)


def build_warc(path: Path, gzip: bool) -> None:
    """Our pages as HTML responses, between records veille must skip."""
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "veille tests"}))
        for uri, date, html in PAGES.values():
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            w.write_record(w.create_warc_record(uri, "request", http_headers=req))
            _response(w, uri, date, html.encode("utf-8"), "text/html; charset=utf-8")
        _response(w, "https://coastal-courier.example/logo.png", "2024-03-05T16:20:01Z", b"\x89PNG....", "image/png")
        _response(w, "https://coastal-courier.example/gone", "2024-03-05T16:20:02Z", PAGE_EN.encode(),
                  "text/html", status="404 Not Found")


@pytest.fixture()
def pages(tmp_path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    for name, (_, _, html) in PAGES.items():
        (d / name).write_text(html, encoding="utf-8")
    return d


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_reads_like_the_pages_read_directly(tmp_path, pages, name, gzip):
    archive = tmp_path / name
    build_warc(archive, gzip)
    counts = WarcCounts()
    from_warc = list(read_warc(archive, counts=counts))
    direct = list(read_path(pages))
    assert all(isinstance(d, Document) for d in from_warc + direct)
    assert counts.html == 2 and counts.skipped == 5 and counts.broken == 0  # warcinfo, 2 requests, png, 404
    for w, d in zip(from_warc, direct):
        assert (w.id, w.text, w.title, w.url, w.source, w.published) == (d.id, d.text, d.title, d.url, d.source,
                                                                         d.published)
        assert w.content_hash == d.content_hash  # so the store keeps one of them
        assert w.origin.startswith(f"{archive}#offset-")
    assert from_warc[0].published == dt.date(2024, 1, 18)


def test_warc_date_is_the_fallback_published_date(tmp_path):
    archive = tmp_path / "nodate.warc"
    html = PAGE_EN.replace('<link rel="canonical" href="https://coastal-courier.example/business/dock-strike-ends">', "")
    html = html.replace('<meta name="date" content="2024-03-05">', "")
    with archive.open("wb") as f:
        _response(WARCWriter(f, gzip=False), "https://coastal-courier.example/p/12345", "2024-03-07T01:00:00Z",
                  html.encode(), "text/html")
    (doc,) = read_path(archive)
    assert doc.published == dt.date(2024, 3, 7) and doc.url == "https://coastal-courier.example/p/12345"


def test_broken_record_is_a_failure_naming_file_and_offset(tmp_path):
    archive = tmp_path / "damaged.warc"
    build_warc(archive, gzip=False)
    good = archive.stat().st_size
    with archive.open("ab") as f:
        f.write(b"WRAC/0.9 this is no record\r\n\r\n")
    items = list(read_path(archive))
    assert sum(isinstance(i, Document) for i in items) == 2
    fail = items[-1]
    assert isinstance(fail, Failure) and fail.origin == f"{archive}#offset-{good}"
    assert "broken WARC record" in fail.reason


def test_directory_walk_includes_warc_gz(tmp_path):
    build_warc(tmp_path / "a.warc.gz", gzip=True)
    assert [d.id for d in read_path(tmp_path)] == ["crue-saone-chalon", "dock-strike-ends"]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_read_warc_arbitrary_bytes_never_raises(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "x.warc"
    p.write_bytes(b"WARC/1.0\r\n" + data)
    for item in read_path(p):
        assert isinstance(item, (Document, Failure))


def test_response_without_target_uri_is_a_failure(tmp_path):
    archive = tmp_path / "nouri.warc.gz"
    import gzip

    archive.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n"))
    (fail,) = read_path(archive)
    assert isinstance(fail, Failure) and fail.origin == f"{archive}#offset-0"
