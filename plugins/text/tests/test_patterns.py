"""Quote and speaker patterns on small articles written for the purpose."""

from __future__ import annotations

from collections.abc import Callable

from mideast_model.dataset import Dataset
from mideast_model.model import ActorKind

Importer = Callable[..., Dataset]

HEADER = "Baghdad Briefing: Rockets Hit Base\n\nBy Jane Doe, March 27, 2020\n\n"


def quotes(dataset: Dataset) -> dict[str, str | None]:
    return {c.quote: c.speaker for c in dataset.claims.values() if c.quote is not None}


def test_said_x_and_x_said_with_straight_quotes(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + '"We will respond," said Mark Esper, the defense secretary.\n\n'
        + '"The base was hit twice," General White said.\n\n'
        + 'Secretary Esper said: "We are ready."\n'
    )
    assert quotes(data) == {
        "We will respond": "actor:esper",
        "The base was hit twice": "actor:white",
        "We are ready.": "actor:esper",
    }


def test_quote_over_two_paragraphs(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "\u201cThe militias are not Iranian controlled,\u201d Theros tells me. \u201cThey act alone.\n\n"
        + "\u201cNobody can give them orders.\u201d\n\n"
        + "Another paragraph follows.\n"
    )
    found = quotes(data)
    assert found["The militias are not Iranian controlled"] == "actor:theros"
    assert found["They act alone.\n\nNobody can give them orders."] == "actor:theros"


def test_speaker_from_previous_sentence_and_pronoun(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "The strikes were a mistake, according to Nader Talebzadeh, an analyst in Iran. "
        + "\u201cIt unified the people,\u201d he tells me.\n\n"
        + "Theros says the world should wait. \u201cThey will be back.\u201d\n"
    )
    found = quotes(data)
    assert found["It unified the people"] == "actor:talebzadeh"
    assert found["They will be back."] == "actor:theros"


def test_titles_and_roles_resolve_by_surname(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "In a memo, the commander, Lt. Gen. Robert P. White, wrote to the Pentagon.\n\n"
        + "\u201cThis is risky,\u201d the commander said.\n\n"
        + "\u201cWe will hold them accountable,\u201d Mr. Esper said.\n\n"
        + "\u201cThe threat is very high,\u201d said Gen. Kenneth F. McKenzie Jr., the head of Central Command.\n"
    )
    assert quotes(data) == {
        "This is risky": "actor:white",
        "We will hold them accountable": "actor:esper",
        "The threat is very high": "actor:mckenzie",
    }


def test_anonymous_and_unknown_speakers_become_new_actors(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "\u201cThe militia is regrouping,\u201d said two Iraqi security officials.\n\n"
        + "\u201cWe heard three blasts,\u201d said Ahmed Kareem, a shopkeeper near the base.\n\n"
        + "\u201cIt was quiet again by morning,\u201d Mr. Kareem said.\n"
    )
    found = quotes(data)
    group = data.actors[found["The militia is regrouping"] or ""]
    assert group.kind is ActorKind.GROUP and not group.resolved
    assert group.name == "Iraqi security officials"
    person = data.actors[found["We heard three blasts"] or ""]
    assert person.kind is ActorKind.PERSON and person.name == "Ahmed Kareem" and not person.resolved
    assert found["It was quiet again by morning"] == person.id


def test_known_anonymous_groups_resolve_to_the_seed(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "\u201cThe attack was planned,\u201d a senior U.S. military official said.\n\n"
        + "The militias are independent, several regional specialists said.\n"
    )
    assert quotes(data) == {"The attack was planned": "actor:senior-us-military-official"}
    reported = {c.speaker for c in data.claims.values() if c.id.split(":")[-2] == "reported"}
    assert "actor:regional-specialists" in reported
    assert data.actors["actor:regional-specialists"].kind is ActorKind.GROUP


def test_scare_quotes_and_titles_are_not_quotes(import_text: Importer) -> None:
    data = import_text(
        HEADER
        + "Trump can continue his \u201cmaximum pressure campaign\u201d against Iran.\n\n"
        + "The film \u201cBaghdad Nights\u201d opened in March.\n"
    )
    assert quotes(data) == {}


def test_no_header_uses_the_published_option(import_text: Importer) -> None:
    data = import_text(
        "Rockets hit Camp Taji\n\nRockets hit Camp Taji on Wednesday, \u201cin a barrage,\u201d officials said.\n",
        published="2020-03-27",
    )
    (source,) = data.sources.values()
    assert source.title == "Rockets hit Camp Taji"
    assert source.published is not None and source.published.edtf == "2020-03-27"
    whens = {e.when.edtf for e in data.events.values()}
    assert whens == {"2020-03-25"}
    (event,) = data.events.values()
    assert event.place is not None and event.place.name == "Camp Taji" and event.place.country == "IRQ"


def test_options_turn_off_mentions_and_events(import_text: Importer) -> None:
    data = import_text(HEADER + "Iran fired rockets at Camp Taji on Wednesday.\n", mentions=False, events=False)
    assert not data.events
    assert not [c for c in data.claims.values() if c.attribute == "mention"]


def test_bad_options_are_clear_errors(import_text: Importer) -> None:
    import pytest

    from mideast_model.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="published: expected an ISO date"):
        import_text(HEADER + "Text.\n", published="27/03/2020")
    with pytest.raises(InvalidInputError, match="max_bytes: expected a number"):
        import_text(HEADER + "Text.\n", max_bytes="lots")
    with pytest.raises(InvalidInputError, match="mentions: expected true or false"):
        import_text(HEADER + "Text.\n", mentions="maybe")
    data = import_text(HEADER + "Iran warned on Wednesday.\n", mentions="false", events="0")
    assert not data.events and not [c for c in data.claims.values() if c.attribute == "mention"]


def test_a_wire_story(importer: Importer) -> None:
    """A wire-service story written for these tests: another outlet, other attribution styles."""
    from pathlib import Path

    data = importer(Path(__file__).parent / "fixtures" / "wire.txt")
    (source,) = data.sources.values()
    assert source.publisher == "Reuters"
    assert source.title == "Iraq Summons US Envoy After Strikes Near Baghdad"
    assert source.authors == ("John Davison", "Ahmed Rasheed")
    assert source.published is not None and source.published.edtf == "2020-01-06"
    found = quotes(data)
    mahdi = data.actors[found["These strikes are a violation of Iraqi sovereignty"] or ""]
    assert mahdi.name == "Adel Abdul Mahdi" and mahdi.kind is ActorKind.PERSON
    assert found["We cannot accept this."] == mahdi.id  # He added: "…"
    mohie = data.actors[found["Our response will be very tough on the American forces in Iraq"] or ""]
    assert mohie.name == "Mohammed Mohie"  # "A spokesman for Kataib Hezbollah, Mohammed Mohie, said"
    assert found["not stand by"] == "actor:pompeo"
    assert found["We will take decisive action"] == "actor:pompeo"
    reported = {c.evidence: c.speaker for c in data.claims.values() if c.id.split(":")[-2] == "reported"}
    sources = reported["No casualties were reported, the sources said."]
    assert sources == reported["Two Iraqi security sources said three rockets landed near the U.S. embassy on Tuesday."]
    assert data.actors[sources or ""].kind is ActorKind.GROUP
    ministry = next(a for a in data.actors.values() if a.name == "Iraq's foreign ministry")
    assert ministry.kind is ActorKind.GOVERNMENT_BODY and not ministry.resolved
    whens = {e.when.edtf for e in data.events.values()}
    assert "2020-01-05" in whens  # "on Sunday", published on Monday 6 January


def test_a_second_wire_story(importer: Importer) -> None:
    """Anonymous officials, "the official said", "the statement said", she said, a quote over paragraphs."""
    from pathlib import Path

    data = importer(Path(__file__).parent / "fixtures" / "wire2.txt")
    (source,) = data.sources.values()
    assert source.publisher == "AP" and source.published is not None and source.published.edtf == "2020-01-27"
    found = quotes(data)
    official = found["One rocket hit a dining facility at dinnertime"]
    assert official is not None and official.startswith("actor:text:iraqi-security-official-")
    assert data.actors[official].name == "Iraqi security official"
    assert data.actors[official].kind is ActorKind.GROUP
    mahdi = found["The government will take all measures to protect diplomatic missions"]
    assert "Adel Abdul-Mahdi" in data.actors[mahdi or ""].names()  # "… in a statement." then "the statement said"
    jones = found["We have documented dozens of these incidents since October"]
    assert data.actors[jones or ""].name == "Sarah Jones"  # "she said"
    assert found["The pattern is clear.\n\nNobody is being held to account."] == jones
    reported = {c.evidence: c.speaker for c in data.claims.values() if c.id.split(":")[-2] == "reported"}
    assert reported["The official said there were injuries but did not elaborate."] == official
    according = next(e for e in reported if e and e.startswith("According to the U.S. military"))
    assert reported[according] == "actor:us-military"


def test_spellings_of_a_well_known_new_name_share_one_id_and_files_merge(importer: Importer) -> None:
    """The gazetteer's spellings of one person ("Abdul Mahdi", "Abdul-Mahdi") are one new actor; files merge."""
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    first, second = importer(fixtures / "wire.txt"), importer(fixtures / "wire2.txt")
    both = [a for a in (*first.actors.values(), *second.actors.values()) if "Adel Abdul-Mahdi" in a.names()]
    assert len(both) == 2 and len({a.id for a in both}) == 1, both
    merged = first.merge(second)
    (mahdi,) = [a for a in merged.actors.values() if "Adel Abdul-Mahdi" in a.names()]
    assert mahdi.name == "Adel Abdul Mahdi" and not mahdi.resolved


def test_unknown_spellings_keep_their_own_ids() -> None:
    """Names the gazetteer does not know keep a digest of the exact name: two spellings, two ids."""
    from mideast_model_text.actors import ActorResolver

    resolver = ActorResolver(lambda name, context: None)
    one, two = resolver.new_person("Karim Abdul Zahra"), resolver.new_person("Karim Abdul-Zahra")
    assert one.id != two.id and one.name == "Karim Abdul Zahra"
