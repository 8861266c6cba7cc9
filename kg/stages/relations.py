"""Relations between entities: spouse, adviser of, member of, party to, head of, located in."""

from __future__ import annotations

from kg.stages.arguments import _actors, _subject
from kg.stages.phrase_mentions import TREATY_MAKERS
from kg.stages.resolution import Resolution
from kg.types import Evidence, Parsed, Relation

SPOUSE_NOUNS = {"wife", "husband", "spouse"}
HEAD_TITLES = {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
               "supreme leader", "general secretary", "secretary-general", "secretary general", "director general",
               "director-general", "taoiseach", "shah", "head of state", "head of government"}  # fmt: skip


def _ev(p: Parsed, sent: int) -> Evidence:
    s = p.sents[sent]
    return Evidence(text=p.text[s.start_char : s.end_char], start=s.start_char, end=s.end_char)


def find_relations(p: Parsed, r: Resolution, dateline: tuple[str, str, Evidence] | None = None) -> list[Relation]:
    out: list[Relation] = []

    def add(s: str, pred: str, o: str, ev: Evidence) -> None:
        if s == o or any(x.subject == s and x.predicate == pred and x.object == o for x in out):
            return
        if pred == "spouse" and any(x.subject == o and x.object == s and x.predicate == pred for x in out):
            return
        out.append(Relation(id="", subject=s, predicate=pred, object=o, evidence=ev))  # type: ignore[arg-type]

    persons = lambda ids: [i for i in ids if i.startswith("person/")]  # noqa: E731
    for t in p.tokens:
        if t.lemma.lower() in SPOUSE_NOUNS and t.pos == "NOUN":
            owner = [a for c in p.children(t.i) if c.dep == "poss" for a in persons(_actors(p, r, c.i))]
            named = [a for c in p.children(t.i) if c.dep in ("appos", "compound") for a in persons(_actors(p, r, c.i))]
            if t.dep == "appos":
                named += persons(_actors(p, r, t.head))
            if not owner and t.dep == "conj":  # "The Russian president and his wife, Ludmila"
                owner = persons(_actors(p, r, t.head))
            for a in owner:
                for b in named:
                    add(a, "spouse", b, _ev(p, t.sent))
        if t.lemma in TREATY_MAKERS | {"join", "issue", "adopt"} and t.pos == "VERB":
            subj, passive = _subject(p, r, t.i)
            objs = [c for c in p.children(t.i) if c.dep == "dobj"]
            for o in objs:
                m = r.mention_at(o.i)
                tid = m.entity if m and m.entity else None
                if tid and tid.startswith("treaty/"):
                    for s in subj:
                        add(s, "party_to", tid, _ev(p, t.sent))
                elif tid and tid.startswith("org/") and t.lemma == "join":
                    for s in subj:
                        add(s, "member_of", tid, _ev(p, t.sent))
        if t.lemma == "member" and t.pos == "NOUN":
            orgs = [a for c in p.children(t.i) if c.dep == "prep" and c.lower == "of"
                    for g in p.children(c.i) for a in _actors(p, r, g.i) if a.startswith("org/")]
            orgs += [a for c in p.children(t.i) if c.dep == "compound" for a in _actors(p, r, c.i) if a.startswith("org/")]
            members = _actors(p, r, t.head) if t.dep in ("appos", "attr") else []
            if t.dep == "attr":
                members, _ = _subject(p, r, t.head)
            members += [a for c in p.children(t.i) if c.dep == "appos" for a in _actors(p, r, c.i)]
            for mbr in members:
                for o in orgs:
                    add(mbr, "member_of", o, _ev(p, t.sent))
    for pid, f in r.roles:
        ev = _ev(p, f.sent)
        if (f.info.adviser or f.info.title == "Counterpart") and f.owner_tok is not None:
            om = r.mention_at(f.owner_tok)
            if om and om.entity and om.entity.startswith("person/"):
                add(pid, "adviser_of" if f.info.adviser else "counterpart_of", om.entity, ev)
        if f.info.title.lower() in HEAD_TITLES or f.title_text.lower() in HEAD_TITLES:
            if f.org:
                from kg.kb.orgs import lookup_org
                from kg.types import slug

                o = lookup_org(f.org)
                if o and f"org/{slug(o.name)}" in r.entities:
                    add(pid, "head_of", f"org/{slug(o.name)}", ev)
            elif f.country and f"country/{f.country}" in r.entities:
                add(pid, "head_of", f"country/{f.country}", ev)
    # "Crawford, Texas": a place followed by the larger place it is in
    for m in r.mentions:
        if not (m.entity and m.entity.startswith("place/")):
            continue
        nxt = m.tok_end
        if nxt + 1 < len(p.tokens) and p.tokens[nxt].text == ",":
            n2 = r.mention_at(nxt + 1)
            if n2 and n2.entity and n2.entity != m.entity and n2.label in ("GPE", "LOC") and n2.entity.startswith(
                    ("place/", "country/")) and p.tokens[nxt + 1].dep == "appos":
                add(m.entity, "located_in", n2.entity, _ev(p, m.sent))
        t = p.tokens[m.head]
        for c in p.children(t.i):
            if c.dep == "prep" and c.lower == "in":
                for g in p.children(c.i):
                    n2 = r.mention_at(g.i)
                    if n2 and n2.entity and n2.entity.startswith(("place/", "country/")) and n2.entity != m.entity:
                        add(m.entity, "located_in", n2.entity, _ev(p, m.sent))
    if dateline:
        a, b, ev = dateline
        add(a, "located_in", b, ev)
    for k, x in enumerate(out, start=1):
        x.id = f"relation/{k}"
    return out
