"""The first screen: the story of the period, each line linked to its evidence.

Four blocks an analyst can brief from: what happened (the numbered key events and
their turning points, the action–reaction chain), who blames whom (attributions of
responsibility, orders and control, with who says so and how firmly), where the sources
really disagree (cross-source contradictions and disputed attributions), and what is
uncertain (acts no one is named for, hedged figures, dates known only roughly). Every
line links to the statement cards it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markupsafe import Markup

    from mideast_model.dataset import Dataset
    from mideast_model.model import Claim
    from mideast_model_report.builder import Report
    from mideast_model_report.escape import MdSafe
    from mideast_model_report.story import Story

    Part = Markup | MdSafe | str

#: Lines per block.
BLAME_LINES = 4
DISAGREE_LINES = 3
UNCERTAIN_LINES = 4
_STANCE_WORDS = {"asserts": "said by", "hedges": "hedged by", "denies": "denied by"}


def _voice(report: Report, claim: Claim) -> str:
    source = report.source_labels().get(claim.source, claim.source)
    if claim.speaker:
        return f"{report.label(claim.speaker, 40)} in {source}"
    return source


def _what_happened(report: Report, s: Story) -> list[dict[str, Any]]:
    from mideast_model_report.builder import human_when
    from mideast_model_report.sections.escalation import lane_label
    from mideast_model_report.story import UNATTRIBUTED, blamed, reporting

    out = []
    for k in s.key_events:
        event = report.dataset.events[k.event]
        out.append(
            {
                "number": k.number,
                "when": human_when(event.when),
                "event": report.link(k.event, limit=90),
                "who": "; ".join(lane_label(report, d, 30) for d in k.dyads[:2]),
                "why": k.why,
                "sources": reporting(report, k.event),
                "blamed": blamed(report, k.event) if k.dyads and k.dyads[0][0] == UNATTRIBUTED else [],
            }
        )
    return out


def _chain(report: Report, s: Story) -> list[Part]:
    from mideast_model_report.builder import human_when

    if not s.chains:
        return []
    chain = s.chains[0]
    actions = chain.get("actions", [])
    delays = chain.get("delays", [])
    links = chain.get("links", [])
    parts: list[Part] = []
    for i, action in enumerate(actions):
        if i:
            delay = delays[i - 1] if i - 1 < len(delays) else None
            if i - 1 < len(links) and links[i - 1] == "possible":
                parts.append(" → possibly answered by (dates known only roughly): ")
            else:
                parts.append(f" → {delay} day{'' if delay == 1 else 's'} later: " if delay is not None else " → ")
        number = s.number_of(action["event"])
        event = report.dataset.events.get(action["event"])
        if not i and event is not None:
            parts.append(f"{human_when(event.when)}: ")
        parts.append(f"({number}) " if number else "")
        parts.append(report.link(action["event"], limit=90))
    if len(s.chains) > 1:
        parts.append(f" ({len(s.chains) - 1} more chain{'' if len(s.chains) == 2 else 's'} in section 3)")
    return parts


def _blame(report: Report, s: Story) -> list[list[Part]]:
    from mideast_model_report.builder import _PREDICATE_WORDS
    from mideast_model_report.story import BLAME

    dataset = report.dataset
    key_ids = {k.event for k in s.key_events}
    window = s.window
    groups: dict[tuple[str, str, str | None], list[Claim]] = {}
    for claim in dataset.claims.values():
        if claim.predicate.value in BLAME:
            groups.setdefault((claim.subject, claim.predicate.value, claim.object), []).append(claim)

    def priority(key: tuple[str, str, str | None]) -> tuple[int, int, int, str]:
        subject, predicate, obj = key
        claims = groups[key]
        stances = {c.stance.value for c in claims}
        event = dataset.events.get(obj) if obj else None
        in_window = (
            event is not None
            and window is not None
            and event.when.earliest <= window.end
            and event.when.latest >= window.start
        )
        rank = 0 if (obj in key_ids or len(stances) > 1) else (1 if predicate in ("controls", "ordered") else 2)
        if rank == 2 and not in_window:
            rank = 3
        return (rank, -len({c.source for c in claims}), -len(claims), f"{subject}{obj}")

    lines = []
    for key in sorted(groups, key=priority)[:BLAME_LINES]:
        subject, predicate, obj = key
        verb = _PREDICATE_WORDS.get(predicate, predicate.replace("_", " "))
        parts: list[Part] = [f"{report.label(subject, 40)} {verb} "]
        parts.append(report.link(obj, limit=70) if obj else "")
        parts.append(": ")
        by_stance: dict[str, dict[str, Claim]] = {}
        for claim in sorted(groups[key], key=lambda c: c.id):
            by_stance.setdefault(claim.stance.value, {}).setdefault(_voice(report, claim), claim)
        first = True
        for stance in ("asserts", "hedges", "denies"):
            voices = by_stance.get(stance)
            if not voices:
                continue
            parts.append("" if first else "; ")
            first = False
            parts.append(f"{_STANCE_WORDS[stance]} ")
            for i, (voice, claim) in enumerate(voices.items()):
                parts.append(", " if i else "")
                parts.append(report.link(claim.id, voice, limit=60))
        parts.append(".")
        lines.append(parts)
    return lines


def _aggregate(report: Report, s: Story) -> list[Part]:
    """For a large dataset: the busiest months and the top dyads of the window, instead of a list."""
    from collections import Counter

    from mideast_model_report.aggregate import top_counts
    from mideast_model_report.sections.escalation import lane_label
    from mideast_model_report.story import monthly

    if len(report.dataset.events) <= report.limits.events or s.window is None:
        return []
    counts = monthly(report).window(s.window.start, s.window.end)
    months = sorted(((m, counts.total(i)) for i, m in enumerate(counts.months)), key=lambda kv: (-kv[1], kv[0]))[:3]
    per_dyad: Counter[str] = Counter()
    names: dict[str, tuple[str, str | None]] = {}
    for dyad in s.primary_of.values():
        key = f"{dyad[0]}|{dyad[1]}"
        names[key] = dyad
        per_dyad[key] += 1
    top = top_counts(per_dyad, 3)
    parts: list[Part] = [
        "Too many events to tell one by one; busiest months: ",
        ", ".join(f"{m} ({n:,.0f})" for m, n in months),
        "; top dyads: ",
        ", ".join(f"{lane_label(report, names[k], 24)} ({n:,})" for k, n in top),
        " (",
        section_link(report, "timeline", "counts by month and dyad"),
        ").",
    ]
    return parts


def _per_source(report: Report) -> list[list[Part]]:
    """Per source (most prolific first): whom it blames in its own voice, whom the voices it quotes blame, its course.

    A source's stance comes from its own sentences only; what an official it quotes says
    ("You don't get to kill or wound Americans and get away with it," Esper on Kataib
    Hezbollah) is shown as "reports Esper blaming Kataib Hezbollah", never as the source's view.
    """
    from mideast_model_report.sections.perspectives import blamed_most

    try:
        profiles = report.analysis("perspectives").get("profiles", [])
    except Exception:
        return []
    lines = []
    for profile in sorted(profiles, key=lambda p: (-p.get("claims", 0), p.get("source", "")))[:4]:
        who = blamed_most(report, profile)
        reasons = sorted(profile.get("blame_reasons", []), key=lambda r: (-r.get("weight", 0), r.get("claim", "")))
        own = [r for r in reasons if r.get("voice") == "own" and r.get("claim")]
        quoted = [r for r in reasons if r.get("voice") not in (None, "own") and r.get("claim")]
        summary = profile.get("course_summary") or profile.get("leading_course") or ""
        if not (who or own or quoted or summary):
            continue
        parts: list[Part] = [report.link(profile["source"]), ": "]
        if who:
            camp = profile.get("blamed_most")
            lead = next((r for r in own if r.get("camp") in (camp, *profile.get("blamed_pair", ()))), None)
            parts.append("in its own voice blames ")
            parts.append(report.link(lead["claim"], who) if lead else who)
            parts.append("" if camp == "both" else " most")
        elif own:
            parts.append("blames no side in its own voice (in passing: ")
            seen: set[str] = set()
            for r in own:
                if r["camp"] in seen or len(seen) >= 2:
                    continue
                parts.append(", " if seen else "")
                seen.add(r["camp"])
                parts.append(report.link(r["claim"], report.label(r["actor"], 30)))
            parts.append(")")
        else:
            parts.append("blames no side in its own voice")
        pairs: dict[tuple[str, str], dict[str, Any]] = {}
        for r in quoted:
            pairs.setdefault((r["voice"], r.get("camp") or r["actor"]), r)
        if pairs:
            parts.append("; reports ")
            for i, ((voice, _), r) in enumerate(list(pairs.items())[:3]):
                parts.append(", " if i else "")
                text = f"{report.label(voice, 30)} blaming {report.label(r['actor'], 30)}"
                parts.append(report.link(r["claim"], text, limit=80))
            if len(pairs) > 3:
                parts.append(f" and {len(pairs) - 3} more")
        if summary:
            course = report.humanise(summary, 220)
            if summary.startswith("none of its own"):
                parts.append("; no course of its own" + course.removeprefix("none of its own"))
            else:
                parts.append(f"; favours {course}")
        parts.append(".")
        lines.append(parts)
    return lines


def _disagreements(report: Report) -> list[list[Part]]:
    from mideast_model_report.sections.contradictions import KINDS
    from mideast_model_report.story import NOT_DISAGREEMENT, STRONG_KINDS

    try:
        findings = report.analysis("contradictions").get("findings", [])
    except Exception:
        return []
    cross = [f for f in findings if len(set(f.get("sources", []))) >= 2 and f.get("kind", "") not in NOT_DISAGREEMENT]

    def rank(f: dict[str, Any]) -> tuple[int, int, int, str]:
        kind = f.get("kind", "")
        return (
            {"high": 0, "medium": 1, "low": 2}.get(f.get("severity", ""), 3),
            STRONG_KINDS.index(kind) if kind in STRONG_KINDS else len(STRONG_KINDS),
            -len(f.get("sources", [])),
            f.get("reason", ""),
        )

    lines = []
    for f in sorted(cross, key=rank)[:DISAGREE_LINES]:
        kind = f.get("kind", "")
        title = KINDS.get(kind, (kind.replace("_", " ").capitalize() or "Disagreement", ""))[0]
        about = report.humanise(f.get("reason", ""), 150)
        severity = f" ({f['severity']})" if f.get("severity") else ""
        parts: list[Part] = [f"{title}{severity}: {about} — "]
        sides = [list(s) for s in f.get("sides", []) if s] or [[c] for c in f.get("claims", [])]
        for i, side in enumerate(sides[:2]):
            parts.append(" vs " if i else "")
            voices: dict[str, str] = {}
            for claim_id in side:
                claim = report.dataset.claims.get(claim_id)
                if claim is not None:
                    voices.setdefault(_voice(report, claim), claim_id)
            for j, (voice, claim_id) in enumerate(list(voices.items())[:3]):
                parts.append(", " if j else "")
                parts.append(report.link(claim_id, voice, limit=60))
        parts.append(".")
        lines.append(parts)
    return lines


def section_link(report: Report, section: str, text: str) -> Part:
    """A link to a section of the report (its anchor exists in both formats)."""
    from mideast_model_report.escape import MdSafe, anchor_slug, md_escape

    anchor = anchor_slug("section", section)
    if report.format == "html":
        from markupsafe import Markup

        return Markup('<a href="#{}">{}</a>').format(anchor, text)
    return MdSafe(f"[{md_escape(text)}](#{anchor})")


def _uncertain(report: Report, s: Story) -> list[list[Part]]:
    from mideast_model_report.aggregate import precision_of
    from mideast_model_report.story import UNATTRIBUTED

    dataset = report.dataset
    lines: list[list[Part]] = []
    window = s.window
    if window is None:
        return lines
    in_window = [e for e in dataset.events.values() if e.when.earliest <= window.end and e.when.latest >= window.start]
    nameless = sorted(
        (e for e in in_window if s.severity.get(e.id, 0.0) < 0 and any(d[0] == UNATTRIBUTED for d in s.dyads_of[e.id])),
        key=lambda e: (e.when.earliest, e.id),
    )
    from mideast_model_report.story import _attributions

    blamed_for = report.memo("attributions", lambda: _attributions(dataset))
    unblamed = [e for e in nameless if not blamed_for.get(e.id)]
    attributed = [e for e in nameless if blamed_for.get(e.id)]
    for events, lead in (
        (unblamed, "no source names or blames who carried out "),
        (attributed, "who carried out these is known only from others' attributions: "),
    ):
        if not events:
            continue
        parts: list[Part] = [lead]
        for i, event in enumerate(events[:3]):
            parts.append(", " if i else "")
            parts.append(report.link(event.id, limit=60))
        if len(events) > 3:
            parts.append(f" and {len(events) - 3} more hostile acts")
        parts.append(".")
        lines.append(parts)
    hedged = sorted(
        (
            c
            for c in dataset.claims.values()
            if c.stance.value == "hedges" and c.predicate.value in ("count", "ordered", "responsible_for", "date")
        ),
        key=lambda c: (0 if c.predicate.value in ("ordered", "responsible_for") else 1, c.id),
    )
    seen: set[tuple[str, str, str | None]] = set()
    for claim in hedged:
        key = claim.proposition[:3] if hasattr(claim, "proposition") else (claim.subject, claim.predicate.value, None)
        if key in seen:
            continue
        seen.add(key)
        lines.append(
            [
                "hedged: ",
                report.link(claim.id, report.claim_text(claim).removeprefix("perhaps: "), limit=110),
                f" ({_voice(report, claim)}).",
            ]
        )
        if len(lines) >= UNCERTAIN_LINES - 1:
            break
    rough = [e for e in in_window if precision_of(e.when) not in ("day", "open")]
    if in_window:
        lines.append(
            [
                section_link(
                    report,
                    "timeline",
                    f"{len(rough)} of the {len(in_window)} events in the window are known only to a month or wider",
                ),
                "; their order within it is unknown (bars in the chart, not points).",
            ]
        )
    try:
        data = report.analysis("corroboration")
        single, total = len(data.get("single_source", [])), len(data.get("claims", []))
        if total:
            lines.append(
                [
                    section_link(report, "corroboration", f"{single:,} of {total:,} statements"),
                    " rest on a single origin.",
                ]
            )
    except Exception:
        pass
    return lines[: UNCERTAIN_LINES + 1]


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The four blocks of the story; ``None`` when the dataset has no dated event and no statement."""
    from mideast_model_report.story import story

    report: Report = context["report"]
    s = story(report)
    if s.window is None and not dataset.claims:
        return None

    def esc(parts: list[Part]) -> list[Any]:
        # plain strings hold dataset text: escape them; links are already safe markup
        return [report.text(p) if type(p) is str else p for p in parts]

    labels = report.source_labels()
    speaking = sorted({c.source for c in dataset.claims.values()}, key=lambda x: labels.get(x, x))
    origins: list[str] = []
    try:
        origin_of = report.analysis("corroboration").get("origins", {})
        origins = sorted({origin_of.get(x, x) for x in speaking}, key=lambda x: labels.get(x, x))
    except Exception:
        origins = speaking
    return report.section(
        "summary",
        window=s.window,
        events=len(dataset.events),
        claims=len(dataset.claims),
        origins=[report.link(o) for o in origins[:6]],
        more_origins=max(len(origins) - 6, 0),
        happened=_what_happened(report, s),
        chain=esc(_chain(report, s)),
        aggregate=esc(_aggregate(report, s)),
        blame=[esc(line) for line in _blame(report, s)],
        per_source=[esc(line) for line in _per_source(report)],
        disagree=[esc(line) for line in _disagreements(report)],
        uncertain=[esc(line) for line in _uncertain(report, s)],
    )
