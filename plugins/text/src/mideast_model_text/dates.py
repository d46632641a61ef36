"""Date expressions in news prose, normalised to EDTF against the publication date.

:func:`normalise_date` turns one expression ("on Wednesday", "last May", "mid-2019",
"17 years ago", "by mid-April") into an EDTF string that
:class:`mideast_model.model.TimeSpan` accepts; :func:`find_dates` finds such
expressions in a sentence. Both use only :mod:`re` with bounded repetition, so their
time is linear in the length of the text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence

__all__ = ["find_dates", "normalise_date"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3,
    "fifteen": 15, "twenty": 20,
}  # fmt: skip
_SEASONS = {"spring": (21, 3, 5), "summer": (22, 6, 8), "autumn": (23, 9, 11), "fall": (23, 9, 11)}

# One endpoint pair: (start, end) EDTF endpoint strings.
_Span = tuple[str, str]

_FULL = [name.lower() for name in calendar.month_name if name]
_ABBR = sorted({*(name.lower() for name in calendar.month_abbr if name), "sept"} - set(_FULL), key=len, reverse=True)
_MONTH = (
    "(?:"
    + "|".join([*(w.capitalize() for w in _FULL), *(w.upper() for w in _FULL)])
    + "|(?:"
    + "|".join([*(w.capitalize() for w in _ABBR), *(w.upper() for w in _ABBR)])
    + r")\.?)"
)
_WEEKDAY = "|".join(sorted({w.capitalize() for w in _WEEKDAYS}))


def _ci(words: str) -> str:
    """An alternation of ``words`` ("a|the") whose first letters match either case."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|"))


_NUMBER_WORDS = "an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several"
_NUM = rf"(?:\d{{1,3}}|{_ci(_NUMBER_WORDS)}|[Aa] few)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_S = r"[ \u00a0]{1,3}"

# The scanner: each alternative is a fixed sequence of bounded parts (no nested
# unbounded quantifiers), tried longest first at each position.
_PREFIX = (
    rf"(?:(?:since|by|until|through|before|after|from|in|on|during|back{_S}in|as{_S}of|at{_S}the{_S}end{_S}of){_S})?"
)
_EXPRESSIONS = [
    rf"{_DAY}{_S}{_MONTH},?{_S}{_YEAR}",
    rf"{_MONTH}{_S}{_DAY},?{_S}{_YEAR}",
    r"\d{4}-\d{2}-\d{2}",
    rf"(?:{_ci('early|mid|late')})[- ]{_MONTH}(?:,?{_S}{_YEAR})?",
    rf"(?:{_ci('early|mid|late')})[- ]{_YEAR}",
    rf"(?:{_ci('the')}{_S})?(?:{_ci('beginning|start|middle|end')}){_S}of{_S}(?:{_MONTH}(?:,?{_S}{_YEAR})?|{_YEAR}|(?:last|this|next){_S}(?:week|month|year))",
    rf"{_MONTH}{_S}{_DAY}(?![\d:])",
    rf"{_DAY}{_S}{_MONTH}",
    rf"{_MONTH},?{_S}{_YEAR}",
    rf"(?:{_ci('last|this|next|past')}){_S}(?:week|month|year|spring|summer|autumn|fall|{_MONTH}|{_WEEKDAY})",
    rf"{_NUM}{_S}{_UNIT}{_S}(?:ago|later|earlier|before|after)",
    rf"(?:{_ci('the|a')}){_S}(?:day|week|month|year){_S}(?:after|before|later|earlier)",
    rf"{_ci('the')}{_S}(?:next|following|previous){_S}(?:day|week|month|year)",
    rf"(?:{_ci('the')}{_S})?(?:{_ci('past|last')}){_S}(?:{_NUM}{_S})?{_UNIT}",
    rf"{_ci('recent')}{_S}(?:days|weeks|months|years)",
    _ci("yesterday|today|tomorrow"),
    rf"(?:(?:{_ci('earlier|later')}){_S})?(?:{_ci('this')}{_S}(?:morning|afternoon|evening)|{_ci('tonight')})",
    rf"(?:{_ci('the')}{_S})?(?:1[89]|20)\d0s",
    rf"{_YEAR}(?![\d-])",
    rf"{_WEEKDAY}",
    rf"{_MONTH}",
]
_SCAN = re.compile(
    rf"(?<![\w-])(?:(?:[Ss]ince|[Bb]y|[Uu]ntil|[Tt]hrough|[Bb]efore|[Aa]fter|[Ff]rom|[Ii]n|[Oo]n|[Dd]uring|[Bb]ack{_S}in"
    rf"|[Aa]s{_S}of|[Aa]t{_S}the{_S}end{_S}of){_S})?(?:{'|'.join(_EXPRESSIONS)})(?![\w])"
)
del _PREFIX

_LEADING = re.compile(r"^(since|by|until|through|before|after|from|in|on|during|back in|as of|at)\s+")


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _closest_year(month: int, day: int, published: dt.date) -> int:
    """The year that puts ``month``/``day`` closest to the publication date."""
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            delta = abs((dt.date(year, month, day) - published).days)
        except ValueError:
            continue
        if best is None or delta < best[0]:
            best = (delta, year)
    if best is None:
        raise ValueError("no such day")
    return best[1]


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def _month_of(word: str) -> int | None:
    return _MONTHS.get(word.rstrip("."))


def _qualified(qualifier: str, year: int, month: int | None) -> _Span:
    """early/mid/late (or beginning/middle/end of) a year or a month, approximate."""
    if month is None:
        start, end = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12), "beginning": (1, 2)}[qualifier]
        return f"{_month(year, start)}~", f"{_month(year, end)}~"
    last = _last_day(year, month)
    start, end = {"early": (1, 10), "mid": (11, 20), "late": (21, last), "end": (21, last), "beginning": (1, 10)}[
        qualifier
    ]
    return f"{_month(year, month)}-{start:02d}~", f"{_month(year, month)}-{end:02d}~"


def _recent_month(month: int, published: dt.date, *, strict: bool) -> int:
    """The year of the most recent ``month`` up to (or strictly before) the publication month."""
    if month < published.month or (month == published.month and not strict):
        return published.year
    return published.year - 1


def _week(monday: dt.date) -> _Span:
    return _iso(monday), _iso(monday + dt.timedelta(days=6))


def _offset(anchor: dt.date, count: int, unit: str) -> str:
    unit = unit.rstrip("s")
    if unit == "day":
        return _iso(anchor + dt.timedelta(days=count))
    if unit == "week":
        return _iso(anchor + dt.timedelta(days=7 * count)) + "~"
    if unit == "month":
        return _month(*_shift_month(anchor.year, anchor.month, count))
    if unit == "year":
        return f"{anchor.year + count:04d}"
    return f"{(anchor.year + 10 * count) // 10:03d}X"  # decade


def _past(published: dt.date, count: int, unit: str) -> _Span:
    """The span from ``count`` units before publication up to publication."""
    unit = unit.rstrip("s")
    days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[unit] * count
    if unit == "month":
        year, month = _shift_month(published.year, published.month, -count)
        start = dt.date(year, month, min(published.day, _last_day(year, month)))
    elif unit == "year":
        start = published.replace(year=published.year - count, day=min(published.day, 28))
    else:
        start = published - dt.timedelta(days=days)
    return _iso(start), _iso(published)


def _core(text: str, published: dt.date, anchor: dt.date | None) -> _Span | None:
    """The span of one expression without a leading preposition, or ``None``."""
    words = text.split()
    if not words:
        return None
    first = words[0]
    if re.fullmatch(r"(?:earlier |later )?(?:this (?:morning|afternoon|evening)|tonight)", text):
        return _iso(published), _iso(published)  # "earlier this evening": the day of publication
    # ISO date.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = dt.date.fromisoformat(text)
        return _iso(day), _iso(day)
    # Decade: "the 1990s".
    match = re.fullmatch(r"(?:the )?((?:1[89]|20)\d)0s", text)
    if match:
        return f"{match.group(1)}X", f"{match.group(1)}X"
    # Bare year.
    if re.fullmatch(r"\d{4}", text):
        return text, text
    # Day month year / month day year.
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})", text)
    if match and _month_of(match.group(2)):
        day = dt.date(int(match.group(3)), _month_of(match.group(2)) or 0, int(match.group(1)))
        return _iso(day), _iso(day)
    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", text)
    if match and _month_of(match.group(1)):
        day = dt.date(int(match.group(3)), _month_of(match.group(1)) or 0, int(match.group(2)))
        return _iso(day), _iso(day)
    # Month year.
    match = re.fullmatch(r"([a-z]+)\.?,? (\d{4})", text)
    if match and _month_of(match.group(1)):
        edtf = _month(int(match.group(2)), _month_of(match.group(1)) or 0)
        return edtf, edtf
    # Month day / day month (no year): the closest such day to publication.
    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", text) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?", text
    )
    if match:
        a, b = match.groups()
        month_word, day_text = (a, b) if not a.isdigit() else (b, a)
        month = _month_of(month_word)
        if month is not None:
            day_number = int(day_text)
            day = dt.date(_closest_year(month, day_number, published), month, day_number)
            return _iso(day), _iso(day)
    # Bare month: its most recent occurrence.
    if len(words) == 1 and _month_of(first) is not None:
        month = _month_of(first) or 0
        edtf = _month(_recent_month(month, published, strict=False), month)
        return edtf, edtf
    # early/mid/late year or month.
    match = re.fullmatch(r"(early|mid|late)[- ]([a-z]+|\d{4})\.?(?:,? (\d{4}))?", text)
    if match:
        qualifier, what, year_text = match.groups()
        if what.isdigit():
            return _qualified(qualifier, int(what), None)
        month = _month_of(what)
        if month is None:
            return None
        year = int(year_text) if year_text else _closest_year(month, 15, published)
        return _qualified(qualifier, year, month)
    # beginning/middle/end of X.
    match = re.fullmatch(r"(?:the )?(beginning|start|middle|end) of (.+)", text)
    if match:
        qualifier = {"start": "beginning", "middle": "mid"}.get(match.group(1), match.group(1))
        inner = _core(match.group(2), published, anchor)
        if inner is None:
            return None
        year_month = re.fullmatch(r"(\d{4})(?:-(\d{2}))?~?", inner[0])
        if year_month is None or inner[0] != inner[1]:
            return None
        month_text = year_month.group(2)
        return _qualified(qualifier, int(year_month.group(1)), int(month_text) if month_text else None)
    # last/this/next week, month, year, season, month name, weekday.
    match = re.fullmatch(r"(last|this|next|past) ([a-z]+)\.?", text)
    if match:
        which, what = match.groups()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
        if what == "week":
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 * step)
            return _week(monday)
        if what == "month":
            edtf = _month(*_shift_month(published.year, published.month, step))
            return edtf, edtf
        if what == "year":
            edtf = f"{published.year + step:04d}"
            return edtf, edtf
        if what in _SEASONS:
            code, _, last_month = _SEASONS[what]
            year = published.year + step
            if step == -1 and published.month > last_month:
                year = published.year
            return f"{year:04d}-{code}", f"{year:04d}-{code}"
        month = _month_of(what)
        if month is not None:
            if which in ("last", "past"):
                year = _recent_month(month, published, strict=True)
            elif which == "this":
                year = published.year
            else:
                year = published.year if month > published.month else published.year + 1
            edtf = _month(year, month)
            return edtf, edtf
        if what in _WEEKDAYS:
            weekday = _WEEKDAYS[what]
            if which in ("last", "past"):
                back = (published.weekday() - weekday) % 7 or 7
                day = published - dt.timedelta(days=back)
            elif which == "next":
                day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
            else:
                day = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=weekday)
            return _iso(day), _iso(day)
        return None
    # Weekday alone: the most recent one on or before publication.
    if len(words) == 1 and first in _WEEKDAYS:
        day = published - dt.timedelta(days=(published.weekday() - _WEEKDAYS[first]) % 7)
        return _iso(day), _iso(day)
    if text in ("yesterday", "today", "tomorrow"):
        day = published + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[text])
        return _iso(day), _iso(day)
    # N units ago / later / earlier.
    match = re.fullmatch(
        r"(\d{1,3}|[a-z]+(?: few)?) (day|week|month|year|decade)s? (ago|later|earlier|before|after)", text
    )
    count = None if match is None else _number(match.group(1))
    if match and count is not None:
        unit, direction = match.group(2), match.group(3)
        if direction == "ago":
            edtf = _offset(published, -count, unit)
        elif anchor is None:
            return None
        else:
            edtf = _offset(anchor, count if direction in ("later", "after") else -count, unit)
        return edtf, edtf
    match = re.fullmatch(r"(?:the|a) (day|week|month|year) (after|before|later|earlier)", text) or re.fullmatch(
        r"the (next|following|previous) (day|week|month|year)", text
    )
    if match:
        a, b = match.groups()
        unit, direction = (a, b) if a in ("day", "week", "month", "year") else (b, a)
        if anchor is None:
            return None
        edtf = _offset(anchor, -1 if direction in ("before", "earlier", "previous") else 1, unit)
        return edtf, edtf
    # The past N units, recent weeks.
    match = re.fullmatch(r"(?:the )?(?:past|last) (?:(\d{1,3}|[a-z]+(?: few)?) )?(day|week|month|year|decade)s?", text)
    if match:
        count = 1 if match.group(1) is None else _number(match.group(1))
        if count is None:
            return None
        return _past(published, count, match.group(2))
    match = re.fullmatch(r"recent (day|week|month|year)s", text)
    if match:
        count = {"day": 7, "week": 4, "month": 3, "year": 3}[match.group(1)]
        unit = "day" if match.group(1) == "day" else match.group(1)
        start, end = _past(published, count, unit)
        return start + "~", end
    return None


def normalise_date(expression: str, published: dt.date, *, anchor: dt.date | None = None) -> str | None:
    """The EDTF string for a date expression read in an article published on ``published``.

    Relative expressions count from the publication date ("last May" in March 2020 is
    ``"2019-05"``; "on Wednesday" is the latest Wednesday on or before it). "since X"
    runs from X to publication; "by X" from publication to X (or from an open start
    when X is past). Expressions relative to another event ("one day later", "the day
    after") need ``anchor``, the day of that event; without it they give ``None``.
    Approximate spans carry EDTF's ``~``: "mid-2019" is ``"2019-05~/2019-08~"``.

    :return: an EDTF string :class:`mideast_model.model.TimeSpan` accepts, or ``None``
        when the expression is not a date this function understands.
    """
    text = " ".join(expression.replace("\u00a0", " ").split()).strip(" ,.;").lower()
    if not text or len(text) > 80:
        return None
    return _normalise(text, published, anchor)


@functools.lru_cache(maxsize=4096)
def _normalise(text: str, published: dt.date, anchor: dt.date | None) -> str | None:
    text = re.sub(r"\b(the|at|in) (end|beginning|start|middle) of\b", r"\2 of", text)
    prefix = None
    match = _LEADING.match(text)
    if match:
        prefix = match.group(1)
        rest = text[match.end() :]
        if prefix == "at" and not rest.startswith(("the end", "end")):
            return None
        text = rest
    text = text.removeprefix("just ")
    try:
        span = _core(text, published, anchor)
    except ValueError:
        return None
    if span is None:
        return None
    start, end = span
    if prefix == "since" or prefix == "from":
        end = _iso(published)
    elif prefix in ("by", "until", "through"):
        start = _iso(published) if _bare(end) >= _iso(published)[: len(_bare(end))] else ".."
    elif prefix == "before":
        start = ".."
    elif prefix == "after":
        end = ".."
    edtf = start if start == end else f"{start}/{end}"
    return _valid(edtf)


def _bare(endpoint: str) -> str:
    return endpoint.rstrip("~?%")


def _valid(edtf: str) -> str | None:
    from mideast_model.model import TimeSpan

    try:
        span = TimeSpan(edtf)
    except ValueError:
        return None
    return span.edtf


# Words one of which every date expression contains: the full scanner runs only in a
# window around them, which makes scanning prose several times faster.
_KEY = re.compile(
    r"\d|(?<!\w)(?:"
    + _ci("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun")
    + "|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|"
    + _ci("yesterday|today|tomorrow|day|week|month|year|decade|spring|summer|autumn|fall|morning|afternoon|evening")
    + "|"
    + _ci("tonight")
    + ")"
)
_WINDOW = 32


def find_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Every date expression in ``text``: ``(start, end, expression)``, left to right."""
    windows: list[list[int]] = []
    for match in _KEY.finditer(text):
        start, end = max(0, match.start() - _WINDOW), min(len(text), match.end() + _WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    last_end = 0
    for start, end in windows:
        # Begin the scan at a word start, never inside a match already reported.
        while start > last_end and start < end and (text[start - 1].isalnum() or text[start - 1] == "-"):
            start -= 1
        start = max(start, last_end)
        for match in _SCAN.finditer(text, start, end):
            if match.end() == end and end < len(text) and text[end].isalnum():
                continue  # cut at the window's end: the next window or nothing
            last_end = match.end()
            yield _possessive(text, match.start(), match.end(), match.group(0))


def _possessive(text: str, start: int, end: int, expression: str) -> tuple[int, int, str]:
    """ "by yesterday's attack": a possessive date is a noun's, so "by" is not its preposition."""
    if text[end : end + 2] in ("'s", "\u2019s") and expression[:3] in ("by ", "By "):
        return start + 3, end, expression[3:]
    return start, end, expression


_KEY_WORDS = frozenset(
    [w for name in _MONTHS for w in (name.capitalize(), name.upper(), name.capitalize() + ".")]
    + [w for name in _WEEKDAYS for w in (name.capitalize(), name[:3].capitalize())]
    + [w for word in ("yesterday", "today", "tomorrow") for w in (word, word.capitalize())]
    + [w for unit in ("day", "week", "month", "year", "decade") for w in (unit, unit + "s")]
    + ["spring", "summer", "autumn", "fall", "Spring", "Summer", "Autumn", "Fall"]
    + ["morning", "afternoon", "evening", "tonight", "Tonight"]
)
_BACK = 6  # words a date expression may run before its key word ("since the beginning of last year")


_JOINERS = re.compile(r"[.\-’']")


def _is_key(word: str) -> bool:
    """True for a word a date expression is built around (or a word joining one: "mid-2019", "month’s")."""
    if word in _KEY_WORDS or word[:1].isdigit():
        return True
    if len(word) > 3 and _JOINERS.search(word):
        return any(part in _KEY_WORDS or part[:1].isdigit() for part in _JOINERS.split(word))
    return False


def find_dates_in_words(
    text: str, found_words: Sequence[re.Match[str]], words: Sequence[str]
) -> list[tuple[int, int, str]]:
    """:func:`find_dates` over already tokenized text: the same matches, found faster.

    :param found_words: the words as matches into ``text`` (for their offsets);
    :param words: their strings. The full scanner is tried only at the word starts just
    before a key word (a month, a weekday, a digit, "day", "year"…), the earliest first,
    as :func:`find_dates` would find them.
    """
    found: list[tuple[int, int, str]] = []
    covered = -1
    keys = [
        i
        for i, word in enumerate(words)
        if word in _KEY_WORDS or (not word.isalpha() and (word[:1].isdigit() or (len(word) > 3 and _is_key(word))))
    ]
    for i in keys:
        key_start = found_words[i].start()
        if key_start < covered:
            continue
        for k in range(max(0, i - _BACK), i + 1):
            start = found_words[k].start()
            if start < covered:
                continue
            match = _SCAN.match(text, start)
            if match is not None and match.end() > key_start:
                found.append(_possessive(text, match.start(), match.end(), match.group(0)))
                covered = match.end()
                break
    return found
