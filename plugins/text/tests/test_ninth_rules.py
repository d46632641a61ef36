"""Rules added for the second annotator's first-run misses (issue 16): quote speakers, reported
speech, blame, single-person casualty figures and dates.

Passages written for these rules (not taken from the held-out sets).
"""

from __future__ import annotations

import datetime as dt

from mideast_model_text.counts import find_counts
from mideast_model_text.dates import find_dates, normalise_date
from text_passages import Passages

from mideast_model.model import Claim, Stance

_DAY = dt.date(2020, 3, 4)


_P = Passages(_DAY)
_objects, _quotes, _reported, _blamed = _P.objects, _P.quotes, _P.reported, _P.blamed


def test_a_quoted_term_after_a_possessive_then_a_preposition_is_a_quote() -> None:
    quotes = _quotes(
        "Foreign Minister Omar Haddad spoke on Monday. According to Haddad, the sanctions hid Washington's "
        '"support for the blockade" of the port.\n'
    )
    assert quotes["support for the blockade"] == "Omar Haddad"


def test_a_qualifying_scare_quote_stays_one() -> None:
    quotes = _quotes('Officials described Washington\'s "maximum pressure" campaign as a failure.\n')
    assert "maximum pressure" not in quotes


def test_condemned_what_it_called_is_the_subjects_words_but_not_what_others_call() -> None:
    quotes = _quotes('The Foreign Ministry condemned what it called "a cowardly crime."\n')
    assert quotes["a cowardly crime"] == "The Foreign Ministry"
    assert "maximum pressure" not in _quotes('He ended what his critics called "maximum pressure" on Tehran.\n')


def test_held_with_a_quoted_responsible() -> None:
    quotes = _quotes(
        "The Kurdish Interior Ministry said two rockets hit the airport.\n\n"
        'It held the militia "responsible for this criminal act."\n'
    )
    assert "Interior Ministry" in (quotes["responsible for this criminal act"] or "")


def test_spoke_to_and_said_shares_the_subject() -> None:
    quotes = _quotes(
        "Secretary of State Mike Pompeo spoke to the prime minister on Friday and said the waiver would be "
        'extended for 90 days "as a sign of our good will."\n'
    )
    assert quotes["as a sign of our good will"] == "Mike Pompeo"


def test_the_sermon_said_is_the_cleric_who_gave_it() -> None:
    quotes = _quotes(
        "In a sermon read by an aide in Najaf, Grand Ayatollah Hassan Qadiri urged calm.\n\n"
        "'Violence serves only our enemies,' the sermon said.\n"
    )
    assert quotes["Violence serves only our enemies"] == "Hassan Qadiri"


def test_an_unnamed_speaker_after_the_quote_with_an_age() -> None:
    quotes = _quotes('"We have nothing left," said a 31-year-old protester in the square. "Nothing at all."\n')
    assert quotes["We have nothing left"] == "31-year-old protester"
    assert quotes["Nothing at all"] == "31-year-old protester"


def test_a_mission_to_a_body_is_the_mission() -> None:
    quotes = _quotes('Syria\'s mission to the United Nations said it "firmly rejects" the report.\n')
    assert quotes["firmly rejects"] == "Syria's mission to the United Nations"


def test_the_company_and_its_owners() -> None:
    reported = _reported("The tanker was boarded on Monday, its Norwegian owners said.\n")
    assert reported and reported[0][0] == "Norwegian owners"
    quotes = _quotes('The company said the vessel had been "in international waters".\n')
    assert quotes["in international waters"] == "company"


def test_according_to_an_unnamed_lower_case_group() -> None:
    reported = _reported("Twelve people were killed on Friday, according to hospital sources.\n")
    assert [name for name, _ in reported] == ["hospital sources"]


def test_a_group_in_a_place_and_a_body_for_something() -> None:
    assert [n for n, _ in _reported("Residents in Basra said the water was unsafe.\n")] == ["Residents in Basra"]
    reported = _reported("The Arab Centre for Press Freedom, a Beirut-based group, said two reporters were held.\n")
    assert [n for n, _ in reported] == ["Arab Centre for Press Freedom"]


def test_an_ordinal_inside_a_name() -> None:
    reported = _reported("The Army's 82nd Airborne Division said it had sent 750 soldiers.\n")
    assert reported and reported[0][0] == "The Army's 82nd Airborne Division"


def test_a_casualty_phrase_after_said_is_not_a_speaker() -> None:
    reported = _reported(
        "The Popular Front (PF), an alliance of armed groups, said three of its members had been killed.\n"
    )
    assert [n for n, _ in reported] == ["The Popular Front"]


def test_both_groups_denied_is_one_denial_each() -> None:
    reported = _reported(
        "Officials said the drones were launched by Kataib Hezbollah and Harakat al-Nujaba.\n\n"
        "Both groups have denied any role in the attacks.\n"
    )
    denials = sorted(n for n, s in reported if s is Stance.DENIES)
    assert denials == ["Harakat al-Nujaba", "Kataib Hezbollah"]


def test_blame_said_behind_and_a_quoted_term() -> None:
    assert ("officials", "Israel") in [
        (a.lower(), b) for a, b in _blamed("Two officials said Israel was behind the explosion.\n")
    ]
    blamed = _blamed('The Interior Ministry denied that police fired, blaming "armed infiltrators".\n')
    assert [b for _, b in blamed] == ["armed infiltrators"]


def test_a_dash_aside_before_the_verb() -> None:
    reported = _reported("One Iraqi official \u2014 along with two police officers \u2014 said the base was hit.\n")
    assert reported and "Iraqi official" in reported[0][0]


def _count(text: str) -> tuple[int, int | None] | None:
    found = list(find_counts(text))
    return (found[0].value.low, found[0].value.high) if found else None


def test_a_single_person_with_a_casualty_verb_is_one() -> None:
    assert _count("A British sailor was killed in the blast.") == (1, 1)
    assert _count("An Iraqi soldier was also among the wounded.") == (1, 1)
    assert _count("At least one of his bodyguards was wounded.") == (1, None)
    assert _count("a contractor had died of a heart attack") == (1, 1)
    assert _count("There were 20 crew on board, and none of them were hurt.") in ((20, 20), (0, 0))
    found = [(c.value.low, c.value.high) for c in find_counts("There were 20 crew, and none of them were hurt.")]
    assert (0, 0) in found


def test_a_single_person_without_a_casualty_verb_is_no_count() -> None:
    assert _count("A British sailor said the ship was safe.") is None
    assert _count("None of them commented on the plan.") is None


def test_evening_and_possessive_dates() -> None:
    assert normalise_date("earlier this evening", _DAY) == "2020-03-04"
    assert normalise_date("this morning", _DAY) == "2020-03-04"
    assert [e for _, _, e in find_dates("We were shocked by yesterday's attack.")] == ["yesterday"]
    assert [e for _, _, e in find_dates("by Friday the talks ended")] == ["by Friday"]


def test_reported_speech_is_dated_by_the_day_after_its_verb() -> None:
    objects = _objects(
        "The army will leave the base this month, the commander of the Iraqi land forces announced Wednesday.\n"
    )
    said = [c.said.edtf for c in objects if isinstance(c, Claim) and c.said is not None and not c.quote]
    assert "2020-03-04" in said


def test_called_for_a_quote_is_reported_speech() -> None:
    reported = _reported('Prime Minister Adil Karimi spoke on television. He called for "unity, from all sides."\n')
    assert ("Adil Karimi", Stance.ASSERTS) in reported


def test_a_trailing_suggesting_has_the_subject_of_the_sentence() -> None:
    reported = _reported(
        "Hadi Samarrai, the leader of the Badr bloc, appeared to question the report, suggesting it may have been "
        "invented.\n"
    )
    assert ("Hadi Samarrai", Stance.HEDGES) in reported


def test_a_denial_then_telling_reporters_is_a_denial_and_an_assertion() -> None:
    reported = _reported(
        "A spokesman for the militia denied any role, telling reporters that the charge was a lie by its rivals.\n"
    )
    stances = {s for _, s in reported}
    assert stances == {Stance.DENIES, Stance.ASSERTS}


def test_saying_after_a_comma_inside_the_quote_marks() -> None:
    reported = _reported(
        'Spokesman Karim Nadiri dismissed the report as "baseless," saying it was meant to justify new sanctions.\n'
    )
    assert {s for n, s in reported if n == "Karim Nadiri"} == {Stance.DENIES, Stance.ASSERTS}
    quotes = _quotes(
        'Gen. Hossein Karimi dismissed Washington\'s claim that nobody died as "a lie," '
        "saying the enemy hid its losses.\n"
    )
    assert quotes["a lie"] == "Hossein Karimi"


def test_a_verb_in_a_subordinate_clause_of_a_trailing_attribution_is_not_reported_speech() -> None:
    reported = _reported("The post stayed empty after lawmakers rejected the nominee, parliamentary sources said.\n")
    assert [n for n, _ in reported] == ["parliamentary sources"]
    # Without a trailing attribution the verb is reported speech.
    assert [n for n, _ in _reported("The vote failed after lawmakers rejected the nominee.\n")] == ["lawmakers"]


def test_a_quote_after_a_copula_gives_its_denial_to_the_reported_claim() -> None:
    reported = _reported('The Iraqi Defence Ministry said the move was "not related to the recent strikes."\n')
    assert Stance.DENIES in {s for _, s in reported}
    reported = _reported('The Iraqi Defence Ministry said the move was "planned long ago."\n')
    assert {s for _, s in reported} == {Stance.ASSERTS}


def test_a_quote_right_after_that_it_is_the_clauses_verb() -> None:
    reported = _reported('Syria\'s mission to the UN said in a statement that it "categorically rejects" the report.\n')
    assert Stance.DENIES in {s for _, s in reported}


def test_an_allegation_a_named_body_rejected_is_its_denial() -> None:
    reported = _reported(
        'The navy said the tanker had been "smuggling fuel", an allegation Gulf Star Shipping rejected.\n'
    )
    assert ("Gulf Star Shipping", Stance.DENIES) in reported
