"""News as it is saved from the web: HTML pages, RSS/Atom feeds and WARC archives, read with libraries made
for them. Nothing here fetches anything: every function reads bytes or text it is given.

- **Pages** (trafilatura): the article body without navigation, banners, tickers, "most read" boxes,
  comments or footers, and its title, publication date, author, site and canonical URL from the page's
  metadata (Open Graph, ``article:*``, JSON-LD ``NewsArticle``, ``<time>``).
- **Feeds** (feedparser): an article per item, with the item's own title, date and link.
- **Archives** (warcio): an article per HTML response record of a WARC file, with the record's URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from kg.types import Article, InputError


def _day(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _clean(value: object, limit: int = 1000) -> str | None:
    text = re.sub(r"\s+", " ", str(value)).strip() if value else ""
    return text[:limit] or None


def read_page(html: str, url: str | None = None) -> Article:
    """The main text of an HTML page, paragraphs separated by blank lines, and what its metadata says (title,
    date, author, site, canonical URL) as an article with no id.

    Dates come only from what the page states (its metadata, ``<time>`` elements, a date in the URL), never
    from guesses such as a copyright year. A fragment with no recognisable main content (a feed item's
    summary, a short snippet) keeps all its visible text.
    """
    import trafilatura

    from kg.textio import html_to_text

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        favor_precision=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        body = html_to_text(html)
    text = "\n\n".join(p.strip() for p in body.splitlines() if p.strip())
    if doc is None:
        return Article(text=text)
    page_url = getattr(doc, "url", None)
    return Article(text=text, title=_clean(getattr(doc, "title", None)), published=_day(getattr(doc, "date", None)),
                   author=_clean(getattr(doc, "author", None), 300), site=_clean(getattr(doc, "sitename", None), 300),
                   url=page_url if isinstance(page_url, str) and page_url.startswith(("http://", "https://")) else None)


def with_page(article: Article, page: Article) -> Article:
    """The article with the page's text, and its metadata wherever the article does not say otherwise."""
    return article.model_copy(update={
        "text": page.text, "title": article.title or page.title, "published": article.published or page.published,
        "author": article.author or page.author, "site": article.site or page.site, "url": article.url or page.url})


# ------------------------------------------------------------------ feeds

def looks_like_feed(data: bytes) -> bool:
    head = data[:2000].lstrip().lower()
    return (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def read_feed(data: bytes, where: str) -> Iterator[Article | InputError]:
    """An article per item of an RSS or Atom feed: its content (or summary) as text, with the item's title,
    date (published, else updated) and link; the feed's title as the site. A bad item is an error in its place."""
    import feedparser

    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") and feed.get("bozo_exception") else ""
        yield InputError(f"{where}: not an RSS or Atom feed with items{reason}")
        return
    site = _clean(feed.feed.get("title"), 300)
    for k, item in enumerate(feed.entries):
        here = f"{where}[{k}]"
        content = item.get("content") or []
        html = max((c.get("value", "") for c in content), key=len, default="") or item.get("summary", "")
        if not html.strip():
            yield InputError(f"{here}: the item has no content or summary")
            continue
        parsed = item.get("published_parsed") or item.get("updated_parsed")
        link = item.get("link")
        page = read_page(html, url=link)
        try:
            yield Article(text=page.text, id=_item_id(item, where, k), title=_clean(item.get("title")) or page.title,
                          published=date(*parsed[:3]) if parsed else page.published, source=link or where,
                          author=_clean(item.get("author"), 300) or page.author, site=site,
                          url=link if link and link.startswith(("http://", "https://")) else None)
        except ValueError as exc:
            yield InputError(f"{here}: {exc}")


def _item_id(item: dict, where: str, k: int) -> str:
    from pathlib import Path

    key = item.get("id") or item.get("link")
    if key:
        return re.sub(r"^https?://", "", str(key)).strip("/")[:300]
    return f"{Path(where).stem}-{k + 1}"


# ------------------------------------------------------------------ WARC archives

def read_warc(data: bytes, where: str) -> Iterator[Article | InputError]:
    """An article per HTML page of a WARC file (its ``response`` and ``resource`` records), with the record's
    target URL as source and id; the page's own date, else the date it was archived."""
    import io

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from kg.textio import decode

    found = 0
    try:
        for rec in ArchiveIterator(io.BytesIO(data)):
            if rec.rec_type not in ("response", "resource"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) or \
                rec.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            if rec.http_headers is not None and not rec.http_headers.get_statuscode().startswith("2"):
                continue
            found += 1
            here = f"{where}[{uri or found}]"
            try:
                html = decode(rec.content_stream().read(), here, _charset(ctype))
                page = read_page(html, url=uri or None)
                archived = _day(rec.rec_headers.get_header("WARC-Date"))
                yield Article(text=page.text, id=re.sub(r"^https?://", "", uri).strip("/")[:300] or None,
                              title=page.title, published=page.published or archived, source=uri or where,
                              author=page.author, site=page.site, url=page.url or (uri or None))
            except (InputError, ValueError) as exc:
                yield exc if isinstance(exc, InputError) else InputError(f"{here}: {exc}")
    except ArchiveLoadFailed as exc:
        yield InputError(f"{where}: not a WARC file ({str(exc).splitlines()[0][:200]})")
        return
    if not found:
        yield InputError(f"{where}: no HTML pages in this WARC file")


def count_items(data: bytes) -> int | None:
    """How many articles a feed or a WARC file holds, without reading them (None for other data)."""
    import io

    if looks_like_feed(data):
        import feedparser

        return max(1, len(feedparser.parse(data).entries))
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        n = sum(1 for rec in ArchiveIterator(io.BytesIO(data)) if rec.rec_type in ("response", "resource"))
    except ArchiveLoadFailed:
        return None
    return max(1, n)


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None
