"""Open a report in headless Chromium over the DevTools protocol and record what happens.

No browser-automation package is needed: Chromium is started with
``--remote-debugging-pipe`` and spoken to over its two pipes (file descriptors 3 and 4,
NUL-separated JSON messages of the Chrome DevTools Protocol). Everything the page does
is recorded: console messages, exceptions, log entries (a Content-Security-Policy
violation is one), network requests, JavaScript dialogs, and whether an injected payload
set ``window.__pwned``. The same session measures the page (height, horizontal
overflow, label boxes), takes screenshots and prints to PDF.
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import attrs

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
]

TIMEOUT = 60.0


class BrowserError(RuntimeError):
    """Chromium did not answer, or answered with an error."""


@attrs.define
class PageReport:
    """What the browser saw while loading one page."""

    url: str
    console: list[tuple[str, str]] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    log: list[tuple[str, str, str]] = attrs.field(factory=list)
    requests: list[str] = attrs.field(factory=list)
    dialogs: list[str] = attrs.field(factory=list)
    pwned: Any = None
    headings: list[str] = attrs.field(factory=list)
    sections: list[str] = attrs.field(factory=list)
    text: str = ""
    dom: dict[str, Any] = attrs.field(factory=dict)
    metrics: dict[str, Any] = attrs.field(factory=dict)

    @property
    def console_errors(self) -> list[str]:
        """Console messages and log entries of level error or warning (a CSP violation is one)."""
        found = [text for kind, text in self.console if kind in ("error", "warning", "assert")]
        found += [f"{source}: {text}" for level, source, text in self.log if level in ("error", "warning")]
        return found


class Chromium:
    """One headless Chromium, driven over ``--remote-debugging-pipe`` (one page at a time)."""

    def __init__(self, executable: str, *, width: int = 1400, height: int = 900, scripts: bool = True) -> None:
        self.executable = executable
        self.width = width
        self.height = height
        self.scripts = scripts
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    # -- the pipe ---------------------------------------------------------------------------

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="mideast-report-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def plumbing() -> None:  # in the child: its fd 3 reads our commands, fd 4 writes its answers
            import fcntl

            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4 first
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [
                self.executable,
                *ARGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self._profile.name}",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if not os.environ.get("MIDEAST_CHROMIUM_LOG") else None,
            preexec_fn=plumbing,
            close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._write_fd = to_child_w
        self._read_fd = from_child_r
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.set_viewport(self.width, self.height)
        if not self.scripts:
            self.call("Emulation.setScriptExecutionDisabled", {"value": True})
        return self

    def __exit__(self, *exc: object) -> None:
        with suppress(BrowserError, OSError):
            self.call("Browser.close", session=False, wait=False)
        for fd in (self._write_fd, self._read_fd):
            with suppress(OSError):
                os.close(fd)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._profile.cleanup()

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._write_fd, json.dumps(message).encode("utf-8") + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True, wait: bool = True
    ) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept in :attr:`events`."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self._send(message)
        if not wait:
            return {}
        wanted = self._next
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == wanted:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._event(answer)

    def _event(self, event: dict[str, Any]) -> None:
        if "method" not in event:  # the answer to a command sent without waiting (a dialog dismissed)
            return
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":
            self._next += 1
            self._send(
                {
                    "id": self._next,
                    "method": "Page.handleJavaScriptDialog",
                    "params": {"accept": False},
                    "sessionId": self.session,
                }
            )

    def wait_for(self, method: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first event named ``method`` not yet consumed (waiting for it if need be)."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and not event.get("_seen"):
                    event["_seen"] = True
                    return self.events[i]
            self._event(self._receive(deadline))

    def settle(self, seconds: float = 0.3) -> None:
        """Collect events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self._read_fd], [], [], max(deadline - time.monotonic(), 0))
            if not ready and b"\0" not in self._buffer:
                break
            self._event(self._receive(deadline + TIMEOUT))

    # -- the page ---------------------------------------------------------------------------

    def set_viewport(self, width: int, height: int) -> None:
        """Emulate a screen of ``width`` × ``height`` CSS pixels."""
        self.width, self.height = width, height
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def open(self, path: Path | str, *, fragment: str = "") -> str:
        """Load a file (or URL) and wait for its load event; returns the URL loaded."""
        url = Path(path).resolve().as_uri() if not str(path).startswith(("file:", "http:", "https:")) else str(path)
        self.events.clear()
        self.call("Page.navigate", {"url": url + fragment})
        self.wait_for("Page.loadEventFired")
        self.settle(0.3)
        return url

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (evaluated even with page scripts disabled)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluate failed: {result['exceptionDetails'].get('text')}: {expression[:80]}")
        return result.get("result", {}).get("value")

    def screenshot(self, target: Path, *, full: bool = False) -> Path:
        """A PNG of the viewport (or of the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full:
            height = int(self.evaluate("document.documentElement.scrollHeight"))
            params["clip"] = {"x": 0, "y": 0, "width": self.width, "height": min(height, 16000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        target.write_bytes(base64.b64decode(data))
        return target

    def screenshot_of(self, selector: str, target: Path) -> Path:
        """A PNG of the element ``selector`` (scrolled into view)."""
        box = self.evaluate(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)}); if (!el) return null;"
            " const r = el.getBoundingClientRect();"
            " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })()"
        )
        if not box:
            raise BrowserError(f"no element {selector}")
        clip = {**box, "height": min(box["height"], 8000), "scale": 1}
        data = self.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        target.write_bytes(base64.b64decode(data["data"]))
        return target

    def pdf(self, target: Path) -> Path:
        """Print the page to PDF (A4, backgrounds on, the page's own @page rules)."""
        data = self.call(
            "Page.printToPDF",
            {"printBackground": True, "preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69},
        )["data"]
        target.write_bytes(base64.b64decode(data))
        return target

    def report(self, url: str) -> PageReport:
        """What the page did since it was opened, and what it holds."""
        result = PageReport(url)
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                result.console.append((params.get("type", ""), text))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                result.errors.append(str(details.get("exception", {}).get("description") or details.get("text")))
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                result.log.append((entry.get("level", ""), entry.get("source", ""), entry.get("text", "")))
            elif method == "Network.requestWillBeSent":
                result.requests.append(params.get("request", {}).get("url", ""))
            elif method == "Page.javascriptDialogOpening":
                result.dialogs.append(f"{params.get('type')}: {params.get('message')}")
        result.pwned = self.evaluate("window.__pwned === undefined ? null : window.__pwned")
        result.headings = self.evaluate(
            "Array.from(document.querySelectorAll('section.report-section > h2')).map(e => e.innerText)"
        )
        result.sections = self.evaluate(
            "Array.from(document.querySelectorAll('section.report-section')).map(e => e.dataset.section)"
        )
        result.text = self.evaluate("document.body ? document.body.innerText : ''")
        result.dom = self.evaluate(_DOM_PROBE)
        result.metrics = self.evaluate(_METRICS)
        return result


_DOM_PROBE = """(() => {
  const all = Array.from(document.querySelectorAll('*'));
  const onAttrs = all.filter(el => Array.from(el.attributes).some(a => a.name.toLowerCase().startsWith('on'))).length;
  const badHrefs = Array.from(document.querySelectorAll('[href], [xlink\\\\:href], [src], [action], [formaction]'))
    .filter(el => ['href', 'xlink:href', 'src', 'action', 'formaction']
      .map(n => el.getAttribute(n)).filter(v => v !== null)
      .some(v => !/^(#|https?:\\/\\/)/i.test(v.trim()))).length;
  return {
    scripts: document.querySelectorAll('script').length,
    script_texts: Array.from(document.querySelectorAll('script')).map(s => s.textContent),
    images: document.querySelectorAll('img, image, iframe, object, embed, video, audio, link, base').length,
    on_attributes: onAttrs,
    unsafe_links: badHrefs,
    svgs: document.querySelectorAll('svg').length,
  };
})()"""

_METRICS = """(() => ({
  scroll_width: document.documentElement.scrollWidth,
  scroll_height: document.documentElement.scrollHeight,
  inner_width: window.innerWidth,
  inner_height: window.innerHeight,
  details: document.querySelectorAll('details').length,
  open_details: document.querySelectorAll('details[open]').length,
}))()"""

#: Boxes (client coordinates) of the visible network labels, per chart.
LABEL_BOXES = """(() => {
  const out = {};
  document.querySelectorAll('g[id*="-label-"]').forEach(g => {
    const r = g.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    const key = g.id.replace(/-label-\\d+$/, '');
    (out[key] = out[key] || []).push(
      {id: g.id, text: g.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  });
  return out;
})()"""


@contextmanager
def chromium(executable: str, **options: Any) -> Iterator[Chromium]:
    """A running :class:`Chromium` (closed on exit)."""
    with Chromium(executable, **options) as browser:
        yield browser


def open_page(
    executable: str,
    path: Path,
    screenshot: Path | None = None,
    *,
    top: Path | None = None,
    width: int = 1400,
    height: int = 900,
    scripts: bool = True,
) -> PageReport:
    """Load ``path`` in a fresh headless Chromium, wait for it to settle, and report what happened.

    :param screenshot: where to save a screenshot of the whole page.
    :param top: where to save a screenshot of the first screen, as a reader first sees it.
    """
    with chromium(executable, width=width, height=height, scripts=scripts) as browser:
        url = browser.open(path)
        result = browser.report(url)
        if top is not None:
            browser.screenshot(top)
        if screenshot is not None:
            browser.screenshot(screenshot, full=True)
    return result


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (pypdf)."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
