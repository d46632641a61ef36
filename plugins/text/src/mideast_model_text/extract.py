"""From article text to model objects: sources, speakers' quotes, mentions, candidate events.

Everything extracted here is a machine-extracted claim (``machine=True``) with a
confidence below curated claims, the exact ``evidence`` substring and its character
``offsets`` in the decoded input text, and an id made from the source and the offsets,
so a re-import of the same text gives the same ids.
"""

from __future__ import annotations

import collections
import datetime as dt
import gc
import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimKind,
    ClaimValue,
    Event,
    EventKind,
    Participant,
    Place,
    Predicate,
    Role,
    Source,
    Stance,
)
from mideast_model.model.objects import Object
from mideast_model_text.actors import (
    PERSON_NOUNS,
    ROLE_WORDS,
    STATEMENT_NOUNS,
    ActorResolver,
    Gazetteer,
    Mention,
    Resolve,
    person_name,
    role_of_title,
    slug,
    word_texts,
)
from mideast_model_text.articles import Article, split_articles
from mideast_model_text.attribution import (
    BLAME_VERBS,
    DENIAL_VERBS,
    FIRM_NOUNS,
    HOLD_VERBS,
    ORG_NOUNS,
    PRONOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    Attribution,
    attributions,
    statement_author,
)
from mideast_model_text.counts import BARE_FORMS, HEAD_FORMS, OF_HEADS, count_windows, find_bare_counts, find_counts
from mideast_model_text.dates import find_dates_in_words, normalise_date
from mideast_model_text.segment import (
    Paragraph,
    Sentence,
    Token,
    Word,
    blocks,
    paragraphs,
    quotes,
    sentences,
    tokens,
    words,
)

__all__ = ["Confidence", "Extractor", "extract"]


@attrs.frozen
class Confidence:
    """Confidence of each kind of machine-extracted claim (curated claims default to 0.8)."""

    quote: float = 0.6
    quote_inferred: float = 0.5
    reported: float = 0.4
    event: float = 0.4
    mention: float = 0.3


CONFIDENCE = Confidence()

#: Sentences longer than this many characters are not prose: only their mentions are
#: extracted, which keeps the work per sentence bounded.
MAX_SENTENCE = 3000

_TRIGGERS: list[tuple[str, EventKind]] = [
    (r"rocket attacks?|rockets?|mortar attacks?|barrage", EventKind.ARTILLERY_OR_ROCKET_ATTACK),
    (r"air ?strikes?|drone strikes?|warplanes|bombing|bombed", EventKind.AIRSTRIKE),
    (r"missile strikes?|strikes?|struck|raids?|retaliat\w{0,5}|shot down|downing|fired", EventKind.MILITARY_FORCE),
    (r"assassinat\w{0,6}", EventKind.ASSASSINATION),
    (r"attacks?|attacked|killed|killing|wounded", EventKind.ASSAULT),
    (r"seized|seizure", EventKind.SEIZURE),
    (r"protests?|protesting|protesters|demonstrations?|demonstrators|rall(?:y|ies|ied)", EventKind.PROTEST),
    (r"sanctions", EventKind.SANCTIONS),
    (r"pulled out|withdr[ae]w\w{0,3}|withdrawal", EventKind.WITHDRAWAL),
    (r"resign\w{0,6}", EventKind.RESIGNATION),
    (r"appointed|nominat\w{0,6}|named(?: [\w\-\u2019',]{1,30}){1,12} as", EventKind.APPOINTMENT),
    (r"elections?", EventKind.ELECTION),
    (r"meeting|met with|talks", EventKind.MEETING),
    (r"threatened|threatening|warned", EventKind.THREAT),
    (r"stormed|storming|broke into|besieged", EventKind.RIOT),
    (r"accused|accusing|blamed|blaming", EventKind.ACCUSATION),
    (r"condemned|condemning|critici[sz]ed", EventKind.DISAPPROVAL),
    (r"denied|rejected", EventKind.REJECTION),
    (r"summoned", EventKind.DISAPPROVAL),
    (r"voted|was passed|were passed|approved|handed over|handover|transfer", EventKind.OTHER),
    (r"statement|told|said|announced|suggested|urged", EventKind.STATEMENT),
]
_TRIGGER = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_TRIGGERS)) + r")(?![\w-])"
)
_TARGET_WORDS = frozenset(["against", "on", "at", "targeting", "into", "hit"])
_ROLE_NOUNS = frozenset(
    [
        "commander",
        "general",
        "spokesman",
        "spokeswoman",
        "secretary",
        "ambassador",
        "analyst",
        "president",
        "minister",
        "official",
        "admiral",
        "chairman",
        "adviser",
    ]
)
# "the commander, Lt. Gen. Robert P. White,": a role introduced with its holder's name.
#: A sentence without quotes needs the attribution rules only if it has one of these words (as written).
_SPEECHY_FORMS = (
    frozenset(
        w for base in (*SPEECH_VERBS, *STATEMENT_NOUNS, "according") for w in (base, base.capitalize(), base.upper())
    )
    | SPEECH_NOUNS
    | HOLD_VERBS
)
_ROLE_NOUN_FORMS = frozenset(_ROLE_NOUNS)
_ROLE_INTRO = re.compile(r"\b[Tt]he (?:" + "|".join(sorted(_ROLE_NOUNS)) + r"), [A-Z]")


#: Last words of a role a person holds ("the caretaker premier", "the premier-designate").
_ROLE_HEADS = frozenset(
    ["minister", "premier", "president", "leader", "secretary", "spokesman", "spokeswoman", "commander", "general",
     "ambassador", "envoy", "chief", "chairman", "speaker", "governor", "admiral", "designate", "elect", "cleric"]
)  # fmt: skip
#: The other ways a role word is written: a premier is a prime minister.
_ROLE_SYNONYMS = {"premier": "(?:premier|prime[ ]minister)", "defence": "(?:defence|defense)",
                  "defense": "(?:defence|defense)"}  # fmt: skip
#: A capitalised name of two to eight words (titles too) ("Adel Abdul Mahdi", "Adnan al-Zurfi").
_NEAR_NAME = re.compile(
    r"(?<![\w\-])[A-Z][\w\u2019'\-]{1,30}(?:[ ](?:(?:al|el|bin|ibn|abu)-?[ ]?)?[A-Z](?:\.|[\w\u2019'\-]{1,30})){1,7}"
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_TOGETHER = re.compile(
    r"(?:the |all )?(two|both|three|four|five|six) (?:european |western )?"
    r"(?:countries|nations|governments|powers|allies|states|sides|leaders|ministers|men)"
)
_WRITTEN_BY = re.compile(
    r"(?:[Aa]|[Aa]n|[Tt]he|[Ii]n a) (?:joint )?(?:statement|communique|letter) (?:from|by|of) (.{2,80})"
)
_AIDE = re.compile(r"(.{2,80}?)['\u2019]s (spokesman|spokeswoman|spokesperson|adviser|aide)")
#: Head nouns of one anonymous person ("a senior Iraqi military official"), a later "he" or "she".
_ONE_HEADS = frozenset(["official", "source", "spokesman", "spokeswoman", "spokesperson", "commander", "officer",
                        "diplomat", "aide", "adviser", "lawmaker", "resident", "witness", "man", "woman"])  # fmt: skip
_BEHIND = re.compile(
    r"[ \u00a0]{1,3}(?:that[ \u00a0]{1,3})?"
    r"(?:[\w.\-\u2018\u2019'\u201c\u201d\x22]{1,30}[ \u00a0]{1,3}){1,5}?(?:was|were|is|are)"
    r"(?:[ \u00a0]{1,3}(?:likely|probably|almost certainly))?[ \u00a0]{1,3}(?:behind|responsible[ \u00a0]for)(?![\w-])"
)
_BOTH = frozenset(["both", "both groups", "both militias", "both factions", "both movements", "both organizations"])
_NAME_WORD = r"(?:[A-Z][\w\u2019'\-]{0,30}|al-[\w\u2019'\-]{1,30})"
#: Two names joined by "and": "Kataib Hezbollah and Kataib Sayyid al-Shuhada".
_PAIR = re.compile(
    rf"(?<![\w\-])({_NAME_WORD}(?: {_NAME_WORD}){{0,4}}) and ({_NAME_WORD}(?: {_NAME_WORD}){{0,4}})(?![\w\-])"
)
_MISSION = re.compile(r"(.{2,80}?)['\u2019]s (?:mission|delegation|embassy|consulate) (?:to|in) (?:the )?(.{2,80})")
_OWNED = re.compile(r"(.{2,80}?)['\u2019]s (?:media |press )?office")
#: Words after a quote that begin a clause of their own, not its attribution ("as X claimed").
_NOT_ATTRIBUTION = frozenset(["as", "than", "that", "which", "because", "when", "while", "if"])
#: A press release's first line: "Statement by Assistant to the Secretary … Jonathan Hoffman".
_RELEASE_HEADS = frozenset(["Statement", "Remarks", "Readout", "Statement"])
#: "the group said": nouns that stand for the last armed group named.
_GROUP_NOUNS = frozenset(["group", "militia", "movement", "organization", "organisation", "faction", "rebels"])
_OF_PHRASE = re.compile(
    r"^(?:(?:a|an|the|one|two|three|several|A|An|The|One|Two|Three|Several)[ ]{1,3})?"
    r"(?P<head>(?:[\w.\-\u2019']{1,30}[ ]{1,3}){0,4}?"
    r"(?:spokesman|spokeswoman|spokesperson|official|officials|Officials|source|sources|Sources"
    r"|commander|member|members|adviser|aide|representative|leader|officer))[ ]{1,3}(?P<prep>for|of|at|in|with|from|close[ ]to)[ ]{1,3}"  # noqa: E501
    r"(?P<tail>[^ ].{0,80})$"
)
_ACRONYM = re.compile(r"[A-Z]{2,7}")
_SINGLE_NAME = re.compile(r"(?:al-|el-)?[A-Z][\w\u2019'\-]{1,30}")
_DOCUMENT_FORMS = STATEMENT_NOUNS | {n.capitalize() for n in STATEMENT_NOUNS}


_ARMED = frozenset([ActorKind.ARMED_GROUP, ActorKind.OTHER])
# A person named after a title or a role noun ("Gen. Kenneth McKenzie", "spokesman Abbas Mousavi"),
# remembered for a later "he said" even when the name is not a speaker yet.
_NAME_PART = r"(?:al-|el-)?[A-Z][\w\u2019'\-]{1,30}"
_PERSON_CUE = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Adm|Cmdr|Capt|Sgt|Sen|Rep|Gov|Prof)\.?[ \u00a0]{1,3}"
    rf"(?:(?:Gen|Col)\.[ \u00a0]{{1,3}})?((?:{_NAME_PART}[ \u00a0]{{1,3}}){{0,3}}{_NAME_PART})"
    r"|(?:[Cc]hief|[Ss]pokes(?:man|woman|person)|[Mm]inister|[Ll]eader|[Pp]resident|[Cc]ommander"
    r"|[Ee]nvoy|[Aa]mbassador|[Ss]ecretary|[Aa]dviser|[Aa]nalyst|[Rr]esearcher|[Gg]eneral|[Ss]peaker|[Aa]yatollah)"
    rf"[ \u00a0]{{1,3}}((?:{_NAME_PART}[ \u00a0]{{1,3}}){{0,3}}{_NAME_PART})"
)
_APPOSITIVE_ROLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "official",
        "commander",
        "analyst",
        "researcher",
        "adviser",
        "envoy",
        "ambassador",
        "leader",
        "chief",
        "secretary",
        "director",
        "fellow",
        "professor",
        "general",
        "colonel",
        "activist",
        "resident",
    ]
)
#: The words one of which a sentence needs for _PERSON_CUE to match (a cheap test first).
_CUE_WORDS = frozenset(
    [
        f"{t}."
        for t in [
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Gen",
            "Lt",
            "Col",
            "Maj",
            "Brig",
            "Adm",
            "Cmdr",
            "Capt",
            "Sgt",
            "Sen",
            "Rep",
            "Gov",
            "Prof",
        ]
    ]
    + ["Mr", "Mrs", "Ms", "Dr"]
    + [
        w
        for base in [
            "chief",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "minister",
            "leader",
            "president",
            "commander",
            "envoy",
            "ambassador",
            "secretary",
            "adviser",
            "analyst",
            "researcher",
            "general",
            "speaker",
            "ayatollah",
            "official",
            "director",
            "fellow",
            "professor",
            "colonel",
            "activist",
            "resident",
        ]
        for w in (base, base.capitalize())
    ]
)
# Headline attributions: "Iraq's PM: …", "… — Pentagon", "…, Pentagon says".
_HEADLINE_BEFORE = re.compile(r"(?P<who>[A-Z][^:\n]{1,50}?):[ \u00a0]{1,3}(?P<what>\S[^\n]{6,})")
_HEADLINE_AFTER = re.compile(
    r"(?P<what>\S[^\n]{6,}?)(?:[ \u00a0]{1,3}[\u2014\u2013-]{1,2}|,)[ \u00a0]{1,3}"
    r"(?P<who>[A-Za-z][^\u2014\u2013,\n]{1,50}?)(?:[ \u00a0]{1,3}(?:says|said|warns|claims|denies|tells \w+))?"
)
#: A headline that reports a denial: "Iran denies missile downed Ukrainian jet".
_HEADLINE_DENIES = re.compile(r"\S+(?: \S+){0,3} (?:denies|rejects|dismisses)\b")
_ORG_HEADS = frozenset(["Cell", "Command", "Council", "Committee", "Directorate", "Authority", "Office", "Corps"])
_HEADLINE_ROLES = frozenset(
    ["PM", "FM", "President", "Premier", "Minister", "Leader", "Chief", "Army", "Military", "Spokesman", "Official",
     "Officials", "Envoy", "Commander", "General", "Ministry", "Government", "Militia", "Source", "Sources"]
)  # fmt: skip
#: Words that hedge a proposition ("may have", "reportedly", "it was not clear").
_HEDGE = re.compile(
    r"(?<![\w\u2019'])(?:[Mm]ay(?: well| not)? have|[Mm]ight(?: well| not)? have|[Cc]ould have|[Mm]ay be"
    r"|[Pp]ossibly|[Pp]robably|[Pp]erhaps|[Rr]eportedly|[Aa]llegedly|[Aa]pparently"
    r"|(?:[Ii]t|[Tt]his|[Tt]hat)(?: is| was|\u2019s|'s) possible"
    r"|(?:was|is)(?: not |n't |n\u2019t |un)(?:yet |immediately )?clear|[Uu]nclear|not (?:certain|sure)"
    r"|(?:do|does|did)(?:n't|n\u2019t| not) (?:yet )?know|(?:is|are|was|were) not (?:yet )?known"
    r"|(?:is|are|was|were) (?:believed|thought|suspected|understood) to"
    r"|(?:appeared|seemed) to|may(?: well| not)? (?!have\b)[a-z]{2,}"
    r"|could (?:be|rise|increase|grow|climb|change|continue|go up)|(?:was|is|are|were) (?:most )?likely"
    r"|(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I) (?:feared|fears|fear)"
    r"|(?:could|can)(?:not|n\u2019t|n't| not) (?:be )?"
    r"(?:independently )?(?:confirm|verif|say so)\w*|(?:do|does|did)(?:n\u2019t|n't| not) have (?:the |any )?evidence)"
    r"(?![\w])"
)
#: Words of a denial inside a quote or a reported clause ("nothing to do with", "baseless").
_DENY = re.compile(
    r"(?<![\w\u2019'])(?:nothing to do with|[Nn]o (?:decision|evidence|truth|basis|grounds|involvement|role|link)"
    r"|(?:was|were|is|are|am)(?: not|n't|n\u2019t) (?:hit|involved|responsible|behind|leaving|withdrawing|pulling out"
    r"|taking part|part of|after war|seeking war)"
    r"|not true|untrue|not related to|unrelated to|baseless|meaningless|groundless|absurd|ridiculous"
    r"|(?:absolutely|completely|totally) false"
    r"|unfounded|categorically|false (?:claims?|reports?|accusations?)|fabricat\w{0,6}|(?:[Ww]e|I) deny"
    r"|(?:did|does|do|had|has|have)(?: not|n't|n\u2019t) "
    r"(?:conduct|carry out|fire|launch|order|target|attack|shoot|kill|seek|accept)"
    r"|(?:is|was) impossible|(?:[Tt]hat|[Tt]his|[Ii]t)(?:'s|\u2019s| is| was) not (?:what|true|the case))"
    r"(?![\w])"
)
#: "denied involvement", "denied any role": a denial of responsibility.
_DENIED_ROLE = re.compile(
    r"(?:involvement|responsibility|any role|a role|any part|being behind|carrying out|any link)", re.IGNORECASE
)
_FEMALE_CUES = re.compile(
    r"(?<!\w)(?:Ms\.?|Mrs\.?|Miss|spokeswoman|woman|she|her|congresswoman|chairwoman|businesswoman)(?!\w)"
)
#: Common female given names in this field's news (a cue for "she said"; not exhaustive).
_FEMALE_NAMES = frozenset(
    "Maria Nancy Sarah Sanam Morgan Alissa Hillary Condoleezza Nikki Kelly Samantha Federica Ursula Angela Theresa "
    "Jeanine Masoumeh Zahra Fatima Maryam Mary Elizabeth Jane Anne Anna Susan Barbara Linda Patricia Jennifer "
    "Michelle Kamala Gina Avril Tulsi Ilhan Rashida Alexandria Elissa Liz Lindsey? Dina Hanan Rania Leila Layla "
    "Lina Rula Mona Noor Nour Yasmin Zainab Samira Suzanne Kate Victoria Catherine Helen Emily Emma Lisa Laura "
    "Julia Karen Margaret Diane Deborah Rebecca Rachel Ruth Sophie Claire Marie".replace("?", "").split()
)


def _is_female(actor: Actor, context: str) -> bool:
    """A guess at a person's gender from the words around the name and the first name."""
    first = actor.name.split()[0] if actor.name.split() else ""
    return first in _FEMALE_NAMES or _FEMALE_CUES.search(context) is not None


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


@attrs.define
class _State:
    """What the extractor remembers inside one article."""

    last_speaker: Actor | None = None
    last_person: Actor | None = None
    last_group: Actor | None = None
    roles: dict[str, Actor] = attrs.field(factory=dict)
    dates: collections.deque[tuple[int, dt.date]] = attrs.field(factory=lambda: collections.deque(maxlen=8))
    """The last days named, with the number of their sentence (anchors for "a day later")."""
    sentence_no: int = 0
    previous_speaker: Actor | None = None  # speaker of the previous sentence
    documents: dict[str, Actor] = attrs.field(factory=dict)  # "statement" → its author, as last mentioned
    last_org: Actor | None = None  # the last body (not a person) named as a speaker or subject: "it said"
    last_armed: Actor | None = None  # the last armed group named: "the group said"
    orgs: list[Actor] = attrs.field(factory=list)  # the bodies named, most recent last: "the ministry said"
    written: dict[str, str] = attrs.field(factory=dict)  # actor id → how the text last wrote its name
    people: list[tuple[Actor, str]] = attrs.field(factory=list)  # persons named, with the words around the name
    article_start: int = 0
    position: int = 0
    joint: tuple[Actor, int] | None = None  # the last speakers named together, and how many: "the three countries"
    previous_text: str = ""  # the start of the previous sentence: the context of "The figure is up from 64"

    def person(self, *, female: bool) -> Actor | None:
        """The last named person a "he" or "she" stands for (one of matching gender if any)."""
        for actor, context in reversed(self.people[-6:]):
            if _is_female(actor, context) == female:
                return actor
        return self.last_person

    def saw_person(self, actor: Actor, context: str) -> None:
        """Remember a person named in the text, with the words around the name (cues of gender)."""
        self.last_person = actor
        if self.people and self.people[-1][0].id == actor.id:
            if len(self.people[-1][1]) < 200:
                self.people[-1] = (actor, self.people[-1][1] + " " + context)
            return
        self.people.append((actor, context))
        if len(self.people) > 16:
            del self.people[:-8]


class Extractor:
    """Turns the decoded text of one file into model objects.

    :param resolve: the ``resolve_actor`` hook.
    :param known: the actors to match mentions and surnames against (the embedded dataset's).
    :param options: ``published`` (ISO date for articles without one), ``mentions``
        (false to skip actor-mention claims), ``events`` (false to skip candidate events).
    """

    def __init__(self, resolve: Resolve, known: Sequence[Actor], options: Mapping[str, Any] | None = None) -> None:
        self.options = dict(options or {})
        self.resolver = ActorResolver(resolve, known)
        self.known = {a.id: a for a in known}
        self.matcher = self.resolver.matcher(known)
        self.places = self.resolver.place_matcher()
        self.gazetteer = Gazetteer.load()
        self._emitted: set[str] = set()
        self._headlines: set[int] = set()  # starts of headlines read as attributions: no reported speech in them
        self._values: dict[str, ClaimValue] = {}
        self._text = ""

    # -- output helpers -------------------------------------------------------------

    @staticmethod
    def _said(
        claim_id: str,
        source: Source,
        speaker: Actor,
        *,
        text: str,
        stance: Stance,
        confidence: float,
        evidence: str,
        offsets: tuple[int, int],
        quote: str | None = None,
        said: str | None = None,
        subject: Actor | None = None,
        predicate: Predicate = Predicate.STATES,
    ) -> Claim:
        """The one machine claim of what ``speaker`` says: a quote, a headline, reported speech or blame.

        The subject is the speaker unless it is given (who is held responsible, for blame).
        """
        return Claim(
            id=claim_id,
            source=source.id,
            subject=(subject or speaker).id,
            predicate=predicate,
            value=ClaimValue(text=text),
            kind=ClaimKind.ATTRIBUTION,
            stance=stance,
            confidence=confidence,
            speaker=speaker.id,
            quote=quote,
            evidence=evidence,
            said=said,
            offsets=offsets,
            machine=True,
        )

    def _actor(self, actor: Actor) -> Iterator[Actor]:
        if actor.id not in self._emitted:
            self._emitted.add(actor.id)
            yield actor

    def run(self, text: str) -> Iterator[Object]:
        """Every object extracted from ``text``: per article, its sources, actors, claims and events."""
        paras = list(paragraphs(text))
        self._text = text
        for article in split_articles(text, paras, self.resolver):
            # The objects made here hold no reference cycles: the cyclic garbage collector
            # only costs time while they are made (it is off for one article at a time, never
            # while the caller runs).
            enabled = gc.isenabled()
            gc.disable()
            try:
                made = list(self._article(text, paras, article))
            finally:
                if enabled:
                    gc.enable()
            yield from made

    # -- one article ----------------------------------------------------------------

    def _sources(self, text: str, paras: Sequence[Paragraph], article: Article) -> tuple[Source, list[Source]]:
        start = paras[article.first].start
        end = paras[article.last - 1].end if article.last > article.first else start
        digest = _digest(text[start:end])
        published = article.published
        option = self.options.get("published")
        if published is None and isinstance(option, dt.date):
            published = option
        publisher = article.publisher or self.options.get("publisher")
        label = slug(article.publisher_actor.id.split(":")[-1] if article.publisher_actor else publisher or "article")
        date_part = f"-{published.isoformat()}" if published else ""
        extra: list[Source] = []
        if article.reprinted_from:
            original = Source(
                id=f"source:text:{slug(article.reprinted_from)}{date_part}-{digest}",
                title=article.title,
                kind=article.kind,
                publisher=article.reprinted_from,
                authors=article.authors,
                published=published.isoformat() if published else None,
                language="en",
                description="Original publication of a reprinted article (machine-extracted header).",
            )
            extra.append(original)
        source = Source(
            id=f"source:text:{label}{date_part}-{digest}",
            title=article.title,
            kind=article.kind,
            publisher=str(publisher) if publisher else None,
            authors=article.authors,
            published=published.isoformat() if published else None,
            derived_from=tuple(s.id for s in extra),
            language="en",
            description=article.description,
        )
        return source, extra

    def _article(self, text: str, paras: Sequence[Paragraph], article: Article) -> Iterator[Object]:
        source, extra = self._sources(text, paras, article)
        for made in (*extra, source):
            # The same article twice in one file is one source (its claims differ by offsets).
            if made.id not in self._emitted:
                self._emitted.add(made.id)
                yield made
        published = source.published.earliest if source.published is not None else None
        key = source.id.rsplit("-", 1)[-1]
        state = _State(article_start=paras[article.first].start)
        body = [p for i, p in enumerate(paras[article.first : article.last], article.first) if i not in article.skip]
        for para in body[:2]:
            line = text[para.start : para.end]
            if article.title != line and line.endswith(article.title) and para is body[0]:
                continue  # "OUTLET: Title": the outlet is not a speaker
            yield from self._headline(text, para, source, key)
        for block in blocks(text, body):
            found = quotes(text, block)
            last_quote_speaker: Actor | None = None
            pending: list[Object] = []
            for sentence in sentences(text, block, found):
                state.sentence_no += 1
                if pending and _UNVERIFIED.match(text, sentence.start, sentence.end):
                    # "… claimed responsibility …, saying it had targeted “vital sites”. The claim could not
                    # be independently verified.": the writer hedges what the sentence before reports.
                    pending = [_hedged(o) for o in pending]
                yield from pending
                pending, last_quote_speaker = self._sentence(
                    text, sentence, source, key, published, state, last_quote_speaker
                )
            yield from pending

    def _resolve_phrase(self, phrase: str | None, appositive: str | None, state: _State) -> Actor | None:
        if phrase is None:
            return None
        if "so-called " in phrase:
            phrase = phrase.replace("so-called ", "")  # "The so-called US-led coalition": the writer's distance
        lowered = phrase.lower()
        if lowered in ("he", "she"):
            previous = state.previous_speaker
            if previous is not None and previous.id in self.resolver.new and _one_anonymous(previous):
                return previous  # "A senior Iraqi military official said … “…,” he told Reuters."
            return state.person(female=lowered == "she")
        if lowered == "it":
            return state.last_org
        if lowered == "they":
            return state.last_group or state.last_org or state.last_speaker
        if lowered in ("one of them", "some of them", "two of them", "none of them"):
            return state.last_group or state.last_speaker
        for lead in ("one of the ", "some of the ", "two of the ", "none of the "):
            if lowered.startswith(lead):
                lowered = "the " + lowered[len(lead) :]
        written = _WRITTEN_BY.fullmatch(phrase)
        if written is not None:
            # "a statement from the Iraqi military said": the statement's author.
            rest = written.group(1)
            if rest.lower() in ("his office", "her office"):
                return state.person(female=rest.lower().startswith("her"))
            return self._resolve_phrase(rest, None, state)
        aide = _AIDE.fullmatch(phrase)
        if aide is not None:
            # "Prime Minister Adel Abdul Mahdi's spokesman": anonymous, named with whom it speaks for.
            owner = self.resolver.speaker(aide.group(1))
            if owner is not None and owner.kind is ActorKind.PERSON:
                return self.resolver.anonymous(f"{owner.name}'s {aide.group(2)}")
        mission = _MISSION.fullmatch(phrase)
        if mission is not None and self.resolver.speaker(mission.group(1)) is not None:
            # "Iran's mission to the United Nations": the mission, not its host or its owner.
            return self.resolver.body(" ".join(phrase.split()))
        words = lowered.split()
        if len(words) >= 2 and words[0] in ("the", "its", "their") and words[-1] in FIRM_NOUNS:
            # "The company said", "its Swedish owners said": the last business named, else as written.
            new = self.resolver.new
            firm = next((a for a in reversed(state.orgs) if a.kind is ActorKind.OTHER and a.id in new), None)
            return firm or self.resolver.anonymous(" ".join(phrase.split()[1:]), phrase)
        owned = _OWNED.fullmatch(phrase)
        if owned is not None:
            # "Prime Minister Adel Abdul Mahdi's office said": the office speaks for its owner.
            owner = self.resolver.speaker(owned.group(1))
            if owner is not None:
                return owner
        together = _TOGETHER.fullmatch(lowered)
        if together is not None:
            # "the three countries said", after "Britain, France and Germany accused …"
            count = _NUMBERS.get(together.group(1), 0)
            if state.joint is not None and state.joint[1] == count:
                return state.joint[0]
        if lowered.startswith("the ") and lowered[4:] in STATEMENT_NOUNS:
            return state.documents.get(lowered[4:]) or state.last_org
        if lowered.startswith("the ") and lowered[4:] in _GROUP_NOUNS:
            return state.last_armed or state.last_group
        if lowered.startswith("the ") and lowered[4:] in ORG_NOUNS:
            # "the command said": the last body named with that word in its name.
            noun = lowered[4:]
            named = next((a for a in reversed(state.orgs) if any(noun in n.lower().split() for n in a.names())), None)
            # Else the body named before by a name ending in the noun; else what the noun alone names.
            return named or self._body_lookback(noun, state) or self.resolver.hook(noun)
        if lowered.startswith("the ") and lowered[4:] in state.roles:
            return state.roles[lowered[4:]]
        role_words = lowered[4:].split()
        lowercase_role = lowered.startswith("the ") and 1 < len(role_words) <= 3 and phrase[4:].islower()
        if lowercase_role and role_words[-1] in state.roles:
            return state.roles[role_words[-1]]  # "the prime minister", after "Prime Minister X"
        holder = self._role_holder(phrase, state) if lowered.startswith("the ") else None
        if holder is not None:
            return holder  # "the caretaker premier", after "Caretaker Prime Minister Adel Abdul Mahdi"
        if lowercase_role and (role_words[-1] in ROLE_WORDS or role_words[-1] in _ROLE_NOUNS):
            return None  # "the prime minister" with no one named so: not a new actor "prime minister"
        group = state.last_group
        if lowered.startswith("the ") and " " not in lowered[4:] and group is not None:
            head = group.name.lower()
            if head.endswith(lowered[4:]) or f"{lowered[4:]} " in _before_preposition(head):
                return group  # "the sources said", after "Two Iraqi security sources said …" or "A source in …"
        if lowered.startswith("the ") and (lowered[4:] in _ROLE_NOUNS or lowered[4:] in ROLE_WORDS):
            return None
        of = _OF_PHRASE.match(phrase)
        if of is not None:
            # "a spokesman for the group": an anonymous speaker, named with what it speaks for.
            tail = (
                self._resolve_phrase(of.group("tail"), None, state)
                if of.group("tail").lower().startswith("the ")
                else None
            )
            # Named as the text writes the body ("Kataeb Hezbollah"), not by its canonical name.
            body = state.written.get(tail.id, tail.name) if tail is not None else of.group("tail")
            name = f"{of.group('head')} {of.group('prep')} {body}"
            return self.resolver.anonymous(name, phrase)
        actor = self.resolver.speaker(phrase)
        if actor is None and _ACRONYM.fullmatch(phrase):
            actor = self._acronym(phrase, state)  # "OFAC said", after "… Office of Foreign Assets Control (OFAC)"
        if actor is None and _SINGLE_NAME.fullmatch(phrase):
            actor = self._lookback(phrase, state)
        if actor is not None and actor.kind is ActorKind.PERSON:
            for word in phrase.split():
                role = role_of_title(word) or (word.lower() if word.lower() in ROLE_WORDS else None)
                if role:
                    state.roles[role] = actor
            description = actor.description or ""
            for word in [*(appositive or "").lower().replace(",", " ").split(), *description.lower().split()]:
                if word in _ROLE_NOUNS or word in ROLE_WORDS:
                    state.roles[word] = actor
        return actor

    def _both(self, phrase: str, state: _State) -> list[Actor]:
        """The two named in the previous sentence as "A and B", for "Both groups" / "Both" ([] if none)."""
        if phrase.lower() not in _BOTH:
            return []
        match = None
        for found_pair in _PAIR.finditer(state.previous_text):
            match = found_pair  # the last pair named
        if match is None:
            return []
        pair = [self.resolver.speaker(match.group(1)), self.resolver.speaker(match.group(2))]
        found = [a for a in pair if a is not None and a.kind is not ActorKind.PERSON]
        return found if len(found) == 2 and found[0].id != found[1].id else []

    def _role_holder(self, phrase: str, state: _State) -> Actor | None:
        """The person named earlier in the article with the role of "the caretaker premier" ("the Iranian
        foreign minister", "the premier-designate"): the name written nearest the role's words."""
        words = [w for w in phrase[4:].replace("-", " ").split() if w]
        if not 1 <= len(words) <= 4 or words[-1].lower() not in _ROLE_HEADS:
            return None
        # Demonyms and countries qualify the role without being written the same way ("Iran's").
        role = [w.lower() for w in words if w not in self.resolver.countries]
        countries = self.resolver.countries
        # Each qualifier as any name of its country ("the Iraqi prime minister" near "Iraq's").
        qualifiers = [
            {f.casefold() for f in (countries[w]["name"], *countries[w]["demonyms"])} for w in words if w in countries
        ]
        iso3s = {countries[w]["iso3"] for w in words if w in countries}
        if not role:
            return None
        pattern = re.compile(
            r"(?<!\w)" + r"[ \-]{1,3}".join(_ROLE_SYNONYMS.get(w, re.escape(w)) for w in role) + r"(?!\w)",
            re.IGNORECASE,
        )
        # The last few thousand characters only: the work per speaker phrase stays bounded.
        window = self._text[max(state.article_start, state.position - 4000) : state.position]
        matches = list(pattern.finditer(window))
        for match in reversed(matches[-4:]):
            lo = max(0, match.start() - 120)
            near = window[lo : match.end() + 120]
            folded = near.casefold()
            # "the Iranian president": a president named with Iran nearby, or a person of Iran.
            written_near = all(any(f in folded for f in forms) for forms in qualifiers)
            # The capitalised name written nearest the role's words ("Caretaker Prime Minister
            # Adel Abdul Mahdi", "named Tariq Haddadi, a former judge, as premier-designate") …
            best: tuple[int, str] | None = None
            for name in _NEAR_NAME.finditer(near):
                start, end = lo + name.start(), lo + name.end()
                written = name.group(0)
                if start < match.end() and end > match.start():
                    if end <= match.end():
                        continue
                    written, start = window[match.end() : end].strip(), match.end()
                between = window[end : match.start()] if end <= match.start() else window[match.end() : start]
                if any(c in between for c in ".:;\n"):
                    continue  # another sentence's name
                if best is None or len(between) < best[0]:
                    best = (len(between), written)
            if best is None:
                continue
            # … a person the article named before if the name shares a word with theirs, else the name's.
            written_words = {w.casefold().removesuffix("'s").removesuffix("\u2019s") for w in best[1].split()}
            written_words = {w for w in written_words if len(w) >= 4}
            found = next(
                (
                    seen
                    for seen, _ in reversed(state.people[-8:])
                    if written_words & {w.casefold() for n in seen.names() for w in n.split()}
                ),
                None,
            )
            bare, _ = person_name(best[1], self.resolver.countries)
            if found is None and len(bare.split()) >= 2:
                found = self.resolver.name(bare) or self._lookback(bare.split()[-1], state)
            if found is not None and found.kind is ActorKind.PERSON and (written_near or found.country in iso3s):
                return found
        return None

    @staticmethod
    def _roles_before(evidence: str, phrase: str, actor: Actor, state: _State) -> None:
        """Remember the roles written just before a speaker's name ("Hezbollah leader Hassan Nasrallah")."""
        if actor.id.startswith("actor:text:") and actor.description and actor.description.startswith("Joint"):
            count = len(actor.description.split(";"))
            state.joint = (actor, count)
            return
        if actor.kind is not ActorKind.PERSON:
            return
        at = evidence.find(phrase)
        if at <= 0:
            return
        before = evidence[max(0, at - 60) : at]
        cut = max(before.rfind(c) for c in '.;:"\u201c\u201d')
        for word in before[cut + 1 :].split()[-6:]:
            role = word.strip(",").lower()
            if role in ROLE_WORDS:
                state.roles[role] = actor

    def _describe(self, actor: Actor, evidence: str, phrase: str) -> Actor:
        """A new person with the role written before their name ("Iran's civil aviation chief Ali Abedzadeh")."""
        at = evidence.find(phrase)
        if at <= 0:
            return actor
        before = evidence[max(0, at - 80) : at]
        cut = max(before.rfind(c) for c in '.,;:\u201c\u201d"(')
        role = " ".join(before[cut + 1 :].split())
        words = role.split()
        if not words or len(words) > 6 or words[-1].lower() not in ROLE_WORDS | _ROLE_NOUNS | {"chief", "head"}:
            return actor
        return self.resolver.describe(actor, role)

    def _cued_people(self, text: str, found_words: Sequence[Word], texts: Sequence[str], state: _State) -> None:
        """Remember the people named after a title or a role ("Gen. X", "spokesman X", "X, a spokeswoman")."""
        for i, word in enumerate(texts):
            if word not in _CUE_WORDS:
                continue
            cue = _PERSON_CUE.match(text, found_words[i].start())
            if cue is not None:
                actor = self._cued_person(cue.group(1) or cue.group(2), state, cue.group(0))
                role = role_of_title(word) or (word.lower() if word.lower() in ROLE_WORDS else None)
                if actor is not None and role is not None:
                    state.roles[role] = actor
            elif word in _APPOSITIVE_ROLES and i >= 3:
                # "Sarah Jones, a spokeswoman": a comma and an article at most five words back.
                for c in range(i - 1, max(0, i - 6), -1):
                    if texts[c] == "," and texts[c + 1] in ("a", "an", "the"):
                        k = c
                        while k - 1 >= 0 and c - k < 4 and texts[k - 1][:1].isupper():
                            k -= 1
                        if c - k >= 2:
                            name = text[found_words[k].start() : found_words[c - 1].end()]
                            self._cued_person(name, state, text[found_words[k].start() : found_words[i].end()])
                        break

    def _cued_person(self, name: str, state: _State, context: str) -> Actor | None:
        """Remember a person the text names after a title or a role, known or new."""
        name = " ".join(w for w in name.split() if w not in ("Jr", "Sr"))
        actor = self.resolver.name(name)
        if actor is None:
            bare, _ = person_name(name, self.resolver.countries)
            if len(bare.split()) < 2:
                return None
            actor = self.resolver.new_person(bare)
        if actor.kind is not ActorKind.PERSON:
            return None
        state.saw_person(actor, context)
        return actor

    def _body_lookback(self, noun: str, state: _State) -> Actor | None:
        """The body named before in the article by a capitalised name ending in ``noun`` ("Iran's Foreign Ministry")."""
        window = self._text[max(state.article_start, state.position - 2000) : state.position]
        head = noun.capitalize()
        at = window.rfind(" " + head)
        if at < 0:
            return None
        before = window[max(0, at - 80) : at].split()
        k = len(before)
        while k > 0 and len(before) - k < 4 and before[k - 1][:1].isupper():
            k -= 1
        if k == len(before):
            return None  # "the ministry" after a lone "Ministry": no name to give it
        name = " ".join([*before[k:], head])
        actor = self.resolver.speaker(name)
        if actor is None or actor.kind is ActorKind.PERSON:
            return None
        return actor

    def _acronym(self, acronym: str, state: _State) -> Actor | None:
        """The body the article named before with ``acronym`` in brackets after its name, else ``None``."""
        window = self._text[max(state.article_start, state.position - 4000) : state.position]
        at = window.rfind(f" ({acronym})")
        if at < 0:
            return None
        before = window[max(0, at - 120) : at].split()
        k = len(before)
        while k > 0 and len(before) - k < 8:
            word = before[k - 1]
            if word.endswith(("'s", "\u2019s")) or not (word[:1].isupper() or word in ("of", "for", "and", "the")):
                break
            k -= 1
        while k < len(before) and before[k] in ("of", "for", "and", "the"):
            k += 1
        if len(before) - k < 2:
            return None
        name = " ".join(before[k:])
        return self.resolver.speaker(name) or self.resolver.body(name)

    def _lookback(self, surname: str, state: _State) -> Actor | None:
        """The person named earlier in the article by a full name ending in ``surname`` ("Ali Abedzadeh")."""
        window = self._text[state.article_start : state.position]
        escaped = re.escape(surname)
        if surname.startswith(("Al-", "El-")):
            escaped = f"[{surname[0]}{surname[0].lower()}]{re.escape(surname[1:])}"  # "Al-Kadhimi" at a sentence start
        pattern = re.compile(r"(?<![\w\u2019'])((?:[A-Z][\w\u2019'.\-]{0,30}[ \u00a0]){1,4})" + escaped + r"(?![\w-])")
        last = None
        for match in pattern.finditer(window):
            last = match
        if last is None:
            return None
        name, role = person_name(last.group(0), self.resolver.countries)
        if len(name.split()) < 2:
            return None
        before = window[max(0, last.start() - 80) : last.start()]
        cut = max(before.rfind(c) for c in '.,;:\u201c\u201d"\n')
        role = " ".join([*before[cut + 1 :].split(), *role.split()])
        known = self.resolver.name(name)
        if known is not None:
            return known
        return self.resolver.new_person(name, role or None)

    def _sentence(
        self,
        text: str,
        sentence: Sentence,
        source: Source,
        key: str,
        published: dt.date | None,
        state: _State,
        last_quote_speaker: Actor | None,
    ) -> tuple[list[Object], Actor | None]:
        out: list[Object] = []
        found_words = words(text, sentence.start, sentence.end)
        evidence = text[sentence.start : sentence.end]
        offsets = (sentence.start, sentence.end)
        state.position = sentence.start
        if len(evidence) > MAX_SENTENCE:
            # Not prose (a table, a run-on line): only its mentions, so the work stays linear.
            out.extend(self._mentions(text, found_words, source, key))
            return out, last_quote_speaker
        texts = word_texts(found_words, curly="\u2019" in evidence)
        speechy = bool(sentence.quotes) or not _SPEECHY_FORMS.isdisjoint(texts)
        toks = tokens(text, sentence, found_words, texts) if speechy else []

        # Mentions (outside and inside quotes) and the people they name.
        mention_actors = self._mention_actors(text, found_words, texts)
        inside = [(q.start, q.end) for q in sentence.quotes]
        for mention, actor in mention_actors:
            if inside and any(s <= mention.start < e for s, e in inside):
                continue
            if actor.kind is ActorKind.PERSON:
                state.saw_person(actor, text[max(sentence.start, mention.start - 12) : mention.end + 30])
            elif actor.kind is ActorKind.GROUP:
                state.last_group = actor
            elif actor.kind in _ARMED:
                state.last_armed = actor
                state.written[actor.id] = mention.text
            if actor.kind is not ActorKind.PERSON and mention.start - sentence.start <= 24:
                state.last_org = actor  # the subject of the sentence, for a later "it said"
            if actor.kind is not ActorKind.PERSON and actor.kind is not ActorKind.STATE:
                state.orgs.append(actor)
                del state.orgs[:-8]

        # Dates, normalised against publication (relative ones against a recent day).
        dated: list[tuple[int, int, str, str]] = []
        if published is not None:
            for start, end, expression in find_dates_in_words(text, found_words, texts):
                recent = [d for n, d in state.dates if state.sentence_no - n <= 3]
                edtf = normalise_date(expression, published, anchor=recent[-1] if recent else None)
                if edtf is None:
                    continue
                if _WEEKDAY_DATE.fullmatch(expression) and _FUTURE.search(text, max(sentence.start, start - 40), start):
                    # "would meet again on Friday": the Friday to come, not the one before publication.
                    edtf = _next_week(edtf, published)
                dated.append((start, end, expression, edtf))
                if len(edtf) == 10 and _DAY.fullmatch(edtf):
                    state.dates.append((state.sentence_no, dt.date.fromisoformat(edtf)))

        # Speakers of this sentence's speech verbs.
        resolved: list[tuple[Attribution, Actor | None]] = []
        documents: dict[str, Actor] = {}
        if not _ROLE_NOUN_FORMS.isdisjoint(texts) and _ROLE_INTRO.search(evidence):
            self._roles(text, toks or tokens(text, sentence, found_words, texts), state)
        release: Actor | None = None
        if speechy:
            for att in attributions(text, toks):
                pair = self._both(att.phrase, state) if att.phrase and att.phrase.startswith(("Both", "both")) else []
                if pair:
                    # "Both groups have denied …" after "used by Kataib Hezbollah and Kataib Sayyid al-Shuhada".
                    resolved.extend((att, a) for a in pair)
                    continue
                named = self._resolve_phrase(att.phrase, att.appositive, state)
                if att.phrase == "it":
                    # "The UAE's Ministry of Defence said … in what it called …": the body this sentence named.
                    bodies = [a for _, a in resolved if a is not None and a.kind is not ActorKind.PERSON]
                    named = bodies[-1] if bodies else named
                if named is not None and named.description is None and att.phrase and named.id in self.resolver.new:
                    named = self._describe(named, evidence, att.phrase)
                if named is not None and att.phrase:
                    self._roles_before(evidence, att.phrase, named, state)
                resolved.append((att, named))
            documents = self._documents(text, toks, resolved)
            if len(toks) > 3 and toks[0].text in _RELEASE_HEADS and toks[1].text in ("by", "from", "of"):
                release = self.resolver.speaker(text[toks[2].start : sentence.end].rstrip(" .:"))
                if release is not None:
                    documents[toks[0].text.lower()] = release
                    if release.kind is ActorKind.PERSON:
                        state.saw_person(release, evidence)
        sentence_speaker = next((a for _, a in reversed(resolved) if a is not None), release)

        # Direct quotes.
        quote_tokens = {t.quote: i for i, t in enumerate(toks) if t.quote is not None}
        plain_words = sum(1 for t in toks if t.quote is None and t.text[:1].isalnum()) if sentence.quotes else 0
        for index, quote in enumerate(sentence.quotes):
            at = quote_tokens[index]
            if _scare_quote(toks, at, quote.text):
                continue
            speaker, inferred = self._quote_speaker(text, toks, at, resolved, state)
            if speaker is None and plain_words <= 2:
                speaker = last_quote_speaker or state.previous_speaker
                inferred = True
            words_of = len(toks) > 3 and toks[0].text == "In" and toks[1].text in ("his", "her")
            if speaker is None and words_of and toks[2].text == "words":
                # "In her words, the current crisis “is a direct consequence” of …": the last speaker.
                speaker, inferred = last_quote_speaker or state.previous_speaker, True
            if speaker is None:
                continue
            last_quote_speaker = speaker
            out.extend(self._actor(speaker))
            said = next((d[3] for d in dated if not quote.start <= d[0] < quote.end), None)
            verb = _governing_verb(toks, resolved, speaker, at)
            words_said = quote.text.rstrip(",")
            out.append(
                self._said(
                    f"claim:text:{key}:{quote.start}-{quote.end}:quote",
                    source,
                    speaker,
                    text=words_said,
                    quote=words_said,
                    stance=_quote_stance(quote.text, verb, label=at >= 1 and toks[at - 1].text == "as"),
                    confidence=CONFIDENCE.quote_inferred if inferred else CONFIDENCE.quote,
                    evidence=evidence,
                    said=said,
                    offsets=offsets,
                )
            )
            sentence_speaker = sentence_speaker or speaker

        # Reported speech: "American officials said …", "according to X", "Iran denied …";
        # in a sentence with quotes, only a verb followed by a clause of its own.
        seen: set[tuple[str, Stance]] = set()
        for att, reporter in resolved:
            if reporter is None or sentence.start in self._headlines:
                continue
            if _nested(toks, att, resolved):
                continue  # "… after lawmakers rejected some nominees, parliamentary sources said": the sources' account
            if sentence.quotes and not _reports_clause(toks, att):
                clause = _clause(text, toks, att, sentence)
                if _BEHIND.match(text, toks[att.verb].end, sentence.end):
                    clause = text[toks[att.verb].end : sentence.end]
                if toks[att.verb].text.lower() in BLAME_VERBS or _BEHIND.match(clause):
                    # "blaming “unidentified snipers” for …": the blame stands without a clause;
                    # "said 'unidentified snipers' were responsible for …" too.
                    out.extend(
                        self._responsibility(text, toks, att, reporter, mention_actors, sentence, source, key, clause)
                    )
                continue
            clause = _clause(text, toks, att, sentence)
            # The stance of reported speech reads its partial quotes too ("said the evidence “may not …”").
            whole = text[toks[att.verb].end : sentence.end] if sentence.quotes else None
            stances = [_reported_stance(toks, att, clause, whole)]
            # A second part with a stance of its own: "said Tehran had “…” and did not seek escalation";
            # "Embassy staff had not been evacuated, an Iraqi official said, though he could not confirm …".
            joined = _joined_after_quote(toks, att.verb)
            # "told reporters that the attack was “…” and denied that any Israeli sites existed".
            if (
                _DENY.search(joined)
                or joined.startswith(_JOINED_DENIALS)
                or _DENY.search(_predicate_quote(toks, att.verb, sentence))
            ):
                stances.append(Stance.DENIES)
            lead = _lead_before(toks, att)
            if lead:
                stances.insert(0, _reported_stance(toks, att, lead, lead))
            for stance in stances:
                # One claim per speaker and stance ("said that …, adding that it was not clear …").
                if (reporter.id, stance) in seen:
                    continue
                seen.add((reporter.id, stance))
                out.extend(self._actor(reporter))
                out.append(
                    self._said(
                        f"claim:text:{key}:{offsets[0]}-{offsets[1]}:reported:{len(seen)}",
                        source,
                        reporter,
                        text=evidence,
                        stance=stance,
                        confidence=CONFIDENCE.reported,
                        evidence=evidence,
                        said=_said_date(dated, toks[att.verb].end),
                        offsets=offsets,
                    )
                )
            out.extend(self._responsibility(text, toks, att, reporter, mention_actors, sentence, source, key, clause))

        # Actor mentions.
        out.extend(self._mention_claims(mention_actors, source, key))

        # Candidate events: a trigger word near a date expression.
        event_id: str | None = None
        if dated and self.options.get("events", True):
            made = list(
                self._events(text, sentence, (found_words, texts), dated, mention_actors, source, key, sentence_speaker)
            )
            event_id = next((o.id for o in made if isinstance(o, Event)), None)
            out.extend(made)

        # Counts ("at least 25 rockets", "two Americans and a Briton"), of the sentence's event if any.
        heads = not HEAD_FORMS.isdisjoint(texts) or (not OF_HEADS.isdisjoint(texts) and "of" in texts)
        bare = not BARE_FORMS.isdisjoint(texts)
        if (heads or bare) and _COUNTABLE.search(evidence):
            windows = count_windows(found_words, texts) if heads else []
            context = evidence if not state.previous_text else state.previous_text + " " + evidence
            out.extend(
                self._counts(text, sentence, event_id, source, key, mention_actors, windows, context if bare else None)
            )
        state.previous_text = evidence[:400]

        if not _CUE_WORDS.isdisjoint(texts):
            self._cued_people(text, found_words, texts, state)
        for att, named in resolved:
            if named is None:
                continue
            if named.kind is ActorKind.PERSON and att.phrase not in ("he", "she"):
                state.saw_person(named, f"{att.phrase} {att.appositive or ''}")
            elif named.kind is not ActorKind.PERSON:
                state.last_org = named
                state.orgs.append(named)
                del state.orgs[:-8]
                if named.kind in _ARMED:
                    state.last_armed = named
                elif named.kind is ActorKind.GROUP and named.id in self.resolver.new and not _one_anonymous(named):
                    # "Two militia sources told Reuters that Kataib Hezbollah had warned …": a later
                    # "one of the sources" is one of them, whoever else the sentence names.
                    state.last_group = named
        if sentence_speaker is not None:
            state.last_speaker = sentence_speaker
            if sentence_speaker.kind is ActorKind.GROUP:
                state.last_group = sentence_speaker
        state.previous_speaker = sentence_speaker
        state.documents.update(documents)
        return out, last_quote_speaker

    def _headline(self, text: str, para: Paragraph, source: Source, key: str) -> list[Object]:
        """A headline's attribution: "Iraq's PM: US strike a breach of sovereignty", "… — Pentagon"."""
        line = text[para.start : para.end]
        if len(line) > 200 or line[-1:] in '.\u201d"' or "\n" in line:
            return []
        match = _HEADLINE_BEFORE.fullmatch(line) or _HEADLINE_AFTER.fullmatch(line)
        if match is None:
            return []
        who, what = match.group("who").strip(), match.group("what").strip()
        if len(who.split()) > 5 or len(what.split()) < 3:
            return []
        words = who.split()
        generic = who[:1].islower()
        if generic and (match.re is not _HEADLINE_AFTER or words[-1] not in PERSON_NOUNS):
            return []  # "… — state media", "… — officials": a lower-case speaker only after the words
        actor = self.resolver.speaker(who) if generic else self.resolver.name(who)
        if actor is None and words[-1] in _HEADLINE_ROLES:
            actor = self.resolver.anonymous(who)  # "Iraq's PM": a role, not a name
        if actor is None and len(words) >= 2 and words[-1] in _ORG_HEADS:
            actor = self.resolver.speaker(who)  # "Security Media Cell: …"; a bare unknown name is not enough
        if actor is None or (actor.kind is ActorKind.MEDIA and not generic):
            return []  # "… — Reuters": the publisher, not a speaker
        self._headlines.add(para.start)
        stance = Stance.DENIES if _HEADLINE_DENIES.match(what) else _quote_stance(what, None)
        return [
            *self._actor(actor),
            self._said(
                f"claim:text:{key}:{para.start}-{para.end}:headline",
                source,
                actor,
                text=what,
                quote=what,
                stance=stance,
                confidence=CONFIDENCE.quote_inferred,
                evidence=line,
                offsets=(para.start, para.end),
            ),
        ]

    def _responsibility(
        self,
        text: str,
        toks: Sequence[Token],
        att: Attribution,
        reporter: Actor,
        mention_actors: Sequence[tuple[Mention, Actor]],
        sentence: Sentence,
        source: Source,
        key: str,
        clause: str,
    ) -> list[Object]:
        """Who is held responsible: "X blamed Y for …", "X claimed responsibility", "X denied involvement"."""
        verb = toks[att.verb].text.lower()
        nxt = toks[att.verb + 1].text.lower() if att.verb + 1 < len(toks) else ""
        target: Actor | None = None
        stance = Stance.ASSERTS
        verb_start, verb_end = toks[att.verb].start, toks[att.verb].end
        inside = [(q.start, q.end) for q in sentence.quotes]
        free = [(m, a) for m, a in mention_actors if not any(s <= m.start < e for s, e in inside)]
        if verb in HOLD_VERBS:
            # "Trump held Tehran responsible", "held Washington responsible for …": the one held.
            later = [a for m, a in free if verb_end <= m.start <= verb_end + 40 and a.id != reporter.id]
            target = later[0] if later else None
        elif verb in BLAME_VERBS:
            if nxt in ("for", "of"):
                # "Kataib Hezbollah, which the US blamed for …": the antecedent of "which".
                earlier = [(m, a) for m, a in free if m.end <= verb_start and a.id != reporter.id]
                target = earlier[-1][1] if earlier else None
            else:
                # Within the verb's own clause: not "blamed the Houthi militia, saying the UAE …".
                stop = next((t.start for t in toks[att.verb + 1 :] if t.text in (",", ";")), sentence.end)
                later = [a for m, a in free if verb_end <= m.start <= min(verb_end + 60, stop) and a.id != reporter.id]
                target = later[0] if later else None
                after = toks[att.verb + 1] if att.verb + 1 < len(toks) else None
                if target is None and after is not None and after.quote is not None:
                    # "blaming “unidentified snipers”": a short lower-case quoted term names who is blamed.
                    term = sentence.quotes[after.quote].text.strip(" ,.")
                    if 1 <= len(term.split()) <= 4 and term.islower():
                        target = self.resolver.anonymous(term)
                at = att.verb + 1
                if at + 1 < len(toks) and toks[at].text == "the" and toks[at + 1].text[:1].isupper():
                    at += 1  # "has blamed the Houthis", "accused the Sadrists of …"
                if target is None and at < len(toks) and toks[at].text[:1].isupper():
                    from mideast_model_text.attribution import phrase_after

                    phrase, _ = phrase_after(text, toks, at)
                    target = self.resolver.speaker(phrase) if phrase else None
                    plural = phrase is not None and " " not in phrase and phrase.endswith("s") and phrase.isalpha()
                    if target is None and phrase is not None and plural and at > att.verb + 1:
                        target = self.resolver.body(phrase)  # "the Houthis", "the Sadrists": a group the text names
        elif _BEHIND.match(clause):
            # "said Israel was behind the attack": the one said to be behind it.
            later = [a for m, a in free if verb_end <= m.start <= verb_end + 50 and a.id != reporter.id]
            target = later[0] if later else None
            after = toks[att.verb + 1] if att.verb + 1 < len(toks) else None
            if target is None and after is not None and after.quote is not None:
                # "said 'unidentified snipers' were responsible for the killings": the quoted term.
                term = sentence.quotes[after.quote].text.strip(" ,.")
                if 1 <= len(term.split()) <= 4 and term.islower():
                    target = self.resolver.anonymous(term)
        elif verb in ("claimed", "claims", "claiming") and nxt == "responsibility":
            target = reporter
        elif verb in DENIAL_VERBS and _DENIED_ROLE.search(clause[:40]):
            target, stance = reporter, Stance.DENIES
        if target is None:
            return []
        return [
            *self._actor(target),
            self._said(
                f"claim:text:{key}:{sentence.start}-{sentence.end}:responsible:{att.verb}",
                source,
                reporter,
                subject=target,
                predicate=Predicate.RESPONSIBLE_FOR,
                text=" ".join(clause.split())[:500] or verb,
                stance=stance,
                confidence=CONFIDENCE.reported,
                evidence=text[sentence.start : sentence.end],
                offsets=(sentence.start, sentence.end),
            ),
        ]

    def _counts(
        self,
        text: str,
        sentence: Sentence,
        event_id: str | None,
        source: Source,
        key: str,
        mention_actors: Sequence[tuple[Mention, Actor]],
        windows: Sequence[tuple[int, int]] | None = None,
        bare_context: str | None = None,
    ) -> list[Object]:
        """A count claim per figure of the sentence (of its event, else of the source).

        Inside a quote only casualties ("“No U.S. service members were killed,” he said"): a
        speaker's other figures are not the source's.

        :param bare_context: the sentence and the one before, to find figures without a head word
            ("the death toll rose to 429") if they are about casualties; ``None`` to skip them.
        """
        out: list[Object] = []
        inside = [(q.start, q.end) for q in sentence.quotes]
        about = tuple(dict.fromkeys(a.id for m, a in mention_actors if not any(s <= m.start < e for s, e in inside)))
        found = list(find_counts(text, sentence.start, sentence.end, windows)) if windows else []
        if bare_context is not None:
            taken = [(c.start, c.end) for c in found]
            found.extend(
                c
                for c in find_bare_counts(text, sentence.start, sentence.end, bare_context)
                if not any(s <= c.start < e for s, e in taken)
            )
        for count in found:
            quoted = any(s <= count.start < e for s, e in inside)
            if quoted and not (count.what in ("killed", "wounded") or "casualt" in (count.value.text or "").lower()):
                continue
            out.append(
                Claim(
                    id=f"claim:text:{key}:{count.start}-{count.end}:count",
                    source=source.id,
                    subject=event_id or source.id,
                    predicate=Predicate.COUNT,
                    attribute=count.what,
                    value=ClaimValue(count=count.value),
                    confidence=CONFIDENCE.reported,
                    evidence=text[sentence.start : sentence.end],
                    offsets=(sentence.start, sentence.end),
                    about=about,
                    machine=True,
                )
            )
        return out

    def _mention_actors(
        self, text: str, found_words: Sequence[Word], texts: Sequence[str] | None = None
    ) -> list[tuple[Mention, Actor]]:
        found: list[tuple[Mention, Actor]] = []
        for mention in self.matcher.find(text, found_words, texts):
            actor = self.known.get(mention.key) if mention.kind == "actor" else self.resolver.country(mention.key)
            if actor is not None:
                found.append((mention, actor))
        return found

    def _mentions(self, text: str, found_words: Sequence[Word], source: Source, key: str) -> list[Object]:
        return self._mention_claims(self._mention_actors(text, found_words), source, key)

    def _mention_claims(
        self, mention_actors: Sequence[tuple[Mention, Actor]], source: Source, key: str
    ) -> list[Object]:
        """One machine claim per actor mention: the source names the actor there.

        Mentions are the bulk of the output, and every field here is built from values
        already checked, so attrs validators are skipped for them (a trusted bulk path;
        the :class:`~mideast_model.Dataset` still checks every reference).
        """
        out: list[Object] = []
        if not self.options.get("mentions", True) or not mention_actors:
            return out
        emitted = self._emitted
        values = self._values
        with attrs.validators.disabled():
            for mention, actor in mention_actors:
                if actor.id not in emitted:
                    emitted.add(actor.id)
                    out.append(actor)
                value = values.get(mention.text)
                if value is None:
                    value = values[mention.text] = ClaimValue(text=mention.text)
                out.append(
                    Claim(
                        id=f"claim:text:{key}:{mention.start}-{mention.end}:mention",
                        source=source.id,
                        subject=source.id,
                        predicate=Predicate.STATES,
                        attribute="mention",
                        value=value,
                        about=(actor.id,),
                        confidence=CONFIDENCE.mention,
                        evidence=mention.text,
                        offsets=(mention.start, mention.end),
                        machine=True,
                    )
                )
        return out

    def _documents(
        self, text: str, toks: Sequence[Token], resolved: Sequence[tuple[Attribution, Actor | None]]
    ) -> dict[str, Actor]:
        """Authors of the statements a sentence mentions ("a Pentagon directive", "X, in a statement, warned")."""
        found: dict[str, Actor] = {}
        for k in [k for k, tok in enumerate(toks) if tok.text in _DOCUMENT_FORMS]:
            noun = toks[k].text.lower()
            author = statement_author(text, toks, k + 1)
            actor = self.resolver.name(author) if author else None
            if actor is None:
                actor = next((a for att, a in resolved if a is not None and noun in (att.appositive or "")), None)
            if actor is None:
                actor = next((a for _, a in resolved if a is not None), None)
            if actor is not None:
                found[noun] = actor
        return found

    def _claims_by(self, text: str, toks: Sequence[Token], at: int) -> Actor | None:
        """The X of "dismissed claims by X that Iran's response was “…”": the quote is the claim's words."""
        for k in range(at - 2, max(0, at - 14), -1):
            word = toks[k].text
            if word in (",", ";", ":") or toks[k].quote is not None:
                return None
            if word in ("by", "from") and toks[k - 1].text in _DENIED_NOUNS:
                from mideast_model_text.attribution import phrase_after

                phrase, _ = phrase_after(text, toks, k + 1)
                if phrase is None:
                    return None
                end = k + 1 + len(phrase.split())
                if end >= at or toks[end].text != "that":
                    return None
                return self.resolver.speaker(phrase)
        return None

    def _quote_speaker(
        self,
        text: str,
        toks: Sequence[Token],
        at: int,
        resolved: Sequence[tuple[Attribution, Actor | None]],
        state: _State,
    ) -> tuple[Actor | None, bool]:
        """The speaker of the quote at token ``at``, and whether it was inferred."""
        claimant = self._claims_by(text, toks, at)
        if claimant is not None:
            return claimant, False
        # “…,” said X / “…,” X said: the verb right after the quote, or after a short phrase.
        nxt = at + 1
        if nxt < len(toks) and toks[nxt].text == ",":
            nxt += 1
        # "Lavrov stressed that Washington's actions “…,” the ministry added": the person whose
        # clause holds the quote says it; the body after it only reports what he said.
        inner = next(
            (
                (att, actor)
                for att, actor in reversed(resolved)
                if actor is not None
                and at - 12 <= att.verb < at - 1
                and all(toks[k].quote is None and toks[k].text not in (",", ".", ";", ":") for k in range(att.verb, at))
            ),
            None,
        )
        for att, actor in resolved:
            if nxt < len(toks) and toks[nxt].text in _NOT_ATTRIBUTION:
                break  # “…” as the administration claimed: a comparison, not who says it
            if nxt + 1 < len(toks) and toks[nxt].text in ("a", "an") and toks[nxt + 1].text in SPEECH_NOUNS:
                break  # “…”, a claim Washington dismissed: what others made of it, not who says it
            if nxt <= att.verb <= nxt + 6 and all(toks[k].quote is None for k in range(nxt, att.verb)):
                if all(toks[k].text not in (".", ";") for k in range(nxt, att.verb)) and actor is not None:
                    if (
                        inner is not None
                        and inner[1].kind is ActorKind.PERSON
                        and actor.kind is not ActorKind.PERSON
                        and inner[1].id != actor.id
                    ):
                        return inner[1], False
                    return actor, att.phrase in PRONOUNS or (att.phrase or "").startswith("the ")
                break
        # X said: “…” / X assessed that “…”: the nearest speech verb before the quote.
        for att, actor in reversed(resolved):
            if att.verb < at and actor is not None:
                if toks[att.verb].text in SPEECH_NOUNS and not _noun_governs(toks, att.verb, at):
                    continue  # "dismissed Washington's claim that … as “…”": not the claim's words
                return actor, att.phrase in ("he", "she", "they")
        # “in a March 19 Navy statement that … “…””
        author = statement_author(text, toks, at)
        if author is not None:
            actor = self.resolver.name(author)
            if actor is not None:
                return actor, True
        # A speech verb later in the sentence.
        for att, actor in resolved:
            if att.verb > at and actor is not None:
                return actor, True
        return None, False

    def _roles(self, text: str, toks: Sequence[Token], state: _State) -> None:
        """Remember "the commander, Lt. Gen. Robert P. White," for later "the commander"."""
        for i in range(len(toks) - 3):
            if toks[i].text.lower() == "the" and toks[i + 1].text in _ROLE_NOUNS and toks[i + 2].text == ",":
                j = i + 3
                while j < len(toks) and j - i < 12 and toks[j].text not in (",", ".") and toks[j].quote is None:
                    j += 1
                if j > i + 3:
                    actor = self.resolver.name(text[toks[i + 3].start : toks[j - 1].end])
                    if actor is not None and actor.kind is ActorKind.PERSON:
                        state.roles[toks[i + 1].text] = actor

    def _events(
        self,
        text: str,
        sentence: Sentence,
        found_words: tuple[Sequence[Word], Sequence[str]],
        dated: Sequence[tuple[int, int, str, str]],
        mention_actors: Sequence[tuple[Mention, Actor]],
        source: Source,
        key: str,
        speaker: Actor | None,
    ) -> Iterator[Object]:
        evidence = text[sentence.start : sentence.end]
        triggers: list[tuple[int, int, EventKind]] = []
        for match in _TRIGGER.finditer(evidence.lower()):
            group = match.lastgroup or "k0"
            triggers.append(
                (sentence.start + match.start(), sentence.start + match.end(), _TRIGGERS[int(group[1:])][1])
            )
        used: set[int] = set()
        inside = [(q.start, q.end) for q in sentence.quotes]
        place = self._place(text, found_words, sentence) if triggers else None
        for d_start, d_end, _expression, edtf in dated:
            best = None
            for index, (t_start, t_end, _kind) in enumerate(triggers):
                if index in used:
                    continue
                distance = d_start - t_end if t_end <= d_start else t_start - d_end
                if best is None or distance < best[0]:
                    best = (distance, index)
            if best is None or best[0] > 120:
                continue
            used.add(best[1])
            t_start, t_end, kind = triggers[best[1]]
            participants: dict[str, Role] = {}
            if kind is EventKind.STATEMENT and speaker is not None:
                participants[speaker.id] = Role.INITIATOR
            for mention, actor in mention_actors:
                if any(s <= mention.start < e for s, e in inside) or actor.id in participants:
                    continue
                before = text[max(sentence.start, mention.start - 14) : mention.start].lower().split()
                if mention.end <= t_start and t_start - mention.end <= 30:
                    participants[actor.id] = Role.INITIATOR
                elif mention.start >= t_end and before and before[-1] in _TARGET_WORDS:
                    participants[actor.id] = Role.TARGET
                else:
                    participants[actor.id] = Role.PARTICIPANT
            snippet = " ".join(evidence.split())
            title = snippet if len(snippet) <= 120 else snippet[:119] + "…"
            actors = [a for _, a in mention_actors if a.id in participants]
            if speaker is not None and speaker.id in participants:
                actors.append(speaker)
            for actor in actors:
                yield from self._actor(actor)
            event = Event(
                id=f"event:text:{key}:{d_start}-{d_end}",
                kind=kind,
                when=edtf,
                title=title,
                summary=f"Candidate {kind.value.replace('_', ' ')} event, machine-extracted from: {snippet}"[:2000],
                place=place,
                participants=tuple(Participant(a, r) for a, r in participants.items()),
            )
            yield event
            yield Claim(
                id=f"claim:text:{key}:{d_start}-{d_end}:occurred",
                source=source.id,
                subject=event.id,
                predicate=Predicate.OCCURRED,
                confidence=CONFIDENCE.event,
                evidence=evidence,
                offsets=(sentence.start, sentence.end),
                about=tuple(participants),
                machine=True,
            )

    def _place(self, text: str, found_words: tuple[Sequence[Word], Sequence[str]], sentence: Sentence) -> Place | None:
        for mention in self.places.find(text, *found_words):
            if any(q.start <= mention.start < q.end for q in sentence.quotes):
                continue
            return self.gazetteer.place(mention.key)
        return None


_WEEKDAY_DATE = re.compile(r"(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_FUTURE = re.compile(r"(?<![\w\-])(?:will|would|shall|is due to|are due to|is set to|are set to|plans? to)(?![\w\-])")


def _next_week(edtf: str, published: dt.date) -> str:
    """The same weekday a week on, when ``edtf`` is a day before ``published``."""
    if not _DAY.fullmatch(edtf):
        return edtf
    day = dt.date.fromisoformat(edtf)
    return (day + dt.timedelta(days=7)).isoformat() if day < published else edtf


def _said_date(dated: Sequence[tuple[int, int, str, str]], verb_end: int) -> str | None:
    """When reported speech was said: the date right after its verb ("announced Wednesday"), else the first."""
    if not dated:
        return None
    return next((d[3] for d in dated if 0 <= d[0] - verb_end <= 4), dated[0][3])


def _before_preposition(name: str) -> str:
    """The words of an anonymous speaker's name before its "for/in/of" ("source " of "source in the PMF")."""
    for prep in (" for ", " in ", " of ", " at ", " with ", " from "):
        at = name.find(prep)
        if at > 0:
            return name[:at] + " "
    return ""


def _one_anonymous(actor: Actor) -> bool:
    """True for an anonymous speaker that is one person ("Iraqi military official", "security source")."""
    words = (_before_preposition(actor.name) or actor.name).split()
    return actor.kind is ActorKind.GROUP and bool(words) and words[-1] in _ONE_HEADS


#: Verbs a quoted subject may take: "that the “transition” had been completed".
_AUXILIARIES = frozenset(["had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "can", "might"])
#: Verbs that own "for what he called “…”" after them, besides the verbs of speech.
_OWNING_VERBS = SPEECH_VERBS | {"thanked", "thanks", "thanking", "praised", "criticised", "criticized", "blamed"}
_PREPOSITIONS_AFTER = frozenset(["in", "of", "for", "on", "at", "to", "with", "against", "by", "from", "and", "or"])


def _scare_quote(toks: Sequence[Token], at: int, quote: str) -> bool:
    """True for a short quoted term inside a noun phrase: Washington's “maximum pressure” campaign."""
    if len(quote.split()) > 4 or at == 0:
        return False
    before = toks[at - 1].text
    if before.lower() in ("so-called", "dubbed", "termed", "so", "called") and before.lower() != "called":
        return True
    # "what his administration calls “maximum pressure”": the words of a name, not a quote.
    if before.lower() in ("calls", "call", "called", "dubs", "terms", "describes", "described") and any(
        t.text.lower() == "what" for t in toks[max(0, at - 5) : at - 1]
    ):
        # "The State Department condemned what it called “…”": the subject's own words.
        own = at >= 4 and toks[at - 3].text == "what" and toks[at - 2].text in PRONOUNS
        if own and toks[at - 4].text in ("for", "over", "about") and at >= 6:
            # "Trump thanked Iran for what he called “…”": a verb of speech owns the clause too.
            own = any(t.text in _OWNING_VERBS for t in toks[max(0, at - 8) : at - 4])
            return not own
        return not (own and toks[at - 4].text in SPEECH_VERBS)
    # "quoted a spokesman for the Iranian “advisory centres” in Syria denying …": a term in the name of the one quoted.
    if quote.islower() and any(t.text == "quoted" for t in toks[max(0, at - 7) : at - 1]):
        k = next(k for k in range(at - 1, max(0, at - 7) - 1, -1) if toks[k].text == "quoted")
        if all(t.quote is None and t.text not in (",", ";", ":") for t in toks[k + 1 : at]):
            return True
    return _possessive_scare(toks, at, before)


def _possessive_scare(toks: Sequence[Token], at: int, before: str) -> bool:
    """True for a quoted term after a possessive, qualifying a noun: Washington's “maximum pressure” campaign."""
    owner = before.lower() in ("the", "a", "an", "his", "her", "its", "their")
    if owner and at >= 2 and toks[at - 2].text in SPEECH_VERBS:
        # "The Pentagon said the “defensive precision strikes” hit …", "announced his “definitive” withdrawal".
        return False  # the speaker's words
    possessive = before.lower() in ("its", "his", "her", "their", "our", "the") or before.endswith(("'s", "\u2019s"))
    after = toks[at + 1].text if at + 1 < len(toks) else ""
    # "wrote on Twitter that the “transition” had been completed": the subject of the reported clause.
    subject = before == "the" and at >= 3 and toks[at - 2].text == "that" and after in _AUXILIARIES
    if subject and any(t.text in SPEECH_VERBS for t in toks[max(0, at - 8) : at - 2]):
        return False
    # "Washington's “complicity in war crimes” in Yemen": a preposition after it, not the noun it qualifies.
    noun_after = after[:1].islower() and after.isalpha() and after not in _PREPOSITIONS_AFTER
    return possessive and noun_after and after not in SPEECH_VERBS


def _noun_governs(toks: Sequence[Token], noun: int, at: int) -> bool:
    """True when the quote at ``at`` is what the noun of speech at ``noun`` says ("remark that the injuries
    were “…”"): a short clause between them, not a comparison or a new phrase ("… as “…”")."""
    between = toks[noun + 1 : at]
    return len(between) <= 7 and all(t.quote is None and t.text not in ("as", ",", ";", ".") for t in between)


def _claim_object(toks: Sequence[Token], v: int) -> bool:
    """True when the verb at ``v`` takes a noun of a claim ("rejected claims", "denied the reports")."""
    for k in range(v + 1, min(v + 4, len(toks))):
        word = toks[k].text.lower()
        if word in _DENIED_NOUNS:
            return True
        if word not in ("the", "these", "those", "such", "any", "all", "us", "u.s.", "western", "recent"):
            return False
    return False


def _governing_verb(
    toks: Sequence[Token], resolved: Sequence[tuple[Attribution, Actor | None]], speaker: Actor, at: int
) -> str | None:
    """The speech verb of ``speaker`` that governs the quote at token ``at``: the nearest before it, else after."""
    before = [att.verb for att, a in resolved if a is speaker and att.verb < at]
    if before:
        verb = toks[before[-1]].text.lower()
        denial = len(before) >= 2 and toks[before[-2]].text.lower() in DENIAL_VERBS
        if verb in ("saying", "adding") and denial and _claim_object(toks, before[-2]):
            # "rejected claims by US officials that …, saying the Islamic Republic “has come …”": the rebuttal
            # (not "rejected the nomination, saying … “unconstitutionally”": an act, not a claim, rejected).
            return toks[before[-2]].text.lower()
        return verb
    after = [att.verb for att, a in resolved if a is speaker and att.verb > at]
    return toks[after[0]].text.lower() if after else None


#: Verbs that hedge what they report ("has suggested the virus could be …").
_HEDGE_VERBS = frozenset(["suggested", "suggests", "suggesting", "speculated", "speculates", "hinted", "hints"])


def _quote_stance(quote: str, verb: str | None, *, label: bool = False) -> Stance:
    """Denies for a denial (its verb or its words), hedges for hedged words, else asserts.

    :param label: the quote is what a denial calls something ("dismissed the claim as “psychological
        warfare”"): its own words decide, not the verb.
    """
    if (verb is not None and verb in DENIAL_VERBS and not label) or _DENY.search(quote):
        return Stance.DENIES
    if _HEDGE.search(quote) or (verb is not None and verb in _HEDGE_VERBS):
        return Stance.HEDGES
    return Stance.ASSERTS


_SUBORDINATORS = frozenset(["after", "before", "when", "since", "because", "until", "once", "as"])


def _nested(toks: Sequence[Token], att: Attribution, resolved: Sequence[tuple[Attribution, Actor | None]]) -> bool:
    """True for a verb in a subordinate clause ("after lawmakers rejected …") of what a trailing
    attribution later in the sentence reports ("…, parliamentary sources said")."""
    if not att.phrase or att.phrase in PRONOUNS:
        return False
    k = att.verb - len(att.phrase.split()) - 1
    if k < 0 or toks[k].text.lower() not in _SUBORDINATORS:
        return False
    # "Medics said at least 30 … had been shot dead since Monday, when the cleric announced …": the medics' account.
    if k >= 1 and toks[k - 1].text == "," and any(
        other.verb < k and other.phrase and actor is not None and toks[other.verb].text in _SAID
        and all(toks[m].text not in (".", ";") and toks[m].quote is None for m in range(other.verb, k))
        for other, actor in resolved
    ):  # fmt: skip
        return True
    return any(
        other.verb > att.verb and other.phrase and actor is not None and toks[other.verb - 1].text != "and"
        and any(t.text == "," for t in toks[att.verb : other.verb])
        for other, actor in resolved
    )  # fmt: skip


_SAID = frozenset(["said", "says", "told", "reported", "added"])


_DENIED_NOUNS = SPEECH_NOUNS | {"charge", "charges", "allegations", "accusations", "claims", "report", "reports"}


def _denied_noun(toks: Sequence[Token], v: int) -> bool:
    """True for "…, an allegation X rejected" / "a claim Washington dismissed": article, noun of speech,
    then the denier's name right before the verb."""
    for k in range(v - 2, max(0, v - 7), -1):
        if toks[k].text in _DENIED_NOUNS and toks[k - 1].text in ("a", "an", "the") and _cap_run(toks, k + 1, v):
            return True
    return False


def _cap_run(toks: Sequence[Token], start: int, end: int) -> bool:
    return start < end and all(toks[i].quote is None and toks[i].text[:1].isupper() for i in range(start, end))


def _reports_clause(toks: Sequence[Token], att: Attribution) -> bool:
    """True when the verb at ``att`` has a clause of its own before any quote (X said that the missiles “…”)."""
    v = att.verb
    if toks[v].text in DENIAL_VERBS and _denied_noun(toks, v):
        return True  # "“…”, an allegation Stena Bulk rejected": a denial of what the noun names
    # "dismissed it as “meaningless,” saying it was …": a participle after a quote has a clause of its own.
    participle = toks[v].text.endswith("ing") and v >= 1 and toks[v - 1].quote is not None
    for k in range(v - 1 if not participle else -1, max(-1, v - 9), -1):
        # “…,” Iraq's prime minister said, …: the verb of an inverted attribution has no clause.
        if toks[k].quote is not None or (toks[k].text == "," and k >= 1 and toks[k - 1].quote is not None):
            return False
        if not toks[k].text[:1].isalnum() and toks[k].text not in ("'", "\u2019", "-", "."):
            break
    calls_for = toks[v].text in ("called", "calls") and v + 2 < len(toks) and toks[v + 1].text == "for"
    if calls_for and toks[v + 2].quote is not None:
        return True  # "He called for “calm and restraint”": what he asks for is the claim
    plain = 0
    k = v + 1
    while k < len(toks) and toks[k].quote is None and toks[k].text != ":":
        if toks[k].text[:1].isalnum():
            plain += 1
        k += 1
    if plain == 2 and toks[v + 1].text.lower() in ("it", "he", "she", "they", "we") and toks[v + 2].text.isalpha():
        return True  # "said it expected “an apology”": a clause of its own, the quote its object
    if plain >= 3 or plain == 0 or k >= len(toks) or toks[k].quote is None or toks[v].text in SPEECH_NOUNS:
        return plain >= 3  # "Pompeo's warning that “…” drew a response": the noun's clause is the quote
    # X called for a “…” to condemn …: the clause runs on after a partial quote.
    after = 0
    for tok in toks[k + 1 :]:
        if tok.quote is not None or tok.text in (",", ".", ";", ":"):
            break
        if tok.text[:1].isalnum():
            after += 1
    return after >= 3


def _clause(text: str, toks: Sequence[Token], att: Attribution, sentence: Sentence) -> str:
    """The words after the verb at ``att`` up to the first quote or the end of the sentence."""
    start = toks[att.verb].end
    end = next((t.start for t in toks[att.verb + 1 :] if t.quote is not None), sentence.end)
    return text[start:end]


def _reported_stance(toks: Sequence[Token], att: Attribution, clause: str, whole: str | None = None) -> Stance:
    """The stance of reported speech: from its verb, the words before it and its clause.

    :param whole: the clause with the partial quotes and words after them, which may hedge it
        ("said the evidence “may not have been as strong”"); a denial is read in ``clause`` only.
    """
    verb = toks[att.verb].text.lower()
    if len(clause.split()) < 3 and att.verb > 3 and len((whole or "").split()) < 3:
        # "…, sources said on Thursday.": what is reported comes before the verb.
        clause = whole = " ".join(t.text for t in toks[: att.verb] if t.quote is None)
    if verb in DENIAL_VERBS or _DENY.search(clause):
        return Stance.DENIES
    before = " ".join(t.text for t in toks[max(0, att.verb - 2) : att.verb])
    if _HEDGE.search(whole or clause) or _HEDGE.search(before) or verb in _HEDGE_VERBS:
        return Stance.HEDGES
    return Stance.ASSERTS


def _lead_before(toks: Sequence[Token], att: Attribution) -> str:
    """What a trailing attribution reports before it when a concession follows ("Staff had not been
    evacuated, an official said, though he could not confirm …"): the words before it; else ""."""
    v = att.verb
    if v + 2 >= len(toks) or toks[v + 1].text != "," or toks[v + 2].text not in ("though", "although", "but"):
        return ""
    comma = next((k for k in range(v - 1, max(-1, v - 10), -1) if toks[k].text == ","), None)
    if comma is None or any(t.quote is not None for t in toks[:comma]):
        return ""
    words = [t.text for t in toks[:comma] if t.text[:1].isalnum()]
    return " ".join(words) if len(words) >= 3 else ""


def _predicate_quote(toks: Sequence[Token], v: int, sentence: Sentence) -> str:
    """The first quote of the verb at ``v``'s clause when a copula governs it ("said the move was
    “not related to recent attacks”") or it follows "that it": what the clause says of its subject;
    else ""."""
    k = next((k for k in range(v + 1, len(toks)) if toks[k].quote is not None), None)
    if k is None or k - 1 <= v:
        return ""
    copula = toks[k - 1].text in ("was", "were", "is", "are")
    # "said in a statement that it “categorically rejects” the claim": the quote is the clause's verb.
    subject = toks[k - 1].text in ("it", "he", "she", "they", "we") and toks[k - 2].text == "that"
    if not (copula or subject):
        return ""
    index = toks[k].quote
    return sentence.quotes[index].text if index is not None else ""


_UNVERIFIED = re.compile(
    r"(?:The|This|That|Its|Their|Such|Neither) (?:claims?|reports?|statements?|accounts?|figures?|videos?)"
    r"(?: [a-z]+){0,3} (?:could|can|has|have|was|were)(?: not|n't|n\u2019t)(?: yet| be| been){1,2}"
    r"(?: immediately| independently| officially){0,2} (?:verified|confirmed)"
)


def _hedged(obj: Object) -> Object:
    """A speaker's claim the writer says could not be verified: hedged."""
    if isinstance(obj, Claim) and obj.speaker and obj.predicate is Predicate.STATES and obj.stance is Stance.ASSERTS:
        return attrs.evolve(obj, stance=Stance.HEDGES)
    return obj


_JOINED_DENIALS = ("denied ", "rejected ", "dismissed ", "refuted ")


def _joined_after_quote(toks: Sequence[Token], v: int) -> str:
    """The words joined by "and" after the first quote of the verb at ``v``'s clause ("said Tehran had
    “concluded …” and did not seek escalation"), up to a comma or the end; else ""."""
    k = next((k for k in range(v + 1, len(toks)) if toks[k].quote is not None), None)
    if k is None or k + 1 >= len(toks) or toks[k + 1].text != "and":
        return ""
    out = []
    for tok in toks[k + 2 : k + 20]:
        if tok.quote is not None or tok.text in (",", ";", ".", ":"):
            break
        out.append(tok.text)
    return " ".join(out)


_COUNTABLE = re.compile(
    r"\d|(?<!\w)(?:[Nn]o|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Dd]ozen|[Hh]undred|[Tt]housand|[Ss]everal|[Aa]n?|[Ee]leven|[Tt]welve|\w+teen|\w+ty)(?!\w)"
)


def extract(
    text: str, resolve: Resolve, known: Sequence[Actor], options: Mapping[str, Any] | None = None
) -> Iterator[Object]:
    """Every object extracted from the decoded article ``text`` (see :class:`Extractor`)."""
    extractor = Extractor(resolve, known, options)
    yield from extractor.run(text)
