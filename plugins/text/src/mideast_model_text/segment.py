"""Splitting article text: paragraphs, quoted passages, sentences and word tokens.

Every span is a pair of character offsets into the whole input text. Regular
expressions here have no nested unbounded quantifiers, so each runs in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs

__all__ = [
    "Paragraph",
    "Quote",
    "Sentence",
    "Token",
    "Word",
    "blocks",
    "paragraphs",
    "quotes",
    "sentences",
    "tokens",
    "words",
]

OPENERS = "\u201c\u201e\u00ab"  # “ „ «
CLOSERS = "\u201d\u00bb"  # ” »
STRAIGHT = '"'
_QUOTE_CHARS = re.compile(r'[\u201c\u201d\u201e\u00ab\u00bb"]')
_MAX_QUOTE = 4000
# Single quotation marks: an opener before a word, a closer after one (not followed by a letter).
_SINGLE = re.compile(
    r"(?P<open>(?<![\w\u2019'])[\u2018'](?=[^\W_]))|(?P<close>(?<=[\w.,!?;:\u2014])[\u2019'](?![^\W_]))"
)
_LETTERS = re.compile(r"[^\W\d_]{2}")

# A title or an initial with its dot (Mr., Gen., Jr., F.); dotted initials (U.S., D.C.);
# a word: letters and digits joined by apostrophes, inner dots and hyphens (al-Nuri,
# O’Brien); or any single other non-space character. Aliases are tokenized alike. No
# quantifier is nested in another unbounded one, so matching is linear in the text.
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Gens|Lt|Col|Maj|Cmdr|Adm|Sgt|Capt|Sen|Rep|Gov|Jr|Sr|St|Prof|Brig|Rev|[A-Z])\.(?!\w)"
    r"|(?:[A-Za-z]\.){2,4}(?![\w.])|\w(?:[\w’'.\-]*\w)?|[^\w\s]"
)
_BOUNDARY = re.compile(r"[.!?][\"\u201d\u2019')\]]{0,3}\s+(?=[\"\u201c\u201e\u00ab\u2018'(\[]|[A-Z0-9])")
# After a quote ending in "!" or "?", a short attribution continues the sentence: “All is well!” Trump wrote.
_ATTRIBUTION_AFTER = re.compile(
    r"[ \u00a0]{0,3}(?:[\w.\-\u2019']{1,30}[ \u00a0]{1,3}){0,6}?(?:said|says|wrote|writes|tweeted|told|added|asked|shouted"  # noqa: E501
    r"|declared|posted|exclaimed)(?![\w])"
)
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "cmdr",
        "adm",
        "sgt",
        "capt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "no",
        "vs",
        "prof",
        "rev",
        "gens",
        "brig",
        "cpl",
        "pvt",
        "ft",
        "mt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "d.c",
        "e.g",
        "i.e",
    ]
)


@attrs.frozen
class Paragraph:
    """A run of non-blank lines: ``start``/``end`` offsets into the text."""

    start: int
    end: int


@attrs.frozen
class Quote:
    """A quoted passage: the offsets of its opening and closing marks and its words.

    ``start`` is the offset of the opening mark, ``end`` one past the closing mark;
    ``text`` is the passage between them (parts of a quote continued over paragraphs
    are joined with a blank line, without the repeated opening mark).
    """

    start: int
    end: int
    text: str


@attrs.frozen
class Sentence:
    """A sentence: its span and the quotes that open inside it."""

    start: int
    end: int
    quotes: tuple[Quote, ...] = ()


class Token(NamedTuple):
    """A word or punctuation mark; ``quote`` is the index of the quote it stands for."""

    start: int
    end: int
    text: str
    quote: int | None = None


def paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[Paragraph]:
    """Maximal runs of non-blank lines in ``text[start:end]``."""
    stop = len(text) if end is None else end
    pos = start
    para_start: int | None = None
    para_end = start
    while pos < stop:
        newline = text.find("\n", pos, stop)
        line_end = stop if newline < 0 else newline
        line = text[pos:line_end]
        if line.strip():
            if para_start is None:
                para_start = pos + (len(line) - len(line.lstrip()))
            para_end = pos + len(line.rstrip())
        elif para_start is not None:
            yield Paragraph(para_start, para_end)
            para_start = None
        pos = line_end + 1
    if para_start is not None:
        yield Paragraph(para_start, para_end)


def _open_at_end(text: str, start: int, end: int) -> bool:
    """True when a quote opened in ``text[start:end]`` is still open at its end."""
    state: str | None = None
    for match in _QUOTE_CHARS.finditer(text, start, end):
        char = match.group(0)
        if state is None:
            if char in OPENERS or char == STRAIGHT:
                state = char
        elif char in CLOSERS or char == STRAIGHT:
            state = None
    return state is not None


def blocks(text: str, paras: Sequence[Paragraph]) -> Iterator[list[Paragraph]]:
    """Paragraphs grouped so that a quote continued into the next paragraph stays whole.

    By the typographic convention, a quote running over paragraphs has no closing mark
    at the end of a paragraph and a new opening mark at the start of the next.
    """
    group: list[Paragraph] = []
    for para in paras:
        if group:
            last = group[-1]
            continued = _open_at_end(text, group[0].start, last.end) and text[para.start] in OPENERS + STRAIGHT
            if not continued or len(group) >= 8:
                yield group
                group = []
        group.append(para)
    if group:
        yield group


def quotes(text: str, block: Sequence[Paragraph]) -> list[Quote]:
    """The quoted passages of a block, typographic (“…”) or straight ("…") marks."""
    found: list[Quote] = []
    starts = {p.start for p in block[1:]}
    open_at: int | None = None
    parts: list[str] = []
    part_start = 0
    for match in _QUOTE_CHARS.finditer(text, block[0].start, block[-1].end):
        pos = match.start()
        char = match.group(0)
        if open_at is None:
            if char in OPENERS or char == STRAIGHT:
                open_at, part_start, parts = pos, pos + 1, []
            continue
        if pos in starts and (char in OPENERS or char == STRAIGHT):
            # A quote continued from the previous paragraph: close that part.
            parts.append(text[part_start : _para_end_before(block, pos)].strip())
            part_start = pos + 1
            continue
        if char in CLOSERS or char == STRAIGHT:
            parts.append(text[part_start:pos])
            body = "\n\n".join(p.strip() for p in parts).strip()
            if body and pos + 1 - open_at <= _MAX_QUOTE:
                found.append(Quote(open_at, pos + 1, body))
            open_at = None
        elif char in OPENERS and pos - open_at > _MAX_QUOTE:
            open_at, part_start, parts = pos, pos + 1, []
    single = _single_quotes(text, block, found)
    if single:
        found = sorted([*found, *single], key=lambda q: q.start)
    return found


def _single_quotes(text: str, block: Sequence[Paragraph], double: Sequence[Quote]) -> list[Quote]:
    """Passages in single quotes (British style: ‘…’ or '…'), outside the double-quoted ones.

    An opening mark begins a word ("‘We", " 'We"); a closing mark ends one and is not
    followed by a letter, so the apostrophes of "Iran’s" and "O’Brien" never close a
    quote. Single-quoted passages stay inside one paragraph.
    """
    found: list[Quote] = []
    spans = [(q.start, q.end) for q in double]
    for para in block:
        if text.find("\u2018", para.start, para.end) < 0 and text.find("'", para.start, para.end) < 0:
            continue  # no opening mark: nothing to scan
        open_at: int | None = None
        for match in _SINGLE.finditer(text, para.start, para.end):
            pos = match.start()
            if any(s <= pos < e for s, e in spans):
                continue
            char = match.group(0)
            opener = match.group("open") is not None
            if open_at is None:
                if opener:
                    open_at = pos
                continue
            if opener and char == "\u2018":
                open_at = pos  # a new opening mark: the first was not a quote
                continue
            if not opener:
                body = text[open_at + 1 : pos].strip()
                if body and pos + 1 - open_at <= _MAX_QUOTE and _LETTERS.search(body):
                    found.append(Quote(open_at, pos + 1, body))
                open_at = None
    return found


def _para_end_before(block: Sequence[Paragraph], pos: int) -> int:
    end = block[0].end
    for para in block:
        if para.start >= pos:
            break
        end = para.end
    return end


def _mask(text: str, start: int, end: int, found: Sequence[Quote]) -> str:
    """``text[start:end]`` with each quote's inside blanked (its final .?! kept)."""
    pieces: list[str] = []
    pos = start
    for quote in found:
        pieces.append(text[pos : quote.start + 1])
        inner = text[quote.start + 1 : quote.end - 1]
        tail = inner.rstrip()[-1:] if inner.rstrip()[-1:] in (".", "!", "?") else ""
        pieces.append("x" * (len(inner) - len(tail)) + tail if len(inner) >= len(tail) else inner)
        pieces.append(text[quote.end - 1 : quote.end])
        pos = quote.end
    pieces.append(text[pos:end])
    masked = "".join(pieces)
    assert len(masked) == end - start
    return masked


def _is_abbreviation(masked: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial (Mr., U.S., F.)."""
    begin = dot
    while begin > 0 and (masked[begin - 1].isalnum() or masked[begin - 1] == "."):
        begin -= 1
        if dot - begin > 12:
            break
    word = masked[begin:dot].lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or ("." in word and len(word) <= 6)


def sentences(text: str, block: Sequence[Paragraph], found: Sequence[Quote]) -> list[Sentence]:
    """The sentences of a block; a quote is never split, and paragraphs end sentences."""
    start, end = block[0].start, block[-1].end
    masked = _mask(text, start, end, found)
    cuts: list[int] = []
    spanning = [(q.start, q.end) for q in found if "\n" in text[q.start : q.end]]
    for para in block[1:]:
        if not any(qs < para.start < qe for qs, qe in spanning):
            cuts.append(para.start - start)
    for match in _BOUNDARY.finditer(masked):
        if masked[match.start()] == "." and _is_abbreviation(masked, match.start()):
            continue
        if (
            masked[match.start()] in "!?"
            and masked[match.start() + 1 : match.start() + 2] in ('"', "\u201d", "\u2019", "'")
            and _ATTRIBUTION_AFTER.match(masked, match.end() - 1)
        ):
            continue
        cuts.append(match.end())
    spans: list[tuple[int, int]] = []
    last = 0
    for cut in sorted(set(cuts)):
        spans.append((last, cut))
        last = cut
    spans.append((last, len(masked)))
    result: list[Sentence] = []
    next_quote = 0  # quotes and sentences are both in text order: one pass assigns them
    for s, e in spans:
        piece = text[start + s : start + e]
        stripped_start = start + s + (len(piece) - len(piece.lstrip()))
        stripped_end = start + s + len(piece.rstrip())
        while next_quote < len(found) and found[next_quote].start < stripped_start:
            next_quote += 1
        if stripped_end <= stripped_start:
            continue
        first = next_quote
        while next_quote < len(found) and found[next_quote].start < stripped_end:
            next_quote += 1
        result.append(Sentence(stripped_start, stripped_end, tuple(found[first:next_quote])))
    return result


#: A word of the text: a match of the tokenizer (``start()``, ``end()``, ``group()``).
Word = re.Match[str]


def words(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]``, as tokenizer matches (cheap: no object per word)."""
    return list(_TOKEN.finditer(text, start, end))


def tokens(
    text: str, sentence: Sentence, found_words: Sequence[Word] | None = None, texts: Sequence[str] | None = None
) -> list[Token]:
    """Word tokens of a sentence; each quote is one token standing for the passage.

    :param found_words: the sentence's :func:`words`, if already computed.
    :param texts: their strings, if already computed (typographic apostrophes may be straightened).
    """
    if found_words is None:
        found_words = words(text, sentence.start, sentence.end)
    if texts is None:
        texts = [w.group() for w in found_words]
    found = sentence.quotes
    new = tuple.__new__
    if not found:
        return [new(Token, (w.start(), w.end(), t, None)) for w, t in zip(found_words, texts, strict=True)]
    result: list[Token] = []
    index = 0
    for word, word_text in zip(found_words, texts, strict=True):
        start = word.start()
        while index < len(found) and start >= found[index].end:
            index += 1
        if index < len(found) and start >= found[index].start:
            if not (result and result[-1].quote == index):
                result.append(Token(found[index].start, found[index].end, "\u201cQUOTE\u201d", index))
            continue
        result.append(new(Token, (start, word.end(), word_text, None)))
    return result
