"""The report in a real browser: headless Chromium, driven over the DevTools protocol (report_browser).

Checks what grepping cannot: nothing runs but the report's own hashed script (no console
error, no CSP violation, no dialog, ``window.__pwned`` unset), nothing is fetched (the only
request is the file itself), the default view fits in 15 screens at 1400×900, nothing
overflows sideways at 420 px, links open collapsed statement cards (with scripts and
without), the filters work, network labels do not overlap, and the page prints to fewer
than 20 PDF pages none of which is blank. Screenshots are kept in ``tests/output/``
(git-ignored) for a human to look at.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mideast_model_report import BUILTIN_SECTIONS
from mideast_model_report.builder import page_script, render_report
from report_browser import LABEL_BOXES, Chromium, PageReport, chromium, open_page, pdf_pages
from report_testdata import chromium_path, network_available

from mideast_model.dataset import Dataset

pytestmark = pytest.mark.browser

TITLES = [title for _, title, _ in BUILTIN_SECTIONS]
NAMES = [name for name, _, _ in BUILTIN_SECTIONS]
DESKTOP = (1400, 900)
NARROW = (420, 900)


@pytest.fixture(scope="module")
def chromium_exe() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("headless Chromium not found (Debian: apt-get install chromium; or set CHROMIUM=/path)")
    return path


@pytest.fixture(scope="module")
def seed_page(seed_html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "seed-report.html"
    page.write_text(seed_html, encoding="utf-8")
    return page


@pytest.fixture
def browser(chromium_exe: str) -> Iterator[Chromium]:
    with chromium(chromium_exe, width=DESKTOP[0], height=DESKTOP[1]) as b:
        yield b


def _check_inert(result: PageReport, *, own_script: bool = True) -> None:
    assert result.console_errors == [], result.console_errors
    assert result.errors == [], result.errors
    assert result.dialogs == [], result.dialogs
    assert result.pwned is None, "an injected payload ran"
    assert result.requests == [result.url], f"the page fetched something: {result.requests}"
    expected = [page_script()[0]] if own_script else []
    assert result.dom["script_texts"] == expected, "a script other than the report's own is on the page"
    assert result.dom["images"] == 0
    assert result.dom["on_attributes"] == 0
    assert result.dom["unsafe_links"] == 0


def _keep(shot: Path, keep: Path, name: str) -> None:
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, keep / name)


def test_seed_report_in_chromium(browser: Chromium, seed_page: Path, tmp_path: Path, keep_output: Path) -> None:
    url = browser.open(seed_page)
    result = browser.report(url)
    _check_inert(result)
    assert result.sections == NAMES
    assert [re.sub(r"^\d+\s*", "", h) for h in result.headings] == TITLES
    assert result.dom["svgs"] >= (5 if network_available() else 3)  # wide and narrow drawings
    assert "Rocket attack on Camp Taji" in result.text
    # the default view (cards collapsed) is short: under 15 screens of 900 px
    assert result.metrics["open_details"] <= 4  # the first findings, nothing else
    assert result.metrics["scroll_height"] < 15 * DESKTOP[1], result.metrics
    assert result.metrics["scroll_width"] <= result.metrics["inner_width"]
    # the first screen holds the story: key events, blame, disagreements, uncertainty, with links to evidence
    first = browser.evaluate(
        "Array.from(document.querySelectorAll('.story-block h3'))"
        ".filter(h => h.getBoundingClientRect().top < innerHeight).map(h => h.innerText)"
    )
    assert [h.lower() for h in first][:3] == ["what happened", "who blames whom", "where the sources disagree"], first
    links = browser.evaluate(
        "Array.from(document.querySelectorAll('.story a[href^=\"#claim-\"]')).filter(a => document.getElementById("
        "a.getAttribute('href').slice(1))).length"
    )
    assert links >= 10
    _keep(browser.screenshot(tmp_path / "top.png"), keep_output, "seed-desktop-top.png")
    _keep(browser.screenshot(tmp_path / "full.png", full=True), keep_output, "seed-desktop-full.png")
    _keep(browser.screenshot_of("figure.sequence", tmp_path / "seq.png"), keep_output, "seed-desktop-escalation.png")
    if network_available():
        _keep(browser.screenshot_of("figure.network", tmp_path / "net.png"), keep_output, "seed-desktop-network.png")


def test_seed_report_at_420px(chromium_exe: str, seed_page: Path, tmp_path: Path, keep_output: Path) -> None:
    with chromium(chromium_exe, width=NARROW[0], height=NARROW[1]) as browser:
        url = browser.open(seed_page)
        result = browser.report(url)
        _check_inert(result)
        metrics = result.metrics
        assert metrics["inner_width"] == NARROW[0]
        assert metrics["scroll_width"] <= metrics["inner_width"], metrics  # no sideways scrolling
        shown = browser.evaluate(
            "Array.from(document.querySelectorAll('.chart-wide, .chart-narrow'))"
            ".map(e => e.className + ':' + getComputedStyle(e).display)"
        )
        assert "chart-narrow:block" in shown and "chart-wide:block" not in shown, shown
        # no word is broken mid-word: the page does not wrap anywhere but at spaces and hyphens
        wrapping = browser.evaluate(
            "Array.from(new Set(Array.from(document.querySelectorAll('td, p, li, h1, h2, h3'))"
            ".map(e => getComputedStyle(e).overflowWrap + '/' + getComputedStyle(e).wordBreak)))"
        )
        assert all(w.split("/")[0] in ("normal", "break-word") and w.split("/")[1] == "normal" for w in wrapping)
        _keep(browser.screenshot(tmp_path / "top.png"), keep_output, "seed-420-top.png")
        _keep(browser.screenshot_of("figure.sequence", tmp_path / "seq.png"), keep_output, "seed-420-escalation.png")
        if network_available():
            _keep(browser.screenshot_of("figure.network", tmp_path / "net.png"), keep_output, "seed-420-network.png")


#: Whether the content of a card (its meta line) is rendered, not only its one-line summary.
BODY_SHOWN = (
    "(() => { const m = document.getElementById(ID).querySelector('.meta');"
    " return m.getBoundingClientRect().height > 0; })()"
)


def _first_story_claim(html: str) -> str:
    """The anchor of the first statement the story links to (read from the page's HTML)."""
    story = html[html.index('class="story"') :]
    found = re.search(r'href="(#claim-[^"]+)"', story)
    assert found, "the story links to no statement"
    return found.group(1)


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
def test_a_link_opens_its_collapsed_card(chromium_exe: str, seed_html: str, seed_page: Path, scripts: bool) -> None:
    href = _first_story_claim(seed_html)
    state = f"(() => {{ const el = document.getElementById({href[1:]!r}); return [el.tagName, el.open]; }})()"
    with chromium(chromium_exe, scripts=scripts) as browser:
        browser.open(seed_page)
        assert browser.evaluate(state) == ["DETAILS", False]  # collapsed by default
    with chromium(chromium_exe, scripts=scripts) as browser:
        browser.open(seed_page, fragment=href)  # arriving from elsewhere on a link to the statement
        tag, opened = browser.evaluate(state)
        assert tag == "DETAILS"
        # with scripts the card is opened; without, the stylesheet shows the content of the targeted card
        assert opened or not scripts, "following a link to a statement does not open its card"
        assert browser.evaluate(BODY_SHOWN.replace("ID", repr(href[1:]))), "the card's content is not shown"
        visible = browser.evaluate(
            f"(() => {{ const r = document.getElementById({href[1:]!r}).getBoundingClientRect();"
            " return r.height > 0 && r.top >= -2 && r.top < innerHeight; })()"
        )
        assert visible
        result = browser.report(seed_page.resolve().as_uri())
        assert result.console_errors == [] and result.errors == []


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
def test_clicking_a_finding_opens_the_card(chromium_exe: str, seed_html: str, seed_page: Path, scripts: bool) -> None:
    href = _first_story_claim(seed_html)
    with chromium(chromium_exe, scripts=scripts) as browser:
        browser.open(seed_page)
        browser.evaluate(f"document.querySelector('.story a[href=' + {json.dumps(json.dumps(href))} + ']').click()")
        browser.settle(0.3)
        assert browser.evaluate("location.hash") == href
        assert browser.evaluate(f"document.getElementById({href[1:]!r}).open") is scripts
        assert browser.evaluate(BODY_SHOWN.replace("ID", repr(href[1:]))), "the card's content is not shown"


def test_filters(chromium_exe: str, seed_page: Path) -> None:
    with chromium(chromium_exe) as browser:
        browser.open(seed_page)
        assert browser.evaluate("document.getElementById('statement-filters').hidden") is False
        total = browser.evaluate("document.querySelectorAll('details.statement').length")
        options = browser.evaluate(
            "Array.from(document.querySelectorAll('select[data-facet=source] option')).map(o => o.value).filter(v => v)"
        )
        assert len(options) >= 3
        counts = []
        for value in options:
            counts.append(
                browser.evaluate(
                    "(() => { const s = document.querySelector('select[data-facet=source]');"
                    f" s.value = {value!r}; s.dispatchEvent(new Event('change'));"
                    " return document.querySelectorAll('details.statement:not([hidden])').length; })()"
                )
            )
        assert all(0 < n < total for n in counts) and sum(counts) == total  # each card under exactly one source
        speaker = browser.evaluate(
            "(() => { const s = document.querySelector('select[data-facet=source]'); s.value = '';"
            " s.dispatchEvent(new Event('change'));"
            " const t = document.querySelector('select[data-facet=speaker]'); t.selectedIndex = 1;"
            " t.dispatchEvent(new Event('change'));"
            " const shown = Array.from(document.querySelectorAll('details.statement:not([hidden])'));"
            " return [shown.length, shown.every(c => c.dataset.speaker === t.value)]; })()"
        )
        assert speaker[0] > 0 and speaker[1]
    with chromium(chromium_exe, scripts=False) as browser:  # without scripts the filters are not shown at all
        browser.open(seed_page)
        assert browser.evaluate("getComputedStyle(document.getElementById('statement-filters')).display") == "none"


def _overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    bad = []
    for a, b in itertools.combinations(boxes, 2):
        if a["x0"] < b["x1"] - 0.5 and b["x0"] < a["x1"] - 0.5 and a["y0"] < b["y1"] - 0.5 and b["y0"] < a["y1"] - 0.5:
            bad.append((a["text"], b["text"]))
    return bad


@pytest.mark.skipif(not network_available(), reason="the network analysis (mideast-model-dynamics) is not installed")
@pytest.mark.parametrize("width", [DESKTOP[0], NARROW[0]])
def test_network_labels_do_not_overlap(chromium_exe: str, seed_page: Path, width: int) -> None:
    with chromium(chromium_exe, width=width) as browser:
        browser.open(seed_page)
        charts = browser.evaluate(LABEL_BOXES)
        key = "network" if width == DESKTOP[0] else "network-narrow"
        boxes = charts[key]
        assert len(boxes) >= 8
        assert _overlaps(boxes) == []
        texts = [b["text"] for b in boxes]
        assert len(texts) == len(set(texts)), "two nodes carry the same label"


def test_report_prints(browser: Chromium, seed_page: Path, tmp_path: Path, keep_output: Path) -> None:
    browser.open(seed_page)
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    assert browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    assert browser.evaluate("getComputedStyle(document.querySelector('.chart-wide')).display") == "block"
    browser.call("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.pdf(tmp_path / "seed-report.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert 1 < len(pages) < 20, len(pages)
    blank = [i + 1 for i, text in enumerate(pages) if len(text.strip()) < 40]
    assert blank == [], f"blank pages: {blank}"
    # no word broken across lines mid-word (the old "Congres s")
    assert not re.search(r"\bCongres\s+s\b", "\n".join(pages))
    shutil.copyfile(pdf, keep_output / "seed-report.pdf")


def test_hostile_report_runs_nothing(chromium_exe: str, hostile: Dataset, tmp_path: Path, keep_output: Path) -> None:
    html = render_report(hostile, "html")
    page = tmp_path / "hostile-report.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "hostile-report.png"
    result = open_page(chromium_exe, page, shot)
    _check_inert(result)
    assert result.sections == NAMES
    # the payloads are on the page as text (inside collapsed cards too: innerText skips closed details,
    # so the text is read from the DOM)
    with chromium(chromium_exe) as browser:
        browser.open(page)
        text = browser.evaluate("document.body.textContent")
    assert "<script>window.__pwned=1;alert('script')</script>" in text
    assert "<img src=x onerror=\"window.__pwned=1;alert('img')\">" in text
    assert '"]]><script>window.__pwned=1</script><![CDATA[' in text
    _keep(shot, keep_output, "hostile-report.png")

    # The page's CSP allows only the report's own script; take it away to show the escaping alone holds.
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert bare != html
    page_bare = tmp_path / "hostile-report-no-csp.html"
    page_bare.write_text(bare, encoding="utf-8")
    _check_inert(open_page(chromium_exe, page_bare))


def test_a_changed_script_is_blocked(chromium_exe: str, seed_html: str, tmp_path: Path) -> None:
    """Control: the CSP hash pins the script; an edited script is refused and the refusal is caught."""
    script = page_script()[0]
    page = tmp_path / "tampered.html"
    page.write_text(seed_html.replace(script, script + "\nwindow.__pwned = 1;"), encoding="utf-8")
    result = open_page(chromium_exe, page)
    assert result.pwned is None
    assert any("Content Security Policy" in e or "Content-Security-Policy" in e for e in result.console_errors)


def test_hostile_markdown_rendered_runs_nothing(chromium_exe: str, hostile: Dataset, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    md = render_report(hostile, "markdown")
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    page = tmp_path / "hostile-markdown.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8"
    )
    result = open_page(chromium_exe, page)
    _check_inert(result, own_script=False)
    assert "<script>window.__pwned=1;alert('script')</script>" in result.text


def test_the_probe_catches_an_injection(chromium_exe: str, tmp_path: Path) -> None:
    """Control: the same checks on a page that does not escape do fail (the test can fail)."""
    from report_testdata import IMG, SCRIPT

    page = tmp_path / "unescaped.html"
    page.write_text(f"<!DOCTYPE html><html><body><h1>{SCRIPT}</h1><p>{IMG}</p></body></html>", encoding="utf-8")
    result = open_page(chromium_exe, page)
    assert result.pwned == 1
    assert result.dialogs
    assert len(result.requests) > 1  # the <img src=x> fetch
    with pytest.raises(AssertionError):
        _check_inert(result, own_script=False)


def test_a_large_report_loads_fast_and_stays_short(
    chromium_exe: str, tmp_path: Path, keep_output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5,000 synthetic events (the escalation chart zoomed on its busiest months): no error, a few screens, quick."""
    import time

    import mideast_model_report.sections.escalation as escalation

    from mideast_model.testing.synthetic import synthetic_dataset

    monkeypatch.setattr(escalation, "MAX_MARKS", 60)
    html = render_report(synthetic_dataset(5_000, seed=1), "html")
    assert "the chart shows its busiest months" in html
    page = tmp_path / "large.html"
    page.write_text(html, encoding="utf-8")
    with chromium(chromium_exe, width=DESKTOP[0], height=DESKTOP[1]) as browser:
        started = time.perf_counter()
        url = browser.open(page)
        loaded = time.perf_counter() - started
        result = browser.report(url)
        _check_inert(result)
        assert loaded < 10, loaded
        assert result.metrics["scroll_height"] < 20 * DESKTOP[1], result.metrics
        assert result.metrics["scroll_width"] <= result.metrics["inner_width"]
        _keep(browser.screenshot_of("figure.sequence", tmp_path / "seq.png"), keep_output, "large-escalation.png")
