"""Assembling the report: the sections from the hook, the shared helpers, the page template.

:func:`render_report` asks :func:`mideast_model_report.report_sections` for every
registered section (the built-in ones come through the same hook), calls each with the
dataset and a context, and lays the results out in one page. The context is a mapping:

``format``
    ``"html"`` or ``"markdown"``: the key of the rendering the host will use (a section
    may return both).
``report``
    the :class:`Report` of this run: analyses run once and cached, labels for ids,
    links to the anchors of claims, sources and events, the Jinja2 environments and the
    size limits for large datasets.

A section that raises, or whose analysis is not installed, is replaced by a short notice;
the rest of the report is still written.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model_report.escape import MdSafe, anchor_slug, md_escape, md_finalize, md_url, safe_url, shorten

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from mideast_model.dataset import Dataset
    from mideast_model.model import Claim
    from mideast_model_report.hookspecs import ReportSection

__all__ = ["FORMATS", "Limits", "Report", "SectionUnavailable", "nothing_to_report", "page_script", "render_report"]

FORMATS = ("html", "markdown")


class SectionUnavailable(Exception):
    """Raised by a section that cannot be shown (its analysis is not installed); the message is the notice."""


@attrs.frozen
class Limits:
    """How much a section lists before it aggregates (datasets of 10^5 events).

    :param dyads: dyads drawn in a chart.
    :param rows: rows of a ranked table (contradictions, chains, single-source claims).
    :param events: events drawn one by one and listed; above it the timeline counts per month.
    :param claims: statements listed in full, besides every statement another section cites.
    """

    dyads: int = 10
    rows: int = 40
    events: int = 250
    claims: int = 400


@attrs.frozen
class Rendered:
    """One section as laid out on the page."""

    name: str
    title: str
    anchor: str
    body: str
    notice: str | None = None


def _env(fmt: str) -> jinja2.Environment:
    import jinja2

    if fmt == "html":
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("mideast_model_report", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    else:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("mideast_model_report", "templates"),
            autoescape=False,
            finalize=md_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    env.filters["shorten"] = shorten
    env.filters["num"] = _num
    env.filters["pct"] = _pct
    env.filters["when"] = human_when
    return env


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_when(edtf: Any) -> str:
    """An EDTF span for a reader: "11 Mar 2020", "Mar 2020", "May–Aug 2019 (approx.)", "2018–2019"."""
    from mideast_model.model import TimeSpan

    text = str(getattr(edtf, "edtf", edtf) or "")
    try:
        span = TimeSpan(text)
    except ValueError:
        return text
    parts = text.split("/") if "/" in text else [text]

    def one(part: str) -> str:
        bare = part.strip("~?%")
        if bare in ("", ".."):
            return "…"
        try:
            sub = TimeSpan(bare)
        except ValueError:
            return part
        low = sub.earliest
        if sub.precision == "day":
            return f"{low.day} {_MONTHS[low.month - 1]} {low.year}"
        if sub.precision == "month":
            return f"{_MONTHS[low.month - 1]} {low.year}"
        return bare

    shown = " – ".join(one(p) for p in parts)
    if span.approximate:
        shown += " (approx.)"
    if span.uncertain:
        shown += " (uncertain)"
    return shown


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * float(value):.0f}%"


_PREDICATE_WORDS = {
    "occurred": "happened",
    "responsible_for": "is responsible for",
    "ordered": "ordered",
    "targeted": "targeted",
    "hostile_to": "is hostile to",
    "allied_with": "is allied with",
    "part_of": "is part of",
    "member_of": "is a member of",
}


class Report:
    """The state of one report run, handed to every section as ``context["report"]``."""

    def __init__(self, dataset: Dataset, fmt: str, *, limits: Limits | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"report format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        self.dataset = dataset
        self.format = fmt
        self.limits = limits or Limits()
        self.env = _env(fmt)
        self.anchors: dict[str, str] = {}
        """Object id → anchor defined so far on the page (sources, events)."""
        self.mentioned: dict[str, None] = {}
        """Claim ids cited by a section, in order: the statements section lists them all."""
        self._cache: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}
        self._source_labels: dict[str, str] | None = None
        self._naming = 0
        # Links wait for the whole page: (object id, text) per token; the nonce keeps dataset
        # text from forging a token (it is random, and every token is replaced before output).
        import secrets

        self._nonce = secrets.token_hex(12)
        self._pending: list[tuple[str, str]] = []

    # -- analyses -------------------------------------------------------------------------

    def analysis(self, name: str, **params: Any) -> Any:
        """The JSON of the registered analysis ``name`` on the dataset, run once per report.

        Raises :class:`SectionUnavailable` when no analysis of that name is installed.
        """
        from mideast_model.errors import UnknownNameError
        from mideast_model.plugins import get_analysis

        key = (name, tuple(sorted(params.items())))
        if key not in self._cache:
            try:
                analysis = get_analysis(name)
            except UnknownNameError:
                hint = " (pip install mideast-model-dynamics)" if name in ("network", "hawkes") else ""
                raise SectionUnavailable(f"The {name} analysis is not installed{hint}.") from None
            defaults = {p.name: p.default for p in analysis.params}
            wanted = {k: v for k, v in params.items() if k in defaults}
            self._cache[key] = analysis.run(self.dataset, **{**defaults, **wanted}).to_json()
        return self._cache[key]

    def memo(self, name: str, make: Callable[[], Any]) -> Any:
        """``make()`` computed once per report under ``name`` (shared between sections)."""
        key = ("memo:" + name, ())
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # -- names and links ------------------------------------------------------------------

    def label(self, object_id: str | None, limit: int = 90) -> str:
        """A short human name for an object id (plain, untrusted text)."""
        if object_id is None:
            return ""
        ds = self.dataset
        if (actor := ds.actors.get(object_id)) is not None:
            return shorten(actor.name, limit)
        if (event := ds.events.get(object_id)) is not None:
            return shorten(event.title, limit)
        if object_id in ds.sources:
            return shorten(self.source_labels()[object_id], limit)
        if (claim := ds.claims.get(object_id)) is not None:
            # A claim about a claim is named by its words once; deeper nesting by its id (no cycles).
            if self._naming >= 2:
                return shorten(f"statement {claim.id}", limit)
            self._naming += 1
            try:
                return shorten(self.claim_text(claim), limit)
            finally:
                self._naming -= 1
        if (relation := ds.relations.get(object_id)) is not None:
            return shorten(
                f"{self.label(relation.subject)} {relation.predicate.value.replace('_', ' ')} "
                f"{self.label(relation.object)}",
                limit,
            )
        return shorten(object_id, limit)

    def short_label(self, object_id: str | None, limit: int = 26) -> str:
        """A name that fits in ``limit`` characters: an actor's name, else its shortest capitalised alias that fits."""
        actor = self.dataset.actors.get(object_id) if object_id else None
        if actor is None or len(actor.name) <= limit:
            return self.label(object_id, limit)
        fitting = [a for a in actor.aliases if 3 <= len(a) <= limit and a[:1].isupper() and not a.isupper()]
        fitting += [a for a in actor.aliases if 2 <= len(a) <= limit and a.isupper()]
        return shorten(min(fitting, key=lambda a: (-len(a), a)) if fitting else actor.name, limit)

    def source_labels(self) -> dict[str, str]:
        """A short name per source: its publisher when no other source shares it, else more."""
        if self._source_labels is None:
            from collections import Counter

            sources = self.dataset.sources.values()
            speaking = {c.source for c in self.dataset.claims.values()}
            by_publisher = Counter(s.publisher for s in sources if s.publisher)
            speaking_by_publisher = Counter(s.publisher for s in sources if s.publisher and s.id in speaking)
            dated = Counter((s.publisher, s.published.edtf if s.published else None) for s in sources if s.publisher)
            labels = {}
            for s in sources:
                when = s.published.edtf if s.published else None
                if s.publisher and (
                    by_publisher[s.publisher] == 1 or (s.id in speaking and speaking_by_publisher[s.publisher] == 1)
                ):
                    labels[s.id] = s.publisher
                elif s.publisher and when and s.id in speaking and dated[(s.publisher, when)] == 1:
                    labels[s.id] = f"{s.publisher}, {when}"
                else:
                    labels[s.id] = shorten(s.title, 60)
            self._source_labels = labels
        return self._source_labels

    def claim_text(self, claim: Claim) -> str:
        """What a claim says, in words: "Kataib Hezbollah is responsible for Camp Taji attack"."""
        subject = self.label(claim.subject, 80)
        predicate = claim.predicate.value
        verb = _PREDICATE_WORDS.get(predicate, predicate.replace("_", " "))
        value = claim.value
        if predicate == "count" and value is not None and value.count is not None:
            count = value.count
            number = count.text or (
                str(count.low)
                if count.high == count.low
                else f"{count.low}–{count.high if count.high is not None else '…'}"
            )
            text = f"{subject}: {claim.attribute or 'count'} {number}"
        elif predicate == "date" and value is not None and value.when is not None:
            text = f"{subject} happened on {value.when.edtf}"
        elif value is not None and value.text is not None:
            what = f" {claim.attribute}" if claim.attribute and predicate not in ("method", "states") else ""
            obj = f" {self.label(claim.object, 50)}" if claim.object else ""
            text = f"{subject} {verb}{obj}{what}: {value.text}" if predicate != "states" else f"{subject}: {value.text}"
        else:
            obj = f" {self.label(claim.object, 60)}" if claim.object else ""
            text = f"{subject} {verb}{obj}"
        stance = claim.stance.value
        if stance == "denies":
            text = f"not so: {text}"
        elif stance == "hedges":
            text = f"perhaps: {text}"
        return text

    def humanise(self, text: str, limit: int = 200) -> str:
        """``text`` (an analysis' one-line reason) with every dataset id in it replaced by its label."""
        import re

        def swap(match: re.Match[str]) -> str:
            token = match.group(0)
            core = token.rstrip(".,;:)")
            tail = token[len(core) :]
            return self.label(core, 70) + tail if core in self.dataset else token

        return shorten(re.sub(r"[^\s,;()]+:[^\s,;()]+", swap, text), limit)

    def proposition_text(self, proposition: Iterable[Any]) -> str:
        """A proposition ``[subject, predicate, object, attribute, content]`` in words."""
        parts = list(proposition) + [None] * 5
        subject, predicate, obj, attribute, content = parts[:5]
        verb = _PREDICATE_WORDS.get(str(predicate), str(predicate or "").replace("_", " "))
        text = f"{self.label(subject, 70)} {verb}"
        if obj is not None:
            text += f" {self.label(obj, 70)}"
        if attribute is not None:
            text += f" ({attribute})"
        if content is not None:
            text += f": {content}"
        return shorten(text, 160)

    def define(self, object_id: str, prefix: str) -> str:
        """Declare that this page holds an anchor for ``object_id``; return the anchor."""
        anchor = self.anchors.get(object_id)
        if anchor is None:
            anchor = self.anchors[object_id] = anchor_slug(prefix, object_id)
        return anchor

    def target(self, object_id: str, prefix: str) -> str:
        """Define the anchor of ``object_id`` here: the id for an HTML attribute, or a Markdown ``<a id>``."""
        anchor = self.define(object_id, prefix)
        return anchor if self.format == "html" else MdSafe(f'<a id="{anchor}"></a>')

    def link(self, object_id: str | None, text: str | None = None, *, limit: int = 90) -> Markup | MdSafe:
        """A link to the object's anchor on this page, or plain text if the page has none.

        ``text`` defaults to :meth:`label`; it is escaped for the report's format. The link
        is resolved when the whole page is laid out (:meth:`resolve`), so a section may link
        to an anchor a later section defines; a cited claim is listed under Statements.
        """
        if object_id is None:
            return self.text("")
        shown = self.label(object_id, limit) if text is None else shorten(text, limit)
        if object_id in self.dataset.claims:
            self.mentioned.setdefault(object_id, None)
        self._pending.append((object_id, shown))
        token = f"mmr{self._nonce}x{len(self._pending) - 1}x"
        if self.format == "html":
            from markupsafe import Markup

            return Markup(token)  # letters and digits only
        return MdSafe(token)

    def resolve(self, page: str) -> str:
        """Replace every pending link in ``page`` by a link to its anchor, or by its text if there is none."""
        import re

        from markupsafe import Markup, escape

        def swap(match: re.Match[str]) -> str:
            object_id, shown = self._pending[int(match.group(1))]
            anchor = self.anchors.get(object_id)
            if self.format == "html":
                return str(Markup('<a href="#{}">{}</a>').format(anchor, shown) if anchor else escape(shown))
            return f"[{md_escape(shown)}](#{anchor})" if anchor else md_escape(shown)

        return re.sub(rf"mmr{self._nonce}x(\d+)x", swap, page)

    def claim_ref(self, claim_id: str) -> Markup | MdSafe:
        """A short link to a claim: its source's name, to be read as "according to …"."""
        claim = self.dataset.claims.get(claim_id)
        text = self.label(claim.source, 40) if claim is not None else claim_id
        return self.link(claim_id, text)

    def url(self, url: str | None, text: str | None = None) -> Markup | MdSafe:
        """An external link when ``url`` is plain http(s); otherwise the URL as inert text."""
        if url is None:
            return self.text("")
        shown = shorten(text or url, 80)
        good = safe_url(url)
        if good is None:  # not http(s): the text (or the URL itself) as inert text
            return self.text(shown)
        if self.format == "html":
            from markupsafe import Markup

            return Markup('<a href="{}" rel="noopener noreferrer nofollow" class="ext">{}</a>').format(good, shown)
        return MdSafe(f"[{md_escape(shown)}]({md_url(good)})")

    def text(self, text: str) -> Markup | MdSafe:
        """``text`` escaped for the report's format (for values built outside a template)."""
        if self.format == "html":
            from markupsafe import escape

            return escape(text)
        return MdSafe(md_escape(text))

    # -- templates ------------------------------------------------------------------------

    def template(self, name: str, **values: Any) -> str:
        """Render ``sections/<name>.html.j2`` or ``.md.j2`` (by the report's format) with ``values``."""
        ext = "html" if self.format == "html" else "md"
        return self.env.get_template(f"sections/{name}.{ext}.j2").render(report=self, **values)

    def section(self, name: str, **values: Any) -> dict[str, str]:
        """A section's result mapping for this run's format."""
        return {self.format: self.template(name, **values)}


def _date_range(dataset: Dataset) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event may fall on (open ends left out); one pass, no list."""
    low_open, high_open = dt.date.min, dt.date.max
    first, last = high_open, low_open
    for event in dataset.events.values():
        when = event.when
        for day in (when.earliest, when.latest):
            if day != low_open and day != high_open:
                first = min(first, day)
                last = max(last, day)
    return (first, last) if first <= last else None


def _notice(exc: BaseException) -> str:
    if isinstance(exc, SectionUnavailable):
        return str(exc)
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"This section could not be produced ({type(exc).__name__}{': ' + message if message else ''})."


def render_sections(report: Report, sections: Iterable[ReportSection]) -> list[Rendered]:
    """Call each section in order; a failing one becomes a notice (also printed on stderr)."""
    out: list[Rendered] = []
    context: Mapping[str, Any] = {"format": report.format, "report": report}
    for section in sections:
        anchor = anchor_slug("section", section.name)
        defined = dict(report.anchors)
        try:
            result = section.render(report.dataset, context)
        except Exception as exc:
            report.anchors = defined  # anchors of a failed section are not on the page
            notice = _notice(exc)
            if not isinstance(exc, SectionUnavailable):
                print(f"mideast-model report: section {section.name!r}: {notice}", file=sys.stderr)
            out.append(Rendered(section.name, section.title, anchor, "", notice))
            continue
        body = None if result is None else result.get(report.format)
        if body is None:
            report.anchors = defined
        if result is None:
            continue
        if body is None:
            out.append(
                Rendered(section.name, section.title, anchor, "", f"This section has no {report.format} rendering.")
            )
            continue
        out.append(Rendered(section.name, section.title, anchor, body))
    return out


def render_report(
    dataset: Dataset,
    fmt: str = "html",
    *,
    title: str | None = None,
    limits: Limits | None = None,
    sections: Iterable[ReportSection] | None = None,
) -> str:
    """The briefing report of ``dataset`` as one HTML page or one Markdown document.

    :param sections: the sections to render (default: every registered one, in order).

    The cyclic garbage collector is paused while the report is built (as the analyses do,
    :func:`mideast_model.analyses.common.gc_paused`): on 10^5 events its collections walk
    the whole dataset again and again, about a sixth of the report's time.
    """
    from mideast_model.analyses.common import gc_paused

    return gc_paused(_render_report)(dataset, fmt, title=title, limits=limits, sections=sections)


def _render_report(
    dataset: Dataset,
    fmt: str,
    *,
    title: str | None,
    limits: Limits | None,
    sections: Iterable[ReportSection] | None,
) -> str:
    from markupsafe import Markup

    from mideast_model_report.hookspecs import report_sections

    nothing = nothing_to_report(dataset)
    if nothing is not None:
        from mideast_model.errors import InvalidInputError

        raise InvalidInputError(nothing)
    report = Report(dataset, fmt, limits=limits)
    chosen = list(report_sections() if sections is None else sections)
    rendered = render_sections(report, chosen)
    span = report.memo("date_range", lambda: _date_range(dataset))
    counts = dataset.counts()
    values: dict[str, Any] = {
        "title": title or _default_title(dataset),
        "subtitle": _subtitle(counts, span),
        "sections": rendered,
        "counts": counts,
        "span": span,
    }
    if fmt == "html":
        values["sections"] = [attrs.evolve(r, body=Markup(wrap_tables(r.body))) for r in rendered]
        script, digest = page_script()
        values["script"] = Markup(script)
        values["script_hash"] = digest
        return report.resolve(report.env.get_template("report.html.j2").render(report=report, **values))
    values["sections"] = [attrs.evolve(r, body=MdSafe(r.body), anchor=MdSafe(r.anchor)) for r in rendered]
    values["md_anchor"] = lambda anchor: MdSafe(f'<a id="{anchor}"></a>')
    return report.resolve(report.env.get_template("report.md.j2").render(report=report, **values))


def wrap_tables(body: str) -> str:
    """Every ``<table>`` of a section's HTML in a box that scrolls sideways, so a wide table never widens the page."""
    import re

    return re.sub(r"(<table\b.*?</table>)", r'<div class="table-wrap">\1</div>', body, flags=re.DOTALL)


def nothing_to_report(dataset: Dataset) -> str | None:
    """Why ``dataset`` has nothing to report (no event and no statement), or ``None`` when it has something.

    The report refuses such a dataset with this one line (the CLI exits non-zero) rather
    than writing a page of empty tables.
    """
    if len(dataset.events) == 0 and len(dataset.claims) == 0:
        counts = dataset.counts()
        held = ", ".join(f"{n:,} {k}" for k, n in counts.items() if n) or "nothing"
        return f"nothing to report: the dataset has no events and no statements (it holds {held})"
    return None


def page_script() -> tuple[str, str]:
    """The report's one inline script and its CSP source expression (``'sha256-…'`` without quotes).

    The script opens the collapsed statement cards a link points to and drives the
    statement filters; the page works without it (the filters stay hidden).
    """
    import base64
    import hashlib
    from importlib.resources import files

    text = files("mideast_model_report").joinpath("static/report.js").read_text(encoding="utf-8").strip()
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"sha256-{digest}"


def _default_title(dataset: Dataset) -> str:
    """ "Briefing: A, B and C" after the three actors taking part in the most events."""
    from collections import Counter

    side: Callable[[str], str]
    try:
        from mideast_model.analyses.common import Sides

        side = Sides(dataset).side
    except ImportError:  # pragma: no cover - older core
        side = str

    seen: Counter[str] = Counter()
    for event in dataset.events.values():
        seen.update({side(p.actor) for p in event.participants})
    top = [
        shorten(dataset.actors[a].name, 40)
        for a, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        if a in dataset.actors
    ]
    if not top:
        return "Briefing report"
    names = top[0] if len(top) == 1 else ", ".join(top[:-1]) + " and " + top[-1]
    return f"Briefing: {names}"


def _subtitle(counts: Mapping[str, int], span: tuple[dt.date, dt.date] | None) -> str:
    parts = [f"{counts.get(k, 0):,} {k}" for k in ("sources", "events", "claims", "actors", "relations")]
    when = f"{span[0].isoformat()} to {span[1].isoformat()}" if span else "no dated events"
    return f"{when} · " + " · ".join(parts)


def write(fmt_default: str = "html") -> Callable[[Dataset, Any, Any], None]:
    """The exporter's write function: ``context.options["format"]`` picks HTML or Markdown."""

    def _write(dataset: Dataset, target: Any, context: Any) -> None:
        options = getattr(context, "options", {}) or {}
        fmt = options.get("format")
        if fmt is None:
            suffix = getattr(context, "suffix", "")
            fmt = "markdown" if suffix in (".md", ".markdown") else fmt_default
        if fmt == "md":
            fmt = "markdown"
        if fmt not in FORMATS:
            from mideast_model.errors import InvalidInputError

            raise InvalidInputError(f"report format must be html or markdown, got {fmt!r}")
        text = render_report(dataset, fmt, title=options.get("title"))
        target.write(text.encode("utf-8"))

    return _write
