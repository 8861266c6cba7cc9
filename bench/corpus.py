"""Generated news texts for benchmarks that need the real spaCy pipeline at scale.

Each article is a dateline and six to nine sentences built from templates written for
this project: leaders (invented names, real countries and offices) meet, visit, sign,
pledge, accuse and reject, in real places. Every article is different, so ids and
content hashes never repeat and nothing is skipped as unchanged.

    python bench/corpus.py 10000 corpus.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Anna", "Marek", "Leila", "Tomas", "Ingrid", "Kofi", "Mei", "Rafael", "Sofia", "Yusuf", "Elena", "Arjun",
         "Nadia", "Pieter", "Hana", "Omar", "Lucia", "Kenji", "Amara", "Viktor", "Grace", "Selim", "Ines", "Daniel"]
LAST = ["Keller", "Novak", "Haddad", "Lindqvist", "Mensah", "Tanaka", "Oliveira", "Petrov", "Rahman", "Costa",
        "Moreau", "Okafor", "Svensson", "Iqbal", "Duarte", "Nakamura", "Kowalski", "Ferreira", "Abebe", "Laurent"]
COUNTRIES = [("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
             ("Brazil", "Brazilian", "Brasilia"), ("Kenya", "Kenyan", "Nairobi"), ("India", "Indian", "New Delhi"),
             ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"), ("Mexico", "Mexican", "Mexico City"),
             ("Poland", "Polish", "Warsaw"), ("Canada", "Canadian", "Ottawa"), ("Indonesia", "Indonesian", "Jakarta"),
             ("Nigeria", "Nigerian", "Abuja"), ("Argentina", "Argentine", "Buenos Aires"),
             ("Vietnam", "Vietnamese", "Hanoi"), ("Sweden", "Swedish", "Stockholm")]
OFFICES = ["President", "Prime Minister", "Foreign Minister", "Defense Minister", "Trade Minister"]
TOPICS = ["the border dispute", "a new trade agreement", "climate financing", "the fishing treaty",
          "energy security", "the refugee crisis", "arms control", "the water-sharing accord"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

SENTENCES = [
    "{A} met {B} in {place} on {day} to discuss {topic}.",
    "{A} and {B} signed an agreement on {topic} after two days of talks.",
    "{A} accused {cB} of violating the terms of {topic}.",
    "{B} rejected the proposal, saying it ignored the concerns of {cB}.",
    "{A} pledged $ {money} million in aid to {cB} over the next five years.",
    "{B} invited {A} to visit {capB} later this year.",
    "{A} said {cA} supports {topic} and urged {cB} to do the same.",
    "Officials from {cA} and {cB} will meet again in {month}, a spokesman for {A} said.",
    "{B} warned that {cB} would impose sanctions if the talks failed.",
    "{A} praised {B} for what {pron} called a constructive approach.",
    "The two leaders also discussed cooperation on {topic2}, according to a joint statement.",
    "{A} arrived in {capB} on {day} for a three-day state visit.",
]


def person(rng: random.Random) -> tuple[str, tuple[str, str, str], str]:
    country = rng.choice(COUNTRIES)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", country, rng.choice(OFFICES)


def article(k: int, rng: random.Random) -> dict:
    (a, ca, oa), (b, cb, ob) = person(rng), person(rng)
    while cb == ca or b.split()[1] == a.split()[1]:
        b, cb, ob = person(rng)
    published = date(2005, 1, 1) + timedelta(days=rng.randrange(6000))
    values = {"A": f"{ca[1]} {oa} {a}", "B": f"{cb[1]} {ob} {b}", "cA": ca[0], "cB": cb[0], "capB": cb[2],
              "place": rng.choice([ca[2], cb[2], "Geneva", "Vienna", "Singapore"]), "day": rng.choice(DAYS),
              "topic": rng.choice(TOPICS), "topic2": rng.choice(TOPICS), "money": rng.randrange(10, 900),
              "month": published.strftime("%B"), "pron": rng.choice(["he", "she"])}
    body = [s.format(**values) for s in rng.sample(SENTENCES, rng.randrange(6, 10))]
    # after the first mention, leaders go by surname, as news copy does
    body = [body[0]] + [s.replace(values["A"], a.split()[1]).replace(values["B"], b.split()[1]) if i % 2 else s
                        for i, s in enumerate(body[1:])]
    text = f"{values['place'].upper()} — " + " ".join(body) + f" (Story {k}.)"
    return {"id": f"gen-{k}", "title": f"{a} and {b} meet", "published": published.isoformat(), "text": text}


def articles(n: int, seed: int = 5) -> Iterator[dict]:
    rng = random.Random(seed)
    for k in range(n):
        yield article(k, rng)


def write(n: int, path: Path, seed: int = 5) -> int:
    """Write ``n`` articles as (gzipped, when the name ends in .gz) JSONL; returns the number of words."""
    words = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        for a in articles(n, seed):
            words += len(a["text"].split())
            f.write(json.dumps(a) + "\n")
    return words


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{n} articles, {write(n, out):,} words -> {out}")
