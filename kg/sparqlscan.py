"""Read a SPARQL query's tokens the way Oxigraph reads them, and give back the text the engine will run.

Why not a parser: pyoxigraph exposes no parse tree, and a second parser with its own reading
(rdflib expands ``\\u`` escapes across the whole text before it parses, Oxigraph only inside strings
and IRIs) lets a query look harmless to the checker while the engine runs a ``SERVICE`` clause.
So this module lexes with Oxigraph's lexical rules (strings, IRIs, comments, prefixed names with
their ``\\'``/``\\#`` local escapes) and then writes the *canonical text* that is sent to the engine:
comments blanked, and every string or IRI that used a ``\\u`` escape rewritten without one. The
engine therefore runs exactly the tokens that were checked, and any SPARQL engine (Oxigraph,
Fuseki, ...) splits that text the same way. Scanning is linear in the query's length.

The checks on those tokens are deliberately blunt: ``service`` anywhere outside a string, IRI,
comment or variable name refuses the query (Oxigraph accepts ``SERVICE:x``, ``serviceex:y`` and
``SERVICESILENT<...>`` as SERVICE clauses), updates are refused, and ``FROM``/``FROM NAMED`` must
name this store's own graphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\"'\\]"

_TOKEN = re.compile(
    rf"""
    (?P<ws>[\x20\t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|{_ECHAR}|{_UCHAR}))*\"\"\"
              |'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''
              |\"(?:[^\"\\\n\r]|{_ECHAR}|{_UCHAR})*\"
              |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*')
  | (?P<iri><(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)
  | (?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)
  | (?P<word>[{_PN_CHARS_U}][{_PN_CHARS}]*)
  | (?P<lang>@[A-Za-z0-9]+(?:-{{1,2}}[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|<<|>>|\{{\||\|\}}|[{{}}()\[\].,;*/+\-!=<>|^?~])
    """,
    re.X,
)
_STRING_START = re.compile(r"'''|\"\"\"|'|\"")
_ESCAPE = re.compile(rf"{_UCHAR}|{_ECHAR}")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_KINDS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_OPEN, _CLOSE = "{([", "})]"


class MalformedQuery(ValueError):
    """A query that cannot be read; the message says where."""


class QueryRejected(ValueError):
    """A well-formed query the service will not run (SERVICE, updates, foreign graphs, too deep)."""


@dataclass
class Scan:
    """What a query asks for, and the canonical text to send to the engine."""

    kind: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    text: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    depth: int = 0


@dataclass
class _Tok:
    kind: str
    text: str
    pos: int


def _where(query: str, pos: int) -> str:
    line = query.count("\n", 0, pos) + 1
    col = pos - (query.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def _unescape(body: str, query: str, pos: int) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group()
        if e[1] in "uU":
            cp = int(e[2:], 16)
            if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
                raise MalformedQuery(f"{e} at {_where(query, pos)} is not a Unicode character")
            return chr(cp)
        return _ECHARS[e[1]]

    return _ESCAPE.sub(one, body)


def _string_value(tok: str, query: str, pos: int) -> str:
    q = 3 if tok[:3] in ("'''", '"""') else 1
    return _unescape(tok[q:-q], query, pos)


def _canonical_string(value: str) -> str:
    """A short double-quoted literal with no \\u escape that could change how a lexer splits it."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029\x7f":
            out.append(f"\\u{ord(ch):04X}")  # cannot end the string or the line in any reading
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _iri_value(tok: str, query: str, pos: int) -> str:
    value = _unescape(tok[1:-1], query, pos) if "\\" in tok else tok[1:-1]
    if _IRI_BAD.search(value):
        raise MalformedQuery(f"the IRI at {_where(query, pos)} contains a character IRIs cannot hold")
    return value


def tokens(query: str) -> list[_Tok]:
    """The query's tokens, comments included, whitespace dropped. Raises MalformedQuery on text no engine reads."""
    out: list[_Tok] = []
    pos, n = 0, len(query)
    while pos < n:
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            ch = query[pos]
            if _STRING_START.match(query, pos):
                raise MalformedQuery(f"unterminated or invalid string at {_where(query, pos)}")
            raise MalformedQuery(f"unexpected character {ch!r} at {_where(query, pos)}")
        kind = m.lastgroup or ""
        if kind not in ("ws", "comment"):
            text = m.group()
            if kind == "string" and m.end() < n and query[m.end()] in "'\"":
                # a quote right after a string: lexers that split quote runs differently could disagree
                raise MalformedQuery(f"a quote follows the string that ends at {_where(query, m.end())}; "
                                     "put a space between them")
            out.append(_Tok(kind, text, pos))
        elif kind == "comment":
            out.append(_Tok("comment", m.group(), pos))
        pos = m.end()
    return out


def _resolve_pname(text: str, prefixes: dict[str, str]) -> str | None:
    prefix, _, local = text.partition(":")
    ns = prefixes.get(prefix)
    if ns is None:
        return None
    return ns + re.sub(r"\\(.)", r"\1", local)


def scan(query: str, *, prefixes: dict[str, str], own_graphs: str, max_depth: int = 500) -> Scan:
    """Check ``query`` and return its kind, its dataset and the canonical text to run.

    ``prefixes`` are the ones the engine predefines; ``own_graphs`` is the IRI every FROM graph
    must start with.
    """
    toks = tokens(query)
    pieces: list[str] = []
    last = 0
    code = [t for t in toks if t.kind != "comment"]
    for t in toks:  # the canonical text: comments blanked, \u escapes spelled out
        repl = None
        if t.kind == "comment":
            repl = " " * len(t.text)
        elif t.kind == "string" and ("\\u" in t.text or "\\U" in t.text):
            repl = _canonical_string(_string_value(t.text, query, t.pos))
        elif t.kind == "iri" and "\\" in t.text:
            repl = "<" + _iri_value(t.text, query, t.pos) + ">"
        elif t.kind == "iri":
            _iri_value(t.text, query, t.pos)
        if repl is not None:
            pieces.append(query[last:t.pos])
            pieces.append(repl)
            last = t.pos + len(t.text)
    pieces.append(query[last:])
    text = "".join(pieces)

    for t in code:
        if t.kind in ("word", "pname", "lang") and "service" in t.text.lower():
            raise QueryRejected(f"SERVICE is not allowed (at {_where(query, t.pos)}): the endpoint never "
                                "contacts other servers")

    depth = deepest = 0
    for t in code:
        if t.kind == "punct" and t.text[0] in _OPEN:
            depth += 1
            if depth > max_depth:
                raise QueryRejected(f"the query nests deeper than {max_depth} levels of braces, parentheses and "
                                    f"brackets (at {_where(query, t.pos)})")
            deepest = max(deepest, depth)
        elif t.kind == "punct" and t.text[-1] in _CLOSE:
            depth -= 1

    # prologue: BASE <iri> and PREFIX p: <iri>, then the query form
    known = dict(prefixes)
    base: str | None = None
    i = 0
    while i < len(code) and code[i].kind == "word" and code[i].text.upper() in ("BASE", "PREFIX"):
        if code[i].text.upper() == "BASE":
            if i + 1 >= len(code) or code[i + 1].kind != "iri":
                raise MalformedQuery(f"BASE needs an IRI ({_where(query, code[i].pos)})")
            base = _iri_value(code[i + 1].text, query, code[i + 1].pos)
            i += 2
        else:
            if (i + 2 >= len(code) or code[i + 1].kind != "pname" or not code[i + 1].text.endswith(":")
                    or code[i + 1].text.count(":") != 1 or code[i + 2].kind != "iri"):
                raise MalformedQuery(f"PREFIX needs a name ending in ':' and an IRI ({_where(query, code[i].pos)})")
            ns = _iri_value(code[i + 2].text, query, code[i + 2].pos)
            known[code[i + 1].text[:-1]] = ns if _absolute(ns) or base is None else _join(base, ns)
            i += 3
    if i >= len(code):
        raise MalformedQuery("no query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    head = code[i]
    word = head.text.upper() if head.kind == "word" else ""
    if word in _UPDATES:
        raise QueryRejected("updates (INSERT, DELETE, LOAD, CLEAR, ...) are not accepted: the endpoint is read-only")
    if word not in _KINDS:
        raise MalformedQuery(f"expected SELECT, ASK, CONSTRUCT or DESCRIBE at {_where(query, head.pos)}")
    out = Scan(word, text, depth=deepest)
    for t in code[i:]:  # say which prefix is undefined, before the engine lists every character it expected
        if t.kind == "pname" and t.text.split(":", 1)[0] not in known:
            name = t.text.split(":", 1)[0]
            raise MalformedQuery(f"undefined prefix '{name}:' in {t.text} at {_where(query, t.pos)}: declare it "
                                 f"(PREFIX {name}: <...>) or use a predefined one "
                                 f"({', '.join(p + ':' for p in sorted(known) if p)})")

    # dataset clauses: FROM <g> / FROM NAMED <g>, IRIs or prefixed names, always this store's graphs
    for j, t in enumerate(code):
        low = t.text.lower()
        if t.kind == "pname" and low.split(":", 1)[0].startswith(("from", "named")):
            raise QueryRejected(f"a prefix name may not start with FROM or NAMED ({_where(query, t.pos)})")
        if t.kind != "word" or not low.startswith("from"):
            continue
        if low != "from":
            raise QueryRejected(f"write FROM as a word of its own ({_where(query, t.pos)})")
        k = j + 1
        target = out.default_graphs
        if k < len(code) and code[k].kind == "word" and code[k].text.lower() == "named":
            target, k = out.named_graphs, k + 1
        if k >= len(code) or code[k].kind not in ("iri", "pname"):
            raise QueryRejected(f"FROM must be followed by a graph IRI ({_where(query, t.pos)})")
        g = code[k]
        iri = _iri_value(g.text, query, g.pos) if g.kind == "iri" else _resolve_pname(g.text, known)
        if iri is None:
            raise MalformedQuery(f"undefined prefix in {g.text} ({_where(query, g.pos)})")
        if not _absolute(iri) and base is not None and g.kind == "iri":
            iri = _join(base, iri)
        if not iri.startswith(own_graphs) or "/." in iri[len(own_graphs):]:
            raise QueryRejected(f"FROM <{iri}> is not a graph of this store; only {own_graphs}... graphs can be named")
        target.append(iri)
    return out


def _absolute(iri: str) -> bool:
    return re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri) is not None


def _join(base: str, rel: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, rel)
