"""RSS and Atom: one Document per item, a bad item a Failure naming its index, dispatch by suffix, root and URL."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.ingest.feeds import looks_like_feed, read_feed, read_feed_items
from veille.ingest.readers import read_path, read_sources
from veille.model import Document, Failure

from .localserver import LocalServer, Reply

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Le Courrier du Rhône</title>
  <link>https://www.courrier-rhone.example/</link>
  <description>Actualités régionales</description>
  <item>
    <title>Incendie dans un entrepôt de Vénissieux</title>
    <link>https://www.courrier-rhone.example/faits-divers/incendie-venissieux.html</link>
    <guid>cr-2024-0412</guid>
    <pubDate>Fri, 12 Apr 2024 23:40:00 +0200</pubDate>
    <description>&lt;p&gt;Les pompiers sont intervenus &lt;b&gt;hier soir&lt;/b&gt; à Vénissieux.&lt;/p&gt;
      &lt;p&gt;Aucun blessé n'est à déplorer, selon la préfecture.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Un item sans texte</title>
    <link>https://www.courrier-rhone.example/vide.html</link>
  </item>
  <item>
    <title>Grève des bus à Lyon</title>
    <link>https://www.courrier-rhone.example/social/greve-bus</link>
    <pubDate>Sat, 13 Apr 2024 08:00:00 +0200</pubDate>
    <description>Les chauffeurs ont cessé le travail ce matin.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette</title>
  <link href="https://harbour-gazette.example/"/>
  <id>urn:hg:feed</id>
  <updated>2024-05-02T10:00:00Z</updated>
  <entry>
    <title type="text">Ferry service resumes after storm</title>
    <link href="https://harbour-gazette.example/news/ferry-resumes"/>
    <id>urn:hg:1</id>
    <published>2024-05-01T22:30:00-04:00</published>
    <content type="html">&lt;p&gt;The ferry to the islands sailed again on Wednesday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Council votes new budget</title>
    <link href="https://harbour-gazette.example/news/budget"/>
    <id>urn:hg:2</id>
    <updated>2024-05-02T09:00:00Z</updated>
    <summary type="text">Councillors approved the budget last night by seven votes to four.</summary>
  </entry>
</feed>
"""


def test_read_rss_one_document_per_item_and_failure_with_index(tmp_path):
    p = tmp_path / "courrier.rss"
    p.write_text(RSS, encoding="utf-8")
    items = list(read_path(p))
    docs = [i for i in items if isinstance(i, Document)]
    (fail,) = [i for i in items if isinstance(i, Failure)]
    assert fail.origin == f"{p}#item-2" and fail.code == "V104"
    first, second = docs
    assert first.url == "https://www.courrier-rhone.example/faits-divers/incendie-venissieux.html"
    assert first.id == "incendie-venissieux" and first.title.startswith("Incendie")
    assert first.source == "courrier-rhone.example"
    assert first.published == dt.date(2024, 4, 12)  # the item's own day, not UTC's
    assert "hier soir à Vénissieux" in first.text and "<p>" not in first.text
    assert "selon la préfecture" in first.text
    assert second.text == "Les chauffeurs ont cessé le travail ce matin."
    assert first.origin == f"{p}#item-1"


def test_read_atom_content_and_text_summary(tmp_path):
    p = tmp_path / "harbour.atom"
    p.write_text(ATOM, encoding="utf-8")
    ferry, budget = read_path(p)
    assert ferry.published == dt.date(2024, 5, 1) and ferry.source == "harbour-gazette.example"
    assert ferry.text == "The ferry to the islands sailed again on Wednesday."
    assert budget.published == dt.date(2024, 5, 2)
    assert budget.text.startswith("Councillors approved")


def test_feed_items_keep_guid_as_key():
    keys = [x.key for x in read_feed_items(RSS.encode(), "mem")]
    assert keys == ["cr-2024-0412", "https://www.courrier-rhone.example/vide.html",
                    "https://www.courrier-rhone.example/social/greve-bus"]


@pytest.mark.parametrize("head, expected", [
    (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
    (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', True),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rdf:RDF xmlns:rdf="x">', True),
    (b'<?xml version="1.0"?>\n<catalog><rss/></catalog>', False),
    (b"<html><body>rss</body></html>", False),
])
def test_looks_like_feed_by_root(head, expected):
    assert looks_like_feed(head) is expected


def test_xml_suffix_dispatch_by_root(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(ATOM, encoding="utf-8")
    other = tmp_path / "catalog.xml"
    other.write_text("<catalog><book/></catalog>", encoding="utf-8")
    items = list(read_sources([feed, other]))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Failure"]
    assert items[2].code == "V106"
    # in a directory, a non-feed .xml is not an input at all
    assert [d.title for d in read_path(tmp_path)] == ["Ferry service resumes after storm", "Council votes new budget"]


def test_broken_feed_is_one_failure(tmp_path):
    p = tmp_path / "broken.rss"
    p.write_bytes(b"this is not xml at all")
    (f,) = read_path(p)
    assert isinstance(f, Failure) and f.code == "V106" and f.origin == str(p)


def test_read_feed_url_from_local_server():
    with LocalServer() as srv:
        srv.routes["/fil.rss"] = Reply(RSS.encode(), content_type="application/rss+xml")
        url = srv.url("/fil.rss")
        items = list(read_sources([url]))
        assert [type(i).__name__ for i in items] == ["Document", "Failure", "Document"]
        assert items[1].origin == f"{url}#item-2"
        srv.routes["/down"] = Reply(b"oops", 500, "text/plain")
        (f,) = read_sources([srv.url("/down")])
        assert f.code == "V100" and "HTTP 500" in f.reason


def test_documents_and_failures_pass_through_read_sources():
    doc, fail = Document(text="Déjà lu."), Failure("x#item-1", "empty text", "V104")
    assert list(read_sources([doc, fail])) == [doc, fail]


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_read_feed_arbitrary_bytes_never_raises(data):
    for item in read_feed(b"<rss>" + data, "fuzz.rss"):
        assert isinstance(item, (Document, Failure))
