"""Controlled vocabularies: actor kinds, event kinds, roles, stances, predicates, grades.

Every vocabulary is a :class:`enum.Enum` whose values are the strings written in
canonical JSON. Event kinds carry their CAMEO code and PLOVER event type so that
machine-coded data (GDELT, ICEWS, PLOVER) maps onto curated data and back.
"""

from __future__ import annotations

import enum


class ActorKind(enum.Enum):
    """What sort of actor an :class:`~mideast_model.model.Actor` is."""

    STATE = "state"
    GOVERNMENT_BODY = "government_body"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    PARTY = "party"
    PERSON = "person"
    IGO = "igo"
    NGO = "ngo"
    MEDIA = "media"
    COMPANY = "company"
    THINK_TANK = "think_tank"
    GROUP = "group"
    """A collective or anonymous group ("American officials", "protesters")."""
    OTHER = "other"


class EventKind(enum.Enum):
    """Kinds of event, each mapped to a representative CAMEO code and a PLOVER type.

    ``cameo`` is the CAMEO code that best represents the kind (its first two digits
    are the CAMEO root); ``plover`` is the PLOVER event type, or ``None`` where PLOVER
    has none (PLOVER drops CAMEO 01, public statements) or the kind lies outside
    CAMEO's scope (an epidemic, an election).
    """

    STATEMENT = ("statement", "010", None)
    APPEAL = ("appeal", "020", "REQUEST")
    INTENT_TO_COOPERATE = ("intent_to_cooperate", "030", "AGREE")
    CONSULT = ("consult", "040", "CONSULT")
    MEETING = ("meeting", "043", "CONSULT")
    NEGOTIATION = ("negotiation", "046", "CONSULT")
    DIPLOMATIC_COOPERATION = ("diplomatic_cooperation", "050", "SUPPORT")
    AGREEMENT = ("agreement", "057", "SUPPORT")
    MATERIAL_COOPERATION = ("material_cooperation", "060", "COOPERATE")
    MILITARY_COOPERATION = ("military_cooperation", "062", "COOPERATE")
    AID = ("aid", "070", "AID")
    MILITARY_AID = ("military_aid", "072", "AID")
    HUMANITARIAN_AID = ("humanitarian_aid", "073", "AID")
    CONCESSION = ("concession", "080", "CONCEDE")
    RELEASE = ("release", "084", "RETREAT")
    DE_ESCALATION = ("de_escalation", "087", "RETREAT")
    INVESTIGATION = ("investigation", "090", "ACCUSE")
    DEMAND = ("demand", "100", "REQUEST")
    ACCUSATION = ("accusation", "112", "ACCUSE")
    DISAPPROVAL = ("disapproval", "110", "ACCUSE")
    REJECTION = ("rejection", "120", "REJECT")
    THREAT = ("threat", "130", "THREATEN")
    MILITARY_THREAT = ("military_threat", "138", "THREATEN")
    PROTEST = ("protest", "141", "PROTEST")
    RIOT = ("riot", "145", "PROTEST")
    MILITARY_POSTURE = ("military_posture", "150", "MOBILIZE")
    MOBILIZATION = ("mobilization", "154", "MOBILIZE")
    REDUCE_RELATIONS = ("reduce_relations", "160", "SANCTION")
    WITHDRAWAL = ("withdrawal", "166", "SANCTION")
    SANCTIONS = ("sanctions", "163", "COERCE")
    COERCION = ("coercion", "170", "COERCE")
    SEIZURE = ("seizure", "171", "COERCE")
    ARREST = ("arrest", "173", "COERCE")
    REPRESSION = ("repression", "175", "ASSAULT")
    ASSAULT = ("assault", "180", "ASSAULT")
    BOMBING = ("bombing", "183", "ASSAULT")
    ASSASSINATION = ("assassination", "186", "ASSAULT")
    MILITARY_FORCE = ("military_force", "190", "ASSAULT")
    ARMED_CLASH = ("armed_clash", "193", "ASSAULT")
    ARTILLERY_OR_ROCKET_ATTACK = ("rocket_attack", "194", "ASSAULT")
    AIRSTRIKE = ("airstrike", "195", "ASSAULT")
    MASS_VIOLENCE = ("mass_violence", "200", "ASSAULT")
    ELECTION = ("election", None, None)
    APPOINTMENT = ("appointment", None, None)
    RESIGNATION = ("resignation", None, None)
    DISASTER = ("disaster", None, None)
    OTHER = ("other", None, None)

    def __new__(cls, value: str, cameo: str | None, plover: str | None) -> EventKind:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.cameo = cameo
        obj.plover = plover
        return obj

    cameo: str | None
    plover: str | None

    @property
    def cameo_root(self) -> str | None:
        """The two-digit CAMEO root code ("19" for fight), or ``None``."""
        return self.cameo[:2] if self.cameo else None

    @property
    def is_material_conflict(self) -> bool:
        """True for CAMEO roots 17–20 (coerce, assault, fight, mass violence)."""
        root = self.cameo_root
        return root is not None and root >= "17"

    @classmethod
    def from_cameo(cls, code: str) -> EventKind:
        """The kind for a CAMEO event code (text, zero-padded: ``"0231"``, ``"195"``).

        The most specific kind wins: an exact code, then its three-digit base, then
        its root. Unknown codes raise :class:`ValueError`.
        """
        return _kind_for_cameo(code)


_BY_CAMEO: dict[str, EventKind] = {}
for _k in EventKind:
    if _k.cameo is not None:
        _BY_CAMEO.setdefault(_k.cameo, _k)
_ROOT_DEFAULT: dict[str, EventKind] = {
    "01": EventKind.STATEMENT,
    "02": EventKind.APPEAL,
    "03": EventKind.INTENT_TO_COOPERATE,
    "04": EventKind.CONSULT,
    "05": EventKind.DIPLOMATIC_COOPERATION,
    "06": EventKind.MATERIAL_COOPERATION,
    "07": EventKind.AID,
    "08": EventKind.CONCESSION,
    "09": EventKind.INVESTIGATION,
    "10": EventKind.DEMAND,
    "11": EventKind.DISAPPROVAL,
    "12": EventKind.REJECTION,
    "13": EventKind.THREAT,
    "14": EventKind.PROTEST,
    "15": EventKind.MILITARY_POSTURE,
    "16": EventKind.REDUCE_RELATIONS,
    "17": EventKind.COERCION,
    "18": EventKind.ASSAULT,
    "19": EventKind.MILITARY_FORCE,
    "20": EventKind.MASS_VIOLENCE,
}


def _kind_for_cameo(code: str) -> EventKind:
    code = code.strip()
    if not (2 <= len(code) <= 4) or not code.isdigit():
        raise ValueError(f"not a CAMEO event code: {code!r}")
    if code in _BY_CAMEO:
        return _BY_CAMEO[code]
    if code[:3] in _BY_CAMEO:
        return _BY_CAMEO[code[:3]]
    try:
        return _ROOT_DEFAULT[code[:2]]
    except KeyError:
        raise ValueError(f"not a CAMEO event code: {code!r}") from None


class Role(enum.Enum):
    """The part an actor plays in an event."""

    INITIATOR = "initiator"
    TARGET = "target"
    VICTIM = "victim"
    MEDIATOR = "mediator"
    OBSERVER = "observer"
    SUPPORTER = "supporter"
    PARTICIPANT = "participant"


class Stance(enum.Enum):
    """A source's stance towards the proposition of its claim."""

    ASSERTS = "asserts"
    DENIES = "denies"
    HEDGES = "hedges"


class ClaimKind(enum.Enum):
    """What sort of statement a claim is."""

    FACT = "fact"
    ATTRIBUTION = "attribution"
    ASSESSMENT = "assessment"
    FORECAST = "forecast"
    RECOMMENDATION = "recommendation"
    THREAT = "threat"


class RelationPredicate(enum.Enum):
    """The kinds of time-bounded edge between two actors."""

    BACKS = "backs"
    CONTROLS = "controls"
    PART_OF = "part_of"
    LEADS = "leads"
    COMMANDS = "commands"
    MEMBER_OF = "member_of"
    ALLIED_WITH = "allied_with"
    HOSTILE_TO = "hostile_to"

    @property
    def symmetric(self) -> bool:
        """True where ``a p b`` means ``b p a`` (alliance, hostility)."""
        return self in (RelationPredicate.ALLIED_WITH, RelationPredicate.HOSTILE_TO)


class Predicate(enum.Enum):
    """The predicates a claim's proposition may use.

    The eight relation predicates are shared with :class:`RelationPredicate`, so a
    claim ``(Iran, backs, Kataib Hezbollah)`` supports or disputes the relation with
    the same triple.
    """

    OCCURRED = "occurred"
    """Subject (an event) happened as described."""
    RESPONSIBLE_FOR = "responsible_for"
    ORDERED = "ordered"
    TARGETED = "targeted"
    BACKS = "backs"
    CONTROLS = "controls"
    PART_OF = "part_of"
    LEADS = "leads"
    COMMANDS = "commands"
    MEMBER_OF = "member_of"
    ALLIED_WITH = "allied_with"
    HOSTILE_TO = "hostile_to"
    COUNT = "count"
    """A quantity (``value.count``) of ``attribute`` ("killed", "troops") for the subject."""
    METHOD = "method"
    """How the subject (an event) was done (``value.text``: "airstrike", "missile strike")."""
    DATE = "date"
    """When the subject happened (``value.when``)."""
    LOCATION = "location"
    STATES = "states"
    """A free proposition whose content is ``value.text`` (assessments, opinions)."""
    THREATENS = "threatens"
    RECOMMENDS = "recommends"
    FORECASTS = "forecasts"
    FAVOURS = "favours"
    """The subject favours a course (``value.text``: escalation, restraint, diplomacy)."""
    OPPOSES = "opposes"


#: The predicates that deny each other: ``a controls b`` and ``a does not control b``
#: are already opposed by stance; these pairs are exclusive between predicates.
EXCLUSIVE_PREDICATES: frozenset[frozenset[Predicate]] = frozenset(
    {
        frozenset({Predicate.ALLIED_WITH, Predicate.HOSTILE_TO}),
        frozenset({Predicate.FAVOURS, Predicate.OPPOSES}),
    }
)


class Course(enum.Enum):
    """The courses of action a source or speaker may favour."""

    ESCALATION = "escalation"
    RESTRAINT = "restraint"
    DIPLOMACY = "diplomacy"
    WITHDRAWAL = "withdrawal"
    PRESSURE = "pressure"


class SourceKind(enum.Enum):
    """What sort of document or dataset a source is."""

    NEWS_REPORT = "news_report"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    OFFICIAL_STATEMENT = "official_statement"
    INTERVIEW = "interview"
    TESTIMONY = "testimony"
    PRESS_BRIEFING = "press_briefing"
    INTERNAL_DOCUMENT = "internal_document"
    ANONYMOUS_OFFICIALS = "anonymous_officials"
    MONITORING = "monitoring"
    DATASET = "dataset"
    OTHER = "other"


class Reliability(enum.Enum):
    """Admiralty (NATO STANAG 2511) source reliability, A (reliable) to F."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Credibility(enum.Enum):
    """Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)."""

    CONFIRMED = 1
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6


class GeoPrecision(enum.Enum):
    """How precisely a place's coordinates locate it."""

    POINT = "point"
    LOCALITY = "locality"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"
