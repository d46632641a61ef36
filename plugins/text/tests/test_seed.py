"""The seed file: three articles split into sources, and their quotes against a hand-written key."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mideast_model.dataset import Dataset
from mideast_model.model import ActorKind, Claim, Predicate, SourceKind

SEED = Path(__file__).parent / "fixtures" / "seed.txt"

KEY = Path(__file__).parent / "answer_key.yaml"


def _by_publisher(dataset: Dataset) -> dict[str, Any]:
    return {s.publisher or "": s for s in dataset.sources.values()}


def test_three_articles_split_with_their_metadata(seed_dataset: Dataset) -> None:
    sources = _by_publisher(seed_dataset)
    assert set(sources) == {"The New York Times", "The Progressive", "International Crisis Group", "Foreign Policy"}
    nyt = sources["The New York Times"]
    assert nyt.title == "Pentagon Order to Plan for Escalation in Iraq Meets Warning From Top Commander"
    assert nyt.authors == ("Mark Mazzetti", "Eric Schmitt")
    assert nyt.published is not None and nyt.published.edtf == "2020-03-27"
    assert nyt.kind is SourceKind.NEWS_REPORT
    assert nyt.description is not None and nyt.description.startswith("A secret Pentagon directive")
    prog = sources["The Progressive"]
    assert prog.title == "Foreign Correspondent: U.S. Beats War Drums in Middle East"
    assert prog.authors == ("Reese Erlich",)
    assert prog.published is not None and prog.published.edtf == "2020-03-26"
    crisis = sources["International Crisis Group"]
    assert crisis.title == "The Coronavirus Crisis is a Diplomatic Opportunity for the United States and Iran"
    assert crisis.published is not None and crisis.published.edtf == "2020-03-18"
    assert crisis.kind is SourceKind.ANALYSIS
    original = sources["Foreign Policy"]
    assert crisis.derived_from == (original.id,)
    assert original.title == crisis.title and original.published == crisis.published


def test_claims_point_into_the_right_article(seed_dataset: Dataset) -> None:
    text = SEED.read_text(encoding="utf-8")
    sources = _by_publisher(seed_dataset)
    starts = {name: text.index(marker) for name, marker in [
        ("The New York Times", "NY Times:"), ("The Progressive", "The PROGRESSIVE:"),
        ("International Crisis Group", "CRISIS GROUP:")]}  # fmt: skip
    order = sorted(starts, key=starts.__getitem__)
    for claim in seed_dataset.claims.values():
        assert claim.offsets is not None
        owner = [n for n in order if starts[n] <= claim.offsets[0]][-1]
        expected = {sources[owner].id}
        assert claim.source in expected, claim


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip(" ,.").casefold()


def _score(dataset: Dataset) -> tuple[float, float, list[str]]:
    key = yaml.safe_load(KEY.read_text(encoding="utf-8"))
    publisher = {s.id: s.publisher for s in dataset.sources.values()}
    quotes = [c for c in dataset.claims.values() if c.quote is not None]
    direct = [k for k in key if k.get("direct", True)]
    problems: list[str] = []
    correct = 0
    matched_claims: set[str] = set()
    for entry in direct:
        want = _norm(entry["quote"])
        hits = [c for c in quotes if _norm(c.quote or "") == want and publisher[c.source] == entry["source"]]
        good = [c for c in hits if c.speaker == entry["speaker"]]
        if good:
            correct += 1
            matched_claims.add(good[0].id)
        else:
            found = [c.speaker for c in hits]
            problems.append(f"missed {entry['quote'][:40]!r} by {entry['speaker']} (found speakers: {found})")
    for claim in quotes:
        if claim.id not in matched_claims:
            problems.append(f"extra/wrong {claim.quote[:40] if claim.quote else ''!r} by {claim.speaker}")
    recall = correct / len(direct)
    precision = len(matched_claims) / len(quotes) if quotes else 0.0
    return precision, recall, problems


def test_quotes_against_the_hand_written_key(seed_dataset: Dataset) -> None:
    precision, recall, problems = _score(seed_dataset)
    print(f"direct quotes: precision {precision:.3f}, recall {recall:.3f}; {problems}")
    assert recall >= 0.9, problems
    assert precision >= 0.9, problems


def test_key_covers_every_quoted_passage() -> None:
    """The key lists every passage in quotation marks, so it can catch any extraction."""
    text = SEED.read_text(encoding="utf-8")
    key = yaml.safe_load(KEY.read_text(encoding="utf-8"))
    # Every passage opens with a typographic mark; the one straight-quoted word is site chrome.
    assert text.count('"') == 2 and '"Enter"' in text
    assert len(key) == text.count("\u201c") == text.count("\u201d")


def test_quote_claims_are_well_formed(seed_dataset: Dataset) -> None:
    text = SEED.read_text(encoding="utf-8")
    quotes = [c for c in seed_dataset.claims.values() if c.quote is not None]
    assert quotes
    for claim in quotes:
        assert claim.predicate is Predicate.STATES
        assert claim.machine and 0.3 <= claim.confidence <= 0.6
        assert claim.value is not None and claim.value.text == claim.quote
        assert claim.speaker == claim.subject
        assert claim.offsets is not None and claim.evidence == text[claim.offsets[0] : claim.offsets[1]]
        assert claim.quote is not None and claim.evidence is not None
        assert claim.quote.rstrip(".") in claim.evidence


def test_said_date_from_the_sentence(seed_dataset: Dataset) -> None:
    quote = next(c for c in seed_dataset.claims.values() if c.quote and c.quote.startswith("probably makes them"))
    assert quote.said is not None and quote.said.edtf == "2020-03-10"


def test_anonymous_speakers_are_group_actors(seed_dataset: Dataset) -> None:
    speakers = {c.speaker for c in seed_dataset.claims.values() if c.speaker}
    for actor_id in ("actor:american-officials", "actor:regional-specialists", "actor:senior-administration-officials"):
        assert actor_id in speakers
        assert seed_dataset.actors[actor_id].kind is ActorKind.GROUP
    assert "actor:senior-us-military-official" in speakers


def test_every_object_evidence_matches_its_offsets(seed_dataset: Dataset) -> None:
    text = SEED.read_text(encoding="utf-8")
    for claim in seed_dataset.claims.values():
        assert isinstance(claim, Claim) and claim.machine
        assert claim.offsets is not None
        assert claim.evidence == text[claim.offsets[0] : claim.offsets[1]]
        assert claim.confidence < 0.8


def test_mentions_and_events(seed_dataset: Dataset) -> None:
    mentions = [c for c in seed_dataset.claims.values() if c.attribute == "mention"]
    about = {a for c in mentions for a in c.about}
    assert {"actor:kataib-hezbollah", "actor:iran", "actor:iraq", "actor:usa", "actor:esper"} <= about
    events = list(seed_dataset.events.values())
    whens = {e.when.edtf for e in events}
    assert {"2020-03-11", "2020-03-12", "2020-03-14", "2020-03-17", "2020-03-26", "2020-01-03"} <= whens
    taji = [e for e in events if e.when.edtf == "2020-03-11" and e.place is not None]
    assert taji and taji[0].place is not None and taji[0].place.name == "Camp Taji"
    for event in events:
        occurred = [c for c in seed_dataset.claims_about(event.id) if c.predicate is Predicate.OCCURRED]
        assert len(occurred) == 1 and occurred[0].machine and occurred[0].confidence == 0.4


def test_ids_are_deterministic(importer: Callable[..., Dataset]) -> None:
    first = importer(SEED)
    second = importer(SEED)
    assert first.to_json() == second.to_json()


def test_key_speakers_are_actors_of_the_embedded_dataset() -> None:
    from mideast_model.data import seed

    actors = seed().actors
    key = yaml.safe_load(KEY.read_text(encoding="utf-8"))
    for entry in key:
        assert entry["speaker"] is None or entry["speaker"] in actors, entry


def test_merges_with_the_embedded_dataset(seed_dataset: Dataset) -> None:
    from mideast_model.data import seed

    embedded = seed()
    merged = embedded.merge(seed_dataset)
    assert len(merged.sources) == len(embedded.sources) + len(seed_dataset.sources)
    for actor_id, actor in seed_dataset.actors.items():
        if actor_id in embedded.actors:
            assert embedded.actors[actor_id] == actor
