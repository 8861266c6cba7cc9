"""Event triggers: verbs and nouns -> CAMEO codes; CAMEO -> PLOVER type and mode.

The PLOVER type of a trigger is never written here: it comes from the CAMEO code
through the CAMEO-to-PLOVER 2021 mapping shipped in ``kg/data/cameo_plover.json``.
A frame says where the target is (direct object, objects of which prepositions),
whether the event is reciprocal ("A and B met"), and the PLOVER mode when the
trigger fixes one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Frame:
    cameo: str
    targets: tuple[str, ...] = ("dobj",)  # "dobj", "dative", or prepositions ("with", "to", ...)
    reciprocal: bool = False
    mode: str | None = None
    objects: tuple[str, ...] = ()  # only when the direct object's lemma is one of these
    particle: str | None = None  # only with this particle ("call off", "pull out")
    weight: float = 0.8  # how sure the trigger alone makes us
    origin: str = ""  # where the frame comes from: a verb dictionary pattern ("file:line"), or empty for this table


V = Frame
# Verb triggers. Order inside a list matters: the first frame whose conditions hold wins.
VERBS: dict[str, list[Frame]] = {
    # CONSULT
    "meet": [V("040", ("dobj", "with"), reciprocal=True, weight=0.9)],
    "confer": [V("040", ("with",), reciprocal=True)],
    "consult": [V("040", ("dobj", "with"), reciprocal=True)],
    "talk": [V("040", ("with", "to"), reciprocal=True, weight=0.6)],
    "discuss": [V("040", ("with",), reciprocal=True, weight=0.7)],
    "negotiate": [V("046", ("with",), reciprocal=True)],
    "mediate": [V("045", ("between", "dobj"))],
    "visit": [V("042", ("dobj",), mode="visit", weight=0.9)],
    "travel": [V("042", ("to",), mode="visit", weight=0.7)],
    "fly": [V("042", ("to",), mode="visit", weight=0.5)],
    "arrive": [V("042", ("in",), mode="visit", weight=0.6)],
    "tour": [V("042", ("dobj",), mode="visit", weight=0.6)],
    "host": [V("043", ("dobj",), mode="host", weight=0.9)],
    "receive": [V("0862", ("dobj", "from"), objects=("observer", "inspector", "monitor", "peacekeeper", "mission")),
                V("043", ("dobj",), mode="host", weight=0.5, objects=("__actor__",))],
    "welcome": [V("043", ("dobj",), mode="host", weight=0.6, objects=("__actor__",)), V("051")],
    "phone": [V("041", ("dobj",), mode="phone")],
    "telephone": [V("041", ("dobj",), mode="phone")],
    "call": [V("041", ("dobj",), mode="phone", weight=0.4, objects=("__actor__",)),
             V("020", ("on", "for"), weight=0.7)],
    # AGREE (intentions, offers, invitations)
    "agree": [V("030", ("with", "to"), reciprocal=True, weight=0.9)],
    "promise": [V("030", ("dative", "to"))],
    "pledge": [V("030", ("dative", "to"))],
    "vow": [V("030", ("to",), weight=0.6)],
    "offer": [V("030", ("dative", "to"))],
    "propose": [V("036", ("to",), weight=0.6)],
    "invite": [V("036", ("dobj",), weight=0.9)],
    "accept": [V("036", ("dobj",), objects=("invitation", "invite"), weight=0.8),
               V("030", ("dobj",), objects=("offer", "proposal", "plan", "deal", "agreement", "ceasefire", "truce")),
               V("036", (), objects=("__none__",), weight=0.6)],
    # SUPPORT
    "praise": [V("051")], "commend": [V("051")], "hail": [V("051")], "laud": [V("051")],
    "congratulate": [V("051")], "thank": [V("051")], "endorse": [V("051")], "applaud": [V("051")],
    "back": [V("051", weight=0.5)], "support": [V("051", weight=0.6)],
    "defend": [V("052", weight=0.6)], "apologize": [V("055", ("to",))], "apologise": [V("055", ("to",))],
    "forgive": [V("056")], "recognize": [V("054", weight=0.5)], "recognise": [V("054", weight=0.5)],
    "sign": [V("057", ("with",), reciprocal=True)], "ratify": [V("057")],
    # COOPERATE
    "cooperate": [V("060", ("with",), reciprocal=True)],
    "collaborate": [V("060", ("with",), reciprocal=True)],
    "work": [V("060", ("with",), reciprocal=True, weight=0.5, particle=None)],
    "share": [V("064", ("with",), objects=("intelligence", "information", "data", "expertise", "technology",
              "know-how", "experience"))],
    "extradite": [V("063", ("to",))],
    # AID
    "aid": [V("070")], "assist": [V("070")], "help": [V("070", weight=0.4)],
    "provide": [V("070", ("to", "dative"), weight=0.6, objects=("aid", "assistance", "help", "support", "loan",
                "weapon", "arm", "food", "medicine", "relief", "fund", "money", "troop", "protection", "shelter"))],
    "send": [V("070", ("to", "dative"), weight=0.5, objects=("aid", "assistance", "help", "food", "medicine",
             "relief", "supply", "money", "weapon", "arm"))],
    "donate": [V("070", ("to",))], "lend": [V("071", ("to", "dative"))],
    "grant": [V("075", ("dative", "to"), objects=("asylum",))],
    # CONCEDE / RETREAT
    "yield": [V("080", ("to",))], "concede": [V("080", ("to",))], "relent": [V("080")],
    "ease": [V("081", ("on",), weight=0.6)], "lift": [V("085", ("on",), objects=("sanction", "embargo", "ban", "blockade", "restriction", "siege", "curfew",
                                            "measure", "emergency", "state", "martial"))],
    "release": [V("0841", ("dobj", "to"), weight=0.7)], "free": [V("0841", weight=0.5)], "return": [V("0842", ("to",), weight=0.4,
                objects=("prisoner", "territory", "land", "body", "hostage", "property"))],
    "withdraw": [V("166", ("from",), objects=("inspector", "monitor", "observer", "peacekeeper", "ambassador",
                                              "envoy", "diplomat", "aid", "worker", "mission", "embassy", "staff")),
                 V("0874", ("from",), weight=0.6)], "retreat": [V("0874", ("from",))],
    "disarm": [V("0873")], "demobilize": [V("0873")], "surrender": [V("0874", ("to",))],
    "reduce": [V("087", weight=0.5, objects=("arsenal", "weapon", "arm", "troop", "force", "warhead", "presence", "missile"))],
    "cut": [V("087", weight=0.5, objects=("arsenal", "weapon", "arm", "troop", "force", "warhead", "missile"))],
    "allow": [V("086", weight=0.4, objects=("inspector", "inspection", "observer", "aid", "access", "monitor", "peacekeeper"))],
    # REQUEST
    "urge": [V("020")], "appeal": [V("020", ("to",))], "ask": [V("020", weight=0.6)], "request": [V("020", ("from",))],
    "demand": [V("100", ("from", "of"))], "plead": [V("020", ("with",))], "press": [V("020", weight=0.4)],
    "implore": [V("020")], "beg": [V("020")], "petition": [V("020")], "seek": [V("020", ("from",), weight=0.5)],
    # ACCUSE
    "accuse": [V("112")], "blame": [V("112")], "criticize": [V("111")], "criticise": [V("111")],
    "condemn": [V("111")], "denounce": [V("111")], "deplore": [V("111")], "rebuke": [V("111")],
    "chastise": [V("111")], "slam": [V("111")], "castigate": [V("111")],
    "complain": [V("114", ("about", "to", "of"))],
    "summon": [V("114", weight=0.6)], "sue": [V("115")], "charge": [V("112", weight=0.5, objects=("__actor__",))],
    "investigate": [V("090", weight=0.6)], "allege": [V("112", weight=0.4)], "lash": [V("111", ("at",))],
    # REJECT
    "reject": [V("120")], "refuse": [V("120", weight=0.6)], "rebuff": [V("120")], "dismiss": [V("120", weight=0.6)],
    "deny": [V("120", weight=0.4)], "veto": [V("129")], "defy": [V("128")], "decline": [V("125", weight=0.5)],
    "disagree": [V("120", ("with",), reciprocal=True)], "spurn": [V("120")], "snub": [V("120")],
    "boycott": [V("125", weight=0.6)],
    # THREATEN
    "threaten": [V("130")], "warn": [V("130", weight=0.6)],
    # PROTEST
    "protest": [V("140", ("against",), weight=0.6)], "demonstrate": [V("141", ("against",), weight=0.5)],
    "rally": [V("141", ("against",), weight=0.5)], "march": [V("141", ("against", "on"), weight=0.5)],
    "riot": [V("145")], "block": [V("144", objects=("road", "street", "highway", "traffic", "passage", "entrance",
                                                     "access", "bridge", "border"))], "strike": [V("143", weight=0.3, objects=("__none__",))],
    # SANCTION / COERCE
    "sanction": [V("163")], "expel": [V("166")], "recall": [V("161", objects=("ambassador", "envoy", "diplomat"))],
    "sever": [V("161", ("with",), objects=("tie", "relation"))], "suspend": [V("16", weight=0.5)],
    "halt": [V("16", weight=0.4)], "cancel": [V("16", weight=0.4)],
    "impose": [V("163", ("on",), objects=("sanction", "embargo", "blockade", "tariff", "ban", "restriction", "curfew"))],
    "arrest": [V("173")], "detain": [V("173")], "jail": [V("173")], "imprison": [V("173")],
    "deport": [V("174")], "seize": [V("171", weight=0.6)], "confiscate": [V("1711")], "ban": [V("172", weight=0.5)],
    "occupy": [V("192")], "blockade": [V("191")], "annex": [V("192")],
    # MOBILIZE
    "mobilize": [V("154")], "mobilise": [V("154")], "deploy": [V("154", ("to",), weight=0.5)],
    "mass": [V("154", ("along", "on"), weight=0.5)],
    # ASSAULT
    "attack": [V("190")], "bomb": [V("195")], "shell": [V("194")], "invade": [V("190")], "raid": [V("190")],
    "kill": [V("190", weight=0.6)], "assassinate": [V("186")], "shoot": [V("193", ("at",))], "fire": [V("193", ("on", "at"), weight=0.5)],
    "ambush": [V("190")], "clash": [V("190", ("with",), reciprocal=True)], "fight": [V("190", ("with", "against"), weight=0.5)],
    "abduct": [V("181")], "kidnap": [V("181")], "hijack": [V("181")], "torture": [V("182")], "beat": [V("182", particle="up"), V("182", weight=0.4)],
    "give": [V("070", ("dative", "to"), objects=("aid", "assistance", "grant", "loan", "money", "help", "weapon", "arm",
             "food", "medicine", "support", "fund", "credit"))],
    "hand": [V("070", ("to",), particle="over", weight=0.6)], "deliver": [V("070", ("to",), weight=0.5)],
    "evacuate": [V("073", ("from", "to"), weight=0.6)],
    "outlaw": [V("172")],
    "upgrade": [V("050", ("with",), reciprocal=True, objects=("tie", "relation", "relationship"))],
    "restore": [V("050", ("with",), reciprocal=True, objects=("tie", "relation", "relationship"))],
    "normalize": [V("050", ("with",), reciprocal=True, objects=("tie", "relation", "relationship"))],
    "establish": [V("050", ("with",), reciprocal=True, objects=("tie", "relation", "relationship"))],
    "force": [V("174", ("from", "out"), particle="out")],
    "close": [V("191", ("with", "to"), objects=("border", "embassy", "airspace", "crossing", "consulate", "port"))],
    "blow": [V("1712", particle="up", weight=0.6)], "renege": [V("120", ("on",))], "violate": [V("128", weight=0.5)],
    "order": [V("100", objects=("__actor__",), weight=0.6)],
    "massacre": [V("202")], "wound": [V("190", weight=0.5)], "storm": [V("190", weight=0.6)],
}  # fmt: skip

N = Frame
# Noun triggers: participants come from possessors, "between", "with", "to", "by", or the governing verb.
NOUNS: dict[str, Frame] = {
    "summit": N("040", ("with", "between"), reciprocal=True, weight=0.9),
    "talk": N("040", ("with", "between"), reciprocal=True, weight=0.8),
    "meeting": N("040", ("with", "between"), reciprocal=True, weight=0.8),
    "encounter": N("040", ("with", "between"), reciprocal=True, weight=0.6),
    "session": N("040", ("with", "between"), reciprocal=True, weight=0.5),
    "negotiation": N("046", ("with", "between"), reciprocal=True),
    "visit": N("042", ("to",), mode="visit", weight=0.8),
    "trip": N("042", ("to",), mode="visit", weight=0.7),
    "invitation": N("036", ("to",), weight=0.8),
    "call": N("041", ("with", "to"), mode="phone", weight=0.3),
    "agreement": N("057", ("with", "between"), reciprocal=True, weight=0.5),
    "accord": N("057", ("with", "between"), reciprocal=True, weight=0.5),
    "pledge": N("030", ("to",), weight=0.6),
    "promise": N("030", ("to",), weight=0.5),
    "offer": N("030", ("to",), weight=0.5),
    "accusation": N("112", ("against",)),
    "criticism": N("111", ("of",), weight=0.6),
    "condemnation": N("111", ("of",)),
    "threat": N("130", ("to", "against"), weight=0.5),
    "ultimatum": N("139", ("to",)),
    "sanction": N("163", ("on", "against"), weight=0.8),
    "embargo": N("163", ("on", "against"), weight=0.8),
    "disagreement": N("120", ("with", "between"), reciprocal=True, weight=0.7),
    "attack": N("190", ("on", "against"), weight=0.7),
    "airstrike": N("195", ("on", "against")),
    "invasion": N("190", ("of",)),
    "bombing": N("195", ("of",), weight=0.6),
    "protest": N("140", ("against",), weight=0.6),
    "demonstration": N("141", ("against",), weight=0.5),
    "ceasefire": N("0871", ("with", "between"), reciprocal=True, weight=0.6),
    "truce": N("0871", ("with", "between"), reciprocal=True, weight=0.6),
    "appeal": N("020", ("to",), weight=0.6),
    "request": N("020", ("to", "from"), weight=0.5),
    "aid": N("070", ("to",), weight=0.4),
    "fire": N("193", ("on", "at"), weight=0.4),
    "complaint": N("114", ("with", "to", "against")),
    "suspension": N("16", ("with", "to", "of"), weight=0.5),
    "demand": N("100", ("on", "of", "from"), weight=0.5),
    "investigation": N("090", ("against", "into", "of"), weight=0.6),
    "inquiry": N("090", ("into", "against"), weight=0.5),
    "mediation": N("045", ("between", "with")),
    "rally": N("141", ("against",), weight=0.6),
    "strike": N("143", ("against",), weight=0.4),
    "withdrawal": N("0874", ("from",), weight=0.6),
    "curfew": N("1723", ("on", "in"), weight=0.5),
    "blockade": N("191", ("of", "on", "against"), weight=0.6),
    "boycott": N("143", ("of", "against"), weight=0.6),
}  # fmt: skip

# Verbs that only carry an event named by their object ("hold talks", "wrap up a summit").
LIGHT_VERBS = frozenset({"lodge", "file", "register", "declare", "complete", "announce", "order", "speed",
                         "hold", "have", "conduct", "attend", "begin", "start", "open", "end", "conclude", "wrap",
                         "finish", "resume", "host", "make", "pay", "launch", "reach", "strike", "extend", "issue",
                         "accept", "deliver", "receive", "stage", "join", "continue", "go", "mark"})
# Verbs whose complement is an intention: "announced plans to reduce", "pledged to cut".
INTENT_VERBS = frozenset({"announce", "pledge", "promise", "vow", "agree", "offer", "plan", "intend", "propose",
                          "commit", "decide", "resolve", "undertake", "express", "signal", "stress", "show"})
# Governors whose complement is the content of their own event: "invited X to visit" is one invitation.
CONTENT_GOVERNORS = frozenset({"invite", "urge", "ask", "call", "press", "appeal", "demand", "request", "agree",
                               "promise", "pledge", "vow", "offer", "propose", "threaten", "refuse", "decline",
                               "reject", "plead", "encourage", "persuade", "help", "announce", "plan", "intend",
                               "seek", "want", "decide"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "declare", "announce", "insist", "note", "remark", "argue",
                          "respond", "reply", "explain", "stress", "report", "write", "claim", "warn", "assert",
                          "acknowledge", "believe", "think", "indicate", "suggest", "signal", "confirm", "predict"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "'d"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_GOVERNORS = frozenset({"plan", "intend", "hope", "expect", "schedule", "want", "seek", "aim", "prepare",
                              "set", "propose", "wish", "like", "consider", "try", "attempt", "going", "invite",
                              "urge", "ask", "agree", "promise", "pledge", "vow", "offer", "decide"})
FAILURE_GOVERNORS = frozenset({"fail", "refuse", "decline", "neglect", "stop", "cease", "abandon"})

# The intention behind "plans to X": the CAMEO 03 code for intent to do X's root category.
INTENT_FOR_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "087": "0356", "084": "0353",
                   "085": "0354", "086": "0355"}


@lru_cache(maxsize=1)
def _codes() -> dict[str, dict]:
    with resources.files("kg.data").joinpath("cameo_plover.json").open("r", encoding="utf-8") as f:
        return json.load(f)["codes"]


def plover_of(cameo: str) -> tuple[str | None, str | None]:
    """PLOVER event type and mode of a CAMEO code (walking up to its parent codes)."""
    codes = _codes()
    c = cameo
    while c:
        info = codes.get(c)
        if info and info.get("plover"):
            return info["plover"], info.get("mode")
        c = c[:-1] if len(c) > 2 else ""
    return None, None


def cameo_name(cameo: str) -> str | None:
    info = _codes().get(cameo)
    return info["name"] if info else None


def goldstein(cameo: str) -> float | None:
    info = _codes().get(cameo)
    return info.get("goldstein") if info else None


def intent_code(cameo: str) -> str:
    """CAMEO code for the intention to do ``cameo`` ("087" -> "0356")."""
    for k in (cameo[:3], cameo[:2]):
        if k in INTENT_FOR_ROOT:
            return INTENT_FOR_ROOT[k]
    return "030"
