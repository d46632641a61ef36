"""The PROV-O graph of a dataset (rdflib), written as Turtle or JSON-LD.

- source → ``prov:Entity`` (and ``mm:Source``), ``prov:wasAttributedTo`` its publisher
  and authors, ``prov:wasDerivedFrom`` the sources it derives from;
- publisher → ``prov:Agent``, ``prov:Organization``; author → ``prov:Agent``, ``prov:Person``;
- actor (speakers included) → ``prov:Agent`` (``prov:Person`` or ``prov:Organization``);
- claim → ``prov:Entity`` (and ``mm:Claim``): ``prov:wasDerivedFrom`` its source,
  ``prov:hadPrimarySource`` the origins of that source (or the source itself when it
  derives from nothing), ``prov:wasQuotedFrom`` the source when it carries a quote,
  ``prov:wasAttributedTo`` the speaker (else the source's publisher);
- event → ``prov:Activity`` with start/end times and qualified associations (roles);
- relation → ``mm:Relation`` (subject, predicate, object, validity).

IRIs: our ids percent-encoded under :data:`ID`; our own terms under :data:`MM`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ExportContext
from mideast_model.model import ActorKind

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

MM = "https://w3id.org/mideast-model/ns#"
ID = "https://w3id.org/mideast-model/id/"

SYNTAXES = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld"}

CONTEXT: dict[str, Any] = {
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "mm": MM,
    "id": ID,
}


def iri(object_id: str) -> URIRef:
    """The IRI of one of our ids."""
    from rdflib import URIRef

    return URIRef(ID + quote(object_id, safe=":@!$'()*+,;="))


def _agent_iri(kind: str, name: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(f"{ID}{kind}/{quote(name, safe='')}")


def _datetime(day: dt.date) -> Any:
    from rdflib import Literal
    from rdflib.namespace import XSD

    return Literal(f"{day.isoformat()}T00:00:00Z", datatype=XSD.dateTime)


def _decimal(value: float) -> Any:
    """``value`` as an exact ``xsd:decimal`` (rdflib's Turtle writer rounds ``xsd:double``)."""
    from rdflib import Literal

    return Literal(Decimal(repr(float(value))))


def build_graph(dataset: Any) -> Graph:
    """The PROV-O graph of ``dataset``."""
    from rdflib import BNode, Graph, Literal, Namespace
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

    mm = Namespace(MM)
    g = Graph()
    for prefix, ns in CONTEXT.items():
        g.bind(prefix, ns)

    def add(s: Any, p: Any, o: Any) -> None:
        if o is not None:
            g.add((s, p, o))

    def lit(value: Any) -> Any:
        return None if value is None else Literal(value)

    def agent(kind: str, name: str, cls: Any) -> URIRef:
        node = _agent_iri(kind, name)
        g.add((node, RDF.type, PROV.Agent))
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(name)))
        return node

    for a in dataset.actors.values():
        node = iri(a.id)
        g.add((node, RDF.type, PROV.Agent))
        g.add((node, RDF.type, mm.Actor))
        g.add((node, RDF.type, PROV.Person if a.kind is ActorKind.PERSON else PROV.Organization))
        g.add((node, RDFS.label, Literal(a.name)))
        g.add((node, mm.kind, Literal(a.kind.value)))
        for alias in a.aliases:
            g.add((node, mm.alias, Literal(alias)))
        add(node, mm.country, lit(a.country))
        add(node, DCTERMS.description, lit(a.description))
    publishers: dict[str, URIRef] = {}
    for s in dataset.sources.values():
        node = iri(s.id)
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.type, mm.Source))
        g.add((node, RDFS.label, Literal(s.title)))
        g.add((node, DCTERMS.title, Literal(s.title)))
        g.add((node, mm.kind, Literal(s.kind.value)))
        g.add((node, mm.reliability, Literal(s.reliability.value)))
        if s.publisher:
            pub = agent("publisher", s.publisher, PROV.Organization)
            publishers[s.id] = pub
            g.add((node, DCTERMS.publisher, pub))
            g.add((node, PROV.wasAttributedTo, pub))
        for name in s.authors:
            person = agent("person", name, PROV.Person)
            g.add((node, DCTERMS.creator, person))
            g.add((node, PROV.wasAttributedTo, person))
        if s.published is not None:
            g.add((node, DCTERMS.issued, Literal(s.published.edtf)))
            if s.published.precision == "day" and not (s.published.approximate or s.published.uncertain):
                g.add((node, PROV.generatedAtTime, _datetime(s.published.earliest)))
        add(node, mm.url, None if s.url is None else Literal(s.url, datatype=XSD.anyURI))
        add(node, DCTERMS.language, lit(s.language))
        add(node, DCTERMS.description, lit(s.description))
        for origin in s.derived_from:
            g.add((node, PROV.wasDerivedFrom, iri(origin)))
    for e in dataset.events.values():
        node = iri(e.id)
        g.add((node, RDF.type, PROV.Activity))
        g.add((node, RDF.type, mm.Event))
        g.add((node, RDFS.label, Literal(e.title)))
        g.add((node, mm.kind, Literal(e.kind.value)))
        g.add((node, mm.when, Literal(e.when.edtf)))
        if e.when.earliest > dt.date.min:
            g.add((node, PROV.startedAtTime, _datetime(e.when.earliest)))
        if e.when.latest < dt.date.max - dt.timedelta(days=1):
            g.add((node, PROV.endedAtTime, _datetime(e.when.latest + dt.timedelta(days=1))))
        add(node, DCTERMS.description, lit(e.summary))
        if e.place is not None:
            add(node, mm.place, Literal(e.place.name))
            if e.place.lat is not None and e.place.lon is not None:
                g.add((node, mm.latitude, _decimal(e.place.lat)))
                g.add((node, mm.longitude, _decimal(e.place.lon)))
        for p in e.participants:
            g.add((node, PROV.wasAssociatedWith, iri(p.actor)))
            assoc = BNode()
            g.add((node, PROV.qualifiedAssociation, assoc))
            g.add((assoc, RDF.type, PROV.Association))
            g.add((assoc, PROV.agent, iri(p.actor)))
            g.add((assoc, PROV.hadRole, mm[f"role-{p.role.value}"]))
    for c in dataset.claims.values():
        node = iri(c.id)
        source = dataset.sources[c.source]
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.type, mm.Claim))
        g.add((node, RDFS.label, Literal(_label(dataset, c))))
        g.add((node, PROV.wasDerivedFrom, iri(c.source)))
        for primary in source.derived_from or (c.source,):
            g.add((node, PROV.hadPrimarySource, iri(primary)))
        if c.quote is not None:
            g.add((node, PROV.wasQuotedFrom, iri(c.source)))
            g.add((node, mm.quote, Literal(c.quote)))
        if c.speaker is not None:
            g.add((node, PROV.wasAttributedTo, iri(c.speaker)))
            g.add((node, mm.speaker, iri(c.speaker)))
        elif c.source in publishers:
            g.add((node, PROV.wasAttributedTo, publishers[c.source]))
        g.add((node, mm.subject, iri(c.subject)))
        g.add((node, mm.predicate, Literal(c.predicate.value)))
        if c.object is not None:
            g.add((node, mm.object, iri(c.object)))
        for target in c.about:
            g.add((node, mm.about, iri(target)))
        add(node, mm.attribute, lit(c.attribute))
        if c.value is not None:
            if c.value.count is not None:
                g.add((node, mm.countLow, Literal(c.value.count.low)))
                add(node, mm.countHigh, lit(c.value.count.high))
            if c.value.when is not None:
                g.add((node, mm.valueWhen, Literal(c.value.when.edtf)))
            add(node, mm.valueText, lit(c.value.text))
        g.add((node, mm.stance, Literal(c.stance.value)))
        g.add((node, mm.confidence, _decimal(c.confidence)))
        g.add((node, mm.kind, Literal(c.kind.value)))
        add(node, mm.evidence, lit(c.evidence))
        if c.said is not None:
            g.add((node, mm.said, Literal(c.said.edtf)))
            if c.said.precision == "day" and not (c.said.approximate or c.said.uncertain):
                g.add((node, PROV.generatedAtTime, _datetime(c.said.earliest)))
        if c.credibility is not None:
            g.add((node, mm.credibility, Literal(c.credibility.value)))
    for r in dataset.relations.values():
        node = iri(r.id)
        g.add((node, RDF.type, mm.Relation))
        g.add((node, mm.subject, iri(r.subject)))
        g.add((node, mm.predicate, Literal(r.predicate.value)))
        g.add((node, mm.object, iri(r.object)))
        add(node, mm.valid, None if r.valid is None else Literal(r.valid.edtf))
        add(node, mm.role, lit(r.role))
        add(node, DCTERMS.description, lit(r.description))
    return g


def _label(dataset: Any, claim: Any) -> str:
    def name(object_id: str) -> str:
        obj = dataset.get(object_id)
        return str(getattr(obj, "name", None) or getattr(obj, "title", None) or object_id)

    parts: Iterable[str | None] = (
        name(claim.subject),
        claim.predicate.value,
        name(claim.object) if claim.object else None,
        f"[{claim.attribute}]" if claim.attribute else None,
    )
    return " ".join(p for p in parts if p)


def syntax_for(context: ExportContext) -> str:
    """``"turtle"`` or ``"json-ld"``, from ``--option syntax`` or the output's suffix."""
    chosen = context.options.get("syntax")
    if chosen is not None:
        text = str(chosen).lower().replace("_", "-")
        aliases = {"ttl": "turtle", "turtle": "turtle", "jsonld": "json-ld", "json-ld": "json-ld"}
        if text not in aliases:
            raise InvalidInputError(f"--option syntax: expected turtle or json-ld, got {chosen!r}")
        return aliases[text]
    suffix = context.suffix
    if suffix in SYNTAXES:
        return SYNTAXES[suffix]
    raise InvalidInputError(
        f"prov: cannot tell the syntax from {context.path!r}; "
        "use -o FILE.ttl or FILE.jsonld (or --option syntax=turtle)"
    )


def serialize(dataset: Any, syntax: str) -> bytes:
    """The graph of ``dataset`` in ``syntax`` ("turtle" or "json-ld"), as UTF-8.

    In JSON-LD, ``<``, ``>`` and ``&`` are written as ``\\u003c``… so the document is
    also safe to inline in HTML.
    """
    g = build_graph(dataset)
    if syntax == "json-ld":
        text = g.serialize(format="json-ld", context=CONTEXT, indent=2, sort_keys=True, ensure_ascii=False)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return (text.rstrip("\n") + "\n").encode("utf-8")
    return g.serialize(format="turtle", encoding="utf-8")


def write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """Write the PROV-O graph in the syntax the output's suffix names."""
    target.write(serialize(dataset, syntax_for(context)))
