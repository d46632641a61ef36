"""The generalised rules one at a time: single quotes, names and qualifiers, stance, blame, counts, headlines."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mideast_model_text.counts import find_counts

from mideast_model.dataset import Dataset
from mideast_model.model import ActorKind, Predicate, Stance

Importer = Callable[..., Dataset]
HEADER = "Militia Strikes Base\n\nBy Jane Doe, March 13, 2020\n\n"


def quotes(data: Dataset) -> dict[str, str | None]:
    return {c.quote: c.speaker for c in data.claims.values() if c.quote is not None}


def speaker_name(data: Dataset, quote: str) -> str:
    speaker = quotes(data)[quote]
    assert speaker is not None
    return data.actors[speaker].name


@pytest.mark.parametrize(
    ("phrase", "count"),
    [
        ("at least 25 rockets", (25, None, False)),
        ("more than 600 people", (601, None, False)),
        ("nearly 100 attacks", (90, 99, True)),
        ("two Americans and a Briton", (3, 3, False)),
        ("dozens of fighters", (24, 99, True)),
        ("all 176 people on board", (176, 176, False)),
        ("up to 30 rockets", (0, 30, False)),
        ("more than a dozen ballistic missiles", (13, None, False)),
        ("some 5,000 troops", (4500, 5500, True)),
    ],
)
def test_counts_as_ranges(phrase: str, count: tuple[int, int | None, bool]) -> None:
    (found,) = find_counts(f"The strike killed {phrase} overnight.")
    assert (found.value.low, found.value.high, found.value.approximate) == count


def test_no_count_in_dates_and_lone_articles() -> None:
    assert list(find_counts("On March 11, 2020, a civilian spoke to the press in 2019.")) == []


def test_british_single_quotes_and_apostrophes(import_text: Importer) -> None:
    data = import_text(
        HEADER + "'We urge Iran not to repeat these attacks,' Dominic Raab said. Iran's response, officials' views "
        "and O\u2019Brien\u2019s remarks were noted.\n\n\u2018We will not tolerate this,\u2019 a Ministry of Defence "
        "spokesman said.\n"
    )
    assert speaker_name(data, "We urge Iran not to repeat these attacks") == "Dominic Raab"
    assert speaker_name(data, "We will not tolerate this") == "Ministry of Defence spokesman"
    assert len(quotes(data)) == 2


def test_qualified_names_never_collapse(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "Kataeb Hezbollah denied any role. \u201cWe had nothing to do with it,\u201d Kataeb Hezbollah said.\n\n"
        "\u201cWe are watching,\u201d Lebanese Hezbollah said.\n"
    )
    found = quotes(data)
    assert found["We had nothing to do with it"] == "actor:kataib-hezbollah"  # a spelling of the same name
    assert found["We are watching"] == "actor:lebanese-hezbollah"


def test_a_qualifier_keeps_an_unknown_name_apart(import_text: Importer) -> None:
    data = import_text(HEADER + "\u201cWe will respond,\u201d Saraya Hezbollah said in a statement.\n")
    speaker = quotes(data)["We will respond"]
    assert speaker not in ("actor:lebanese-hezbollah", "actor:kataib-hezbollah")


def test_titles_stripped_and_unknown_people_get_their_role(import_text: Importer) -> None:
    data = import_text(
        HEADER + "Iran's civil aviation chief Ali Abedzadeh rejected the claims.\n\n"
        "\u201cThe plane was not hit by a missile,\u201d Abedzadeh said.\n\n"
        "\u201cWe took full responsibility,\u201d said Brig. Gen. Amir Ali Hajizadeh.\n\n"
        "\u201cThe region is calm,\u201d Lt. Col. Myles Caggins said.\n"
    )
    abedzadeh = data.actors[quotes(data)["The plane was not hit by a missile"] or ""]
    assert abedzadeh.name == "Ali Abedzadeh" and abedzadeh.kind is ActorKind.PERSON and not abedzadeh.resolved
    assert abedzadeh.description is not None and "civil aviation chief" in abedzadeh.description
    assert speaker_name(data, "We took full responsibility") == "Amir Ali Hajizadeh"
    assert speaker_name(data, "The region is calm") == "Myles Caggins"


def test_a_different_first_name_is_not_a_known_surname(import_text: Importer) -> None:
    data = import_text(HEADER + "\u201cIt was quiet,\u201d said Susan White, a resident.\n")
    assert quotes(data)["It was quiet"] != "actor:white"


def test_pronouns_follow_the_last_person_of_matching_gender(import_text: Importer) -> None:
    data = import_text(
        HEADER + "Sarah Jones, a spokeswoman for the group, met Gen. Mark Milley on Monday.\n\n"
        "\u201cWe have a plan,\u201d he said. \u201cWe are ready,\u201d she said.\n"
    )
    found = quotes(data)
    assert found["We have a plan"] == "actor:milley"
    assert data.actors[found["We are ready"] or ""].name == "Sarah Jones"


def test_anonymous_speakers_stay_anonymous(import_text: Importer) -> None:
    data = import_text(
        HEADER + "\u201cThe base was hit,\u201d a security source said.\n\n"
        "\u201cRevenge has begun,\u201d state television said.\n\n"
        "\u201cIt bears the hallmarks of the militia,\u201d US officials said.\n"
    )
    found = quotes(data)
    source = data.actors[found["The base was hit"] or ""]
    assert source.kind is ActorKind.GROUP and not source.resolved and source.country is None
    tv = data.actors[found["Revenge has begun"] or ""]
    assert tv.kind is ActorKind.MEDIA and tv.name == "state television"
    assert found["It bears the hallmarks of the militia"] == "actor:american-officials"


def test_stance_of_denials_and_hedges(import_text: Importer) -> None:
    data = import_text(
        HEADER + "Iran denied involvement in the attack.\n\n"
        "Two U.S. officials said the rockets were probably fired by a militia.\n\n"
        "\u201cSuch accusations are baseless,\u201d said Abbas Mousavi, a spokesman.\n"
    )
    reported = {c.evidence: c for c in data.claims.values() if c.predicate is Predicate.STATES and c.quote is None
                and c.speaker}  # fmt: skip
    assert reported["Iran denied involvement in the attack."].stance is Stance.DENIES
    hedged = reported["Two U.S. officials said the rockets were probably fired by a militia."]
    assert hedged.stance is Stance.HEDGES
    quote = next(c for c in data.claims.values() if c.quote == "Such accusations are baseless")
    assert quote.stance is Stance.DENIES
    denial = next(c for c in data.claims.values() if c.predicate is Predicate.RESPONSIBLE_FOR)
    assert denial.subject == "actor:iran" and denial.speaker == "actor:iran" and denial.stance is Stance.DENIES


def test_blame_and_claims_of_responsibility(import_text: Importer) -> None:
    data = import_text(
        HEADER + "U.S. officials blamed Kataib Hezbollah for the attack on Camp Taji.\n\n"
        "The Islamic State claimed responsibility for the bombing.\n"
    )
    blames = {
        (c.speaker, c.subject, c.stance) for c in data.claims.values() if c.predicate is Predicate.RESPONSIBLE_FOR
    }
    assert ("actor:american-officials", "actor:kataib-hezbollah", Stance.ASSERTS) in blames
    assert ("actor:islamic-state", "actor:islamic-state", Stance.ASSERTS) in blames


def test_counts_become_claims_of_the_sentence_event(import_text: Importer) -> None:
    data = import_text(HEADER + "Rockets killed two Americans and a Briton at Camp Taji on Wednesday.\n")
    (count,) = [c for c in data.claims.values() if c.predicate is Predicate.COUNT]
    assert count.value is not None and count.value.count is not None
    assert (count.value.count.low, count.value.count.high) == (3, 3) and count.attribute == "killed"
    assert count.subject in data.events and data.events[count.subject].when.edtf == "2020-03-11"


def test_headline_attributions(import_text: Importer) -> None:
    data = import_text("Iraq's PM: US strike a breach of sovereignty\n\nBy Jane Doe, March 13, 2020\n\nText.\n")
    assert speaker_name(data, "US strike a breach of sovereignty") == "Iraq's PM"
    data = import_text("Strikes were defensive \u2014 Pentagon\n\nBy Jane Doe, March 13, 2020\n\nText.\n")
    assert quotes(data) == {"Strikes were defensive": "actor:us-dod"}


def test_a_tweet_keeps_its_author(import_text: Importer) -> None:
    data = import_text(HEADER + '"All is well!" President Donald Trump wrote on Twitter. "We are assessing."\n')
    assert quotes(data) == {"All is well!": "actor:trump", "We are assessing.": "actor:trump"}


def test_scare_quotes_are_not_quotes(import_text: Importer) -> None:
    data = import_text(HEADER + 'Washington\'s "maximum pressure" campaign failed, analysts say.\n')
    assert quotes(data) == {}
