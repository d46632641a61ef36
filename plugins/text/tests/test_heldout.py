"""The importer on the hand-annotated held-out passages, and the property that no quote goes to an unnamed actor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mideast_model_text import evaluate

from mideast_model.data import seed
from mideast_model.model import Actor, Claim

HELDOUT = Path(__file__).parent / "heldout"
SETS = ["passages.yaml", "fresh.yaml", "third.yaml", "fourth.yaml", "fifth.yaml", "sixth.yaml"]


@pytest.fixture(scope="module", params=SETS)
def scored(request: pytest.FixtureRequest) -> tuple[str, evaluate.Score]:
    passages = evaluate.load(HELDOUT / request.param)
    return request.param, evaluate.evaluate(passages)


def test_annotations_are_well_formed() -> None:
    actors = seed().actors
    total = 0
    for name in SETS:
        for passage in evaluate.load(HELDOUT / name):
            assert {"id", "style", "published", "text"} <= set(passage), passage.get("id")
            dt.date.fromisoformat(str(passage["published"]))
            for entry in [*passage.get("quotes", ()), *passage.get("claims", ())]:
                speaker = entry["speaker"]
                assert speaker.startswith(("actor:", "new:", "anon:")), (passage["id"], speaker)
                if speaker.startswith("actor:"):
                    assert speaker in actors, (passage["id"], speaker)
                assert entry.get("stance", "asserts") in ("asserts", "denies", "hedges")
            for entry in passage.get("quotes", ()):
                assert str(entry["quote"]).split()[0].strip("'\u2018") in passage["text"], (passage["id"], entry)
            total += 1
    assert total >= 60


def test_quote_recall_speakers_and_precision(scored: tuple[str, evaluate.Score]) -> None:
    name, score = scored
    print(name, score.report(), *score.problems, sep="\n")
    assert score.quote_recall >= 0.90, score.problems
    assert score.speaker_right >= 0.85, score.problems
    assert score.quote_precision >= 0.90, score.problems
    assert score.claim_precision >= 0.80, score.problems


def test_no_quote_given_to_a_known_actor_the_text_does_not_name(scored: tuple[str, evaluate.Score]) -> None:
    _, score = scored
    assert score.unnamed == 0


# -- generated passages --------------------------------------------------------------

_SYLLABLES = ["ka", "ri", "mo", "ze", "lu", "ba", "ne", "sho", "di", "ta", "ver", "gha", "nour", "pel"]
_NAME = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())
_KNOWN = ["Mike Pompeo", "Mark Esper", "Kataib Hezbollah", "the Pentagon", "Iran", "Donald Trump", "Mark Milley"]
_TITLES = ["", "Brig. Gen. ", "Lt. Col. ", "Iran's civil aviation chief ", "Iraqi Foreign Minister ", "Ayatollah "]
_TEMPLATES = [
    "\u201c{q},\u201d said {title}{first} {last}.",
    "\u201c{q},\u201d {title}{first} {last} said.",
    "{title}{first} {last} said: \u201c{q}.\u201d",
    "{title}{first} {last} said the strikes were \u201c{q}.\u201d",
    "'{q},' {title}{first} {last} told reporters.",
    "{known} met Gen. {first} {last} on Monday. \u201c{q},\u201d he said.",
    "{known} met the spokesman {first} {last} on Monday. \u201c{q},\u201d he said.",
    "{known} was criticised by {title}{first} {last}. \u201c{q},\u201d {last} said.",
]
_QUOTES = ["We will respond", "This was a violation of our sovereignty", "The base was hit twice", "Nobody was hurt"]


@settings(max_examples=20, deadline=None)
@given(
    template=st.sampled_from(_TEMPLATES),
    first=_NAME,
    last=_NAME,
    title=st.sampled_from(_TITLES),
    known=st.sampled_from(_KNOWN),
    quote=st.sampled_from(_QUOTES),
)
def test_generated_quotes_go_to_the_named_new_person(
    template: str, first: str, last: str, title: str, known: str, quote: str
) -> None:
    text = "Officials Speak\n\n" + template.format(q=quote, title=title, first=first, last=last, known=known) + "\n"
    objects = evaluate.run_passage(text, dt.date(2020, 3, 27))
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    claims = [o for o in objects if isinstance(o, Claim)]
    known_actors = {a.id: a for a in seed().actors.values()}
    assert evaluate.unnamed_known_speakers(text, claims, known_actors) == []
    quotes = [c for c in claims if c.quote is not None]
    assert [c.quote.rstrip(".") for c in quotes if c.quote] == [quote]
    speaker = actors[quotes[0].speaker or ""]
    assert speaker.id not in known_actors, (text, speaker)
    assert speaker.name == f"{first} {last}", text


@settings(max_examples=20, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            [
                "said",
                "he",
                "she",
                "it",
                "the",
                "statement",
                "official",
                "a",
                "spokesman",
                "for",
                "group",
                ",",
                ".",
                "\u201c",
                "\u201d",
                "'",
                ":",
                "\u2014",
                "Iran",
                "Iraq's",
                "PM",
                "told",
                "denied",
                "blamed",
                "at least",
                "25",
                "two",
                "Americans",
                "and",
                "Briton",
                "Hezbollah",
                "Kataeb",
                "Lebanese",
                "Gen.",
                "Esper",
                "\n\n",
            ]
        ),
        max_size=60,
    )
)
def test_random_passages_never_credit_an_unnamed_known_actor(words: list[str]) -> None:
    text = "Title Line\n\n" + " ".join(words) + " end."
    objects = evaluate.run_passage(text, dt.date(2020, 3, 27))
    claims = [o for o in objects if isinstance(o, Claim)]
    known_actors = {a.id: a for a in seed().actors.values()}
    assert evaluate.unnamed_known_speakers(text, claims, known_actors) == []
    for claim in claims:
        assert claim.offsets is not None and text[claim.offsets[0] : claim.offsets[1]] == claim.evidence
