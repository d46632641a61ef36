"""Who says what: speech verbs and the noun phrases of their speakers, over word tokens.

Patterns handled (tokens, not regular expressions, so the cost is linear):

- ``“…,” said X`` and ``“…,” X said`` / ``X says`` / ``X tells me`` / ``X notes wryly``;
- ``X said: “…”``, ``X, a Pentagon spokesman, said in a statement: “…”``,
  ``X, the head of Central Command, who told Congress … that “…”``;
- ``according to X``; ``in a March 19 Navy statement that … “…”``;
- pronouns (``he says``) and ``the statement`` / ``the commander`` left to the caller,
  which knows the previous speakers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from mideast_model_text.actors import PERSON_NOUNS, ROLE_WORDS, STATEMENT_NOUNS, TITLE_WORDS
from mideast_model_text.segment import Token

__all__ = ["BLAME_VERBS", "DENIAL_VERBS", "HOLD_VERBS", "PRONOUNS", "SPEECH_VERBS", "Attribution", "attributions"]

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "tell",
        "added",
        "adds",
        "noted",
        "notes",
        "wrote",
        "writes",
        "warned",
        "warns",
        "argued",
        "argues",
        "assessed",
        "stated",
        "explained",
        "explains",
        "insisted",
        "insists",
        "claimed",
        "claims",
        "claiming",
        "declared",
        "asserted",
        "acknowledged",
        "admitted",
        "announced",
        "cautioned",
        "replied",
        "suggested",
        "suggests",
        "suggesting",
        "telling",
        "writing",
        "recalled",
        "observed",
        "commented",
        "remarked",
        "urged",
        "complained",
        "contended",
        "maintained",
        "predicted",
        "testified",
        "tweeted",
        "posted",
        "conceded",
        "emphasized",
        "emphasised",
        "stressed",
        "vowed",
        "threatened",
    ]
)
#: Verbs of stance that report what someone said ("X condemned …", "officials blamed …").
SPEECH_VERBS |= frozenset(
    [
        "thanked",
        "condemned",
        "denied",
        "blamed",
        "accused",
        "criticized",
        "criticised",
        "welcomed",
        "praised",
        "pledged",
        "promised",
        "rejected",
        "dismissed",
        "called",
        "calls",
        "described",
        "demanded",
        "confirmed",
        "reported",
        "quoted",
        "insisted",
        "alleged",
        "charged",
        "responded",
        "asked",
        "announced",
        "vowed",
        "stressed",
        "admitted",
        "accuses",
        "blames",
        "denies",
        "rejects",
        "tweets",
        "blaming",
        "accusing",
        "denying",
        "adding",
        "insisting",
        "warning",
        "calling",
        "describing",
        "vowing",
        "stressing",
        "arguing",
        "rejecting",
        "disputed",
        "disputes",
        "contested",
        "reiterated",
        "reiterating",
        "apologised",
        "apologized",
        "signalled",
        "signaled",
        "read",
        "reads",
    ]
)
#: Verbs only a document speaks with: "the statement read", "the resolution reads".
DOCUMENT_VERBS = frozenset(["read", "reads"])
#: Verbs whose speaker denies what follows ("Iran denied involvement").
DENIAL_VERBS = frozenset(
    ["denied", "denies", "denying", "rejected", "rejects", "rejecting", "dismissed", "refuted", "disputed",
     "disputes", "contested"]
)  # fmt: skip
#: Verbs that lay blame: "X blamed Y for Z", "X accused Y of Z".
BLAME_VERBS = frozenset(["blamed", "blames", "blaming", "accused", "accuses", "accusing", "charged"])
PRONOUNS = frozenset(["he", "she", "they", "He", "She", "They", "it", "It"])
_ADVERB_SKIP = frozenset(
    [
        "also",
        "then",
        "later",
        "subsequently",
        "previously",
        "recently",
        "once",
        "again",
        "has",
        "had",
        "have",
        "was",
        "were",
        "is",
        "would",
        "will",
        "did",
        "does",
        "who",
        "which",
        "reportedly",
        "publicly",
        "privately",
        "repeatedly",
        "later",
        "again",
        "just",
        "only",
        "still",
        "further",
        "earlier",
        "already",
        "initially",
        "first",
        "quickly",
        "swiftly",
        "immediately",
        "promptly",
        "categorically",
        "flatly",
        "strongly",
        "always",
        "consistently",
        "long",
    ]
)
_LEAD_STOP = frozenset(
    [
        "But",
        "And",
        "So",
        "Still",
        "Yet",
        "However",
        "Then",
        "Meanwhile",
        "Also",
        "Now",
        "Last",
        "In",
        "On",
        "At",
        "Even",
        "Indeed",
        "Instead",
        "While",
        "As",
        "When",
        "After",
        "Before",
        "Since",
        "Speaking",
        "Asked",
        "Nevertheless",
        "Moreover",
        "Although",
        "Though",
        "Because",
        "If",
        "Or",
        "Nor",
        "For",
    ]
)
_CONNECTORS = frozenset(["of", "al", "bin", "ibn", "de", "del", "van", "von", "el", "abu"])
#: Inside a name going back also "for": "The Syrian Observatory for Human Rights".
_NAME_CONNECTORS = _CONNECTORS | {"for"}
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_INSIDE_PHRASE = frozenset(
    ["in", "at", "from", "for", "to", "with", "and", "or", "by", "on", "over", "against", "of", "into", "about", "than"]
)
_FORWARD_STOP = frozenset(
    [
        "who",
        "that",
        "which",
        "whom",
        "whose",
        "and",
        "or",
        "but",
        "said",
        "says",
        "told",
        "tells",
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "are",
    ]
)


def _last_person_noun(toks: Sequence[Token], i: int, limit: int = 7, *, joined: bool = False) -> int | None:
    """The index of the last person noun in the plain words from ``i`` ("… military official who").

    :param joined: allow "and" between the words ("intelligence and military officials").
    """
    last = None
    for k in range(i, min(i + limit, len(toks))):
        word = toks[k].text
        stop = word.lower() in _FORWARD_STOP and not (joined and word == "and")
        if toks[k].quote is not None or not word[:1].isalnum() or stop:
            break
        if word.lower() in PERSON_NOUNS:
            last = k
    return last


@attrs.frozen
class Attribution:
    """A speech verb in a sentence and its speaker phrase (``None`` when elided).

    :param verb: index of the verb token (or of "according").
    :param phrase: the speaker phrase as written ("Cmdr. Sean Robertson", "he").
    :param appositive: the words between commas after the name ("a Pentagon spokesman").
    """

    verb: int
    phrase: str | None
    appositive: str | None = None


def _cap(tok: Token) -> bool:
    word = tok.text
    if tok.quote is not None or not word:
        return False
    if word[:1].isupper():
        return True
    return word.startswith(("al-", "el-", "bin-", "abu-")) and len(word) > 3


def _name_back(toks: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The span ``[i, j]`` of a capitalised name ending at token ``j``."""
    if j < 0 or not _cap(toks[j]):
        return None
    i = j
    while i - 1 >= 0:
        prev = toks[i - 1]
        if _cap(prev) or (prev.text in _NAME_CONNECTORS and i - 2 >= 0 and _cap(toks[i - 2])):
            i -= 1
        elif _ORDINAL.fullmatch(prev.text) and i - 2 >= 0 and _cap(toks[i - 2]):
            i -= 1  # "The Navy's 5th Fleet"
        else:
            break
        if j - i > 9:
            break
    while i <= j and toks[i].text in _LEAD_STOP:
        i += 1
    return (i, j) if i <= j else None


def _group_back(toks: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The span of an anonymous speaker ending in a person noun at ``j`` ("a senior U.S. military official")."""
    if j < 0 or toks[j].quote is not None:
        return None
    if toks[j].text.lower() not in PERSON_NOUNS and not (toks[j].text in ORG_NOUNS and toks[j].text != "military"):
        return None
    i = j
    while i - 1 >= 0 and j - i < 7:
        prev = toks[i - 1]
        word = prev.text
        if word == "-" and i - 2 >= 0 and toks[i - 2].end == prev.start and prev.end == toks[i].start:
            i -= 2  # "U.S.-led": one word the tokenizer splits
            continue
        if prev.quote is not None or not (word[:1].isalnum()) or word in SPEECH_VERBS:
            break
        if word.lower() in ("a", "an", "the", "several", "some", "two", "three", "four", "many", "other", "one"):
            plural = toks[j].text.endswith("s") and not toks[j].text.endswith("ss")
            if word.lower() in ("a", "an") and plural and i < j and toks[j - 1].text[:1].islower():
                return (j, j)  # "a figure analysts said reflected …": "a" is not the plural's article
            i -= 1
            break
        if word == "of" and i - 2 >= 0 and _cap(toks[i - 2]) and i < len(toks) and _cap(toks[i]):
            i -= 1  # "a Ministry of Defence spokesman"
            continue
        if word == "and" and i - 2 >= 0 and _cap(toks[i - 2]) and _cap(toks[i]):
            i -= 1  # "Iraqi and U.S. officials": two qualifiers of one group
            continue
        lead = i - 2 >= 0 and (i - 2 == 0 or toks[i - 3].text in (",", ";", ":"))
        if word == "and" and lead and toks[i - 2].text.isalpha() and toks[i - 2].text.lower() not in _CLAUSE_STOPS:
            i -= 1  # "…, security and militia sources said": two qualifiers of one group after a comma
            continue

        if word.lower() in _CLAUSE_STOPS:
            break
        i -= 1
    while i <= j and toks[i].text in _LEAD_STOP:
        i += 1
    return (i, j) if i <= j else None


_ONE_OF = frozenset(["one", "some", "two", "none", "another"])
_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
#: Words that end a speaker phrase going back: "…, while Iran's foreign ministry said".
_CLAUSE_STOPS = frozenset(
    [
        "and",
        "or",
        "that",
        "but",
        "as",
        "which",
        "who",
        "to",
        "of",
        "for",
        "in",
        "on",
        "by",
        "while",
        "when",
        "whereas",
        "after",
        "before",
        "since",
        "because",
        "although",
        "though",
        "if",
        "unless",
        "where",
        "whom",
        "whose",
        "than",
    ]
)
#: "the command said": nouns of bodies the caller resolves to the last body named.
ORG_NOUNS = frozenset(
    [
        "command",
        "commission",
        "ministry",
        "council",
        "army",
        "military",
        "agency",
        "coalition",
        "embassy",
        "office",
        "department",
        "committee",
        "cell",
        "directorate",
        "corps",
        "force",
        "forces",
        "navy",
    ]
)
#: "the group said": nouns the caller resolves to the last armed group named.
GROUP_NOUNS = frozenset(
    ["group", "militia", "movement", "organization", "organisation", "faction", "rebels", "alliance"]
)
_OF_HEADS = frozenset(["statement", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "source",
                       "sources", "commander", "member", "members", "adviser", "aide", "representative", "leader",
                       "officer"])  # fmt: skip


def _of_back(toks: Sequence[Token], j: int) -> tuple[int, int] | None:
    """The span of "a spokesman for the group" / "an official of the ministry" ending at ``j``."""
    for k in range(j - 1, max(-1, j - 8), -1):
        word = toks[k].text
        if toks[k].quote is not None or not word[:1].isalnum() or word in SPEECH_VERBS:
            return None
        if word in ("for", "of", "at", "with", "from", "in") and k >= 1 and toks[k - 1].text.lower() in _OF_HEADS:
            span = _group_back(toks, k - 1)
            return (span[0], j) if span is not None else None
        if word == "to" and k >= 2 and toks[k - 1].text == "close" and toks[k - 2].text.lower() in _OF_HEADS:
            span = _group_back(toks, k - 2)  # "An informed source close to the Guards told Tasnim"
            return (span[0], j) if span is not None else None
    return None


_ROLE_HEADS = frozenset(["chief", "head", "director", "deputy", "chairman", "chairwoman"])


#: "The company said": nouns of a business, resolved by the caller to the last business named.
FIRM_NOUNS = frozenset(["company", "firm", "owner", "owners", "operator", "operators", "shipowner", "carrier"])
#: "Iran's mission to the United Nations": bodies that represent their owner somewhere.
MISSION_NOUNS = frozenset(["mission", "delegation", "embassy", "consulate"])


def _mission_back(toks: Sequence[Token], span: tuple[int, int]) -> tuple[int, int]:
    """The span of "Iran's mission to the United Nations" ending with the name ``span`` of the host."""
    k = span[0] - 1
    if k >= 0 and toks[k].text == "the":
        k -= 1
    if k < 2 or toks[k].text not in ("to", "in") or toks[k - 1].text not in MISSION_NOUNS:
        return span
    owner = toks[k - 2]
    if not owner.text.endswith(("'s", "\u2019s")) or not _cap(owner):
        return span
    named = _name_back(toks, k - 2)
    return (named[0], span[1]) if named is not None else span


def _role_before(toks: Sequence[Token], comma: int) -> bool:
    """True when the words before ``comma`` name a role ("A spokesman for Kataib Hezbollah")."""
    for k in range(comma - 1, max(-1, comma - 12), -1):
        word = toks[k].text
        if toks[k].quote is not None or word in (",", ";", ":", "."):
            return False
        if (word in PERSON_NOUNS or word in ROLE_WORDS or word in _ROLE_HEADS) and word[:1].islower():
            return True
    return False


def _text(text: str, toks: Sequence[Token], span: tuple[int, int]) -> str:
    return text[toks[span[0]].start : toks[span[1]].end]


def _skip_parenthesis(toks: Sequence[Token], j: int) -> int:
    """The index before a short parenthesis ending at ``j`` ("the Guards (IRGC) said"), else ``j``."""
    if j < 1 or toks[j].text != ")":
        return j
    for k in range(j - 1, max(-1, j - 6), -1):
        if toks[k].text == "(":
            return k - 1
        if toks[k].quote is not None:
            break
    return j


def _conjoined_back(toks: Sequence[Token], span: tuple[int, int]) -> tuple[int, int]:
    """The span of names joined by commas and "and" ending with ``span`` ("Britain, France and Germany")."""
    i = span[0]
    if not (i - 2 >= 0 and toks[i - 1].text == "and" and _cap(toks[i - 2])):
        return span
    prev = _name_back(toks, i - 2)
    if prev is None or prev[1] - prev[0] > 6:
        return span
    start = prev[0]
    while start - 2 >= 0 and toks[start - 1].text == "," and _cap(toks[start - 2]):
        prev = _name_back(toks, start - 2)
        if prev is None or prev[1] - prev[0] > 6:
            break
        start = prev[0]
    return (start, span[1])


_DASHES = frozenset(["\u2014", "\u2013", "--"])


def _ly_adverb(word: str, j: int) -> bool:
    """True for an adverb in "-ly" between a speaker and its verb; not "family", "ally"."""
    return j != 0 and word.endswith("ly") and word.lower() not in PERSON_NOUNS and word.lower() != "ally"


def _thousands(toks: Sequence[Token], k: int) -> bool:
    """True for the comma of "2,500", which the tokenizer splits."""
    return (
        toks[k].text == ","
        and 0 < k < len(toks) - 1
        and toks[k - 1].text.isdigit()
        and toks[k + 1].text.isdigit()
        and toks[k - 1].end == toks[k].start
        and toks[k].end == toks[k + 1].start
    )


def phrase_before(text: str, toks: Sequence[Token], v: int) -> tuple[str | None, str | None]:
    """The subject phrase of the verb at ``v`` and any appositive skipped on the way."""
    j = _skip_parenthesis(toks, v - 1)
    relative = False
    while True:
        # "Ali Abedzadeh on Friday rejected …": a day between the speaker and the verb.
        if j >= 0 and toks[j].text in _WEEKDAYS:
            j -= 1
            if j >= 0 and toks[j].text.lower() in ("on", "late", "early"):
                j -= 1
        skipped = False
        while j >= 0 and (toks[j].text.lower() in _ADVERB_SKIP or _ly_adverb(toks[j].text, j)):
            if toks[j].text[:1].isupper():
                break
            relative = relative or toks[j].text.lower() in ("who", "which")
            j -= 1
            skipped = True
        # "X on Monday categorically rejected …": an adverb, then the day.
        if not (skipped and j >= 0 and toks[j].text in _WEEKDAYS):
            break
    if j >= 1 and toks[j].text in _DASHES:
        # "One American official — along with two other intelligence officials — said": the aside skipped.
        k = next(
            (k for k in range(j - 1, max(-1, j - 14), -1) if toks[k].text in _DASHES or toks[k].quote is not None), None
        )
        if k is not None and toks[k].text in _DASHES and k >= 1:
            j = k - 1
    appositive = None
    if j >= 0 and toks[j].text == ",":
        # Skip an appositive: ", a Pentagon spokesman," / ", the head of Central Command,".
        k = j - 1
        while k >= 0 and j - k <= 30 and (toks[k].text not in (",", ";", ":") or _thousands(toks, k)):
            if toks[k].quote is not None:
                break
            k -= 1
        # A relative clause may run longer: ", who is under pressure from … to push out the … troops,".
        if k < 0 or toks[k].text != "," or j - k > (30 if toks[k + 1].text in ("who", "which") else 20):
            return None, None
        appositive = text[toks[k + 1].start : toks[j - 1].end] if k + 1 <= j - 1 else None
        inner = toks[k + 1 : j]
        if len(inner) >= 3 and inner[0].text in ("known", "called") and inner[1].text == "as" and _cap(inner[2]):
            # "The militia, known as Harakat al-Nujaba, said": the name is the speaker.
            return text[inner[2].start : inner[-1].end], None
        if 2 <= len(inner) <= 5 and all(_cap(t) and t.text not in _LEAD_STOP for t in inner) and _role_before(toks, k):
            # "A spokesman for Kataib Hezbollah, Mohammed Mohie, said": the name is the speaker.
            return appositive, None
        j = _skip_parenthesis(toks, k - 1)  # "The Popular Mobilization Forces (PMF), an umbrella …, said"
    if j < 0:
        return None, appositive
    word = toks[j].text
    if word in PRONOUNS:
        return word.lower(), appositive
    if word == "them" and j >= 2 and toks[j - 1].text == "of" and toks[j - 2].text.lower() in _ONE_OF:
        return f"{toks[j - 2].text.lower()} of them", appositive  # "One of them, who …, said"
    if word.lower() in STATEMENT_NOUNS and j >= 1 and toks[j - 1].text.lower() in ("the", "a", "its", "their"):
        return f"the {word.lower()}", appositive
    group_named = word in GROUP_NOUNS and j >= 1 and _cap(toks[j - 1]) and toks[j - 1].text not in _LEAD_STOP
    if group_named and _of_back(toks, j) is None:  # not "a senior member of the Nujaba movement said"
        named = _name_back(toks, j - 1)  # "the Kataib Hezbollah militia said": the group's name and noun
        if named is not None:
            return _text(text, toks, (named[0], j)), appositive
    if word in FIRM_NOUNS and j >= 1:
        # "The company said", "its Swedish owners said": a business the caller resolves.
        k = j - 1 if j >= 2 and _cap(toks[j - 1]) and toks[j - 1].text.isalpha() else j
        if k >= 1 and toks[k - 1].text.lower() in ("the", "its", "their"):
            return _text(text, toks, (k - 1, j)), appositive
    body_noun = (word in GROUP_NOUNS or word in ORG_NOUNS) and j >= 1 and toks[j - 1].text.lower() in ("the", "its")
    if body_noun and _of_back(toks, j) is None:
        return f"the {word}", appositive  # "the group said"; not "a spokesman for the group said"
    span = None
    if toks[j].text.lower() in PERSON_NOUNS and toks[j].text[:1].isupper() and j >= 1 and not _cap(toks[j - 1]):
        span = _group_back(toks, j)  # "Iranian state TV"
    named = None if span else _name_back(toks, j)
    if named is not None:
        named = _conjoined_back(toks, named)
    span = span or _of_back(toks, j) or named or _group_back(toks, j)
    if span is None:
        return None, appositive
    if span[0] >= 3 and toks[span[0] - 1].text == "of" and toks[span[0] - 2].text.lower() in _ONE_OF:
        span = (span[0] - 2, span[1])  # "one of the officials"
    span = _mission_back(toks, span)
    if span[0] >= 2 and toks[span[0] - 1].text in ("in", "from") and toks[span[0] - 2].text.lower() in PERSON_NOUNS:
        # "Protesters in Baghdad said", "officials in Washington said": the group, where it is.
        group = _group_back(toks, span[0] - 2)
        if group is not None and (group[0] == 0 or not toks[group[0] - 1].text[:1].isalnum()):
            return _text(text, toks, (group[0], span[1])), appositive
    if span[0] >= 1 and toks[span[0] - 1].text in _INSIDE_PHRASE and not (relative and appositive):
        # "the top commander in Iraq said": the name ends a prepositional phrase, not the subject.
        return None, appositive
    return _text(text, toks, span), appositive


def _plain_lower(tok: Token) -> bool:
    return tok.quote is None and tok.text.isalpha() and tok.text.islower()


_DETERMINER_WORDS = frozenset(["a", "an", "the", "several", "some", "two", "three", "four", "many", "other", "one"])


def phrase_after(text: str, toks: Sequence[Token], i: int) -> tuple[str | None, str | None]:
    """The speaker phrase beginning at token ``i`` ("said Karim al-Nuri, a senior figure…")."""
    if i >= len(toks):
        return None, None
    word = toks[i].text
    if word in PRONOUNS:
        return word.lower(), None
    if _cap(toks[i]) and word not in _NOT_NAMES:
        j = i
        remit = False
        while j + 1 < len(toks) and j - i < 9:
            nxt = toks[j + 1]
            if _cap(nxt) or (nxt.text in _CONNECTORS and j + 2 < len(toks) and _cap(toks[j + 2])):
                j += 1
            elif nxt.text == "of" and j + 3 < len(toks) and toks[j + 2].text == "the" and _cap(toks[j + 3]):
                j += 2  # "Secretary of the Treasury Steven T. Mnuchin": a title with "of the" inside
            elif (
                nxt.text in ("for", "and")
                and (toks[j].text in TITLE_WORDS if nxt.text == "for" else any(t.text == "for" for t in toks[i:j]))
                and j + 2 < len(toks)
                and _cap(toks[j + 2])
            ):
                j += 1  # "Under Secretary for Terrorism and Financial Intelligence Sigal Mandelker": a title's remit
                remit = True
            else:
                break
        if remit and toks[j - 1].text not in ("for", "and") and toks[j - 2].text not in ("for", "and"):
            # The name is the last two words (three with an initial): the title before it is its role.
            start = j - 2 if toks[j - 1].text.endswith(".") else j - 1
            return text[toks[start].start : toks[j].end], text[toks[i].start : toks[start - 1].end]
        # "Iran's civil aviation chief Ali Abedzadeh": a possessive, a role, then the name.
        if toks[j].text.endswith(("'s", "\u2019s")):
            k = j + 1
            while k < len(toks) and k - j <= 4 and toks[k].quote is None and toks[k].text[:1].islower():
                k += 1
            if j + 1 < k < len(toks) and _cap(toks[k]) and toks[k].text not in _NOT_NAMES:
                j = k
                while j + 1 < len(toks) and j - k < 6 and (_cap(toks[j + 1]) or toks[j + 1].text in _CONNECTORS):
                    j += 1
                while j > k and toks[j].text in _CONNECTORS:
                    j -= 1
        # "American intelligence and military officials": a name running into a group noun.
        if j + 1 < len(toks) and toks[j + 1].text[:1].islower():
            noun = _last_person_noun(toks, j + 1, 5, joined=True)
            if noun is not None:
                j = noun
            elif toks[j + 1].text in GROUP_NOUNS:
                j += 1  # "the Houthi militia": the name and its group noun
        appositive = None
        if j + 1 < len(toks) and toks[j + 1].text == ",":
            k = j + 2
            while k < len(toks) and k - j < 20 and toks[k].text not in (",", ".", ";") and toks[k].quote is None:
                k += 1
            if k > j + 2:
                appositive = text[toks[j + 2].start : toks[k - 1].end]
        return text[toks[i].start : toks[j].end], appositive
    if (
        word.lower() == "the"
        and i + 2 < len(toks)
        and toks[i + 1].text in ORG_NOUNS
        and not toks[i + 2].text[:1].isalnum()
    ):
        return f"the {toks[i + 1].text}", None  # "according to the coalition"
    if word.lower() == "the" and i + 1 < len(toks) and _cap(toks[i + 1]):
        # "according to the US-led coalition": a name, then the noun of a body.
        for k in range(i + 1, min(i + 7, len(toks))):
            if toks[k].quote is not None or toks[k].text in (",", ".", ";", ":"):
                break
            if toks[k].text in ORG_NOUNS and (k + 1 >= len(toks) or not toks[k + 1].text[:1].isalnum()):
                return text[toks[i].start : toks[k].end], None
    if word.isalpha() and word.islower() and word not in _DETERMINER_WORDS:
        # "according to medical sources", "according to rights groups": an unnamed group.
        k = i
        while k < len(toks) and k - i < 3 and toks[k].quote is None and _plain_lower(toks[k]):
            if toks[k].text in PERSON_NOUNS and toks[k].text.endswith("s"):
                return _text(text, toks, (i, k)), None
            k += 1
        return None, None
    if word.lower() in _DETERMINER_WORDS:
        noun = _last_person_noun(toks, i + 1)
        if noun is not None:
            end = noun
            # "a spokesman for Iraq's Joint Operations Command": the body it speaks for.
            if noun + 2 < len(toks) and toks[noun + 1].text in ("for", "of", "at") and toks[noun].text in _OF_HEADS:
                k = noun + 2
                if toks[k].text in ("the", "The") and k + 1 < len(toks):
                    k += 1
                while k < len(toks) and k - noun < 9 and (_cap(toks[k]) or toks[k].text in _CONNECTORS):
                    end = k
                    k += 1
            # "the country's judiciary spokesman, Gholamhossein Esmaili,": the name is the speaker.
            k = end + 2
            while k < len(toks) and k - end <= 6 and _cap(toks[k]):
                k += 1
            named = end + 1 < len(toks) and toks[end + 1].text == "," and k - (end + 2) >= 2
            if named and (k >= len(toks) or toks[k].text in (",", ".", "as", ";")):
                return text[toks[end + 2].start : toks[k - 1].end], text[toks[i].start : toks[end].end]
            return text[toks[i].start : toks[end].end], None
    return None, None


#: Nouns of speech a possessive speaker owns: "Trump's remark that …", "Zarif's claim that …".
SPEECH_NOUNS = frozenset(
    ["remark", "remarks", "claim", "assertion", "comment", "comments", "insistence", "pledge", "promise",
     "warning", "description", "suggestion", "accusation", "allegation", "words", "contention", "argument"]
)  # fmt: skip
#: "X held Tehran responsible": a verb of blame only with "responsible" or "accountable" after it.
HOLD_VERBS = frozenset(["held", "holds", "holding"])
_VERB_FORMS = SPEECH_VERBS | SPEECH_NOUNS | HOLD_VERBS | {"according", "According"}
# Capitalised words after a speech verb that do not begin its speaker ("said Wednesday", "said In …").
_NOT_NAMES = frozenset(
    [
        "In",
        "On",
        "At",
        "During",
        "Last",
        "This",
        "Next",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Today",
        "Yesterday",
    ]
)


#: Speech verbs that are also plural nouns ("US claims", "the calls").
_NOUN_TOO = frozenset(["claims", "calls", "reports"])
_NOUN_BEFORE = frozenset(["the", "of", "to", "as", "these", "such", "those", "about", "on", "against", "and", "by",
                          "over", "its", "his", "her", "their", "repeated", "new"])  # fmt: skip


def _object_of_verb(toks: Sequence[Token], v: int, phrase: str) -> bool:
    """True when the words before ``phrase`` make it a noun phrase ("dismissed as baseless US claims")."""
    n = len(phrase.split())
    k = v - n - 1
    if k < 0:
        return False
    word = toks[k].text
    return word.lower() in _NOUN_BEFORE or word.endswith(("ed", "es")) or toks[k].quote is not None


#: Verbs of meeting whose subject a later "and said" shares ("X spoke to Y and said …").
_MEETING_VERBS = frozenset(["spoke", "met", "talked", "phoned", "telephoned"])


def _sentence_subject(text: str, toks: Sequence[Token], v: int, *, speech: bool = False) -> str | None:
    """The name that begins a sentence and is the subject of its first verb ("Qais al-Khazali, the head of
    the militia, appeared to …"), for a later "…, suggesting": else ``None``."""
    first = 0
    if toks and toks[0].text.isupper():
        # "TEHRAN (Tasnim) – Iranian Foreign Minister …": the dateline is not the subject.
        first = next((d + 1 for d in range(1, min(6, len(toks))) if toks[d].text in _DASHES), 0)
    calling = first + 5 < v and toks[first].text in ("A", "An") and toks[first + 2].text == "calling"
    if calling and toks[first + 3].text == "itself":
        # "A group calling itself the Islamic Resistance in Iraq claimed …": the name it gives itself.
        first += 5 if toks[first + 4].text == "the" else 4
    k = first
    while k < len(toks) and k - first < 6 and toks[k].text not in _LEAD_STOP:
        if not _cap(toks[k]) and not (toks[k].text in ("in", "of") and k + 1 < v and _cap(toks[k + 1]) and k > first):
            break
        k += 1
    if k - first < 2 or k > v or (k == v and not speech):
        return None
    j = k
    if toks[j].text == ",":
        # An appositive: up to the next comma.
        j = next((c for c in range(k + 1, min(v, k + 16)) if toks[c].text == ","), v)
        if j >= v - 1:
            return None
        j += 1
    if j + 2 < v and toks[j].text == "on" and toks[j + 1].text in _WEEKDAYS:
        j += 2  # "The European Union on Monday submitted …"
    if j + 1 < v and toks[j].text in ("has", "had", "have"):
        j += 1  # "Zarif has pointed the finger at …"
    verb = toks[j].text
    if speech:
        # The speech verb at ``v`` itself, right after the name ("A group calling itself … claimed").
        return text[toks[first].start : toks[k - 1].end] if j == v and first > 0 else None
    if not (verb.isalpha() and verb.islower() and verb.endswith("ed")) or verb in SPEECH_VERBS:
        return None  # not "X appeared to …" / "X cast …" (a speech verb would have given the subject)
    return text[toks[first].start : toks[k - 1].end]


def _quoted_object(toks: Sequence[Token], q: int) -> bool:
    """True for a quote that is the object of the verb before it ("condemned the “terrorist attack” and blamed")."""
    return q >= 2 and toks[q - 1].text.lower() in ("the", "a", "an", "its", "his", "her", "their")


def _held_word(text: str, tok: Token) -> bool:
    """True for "responsible"/"accountable", or a quote beginning with one ("held the brigade “responsible …”")."""
    if tok.quote is None:
        return tok.text in ("responsible", "accountable")
    return text[tok.start + 1 : tok.start + 13].startswith(("responsible", "accountable"))


def attributions(text: str, toks: Sequence[Token]) -> list[Attribution]:
    """Every speech verb of a sentence with its speaker phrase, left to right."""
    found: list[Attribution] = []
    candidates = [v for v, tok in enumerate(toks) if tok.text in _VERB_FORMS and tok.quote is None]
    for v in candidates:
        word = toks[v].text
        if word in ("according", "According") and v + 1 < len(toks) and toks[v + 1].text == "to":
            phrase, appositive = phrase_after(text, toks, v + 2)
            found.append(Attribution(v, phrase, appositive))
            continue
        if word in HOLD_VERBS:
            if not any(_held_word(text, t) for t in toks[v + 1 : v + 6]):
                continue
            phrase, appositive = phrase_before(text, toks, v)
            if phrase is not None:
                found.append(Attribution(v, phrase, appositive))
            continue
        if word in SPEECH_NOUNS:
            owner = _possessive_owner(text, toks, v)
            if owner is not None:
                found.append(Attribution(v, owner))
            continue
        if word not in SPEECH_VERBS:
            continue
        if word == "quoted" and v + 1 < len(toks):
            # "State television quoted Rouhani as saying …": the one quoted is the speaker.
            phrase, appositive = phrase_after(text, toks, v + 1)
            rest = [t.text for t in toks[v + 2 : v + 12]]
            if phrase is not None and "as" in rest and ("saying" in rest or "telling" in rest):
                found.append(Attribution(v, phrase, appositive))
                continue
        # The subject of the last verb ("dismissed Washington's claim … as “…,” saying": the general's).
        previous = next(
            (a for a in reversed(found) if a.phrase is not None and toks[a.verb].text not in SPEECH_NOUNS), None
        )
        before = toks[v - 1].text if v >= 1 else ""
        if v >= 1 and toks[v - 1].quote is not None and text[toks[v - 1].end - 2 : toks[v - 1].end - 1] == ",":
            before = ","  # "dismissed it as “meaningless,” saying …": the comma inside the marks
        if previous is not None and (
            (word.endswith("ing") and before == ",")
            or (before in ("and", "but") and v >= 2 and (toks[v - 2].quote is None or _quoted_object(toks, v - 2)))
        ):
            # "…, saying …", "… and blamed …": the verb shares the subject of the one before.
            found.append(Attribution(v, previous.phrase, previous.appositive))
            continue
        if word.endswith("ing") and before != ",":
            w = next((k for k in range(v - 2, max(0, v - 8), -1) if toks[k].text == "with"), None)
            if w is not None and toks[w - 1].text == ",":
                # "…, with a senior EU official saying he expected …": the official's words.
                phrase, appositive = phrase_after(text, toks, w + 1)
                if phrase is not None and text[toks[w + 1].start : toks[v - 1].end] == phrase:
                    found.append(Attribution(v, phrase, appositive))
            continue  # "the group denying it": not a verb with a subject of its own
        if word.endswith("ing") and previous is None:
            subject = _sentence_subject(text, toks, v)
            if subject is not None:
                # "Qais al-Khazali, the head of …, appeared to cast doubt on it, suggesting …": its subject.
                found.append(Attribution(v, subject))
                continue
        if before == "and" and previous is None:
            # "Pompeo spoke to al-Kadhimi on Thursday and said …": the subject of a verb of meeting.
            met = next((k for k in range(v - 2, max(-1, v - 16), -1) if toks[k].text in _MEETING_VERBS), None)
            if met is not None and all(toks[k].text not in (",", ";", ":") for k in range(met, v)):
                phrase, appositive = phrase_before(text, toks, met)
                if phrase is not None:
                    found.append(Attribution(v, phrase, appositive))
                    continue
        phrase, appositive = phrase_before(text, toks, v)
        if word in _NOUN_TOO and phrase is not None and _object_of_verb(toks, v, phrase):
            continue  # "dismissed US claims", "rejected the Iranian claims": a noun, not a verb
        if word in DOCUMENT_VERBS:
            if phrase is not None and phrase.startswith("the ") and phrase[4:] in STATEMENT_NOUNS:
                found.append(Attribution(v, phrase, appositive))
            continue
        if phrase is None and v >= 1 and (toks[v - 1].quote is not None or toks[v - 1].text in (",", "\u201d")):
            if word.endswith("ing"):
                continue
            # Inverted: “…,” said X.
            phrase, appositive = phrase_after(text, toks, v + 1)
            if phrase is not None and phrase not in PRONOUNS and _subject_of_clause(toks, v + 1, phrase):
                phrase, appositive = None, None  # "…, said four of its members had been killed"
        if phrase is None and previous is None and not found and not word.endswith("ing"):
            phrase = _sentence_subject(text, toks, v, speech=True)
        if phrase in ("it", "he", "she", "they") and previous is None and v >= 2 and toks[v - 2].text == "what":
            # "The European Union on Monday submitted what it called …": the subject of the sentence.
            subject = _sentence_subject(text, toks, v - 2)
            phrase = subject.removeprefix("The ") if subject else phrase
        found.append(Attribution(v, phrase, appositive))
    return found


_CLAUSE_VERBS = frozenset(["had", "have", "has", "were", "was", "are", "is", "would", "will", "could", "did"])


def _subject_of_clause(toks: Sequence[Token], i: int, phrase: str) -> bool:
    """True when the phrase read after a verb at ``i`` is the subject of its clause (a verb follows it)."""
    end = toks[i].start + len(phrase)
    k = next((k for k in range(i, min(len(toks), i + 25)) if toks[k].start >= end), None)
    return k is not None and toks[k].text in _CLAUSE_VERBS


def _possessive_owner(text: str, toks: Sequence[Token], v: int) -> str | None:
    """The speaker of a noun of speech: "President Donald Trump's initial claim that" → "President Donald Trump".

    Only a capitalised possessive at most two lower-case words before the noun, and a noun
    followed by "that", a colon or a quote (what was said, not "his claim was false").
    """
    after = toks[v + 1] if v + 1 < len(toks) else None
    if after is None or not (after.quote is not None or after.text in ("that", ":")):
        return None
    k = v - 1
    while k >= 0 and v - k <= 3 and toks[k].quote is None and toks[k].text[:1].islower() and toks[k].text.isalpha():
        k -= 1
    if k < 0 or v - k > 3 or not toks[k].text.endswith(("'s", "\u2019s")) or not _cap(toks[k]):
        return None
    span = _name_back(toks, k)
    if span is None:
        return None
    phrase = _text(text, toks, span)
    return phrase[:-2] if phrase.endswith(("'s", "\u2019s")) else phrase


def statement_author(text: str, toks: Sequence[Token], before: int) -> str | None:
    """The author in "in a March 19 Navy statement" before token ``before``, if any."""
    for k in range(before - 1, -1, -1):
        if toks[k].text.lower() in STATEMENT_NOUNS:
            j = k - 1
            if j >= 0 and _cap(toks[j]) and toks[j].text not in TITLE_WORDS:
                span = _name_back(toks, j)
                if span is not None:
                    words = [t.text for t in toks[span[0] : span[1] + 1]]
                    # Drop a leading month name ("March 19 Navy statement" keeps "Navy").
                    return " ".join(w for w in words if not w.isdigit()) or None
            return None
    return None
