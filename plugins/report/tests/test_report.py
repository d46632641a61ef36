"""The briefing report: sections, links and anchors, escaping, notices, determinism, aggregation, CLI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mideast_model_report import BUILTIN_SECTIONS, ReportSection, report_sections
from mideast_model_report.builder import Limits, nothing_to_report, page_script, render_report
from report_testdata import IMG, JS_URL, SCRIPT, hostile_dataset, network_available

from mideast_model import hookimpl, plugins
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ExportContext
from mideast_model.testing.synthetic import synthetic_dataset

SECTION_NAMES = [name for name, _, _ in BUILTIN_SECTIONS]


class Page(HTMLParser):
    """The ids, internal links, sections, notices and tags of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.sections: list[str] = []
        self.notices = 0
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "script":
            self.scripts.append("")
            self._in_script = True
        values = dict(attrs)
        self.attributes.update(name for name, _ in attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        href = values.get("href") or values.get("xlink:href")
        if href is not None:
            (self.links if href.startswith("#") else self.external).append(href)
        if tag == "section" and values.get("data-section"):
            self.sections.append(values["data-section"] or "")
        if "notice" in (values.get("class") or "").split():
            self.notices += 1


# -- the seed ---------------------------------------------------------------------------------


def test_every_section_is_registered_through_the_hook() -> None:
    names = [s.name for s in report_sections()]
    assert names[: len(SECTION_NAMES) - 1] == SECTION_NAMES[:-1]
    assert names[-1] == "statements"
    assert plugins.registered_plugin("report_sections", "timeline", ReportSection) == "report"
    assert "report" in plugins.exporters()


NETWORK_MISSING = "The network analysis is not installed (pip install mideast-model-dynamics)."


def test_seed_html_has_every_section_and_no_notice(seed_html: str) -> None:
    page = Page(seed_html)
    assert page.sections == SECTION_NAMES
    if network_available():
        assert page.notices == 0, "a section of the seed's report fell back to a notice"
        assert seed_html.count("<svg") >= 5  # sequence (wide, narrow), events per month, network (wide, narrow)
    else:  # the report plugin tested alone: only the network section may be missing
        assert page.notices == 1 and NETWORK_MISSING in seed_html
        assert seed_html.count("<svg") >= 3
    for _, title, _ in BUILTIN_SECTIONS:
        assert title.replace("'", "&#39;") in seed_html


def test_seed_markdown_has_every_section(seed_md: str) -> None:
    headings = re.findall(r"^## \d+\. (.+)$", seed_md, flags=re.M)
    assert [h.replace("\\", "") for h in headings] == [title for _, title, _ in BUILTIN_SECTIONS]
    assert seed_md.count("> **Note:**") == (0 if network_available() else 1)
    assert "<svg" not in seed_md


def test_seed_content_an_analyst_needs(seed_html: str, seed_md: str) -> None:
    for text in (seed_html, seed_md):
        assert "The New York Times" in text and "International Crisis Group" in text and "The Progressive" in text
        # the tit-for-tat chain of March 2020
        assert "Rocket attack on Camp Taji" in text and "US strikes five Kataib Hezbollah" in text
        # contradictions: carriers, warplanes vs missile strike, "no firm evidence" vs attributions
        assert "aircraft carriers deployed" in text
        assert "missile strike" in text and "warplanes" in text
        assert "no firm evidence" in text or "no clear evidence" in text
    assert "usually reliable" in seed_html and "Admiralty" in seed_html


def test_every_internal_link_has_its_anchor(seed_html: str, hostile: Dataset) -> None:
    for html in (seed_html, render_report(hostile, "html")):
        page = Page(html)
        ours = [i for i in page.ids if i.split("-", 1)[0] in ("claim", "event", "source", "section")]
        assert len(ours) == len(set(ours)), "an anchor is defined twice"
        ids = set(page.ids)
        missing = [link for link in page.links if link[1:] not in ids]
        assert not missing, missing[:5]


def test_every_cited_statement_is_listed_with_source_and_quote(seed: Dataset, seed_html: str) -> None:
    page = Page(seed_html)
    claim_anchors = [i for i in page.ids if i.startswith("claim-")]
    assert len(claim_anchors) == len(seed.claims)  # the seed is small: every statement is listed
    linked = {link[1:] for link in page.links if link.startswith("#claim-")}
    assert linked and linked <= set(claim_anchors)
    quoted = next(
        c for c in seed.claims.values() if c.quote and '"' not in c.quote and "'" not in c.quote and "&" not in c.quote
    )
    assert quoted.quote is not None and quoted.quote in seed_html


def test_markdown_links_resolve(seed_md: str) -> None:
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', seed_md))
    links = re.findall(r"\]\(#([^)]+)\)", seed_md)
    assert links
    assert not [link for link in links if link not in anchors]


# -- untrusted text -----------------------------------------------------------------------------


def test_hostile_html_is_inert_text(hostile: Dataset) -> None:
    html = render_report(hostile, "html")
    page = Page(html)
    assert page.scripts == [page_script()[0]], "a script other than the report's own"
    assert "img" not in page.tags and "iframe" not in page.tags
    assert not [a for a in page.attributes if a.startswith("on")]
    assert all(re.match(r"^https?://", href) for href in page.external), page.external
    assert "https://example.org/report?a=1&amp;b=2" in html  # a plain https URL becomes a link, escaped
    assert "javascript:" not in "".join(page.external)
    # the payloads are there, as text
    assert "&lt;script&gt;window.__pwned=1;alert(" in html
    assert "&lt;img src=x onerror=" in html
    assert page.sections == SECTION_NAMES and page.notices == (0 if network_available() else 1)


def test_hostile_markdown_neutralises_html(hostile: Dataset) -> None:
    from markdown_it import MarkdownIt

    md = render_report(hostile, "markdown")
    raw_tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", md))
    assert raw_tags <= {"a"}, raw_tags
    assert all(re.fullmatch(r'<a id="[A-Za-z0-9_-]+"></a>', tag) for tag in re.findall(r"<a\b[^>]*>(?:</a>)?", md))
    # rendered as GitHub would (raw HTML allowed), nothing active comes out
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    page = Page(html)
    assert not page.tags & {"script", "img", "svg", "iframe", "style"}
    assert not [a for a in page.attributes if a.startswith("on")]
    assert all(link.startswith("#") or re.match(r"^https?://", link) for link in page.links + page.external)
    assert "&lt;script&gt;window.__pwned=1" in html


def test_matplotlib_escapes_text_in_svg() -> None:
    import datetime as dt

    from mideast_model_report import charts

    label = f'$x^2$ {SCRIPT} {IMG} "]]> &'
    lane = charts.Lane(label, (charts.Mark(dt.date(2020, 3, 1), dt.date(2020, 3, 31), -8.0, 1, label),))
    svg = charts.sequence_chart([lane], [], (dt.date(2020, 1, 1), dt.date(2020, 3, 31)))
    root = ET.fromstring(svg)  # well-formed XML: nothing broke out of a text node or attribute
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert not [el for el in root.iter() if el.tag in (f"{ns}script", f"{ns}foreignObject", f"{ns}image")]
    texts = ["".join(el.itertext()) for el in root.iter(f"{ns}text")]
    assert any("<script>window.__pwned=1" in t for t in texts)
    assert any("$x^2$" in t for t in texts)  # mathtext is off: a dollar is a dollar
    assert not [k for el in root.iter() for k in el.attrib if k.lower().startswith("on")]


def test_charts_are_deterministic(seed: Dataset, seed_html: str) -> None:
    first = seed_html
    second = render_report(seed, "html")
    assert first == second
    assert "<dc:date>" not in first and "<metadata>" not in first and "<?xml" not in first


# -- the host -------------------------------------------------------------------------------------


def _section(name: str, render: Callable[[Dataset, Mapping[str, Any]], Any], order: int = 15) -> ReportSection:
    return ReportSection(name=name, title=f"Extra {name}", render=render, order=order)


class ExtraSections:
    """A plugin adding two sections: one that works, one that raises."""

    @hookimpl
    def register_report_sections(self, register: Callable[[ReportSection], None]) -> None:
        def good(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
            from markupsafe import escape

            report = context["report"]
            return {
                "html": str(escape(f"{len(dataset.events)} events {SCRIPT}")) + str(report.link("claim:blame")),
                "markdown": f"{len(dataset.events)} events",
            }

        def bad(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
            raise RuntimeError(f"broken {SCRIPT}")

        register(_section("extra-good", good, order=16))
        register(_section("extra-bad", bad, order=17))


def test_plugins_add_sections_and_a_failing_one_is_a_notice(capsys: pytest.CaptureFixture[str]) -> None:
    plugins.reset()
    pm = plugins.get_plugin_manager()
    extra = ExtraSections()
    pm.register(extra, name="extra-sections")  # before anything asks for the sections
    try:
        html = render_report(hostile_dataset(), "html")
    finally:
        pm.unregister(extra)
        plugins.reset()
    page = Page(html)
    assert page.sections[:5] == ["summary", "escalation", "titfortat", "extra-good", "extra-bad"]
    assert page.notices == (1 if network_available() else 2)
    assert "This section could not be produced (RuntimeError: broken &lt;script&gt;" in html
    assert "3 events &lt;script&gt;" in html
    assert "section 'extra-bad'" in capsys.readouterr().err


def test_missing_analysis_is_a_notice(hostile: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    from mideast_model.errors import UnknownNameError

    real = plugins.get_analysis

    def without_network(name: str) -> Any:
        if name == "network":
            raise UnknownNameError("no analysis named 'network'")
        return real(name)

    monkeypatch.setattr(plugins, "get_analysis", without_network)
    for fmt in ("html", "markdown"):
        text = render_report(hostile, fmt)
        assert "The network analysis is not installed (pip install mideast-model-dynamics)." in text.replace("\\", "")
        assert "every statement, with its source and quote" in text


def test_sections_may_omit_themselves(seed: Dataset) -> None:
    html = render_report(seed, "html", sections=[_section("none", lambda d, c: None)])
    assert Page(html).sections == []


# -- size ---------------------------------------------------------------------------------------


def test_large_dataset_is_aggregated() -> None:
    dataset = synthetic_dataset(1200)
    limits = Limits(events=250, claims=100, rows=20)
    html = render_report(dataset, "html", limits=limits)
    md = render_report(dataset, "markdown", limits=limits)
    page = Page(html)
    assert page.sections == SECTION_NAMES and page.notices == (0 if network_available() else 1)
    assert len([i for i in page.ids if i.startswith("claim-")]) <= 100 + 20 * 10
    assert len([i for i in page.ids if i.startswith("event-")]) == 0  # counted per month, not listed
    assert "Busiest months" in html and "events per month" in html.lower()
    assert len(html) < 2_500_000 and len(md) < 600_000


# -- the exporter and the command line -------------------------------------------------------------


def test_exporter_picks_the_format(tmp_path: Path, hostile: Dataset) -> None:
    import io

    exporter = plugins.get_exporter("report")
    for options, suffix, marker in (
        ({"format": "markdown"}, ".html", "# Briefing"),
        ({}, ".md", "# Briefing"),
        ({"format": "html"}, ".md", "<!DOCTYPE html>"),
    ):
        out = io.BytesIO()
        exporter.write(hostile, out, ExportContext(path=str(tmp_path / f"r{suffix}"), options=options))
        assert out.getvalue().decode().startswith(marker)


def test_cli_report_on_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: Dataset) -> None:
    from mideast_model.cli import cli

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["report"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"wrote the html briefing report to {tmp_path / 'report.html'}" in result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (tmp_path / "hostile.json").write_bytes(hostile.to_json())
    result = runner.invoke(
        cli, ["report", "-i", "hostile.json", "--format", "markdown", "-o", "brief.md"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# Briefing: Militia &lt;script&gt;")


def test_hostile_urls_never_become_links() -> None:
    from mideast_model_report.escape import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for url in (
        JS_URL,
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        'https://a.example/"><script>',
        "https://a b",
        "vbscript:x",
        "file:///etc/passwd",
        "https://x.example/\nx",
    ):
        assert safe_url(url) is None, url


# -- any dataset ---------------------------------------------------------------------------------


def test_any_dataset_renders_inert() -> None:
    """Hypothesis datasets (hostile text included) render in both formats, with nothing active."""
    from hypothesis import HealthCheck, given, settings

    from mideast_model.testing.strategies import datasets

    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
    @given(datasets(max_objects=25))
    def check(dataset: Dataset) -> None:
        plugins.reset()
        if nothing_to_report(dataset) is not None:
            with pytest.raises(InvalidInputError, match="nothing to report"):
                render_report(dataset, "html")
            return
        html = render_report(dataset, "html")
        page = Page(html)
        assert page.sections[-1] == "statements"
        assert page.scripts == [page_script()[0]]
        assert not page.tags & {"img", "iframe", "object", "embed"}
        assert not [a for a in page.attributes if a.startswith("on")]
        assert all(re.match(r"^https?://", href) for href in page.external)
        assert not [link for link in page.links if link[1:] not in set(page.ids)]
        md = render_report(dataset, "markdown")
        assert set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", md)) <= {"a"}

    check()
