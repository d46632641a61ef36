"""The report in a real browser: headless Chromium, driven over the DevTools protocol by playwright.

Checks what grepping cannot: nothing runs (no console error, no dialog, ``window.__pwned``
unset), nothing is fetched (the only request is the file itself), every section heading
is there, and the page prints. Screenshots go to the test's ``tmp_path`` and are kept in
``tests/output/`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mideast_model_report import BUILTIN_SECTIONS
from mideast_model_report.builder import render_report
from report_browser import PageReport, open_page
from report_testdata import chromium_path, network_available

from mideast_model.dataset import Dataset

pytestmark = pytest.mark.browser

TITLES = [title for _, title, _ in BUILTIN_SECTIONS]
NAMES = [name for name, _, _ in BUILTIN_SECTIONS]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("headless Chromium not found (Debian: apt-get install chromium; or set CHROMIUM=/path)")
    return path


def _check_inert(result: PageReport) -> None:
    assert result.console_errors == [], result.console_errors
    assert result.errors == [], result.errors
    assert result.dialogs == [], result.dialogs
    assert result.pwned is None, "an injected payload ran"
    assert result.requests == [result.url], f"the page fetched something: {result.requests}"
    assert result.dom["scripts"] == 0
    assert result.dom["images"] == 0
    assert result.dom["on_attributes"] == 0
    assert result.dom["unsafe_links"] == 0


def _keep(screenshot: Path, keep: Path, name: str) -> None:
    assert screenshot.stat().st_size > 10_000
    shutil.copyfile(screenshot, keep / name)


def test_seed_report_in_chromium(chromium: str, seed_html: str, tmp_path: Path, keep_output: Path) -> None:
    page = tmp_path / "seed-report.html"
    page.write_text(seed_html, encoding="utf-8")
    shot, first = tmp_path / "seed-report.png", tmp_path / "seed-report-top.png"
    result = open_page(chromium, page, shot, top=first)
    _check_inert(result)
    assert result.sections == NAMES
    assert [re.sub(r"^\d+\s*", "", h) for h in result.headings] == TITLES
    assert result.dom["svgs"] >= (4 if network_available() else 3)
    assert "Rocket attack on Camp Taji" in result.text
    _keep(shot, keep_output, "seed-report.png")
    _keep(first, keep_output, "seed-report-top.png")


def test_hostile_report_runs_nothing(chromium: str, hostile: Dataset, tmp_path: Path, keep_output: Path) -> None:
    html = render_report(hostile, "html")
    page = tmp_path / "hostile-report.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / "hostile-report.png"
    result = open_page(chromium, page, shot)
    _check_inert(result)
    assert result.sections == NAMES
    # the payloads are on the page as text
    assert "<script>window.__pwned=1;alert('script')</script>" in result.text
    assert "<img src=x onerror=\"window.__pwned=1;alert('img')\">" in result.text
    assert '"]]><script>window.__pwned=1</script><![CDATA[' in result.text
    _keep(shot, keep_output, "hostile-report.png")

    # The page's Content-Security-Policy forbids scripts; take it away to show the escaping alone holds.
    bare = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert bare != html
    page_bare = tmp_path / "hostile-report-no-csp.html"
    page_bare.write_text(bare, encoding="utf-8")
    _check_inert(open_page(chromium, page_bare))


def test_hostile_markdown_rendered_runs_nothing(chromium: str, hostile: Dataset, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    md = render_report(hostile, "markdown")
    body = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    page = tmp_path / "hostile-markdown.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8"
    )
    result = open_page(chromium, page)
    _check_inert(result)
    assert "<script>window.__pwned=1;alert('script')</script>" in result.text


def test_report_prints(chromium: str, seed_html: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright
    from report_browser import ARGS

    page_path = tmp_path / "seed-report.html"
    page_path.write_text(seed_html, encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(page_path.resolve().as_uri())
            page.emulate_media(media="print")
            assert page.eval_on_selector("nav.toc", "el => getComputedStyle(el).display") == "none"
            pdf = tmp_path / "seed-report.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
        finally:
            browser.close()
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 50_000


def test_the_probe_catches_an_injection(chromium: str, tmp_path: Path) -> None:
    """Control: the same checks on a page that does not escape do fail (the test can fail)."""
    from report_testdata import IMG, SCRIPT

    page = tmp_path / "unescaped.html"
    page.write_text(f"<!DOCTYPE html><html><body><h1>{SCRIPT}</h1><p>{IMG}</p></body></html>", encoding="utf-8")
    result = open_page(chromium, page)
    assert result.pwned == 1
    assert result.dialogs
    assert len(result.requests) > 1  # the <img src=x> fetch
    with pytest.raises(AssertionError):
        _check_inert(result)
