"""Counts in news prose as ranges: casualties, troops, rockets.

"at least 25 rockets" is 25 or more; "more than 600 people" is 601 or more; "nearly 100
attacks" is an approximate 90-99; "two Americans and a Briton" is exactly three (the
items of a list are added up); "dozens of fighters" is an approximate 24-99. Every
pattern is one regular expression with bounded repetition, so the scan is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from mideast_model.model import CountRange

__all__ = [
    "BARE_FORMS",
    "HEAD_FORMS",
    "HEAD_WORDS",
    "OF_HEADS",
    "Count",
    "count_windows",
    "find_bare_counts",
    "find_counts",
]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100, "a dozen": 12,
    "half a dozen": 6, "a thousand": 1000, "a": 1, "an": 1, "no": 0, "zero": 0, "none": 0,
}  # fmt: skip
#: Vague quantities: (low, high) of an approximate range.
_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999), "several": (3, 9), "a few": (2, 5), "a handful": (2, 6),
}  # fmt: skip
_PEOPLE = (
    "people|persons|person|civilians?|soldiers?|troops|personnel|servicemen|serviceman|service ?members?|fighters?"
    "|militiamen|militants?|members?|Americans?|Iraqis?|Iranians?|Britons?|Syrians?|Israelis?|Kurds?|contractors?"
    "|policemen|policeman|police ?officers?|officers?|workers?|passengers?|children|child|women|woman|men|man"
    "|protesters?|demonstrators?|staff|employees?|guards?|bodyguards?|diplomats?|crew|sailors?|marines?|casualties|dead"
    "|deaths"
    "|wounded|injured|victims?|bodies|one|others|medics?|doctors?|nurses?|journalists?|pilots?|followers|supporters"
    "|them|whom"
)
_THINGS = (
    "rockets?|missiles?|drones?|mortars?|mortar rounds|shells?|bombs?|air ?strikes?|strikes?|attacks?|sites?|depots?"
)


def _head_words(alternatives: str) -> frozenset[str]:
    """The last words of the alternatives ("soldiers?" → soldier, soldiers; "air ?strikes?" → strike, strikes...)."""
    found: set[str] = set()
    for alternative in alternatives.split("|"):
        last = alternative.replace(" ?", " ").split()[-1]
        if last.endswith("?"):
            found.update({last[:-2], last[:-1]})
        else:
            found.add(last)
        found.update(w.replace("?", "") for w in alternative.replace(" ?", "").split())
    return frozenset(w.lower() for w in found)


#: The words a count ends in, lower-case: a sentence without one has no count.
HEAD_WORDS = _head_words(_PEOPLE + "|" + _THINGS) - {"them", "whom"}
#: Heads only after "of" ("17 of them", "57 of whom"): too common to scan every sentence that has them.
OF_HEADS = frozenset(["them", "whom"])
#: The head words as a text may write them (lower-case and capitalised), for a set-disjointness test.
HEAD_FORMS = HEAD_WORDS | frozenset(w.capitalize() for w in HEAD_WORDS)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: "Thirty-four", "twenty one": a ten and a unit.
_COMPOUND = "(?:" + "|".join(_TENS) + r")[\- ](?:one|two|three|four|five|six|seven|eight|nine)(?![\w\-])"
_NUMBER_WORDS = _COMPOUND + "|" + "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
_VAGUE_WORDS = "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
_QUALIFIERS = (
    "at least|more than|over|nearly|almost|about|around|roughly|approximately|some|up to|as many as|fewer than"
    "|less than|at most|all|a total of|an estimated|only|just"
)
_ITEM = re.compile(
    rf"(?<![\w\-])(?:(?P<qual>{_QUALIFIERS})[ \u00a0]{{1,3}})?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}}|{_NUMBER_WORDS}|{_VAGUE_WORDS})"
    rf"(?:[ \u00a0]{{1,3}}(?:to|or|and)[ \u00a0]{{1,3}}(?P<num2>\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}}|{_NUMBER_WORDS}))?"
    r"(?:[ \u00a0]{1,3}of)?"
    r"(?P<adj>(?:[ \u00a0]{1,3}(?!(?:and|or|were|was|are|is|had|have|has|in|on|at|to|from|by|with|the|who|which|that)\b)"  # noqa: E501
    r"[\w.\-\u2019']{1,25}){0,3})"
    rf"[ \u00a0]{{1,3}}(?P<head>{_PEOPLE}|{_THINGS})(?![\w\-])"
    # "five members of the Iraqi security forces": the body they belong to.
    r"(?:[ \u00a0]{1,3}of[ \u00a0]{1,3}the(?:[ \u00a0]{1,3}[\w.\-\u2019']{1,25}){0,3}?[ \u00a0]{1,3}"
    r"(?:forces|army|police|military|militia|militias|coalition|guards?|corps|units?|group|movement)(?![\w\-]))?",
    re.IGNORECASE,
)
#: A figure without a head word: "the death toll to 429", "has risen to 109", "up from 64", "stood at 12".
_BARE = re.compile(
    r"(?<![\w\-])(?:(?P<kind>toll|tally|figure|number|count)(?![\w\-])[^.;\d]{0,140}?"
    r"(?:to|at|of|reached|hit)|up[ \u00a0]{1,3}from(?:[ \u00a0]{1,3}the)?)[ \u00a0]{1,3}"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,6})(?![\w,.\-]*\d)(?![ \u00a0]{0,3}(?:%|percent|per|million|billion|km|kilomet"
    r"|miles?|met(?:re|er)s?|hours?|days?|years?|months?|weeks?|[ap]\.?m\b|dollars?|barrels?))",
    re.IGNORECASE,
)
#: Words that may introduce a figure without a head word.
BARE_FORMS = frozenset(
    w for base in ("toll", "tally", "figure", "number", "count", "up") for w in (base, base.capitalize())
)
_CASUALTY_CONTEXT = re.compile(r"kill|dead|died|death|injur|wound|casualt|diagnos|toll|victim", re.IGNORECASE)
_JOIN = re.compile(r",?[ \u00a0]{1,3}and[ \u00a0]{1,3}|,[ \u00a0]{1,3}")
_CASUALTY_BEFORE = re.compile(
    r"(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|left|including)[ \u00a0]{1,3}$", re.IGNORECASE
)
#: After "a"/"an"/"one"/"none" and its head: a casualty verb in the same clause ("… was also among the wounded").
_CASUALTY_AFTER = re.compile(
    r"[^.;:\u201c\u201d\"]{0,60}?(?<![\w\-])"
    r"(?:(?:was|were|are|had been|has been|have been|is)(?:[ \u00a0]{1,3}\w{2,9}){0,4}?"
    r"[ \u00a0]{1,3}(?:killed|wounded|injured|hurt|harmed|among[ \u00a0]{1,3}the[ \u00a0]{1,3}(?:dead|wounded|injured))"
    r"|(?:had[ \u00a0]{1,3}|has[ \u00a0]{1,3})?died)(?![\w\-])"
)
_OF_THEM = re.compile(r"[ \u00a0]of[ \u00a0]{1,3}(?:them|whom)(?![\w\-])", re.IGNORECASE)
_KILLED = re.compile(r"kill|dead|died|death|lives", re.IGNORECASE)
_WOUNDED = re.compile(r"wound|injur|harmed|hurt", re.IGNORECASE)


class Count(NamedTuple):
    """A count found in text: its span, the range, and what is counted ("killed", "rockets")."""

    start: int
    end: int
    value: CountRange
    what: str


def _value(word: str) -> tuple[int, int, bool] | None:
    """(low, high, approximate) of one number word or figure."""
    word = " ".join(word.lower().split())
    if word[:1].isdigit():
        n = int(word.replace(",", ""))
        return n, n, False
    if word in _UNITS:
        return _UNITS[word], _UNITS[word], False
    tens, _, unit = word.replace("-", " ").partition(" ")
    if tens in _TENS and unit in _UNITS:
        return _TENS[tens] + _UNITS[unit], _TENS[tens] + _UNITS[unit], False
    if word in _VAGUE:
        low, high = _VAGUE[word]
        return low, high, True
    return None


def _qualified(qualifier: str | None, low: int, high: int, approximate: bool) -> tuple[int, int | None, bool]:
    q = (qualifier or "").lower()
    if q in ("at least",):
        return low, None, approximate
    if q in ("more than", "over"):
        return low + 1, None, approximate
    if q in ("nearly", "almost"):
        return max(0, (high * 9) // 10), max(0, high - 1), True
    if q in ("about", "around", "roughly", "approximately", "some", "an estimated"):
        return (low * 9) // 10, -(-high * 11 // 10), True
    if q in ("up to", "as many as", "at most"):
        return 0, high, approximate
    if q in ("fewer than", "less than"):
        return 0, max(0, low - 1), approximate
    return low, high, approximate


def _what(head: str, before: str, after: str) -> str:
    head = head.lower()
    if re.fullmatch(_THINGS, head):
        return head if head.endswith("s") else head + "s"
    if head in ("dead", "deaths") or _KILLED.search(before[-20:]) or _KILLED.search(after[:24]):
        return "killed"
    if head in ("wounded", "injured") or _WOUNDED.search(before[-20:]) or _WOUNDED.search(after[:24]):
        return "wounded"
    return "people"


def find_counts(
    text: str, start: int = 0, end: int | None = None, windows: Sequence[tuple[int, int]] | None = None
) -> Iterator[Count]:
    """Every count in ``text[start:end]``, a list of items ("two Americans and a Briton") as one.

    :param windows: spans (in order) that hold every count, each ending at a head word
        ("rockets", "people"): only they are scanned. By default the whole of ``text[start:end]``.
    """
    stop = len(text) if end is None else end
    items: list[tuple[re.Match[str], tuple[int, int | None, bool]]] = []
    matches = (
        _ITEM.finditer(text, start, stop)
        if windows is None
        else (m for ws, we in windows for m in _ITEM.finditer(text, max(start, ws), min(stop, we)))
    )
    last_end = -1
    for match in matches:
        if match.start() < last_end:
            continue
        last_end = match.end()
        value = _value(match.group("num"))
        if value is None:
            continue
        low, high, approximate = value
        if match.group("num2"):
            second = _value(match.group("num2"))
            if second is not None:
                high = max(high, second[1])
        items.append((match, _qualified(match.group("qual"), low, high, approximate)))
    i = 0
    while i < len(items):
        first = items[i]
        chain = [first]
        while i + 1 < len(items) and _JOIN.fullmatch(text, chain[-1][0].end(), items[i + 1][0].start()):
            if not re.fullmatch(_PEOPLE, items[i + 1][0].group("head"), re.IGNORECASE):
                break
            if items[i + 1][0].group("num").lower() == "none":
                break  # "20 crew, and none of them were hurt": not one more item of a list
            if _OF_THEM.search(chain[0][0].group(0)):
                break  # "125 people were injured, 100 of them protesters and 25 members of …": a breakdown
            chain.append(items[i + 1])
            i += 1
        i += 1
        match = chain[0][0]
        words = match.group("num").lower()
        before = text[max(start, match.start() - 24) : match.start()]
        lone_article = len(chain) == 1 and words in ("a", "an", "one", "none")
        # "An American service member was killed", "none of them … hurt": a casualty verb after it.
        hit = lone_article and _CASUALTY_AFTER.match(text, match.end(), min(stop, match.end() + 90)) is not None
        if lone_article and not hit and not _CASUALTY_BEFORE.search(before) and match.group("qual") is None:
            continue  # "a civilian" alone is not a count; "killed a civilian" and "at least one person" are
        if words in ("a", "an", "none") and len(chain) == 1 and not hit and not _CASUALTY_BEFORE.search(before):
            continue
        low = sum(c[1][0] for c in chain)
        highs = [c[1][1] for c in chain]
        total = None if any(h is None for h in highs) else sum(h for h in highs if h is not None)
        approximate = any(c[1][2] for c in chain)
        last = chain[-1][0]
        span_text = text[match.start() : last.end()]
        what = _what(match.group("head"), before, text[last.end() : min(stop, last.end() + 24)])
        yield Count(match.start(), last.end(), CountRange(low, total, approximate=approximate, text=span_text), what)


def find_bare_counts(text: str, start: int, end: int, context: str) -> Iterator[Count]:
    """Figures without a head word ("bringing the death toll to 429", "up from 64") of ``text[start:end]``.

    Only when ``context`` (the sentence, or the sentence and the one before) is about casualties.
    """
    if not _CASUALTY_CONTEXT.search(context):
        return
    for match in _BARE.finditer(text, start, end):
        n = int(match.group("num").replace(",", ""))
        what = "killed" if _KILLED.search(context) and not _WOUNDED.search(context) else "people"
        yield Count(match.start("num"), match.end("num"), CountRange(n, n, text=match.group("num")), what)


def count_windows(found_words: Sequence[re.Match[str]], texts: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of a sentence's words that may hold a count: up to ten words before each head word."""
    windows: list[tuple[int, int]] = []
    for i, word in enumerate(texts):
        if word in HEAD_FORMS or (word in OF_HEADS and i >= 2 and texts[i - 1] == "of"):
            ws, we = found_words[max(0, i - 10)].start(), found_words[i].end()
            if windows and ws <= windows[-1][1]:
                windows[-1] = (windows[-1][0], we)
            else:
                windows.append((ws, we))
    return windows
