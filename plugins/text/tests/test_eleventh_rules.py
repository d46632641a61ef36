"""Rules added for the eleventh held-out set's first-run misses (issue 16).

Passages written for these rules (not taken from the held-out sets).
"""

from __future__ import annotations

import datetime as dt

from text_passages import Passages

_DAY = dt.date(2021, 6, 2)


_P = Passages(_DAY)
_quotes, _blames = _P.quotes, _P.blamed


def test_title_with_a_remit_before_the_name() -> None:
    text = '"We will not stop," said Assistant Secretary for Energy and Natural Resources Laura Bennet.'
    assert _quotes(text) == {"We will not stop": "Laura Bennet"}


def test_title_for_and_not_a_pair_of_names() -> None:
    # "and" joins a remit only after "for": two speakers stay two words apart.
    quotes = _quotes('"It is over," said Mahmoud Fayad and Omar Shaker.')
    assert "It is over" in quotes
    assert quotes["It is over"] != "Omar Shaker"


def test_saying_after_has_and_a_past_participle() -> None:
    text = 'Minister Farid Haddad has blamed the smugglers, saying there was "clear evidence" of it.'
    assert _quotes(text) == {"clear evidence": "Farid Haddad"}


def test_dateline_is_not_the_subject() -> None:
    text = 'AMMAN (Petra) – Foreign Minister Farid Haddad has criticised the raid, saying it was "a grave mistake".'
    assert _quotes(text) == {"a grave mistake": "Farid Haddad"}


def test_with_x_saying() -> None:
    text = 'The ministry shut the border, with a senior border official saying it would reopen in "two or three days".'
    assert _quotes(text)["two or three days"] == "border official"


def test_what_it_called_after_a_non_speech_verb() -> None:
    text = 'The Arab League on Sunday published what it called a "road map" for the talks.'
    assert _quotes(text) == {"road map": "Arab League"}


def test_said_x_was_responsible_for() -> None:
    text = "Foreign Minister Farid Haddad said on Monday that Iran was responsible for the blast at the port."
    assert ("Farid Haddad", "Iran") in _blames(text)


def test_said_quoted_term_were_responsible() -> None:
    text = "A police spokesman, Karim Nasser, said \u201carmed gangs\u201d were responsible for the looting."
    assert ("Karim Nasser", "armed gangs") in _blames(text)


def test_responsible_is_not_blame_without_a_reporter() -> None:
    assert _blames("The ministry is responsible for the ports.") == []


def test_quote_inside_claims_by_x_that() -> None:
    text = 'Farid Haddad rejected claims by Omar Shaker that the deal was "dead on arrival," saying talks go on.'
    assert _quotes(text) == {"dead on arrival": "Omar Shaker"}


def test_scare_quote_in_the_name_of_the_one_quoted() -> None:
    text = "State radio quoted an official of the so-called \u201cpeace councils\u201d in Aleppo denying any role."
    assert "peace councils" not in _quotes(text)
    text = "State radio quoted a spokesman for the local \u201cdefence committees\u201d in Aleppo denying any role."
    assert "defence committees" not in _quotes(text)


def test_a_group_calling_itself() -> None:
    text = 'A group calling itself the Free Men of Hama claimed the attack, saying it had hit "the regime barracks."'
    assert _quotes(text) == {"the regime barracks": "Free Men of Hama"}


def test_a_body_named_in_a_place() -> None:
    text = 'A faction calling itself the Popular Front in Basra said it had "no part" in the shooting.'
    assert _quotes(text) == {"no part": "Popular Front in Basra"}


def test_and_blamed_after_a_quoted_object_and_the_clause_limit() -> None:
    text = "The Foreign Ministry condemned the \u201cattack\u201d and blamed Iran, saying Qatar \u201cmay act\u201d."
    blames = _blames(text)
    assert [t for s, t in blames if s.endswith("Foreign Ministry")] == ["Iran"]
    assert all(target != "Qatar" for _, target in blames)


def test_blamed_a_name_and_its_group_noun() -> None:
    text = "The Interior Ministry blamed the Zubair militia for the attack on the pipeline."
    assert [t for s, t in _blames(text) if s.endswith("Interior Ministry")] == ["Zubair militia"]


def test_in_her_words() -> None:
    text = 'Foreign Minister Leila Haddad said talks would go on. In her words, the blockade "cannot last" much longer.'
    assert _quotes(text) == {"cannot last": "Leila Haddad"}
