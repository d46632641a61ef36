"""Every statement with its source and quote: the anchors every other section links to.

Lists, grouped by source, every claim another section cited, then others up to
``limits.claims`` (a dataset of 10^5 claims is summarised, not printed). Each claim has
an anchor; its source, speaker, stance, confidence, the speaker's quote and the source's
own words (evidence) are shown with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.model import Claim
    from mideast_model_report.builder import Report


def _order(claim: Claim) -> tuple[str, str]:
    return (claim.source, claim.id)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The statements grouped by source, each under its own anchor."""
    report: Report = context["report"]
    cited = [c for c in report.mentioned if c in dataset.claims]
    chosen = dict.fromkeys(cited)
    if len(dataset.claims) <= report.limits.claims + len(chosen):
        chosen.update(dict.fromkeys(dataset.claims))
    else:
        for claim_id in sorted(dataset.claims):
            if len(chosen) >= report.limits.claims + len(cited):
                break
            chosen.setdefault(claim_id, None)
    from mideast_model_report.escape import anchor_slug

    by_source: dict[str, list[Claim]] = {}
    for claim_id in chosen:
        claim = dataset.claims[claim_id]
        by_source.setdefault(claim.source, []).append(claim)
    facets: dict[str, dict[str, str]] = {"source": {}, "speaker": {}, "actor": {}, "event": {}}

    def facet(kind: str, object_id: str) -> str:
        slug = anchor_slug(kind, object_id)
        facets[kind].setdefault(slug, report.label(object_id, 60))
        return slug

    groups = []
    for source_id in sorted(by_source, key=lambda s: (report.label(s), s)):
        claims = sorted(by_source[source_id], key=_order)
        items = []
        source_slug = facet("source", source_id)
        for claim in claims:
            targets = claim.targets()
            subject_events = [x for x in targets if x in dataset.events]
            subject_actors = [x for x in targets if x in dataset.actors]
            items.append(
                {
                    "claim": claim,
                    "anchor": _anchor(report, report.define(claim.id, "claim")),
                    "text": report.claim_text(claim),
                    "speaker": report.label(claim.speaker) if claim.speaker else None,
                    "about": [report.link(x) for x in subject_events],
                    "credibility": claim.credibility.value if claim.credibility else None,
                    "f_source": source_slug,
                    "f_speaker": facet("speaker", claim.speaker) if claim.speaker else "",
                    "f_actors": " ".join(facet("actor", x) for x in subject_actors),
                    "f_events": " ".join(facet("event", x) for x in subject_events),
                }
            )
        source = dataset.sources.get(source_id)
        groups.append(
            {
                "source": report.link(source_id),
                "name": report.label(source_id, 80),
                "title": source.title if source else source_id,
                "url": report.url(source.url) if source and source.url else None,
                "entries": items,
            }
        )
    filters = [
        (kind, label, sorted(facets[kind].items(), key=lambda kv: (kv[1].casefold(), kv[0])))
        for kind, label in (("source", "Source"), ("speaker", "Speaker"), ("actor", "Actor"), ("event", "Event"))
    ]
    return report.section(
        "statements",
        groups=groups,
        shown=len(chosen),
        total=len(dataset.claims),
        cited=len(cited),
        filters=[f for f in filters if f[2]],
    )


def _anchor(report: Report, anchor: str) -> str:
    """The anchor as an HTML id, or as a Markdown ``<a id>`` element."""
    from mideast_model_report.escape import MdSafe

    return anchor if report.format == "html" else MdSafe(f'<a id="{anchor}"></a>')
