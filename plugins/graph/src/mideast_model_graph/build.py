"""The property graph of a dataset, and its GraphML and GEXF serialisations.

Nodes (id = our id; attribute ``type`` = actor, source, event or claim) carry the
object's scalar fields; list fields are joined with ``"; "``. Edges (attribute
``edge_type``; GEXF reserves ``type``): ``relation`` (subject → object, with ``predicate``), ``participation``
(actor → event, with ``role``), ``stated_in`` (claim → source), ``subject``,
``object`` and ``about`` (claim → what it is about), ``speaker`` (claim → actor) and
``derived_from`` (source → source). ``start``/``end`` (ISO days) give Gephi its
timeline: an event's earliest and latest day, a source's publication, a claim's
utterance, a relation's validity.

XML 1.0 cannot hold most C0 control characters, so :func:`xml_safe` replaces each with
its visible Unicode "control picture" (U+0007 → U+2407 ␇; DEL → U+2421 ␡) and the
non-characters U+FFFE/U+FFFF with U+FFFD. Everything else, markup included, is escaped
by the XML writer; a carriage return inside GraphML element text reads back as a line
feed (XML end-of-line normalisation).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model.extensions import ExportContext

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _picture(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids made visible (see the module docs)."""
    return _FORBIDDEN.sub(_picture, text)


def _day(day: dt.date, *, low: bool) -> str | None:
    if (low and day == dt.date.min) or (not low and day == dt.date.max):
        return None
    return day.isoformat()


def _attrs(**values: Any) -> dict[str, Any]:
    """Node or edge attributes: no ``None``, lists joined, text made XML-safe."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            if not value:
                continue
            value = "; ".join(str(v) for v in value)
        if isinstance(value, str):
            value = xml_safe(value)
        out[key] = value
    return out


def _span(span: Any) -> dict[str, str | None]:
    if span is None:
        return {}
    return {"start": _day(span.earliest, low=True), "end": _day(span.latest, low=False)}


def build_graph(dataset: Any) -> nx.MultiDiGraph:
    """A networkx multigraph of ``dataset`` (see the module docs for the schema)."""
    import networkx as nx

    g = nx.MultiDiGraph(name="mideast-model dataset")
    n = xml_safe

    def edge(u: str, v: str, key: str, type_: str, **values: Any) -> None:
        k = n(key)
        g.add_edge(n(u), n(v), key=k, **_attrs(id=k, edge_type=type_, **values))

    for a in dataset.actors.values():
        g.add_node(
            n(a.id),
            **_attrs(
                type="actor",
                label=a.name,
                actor_kind=a.kind.value,
                aliases=a.aliases,
                country=a.country,
                description=a.description,
                resolved=a.resolved,
                **{f"ext_{e.scheme}": e.value for e in a.external_ids if re.fullmatch(r"[A-Za-z0-9_]+", e.scheme)},
            ),
        )
    for s in dataset.sources.values():
        published = _span(s.published)
        g.add_node(
            n(s.id),
            **_attrs(
                type="source",
                label=s.title,
                source_kind=s.kind.value,
                publisher=s.publisher,
                authors=s.authors,
                published=s.published.edtf if s.published else None,
                url=s.url,
                reliability=s.reliability.value,
                language=s.language,
                description=s.description,
                start=published.get("start"),
            ),
        )
        for i, origin in enumerate(s.derived_from):
            edge(s.id, origin, f"{s.id}#derived_from[{i}]", "derived_from")
    for e in dataset.events.values():
        place = e.place
        killed = [c.killed.low for c in e.casualties if c.killed is not None]
        wounded = [c.wounded.low for c in e.casualties if c.wounded is not None]
        g.add_node(
            n(e.id),
            **_attrs(
                type="event",
                label=e.title,
                event_kind=e.kind.value,
                cameo=e.cameo or e.kind.cameo,
                plover=e.kind.plover,
                when=e.when.edtf,
                summary=e.summary,
                place=place.name if place else None,
                country=place.country if place else None,
                latitude=place.lat if place else None,
                longitude=place.lon if place else None,
                killed_at_least=sum(killed) if killed else None,
                wounded_at_least=sum(wounded) if wounded else None,
                **_span(e.when),
            ),
        )
        for i, p in enumerate(e.participants):
            edge(p.actor, e.id, f"{e.id}#participants[{i}]", "participation", label=p.role.value, role=p.role.value)
    for c in dataset.claims.values():
        value = c.value
        value_text = None
        if value is not None:
            if value.count is not None:
                value_text = f"{value.count.low}-{'' if value.count.high is None else value.count.high}"
            elif value.when is not None:
                value_text = value.when.edtf
            else:
                value_text = value.text
        g.add_node(
            n(c.id),
            **_attrs(
                type="claim",
                label=f"{c.predicate.value} ({c.stance.value})",
                predicate=c.predicate.value,
                stance=c.stance.value,
                confidence=float(c.confidence),
                claim_kind=c.kind.value,
                attribute=c.attribute,
                value=value_text,
                quote=c.quote,
                evidence=c.evidence,
                said=c.said.edtf if c.said else None,
                credibility=c.credibility.value if c.credibility else None,
                machine=c.machine,
                **_span(c.said),
            ),
        )
        edge(c.id, c.source, f"{c.id}#source", "stated_in")
        edge(c.id, c.subject, f"{c.id}#subject", "subject", label=c.predicate.value)
        if c.object is not None:
            edge(c.id, c.object, f"{c.id}#object", "object", label=c.predicate.value)
        for i, target in enumerate(c.about):
            edge(c.id, target, f"{c.id}#about[{i}]", "about")
        if c.speaker is not None:
            edge(c.id, c.speaker, f"{c.id}#speaker", "speaker")
    for r in dataset.relations.values():
        edge(
            r.subject,
            r.object,
            r.id,
            "relation",
            label=r.predicate.value,
            predicate=r.predicate.value,
            valid=r.valid.edtf if r.valid else None,
            role=r.role,
            description=r.description,
            **_span(r.valid),
        )
    return g


def write_graphml(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """GraphML (with typed ``<key>`` declarations) of ``dataset``."""
    import networkx as nx

    nx.write_graphml_xml(build_graph(dataset), target, encoding="utf-8", named_key_ids=True)


def write_gexf(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """GEXF 1.2 of ``dataset``, in dynamic mode with ``date`` time format."""
    import networkx as nx

    g = build_graph(dataset)
    g.graph["mode"] = "dynamic"
    nx.write_gexf(g, target, encoding="utf-8", prettyprint=True, version="1.2draft")
