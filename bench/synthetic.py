"""A realistic synthetic corpus: article graphs built from generated extractions (no spaCy needed).

Leaders, countries and organisations come from pools; each article has a few events
(typed with real PLOVER/CAMEO pairs), roles, stances and relations, with evidence
spans, dates spread over twenty years. Used to grow a store to a given size.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from kg.rdf.to_rdf import article_graph
from kg.types import ArticleInfo, Entity, Event, Evidence, Extraction, Relation, Role, Stance

CAMEO = [("040", "CONSULT"), ("042", "CONSULT"), ("036", "AGREE"), ("057", "SUPPORT"), ("111", "ACCUSE"),
         ("112", "ACCUSE"), ("120", "REJECT"), ("130", "THREATEN"), ("163", "COERCE"), ("190", "ASSAULT"),
         ("070", "AID"), ("020", "REQUEST"), ("051", "SUPPORT"), ("0356", "AGREE")]
COUNTRIES = ["USA", "RUS", "CHN", "FRA", "DEU", "GBR", "IND", "BRA", "JPN", "TUR", "IRN", "ISR", "EGY", "NGA", "ZAF",
             "MEX", "CAN", "AUS", "KOR", "PRK", "UKR", "POL", "ITA", "ESP", "SAU", "PAK", "IDN", "VNM", "ARG", "KEN"]
TOPICS = ["missile defense", "trade", "terrorism", "climate change", "nuclear program", "human rights"]


def synthetic_extraction(k: int, rng: random.Random, persons: int = 300) -> Extraction:
    text = " ".join(f"Sentence {j} of synthetic article {k} about diplomacy." for j in range(12))
    sent = [(m.start(), m.end()) for m in __import__("re").finditer(r"Sentence [^.]*\.", text)]
    ev = [Evidence(text=text[s:e], start=s, end=e) for s, e in sent]
    day = date(2000, 1, 1) + timedelta(days=rng.randrange(7300))
    ids = rng.sample(range(persons), 4)
    ents = []
    for pid in ids:
        c = COUNTRIES[pid % len(COUNTRIES)]
        ents.append(Entity(id=f"person/leader-{pid}", type="Person", name=f"Leader {pid}", aliases=[f"L{pid}"],
                           country=c, actor_code=f"{c}GOV",
                           roles=[Role(title="Foreign Minister", country=c, sector="GOV", asserted=day,
                                       evidence=ev[0])]))
    for c in {COUNTRIES[p % len(COUNTRIES)] for p in ids}:
        ents.append(Entity(id=f"country/{c}", type="Country", name=c, country=c, actor_code=c))
    topic = rng.choice(TOPICS)
    ents.append(Entity(id=f"topic/{topic.replace(' ', '-')}", type="Topic", name=topic))
    events = []
    for n in range(5):
        a, b = rng.sample(ids, 2)
        cameo, plover = rng.choice(CAMEO)
        events.append(Event(id=f"event/{n + 1}", type=plover, cameo=cameo, trigger="met", source=[f"person/leader-{a}"],
                            target=[f"person/leader-{b}"], participants=[f"person/leader-{a}", f"person/leader-{b}"],
                            date=day - timedelta(days=rng.randrange(3)), date_text="Monday", confidence=0.8,
                            evidence=ev[1 + n]))
    stances = [Stance(id="stance/1", holder=f"person/leader-{ids[0]}", topic=topic,
                      topic_id=f"topic/{topic.replace(' ', '-')}", polarity=rng.choice(["support", "oppose"]),
                      confidence=0.7, evidence=ev[8])]
    rels = [Relation(id="relation/1", subject=f"person/leader-{ids[1]}", predicate="adviser_of",
                     object=f"person/leader-{ids[2]}", evidence=ev[9])]
    return Extraction(article=ArticleInfo(id=f"synthetic-{k}", title=f"Synthetic {k}", published=day),
                      entities=ents, events=events, stances=stances, relations=rels, text=text)


def grow(store, n_articles: int, seed: int = 7) -> int:  # noqa: ANN001
    """Add ``n_articles`` synthetic articles; returns the number of triples written."""
    rng = random.Random(seed)
    total = 0
    for k in range(n_articles):
        total += store.put_article(f"synthetic-{k}", article_graph(synthetic_extraction(k, rng)))
    store.flush()
    return total
