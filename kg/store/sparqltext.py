"""SPARQL text helpers shared by the store backends: find a query's WHERE group, bind values in it.

The tokens come from :mod:`kg.sparqlscan`, so braces inside strings, IRIs and comments never count.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kg.sparqlscan import MalformedQuery, tokens


def _tokens(text: str) -> Iterator[tuple[str, str, int]] | None:
    """(kind, text, offset) of the query's tokens, by the reader that checks user queries
    (:mod:`kg.sparqlscan`); braces are "open" and "close", comments are left out. None when unreadable."""
    try:
        toks = tokens(text)
    except MalformedQuery:
        return None
    return ((("open" if t.text == "{" else "close" if t.text == "}" else t.kind), t.text, t.pos)
            for t in toks if t.kind != "comment")


def where_group(query: str) -> tuple[int, int] | None:
    """Offsets of the ``{`` and ``}`` of the query's WHERE group.

    None when there is no WHERE group (``DESCRIBE <x>``) or it cannot be wrapped (``CONSTRUCT WHERE {}``).
    """
    depth, form, prev, start, found = 0, None, "", -1, None
    toks = _tokens(query)
    if toks is None:
        return None  # unreadable: sent as it is, for the server to say why
    for kind, tok, pos in toks:
        up = tok.upper() if kind == "word" else ""
        if depth == 0 and found is None:
            if up in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = up
            if up == "WHERE" and form == "CONSTRUCT" and prev == "CONSTRUCT":
                return None  # the short form: its pattern is also its template
        if kind == "open":
            if depth == 0 and found is None and start < 0 and (prev == "WHERE" or form in ("SELECT", "ASK", "DESCRIBE")
                                                                or (form == "CONSTRUCT" and prev == "WHERE")):
                start = pos
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0 and start >= 0 and found is None:
                found = (start, pos)
        if depth == 0 or kind == "open":
            prev = up or tok
    if found is None:
        return None
    return found[0], found[1]


def term_text(t: Any) -> str:
    """A pyoxigraph term as SPARQL text (N-Triples syntax, which SPARQL accepts)."""
    if isinstance(t, ox.NamedNode | ox.Literal):
        return str(t)
    if isinstance(t, ox.BlankNode):
        raise ValueError("blank nodes cannot be bound in a query sent to a remote store")
    raise TypeError(f"cannot write {t!r} into a query")


def with_values(query: str, substitutions: dict[Any, Any] | None) -> str:
    """The query with ``substitutions`` bound by a ``VALUES`` block at the start of its WHERE group."""
    if not substitutions:
        return query
    names = " ".join(f"?{v.value}" for v in substitutions)
    values = f"VALUES ({names}) {{ ({' '.join(term_text(t) for t in substitutions.values())}) }}\n"
    wrap = where_group(query)
    if wrap is None:
        raise ValueError("bound variables need a query with a WHERE group")
    open_ = wrap[0]
    return f"{query[:open_ + 1]}\n{values}{query[open_ + 1:]}"
