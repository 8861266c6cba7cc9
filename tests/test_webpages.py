"""Saved web pages, feeds and WARC archives (trafilatura, feedparser, warcio), languages and encodings.

Every page, feed and archive here is written for these tests (tests/data/pages and below)."""

import io
import re
import socket
from datetime import date
from pathlib import Path

import pytest

from kg.pipeline import prepare
from kg.textio import check_text, declared_encoding, decode, read_path
from kg.types import Article, InputError
from kg.webpage import read_feed, read_page, read_warc

PAGES = Path(__file__).parent / "data" / "pages"
SUMMIT = (PAGES / "summit-page.html").read_text(encoding="utf-8")
HEADLINE = "Kenyan and Ethiopian leaders agree on border trade corridor"
OUTSIDE = ("cookie", "FTSE", "Most read", "Brazil", "Argentina", "Canada", "Reader", "Japan", "Mexico",
           "All rights reserved", "Manage preferences", "Northbridge Daily.")


def _strip(html: str, *patterns: str) -> str:
    for p in patterns:
        html = re.sub(p, "", html, flags=re.S)
    return html


OG = r'<meta property="og:[^>]*>'
ARTICLE_META = r'<meta property="article:[^>]*>'
JSONLD = r'<script type="application/ld\+json">.*?</script>'
TIME = r'<time datetime="[^"]*">[^<]*</time>'
AUTHOR = r'<meta name="author"[^>]*>'
CANONICAL = r'<link rel="canonical"[^>]*>'


def test_a_saved_page_gives_its_body_and_its_metadata():
    page = read_page(SUMMIT)
    assert page.title == HEADLINE  # not the markets ticker in <title>
    assert page.published == date(2023, 5, 17)
    assert page.author == "Miriam Okafor" and page.site == "Northbridge Daily"
    assert page.url == "https://news.example.org/world/2023/05/kenya-ethiopia-corridor"
    assert "William Ruto hosted Ethiopian Prime Minister Abiy Ahmed" in page.text
    assert "met twice in Mombasa" in page.text
    for junk in OUTSIDE:
        assert junk not in page.text, junk
    assert "\n\n" in page.text  # paragraphs stay paragraphs


@pytest.mark.parametrize("keep, drop", [
    ("Open Graph and article:*", (JSONLD, TIME, AUTHOR, CANONICAL)),
    ("JSON-LD NewsArticle", (OG, ARTICLE_META, TIME, AUTHOR, CANONICAL)),
    ("a <time> element", (OG, ARTICLE_META, JSONLD, AUTHOR, CANONICAL)),
])
def test_title_and_date_come_from_each_form_of_metadata(keep, drop):
    page = read_page(_strip(SUMMIT, *drop))
    assert page.title == HEADLINE, keep
    assert page.published == date(2023, 5, 17), keep


def test_a_page_that_states_no_date_gets_none_not_a_guess():
    page = read_page(_strip(SUMMIT, OG, ARTICLE_META, JSONLD, TIME, AUTHOR, CANONICAL))
    assert page.published is None  # not 2023-01-01 from the copyright line
    assert "William Ruto" in page.text


def test_preparing_a_page_fills_the_article_and_keeps_what_the_caller_said():
    art = prepare(Article(text=SUMMIT, id="corridor", source="https://mirror.example.net/saved/corridor.html"))
    assert (art.title, art.published, art.author, art.site) == (HEADLINE, date(2023, 5, 17), "Miriam Okafor",
                                                                "Northbridge Daily")
    assert art.url == "https://news.example.org/world/2023/05/kenya-ethiopia-corridor"
    assert art.source == "https://mirror.example.net/saved/corridor.html"  # the page's own URL is kept
    assert not any(j in art.text for j in OUTSIDE)
    told = prepare(Article(text=SUMMIT, title="My title", published="2023-05-18"))
    assert (told.title, told.published) == ("My title", date(2023, 5, 18))


def test_reading_a_page_never_opens_a_connection(monkeypatch):
    def refuse(*a, **k):  # noqa: ANN002, ANN003
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = read_page(SUMMIT, url="https://news.example.org/world/2023/05/kenya-ethiopia-corridor")
    assert page.title == HEADLINE
    list(read_feed(_feed(5), "feed.rss"))


# ---------------------------------------------------------------- feeds

COUNTRIES = [("Kenya", "Tanzania"), ("Ghana", "Togo"), ("Chile", "Peru"), ("Nepal", "Bhutan"), ("Latvia", "Estonia")]


def _feed(n: int) -> bytes:
    items = "".join(f"""<item>
  <title>{a} and {b} sign a fisheries pact</title>
  <link>https://wire.example.org/2024/03/{a.lower()}-{b.lower()}</link>
  <guid>https://wire.example.org/2024/03/{a.lower()}-{b.lower()}</guid>
  <pubDate>{10 + k} Mar 2024 08:00:00 GMT</pubDate>
  <description>&lt;p&gt;The foreign ministers of {a} and {b} signed a fisheries agreement on Tuesday.&lt;/p&gt;
  &lt;p&gt;{a} praised {b} for its help with patrols.&lt;/p&gt;</description>
</item>""" for k, (a, b) in enumerate(COUNTRIES[:n]))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<description>Invented news for tests</description>{items}</channel></rss>""".encode()


def test_a_feed_with_five_items_is_five_articles_with_their_own_dates_and_links(tmp_path):
    f = tmp_path / "wire.rss"
    f.write_bytes(_feed(5))
    arts = list(read_path(f))
    assert len(arts) == 5 and all(isinstance(a, Article) for a in arts)
    assert [a.published for a in arts] == [date(2024, 3, 10 + k) for k in range(5)]
    assert [a.url for a in arts] == [f"https://wire.example.org/2024/03/{a.lower()}-{b.lower()}" for a, b in COUNTRIES]
    assert arts[0].title == "Kenya and Tanzania sign a fisheries pact" and arts[0].site == "Example Wire"
    assert arts[0].text.startswith("The foreign ministers of Kenya and Tanzania") and "<p>" not in arts[0].text
    assert len({a.id for a in arts}) == 5


def test_an_atom_feed_and_a_feed_named_xml(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2024-04-02T00:00:00Z</updated>
<entry><title>Oman hosts Yemen talks</title><id>urn:x:1</id><link href="https://atom.example.org/1"/>
<updated>2024-04-02T10:00:00Z</updated><published>2024-04-01T10:00:00Z</published>
<content type="html">&lt;p&gt;Oman hosted talks between the Yemeni factions in Muscat on Monday.&lt;/p&gt;</content></entry>
</feed>"""
    f = tmp_path / "desk.xml"
    f.write_text(atom, encoding="utf-8")
    (art,) = list(read_path(f))
    assert (art.title, art.published, art.url, art.site) == ("Oman hosts Yemen talks", date(2024, 4, 1),
                                                             "https://atom.example.org/1", "Atom Desk")


def test_a_broken_feed_is_a_clear_error(tmp_path):
    f = tmp_path / "broken.rss"
    f.write_text("<rss version='2.0'><channel><title>Nothing</title></channel></rss>")
    (err,) = list(read_path(f))
    assert isinstance(err, InputError) and "not an RSS or Atom feed with items" in str(err)
    g = tmp_path / "notes.rss"
    g.write_text("just some words")
    (err,) = list(read_path(g))
    assert isinstance(err, InputError) and "not an RSS or Atom feed" in str(err)


# ---------------------------------------------------------------- WARC archives

def _warc(pages: list[tuple[str, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://warc.example.org/logo.png", "response",
                                        payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=png))
    return buf.getvalue()


def _page(title: str, day: str, body: str) -> str:
    return (f'<html><head><title>Site | {title}</title><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{day}T07:00:00Z"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>'
            + "".join(f"<p>{p}</p>" for p in body.split("|")) + '</article><footer>Contact us</footer></body></html>')


WARC_PAGES = [
    ("https://warc.example.org/a", _page("Fiji and Samoa agree on a climate fund", "2022-09-05",
                                         "Fiji and Samoa agreed on Monday to set up a joint climate fund.|"
                                         "The leaders met in Suva for two days of talks.")),
    ("https://warc.example.org/b", _page("Mongolia welcomes Kazakh envoy", "2022-10-11",
                                         "Mongolia welcomed a Kazakh envoy in Ulaanbaatar on Tuesday.|"
                                         "The two sides discussed rail links and trade.")),
    ("https://warc.example.org/c", _page("Uruguay protests to Paraguay", "2022-11-20",
                                         "Uruguay lodged a protest with Paraguay over a river dam on Sunday.|"
                                         "Paraguay said it would reply within a week.")),
]


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_with_three_pages_is_three_articles_with_their_own_dates_and_links(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    f.write_bytes(_warc(WARC_PAGES, gz))
    arts = list(read_path(f))
    assert all(isinstance(a, Article) for a in arts), arts
    assert [a.source for a in arts] == [u for u, _ in WARC_PAGES]  # the image record is no article
    assert [a.published for a in arts] == [date(2022, 9, 5), date(2022, 10, 11), date(2022, 11, 20)]
    assert [a.title for a in arts] == ["Fiji and Samoa agree on a climate fund", "Mongolia welcomes Kazakh envoy",
                                       "Uruguay protests to Paraguay"]
    assert all("Home" not in a.text and "Contact us" not in a.text for a in arts)


def test_a_file_that_is_not_a_warc_is_a_clear_error():
    (err,) = list(read_warc(b"this is not an archive at all", "x.warc"))
    assert isinstance(err, InputError) and "x.warc" in str(err)


# ---------------------------------------------------------------- languages

FOREIGN = {
    "French": ["Le ministre est arrivé hier soir.",
               "Le président a reçu son homologue à Paris mardi. Les deux dirigeants ont signé un accord sur "
               "l'énergie et ont promis de renforcer leur coopération dans la région au cours des prochains mois."],
    "Spanish": ["La reunión terminó sin acuerdo.",
                "El presidente recibió a su homólogo en Madrid el martes. Ambos firmaron un acuerdo comercial y "
                "prometieron trabajar juntos en materia de seguridad y migración durante el próximo año."],
    "German": ["Die Gespräche wurden vertagt.",
               "Der Kanzler traf am Dienstag den Präsidenten in Berlin. Beide unterzeichneten ein Abkommen über "
               "Energie und versprachen, in den kommenden Monaten enger zusammenzuarbeiten."],
}


@pytest.mark.parametrize("language", list(FOREIGN))
def test_short_and_long_foreign_texts_are_refused_with_the_language_named(language):
    for text in FOREIGN[language]:
        with pytest.raises(InputError, match=f"in {language}"):
            check_text(text, 100_000, "t")


@pytest.mark.parametrize("text", [
    "Xi Jinping met Shinzo Abe and Moon Jae-in in Beijing.",
    "Nguyen Xuan Phuc hosted Joko Widodo in Hanoi on Tuesday.",
    "Jean-Yves Le Drian met Heiko Maas in Paris on Monday.",
    "Andrés Manuel López Obrador received Pedro Sánchez in Mexico City.",
    "Kim Jong Un greeted Lee Hsien Loong at the Istana.",
    "Talks ended.",
])
def test_english_with_foreign_names_is_accepted(text):
    assert check_text(text, 100_000, "t") == text


# ---------------------------------------------------------------- encodings

def test_a_page_is_decoded_in_the_charset_it_declares():
    latin = ('<html><head><meta charset="iso-8859-1"><title>x</title></head><body><p>Talks in Séville</p>'
             '</body></html>').encode("latin-1")
    assert "Séville" in decode(latin, "p.html")
    cp = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
          '<body><p>“Quoted” talks</p></body></html>').encode("cp1252")
    assert "“Quoted”" in decode(cp, "p.html")
    assert declared_encoding(b'<?xml version="1.0" encoding="ISO-8859-15"?><rss/>') == "iso8859-15"


def test_a_byte_order_mark_decides_the_encoding():
    text = "Egypt and Jordan signed a water deal."
    for enc in ("utf-8-sig", "utf-16", "utf-32"):
        assert decode(text.encode(enc), "t.txt") == text


def test_an_undeclared_non_utf8_page_is_refused_saying_how_to_fix_it():
    with pytest.raises(InputError, match="must declare it"):
        decode("<p>Talks in Séville</p>".encode("latin-1"), "p.html")
    with pytest.raises(InputError, match="as it declares"):
        decode(b'<meta charset="utf-8"><p>\xe9</p>', "p.html")


def test_a_saved_page_file_in_latin1_is_read(tmp_path):
    f = tmp_path / "page.html"
    f.write_bytes(_strip(SUMMIT, r'<meta charset="utf-8">').replace(
        "<head>", '<head><meta charset="iso-8859-1">').replace("—", "-").encode("latin-1"))
    (art,) = list(read_path(f))
    art = prepare(art)
    assert art.title == HEADLINE and "NAIROBI - Kenyan President William Ruto" in art.text


# ---------------------------------------------------------------- with the real pipeline

@pytest.mark.model
def test_nothing_outside_the_article_body_becomes_an_entity_or_an_event():
    from kg.pipeline import extract

    x = extract(SUMMIT)
    names = {e.name for e in x.entities}
    assert {"Kenya", "Ethiopia", "Abiy Ahmed"} <= names
    for outside in ("Brazil", "Argentina", "France", "Germany", "Canada", "Japan", "China", "Mexico", "Spain",
                    "Reader", "Anonymous", "Northbridge Daily"):
        assert not any(outside in n for n in names), (outside, names)
    actors = {a for ev in x.events for a in ev.participants}
    assert actors <= {e.id for e in x.entities}
    hosted = next(ev for ev in x.events if ev.trigger == "hosted")
    assert hosted.date == date(2023, 5, 17)  # "on Wednesday", against the page's date
    for ev in x.events:
        assert x.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text


@pytest.mark.model
def test_ingesting_a_page_a_feed_and_an_archive_stores_their_metadata(tmp_path):
    from kg.ingest import ingest_many
    from kg.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "corridor.html").write_text(SUMMIT, encoding="utf-8")
    (tmp_path / "in" / "wire.rss").write_bytes(_feed(5))
    (tmp_path / "in" / "crawl.warc").write_bytes(_warc(WARC_PAGES, False))
    with open_store(tmp_path / "store") as store:
        results = list(ingest_many(store, read_path(tmp_path / "in")))
        assert [r.status for r in results] == ["added"] * 9
        rows = store.query("""SELECT ?id ?title ?date ?url ?creator ?publisher ?text WHERE { GRAPH ?g {
            ?a dcterms:identifier ?id ; dkg:text ?text . OPTIONAL { ?a dcterms:title ?title }
            OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:url ?url }
            OPTIONAL { ?a dcterms:creator ?creator } OPTIONAL { ?a dcterms:publisher ?publisher } } }""",
                           union=False).records()
    page = next(r for r in rows if r["id"] == "corridor")
    assert (page["title"], page["date"], page["creator"], page["publisher"]) == (
        HEADLINE, date(2023, 5, 17), "Miriam Okafor", "Northbridge Daily")
    assert page["url"] == "https://news.example.org/world/2023/05/kenya-ethiopia-corridor"
    assert "Most read" not in page["text"] and page["text"].startswith(HEADLINE)
    items = [r for r in rows if r["id"].startswith("wire.example.org/")]
    assert len(items) == 5 and {r["publisher"] for r in items} == {"Example Wire"}
    assert sorted(r["date"] for r in items) == [date(2024, 3, 10 + k) for k in range(5)]
    crawled = sorted((r for r in rows if r["id"].startswith("warc.example.org/")), key=lambda r: r["id"])
    assert [(r["url"], r["date"]) for r in crawled] == [
        ("https://warc.example.org/a", date(2022, 9, 5)), ("https://warc.example.org/b", date(2022, 10, 11)),
        ("https://warc.example.org/c", date(2022, 11, 20))]


def test_a_url_given_to_ingest_is_refused_not_fetched():
    (err,) = list(read_path(Path("https://news.example.org/world/2023/05/kenya-ethiopia-corridor")))
    assert isinstance(err, InputError) and "does not fetch" in str(err)
    assert str(err).startswith("https://news.example.org/")


def test_the_progress_count_of_feeds_and_archives_does_not_read_their_pages(tmp_path, monkeypatch):
    import kg.webpage
    from kg.textio import count_articles

    (tmp_path / "wire.rss").write_bytes(_feed(5))
    (tmp_path / "crawl.warc.gz").write_bytes(_warc(WARC_PAGES, True))
    (tmp_path / "note.txt").write_text("Ghana thanked Togo for its help on Monday.")

    def no(*a, **k):  # noqa: ANN002, ANN003
        raise AssertionError("a page was read to count it")

    monkeypatch.setattr(kg.webpage, "read_page", no)
    assert count_articles(tmp_path / "wire.rss") == 5
    assert count_articles(tmp_path / "crawl.warc.gz") == 4  # three pages and an image: an estimate for a bar
    assert count_articles(tmp_path) == 10


def test_a_page_that_wrongly_declares_utf16_is_read_as_utf8():
    page = '<html><head><meta charset="utf-16"></head><body><p>Talks in Séville</p></body></html>'.encode()
    assert "Séville" in decode(page, "p.html")
