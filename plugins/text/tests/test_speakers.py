"""Speaker rules that must hold on any text: joint speakers, anonymous ones, and never a wrong known actor."""

from __future__ import annotations

import datetime as dt

from mideast_model_text import evaluate

from mideast_model.model import Actor, Claim, Predicate


def _said(text: str) -> list[tuple[str | None, str, str | None]]:
    """(speaker name, stance, quote) of every quote and reported claim of ``text``."""
    objects = evaluate.run_passage(text, dt.date(2020, 1, 8))
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    out = []
    for claim in objects:
        if isinstance(claim, Claim) and claim.predicate is Predicate.STATES and claim.attribute != "mention":
            speaker = actors.get(claim.speaker or "")
            out.append((speaker.name if speaker else None, claim.stance.value, claim.quote))
    return out


def test_names_joined_by_and_are_one_group_then_the_three_countries() -> None:
    said = _said(
        "Britain, France and Germany accused Iran on Tuesday of violating the deal.\n\n"
        "\u201cWe do not accept the argument,\u201d the three countries said.\n"
    )
    assert ("Britain, France and Germany", "denies", "We do not accept the argument") in said
    assert all(name == "Britain, France and Germany" for name, _, _ in said), said


def test_officials_of_two_countries_are_one_anonymous_group() -> None:
    said = _said("Two Americans were killed on Wednesday, Iraqi and U.S. officials said.\n")
    assert [name for name, _, _ in said] == ["Iraqi and U.S. officials"]


def test_he_after_one_anonymous_speaker_is_that_speaker() -> None:
    said = _said(
        "Prime Minister Adel Abdul Mahdi's spokesman said Iran had warned Baghdad.\n\n"
        "A senior Iraqi military official said the missiles hit a hangar. "
        "\u201cThank God nobody was killed,\u201d he told Reuters.\n"
    )
    quote = next(name for name, _, q in said if q == "Thank God nobody was killed")
    assert quote == "Iraqi military official"


def test_never_a_known_actor_the_text_names_only_in_part() -> None:
    said = _said(
        "Donald Trump Jr. said the strike was justified.\n\n"
        "US strikes kill 25 fighters, Iraqi militia says.\n\n"
        "Kataeb Hezbollah said it would respond. Lebanon's Hezbollah said it would not.\n"
    )
    names = [name for name, _, _ in said]
    assert "Donald Trump" not in names and "Donald Trump Jr." in names
    assert "Iraq" not in names and "Iraqi militia" in names
    assert names.count("Kataib Hezbollah") == 1 and names.count("Hezbollah") == 1


def test_well_known_spellings_are_one_new_actor() -> None:
    objects = evaluate.run_passage(
        "Caretaker Prime Minister Adel Abdul-Mahdi said the vote was binding. Adel Abdel Mahdi said so again.\n",
        dt.date(2020, 1, 6),
    )
    people = {o.id: o for o in objects if isinstance(o, Actor) and "Abdul" in " ".join(o.names())}
    assert len(people) == 1
    (mahdi,) = people.values()
    assert mahdi.name == "Adel Abdul Mahdi" and not mahdi.resolved
