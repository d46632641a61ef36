"""CAMEO lookup tables (actor country, type, known group, ethnic, religion; event codes;
Goldstein scale); CAMEO actor codes resolve through the core's one identity table.

The lookup files are GDELT's own (``data/lookups/`` of The GDELT Project), shipped as
package data: the actor tables as copied by aamend/spark-gdelt (Apache-2.0; the
FIPS/ISO country table, GeoNames data CC BY 4.0, ships with the core in
``mideast_model/data/countryInfo.txt``), the event codes and Goldstein
scale as copied by mpiccirilli/UNDP-BCPR-Project (GDELT lookup files, no licence stated
there; GDELT publishes them for unrestricted use with citation). Codes are text.
"""

from __future__ import annotations

import functools
from importlib import resources

from mideast_model.model import ActorKind

__all__ = [  # noqa: F822 - CAMEO_TO_SEED comes from the module's __getattr__
    "CAMEO_TO_SEED",
    "GEO_TYPES",
    "actor_kind",
    "cameo_to_seed",
    "event_description",
    "goldstein",
    "table",
]


@functools.cache
def table(name: str) -> dict[str, str]:
    """A ``CODE<TAB>LABEL`` lookup file from ``data/`` as a dict (header skipped)."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for i, line in enumerate(text.splitlines()):
        if i == 0 or not line.strip():
            continue
        code, _, label = line.partition("\t")
        out.setdefault(code.strip(), label.strip())
    return out


def event_description(code: str) -> str | None:
    """The CAMEO description of an event code ("Fight with artillery and tanks")."""
    return table("CAMEO.eventcodes.txt").get(code)


def goldstein(code: str) -> float | None:
    """The Goldstein scale value GDELT assigns to a CAMEO event code."""
    value = table("CAMEO.goldsteinscale.txt").get(code)
    return float(value) if value is not None else None


#: Actor type codes to our actor kinds; the first type code of an actor decides.
_TYPE_KINDS: dict[str, ActorKind] = {
    "GOV": ActorKind.GOVERNMENT_BODY,
    "LEG": ActorKind.GOVERNMENT_BODY,
    "JUD": ActorKind.GOVERNMENT_BODY,
    "COP": ActorKind.GOVERNMENT_BODY,
    "SPY": ActorKind.GOVERNMENT_BODY,
    "UIS": ActorKind.GOVERNMENT_BODY,
    "MIL": ActorKind.MILITARY,
    "PKO": ActorKind.MILITARY,
    "REB": ActorKind.ARMED_GROUP,
    "INS": ActorKind.ARMED_GROUP,
    "SEP": ActorKind.ARMED_GROUP,
    "UAF": ActorKind.ARMED_GROUP,
    "IMG": ActorKind.ARMED_GROUP,
    "OPP": ActorKind.PARTY,
    "MED": ActorKind.MEDIA,
    "NGO": ActorKind.NGO,
    "NGM": ActorKind.NGO,
    "AMN": ActorKind.NGO,
    "IRC": ActorKind.NGO,
    "GRP": ActorKind.NGO,
    "HRI": ActorKind.NGO,
    "IGO": ActorKind.IGO,
    "UNO": ActorKind.IGO,
    "BUS": ActorKind.COMPANY,
    "MNC": ActorKind.COMPANY,
}

#: Known-group codes that are armed groups, parties or NGOs; every other one is an IGO.
_GROUP_KINDS: dict[str, ActorKind] = {
    **dict.fromkeys(
        (
            "AAM",
            "ALQ",
            "AML",
            "ANO",
            "ASL",
            "DFL",
            "FIS",
            "GIA",
            "GSP",
            "HEZ",
            "HMS",
            "ISJ",
            "PFL",
            "PLF",
            "PLS",
            "PMD",
            "TAL",
        ),
        ActorKind.ARMED_GROUP,
    ),
    **dict.fromkeys(
        ("BTH", "CMN", "ENN", "FLN", "FTA", "IAF", "KDP", "LBA", "LKD", "MBR", "MRZ", "MSP", "RND", "SHA", "PLO"),
        ActorKind.PARTY,
    ),
    **dict.fromkeys(("AMN", "CRC", "FID", "HRW", "IHF", "IRC", "JUR", "MSF", "RCR", "XFM"), ActorKind.NGO),
    "ICG": ActorKind.THINK_TANK,
}


def actor_kind(country: str, group: str, types: tuple[str, ...]) -> ActorKind:
    """Our actor kind for a CAMEO actor's components."""
    for code in types:
        if code in _TYPE_KINDS:
            return _TYPE_KINDS[code]
    if group:
        return _GROUP_KINDS.get(group, ActorKind.IGO)
    if types:
        return ActorKind.GROUP
    if country:
        return ActorKind.STATE
    return ActorKind.OTHER


def cameo_to_seed() -> dict[str, str]:
    """CAMEO actor codes that denote one of the embedded seed's actors, from the one identity table.

    The codes are the seed actors' ``cameo`` external ids (``USAMIL``: the US military).
    Deliberately few: a code maps only where it means the same body at every date
    (``USAGOV`` spans several administrations and is left unresolved; CAMEO has no code
    for Kataib Hezbollah or the PMF). Country-and-group codes (``LBNHEZ``) resolve through
    the table's known-group rule.
    """
    from mideast_model.io.identity import identities

    out: dict[str, str] = {}
    for actor in identities().actors.values():
        for ext in actor.external_ids:
            if ext.scheme == "cameo":
                out.setdefault(ext.value.upper(), actor.id)
    return dict(sorted(out.items()))


def __getattr__(name: str) -> dict[str, str]:
    """``CAMEO_TO_SEED``: :func:`cameo_to_seed` under its former constant's name."""
    if name == "CAMEO_TO_SEED":
        return cameo_to_seed()
    raise AttributeError(name)


#: GDELT ``*Geo_Type`` codes to our geo precision names.
GEO_TYPES: dict[str, str] = {"1": "country", "2": "region", "3": "locality", "4": "locality", "5": "region"}
