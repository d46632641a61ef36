"""Speakers named by a title, a possessive noun of speech, a spelling variant; scare quotes; nested speech.

Passages written for these rules (not taken from the held-out sets).
"""

from __future__ import annotations

import datetime as dt

from mideast_model_text import evaluate

from mideast_model.model import Actor, Claim, Predicate


def _quotes(text: str) -> dict[str, str | None]:
    """Quote → speaker name (``None`` for an actor not emitted) of ``text``."""
    objects = evaluate.run_passage(text, dt.date(2020, 3, 4))
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    out: dict[str, str | None] = {}
    for claim in objects:
        if isinstance(claim, Claim) and claim.predicate is Predicate.STATES and claim.quote:
            speaker = actors.get(claim.speaker or "")
            out[claim.quote] = speaker.name if speaker else claim.speaker
    return out


def _ids(text: str) -> dict[str, str | None]:
    objects = evaluate.run_passage(text, dt.date(2020, 3, 4))
    return {c.quote: c.speaker for c in objects if isinstance(c, Claim) and c.quote}


def test_the_role_of_a_person_named_before_is_that_person() -> None:
    quotes = _quotes(
        "Acting Prime Minister Rahim Kadhimov spoke to lawmakers on Monday.\n\n"
        "\u201cThe budget will pass,\u201d the acting premier said.\n"
    )
    assert quotes["The budget will pass"] == "Rahim Kadhimov"


def test_a_designate_role_written_two_ways_and_a_split_quote() -> None:
    quotes = _quotes(
        "President Barham Salih named Tariq Haddadi, a former judge, as prime minister-designate.\n\n"
        "\u201cOur cabinet will be small,\u201d the premier-designate said, \u201cand it will be brief.\u201d\n"
    )
    assert quotes["Our cabinet will be small"] == "Tariq Haddadi"
    assert quotes["and it will be brief."] == "Tariq Haddadi"


def test_a_role_with_a_demonym_needs_that_country_near_the_person() -> None:
    quotes = _quotes(
        "French President Pierre Lamont called Hassan Rouhani on Monday.\n\n"
        "The Iranian president said \u201cthe talks are over.\u201d\n"
    )
    assert quotes["the talks are over."] != "Pierre Lamont"


def test_a_possessive_noun_of_speech_gives_its_owner_the_quote() -> None:
    ids = _ids(
        "The Pentagon revised its count on Tuesday, a far cry from President Donald Trump's "
        "initial claim that \u201cnobody was hurt.\u201d\n"
    )
    assert ids["nobody was hurt."] == "actor:trump"


def test_a_claim_the_verb_dismisses_is_not_the_owner_s_quote() -> None:
    ids = _ids(
        "General Hossein Salami dismissed Washington's claim that nobody was hurt in the raid as "
        "\u201cpure propaganda,\u201d officials said.\n"
    )
    assert ids.get("pure propaganda") != "actor:usa"


def test_a_claim_others_dismissed_after_the_quote_is_not_their_quote() -> None:
    quotes = _quotes(
        "Cleric Ahmad Tavassoli has suggested the outbreak could be a \u201cforeign plot\u201d, "
        "a claim Washington dismissed as \u201cnonsense\u201d.\n"
    )
    assert quotes["foreign plot"] == "Ahmad Tavassoli"


def test_a_body_named_x_of_y_is_not_a_person() -> None:
    quotes = _quotes("The Union of Concerned Engineers said it wanted \u201ca full inquiry\u201d.\n")
    assert quotes["a full inquiry"] == "Union of Concerned Engineers"


def test_a_what_x_calls_term_is_not_a_quote() -> None:
    quotes = _quotes(
        "He announced sanctions, extending what his government calls \u2018total pressure\u2019 on Iran.\n"
    )
    assert "total pressure" not in quotes


def test_a_term_after_said_the_is_the_speaker_s_words() -> None:
    ids = _ids('The Pentagon said the "limited defensive strikes" hit two depots.\n')
    assert ids["limited defensive strikes"] == "actor:us-dod"


def test_a_person_s_words_reported_by_a_body_are_the_person_s() -> None:
    quotes = _quotes(
        "Russian Foreign Minister Sergey Lavrov told his counterpart that the strike \u201cbroke every rule,\u201d "
        "the ministry added.\n"
    )
    assert quotes["broke every rule"] in ("Sergey Lavrov", "Sergei Lavrov")


def test_a_spelling_variant_of_a_known_surname() -> None:
    ids = _ids("Adnan al-Zurfi said \u201cwe will hold elections.\u201d\n")
    assert ids["we will hold elections."] == "actor:al-zurufi"


def test_an_adverb_then_a_day_between_speaker_and_verb() -> None:
    objects = evaluate.run_passage(
        "Deputy Minister Karim Bahrani on Monday categorically rejected the reports.\n", dt.date(2020, 3, 4)
    )
    actors = {o.id: o.name for o in objects if isinstance(o, Actor)}
    speakers = [actors.get(c.speaker or "") for c in objects if isinstance(c, Claim) and c.speaker]
    assert "Karim Bahrani" in speakers


def test_one_of_the_sources_after_a_group_and_a_body_it_names() -> None:
    quotes = _quotes(
        "Two militia sources told Reuters that Kataib Hezbollah had warned the army.\n\n"
        "\u201cThey will pay,\u201d one of the sources said.\n"
    )
    assert quotes["They will pay"] == "militia sources"


def _stances(text: str) -> dict[str, set[str]]:
    """Speaker name → stances of their reported claims and quotes."""
    objects = evaluate.run_passage(text, dt.date(2020, 3, 4))
    actors = {o.id: o for o in objects if isinstance(o, Actor)}
    out: dict[str, set[str]] = {}
    for claim in objects:
        if isinstance(claim, Claim) and claim.predicate is Predicate.STATES and claim.speaker:
            speaker = actors.get(claim.speaker)
            out.setdefault(speaker.name if speaker else claim.speaker, set()).add(claim.stance.value)
    return out


def test_a_denial_joined_after_a_partial_quote_and_a_concession_after_the_verb() -> None:
    stances = _stances(
        "Foreign Minister Karim Bahrani said Tehran had \u201ctaken measures\u201d and did not seek escalation.\n\n"
        "The convoy had not been hit, an Iraqi official said, though he could not confirm who fired.\n"
    )
    assert stances["Karim Bahrani"] == {"asserts", "denies"}
    assert stances["Iraqi official"] == {"asserts", "hedges"}


def test_held_responsible_is_blame_and_a_label_after_dismissed_as_keeps_its_words() -> None:
    objects = evaluate.run_passage(
        "President Donald Trump held Iran responsible for the attack.\n\n"
        "General Hossein Salami dismissed the report as \u201ca fairy tale\u201d and as \u201cabsurd\u201d.\n",
        dt.date(2020, 3, 4),
    )
    blame = [c for c in objects if isinstance(c, Claim) and c.predicate is Predicate.RESPONSIBLE_FOR]
    assert [(c.speaker, c.subject) for c in blame] == [("actor:trump", "actor:iran")]
    quotes = {c.quote: c.stance.value for c in objects if isinstance(c, Claim) and c.quote}
    assert quotes == {"a fairy tale": "asserts", "absurd": "denies"}


def test_a_hedging_verb_and_a_plural_noun_speaker() -> None:
    stances = _stances(
        "Cleric Ahmad Tavassoli has suggested the outbreak was a \u201cforeign plot\u201d.\n\n"
        "Critics have accused Washington of hiding the losses.\n"
    )
    assert stances["Ahmad Tavassoli"] == {"hedges"}
    assert "critics" in stances


def _counts(text: str) -> set[tuple[int, int | None]]:
    objects = evaluate.run_passage(text, dt.date(2020, 3, 4))
    return {
        (c.value.count.low, c.value.count.high)
        for c in objects
        if isinstance(c, Claim) and c.predicate is Predicate.COUNT and c.value and c.value.count
    }


def test_counts_spelled_out_listed_bare_and_zero_in_a_quote() -> None:
    assert (43, 43) in _counts("Forty-three U.S. service members were treated for concussions.\n")
    assert (4, None) in _counts("The strikes killed at least three members of the Iraqi border guards and one child.\n")
    assert (9, None) in _counts("Two soldiers died and at least 9 others were wounded.\n")
    assert (612, 612) in _counts("Officials said 40 more people had died, bringing the death toll to 612.\n")
    assert (0, 0) in _counts("\u201cNo U.S. service members were killed,\u201d a spokesman said.\n")
    assert _counts("The ministry said the share of exports rose to 64 percent.\n") == set()
    assert _counts("\u201cWe have 30 bases in the region,\u201d he said.\n") == set()


def test_a_day_with_a_nomination_or_a_gathering_is_an_event() -> None:
    objects = evaluate.run_passage(
        "President Barham Salih on Tuesday named Tariq Haddadi, a former judge, as prime minister-designate.\n\n"
        "Protesters gathered in Tahrir Square on Saturday evening.\n",
        dt.date(2020, 3, 4),
    )
    days = {o.when.edtf for o in objects if hasattr(o, "when") and o.when is not None}
    assert {"2020-03-03", "2020-02-29"} <= days


def test_according_to_a_named_body_and_said_it_expected_a_quote() -> None:
    objects = evaluate.run_passage(
        "Twelve rockets struck the base, according to the US-led coalition.\n\n"
        "The Union of Concerned Engineers said it expected \u201ca full inquiry\u201d.\n",
        dt.date(2020, 3, 4),
    )
    reported = {c.speaker for c in objects if isinstance(c, Claim) and c.predicate is Predicate.STATES and not c.quote}
    assert "actor:us-led-coalition" in reported
    assert any(s and "union-of-concerned-engineers" in s for s in reported), reported


def test_two_lower_case_qualifiers_after_a_comma_are_one_group() -> None:
    objects = evaluate.run_passage(
        "Air strikes killed 25 fighters in Iraq and Syria, security and militia sources said.\n", dt.date(2020, 3, 4)
    )
    actors = {o.id: o.name for o in objects if isinstance(o, Actor)}
    speakers = {actors.get(c.speaker or "") for c in objects if isinstance(c, Claim) and c.speaker}
    assert speakers == {"security and militia sources"}


def test_a_demonym_in_the_role_matches_the_country_written_otherwise() -> None:
    quotes = _quotes(
        "Iraq's Prime Minister Adel Abdul Mahdi met U.S. envoy James Jeffrey on Monday. "
        "\u201cWe want calm,\u201d the Iraqi prime minister said.\n"
    )
    assert quotes["We want calm"] == "Adel Abdul Mahdi"


def test_a_demonym_in_the_role_matches_a_person_of_that_country() -> None:
    quotes = _quotes(
        "President Hassan Rouhani said on Thursday that Emmanuel Macron had called him.\n\n"
        "The Iranian president also said \u201cthe era of bullying is over.\u201d\n"
    )
    assert quotes["the era of bullying is over."] == "Hassan Rouhani"
