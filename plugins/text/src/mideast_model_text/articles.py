"""Article headers: bylines, "Originally published in" lines and outlet-prefixed titles.

A file may hold several articles. Each article begins at its title and is recognised
by a header line near it: a byline ("By Mark Mazzetti and Eric Schmitt, March 27,
2020"), a reprint line ("Originally published in Foreign Policy, 18 MARCH 2020") or a
dateline ("Published: March 27, 2020"). An outlet before the title ("NY Times: …",
"The PROGRESSIVE: …", "CRISIS GROUP: …") names the publisher.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs

from mideast_model.model import Actor, ActorKind, SourceKind
from mideast_model_text.actors import ActorResolver, Gazetteer
from mideast_model_text.dates import find_dates, normalise_date
from mideast_model_text.segment import Paragraph

__all__ = ["Article", "split_articles"]

_MAX_HEADER = 240
_BYLINE = re.compile(r"^(?:By|BY|by)[ \t\u00a0]+(?=[A-Z])")
_REPRINT = re.compile(
    r"^(?:Originally|First)[ \t\u00a0]+(?:published|appeared|ran)[ \t\u00a0]+(?:in|on|by)[ \t\u00a0]+(?=[A-Z])"
)
_DATELINE = re.compile(r"^(?:Published|Posted|Updated|Date)(?:[ \t\u00a0]+on)?:?[ \t\u00a0]+(?=\d|[A-Z])")
_OUTLET_TITLE = re.compile(r"^(?P<outlet>[A-Z][^:\n]{1,38}):[ \t\u00a0]+(?P<title>\S.{3,300})$")
_SPLIT_AUTHORS = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
_BOILERPLATE = re.compile(
    r"^(?:Press \W?Enter\W? to skip|Be First to Comment|Leave a Reply|Your email address will not be published"
    r"|Sign up for|Share this|Related:|Advertisement$|Skip to content)",
    re.IGNORECASE,
)
_SPEAKER_HEADS = frozenset(
    ["PM", "FM", "MP", "President", "Minister", "Ministry", "Army", "Military", "Leader", "Chief"]
)
_PUBLISHER_KINDS = {
    ActorKind.NGO: SourceKind.ANALYSIS,
    ActorKind.THINK_TANK: SourceKind.ANALYSIS,
    ActorKind.IGO: SourceKind.ANALYSIS,
    ActorKind.GOVERNMENT_BODY: SourceKind.OFFICIAL_STATEMENT,
}


@attrs.define
class Article:
    """One article found in the text: its paragraphs (indexes) and its metadata."""

    first: int
    """Index of the article's first paragraph (its title, or its header)."""
    header: int
    """Index of the header line (byline, reprint or dateline), or -1."""
    last: int = -1
    """Index one past the article's last paragraph."""
    title: str = "Untitled article"
    publisher: str | None = None
    publisher_actor: Actor | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    reprinted_from: str | None = None
    description: str | None = None
    skip: set[int] = attrs.field(factory=set)
    """Paragraph indexes that are metadata or boilerplate, not prose."""

    @property
    def kind(self) -> SourceKind:
        """News report by default; analysis for a think tank's or an NGO's piece."""
        if self.publisher_actor is not None:
            return _PUBLISHER_KINDS.get(self.publisher_actor.kind, SourceKind.NEWS_REPORT)
        return SourceKind.NEWS_REPORT


def _date_at_end(line: str) -> tuple[int, dt.date] | None:
    """The start offset and day of a full date ending ``line`` ("March 27, 2020")."""
    last = None
    for start, end, expression in find_dates(line):
        if line[end:].strip(" \t.,;|") == "":
            last = (start, expression)
    if last is None:
        return None
    edtf = normalise_date(last[1], dt.date(2000, 1, 1))
    if edtf is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", edtf):
        return None
    return last[0], dt.date.fromisoformat(edtf)


def _header(line: str) -> tuple[str, dict[str, object]] | None:
    """Classify a short line as a header: ("byline"|"reprint"|"dateline", fields)."""
    if len(line) > _MAX_HEADER or "\n" in line.strip():
        return None
    dated = _date_at_end(line)
    match = _BYLINE.match(line)
    if match:
        names = line[match.end() : dated[0] if dated else len(line)].strip(" \t,;|-–—")
        authors = tuple(" ".join(a.split()) for a in _SPLIT_AUTHORS.split(names) if a.strip())
        if not authors or any(len(a.split()) > 6 or not a[:1].isupper() for a in authors):
            return None
        return "byline", {"authors": authors, "published": dated[1] if dated else None}
    match = _REPRINT.match(line)
    if match and dated:
        outlet = re.sub(r"(?:[ \t\u00a0]+on)?[ \t\u00a0,;|–—-]*$", "", line[match.end() : dated[0]])
        if 2 <= len(outlet) <= 80:
            return "reprint", {"outlet": outlet, "published": dated[1]}
    match = _DATELINE.match(line)
    if match and dated and dated[0] == match.end():
        return "dateline", {"published": dated[1]}
    return None


def _outlet(line: str, resolver: ActorResolver) -> tuple[str, Actor | None, str] | None:
    """``(outlet, its actor, title)`` for a line "OUTLET: Title", or ``None``."""
    match = _OUTLET_TITLE.match(line)
    if match is None or len(line) > 320:
        return None
    outlet = match.group("outlet").strip()
    actor = resolver.hook(outlet)
    if actor is not None and actor.kind in (
        ActorKind.MEDIA,
        ActorKind.NGO,
        ActorKind.THINK_TANK,
        ActorKind.COMPANY,
        ActorKind.IGO,
    ):
        return actor.name, actor, " ".join(match.group("title").split())
    words = outlet.split()
    if words[-1] in _SPEAKER_HEADS:
        return None  # "Iraq's PM: …" is a headline attribution, not an outlet
    known = " ".join(words).casefold() in Gazetteer.load().outlets
    shouting = all(w[:1].isupper() for w in words) and any(w.isupper() and len(w) > 1 for w in words)
    if len(words) <= 4 and (known or shouting):
        return " ".join(words), None, " ".join(match.group("title").split())
    return None


def split_articles(text: str, paras: Sequence[Paragraph], resolver: ActorResolver) -> list[Article]:
    """The articles of a file, each with its title, publisher, authors and date.

    With no header line at all, the whole text is one article titled by its first
    short line.
    """
    lines = [text[p.start : p.end] for p in paras]
    articles: list[Article] = []
    boundary = 0  # no article may begin before this paragraph
    for index, line in enumerate(lines):
        header = _header(line)
        if header is None:
            continue
        kind, fields = header
        current = articles[-1] if articles else None
        if current is not None and index - current.header <= 2 and kind in ("reprint", "dateline"):
            # A second header line of the same article.
            _apply(current, kind, fields, index, resolver)
            continue
        article = Article(first=index, header=index)
        _apply(article, kind, fields, index, resolver)
        # The title: an "OUTLET: Title" line up to three paragraphs back, else the line before.
        for back in range(index - 1, max(boundary, index - 4) - 1, -1):
            found = _outlet(lines[back], resolver)
            if found is not None:
                article.publisher, article.publisher_actor, article.title = found
                article.first = back
                break
        else:
            back = index - 1
            while back >= boundary and (len(lines[back]) > 200 or _BOILERPLATE.match(lines[back])):
                back -= 1
            if back >= boundary:
                article.title = " ".join(lines[back].split())
                article.first = back
        between = [lines[i] for i in range(article.first + 1, index)]
        if between:
            article.description = " ".join(between)[:1000]
        if current is not None:
            current.last = article.first
        articles.append(article)
        boundary = index + 1
    if not articles:
        first = next((i for i, line in enumerate(lines) if not _BOILERPLATE.match(line)), 0)
        title = lines[first].strip() if lines else "Untitled article"
        article = Article(first=0, header=-1, title=title[:200] if len(title) <= 200 else title[:197] + "…")
        articles.append(article)
    articles[-1].last = len(lines)
    for article in articles:
        for i in range(article.first, article.last):
            if _BOILERPLATE.match(lines[i]):
                article.skip.add(i)
    return articles


def _apply(article: Article, kind: str, fields: dict[str, object], index: int, resolver: ActorResolver) -> None:
    article.skip.add(index)
    published = fields.get("published")
    if isinstance(published, dt.date) and article.published is None:
        article.published = published
    if kind == "byline":
        authors = fields["authors"]
        assert isinstance(authors, tuple)
        article.authors = authors
    elif kind == "reprint":
        outlet = str(fields["outlet"])
        actor = resolver.hook(outlet)
        article.reprinted_from = actor.name if actor is not None else outlet
