"""International bodies and well-known national institutions, with CAMEO-style actor codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class OrgInfo:
    name: str
    acronym: str | None
    actor_code: str
    country: str | None = None  # the country an institution acts for; None for IGOs/NGOs
    aliases: tuple[str, ...] = ()
    place: bool = False  # also a venue (the Pentagon, the White House)


ORGS: tuple[OrgInfo, ...] = (
    OrgInfo("United Nations", "UN", "IGOUNO", aliases=("U.N.", "the UN", "the U.N.")),
    OrgInfo("United Nations Security Council", "UNSC", "IGOUNO", aliases=("Security Council", "U.N. Security Council", "UN Security Council")),
    OrgInfo("United Nations General Assembly", None, "IGOUNO", aliases=("General Assembly", "U.N. General Assembly", "UN General Assembly")),
    OrgInfo("North Atlantic Treaty Organization", "NATO", "IGOWSTNAT", aliases=("the Atlantic alliance", "the alliance")),
    OrgInfo("European Union", "EU", "IGOWSTEEC", aliases=("E.U.", "European Community", "EC", "E.C.",
                                                         "European Economic Community", "EEC")),
    OrgInfo("European Commission", None, "IGOWSTEEC"),
    OrgInfo("International Atomic Energy Agency", "IAEA", "IGOUNOIAE", aliases=("U.N. nuclear watchdog", "UN nuclear watchdog")),
    OrgInfo("World Health Organization", "WHO", "IGOUNOWHO"),
    OrgInfo("World Trade Organization", "WTO", "IGOBUSWTO"),
    OrgInfo("International Monetary Fund", "IMF", "IGOBUSIMF"),
    OrgInfo("World Bank", None, "IGOBUSWBK"),
    OrgInfo("African Union", "AU", "IGOAFRAFU"),
    OrgInfo("Organization of African Unity", "OAU", "IGOAFRAFU"),
    OrgInfo("Arab League", None, "IGOARBALA", aliases=("League of Arab States",)),
    OrgInfo("Organization of the Petroleum Exporting Countries", "OPEC", "IGOBUSOPC"),
    OrgInfo("Organization for Security and Cooperation in Europe", "OSCE", "IGOEUROSC", aliases=("Organization for Security and Co-operation in Europe",)),
    OrgInfo("Association of Southeast Asian Nations", "ASEAN", "IGOSEAASN"),
    OrgInfo("Gulf Cooperation Council", "GCC", "IGOGCC"),
    OrgInfo("Organization of American States", "OAS", "IGOAMROAS"),
    OrgInfo("Economic Community of West African States", "ECOWAS", "IGOWAFWAS"),
    OrgInfo("Group of Eight", "G8", "IGOG8", aliases=("G-8",)),
    OrgInfo("Group of Seven", "G7", "IGOG7", aliases=("G-7",)),
    OrgInfo("Group of 20", "G20", "IGOG20", aliases=("G-20",)),
    OrgInfo("International Criminal Court", "ICC", "IGOJUDICC"),
    OrgInfo("International Court of Justice", "ICJ", "IGOUNOICJ", aliases=("World Court",)),
    OrgInfo("Warsaw Pact", None, "IGOEEUWAR"),
    OrgInfo("Palestine Liberation Organization", "PLO", "PSEGOVPLO"),
    OrgInfo("Palestinian Authority", "PA", "PSEGOV"),
    OrgInfo("Hamas", None, "PSEREBHMS"),
    OrgInfo("Hezbollah", None, "LBNREBHEZ", aliases=("Hizbollah", "Hizbullah")),
    OrgInfo("Taliban", None, "AFGREBTAL", aliases=("the Taliban",)),
    OrgInfo("al-Qaeda", None, "IMGMUSALQ", aliases=("al Qaeda", "al-Qaida", "Al Qaeda", "Al-Qaeda")),
    OrgInfo("Islamic State", "ISIS", "IMGMUSISI", aliases=("ISIL", "IS")),
    OrgInfo("International Labour Organization", "ILO", "IGOUNOILO", aliases=("International Labor Organization",
            "International Labor Office", "International Labour Office")),
    OrgInfo("World Food Programme", "WFP", "IGOUNOWFP", aliases=("World Food Program",)),
    OrgInfo("United Nations High Commissioner for Refugees", "UNHCR", "IGOUNOHCR",
            aliases=("UN refugee agency", "U.N. refugee agency", "the UN refugee agency")),
    OrgInfo("United Nations Children's Fund", "UNICEF", "IGOUNOCHF"),
    OrgInfo("Food and Agriculture Organization", "FAO", "IGOUNOFAO"),
    OrgInfo("Organisation of Islamic Cooperation", "OIC", "IGOMOSOIC", aliases=("Organization of the Islamic Conference",
            "Organisation of the Islamic Conference", "Organization of Islamic Cooperation")),
    OrgInfo("Commonwealth of Independent States", "CIS", "IGOCISCIS"),
    OrgInfo("Kurdistan Workers' Party", "PKK", "TURREBPKK", "TUR", aliases=("Kurdistan Workers Party",)),
    OrgInfo("Fatah", None, "PSEPTYFTH", "PSE", aliases=("Fatah Party", "Fatah movement")),
    OrgInfo("Islamic Jihad", None, "PSEREBPIJ", "PSE", aliases=("Palestinian Islamic Jihad",)),
    OrgInfo("Irish Republican Army", "IRA", "GBRREBIRA", "GBR"),
    OrgInfo("Sinn Fein", None, "GBRPTYSFN", "GBR", aliases=("Sinn Féin",)),
    OrgInfo("ETA", None, "ESPREBETA", "ESP"),
    OrgInfo("Revolutionary Armed Forces of Colombia", "FARC", "COLREBFAR", "COL"),
    OrgInfo("Liberation Tigers of Tamil Eelam", "LTTE", "LKAREBLTT", "LKA", aliases=("Tamil Tigers",)),
    OrgInfo("UNITA", None, "AGOREBUNI", "AGO", aliases=("National Union for the Total Independence of Angola",)),
    OrgInfo("Sudan People's Liberation Movement", "SPLM", "SDNREBSPL", "SDN", aliases=("SPLM/A", "SPLA")),
    OrgInfo("Kosovo Liberation Army", "KLA", "XKXREBKLA", "XKX"),
    OrgInfo("Muslim Brotherhood", None, "EGYOPPMBR", "EGY"),
    OrgInfo("African National Congress", "ANC", "ZAFPTYANC", "ZAF"),
    OrgInfo("Amnesty International", None, "NGOHRIAMN", aliases=("Amnesty",)),
    OrgInfo("Human Rights Watch", "HRW", "NGOHRIHRW"),
    OrgInfo("International Committee of the Red Cross", "ICRC", "NGOHLHIRC", aliases=("Red Cross",)),
    OrgInfo("Doctors Without Borders", "MSF", "NGOHLHMSF", aliases=("Medecins Sans Frontieres",)),
    OrgInfo("Pentagon", None, "USAMIL", "USA", aliases=("the Pentagon", "Defense Department", "Department of Defense"), place=True),
    OrgInfo("State Department", None, "USAGOV", "USA", aliases=("Department of State", "U.S. State Department")),
    OrgInfo("Central Intelligence Agency", "CIA", "USASPY", "USA"),
    OrgInfo("Federal Bureau of Investigation", "FBI", "USACOP", "USA"),
    OrgInfo("United States Congress", None, "USALEG", "USA", aliases=("Congress", "U.S. Congress", "US Congress")),
    OrgInfo("United States Senate", None, "USALEG", "USA", aliases=("Senate", "U.S. Senate", "US Senate")),
    OrgInfo("Kremlin", None, "RUSGOV", "RUS", aliases=("the Kremlin",), place=True),
    OrgInfo("Duma", None, "RUSLEG", "RUS", aliases=("State Duma", "the Duma")),
    OrgInfo("KGB", None, "SUNSPY", "SUN"),
    OrgInfo("Knesset", None, "ISRLEG", "ISR"),
    OrgInfo("Mossad", None, "ISRSPY", "ISR"),
    OrgInfo("European Parliament", None, "IGOWSTEEC"),
)  # fmt: skip


def _key(name: str) -> str:
    n = re.sub(r"^(the)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", n.replace("’", "'")).lower().rstrip(".")


@lru_cache(maxsize=1)
def _index() -> dict[str, OrgInfo]:
    out: dict[str, OrgInfo] = {}
    for o in ORGS:
        for n in (o.name, *(o.aliases)):
            out.setdefault(_key(n), o)
        if o.acronym:
            out.setdefault(_key(o.acronym), o)
            out.setdefault(_key(".".join(o.acronym) + "."), o)
    return out


@lru_cache(maxsize=1)
def known_name_index():  # noqa: ANN201 - a kg.dicts.actors.PhraseIndex
    """The curated organisations' names and aliases of two or more words, for longest-match scans."""
    from kg.dicts.actors import PhraseIndex

    return PhraseIndex((k, o) for k, o in _index().items() if " " in k)


def lookup_org(name: str, dictionaries: bool = True) -> OrgInfo | None:
    """Known organisation by name, alias or acronym: 'NATO', 'the U.N.', 'the Kremlin'.

    The curated table above comes first; then (``dictionaries``) PETRARCH2's Phoenix actor
    dictionaries of international bodies, companies and armed groups ("Lockheed Martin", "Red
    Crescent"), plus the user's own (``KG_ACTOR_DICTIONARIES``).

    >>> lookup_org("the U.N.").actor_code, lookup_org("IAEA").name
    ('IGOUNO', 'International Atomic Energy Agency')
    """
    k = _key(name)
    if k in ("alliance", "atlantic alliance", "is", "pa", "amnesty"):
        # too ambiguous alone; only matched with a full name
        return None if k != "amnesty" else _index().get("amnesty international")
    found = _index().get(k)
    if found is None and dictionaries:
        found = dictionary_org(k)
    return found


@lru_cache(maxsize=1)
def actor_dictionary():  # noqa: ANN201
    """The shipped Phoenix actor and agent dictionaries with the user's files read over them."""
    from kg.config import get_settings
    from kg.dicts.actors import load_actor_dictionary

    s = get_settings()
    return load_actor_dictionary(list(s.actor_dictionaries), list(s.agent_dictionaries))


@lru_cache(maxsize=4096)
def dictionary_org(key: str) -> OrgInfo | None:
    """An organisation of the actor dictionaries, by its whole name. Entries whose codes are all
    date-bounded are people who act for a body (a secretary-general), not bodies: left out, as are
    names of three letters or fewer (too easily ordinary words) and discarded phrases."""
    from kg.kb.countries import country_name

    if len(key) < 4:
        return None
    d = actor_dictionary()
    actor = d.actor_index.get(key)
    if actor is None or d.discard_index.get(key) is not None:
        return None
    code = actor.code_on(None)
    if not code:
        return None
    home = code[:3] if country_name(code[:3]) != code[:3] else None
    return OrgInfo(actor.name, None, code, country=home)
