"""Actors in text: a gazetteer phrase matcher and a resolver of speaker phrases.

Names resolve first through the ``resolve_actor`` hook (the embedded dataset's names
and aliases, and any plugin's tables), then by stripping titles ("U.S. Secretary of
Defense Mark Esper" → "Mark Esper"), then by surname against the known people
("Secretary Esper" → Mark T. Esper), then against the shipped gazetteer of countries.
What still does not resolve becomes a new actor with ``resolved=False``: a person for
a name, a group for an anonymous speaker ("several regional specialists").
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, NamedTuple

import attrs

from mideast_model.io.identity import IdentityTable
from mideast_model.model import Actor, ActorKind, GeoPrecision, Place
from mideast_model_text.segment import Word

__all__ = [
    "PERSON_NOUNS",
    "STATEMENT_NOUNS",
    "ActorResolver",
    "Gazetteer",
    "Mention",
    "PhraseMatcher",
    "slug",
    "word_texts",
]

Resolve = Callable[[str, Mapping[str, Any]], Actor | None]

#: Head nouns of anonymous speakers and groups ("a senior U.S. military official").
PERSON_NOUNS = frozenset(
    [
        "countries",
        "governments",
        "powers",
        "allies",
        "man",
        "men",
        "woman",
        "women",
        "television",
        "tv",
        "radio",
        "media",
        "broadcaster",
        "channel",
        "newspaper",
        "cell",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokesmen",
        "specialist",
        "specialists",
        "analyst",
        "analysts",
        "diplomat",
        "diplomats",
        "expert",
        "experts",
        "source",
        "sources",
        "aide",
        "aides",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "officer",
        "officers",
        "commander",
        "commanders",
        "leader",
        "leaders",
        "lawmaker",
        "lawmakers",
        "legislator",
        "legislators",
        "resident",
        "residents",
        "witness",
        "witnesses",
        "activist",
        "activists",
        "minister",
        "ministers",
        "general",
        "generals",
        "planner",
        "planners",
        "member",
        "members",
        "people",
        "protesters",
        "protestors",
        "demonstrators",
        "demonstrator",
        "factions",
        "groups",
        "commission",
        "protester",
        "protestor",
        "militiamen",
        "fighters",
        "soldiers",
        "troops",
        "investigators",
        "researchers",
        "observers",
        "critics",
        "supporters",
        "authorities",
        "administration",
        "government",
        "ministry",
        "army",
        "military",
        "police",
        "agency",
        "statement",
        "ambassador",
        "envoy",
        "president",
        "secretary",
        "premier",
        "staff",
        "premier-designate",
        "minister-designate",
        "president-elect",
        "medics",
        "doctors",
        "paramedics",
        "cleric",
        "family",
    ]
)
#: Head nouns of a speaker that is a broadcaster or a news agency ("state television").
MEDIA_NOUNS = frozenset(["television", "tv", "radio", "media", "broadcaster", "channel", "newspaper", "agency"])
#: Nouns that stand for their author when they "say" something ("said the statement").
STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "memo",
        "memorandum",
        "directive",
        "report",
        "letter",
        "communique",
        "communiqué",
        "tweet",
        "post",
        "resolution",
        "sermon",
    ]
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "several",
        "some",
        "two",
        "three",
        "four",
        "five",
        "many",
        "other",
        "another",
        "one",
        "most",
        "few",
        "both",
        "senior",
        "top",
        "these",
        "those",
    ]
)
_TITLES = [
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Lt.",
    "Col.",
    "Maj.",
    "Cmdr.",
    "Adm.",
    "Sgt.",
    "Capt.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Prof.",
    "Brig.",
    "General",
    "Lieutenant",
    "Colonel",
    "Major",
    "Commander",
    "Admiral",
    "Captain",
    "Secretary",
    "President",
    "Ambassador",
    "Minister",
    "Sheikh",
    "Ayatollah",
    "Senator",
    "Representative",
    "Governor",
    "Prime",
    "Defense",
    "State",
    "Deputy",
    "Foreign",
    "Vice",
    "Chief",
    "Jr.",
    "Sr.",
    "Seyyed",
    "Sayyed",
    "Sayyid",
    "Grand",
    "Hojatoleslam",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Caretaker",
    "Acting",
    "Former",
    "Interim",
    "Speaker",
    "House",
    "Senate",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Department",
    "Leader",
    "Chairman",
    "Head",
    "Supreme",
    "Pentagon",
    "Press",
    "Secretary-General",
    "Sergeant",
    "Brigadier",
    "Lieutenant-General",
    "Major-General",
    "Lt.-Gen.",
    "Maj.-Gen.",
    "Brig.-Gen.",
    "Envoy",
    "Crown",
    "Prince",
    "King",
    "Emir",
    "Imam",
    "Cleric",
    "Defence",
    "Treasury",
    "Interior",
    "Information",
    "Communications",
    "Technology",
    "Army",
    "Air",
    "Staff",
    "Joint",
    "Chiefs",
    "Assistant",
    "Public",
    "Affairs",
    "Lance",
    "Corporal",
    "Private",
    "Populist",
    "Cleric",
    "Shi'ite",
    "Shiite",
    "Shia",
    "Sunni",
    "Labour's",
    "Representative",
]
TITLE_WORDS = frozenset(_TITLES)
#: Role nouns a person's title or appositive gives them, for a later "the minister said".
ROLE_WORDS = frozenset(
    ["leader", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "commander", "general",
     "secretary", "ambassador", "chief", "chairman", "speaker", "envoy", "senator", "governor", "admiral",
     "colonel", "cleric", "adviser", "analyst", "researcher", "prime"]
)  # fmt: skip
_VOWELS = str.maketrans("", "", "aeiouy")
_ROLE_OF_TITLE = {"Gen.": "general", "General": "general", "Cmdr.": "commander", "Commander": "commander",
                  "Secretary": "secretary", "Ambassador": "ambassador", "President": "president",
                  "Adm.": "admiral", "Admiral": "admiral", "Minister": "minister"}  # fmt: skip
_ORG_WORDS = frozenset(
    [
        "Ministry",
        "Organization",
        "Organisation",
        "Council",
        "Forces",
        "Force",
        "Group",
        "Army",
        "Navy",
        "Party",
        "Movement",
        "Corps",
        "Brigades",
        "Front",
        "Agency",
        "Department",
        "Office",
        "Committee",
        "Command",
        "Institute",
        "Company",
        "Bank",
        "Fund",
        "Union",
        "Coalition",
        "Government",
        "Cell",
        "Directorate",
        "Authority",
        "Mission",
        "Staff",
        "Airlines",
        "Airways",
        "Embassy",
        "Consulate",
        "Parliament",
        "Assembly",
        "Observatory",
        "Centre",
        "Center",
        "Foundation",
        "Association",
        "Division",
        "Regiment",
        "Battalion",
        "Fleet",
        "Brigade",
        "Commission",
        "Alliance",
        "Bloc",
        "Coalition",
    ]
)
_SLUG = re.compile(r"[^a-z0-9]+")
_GROUP_HEADS = frozenset(
    ["militia", "group", "movement", "faction", "organization", "organisation", "rebels", "alliance"]
)
_CONJUNCTION = re.compile(r",[ ]{1,3}and[ ]{1,3}|,[ ]{1,3}|[ ]{1,3}and[ ]{1,3}")
#: Head nouns of an unknown speaker that is an institution, not a group of people.
_INSTITUTIONS = {
    "ministry": ActorKind.GOVERNMENT_BODY,
    "commission": ActorKind.GOVERNMENT_BODY,
    "government": ActorKind.GOVERNMENT_BODY,
    "administration": ActorKind.GOVERNMENT_BODY,
    "agency": ActorKind.GOVERNMENT_BODY,
    "authorities": ActorKind.GOVERNMENT_BODY,
    "police": ActorKind.GOVERNMENT_BODY,
    "army": ActorKind.MILITARY,
    "military": ActorKind.MILITARY,
}


def slug(text: str) -> str:
    """A lower-case id fragment: letters and digits joined by ``-``."""
    ascii_text = text.replace("\u2019", "").replace("'", "").lower()
    return _SLUG.sub("-", ascii_text).strip("-")[:80] or "x"


def _norm(word: str) -> str:
    return word.replace("\u2019", "'")


class Mention(NamedTuple):
    """A gazetteer phrase found in the text: its span, the words, and what it names."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # "actor" (key: actor id), "country" (key: its name) or "place" (key: its name)


class PhraseMatcher:
    """Longest-match lookup of multi-word phrases over word tokens.

    Phrases are indexed by their first word, so the cost per token is one dict lookup
    for most words: linear in the text.
    """

    def __init__(self) -> None:
        # first word → phrase length (longest first) → phrase words → (key, kind, trim)
        self._by_first: dict[str, dict[int, dict[tuple[str, ...], tuple[str, str, int]]]] = {}

    def add(self, phrase: str, key: str, kind: str) -> None:
        """Add ``phrase`` (and its capitalised form) naming ``key``; the first phrase added wins."""
        from mideast_model_text.segment import _TOKEN

        words = tuple(_norm(w) for w in _TOKEN.findall(phrase))
        if not words:
            return
        forms = {words}
        if words[0][:1].islower():
            forms.add((words[0][:1].upper() + words[0][1:], *words[1:]))
        # "Iran's", "Iraq’s": the tokenizer keeps the possessive on the word; the mention does not.
        variants = [(form, 0) for form in forms] + [((*form[:-1], form[-1] + "'s"), 2) for form in forms]
        for form, trim in variants:
            by_length = self._by_first.setdefault(form[0], {})
            by_length.setdefault(len(form), {}).setdefault(form, (key, kind, trim))
            if list(by_length) != sorted(by_length, reverse=True):
                self._by_first[form[0]] = dict(sorted(by_length.items(), reverse=True))

    def find(self, text: str, found_words: Sequence[Word], texts: Sequence[str] | None = None) -> list[Mention]:
        """Every longest non-overlapping phrase match among ``found_words``.

        :param texts: the words' strings with typographic apostrophes made straight
            (:func:`word_texts`), when the caller has them already.
        """
        found: list[Mention] = []
        index = self._by_first
        if texts is None:
            texts = word_texts(found_words)
        candidates = [i for i, w in enumerate(texts) if w in index]
        n = len(texts)
        next_free = 0
        for i in candidates:
            if i < next_free:
                continue
            for length, forms in index[texts[i]].items():
                if i + length > n:
                    continue
                entry = forms.get(tuple(texts[i : i + length]))
                if entry is None:
                    continue
                key, kind, trim = entry
                start, end = found_words[i].start(), found_words[i + length - 1].end() - trim
                found.append(tuple.__new__(Mention, (start, end, text[start:end], key, kind)))
                next_free = i + length
                break
        return found


@attrs.frozen
class Gazetteer:
    """The shipped gazetteer: countries (ISO3, demonyms) and places with coordinates."""

    countries: tuple[Mapping[str, Any], ...]
    places: tuple[Mapping[str, Any], ...]
    outlets: frozenset[str] = frozenset()
    people: tuple[Mapping[str, Any], ...] = ()
    """Well-known persons and bodies the embedded dataset does not hold, with their spellings."""

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer shipped in this package (``gazetteer.json``)."""
        raw = resources.files("mideast_model_text").joinpath("gazetteer.json").read_text(encoding="utf-8")
        data = json.loads(raw)
        outlets = frozenset(name.casefold() for name in data.get("outlets", ()))
        return cls(tuple(data["countries"]), tuple(data["places"]), outlets, tuple(data.get("people", ())))

    def place(self, name: str) -> Place | None:
        """The :class:`Place` named ``name`` (or an alias), if the gazetteer has it."""
        for entry in self.places:
            if name in (entry["name"], *entry["aliases"]):
                return Place(
                    name=entry["name"],
                    country=entry["country"],
                    lat=entry["lat"],
                    lon=entry["lon"],
                    precision=GeoPrecision(entry["precision"]),
                )
        return None


def word_texts(found_words: Sequence[Word], *, curly: bool = True) -> list[str]:
    """The strings of ``found_words``, typographic apostrophes (’) made straight.

    :param curly: ``False`` when the words are known to hold no ’ (skips the check).
    """
    texts = [w.group() for w in found_words]
    if curly and any("\u2019" in t for t in texts):
        texts = [t.replace("\u2019", "'") for t in texts]
    return texts


def _skeleton(name: str) -> tuple[str, ...] | None:
    """The consonants of each word ("Kataeb Hezbollah" → ("ktb", "hzbl")), for spelling variants.

    Only names of two words or more: one-word names are too short to match this way.
    """
    words = ["".join(c for c in w.casefold() if c.isalpha()).translate(_VOWELS) for w in name.split()]
    words = ["".join(c for i, c in enumerate(w) if i == 0 or w[i - 1] != c) for w in words]
    if len(words) < 2 or not all(words):
        return None
    return tuple(words)


def person_name(phrase: str, countries: Mapping[str, Any] | frozenset[str] = frozenset()) -> tuple[str, str]:
    """The name in a speaker phrase and the role before it.

    "Iran's Foreign Minister Mohammad Javad Zarif" → ("Mohammad Javad Zarif", "Iran's
    Foreign Minister"): the trailing words that are not titles, roles, countries,
    demonyms or possessives.
    """
    words = phrase.split()
    k = len(words)
    while k > 0:
        word = words[k - 1]
        bare = word.removesuffix("'s").removesuffix("\u2019s")
        if (
            word in TITLE_WORDS
            or bare != word
            or bare in countries
            or not (word[:1].isupper() or word.startswith(("al-", "el-", "bin", "abu", "ibn", "van", "von", "de")))
        ):
            break
        k -= 1
    if k == len(words):
        return "", phrase
    return " ".join(words[k:]), " ".join(words[:k])


def droppable(word: str, countries: Mapping[str, Any] | frozenset[str] = frozenset()) -> bool:
    """True for a word that qualifies a name without being part of it (a title, a country, "Iran's")."""
    bare = word.removesuffix("'s").removesuffix("\u2019s")
    return (
        word in TITLE_WORDS
        or bare != word
        or bare in countries
        or word in ("of", "the", "for", "and", "The")
        or not word[:1].isupper()
    )


def surname_skeleton(surname: str) -> str | None:
    """The consonants of a surname of seven letters or more ("al-Zurufi" → "lzrf"), else ``None``."""
    letters = "".join(c for c in surname.casefold() if c.isalpha())
    if len(letters) < 7:
        return None
    consonants = letters.translate(_VOWELS)
    consonants = "".join(c for i, c in enumerate(consonants) if i == 0 or consonants[i - 1] != c)
    return consonants if len(consonants) >= 4 else None


def _surname(name: str) -> str | None:
    words = [w for w in name.replace(",", " ").split() if w not in ("Jr.", "Sr.", "II", "III")]
    if len(words) < 2:
        return None
    return _norm(words[-1])


class ActorResolver:
    """Resolves names and speaker phrases to actors, remembering what it has seen.

    :param resolve: the ``resolve_actor`` hook (name, context) → actor or ``None``.
    :param known: actors to match surnames against (the embedded dataset's people).
    """

    def __init__(self, resolve: Resolve, known: Iterable[Actor] = ()) -> None:
        known = list(known)
        self._resolve = resolve
        self._cache: dict[str, Actor | None] = {}
        self._surnames: dict[str, Actor | None] = {}
        self._surname_skeletons: dict[str, Actor | None] = {}
        """Known people by the consonants of their surname ("al-Zurufi" and "al-Zurfi": "lzrf")."""
        for actor in known:
            if actor.kind is ActorKind.PERSON:
                self._add_surname(actor, known=True)
        self._gazetteer = Gazetteer.load()
        self._countries: dict[str, Mapping[str, Any]] = {}
        for entry in self._gazetteer.countries:
            for name in (entry["name"], *entry["demonyms"]):
                self._countries[name] = entry
        self._skeletons: dict[tuple[str, ...], Actor] = {}
        ambiguous: set[tuple[str, ...]] = set()
        for actor in known:
            if actor.kind is ActorKind.PERSON:
                continue
            for name in actor.names():
                skeleton = _skeleton(name)
                if skeleton is None:
                    continue
                prior = self._skeletons.setdefault(skeleton, actor)
                if prior.id != actor.id:
                    ambiguous.add(skeleton)
        for skeleton in ambiguous:
            del self._skeletons[skeleton]
        self.new: dict[str, Actor] = {}
        """Actors made here (not resolved to known ones), by id."""
        self._others = _others(self._gazetteer)

    def _add_surname(self, actor: Actor, *, known: bool = False) -> None:
        for name in actor.names():
            surname = _surname(name)
            if surname is None:
                continue
            skeleton = surname_skeleton(surname) if known else None
            if skeleton is not None:
                prior_skeleton = self._surname_skeletons.setdefault(skeleton, actor)
                if prior_skeleton is not None and prior_skeleton.id != actor.id:
                    self._surname_skeletons[skeleton] = None  # two people's surnames spelled alike
            if surname not in self._surnames:
                self._surnames[surname] = actor
            else:
                prior = self._surnames[surname]
                if prior is not None and prior.id != actor.id:
                    self._surnames[surname] = None  # ambiguous: two people share it

    def hook(self, name: str) -> Actor | None:
        """The ``resolve_actor`` hook's answer for ``name`` (cached)."""
        key = " ".join(name.split())
        if key not in self._cache:
            self._cache[key] = self._resolve(key, {"dataset": "text"})
        return self._cache[key]

    def lookup(self, name: str) -> Actor | None:
        """A known actor (the hook's), else a well-known one of the gazetteer's people, as a new actor."""
        found = self.hook(name)
        if found is not None:
            return found
        match = self._others.resolve(name)
        if match is None:
            return None
        actor = self.new.get(match.actor.id)
        if actor is None:
            actor = self.new[match.actor.id] = match.actor
            if actor.kind is ActorKind.PERSON:
                self._add_surname(actor)
        return actor

    def matcher(self, seed_actors: Iterable[Actor]) -> PhraseMatcher:
        """A phrase matcher of every name and alias of ``seed_actors``, the gazetteer's countries and places."""
        matcher = PhraseMatcher()
        for actor in seed_actors:
            for name in actor.names():
                matcher.add(name, actor.id, "actor")
        for entry in self._gazetteer.countries:
            for name in (entry["name"], *entry["demonyms"]):
                matcher.add(name, name, "country")
        return matcher

    def place_matcher(self) -> PhraseMatcher:
        """A phrase matcher of the gazetteer's places."""
        matcher = PhraseMatcher()
        for entry in self._gazetteer.places:
            for name in (entry["name"], *entry["aliases"]):
                matcher.add(name, entry["name"], "place")
        return matcher

    def country(self, name: str) -> Actor | None:
        """The actor for a country name or demonym: the hook's, else the gazetteer's."""
        entry = self._countries.get(name)
        if entry is None:
            return None
        found = self.hook(entry["name"])
        if found is not None:
            return found
        actor = Actor(
            id=f"actor:gazetteer:{slug(entry['name'])}",
            name=entry["name"],
            kind=ActorKind.STATE,
            country=entry["iso3"],
            aliases=tuple(entry["demonyms"]),
        )
        self.new.setdefault(actor.id, actor)
        return actor

    def name(self, phrase: str) -> Actor | None:
        """The known actor a capitalised name phrase refers to, or ``None``.

        Tries the phrase, then its shorter endings ("Secretary of Defense Mark Esper",
        "Mark Esper"), then without "Jr.", then the surname against known people.
        """
        phrase = " ".join(phrase.split()).strip(" ,;:")
        if phrase.endswith(("’s", "'s")):
            phrase = phrase[:-2]
        if not phrase:
            return None
        words = phrase.split(" ")
        countries = self._countries
        for i in range(len(words)):
            if i and not words[i][:1].isupper():
                continue
            found = self.lookup(" ".join(words[i:]))
            # "Kataeb Hezbollah" is not "Hezbollah": a shorter ending names the same
            # actor only when what is dropped is titles and qualifiers of a person.
            if found is not None and (
                i == 0
                or (
                    all(droppable(w, countries) for w in words[:i])
                    and (
                        found.kind is ActorKind.PERSON
                        or all(
                            w in TITLE_WORDS or w[:1].islower() or w.endswith(("'s", "\u2019s")) or w in countries
                            for w in words[:i]
                        )
                    )
                )
            ):
                return found
        if words[-1] in ("Jr.", "Sr.", "Jr", "Sr") and len(words) > 1:
            # "Kenneth McKenzie Jr." is Kenneth F. McKenzie Jr.; "Donald Trump Jr." is not Donald Trump.
            found = self.name(" ".join(words[:-1]))
            suffix = words[-1].rstrip(".")
            if found is not None and any(suffix in n.replace(".", " ").split() for n in found.names()):
                return found
            return None
        skeleton = _skeleton(phrase)
        if skeleton is not None and skeleton in self._skeletons:
            return self._skeletons[skeleton]
        country = self.country(phrase)
        if country is None and len(words) == 2 and words[0] == "The":
            country = self.country(words[1])  # "The UAE has blamed …"
        if country is not None:
            return country
        surname = _norm(words[-1])
        if surname[:1].isupper() or (len(words) > 1 and surname.startswith(("al-", "el-"))):
            given = [w for w in words[:-1] if not droppable(w, countries) and len(w.rstrip(".")) > 1]
            found = self._surnames.get(surname)
            if found is not None and self._given_names_agree(found, given):
                return found
            for actor in self.new.values():
                same = actor.kind is ActorKind.PERSON and _surname(actor.name) == surname
                if same and self._given_names_agree(actor, given):
                    return actor
            # A spelling variant of a known person's surname ("Adnan al-Zurfi" for Adnan al-Zurufi).
            consonants = surname_skeleton(surname)
            found = self._surname_skeletons.get(consonants) if consonants is not None else None
            if found is not None and (given or len(words) == 1) and self._given_names_agree(found, given):
                return found
        return None

    @staticmethod
    def _given_names_agree(actor: Actor, given: Sequence[str]) -> bool:
        """True when every given name of a phrase is among the actor's ("Mike White" is not Robert P. White)."""
        if not given:
            return True
        names = {w for n in actor.names() for w in n.replace(".", " ").split()}
        return all(w.rstrip(".") in names for w in given)

    def speaker(self, phrase: str) -> Actor | None:
        """The actor a speaker phrase names, making a new one for an unknown speaker.

        Capitalised phrases are names; lower-case phrases ending in a person noun
        ("two senior administration officials") are anonymous groups.
        """
        phrase = " ".join(phrase.split()).strip(" ,;:")
        if not phrase:
            return None
        words = phrase.split(" ")
        head = words[-1].lower()
        qualifier = words[-2] if len(words) >= 2 else ""
        if (
            words[-1] in _GROUP_HEADS
            and qualifier[:1].isupper()
            and qualifier.lower() not in _DETERMINERS
            and qualifier.lower() not in ("no", "any", "each", "this", "that", "every", "which")
        ):
            # "the Kataib Hezbollah militia", "Yemen's Houthi movement": the name, else a new body.
            named = self.name(" ".join(w for w in words[:-1] if w not in ("The", "the")))
            if named is not None and named.kind not in (ActorKind.PERSON, ActorKind.STATE):
                return named  # "the Kataib Hezbollah militia"; never "Iraqi militia" as Iraq
            return self._new(" ".join(w for w in words if w not in ("The", "the")), ActorKind.OTHER)
        if head in PERSON_NOUNS and words[-1][:1].islower():
            found = self.hook(phrase) or self._demonym_form(words)
            if found is not None:
                return found
            trimmed = list(words)
            while len(trimmed) > 1 and trimmed[0].lower() in _DETERMINERS:
                trimmed = trimmed[1:]
                found = self.hook(" ".join(trimmed))
                if found is not None:
                    return found
            if head in STATEMENT_NOUNS:
                # "the Iraqi military statement": the statement's author.
                author = " ".join(trimmed[:-1])
                return self.name(author) if author[:1].isupper() else None
            if len(trimmed) == 1 and head in ("people", "government", "administration"):
                return None
            kind = ActorKind.MEDIA if head in MEDIA_NOUNS else _INSTITUTIONS.get(head, ActorKind.GROUP)
            return self._written(self._new(" ".join(trimmed), kind), words)
        if words[0] == "the" and len(words) >= 2 and words[1][:1].isupper():
            # "the U.S.-led coalition": a known body's name after a lower-case article.
            found = self.hook(phrase) or self.hook(" ".join(words[1:]))
            if found is not None and found.kind is not ActorKind.PERSON:
                return found
        if not (phrase[:1].isupper() or phrase.startswith(("al-", "el-"))):
            return None
        if len(words) >= 3 and words[0].lower() in PERSON_NOUNS and words[1] in ("in", "from"):
            # "Protesters in Baghdad": the group, where it is.
            return self.hook(phrase) or self._new(phrase, ActorKind.GROUP)
        if any(w in _ORG_WORDS and nxt in ("for", "of") for w, nxt in itertools.pairwise(words)):
            # "The Syrian Observatory for Human Rights": a body named "… for …", not a person "Human Rights".
            return self.name(phrase) or self._new(" ".join(words[1:] if words[0] == "The" else words), ActorKind.OTHER)
        if len(words) == 1 and words[0].lower() in PERSON_NOUNS and words[0].endswith("s"):
            return self.hook(phrase) or self._new(phrase.lower(), ActorKind.GROUP)  # "Critics said"
        if " and " in phrase:
            joint = self._conjoined(phrase)
            if joint is not None:
                return joint
        found = self.name(phrase) or self._demonym_form(words)
        if found is not None:
            return found
        bare = phrase[4:] if phrase.startswith("The ") else phrase
        if bare.casefold() in self._gazetteer.outlets:
            return self._new(bare, ActorKind.MEDIA)  # "IRNA said", "Tasnim reported"
        if head in MEDIA_NOUNS:
            trimmed = [w for w in words if w.lower() not in _DETERMINERS]
            return self._new(" ".join(trimmed) or phrase, ActorKind.MEDIA)
        if words[-1] in _ORG_WORDS and len(words) >= 2 and not any(w.lower() in STATEMENT_NOUNS for w in words):
            return self._new(phrase, ActorKind.OTHER)  # "General Staff", "Joint Operations Command"
        if "in" in words[2:-1] and all(w[:1].isupper() for w in words if w != "in") and words.count("in") == 1:
            # "Islamic Resistance in Iraq": a body named "… in <place>", not a person.
            return self._new(" ".join(words[1:] if words[0] == "The" else words), ActorKind.OTHER)
        name_words = [w for w in words if w not in TITLE_WORDS]
        if not name_words or any(w.lower() in STATEMENT_NOUNS for w in words):
            return None
        if words[-1] in ("Jr.", "Sr.") and len(words) > 2:
            base, role = person_name(" ".join(words[:-1]), self._countries)
            if len(base.split()) >= 2:
                return self._new(f"{base} {words[-1]}", ActorKind.PERSON, role or None)
        name, role = person_name(phrase, self._countries)
        if words[-1] in _ORG_WORDS or (not name and any(w in _ORG_WORDS for w in words)):
            return self._new(phrase, ActorKind.OTHER)
        role_words = [w for w in role.split() if w != "The"]
        of_name = "of" in role_words[1:] and (len(name.split()) == 1 or role_words[-1] == "of")
        if of_name and role_words[0] not in TITLE_WORDS:
            # "The Veterans of Foreign Wars": a body named "… of …", not a person "Wars".
            return self._new(" ".join(words[1:] if words[0] == "The" else words), ActorKind.OTHER)
        if name and (len(name.split()) >= 2 or role):
            again = self.name(name) if name != phrase else None
            if again is not None:
                return again
            return self._new(name, ActorKind.PERSON, role or None)
        return None

    def _written(self, actor: Actor, words: Sequence[str]) -> Actor:
        """A new anonymous speaker with the phrase as the text writes it as an alias ("senior Kurdish
        official" for "Kurdish official"; "two health officials" for "health officials in the province")."""
        if actor.id not in self.new or actor.aliases:
            return actor
        written = list(words[1:] if words[0].lower() in ("a", "an", "the") else words)
        forms = [" ".join(written)]
        for prep in ("in", "at", "from", "with", "of", "for"):
            if prep in written[1:]:
                forms.append(" ".join(written[: written.index(prep)]))
                break
        aliases = tuple(dict.fromkeys(f for f in forms if f and f != actor.name))
        if not aliases:
            return actor
        actor = attrs.evolve(actor, aliases=aliases)
        self.new[actor.id] = actor
        return actor

    def _demonym_form(self, words: Sequence[str]) -> Actor | None:
        """The known actor of "Iraq's military" written "Iraqi military" (the gazetteer's demonym)."""
        if len(words) < 2 or not words[0].endswith(("'s", "\u2019s")):
            return None
        entry = self._countries.get(words[0][:-2])
        if entry is None:
            return None
        rest = " ".join(words[1:])
        for demonym in entry["demonyms"]:
            found = self.hook(f"{demonym} {rest}")
            if found is not None:
                return found
        return None

    def _conjoined(self, phrase: str) -> Actor | None:
        """One group speaker for names joined by "and" ("Britain, France and Germany"), if each is a speaker."""
        parts = [p for p in _CONJUNCTION.split(phrase) if p]
        if len(parts) < 2 or len(parts) > 6:
            return None
        members = [self.speaker(part) for part in parts]
        if any(m is None for m in members):
            return None
        named = [m.name for m in members if m is not None]
        # Named as written, titles dropped: "Secretary of State Mike Pompeo and Defense Secretary Mark Esper"
        # is "Mike Pompeo and Mark Esper".
        written = [
            (person_name(part, self._countries)[0] or part) if m is not None and m.kind is ActorKind.PERSON else part
            for part, m in zip(parts, members, strict=True)
        ]
        if written != parts:
            phrase = ", ".join(written[:-1]) + " and " + written[-1]
        actor = self._new(phrase, ActorKind.GROUP)
        if actor.description is None:
            actor = attrs.evolve(actor, description="Joint speakers: " + "; ".join(named))
            self.new[actor.id] = actor
        return actor

    @property
    def countries(self) -> Mapping[str, Any]:
        """The gazetteer's country names and demonyms."""
        return self._countries

    def anonymous(self, description: str, written: str | None = None) -> Actor:
        """A new actor for an anonymous speaker ("spokesman for Kataeb Hezbollah"); never a known one.

        :param written: the phrase as the text writes it, kept as an alias ("two health officials in
            the province").
        """
        found = self.hook(description)
        if found is not None:
            return found
        actor = self._new(" ".join(description.split()), ActorKind.GROUP)
        return self._written(actor, written.split()) if written and written.split() else actor

    def describe(self, actor: Actor, role: str) -> Actor:
        """A new actor made here, now with the role the text gives it (its id unchanged)."""
        if actor.id not in self.new or actor.description:
            return actor
        described = attrs.evolve(actor, description=f"Role in the text: {role}")
        self.new[actor.id] = described
        for key, value in self._surnames.items():
            if value is actor:
                self._surnames[key] = described
        return described

    def body(self, name: str) -> Actor:
        """A new body (a mission, an office) the known actors do not include, named as written."""
        return self._new(name, ActorKind.GOVERNMENT_BODY)

    def new_person(self, name: str, role: str | None = None) -> Actor:
        """A new person the known actors do not include, with the role the text gives them."""
        return self._new(" ".join(name.split()), ActorKind.PERSON, role)

    def _new(self, name: str, kind: ActorKind, role: str | None = None) -> Actor:
        # The exact name's digest keeps two spellings ("Abdul Mahdi", "Abdul-Mahdi") apart, so
        # that datasets imported from different files always merge.
        actor_id = _new_id(name)
        existing = self.new.get(actor_id)
        if existing is not None:
            return existing
        description = f"Role in the text: {role}" if role else None
        actor = Actor(id=actor_id, name=name, kind=kind, resolved=False, description=description)
        self.new[actor_id] = actor
        if kind is ActorKind.PERSON:
            self._add_surname(actor)
        return actor


def _new_id(name: str) -> str:
    """The id of an actor made here: the exact name's slug and digest (the same in every run)."""
    digest = hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:6]
    return f"actor:text:{slug(name)}-{digest}"


@functools.cache
def _others_table() -> IdentityTable:
    actors = []
    for entry in Gazetteer.load().people:
        actors.append(
            Actor(
                id=_new_id(entry["name"]),
                name=entry["name"],
                kind=ActorKind(entry.get("kind", "person")),
                aliases=tuple(entry.get("aliases", ())),
                country=entry.get("country"),
                resolved=False,
            )
        )
    return IdentityTable(actors)


def _others(gazetteer: Gazetteer) -> IdentityTable:
    """The core's identity table over the gazetteer's people: folded names, no fuzzy matching."""
    return _others_table() if gazetteer is Gazetteer.load() else IdentityTable(())


def role_of_title(word: str) -> str | None:
    """The role noun a title implies ("Gen." → "general"), if any."""
    return _ROLE_OF_TITLE.get(word)
