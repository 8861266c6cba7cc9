"""Country names, demonyms, capitals and sub-national places -> ISO 3166-1 alpha-3.

pycountry is the authority on codes and names; country_converter resolves the
many spellings ("Russia", "N. Korea", "Iranian"); the small tables here cover what
both miss (demonyms such as "American", capitals used as actors, US states).
"""

from __future__ import annotations

import contextlib
import difflib
import logging
import re
from functools import lru_cache

import pycountry

# Spellings and demonyms that pycountry and country_converter miss or get wrong.
_EXTRA: dict[str, str] = {
    "u.s.": "USA", "u.s": "USA", "us": "USA", "u.s.a.": "USA", "usa": "USA", "america": "USA", "american": "USA",
    "americans": "USA", "united states": "USA", "united states of america": "USA",
    "britain": "GBR", "great britain": "GBR", "british": "GBR", "briton": "GBR", "britons": "GBR",
    "uk": "GBR", "u.k.": "GBR", "england": "GBR", "english": "GBR", "scotland": "GBR", "scottish": "GBR",
    "wales": "GBR", "welsh": "GBR", "northern ireland": "GBR",
    "soviet": "SUN", "soviets": "SUN", "soviet union": "SUN", "ussr": "SUN", "u.s.s.r.": "SUN",
    "serb": "SRB", "serbs": "SRB", "croat": "HRV", "croats": "HRV", "chinese": "CHN", "dutch": "NLD",
    "filipino": "PHL", "filipinos": "PHL", "saudi": "SAU", "saudis": "SAU", "emirati": "ARE",
    "congolese": "COD", "yugoslav": "YUG", "yugoslavia": "YUG", "yugoslavian": "YUG", "taiwanese": "TWN",
    "turk": "TUR", "turks": "TUR", "turkish": "TUR", "greek": "GRC", "greeks": "GRC", "swede": "SWE",
    "swedes": "SWE", "danish": "DNK", "dane": "DNK", "finn": "FIN", "pole": "POL", "poles": "POL",
    "polish": "POL", "czech": "CZE", "czechs": "CZE", "azeri": "AZE", "afghan": "AFG", "afghans": "AFG",
    "burmese": "MMR", "burma": "MMR", "ivorian": "CIV", "french": "FRA", "frenchman": "FRA",
    "irish": "IRL", "swiss": "CHE", "thai": "THA", "lao": "LAO", "laotian": "LAO", "kiwi": "NZL",
    "israelis": "ISR", "palestinians": "PSE", "palestinian": "PSE", "palestine": "PSE",
    "gaza": "PSE", "west bank": "PSE", "iraqis": "IRQ", "iranians": "IRN", "syrians": "SYR",
    "north korea": "PRK", "north korean": "PRK", "north koreans": "PRK", "dprk": "PRK",
    "south korea": "KOR", "south korean": "KOR", "south koreans": "KOR", "russians": "RUS",
    "germans": "DEU", "west german": "DEU", "west germany": "DEU", "east german": "DDR",
    "east germany": "DDR", "vatican": "VAT", "holy see": "VAT", "kosovo": "XKX", "kosovar": "XKX",
    "kosovars": "XKX", "argentine": "ARG", "lebanese": "LBN", "sudanese": "SDN", "somali": "SOM",
    "somalis": "SOM", "ukrainians": "UKR", "philippine": "PHL", "prc": "CHN", "people's republic of china": "CHN", "ivory coast": "CIV",
}  # fmt: skip
_NOT_COUNTRIES = {
    "martin", "arab", "arabs", "european", "europeans", "europe", "africa", "african", "asia", "asian", "kurdish",
    "kurd", "kurds", "muslim", "muslims", "christian", "christians", "jewish", "jews", "western", "west",
    "east", "korean", "koreans", "latin", "middle east", "the middle east", "democrat", "democrats",
    "republican", "republicans", "communist", "communists", "sunni", "shiite", "shia", "catholic",
    "islamic", "hindu", "sikh", "tamil", "tamils", "pashtun", "hutu", "tutsi", "basque", "balkan",
    "balkans", "caucasus", "gulf", "nordic", "scandinavian", "baltic", "pacific", "atlantic",
}  # fmt: skip

# Capitals and seats of government: places that news uses as actors ("Moscow said").
CAPITALS: dict[str, str] = {
    "washington": "USA", "moscow": "RUS", "beijing": "CHN", "peking": "CHN", "london": "GBR",
    "paris": "FRA", "berlin": "DEU", "bonn": "DEU", "tokyo": "JPN", "seoul": "KOR", "pyongyang": "PRK",
    "tehran": "IRN", "teheran": "IRN", "baghdad": "IRQ", "damascus": "SYR", "beirut": "LBN",
    "amman": "JOR", "cairo": "EGY", "riyadh": "SAU", "jerusalem": "ISR", "tel aviv": "ISR",
    "ramallah": "PSE", "ankara": "TUR", "kabul": "AFG", "islamabad": "PAK", "new delhi": "IND",
    "delhi": "IND", "kyiv": "UKR", "kiev": "UKR", "minsk": "BLR", "warsaw": "POL", "havana": "CUB",
    "caracas": "VEN", "ottawa": "CAN", "canberra": "AUS", "pretoria": "ZAF", "nairobi": "KEN",
    "addis ababa": "ETH", "khartoum": "SDN", "tripoli": "LBY", "belgrade": "SRB", "zagreb": "HRV",
    "sarajevo": "BIH", "athens": "GRC", "rome": "ITA", "madrid": "ESP", "lisbon": "PRT",
    "tbilisi": "GEO", "hanoi": "VNM", "manila": "PHL", "jakarta": "IDN", "bangkok": "THA",
    "taipei": "TWN", "brasilia": "BRA", "mexico city": "MEX", "bogota": "COL", "lima": "PER",
    "abuja": "NGA", "kampala": "UGA", "harare": "ZWE", "kinshasa": "COD", "algiers": "DZA",
    "rabat": "MAR", "tunis": "TUN", "doha": "QAT", "abu dhabi": "ARE", "muscat": "OMN", "sanaa": "YEM",
    "tashkent": "UZB", "baku": "AZE", "yerevan": "ARM", "dublin": "IRL", "stockholm": "SWE",
    "oslo": "NOR", "helsinki": "FIN", "copenhagen": "DNK", "vienna": "AUT", "budapest": "HUN",
    "prague": "CZE", "bucharest": "ROU", "sofia": "BGR", "skopje": "MKD", "tirana": "ALB",
    "pristina": "XKX", "chisinau": "MDA", "vilnius": "LTU", "riga": "LVA", "tallinn": "EST",
    "bern": "CHE", "the hague": "NLD", "brussels": "BEL", "kuwait city": "KWT", "manama": "BHR",
    "dhaka": "BGD", "colombo": "LKA", "kathmandu": "NPL", "rangoon": "MMR", "yangon": "MMR",
    "naypyidaw": "MMR", "phnom penh": "KHM", "vientiane": "LAO", "ulaanbaatar": "MNG",
    "wellington": "NZL", "buenos aires": "ARG", "santiago": "CHL", "montevideo": "URY",
    "quito": "ECU", "la paz": "BOL", "managua": "NIC", "san salvador": "SLV", "dakar": "SEN",
    "accra": "GHA", "bamako": "MLI", "niamey": "NER", "ndjamena": "TCD", "n'djamena": "TCD",
    "mogadishu": "SOM", "asmara": "ERI", "kigali": "RWA", "bujumbura": "BDI", "dar es salaam": "TZA",
    "dodoma": "TZA", "lusaka": "ZMB", "luanda": "AGO", "maputo": "MOZ", "windhoek": "NAM",
    "monrovia": "LBR", "freetown": "SLE", "yaounde": "CMR", "nicosia": "CYP", "valletta": "MLT",
    "reykjavik": "ISL", "astana": "KAZ", "bishkek": "KGZ", "dushanbe": "TJK", "ashgabat": "TKM",
}  # fmt: skip
# Seats of power named for a building: always the government of that country.
SEATS: dict[str, tuple[str, str]] = {
    "kremlin": ("RUS", "GOV"), "white house": ("USA", "GOV"), "downing street": ("GBR", "GOV"),
    "elysee": ("FRA", "GOV"), "élysée": ("FRA", "GOV"), "elysee palace": ("FRA", "GOV"),
    "quai d'orsay": ("FRA", "GOV"), "zhongnanhai": ("CHN", "GOV"), "foggy bottom": ("USA", "GOV"),
    "whitehall": ("GBR", "GOV"), "blue house": ("KOR", "GOV"),
}  # fmt: skip

_CODE = re.compile(r"^[A-Z]{3}$")
_ARTICLE = re.compile(r"^(the)\s+", re.IGNORECASE)


def _norm(name: str) -> str:
    n = name.strip().replace("’", "'")
    n = _ARTICLE.sub("", n)
    n = re.sub(r"'s$", "", n)
    return re.sub(r"\s+", " ", n).strip().lower()


@lru_cache(maxsize=1)
def _converter():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@lru_cache(maxsize=1)
def _countryinfo() -> tuple[dict[str, str], dict[str, str]]:
    """Demonyms ('canadian' -> CAN, with plurals) and capitals from the countryinfo package."""
    import countryinfo

    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    best: dict[str, int] = {}
    for c in countryinfo.all_countries():
        try:
            iso = (c.iso() or {}).get("alpha3") if isinstance(c.iso(), dict) else c.iso(3)
        except Exception:  # noqa: BLE001 - a few records lack fields
            continue
        if not iso:
            continue
        try:
            pop = int(c.population() or 0)
        except Exception:  # noqa: BLE001
            pop = 0
        for get, table in ((c.demonym, demonyms), (c.capital, capitals)):
            try:
                v = get()
            except Exception:  # noqa: BLE001
                v = None
            if isinstance(v, str) and v.strip():
                keys = [v.strip().lower()]
                if table is demonyms and not v.lower().endswith(("ese", "ss", "ish", "ch", "sh", "i")):
                    keys.append(v.strip().lower() + "s")
                for k in keys:  # a shared demonym ("Indian") goes to the most populous country
                    if k not in table or pop > best.get(k, 0):
                        table[k] = iso
                        best[k] = pop
    return demonyms, capitals


@lru_cache(maxsize=8192)
def exact_country_code(name: str) -> str | None:
    """Only exact names, codes and demonyms (no fuzzy matching): safe for words that may be people."""
    n = _norm(name)
    if n in _NOT_COUNTRIES or len(n) < 2:
        return None
    if n in _EXTRA:
        return _EXTRA[n]
    if len(n) <= 3:
        return None
    try:
        return pycountry.countries.lookup(n).alpha_3
    except LookupError:
        return _countryinfo()[0].get(n)


@lru_cache(maxsize=8192)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 of a country name or demonym, or None.

    >>> country_code("Russia"), country_code("the United States"), country_code("Zimbabwean")
    ('RUS', 'USA', 'ZWE')
    >>> country_code("Texas") is None
    True
    """
    n = _norm(name)
    if not n or n in _NOT_COUNTRIES or len(n) < 2:
        return None
    if n in _EXTRA:
        return _EXTRA[n]
    if len(n) <= 3:  # "it", "in", "ma": two- and three-letter words are not country codes here
        return None
    try:
        return pycountry.countries.lookup(n).alpha_3
    except LookupError:
        pass
    if n in _countryinfo()[0]:
        return _countryinfo()[0][n]
    code = _converter().convert(n, to="ISO3", not_found=None)
    if isinstance(code, str) and _CODE.match(code) and _only_country_words(n, code):
        return code
    return _spelling_variant(n)


@lru_cache(maxsize=4096)
def _spelling_variant(n: str) -> str | None:
    """A misspelt country name that PETRARCH2's country dictionary lists ("Ethopia", "Quatar"): a name
    listed under a country and spelt nearly as that country's own name. Its cities and
    regions, listed alongside, are not countries."""
    from kg.kb.orgs import actor_dictionary

    code = actor_dictionary().places.get(n)
    if code is None:
        return None
    names = {country_name(code).lower()}
    with contextlib.suppress(LookupError):
        c = pycountry.countries.lookup(code)
        names |= {c.name.lower(), getattr(c, "common_name", c.name).lower()}
    return code if any(difflib.SequenceMatcher(None, n, name).ratio() >= 0.8 for name in names) else None


_GENERIC_WORDS = frozenset({"the", "of", "and", "republic", "kingdom", "state", "states", "federal", "federation",
                            "democratic", "people's", "peoples", "islamic", "arab", "united", "union", "socialist",
                            "popular", "islands", "island", "north", "south", "east", "west", "northern",
                            "southern", "eastern", "western", "commonwealth", "principality", "grand", "duchy",
                            "sultanate", "emirate", "emirates", "plurinational", "bolivarian", "co-operative",
                            "cooperative", "territory", "former", "soviet", "sar", "province", "china", "de"})


_COMPOUND_WORDS = frozenset({"led", "backed", "occupied", "registered", "based", "born", "controlled", "held", "run",
                             "owned", "sponsored", "allied", "supported", "ethnic", "strip", "mainland",
                             "a", "an", "serb", "serbs", "croat", "croats", "moslem", "moslems", "yugoslav",
                             "albanians", "cypriot", "cypriots"})


@lru_cache(maxsize=256)
def _code_names(code: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of a country's names, and country_converter's expressions for it."""
    data = _converter().data
    words: set[str] = set()
    regexes: list[str] = []
    for _, row in data[code == data.ISO3].iterrows():
        for col in ("name_short", "name_official"):
            words.update(w for w in re.split(r"[\s,()]+", str(row[col]).lower().replace("-", " ")) if w)
        # the names its regular expression accepts ("holland", "zaire", "persia"), not the ones it excludes
        rx = re.sub(r"\(\?!.*?\)", "", str(row["regex"])).replace("\\b", " ")
        words.update(re.findall(r"[a-z]{4,}", rx))
        regexes.append(str(row["regex"]))  # for words it accepts whole ("t[ü|u]rk[i|e]y": "turkey")
    c = pycountry.countries.get(alpha_3=code)
    for attr in ("name", "official_name", "common_name"):
        words.update(w for w in re.split(r"[\s,()]+", str(getattr(c, attr, "") or "").lower()) if w)
    return frozenset(words), tuple(regexes)


def _fullmatch(rx: str, word: str) -> bool:
    try:
        return re.fullmatch(rx, word, flags=re.IGNORECASE) is not None
    except re.error:
        return False


def _only_country_words(n: str, code: str) -> bool:
    """country_converter matches by regular expressions that also match inside other names ("Lockheed
    Martin", "New Zealand Herald"): accept its answer only when every word belongs to that country's names
    (or a word made from one, as a demonym is) or is a word that country names are made of."""
    known, regexes = _code_names(code)
    words = ["saint" if w in ("st", "st.") else w for w in re.split(r"[\s]+", n.replace("-", " ")) if w]
    core = [w for w in words if w not in _GENERIC_WORDS]
    if core and " ".join(core) in _NOT_COUNTRIES:  # "Martin and": a trap word with filler around it
        return False

    def named(w: str) -> bool:  # one of this country's names, or made from one ("zimbabwean")
        return w in known or any(len(k) > 3 and w.startswith(k) for k in known) or any(
            _fullmatch(rx, w) for rx in regexes)

    if not any(named(w) for w in words):
        return False
    demonyms = _countryinfo()[0]
    # every other word: filler of country names, a people ("Bosnian Serbs", "Iraqi Kurds"), or a
    # participle of a compound ("Vietnamese-led", "Israeli-occupied")
    return all(w in _GENERIC_WORDS or w in _NOT_COUNTRIES or w in demonyms or w in _COMPOUND_WORDS or named(w)
               for w in words)


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """Common English name of an ISO alpha-3 code ('RUS' -> 'Russia')."""
    special = {"SUN": "Soviet Union", "XKX": "Kosovo", "YUG": "Yugoslavia", "DDR": "East Germany",
               "PSE": "Palestine", "USA": "United States", "GBR": "United Kingdom", "RUS": "Russia",
               "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea", "VNM": "Vietnam",
               "TWN": "Taiwan", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "LAO": "Laos",
               "MDA": "Moldova", "COD": "Democratic Republic of the Congo", "CZE": "Czech Republic"}  # fmt: skip
    if code in special:
        return special[code]
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        h = pycountry.historic_countries.get(alpha_3=code)
        return h.name if h else code
    return getattr(c, "common_name", None) or c.name


def capital_country(name: str) -> str | None:
    """The country whose capital (or seat of government) ``name`` is: 'Moscow' -> 'RUS'."""
    n = _norm(name)
    return CAPITALS.get(n) or _countryinfo()[1].get(n)


def seat_of_government(name: str) -> tuple[str, str] | None:
    """('RUS', 'GOV') for 'the Kremlin'; None for other names."""
    return SEATS.get(_norm(name))


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    out: dict[str, str] = {}
    for sd in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=sd.country_code)
        if c is not None:
            out.setdefault(sd.name.lower(), c.alpha_3)
    out.update({"new york": "USA", "new york city": "USA", "texas": "USA", "alaska": "USA"})
    return out


def subdivision_country(name: str) -> str | None:
    """Country of a province, state or region: 'Texas' -> 'USA', 'Chechnya' -> 'RUS'."""
    n = _norm(name)
    return _subdivisions().get(n) or _subdivisions().get(n.split(",")[0].strip())


@lru_cache(maxsize=512)
def numeric_code(code: str) -> str | None:
    """ISO 3166-1 numeric code of an alpha-3 code ('RUS' -> '643'), for maps keyed by it; None for codes ISO
    never gave one (Kosovo's XKX)."""
    c = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    return getattr(c, "numeric", None) if c else None
