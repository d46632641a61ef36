"""Rules added for the third annotator's first-run misses (issue 16).

Passages written for these rules (not taken from the held-out sets).
"""

from __future__ import annotations

import datetime as dt

from mideast_model_text import evaluate

from mideast_model.model import Actor, Claim, Predicate, Stance

_DAY = dt.date(2020, 3, 4)


def _objects(text: str) -> list[object]:
    return list(evaluate.run_passage(text, _DAY))


def _quotes(text: str) -> dict[str, str | None]:
    """Quote → speaker name of ``text``."""
    objects = _objects(text)
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    out: dict[str, str | None] = {}
    for claim in objects:
        if isinstance(claim, Claim) and claim.predicate is Predicate.STATES and claim.quote:
            speaker = actors.get(claim.speaker or "")
            out[claim.quote.strip(" .,")] = speaker.name if speaker else claim.speaker
    return out


def _reported(text: str) -> list[tuple[str, Stance]]:
    """(speaker name, stance) of each reported claim (no quote) of ``text``."""
    objects = _objects(text)
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    return [
        (actors[c.speaker].name, c.stance)
        for c in objects
        if isinstance(c, Claim) and c.predicate is Predicate.STATES and not c.quote and c.speaker in actors
    ]


def test_an_inverted_attribution_with_an_of_the_title() -> None:
    quotes = _quotes(
        "Sanctions were announced.\n\n"
        '"The cell has crushed peaceful protest," said Secretary of the Treasury Karl P. Lindqvist. '
        '"We will act again."'
    )
    assert quotes["The cell has crushed peaceful protest"] == "Karl P. Lindqvist"
    assert quotes["We will act again"] == "Karl P. Lindqvist"


def test_a_member_of_a_named_movement_is_an_unnamed_member() -> None:
    quotes = _quotes(
        "A rally was held.\n\n"
        '"Our patience has limits," a senior member of the Nujaba movement said in a message on Telegram.'
    )
    speaker = quotes["Our patience has limits"]
    assert speaker is not None and speaker.lower().startswith("senior member of")


def test_it_in_the_sentence_of_a_named_body_is_that_body() -> None:
    quotes = _quotes(
        "Drones were downed.\n\n"
        "Qatar's Ministry of Interior said on Thursday it had intercepted two drones, "
        'in what it called a "reckless" act.'
    )
    assert quotes["reckless"] is not None and "Ministry of Interior" in quotes["reckless"]
