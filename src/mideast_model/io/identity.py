"""The one identity table: raw actor names and codes of every dataset, resolved to canonical actors.

Built from the embedded actors' external ids (``acled``, ``cameo``, ``ucdp``, ``icews``,
``wikidata``…) and their names and aliases; every importer's resolver and the built-in
``resolve_actor`` hook use it. :meth:`IdentityTable.resolve` returns the actor *and the
rule that matched*, tried in this order:

1. ``"<scheme> id"``: the raw value is an external id in the given scheme;
2. ``"name or alias"``: the raw name is the actor's name or one of its aliases (folded:
   case, accents, apostrophes and punctuation ignored, so "Kata'ib Hizballah" is
   "Kataib Hizballah");
3. ``"... period tag (2017-) dropped"``: ACLED's period tags ("Military Forces of Iraq
   (2018-2020)") are removed and 1-2 tried again;
4. ``"sub-unit ..."``: the words after a state force's name ("Military Forces of Iran
   (1989-) Islamic Revolutionary Guard Corps", "... United States (2017-) Navy") tried as
   a name of their own or after the country's name, keeping the country;
5. ``"parent unit ..."``: the state force itself when the sub-unit is unknown ("Military
   Forces of Iraq (2018-2020) Popular Mobilization Forces" is Iraq's forces);
6. ``"... country qualifier (Iraq) dropped"``: ACLED's and ICEWS's trailing "(Iraq)"
   removed, accepted only for an actor of that country (or of none): "Protesters (Iran)"
   never becomes Iraqi protesters;
7. ``"full name after the acronym"``: ACLED's "PKK: Kurdistan Workers Party";
8. ``"CAMEO known group"``: a CAMEO code of a country and a known group ("LBNHEZ" is "HEZ").

Nothing fuzzy: a name that two actors share is ambiguous and resolves to neither, and
there is no substring matching, so "Kataeb Hezbollah" can only become Kataib Hezbollah
(through its alias), never Lebanese Hezbollah.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.io.countries import countries, name_key

if TYPE_CHECKING:
    from mideast_model.model import Actor

__all__ = ["IdentityTable", "Match", "identities", "split_period"]

_PERIOD = re.compile(r"\s*\(\s*(\d{4})?\s*-\s*(\d{4})?\s*\)")
_STATE_FORCE = re.compile(
    r"^(?P<body>(?:Military|Police|Armed|Security|Naval|Air) Forces?|Government|Military|Police) of "
    r"(?P<country>.+?)$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(r"^(?P<head>.+?)\s*\((?P<country>[^()]+)\)\s*$")
_NO_ALIAS_SCHEMES = frozenset({"cameo"})


@attrs.frozen
class Match:
    """A resolved raw name: the canonical actor and the rule that matched."""

    actor: Actor
    rule: str


def split_period(name: str) -> tuple[str, str | None, str]:
    """``(base, tag, rest)`` of an ACLED name with a period tag, else ``(name, None, "")``.

    ``"Military Forces of Iraq (2018-2020) Popular Mobilization Forces"`` is
    ``("Military Forces of Iraq", "(2018-2020)", "Popular Mobilization Forces")``.
    """
    match = _PERIOD.search(name)
    if match is None or not (match[1] or match[2]):
        return name, None, ""
    tag = f"({match[1] or ''}-{match[2] or ''})"
    return name[: match.start()].strip(), tag, name[match.end() :].strip()


class IdentityTable:
    """Canonical actors by external id and by folded name or alias.

    :param actors: the canonical actors (the embedded seed's, by default).
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self._ids: dict[tuple[str, str], Actor | None] = {}
        self._names: dict[str, Actor | None] = {}
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.id] = actor
            for ext in actor.external_ids:
                self._put(self._ids, (ext.scheme, name_key(ext.value)), actor)
            for name in actor.names():
                self._put(self._names, name_key(name), actor)

    @staticmethod
    def _put(table: dict[Any, Actor | None], key: Any, actor: Actor) -> None:
        if not key:
            return
        prior = table.get(key, actor)
        table[key] = actor if prior is not None and prior.id == actor.id else None  # None: ambiguous

    def ambiguous(self) -> list[str]:
        """Folded names (and ids) that several actors share, which resolve to none of them."""
        out = [k for k, v in self._names.items() if v is None]
        out.extend(f"{s}:{v}" for (s, v), a in self._ids.items() if a is None)
        return sorted(out)

    # -- the rules --------------------------------------------------------------------------

    def _exact(self, name: str, scheme: str | None) -> tuple[Actor, str] | None:
        key = name_key(name)
        if scheme is not None:
            found = self._ids.get((scheme, key))
            if found is not None:
                return found, f"{scheme} id"
            if scheme in _NO_ALIAS_SCHEMES:
                return None
        found = self._names.get(key)
        if found is not None:
            return found, "name or alias"
        return None

    def resolve(self, name: str, scheme: str | None = None) -> Match | None:
        """The canonical actor of a raw name or code, with the rule that matched, or ``None``.

        :param scheme: the dataset's id scheme (``"acled"``, ``"cameo"``, ``"ucdp"``…).
        """
        name = " ".join(name.split())
        if not name:
            return None
        hit = self._exact(name, scheme)
        if hit is not None:
            return Match(hit[0], hit[1])
        if scheme == "cameo":
            return self._cameo(name)
        found = self._acled_style(name, scheme)
        if found is not None:
            return found
        if ": " in name:  # "PKK: Kurdistan Workers Party"
            full = name.split(": ", 1)[1]
            inner = self._exact(full, scheme) or self._qualified(full, scheme)
            if inner is not None:
                return Match(inner[0], f"full name after the acronym ({inner[1]})")
        return None

    def _acled_style(self, name: str, scheme: str | None) -> Match | None:
        base, tag, rest = split_period(name)
        if tag is not None:
            stripped = f"{base} {rest}".strip()
            hit = self._exact(stripped, scheme) or self._qualified(stripped, scheme)
            if hit is not None:
                return Match(hit[0], f"{hit[1]}, period tag {tag} dropped")
            if rest:
                return self._unit(base, rest, f", period tag {tag} dropped", scheme)
            return None
        qualified = self._qualified(name, scheme)
        if qualified is not None:
            return Match(*qualified)
        state = _STATE_FORCE.match(name)
        if state is not None:  # "Military Forces of the United States Navy": find the longest known parent
            words = name.split()
            for cut in range(len(words) - 1, 3, -1):
                parent = " ".join(words[:cut])
                if self._exact(parent, scheme) is not None:
                    return self._unit(parent, " ".join(words[cut:]), "", scheme)
        return None

    def _qualified(self, name: str, scheme: str | None) -> tuple[Actor, str] | None:
        """A name ending in "(Country)", matched without it when the actor's country agrees."""
        match = _QUALIFIER.match(name)
        if match is None:
            return None
        iso3 = countries().from_name(match["country"])
        if iso3 is None:
            return None
        hit = self._exact(match["head"], scheme)
        if hit is None or hit[0].country not in (None, iso3):
            return None
        return hit[0], f"{hit[1]}, country qualifier ({match['country']}) dropped"

    def _unit(self, parent: str, unit: str, how: str, scheme: str | None) -> Match | None:
        """A state force's sub-unit: its own name, or the country's name and it; else the parent."""
        state = _STATE_FORCE.match(parent)
        country_name = state["country"] if state else None
        iso3 = countries().from_name(country_name) if country_name else None
        words = unit.split()
        for cut in range(len(words), 0, -1):
            part = " ".join(words[:cut])
            tries = [part] + ([f"{country_name} {part}"] if country_name else [])
            for candidate in tries:
                hit = self._exact(candidate, scheme)
                if hit is not None and (iso3 is None or hit[0].country in (None, iso3)):
                    what = "sub-unit" if cut == len(words) else f"sub-unit {part!r} of {unit!r}"
                    return Match(hit[0], f"{what} ({hit[1]} {candidate!r}){how}")
        hit = self._exact(parent, scheme)
        if hit is None:
            return None
        return Match(hit[0], f"parent unit ({hit[1]}; sub-unit {unit!r} is not in the identity table){how}")

    def _cameo(self, code: str) -> Match | None:
        """A CAMEO code of a country (or IGO/NGO) prefix and a known-group code: "LBNHEZ" -> "HEZ"."""
        code = code.upper()
        if len(code) == 6:
            prefix, group = code[:3], code[3:]
            found = self._ids.get(("cameo", name_key(group)))
            if found is not None and (prefix in ("IGO", "NGO") or found.country in (None, prefix)):
                return Match(found, f"CAMEO known group {group} (prefix {prefix})")
        return None


@functools.cache
def identities() -> IdentityTable:
    """The identity table of the embedded seed's actors (built once)."""
    from mideast_model.data import seed

    return IdentityTable(seed().actors.values())
