"""Reading articles from files, folders, JSONL, saved web pages, RSS/Atom feeds and WARC archives; decoding them
in the encoding they declare; refusing input that is not English article text, with the reason."""

from __future__ import annotations

import codecs
import gzip
import html
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from kg.types import Article, InputError

_STOP = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was", "as", "by", "he", "it",
         "at", "said", "his", "from", "its", "an", "be", "were", "are", "has", "have", "had", "not", "but", "this",
         "their", "they", "will", "would", "who", "which"}  # fmt: skip
# Frequent function words of other languages written in Latin script (none is an English word).
_FOREIGN = {"der", "und", "das", "ist", "nicht", "mit", "sich", "ein", "eine", "dem", "den", "auf", "von", "zu",
            "les", "et", "est", "une", "du", "dans", "pour", "qui", "sur", "avec", "pas", "sont", "el", "los", "las",
            "y", "del", "por", "una", "con", "para", "como", "pero", "il", "che", "di", "della", "per", "non",
            "sono", "gli", "nel", "het", "een", "niet", "ook", "och", "att", "ett", "som", "je", "se", "na",
            "da", "um", "uma", "com", "não", "dos", "ao", "ve", "bir", "ile", "bu", "dla", "nie"}  # fmt: skip
TEXT_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".gz", ".rss", ".atom", ".xml",
                 ".warc"}
FEED_ONLY_SUFFIXES = (".rss", ".atom")  # a file named so must be a feed (an .xml file may be one)
WARC_SUFFIXES = (".warc",)


class _Text(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "header",
             "footer", "blockquote", "title"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "nav", "noscript", "svg"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "nav", "noscript", "svg"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</?(p|div|span|a|br|body)\b", text[:5000])) >= 3


def html_to_text(text: str) -> str:
    """Visible text of an HTML page, paragraphs separated by blank lines."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    out = html.unescape("".join(parser.parts))
    out = re.sub(r"[ \t\r\f\v]+", " ", out)
    return re.sub(r"\s*\n\s*\n\s*", "\n\n", out).strip()


def check_text(text: str, max_chars: int, where: str = "input") -> str:
    """Return usable article text or raise :class:`InputError` saying why not."""
    if "\x00" in text:
        raise InputError(f"{where}: binary data, not text")
    if len(text) > max_chars:
        raise InputError(f"{where}: {len(text):,} characters, more than the limit of {max_chars:,} (KG_MAX_CHARS)")
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise InputError(f"{where}: empty text")
    ctrl = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if ctrl > max(10, len(text) // 100):
        raise InputError(f"{where}: binary data, not text")
    words = re.findall(r"[A-Za-z]+", text.lower())
    letters = sum(ch.isalpha() for ch in text)
    if letters and (lang := _other_language(text)):
        raise InputError(f"{where}: this text is in {language_name(lang)} ({lang}), not English; diplomatic-kg "
                         "extracts from English only")
    if letters >= 40:
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        stop = sum(1 for w in words if w in _STOP)
        foreign = sum(1 for w in words if w in _FOREIGN)
        if latin / letters < 0.5 or (foreign >= 3 and foreign > stop):
            raise InputError(f"{where}: does not look like English text; diplomatic-kg extracts from English only")
    return text


# The languages py3langid chooses among: the languages most news is written in. Over all its 97 languages
# it reads short English sentences full of foreign names as Bikol, Xhosa or Afrikaans; over these, such
# sentences come out English and one-line French, Spanish or German texts come out as what they are.
NEWS_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "he", "zh", "ja",
                  "ko", "hi", "id", "vi", "sv", "da", "no", "fi", "cs", "ro", "hu", "el", "sw")  # fmt: skip


@lru_cache(maxsize=1)
def _language_identifier():  # noqa: ANN202 - py3langid's LanguageIdentifier (its model ships in the package)
    from py3langid import langid

    ident = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    ident.set_languages(list(NEWS_LANGUAGES))
    return ident


def _other_language(text: str) -> str | None:
    """The language py3langid is sure of (p >= 0.9, English below 0.05) when it is not English, for a text of
    any length; None otherwise. English sentences full of foreign names get scattered scores, so only a
    confident verdict refuses a text."""
    ranked = dict(_language_identifier().rank(text[:5000]))
    lang = max(ranked, key=lambda k: ranked[k])
    return lang if lang != "en" and ranked[lang] >= 0.9 and ranked.get("en", 0.0) < 0.05 else None


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ('fr' -> 'French')."""
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang else code


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = (re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I),  # <meta charset> and http-equiv
             re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I))  # an XML declaration


def _bom(data: bytes) -> str | None:
    return next((name for mark, name in _BOMS if data.startswith(mark)), None)


def _known(encoding: str | None) -> str | None:
    """Python's name for an encoding, or None when it names none Python knows."""
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding bytes declare: a byte-order mark, else an HTML ``<meta charset>`` (or its http-equiv form)
    or an XML declaration in the first 4 KB; None when they declare none (or one Python does not know)."""
    if bom := _bom(data):
        return bom
    head = data[:4096]
    for pattern in _DECLARED:
        if m := pattern.search(head):
            name = _known(m.group(1).decode("ascii", "replace"))
            # A page that is readable ASCII cannot be UTF-16 or UTF-32, whatever its <meta> says: browsers read
            # such a declaration as UTF-8 (the HTML standard's rule), and so does this.
            return "utf-8" if name and name.startswith(("utf-16", "utf-32")) else name
    return None


def decode(data: bytes, where: str, declared: str | None = None) -> str:
    """Text of a file's bytes: in the encoding its byte-order mark, an HTTP header (``declared``), its
    ``<meta charset>`` or its XML declaration names; else UTF-8. Refused, with the reason, when it is binary
    or not in the encoding it claims."""
    encoding = _bom(data) or _known(declared) or declared_encoding(data) or "utf-8-sig"
    if not encoding.startswith(("utf-16", "utf-32")) and b"\x00" in data[:8192]:
        raise InputError(f"{where}: binary data, not text")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            raise InputError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start}); a file in another "
                             "encoding must declare it (a <meta charset=...> or an XML declaration)") from exc
        raise InputError(f"{where}: not {encoding} text, as it declares ({exc.reason} at byte {exc.start})") from exc


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def parse_text_file(text: str, where: str) -> Article:
    """A text file, with optional front matter (id, title, published, source) between '---' lines."""
    meta: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                meta[k.strip().lower()] = v.strip()
        text = text[m.end() :].lstrip("\n")
    try:
        return Article(text=text, id=meta.get("id"), title=meta.get("title"), published=meta.get("published"),
                       source=meta.get("source") or meta.get("url"))
    except ValueError as exc:
        raise InputError(f"{where}: {_first_error(exc)}") from exc


def _first_error(exc: Exception) -> str:
    errs = getattr(exc, "errors", None)
    if callable(errs):
        e = errs()[0]
        return f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}".replace("Value error, ", "")
    return str(exc)


def article_from_record(rec: object, where: str) -> Article:
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError(f"{where}: a JSON article needs a \"text\" string")
    try:
        return Article(text=rec["text"], id=str(rec["id"]) if rec.get("id") not in (None, "") else None,
                       title=rec.get("title"), published=rec.get("published"),
                       source=rec.get("source") or rec.get("url"))
    except ValueError as exc:
        raise InputError(f"{where}: {_first_error(exc)}") from exc


def read_path(path: Path) -> Iterator[Article | InputError]:
    """Articles in a file or folder; a bad item yields an InputError and reading goes on."""
    if not path.exists():
        if re.match(r"^(https?|ftp):/", str(path)):  # Path() folds the // of a URL
            yield InputError(f"{str(path).replace(':/', '://', 1)}: diplomatic-kg does not fetch from the network; "
                             "save the page, feed or WARC file and ingest the file")
        else:
            yield InputError(f"{path}: no such file or folder")
        return
    if path.is_dir():
        files = _files(path)
        if not files:
            yield InputError(f"{path}: no article files (.txt, .md, .html, .json, .jsonl, .rss, .atom, .xml, .warc) "
                             "in this folder")
        for f in files:
            yield from read_path(f)
        return
    try:
        raw, name = _read(path)
    except InputError as exc:
        yield exc
        return
    if name.endswith(WARC_SUFFIXES):
        from kg.webpage import read_warc

        yield from read_warc(raw, str(path))
        return
    from kg.webpage import looks_like_feed, read_feed

    if looks_like_feed(raw):
        yield from read_feed(raw, str(path))
        return
    if name.endswith(FEED_ONLY_SUFFIXES):
        yield InputError(f"{path}: not an RSS or Atom feed")
        return
    try:
        text = decode(raw, str(path))
    except InputError as exc:
        yield exc
        return
    if name.endswith(".jsonl"):
        yield from read_jsonl_text(text, str(path))
    elif name.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})")
            return
        for k, rec in enumerate(data if isinstance(data, list) else [data]):
            try:
                yield article_from_record(rec, f"{path}[{k}]")
            except InputError as exc:
                yield exc
    else:
        try:
            art = parse_text_file(text, str(path))
            if art.id is None:
                art = art.model_copy(update={"id": path.stem})
            if art.source is None:
                art = art.model_copy(update={"source": path.name})
            yield art
        except InputError as exc:
            yield exc


def _files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                  and not f.name.startswith(".") and f.name.lower() != "readme.md")


def _read(path: Path) -> tuple[bytes, str]:
    """A file's bytes, ungzipped when its name ends in .gz, and its lower-case name without that .gz."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    name = path.name.lower()
    if name.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except OSError as exc:
            raise InputError(f"{path}: not a gzip file") from exc
        name = name[:-3]
    return raw, name


def count_articles(path: Path) -> int:
    """About how many items ``read_path(path)`` yields, for a progress bar: feed items and WARC records are
    counted without reading their pages (a WARC's non-HTML records count too); other files are read."""
    if path.is_dir():
        return sum(count_articles(f) for f in _files(path)) or 1
    if not path.is_file():
        return 1
    if path.name.lower().removesuffix(".gz").endswith(WARC_SUFFIXES + FEED_ONLY_SUFFIXES + (".xml",)):
        from kg.webpage import count_items

        try:
            n = count_items(_read(path)[0])
        except InputError:
            n = None
        if n is not None:
            return n
    return sum(1 for _ in read_path(path))


def read_jsonl_text(text: str, where: str) -> Iterator[Article | InputError]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}:{n}: invalid JSON ({exc.msg})")
            continue
        try:
            yield article_from_record(rec, f"{where}:{n}")
        except InputError as exc:
            yield exc
