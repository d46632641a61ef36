"""Open a report in headless Chromium over the DevTools protocol (playwright) and record what happens.

Playwright drives the system's Chromium (``executable_path``); ``playwright install`` is
never needed. Everything the page does is recorded: console messages, page errors,
network requests, JavaScript dialogs, and whether an injected payload set
``window.__pwned``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import attrs

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


@attrs.define
class PageReport:
    """What the browser saw while loading one page."""

    url: str
    console: list[tuple[str, str]] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    requests: list[str] = attrs.field(factory=list)
    dialogs: list[str] = attrs.field(factory=list)
    pwned: Any = None
    headings: list[str] = attrs.field(factory=list)
    sections: list[str] = attrs.field(factory=list)
    text: str = ""
    dom: dict[str, int] = attrs.field(factory=dict)

    @property
    def console_errors(self) -> list[str]:
        """Console messages of type error or warning (a CSP violation is an error)."""
        return [text for kind, text in self.console if kind in ("error", "warning")]


_DOM_PROBE = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const onAttrs = all.filter(el => Array.from(el.attributes).some(a => a.name.toLowerCase().startsWith('on'))).length;
  const badHrefs = Array.from(document.querySelectorAll('[href], [xlink\\\\:href], [src], [action], [formaction]'))
    .filter(el => ['href', 'xlink:href', 'src', 'action', 'formaction']
      .map(n => el.getAttribute(n)).filter(v => v !== null)
      .some(v => !/^(#|https?:\\/\\/)/i.test(v.trim()))).length;
  return {
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img, image, iframe, object, embed, video, audio, link, base, form').length,
    on_attributes: onAttrs,
    unsafe_links: badHrefs,
    svgs: document.querySelectorAll('svg').length,
  };
}"""


def open_page(chromium: str, path: Path, screenshot: Path | None = None, *, top: Path | None = None) -> PageReport:
    """Load ``path`` in headless Chromium, wait for it to settle, and report what happened.

    :param screenshot: where to save a screenshot of the whole page.
    :param top: where to save a screenshot of the first screen, as a reader first sees it.
    """
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    result = PageReport(url)
    with tempfile.TemporaryDirectory(prefix="mideast-report-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
            java_script_enabled=True,
        )
        try:
            page = context.new_page()
            page.on("console", lambda m: result.console.append((m.type, m.text)))
            page.on("pageerror", lambda e: result.errors.append(str(e)))

            def on_dialog(dialog: Any) -> None:
                result.dialogs.append(f"{dialog.type}: {dialog.message}")
                dialog.dismiss()

            page.on("dialog", on_dialog)
            context.on("request", lambda r: result.requests.append(r.url))
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)
            result.pwned = page.evaluate("() => window.__pwned === undefined ? null : window.__pwned")
            result.headings = page.eval_on_selector_all(
                "section.report-section > h2", "els => els.map(e => e.innerText)"
            )
            result.sections = page.eval_on_selector_all(
                "section.report-section", "els => els.map(e => e.dataset.section)"
            )
            result.text = page.inner_text("body")
            result.dom = page.evaluate(_DOM_PROBE)
            if top is not None:
                page.screenshot(path=str(top))
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            context.close()
    return result
