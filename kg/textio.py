"""Reading articles from files, folders and JSONL; refusing input that is not article text."""

from __future__ import annotations

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
TEXT_SUFFIXES = {".txt", ".md", ".text", ".html", ".htm", ".json", ".jsonl", ".gz"}


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
    if letters >= 15 and len(text.split()) >= 4 and (lang := _other_language(text)):
        raise InputError(f"{where}: looks like {lang} text, not English; diplomatic-kg extracts from English only")
    if letters >= 40:
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        stop = sum(1 for w in words if w in _STOP)
        foreign = sum(1 for w in words if w in _FOREIGN)
        if latin / letters < 0.5 or (foreign >= 3 and foreign > stop):
            raise InputError(f"{where}: does not look like English text; diplomatic-kg extracts from English only")
    return text


@lru_cache(maxsize=1)
def _language_identifier():  # noqa: ANN202 - py3langid's LanguageIdentifier (its model ships in the package)
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


ENGLISH_LIKE = {"en", "pcm", "sco"}  # py3langid reads some English news as Nigerian Pidgin or Scots


def _other_language(text: str) -> str | None:
    """The language code py3langid is sure of (p >= 0.9) when it is not English; None otherwise. Short English
    sentences full of names get low, scattered scores, so only a confident verdict refuses a text."""
    lang, p = _language_identifier().classify(text[:5000])
    return lang if lang not in ENGLISH_LIKE and float(p) >= 0.9 else None


def decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


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
        yield InputError(f"{path}: no such file or folder")
        return
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                       and not f.name.startswith(".") and f.name.lower() != "readme.md")
        if not files:
            yield InputError(f"{path}: no article files (.txt, .md, .html, .json, .jsonl) in this folder")
        for f in files:
            yield from read_path(f)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror})")
        return
    name = path.name.lower()
    if name.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except OSError:
            yield InputError(f"{path}: not a gzip file")
            return
        name = name[:-3]
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
