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
