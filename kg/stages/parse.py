"""spaCy ``Doc`` -> :class:`kg.types.Parsed`: the only stage that reads spaCy objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.types import EntSpan, Parsed, Sentence, Token

if TYPE_CHECKING:
    from spacy.tokens import Doc


def parse_doc(doc: Doc) -> Parsed:
    """Copy what later stages need out of a spaCy ``Doc``."""
    sent_of: dict[int, int] = {}
    sents: list[Sentence] = []
    for si, s in enumerate(doc.sents):
        sents.append(Sentence(si, s.start, s.end, s.start_char, s.end_char))
        for i in range(s.start, s.end):
            sent_of[i] = si
    tokens = [
        Token(
            i=t.i,
            text=t.text,
            idx=t.idx,
            lemma=t.lemma_ or t.text.lower(),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sent_of.get(t.i, 0),
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_ or "O",
            ws=t.whitespace_,
            morph=str(t.morph),
        )
        for t in doc
    ]
    ents = [EntSpan(e.label_, e.start, e.end, e.start_char, e.end_char, e.text) for e in doc.ents]
    try:
        chunks = [(c.start, c.end) for c in doc.noun_chunks]
    except ValueError:  # no parser
        chunks = []
    return Parsed(text=doc.text, tokens=tokens, sents=sents, ents=ents, noun_chunks=chunks)
