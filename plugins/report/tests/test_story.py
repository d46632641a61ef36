"""The report as a briefing: the first screen's story, honest dates, label placement, bad input, Markdown order."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from mideast_model_report import BUILTIN_SECTIONS
from mideast_model_report.aggregate import focus_window, monthly_counts, precision_of
from mideast_model_report.builder import render_report
from mideast_model_report.charts import boxes_overlap, place_labels
from report_testdata import network_available

from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.model import Actor, ActorKind, Event, EventKind, Participant, Role


def _story(html: str) -> str:
    return html[
        html.index('<div class="story">') : html.index('<section class="report-section" id="section-escalation')
    ]


# -- the first screen -----------------------------------------------------------------------


def test_the_story_tells_the_period(seed_html: str) -> None:
    story = _story(seed_html)
    assert "Dec 2019 – Mar 2020" in seed_html  # the focus window, not 2003–2020
    for block in ("What happened", "Who blames whom", "Where the sources disagree", "What is uncertain"):
        assert f"<h3>{block}</h3>" in story
    # the key events of the seed, in order, with their dates at their real precision
    titles = re.findall(r'<li value="\d+"><span class="when">([^<]+)</span> <a href="#event-[^"]+">([^<]+)</a>', story)
    assert len(titles) >= 6
    whens = [w for w, _ in titles]
    assert "3 Jan 2020" in whens and "11 Mar 2020" in whens and "12 Mar 2020" in whens
    assert any("Suleimani" in t for _, t in titles) and any("Camp Taji" in t for _, t in titles)
    assert "starts a chain of action and reaction" in story
    # who blames whom: the Theros denial against the US/NYT framing of control
    assert "Iran controls Iraqi Shiite militias" in story and "denied by" in story and "Theros" in story
    # every key event links to the statements it rests on, and every line of the story has a link
    for item in re.findall(r"<li[^>]*>(.*?)</li>", story, flags=re.S):
        assert 'href="#' in item, item[:200]


def test_an_act_whose_author_is_unnamed_is_never_someone_s_act(seed_html: str, seed_md: str) -> None:
    """The Green Zone rockets hit the US; no source names who fired: never "United States → …"."""
    story = _story(seed_html)
    line = next(li for li in re.findall(r"<li[^>]*>(.*?)</li>", story, flags=re.S) if "Green Zone" in li)
    assert "(unattributed) → United States" in line
    assert "United States → (no target)" not in seed_html and "United States → (no target)" not in seed_md
    md_line = next(x for x in seed_md.splitlines() if "Green Zone" in x and x[:3].strip(". ").isdigit())
    assert "(unattributed) → United States" in md_line


def test_markdown_has_the_same_order_and_content(seed_html: str, seed_md: str) -> None:
    html_sections = re.findall(r'<section class="report-section" id="[^"]+" data-section="([^"]+)">', seed_html)
    assert html_sections == [n for n, _, _ in BUILTIN_SECTIONS]
    md_titles = [h.replace("\\", "") for h in re.findall(r"^## \d+\. (.+)$", seed_md, flags=re.M)]
    assert md_titles == [t for _, t, _ in BUILTIN_SECTIONS]
    story_md = seed_md[seed_md.index("### What happened") : seed_md.index("## 2.")]
    blocks = re.findall(r"^### (.+)$", story_md, flags=re.M)
    assert blocks == ["What happened", "Who blames whom", "Where the sources disagree", "What is uncertain"]
    html_titles = re.findall(r'<li value="\d+"><span class="when">[^<]+</span> <a href="#[^"]+">([^<]+)</a>', seed_html)
    for title in html_titles:
        assert title.replace("&#39;", "'") in story_md


# -- dates drawn and counted honestly -----------------------------------------------------------


def _event(i: int, when: str, kind: EventKind = EventKind.ARTILLERY_OR_ROCKET_ATTACK) -> Event:
    return Event(
        id=f"event:e{i}",
        title=f"Event {i}",
        kind=kind,
        when=when,
        participants=(Participant("actor:a", Role.INITIATOR), Participant("actor:b", Role.TARGET)),
    )


def _dataset(events: list[Event]) -> Dataset:
    actors = [
        Actor(id="actor:a", name="Side A", kind=ActorKind.ARMED_GROUP),
        Actor(id="actor:b", name="Side B", kind=ActorKind.STATE),
    ]
    return Dataset([*actors, *events])


def test_a_year_only_event_is_spread_over_its_year_never_placed_in_june() -> None:
    counts = monthly_counts([_event(1, "2018"), _event(2, "2018-03-04"), _event(3, "2018-05")])
    assert counts.months[0] == "2018-01" and counts.months[-1] == "2018-12"
    june = counts.months.index("2018-06")
    assert counts.exact[june] == 0 and counts.spread[june] == pytest.approx(1 / 12)
    assert sum(counts.exact) == 2 and sum(counts.spread) == pytest.approx(1.0)
    assert precision_of(_event(1, "2018").when) == "year"
    assert precision_of(_event(2, "2018-03-04").when) == "day"


def test_the_focus_window_is_where_events_are_dense() -> None:
    events = [_event(0, "2003-03")] + [_event(i, f"2020-03-{i:02d}") for i in range(1, 25)] + [_event(99, "2010/2012")]
    window = focus_window(events)
    assert window is not None
    assert window.start >= dt.date(2019, 12, 1) and window.end == dt.date(2020, 3, 31)
    assert window.first == dt.date(2003, 3, 1) and window.clipped


def test_the_seed_window_and_year_events_in_the_chart(seed: Dataset, seed_html: str) -> None:
    window = focus_window(seed.events.values(), 0.85)
    assert window is not None and (window.start, window.end) == (dt.date(2019, 12, 1), dt.date(2020, 3, 31))
    # the events-per-month chart starts at the window; the 2003 war is context, not a 17-year axis
    assert "with the whole period 2003–2020 as a strip below" in seed_html


# -- network labels ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 600), st.floats(0, 400), st.floats(2, 12), st.floats(10, 120), st.floats(6, 14)),
        min_size=1,
        max_size=30,
    )
)
def test_placed_labels_never_overlap(nodes: list[tuple[float, float, float, float, float]]) -> None:
    anchors = [(x, y, r) for x, y, r, _, _ in nodes]
    sizes = [(w, h) for *_, w, h in nodes]
    bounds = (-20.0, -20.0, 620.0, 420.0)
    boxes = place_labels(anchors, sizes, bounds)
    placed = [b for b in boxes if b is not None]
    for i, a in enumerate(placed):
        assert bounds[0] <= a[0] and a[2] <= bounds[2] and bounds[1] <= a[1] and a[3] <= bounds[3]
        for b in placed[i + 1 :]:
            assert not boxes_overlap(a, b)
        for x, y, r in anchors:
            assert not boxes_overlap(a, (x - r, y - r, x + r, y + r))


@pytest.mark.skipif(not network_available(), reason="the network analysis (mideast-model-dynamics) is not installed")
def test_the_seed_network_labels_are_distinct_and_apart(seed_html: str) -> None:
    svg = seed_html[seed_html.index('<figure class="chart network">') :]
    svg = svg[: svg.index("</figure>")]
    labels = re.findall(r'<g id="network-label-\d+">.*?<text[^>]*>([^<]*)</text>', svg, flags=re.S)
    assert len(labels) >= 8
    assert len(labels) == len(set(labels)), "two nodes carry the same label"
    assert not any(
        label.endswith("…") and label[:-1] in other for label in labels for other in labels if other != label
    )


# -- bad input -------------------------------------------------------------------------------------


def test_nothing_to_report_is_an_error() -> None:
    for dataset in (Dataset(), Dataset([Actor(id="actor:a", name="A", kind=ActorKind.STATE)])):
        for fmt in ("html", "markdown"):
            with pytest.raises(
                InvalidInputError, match=r"^nothing to report: the dataset has no events and no statements"
            ):
                render_report(dataset, fmt)


def test_cli_nothing_to_report_exits_non_zero_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mideast_model.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.json").write_bytes(Dataset([Actor(id="actor:a", name="A", kind=ActorKind.STATE)]).to_json())
    result = CliRunner().invoke(cli, ["report", "-i", "empty.json", "-o", "out.html"])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "nothing to report" in lines[0], result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.html").exists()  # no half-written or empty page


def test_help_says_what_is_summarised() -> None:
    from mideast_model.cli import cli

    result = CliRunner().invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for words in ("top dyads", "per month", "nothing to report"):
        assert words in text, words


def test_a_small_dataset_reports_its_one_event() -> None:
    html = render_report(_dataset([_event(1, "2020-03-11")]), "html")
    assert "No dated events" not in html and "0 events dated to the day" not in html
    assert "Side A → Side B" in html


# -- who acts on whom: directed acts, undirected interactions, agentless events ----------------------


def _md_rows(md: str) -> dict[str, str]:
    """Event title → its "Who → whom" cell in the Markdown list of events."""
    out = {}
    for line in md.splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        if len(cells) >= 6 and cells[0].startswith("| ") and cells[0][2:].isdigit():
            title = re.search(r"\*\*(?:\(\d+\) )?(.+?)\*\*", cells[2])
            if title:
                out[title.group(1).replace("\\", "")] = cells[3]
    return out


def _html_rows(html: str) -> dict[str, str]:
    """Event title → its "Who → whom" cell in the HTML list of events."""
    table = html[html.index('id="timeline-events"') :]
    table = table[: table.index("</table>")]
    out = {}
    for row in re.findall(r"<tr id=\"event-[^\"]+\".*?</tr>", table, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        title = re.search(r"<strong>(?:\(\d+\) )?(.+?)</strong>", cells[2])
        assert title
        out[title.group(1).replace("&#39;", "'").replace("&#34;", '"')] = cells[3].replace("&amp;", "&")
    return out


#: Events of the seed no one acts in, as the articles tell them (The Progressive, Crisis Group).
AGENTLESS = (
    "Major flooding in southern Iran",
    "Oil prices collapse; crude falls below $30 a barrel",
    "COVID-19 outbreak in Iran",
)


def test_an_agentless_event_is_never_drawn_with_an_arrow(seed_html: str, seed_md: str) -> None:
    from mideast_model_report.story import story

    html_rows, md_rows = _html_rows(seed_html), _md_rows(seed_md)
    for title in AGENTLESS:
        for cell in (html_rows[title], md_rows[title]):
            assert "→" not in cell and "unattributed" not in cell, (title, cell)
            assert cell == "no one acting; affects Iran", (title, cell)
    # nor in the story or the sequence chart: no dyad, no lane, no key event
    from mideast_model_report.builder import Report

    seed = _seed()
    s = story(Report(seed, "html"))
    ids = [e.id for e in seed.events.values() if e.title in AGENTLESS]
    assert len(ids) == len(AGENTLESS)
    for event_id in ids:
        assert s.involved[event_id].status == "agentless"
        assert s.dyads_of[event_id] == () and event_id not in s.primary_of
        assert all(event_id not in members for members in s.lane_events.values())
        assert s.number_of(event_id) is None


def test_an_undirected_event_is_not_turned_into_a_direction(seed_md: str) -> None:
    """The December prisoner swap: the US and Iran both take part; neither acts on the other."""
    cell = _md_rows(seed_md)["US–Iran one-for-one prisoner exchange"]
    assert "→" not in cell and "together" in cell and "Iran" in cell and "United States" in cell


def test_a_victim_only_event_made_up_is_agentless() -> None:
    """A disaster that strikes a state is no one's act: never "(unattributed) → the state"."""
    flood = Event(
        id="event:flood",
        title="Floods",
        kind=EventKind.DISASTER,
        when="2020-03-10",
        participants=(Participant("actor:b", Role.VICTIM),),
    )
    html = render_report(_dataset([flood, _event(1, "2020-03-11")]), "html")
    assert "(unattributed) → Side B" not in html
    assert "no one acting; affects Side B" in html


def _seed() -> Dataset:
    from mideast_model.data import seed

    return seed()


def test_an_attack_on_the_us_is_never_drawn_as_a_us_act(seed_html: str, seed_md: str) -> None:
    """Every dyad's left side acts (an initiator, rolled up to its side); the US only attacked stays on the right."""
    from mideast_model_report.builder import Report
    from mideast_model_report.story import UNATTRIBUTED, story

    from mideast_model.analyses.common import Sides

    seed = _seed()
    sides = Sides(seed)
    s = story(Report(seed, "html"))
    on_the_us = []
    for event in seed.events.values():
        day = event.when.midpoint
        acting = {sides.side(p.actor, day) for p in event.participants if p.role is Role.INITIATOR}
        acted_on = {sides.side(p.actor, day) for p in event.participants if p.role in (Role.TARGET, Role.VICTIM)}
        for a, b in s.dyads_of[event.id]:
            assert a in acting or a == UNATTRIBUTED, (event.id, a)
            assert b is None or b in acted_on, (event.id, b)
        if "actor:usa" in acted_on and "actor:usa" not in acting:
            on_the_us.append(event.title)
    # the seed's attacks on the US: Camp Taji, the rockets after it, the Green Zone, the Iranian missiles…
    assert {
        "Rocket attack on Camp Taji kills two Americans and one Briton",
        "More rockets fired into Camp Taji",
    } <= set(on_the_us)
    assert len(on_the_us) >= 8
    md_rows, html_rows = _md_rows(seed_md), _html_rows(seed_html)
    for title in on_the_us:
        for cell in (md_rows[title], html_rows[title]):
            assert not cell.startswith("United States"), (title, cell)
    story_md = seed_md[seed_md.index("### What happened") : seed_md.index("### Who blames whom")]
    for line in story_md.splitlines():
        for title in on_the_us:
            if title in line and re.match(r"\d+\. ", line):
                assert "(United States →" not in line, line


def test_one_dyad_per_event(seed_html: str, seed_md: str) -> None:
    """The Camp Taji rockets hit the coalition, US and British troops: one line, Kataib Hezbollah → United States."""
    for rows in (_md_rows(seed_md), _html_rows(seed_html)):
        assert (
            rows["Rocket attack on Camp Taji kills two Americans and one Briton"] == "Kataib Hezbollah → United States"
        )
        # the March strikes hit Kataib Hezbollah (and killed Iraqi servicemen): the dyad is the strike's target
        assert rows["US strikes five Kataib Hezbollah weapons depots in Iraq"] == "United States → Kataib Hezbollah"
        # the directive also made co-located IRGC members targets (Iran's side, the busier dyad), but it
        # was a plan "to destroy Kataib Hezbollah", as its title says
        directive = "Secret Pentagon directive orders planning for a campaign to destroy Kataib Hezbollah"
        assert rows[directive] == "United States → Kataib Hezbollah"
        assert all(cell.count("→") <= 1 for cell in rows.values()), rows


def test_the_first_screen_leads_with_the_sequence(seed_html: str, seed_md: str) -> None:
    """What an analyst would brief from the seed: Camp Taji (11 Mar) → US strikes (12 Mar) → more rockets (14 Mar)."""
    story = _story(seed_html)
    happened = story[story.index("<h3>What happened</h3>") :]
    assert happened.index('class="chain-line"') < happened.index('<ol class="key-events">')
    chain = re.sub(r"<[^>]+>", "", re.search(r'<p class="chain-line">(.*?)</p>', happened, flags=re.S).group(1))
    steps = [
        "11 Mar 2020",
        "Rocket attack on Camp Taji",
        "1 day later",
        "US strikes five Kataib Hezbollah",
        "2 days later",
    ]
    positions = [chain.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions), chain
    assert "More rockets fired into Camp Taji" in chain and "event:" not in chain
    md_chain = next(line for line in seed_md.splitlines() if line.startswith("**Main action and reaction:**"))
    assert "Rocket attack on Camp Taji" in md_chain and "event:" not in md_chain
    # the answers say what they answer, by number
    numbers = dict(re.findall(r'<li value="(\d+)"><span class="when">[^<]+</span> <a href="#[^"]+">([^<]+)</a>', story))
    taji = next(n for n, t in numbers.items() if t.startswith("Rocket attack on Camp Taji"))
    strikes_line = next(li for li in re.findall(r"<li[^>]*>(.*?)</li>", story, flags=re.S) if "US strikes five" in li)
    assert f"answers ({taji})" in strikes_line
    # who blames whom: the US blames Kataib Hezbollah (and hedges on Iran); the Progressive blames US policy
    blame = story[story.index("<h3>Who blames whom</h3>") : story.index("<h3>Where the sources disagree</h3>")]
    text = re.sub(r"<[^>]+>", "", blame)
    assert "Kataib Hezbollah is responsible for Rocket attack on Camp Taji" in text
    assert "Esper" in text and "hedged by" in text
    assert re.search(r"The Progressive: in its own voice blames United States most", text)
    # the NYT quotes Esper on the militia; it does not itself blame Iran (it reports "no firm evidence")
    nyt = next(line for line in text.splitlines() if "The New York Times:" in line)
    assert "blames no side in its own voice" in nyt and "Mark T. Esper blaming Kataib Hezbollah" in nyt, nyt
    assert "blames Iran" not in nyt and "favours none" not in nyt
    assert "Crisis Group: in its own voice blames both sides (Iran and United States)" in text


def test_a_quoted_voice_is_reported_not_taken_as_the_outlets_blame() -> None:
    """An outlet quoting an official who blames a militia Iran backs: "reports X blaming Y", never "blames Iran"."""
    from mideast_model.model import Claim, Predicate, Relation, RelationPredicate, Source, SourceKind

    objects = [
        Source(id="source:wire", title="Wire", kind=SourceKind.NEWS_REPORT),
        Actor(id="actor:usa", name="United States", kind=ActorKind.STATE, country="USA"),
        Actor(id="actor:iran", name="Iran", kind=ActorKind.STATE, country="IRN"),
        Actor(id="actor:kh", name="Kataib Hezbollah", kind=ActorKind.ARMED_GROUP, country="IRQ"),
        Actor(id="actor:sec", name="Defense Secretary", kind=ActorKind.PERSON, country="USA"),
        Relation(id="rel:b", subject="actor:iran", predicate=RelationPredicate.BACKS, object="actor:kh"),
        Event(
            id="event:taji",
            kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
            when="2020-03-11",
            title="Rockets hit the base",
            participants=(Participant("actor:kh", Role.INITIATOR), Participant("actor:usa", Role.TARGET)),
        ),
        *(
            Claim(
                id=f"claim:q{i}",
                source="source:wire",
                subject="actor:kh",
                predicate=Predicate.RESPONSIBLE_FOR,
                object="event:taji",
                attribute="provocation",
                speaker="actor:sec",
                quote=q,
            )
            for i, q in enumerate(("You don't get to kill Americans and get away with it", "They will pay"))
        ),
    ]
    md = render_report(Dataset.from_objects(objects), "markdown")
    blame = md[md.index("### Who blames whom") : md.index("### Where the sources disagree")]
    line = re.sub(r"\]\([^)]*\)", "]", next(x for x in blame.splitlines() if "Wire" in x))
    assert "blames no side in its own voice" in line and "[Defense Secretary blaming Kataib Hezbollah]" in line, line
    assert "blames [Iran]" not in line and "blames Iran" not in line


def test_a_threat_is_not_painted_as_an_attack() -> None:
    """A threat of force scores −7 on the Goldstein scale like a raid; its CAMEO code (13x) says it is a threat."""
    from mideast_model_report.charts import HOSTILE_SOFT, VIOLENT, act_category, severity_colour

    assert act_category("138", -7.0) == "hostile"
    assert act_category("194", -10.0) == "violent" and act_category("175") == "violent"
    assert act_category("043", 2.8) == "other" and act_category(None, None) is None
    assert severity_colour(-7.0, "hostile") == HOSTILE_SOFT
    assert severity_colour(-7.0) == VIOLENT  # without a code, only the score is there to go by


def test_arrow_labels_sit_on_the_arrow() -> None:
    from mideast_model_report.charts import _arc_point

    a, b = (10.0, 0.5), (12.0, 3.0)
    assert _arc_point(a, b, 0.25, 0.0, 5.0, 44.0) == pytest.approx(a)
    assert _arc_point(a, b, 0.25, 1.0, 5.0, 44.0) == pytest.approx(b)
    middle = _arc_point(a, b, 0.25, 0.5, 5.0, 44.0)
    assert a[1] < middle[1] < b[1] and middle[0] != pytest.approx((a[0] + b[0]) / 2)  # bulged off the chord


class _Chains:
    def __init__(self, chains: list[list[str]]) -> None:
        self.chains = [{"actions": [{"event": e, "day": "2020-01-01"} for e in c]} for c in chains]

    def analysis(self, name: str, **params: object) -> dict[str, object]:
        assert name == "titfortat"
        return {"chains": self.chains}


def test_only_maximal_chains_are_told() -> None:
    from mideast_model_report.story import _chains

    kept = _chains(_Chains([["a", "b"], ["a", "b", "c"], ["b", "c"], ["a", "b", "c"], ["d", "e"], ["e"]]))  # type: ignore[arg-type]
    assert [[a["event"] for a in c["actions"]] for c in kept] == [["a", "b", "c"], ["d", "e"]]


def test_too_many_acts_zoom_on_the_busiest_months(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the drawing limit the chart shows the busiest months act by act, not a blur of shading."""
    import mideast_model_report.sections.escalation as escalation

    # a quiet year of one act a month, then a burst in June 2021, then quiet again
    events = [_event(i, f"2020-{i:02d}-10") for i in range(1, 13)]
    events += [_event(100 + d, f"2021-06-{d:02d}") for d in range(1, 29)]
    events += [_event(200 + i, f"2021-{i:02d}-15") for i in (1, 2, 3, 4, 8, 9, 10, 11, 12)]
    dataset = _dataset(events)
    monkeypatch.setattr(escalation, "MAX_MARKS", 30)
    html = render_report(dataset, "html")
    md = render_report(dataset, "markdown")
    assert "the chart shows its busiest months" in html
    zoom = re.search(r"busiest months, (\w+ \d{4}) – (\w+ \d{4})", html)
    assert zoom is not None
    first, last = (dt.datetime.strptime(g, "%b %Y").date() for g in zoom.groups())
    assert first <= dt.date(2021, 6, 1) <= last, zoom.groups()
    assert "The busiest months of the main dyads are" in md
    monkeypatch.setattr(escalation, "MAX_MARKS", 400)
    assert "busiest months" not in render_report(dataset, "html")


def test_busiest_months_picks_the_burst() -> None:
    from mideast_model_report.builder import Report
    from mideast_model_report.sections.escalation import busiest_months
    from mideast_model_report.story import story

    events = [_event(i, f"2020-{i:02d}-10") for i in range(1, 13)]
    events += [_event(100 + d, f"2020-06-{d:02d}") for d in range(1, 29)]
    dataset = _dataset(events)
    s = story(Report(dataset, "html"))
    assert busiest_months(dataset, s, 29, longest=1) == (dt.date(2020, 6, 1), dt.date(2020, 6, 30))
    assert busiest_months(dataset, s, 5, longest=3) is None  # June alone is too full: no zoom on a quiet month
    three = busiest_months(dataset, s, 40, longest=3)
    assert three is not None and three[0] <= dt.date(2020, 6, 1) and three[1] >= dt.date(2020, 6, 30)


def test_the_answer_rate_counts_each_act_under_its_own_dyad(seed_md: str) -> None:
    """Camp Taji also hit the coalition and a Briton: "Kataib Hezbollah → U.S.-led coalition" is no row of its own."""
    table = seed_md[seed_md.index("### Answer rate per dyad") : seed_md.index("## 4.")]
    dyads = [line.split(" | ")[0].lstrip("| ") for line in table.splitlines() if line.startswith("| ") and "→" in line]
    assert "Kataib Hezbollah → United States" in dyads and "United States → Kataib Hezbollah" in dyads
    assert "Kataib Hezbollah → U.S.-led coalition" not in dyads and "Kataib Hezbollah → United Kingdom" not in dyads
    assert "are not listed again" in table


def _rockets_then_strikes(blamed: bool) -> Dataset:
    """Militia rockets on US troops (Sep–Dec 2019, no actor named), then US strikes on the militia (29 Dec)."""
    from mideast_model.model import Claim, Predicate, Source, SourceKind

    objects = [
        Source(id="source:wire", title="Wire", kind=SourceKind.NEWS_REPORT),
        Actor(id="actor:usa", name="United States", kind=ActorKind.STATE, country="USA"),
        Actor(id="actor:kh", name="Kataib Hezbollah", kind=ActorKind.ARMED_GROUP, country="IRQ"),
        Event(
            id="event:rockets",
            title="A dozen rocket attacks on US troops",
            kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
            when="2019-09/2019-12",
            participants=(Participant("actor:usa", Role.TARGET),),
        ),
        Event(
            id="event:strikes",
            title="US airstrikes on Kataib Hezbollah",
            kind=EventKind.AIRSTRIKE,
            when="2019-12-29",
            participants=(Participant("actor:usa", Role.INITIATOR), Participant("actor:kh", Role.TARGET)),
        ),
    ]
    if blamed:
        objects.append(
            Claim(
                id="claim:blamed",
                source="source:wire",
                subject="actor:kh",
                predicate=Predicate.RESPONSIBLE_FOR,
                object="event:rockets",
                speaker="actor:usa",
            )
        )
    return Dataset.from_objects(objects)


def _key_line(md: str, title: str) -> str:
    return next(x for x in md.splitlines() if title in x and x[:3].strip(". ").isdigit())


def test_the_first_violent_act_counts_both_ways_and_blamed_acts() -> None:
    """Strikes that follow rocket attacks blamed on their target are not "the first violent act between these sides"."""
    md = render_report(_rockets_then_strikes(blamed=True), "markdown")
    strikes = _key_line(md, "US airstrikes on Kataib Hezbollah")
    rockets = _key_line(md, "A dozen rocket attacks")
    assert "first violent act between these sides" not in strikes, strikes
    assert f"follows ({rockets.split('.')[0]})" in strikes, strikes
    # no one blamed for the rockets: the strikes are the first act between the two
    md = render_report(_rockets_then_strikes(blamed=False), "markdown")
    assert "first violent act between these sides" in _key_line(md, "US airstrikes on Kataib Hezbollah")


def test_the_act_that_precedes_the_first_us_act_stays_a_key_event(seed_md: str) -> None:
    """The seed: "about a dozen rocket attacks" blamed on Kataib Hezbollah come before the December US strikes."""
    rockets = _key_line(seed_md, "About a dozen rocket attacks")
    december = _key_line(seed_md, "American airstrikes kill members of Kataib Hezbollah")
    assert "first violent act between these sides" not in december
    assert f"follows ({rockets.split('.')[0]})" in december, december


def test_a_possible_answer_is_shown_apart_not_in_the_rate_or_the_median(seed_md: str, seed_html: str) -> None:
    """A month-dated reply ("Jan 2020" Iranian missile strikes) is a possible answer: no made-up delay or median."""
    from mideast_model.analyses import titfortat
    from mideast_model.data import seed

    stats = {(d.actor, d.target): d for d in titfortat.run(seed()).dyads}
    us_iran = stats[("actor:usa", "actor:iran")]
    assert us_iran.possible == 1 and us_iran.answered == 0 and us_iran.median_delay is None and us_iran.share == 0.0
    answer_rate = seed_md[seed_md.index("### Answer rate per dyad") :]
    row = next(x for x in answer_rate.splitlines() if x.startswith("| United States → Iran |"))
    assert row.endswith("| – | 1 |") and "100%" not in row and "13.0" not in row, row
    chain = next(x for x in seed_md.splitlines() if "Iranian missile strikes" in x and "Suleimani" in x and "→ *" in x)
    assert "possible answer, date known only to the month" in chain and "13 d" not in chain, chain
    # nor on the sequence chart's dashed arrow
    assert "possible answer" in seed_html and "13 d" not in seed_html
