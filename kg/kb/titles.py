"""Office titles and group nouns -> CAMEO sectors.

``match_title(words)`` finds the longest known title at the start of a word list:
"national security advisor", "foreign minister", "president".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TitleInfo:
    title: str  # canonical, capitalised: "Foreign Minister"
    sector: str  # CAMEO sector code
    head: bool = False  # head of state or government
    adviser: bool = False  # advises a person ("Bush's adviser")
    country: str | None = None  # the one country with this office ("Secretary of State": the United States)


_TITLES: dict[str, TitleInfo] = {}


def _add(sector: str, *names: str, head: bool = False, adviser: bool = False) -> None:
    for n in names:
        canon = " ".join(w if w in ("of", "for", "and") else w.capitalize() for w in n.split())
        _TITLES[n] = TitleInfo(canon, sector, head, adviser)


_add("GOV", "president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
     "shah", "crown prince", "supreme leader", "ayatollah", "head of state", "head of government",
     "general secretary", "party chief", "party leader", "leader", "dictator", "monarch", "prince",
     "first secretary", "chairman", "president-elect", "taoiseach", "chief executive", head=True)
_add("GOV", "vice president", "deputy prime minister", "foreign minister", "foreign secretary",
     "secretary of state", "defense secretary", "defence secretary", "defense minister", "defence minister",
     "interior minister", "finance minister", "trade minister", "economy minister", "justice minister",
     "minister", "junior minister", "junior foreign minister", "deputy foreign minister",
     "state minister", "minister of state", "secretary", "treasury secretary", "attorney general",
     "ambassador", "envoy", "special envoy", "diplomat", "consul", "chief negotiator", "negotiator",
     "spokesman", "spokeswoman", "spokesperson", "official", "officials", "governor", "mayor",
     "cabinet secretary", "chief of staff", "counterpart", "delegation", "delegate", "mediator", "inspector",
     "inspectors", "observer", "observers", "monitor", "monitors", "commissioner", "rapporteur", "emissary",
     "under secretary", "assistant secretary", "deputy secretary", "deputy minister")
_add("GOV", "national security advisor", "national security adviser", "security adviser", "security advisor",
     "adviser", "advisor", "aide", "top aide", "senior adviser", "senior advisor", "chief adviser",
     "foreign policy adviser", "foreign policy advisor", adviser=True)
_add("MIL", "general", "commander", "army chief", "chief of staff of the army", "admiral", "colonel",
     "defense chief", "military chief", "army", "troops", "soldiers", "forces", "military", "navy",
     "air force", "armed forces", "marines", "warplanes", "jets", "gunboats", "tanks", "militia")
_add("REB", "rebels", "rebel", "insurgents", "insurgent", "guerrillas", "guerrilla", "militants",
     "militant", "separatists", "separatist", "fighters", "gunmen", "rebel leader")
_add("COP", "police", "policemen", "police officers", "security forces", "border guards")
_add("OPP", "opposition", "opposition leader", "opposition party", "dissidents", "dissident")
_add("LEG", "parliament", "lawmakers", "lawmaker", "legislators", "senator", "congressman",
     "congresswoman", "parliamentarians", "speaker", "mp", "deputies")
_add("JUD", "court", "judge", "judges", "prosecutor", "prosecutors", "tribunal")
_add("GOV", "government", "administration", "ministry", "foreign ministry", "cabinet", "regime",
     "authorities", "junta", "state department", "embassy", "mission", "leadership")
_add("MED", "newspaper", "media", "journalists", "journalist", "television", "state television",
     "radio", "news agency", "reporters")
_add("CVL", "people", "civilians", "citizens", "residents", "villagers", "students", "protesters",
     "demonstrators", "workers", "farmers", "refugees", "pilgrims", "population", "crowd")
_add("BUS", "businessmen", "company", "companies", "firms", "banks", "industry")
_add("SPY", "intelligence", "intelligence service", "spy agency", "spies", "agents")
_add("PTY", "party", "ruling party")

# Offices that name their country: a bare "Secretary of State" in the news is the United States'.
for _k, _c in (("secretary of state", "USA"), ("taoiseach", "IRL"), ("state department", "USA")):
    _TITLES[_k] = TitleInfo(_TITLES[_k].title, _TITLES[_k].sector, _TITLES[_k].head, _TITLES[_k].adviser, _c)

MAX_TITLE_WORDS = max(len(k.split()) for k in _TITLES)


def lookup_title(phrase: str) -> TitleInfo | None:
    """A known title or group noun, exactly: 'Foreign Minister' -> Foreign Minister, GOV."""
    return _TITLES.get(" ".join(phrase.lower().replace("-", " - ").split()).replace(" - ", "-"))


def match_title(words: list[str]) -> tuple[int, TitleInfo] | None:
    """Longest title at the start of ``words``: (number of words, info), or None."""
    low = [w.lower() for w in words]
    for n in range(min(MAX_TITLE_WORDS, len(low)), 0, -1):
        info = _TITLES.get(" ".join(low[:n]))
        if info:
            return n, info
    return None


def is_title_word(word: str) -> bool:
    return any(word.lower() == k.split()[-1] for k in _TITLES)

_add("GOV", "secretary-general", "secretary general", "director general", "director-general", "director",
     "head", "chief", "president of the commission", "high representative", "foreign policy chief", head=True)
