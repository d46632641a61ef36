"""Measure the report in real Chromium and keep screenshots (the figures of the closing note).

Not a test: run it by hand. For the seed report it records the default view's height at
1400×900 (in screens), sideways overflow at 420 px, the printed PDF's pages and blank
pages, script errors, and screenshots of the first screen, the escalation chart and the
network at both widths; for the hostile dataset, whether anything ran; for a synthetic
dataset of ``--events`` events, the report's size, generation time and browser load time.

Usage: ``python plugins/report/tests/measure_report.py OUTDIR [--events 100000]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from report_browser import chromium, pdf_pages
from report_testdata import chromium_path, hostile_dataset

#: The element screenshots: (name, selector).
FIGURES = (("top", None), ("escalation", "figure.sequence"), ("network", "figure.network"))


def _shots(exe: str, page: Path, out: Path, width: int, tag: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    with chromium(exe, width=width, height=900) as browser:
        url = browser.open(page)
        result = browser.report(url)
        found["errors"] = result.console_errors + result.errors + result.dialogs
        found["pwned"] = result.pwned
        found["requests"] = len(result.requests)
        found["scroll_height"] = result.metrics["scroll_height"]
        found["screens"] = round(result.metrics["scroll_height"] / 900, 2)
        found["scroll_width"] = result.metrics["scroll_width"]
        found["inner_width"] = result.metrics["inner_width"]
        for name, selector in FIGURES:
            target = out / f"seed-{tag}-{name}.png"
            if selector is None:
                browser.screenshot(target)
            else:
                # the figure shown at this width (wide or narrow drawing) is the one with a box
                browser.screenshot_of(selector, target)
            found[f"shot_{name}"] = str(target)
        if width > 600:
            browser.call("Emulation.setEmulatedMedia", {"media": ""})
            pdf = browser.pdf(out / "seed-report.pdf")
            pages = pdf_pages(pdf)
            found["pdf_pages"] = len(pages)
            found["pdf_blank_pages"] = [i + 1 for i, text in enumerate(pages) if len(text.strip()) < 40]
    return found


def _own_work(dataset: Any) -> dict[str, float]:
    """Seconds of the report's own work (aggregation, charts, templates): analyses run once, then cached."""
    from mideast_model_report import builder

    cache: dict[Any, Any] = {}
    original = builder.Report.analysis

    def cached(self: builder.Report, name: str, **params: Any) -> Any:
        key = (name, tuple(sorted(params.items())))
        if key not in cache:
            cache[key] = original(self, name, **params)
        return cache[key]

    builder.Report.analysis = cached  # type: ignore[method-assign]
    out = {}
    try:
        for fmt in ("html", "markdown"):
            builder.render_report(dataset, fmt)  # runs the analyses
            started = time.perf_counter()
            builder.render_report(dataset, fmt)
            out[fmt] = round(time.perf_counter() - started, 2)
    finally:
        builder.Report.analysis = original  # type: ignore[method-assign]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events (0: skip)")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    exe = chromium_path()
    if exe is None:
        raise SystemExit("no Chromium found")
    from mideast_model_report.builder import render_report

    from mideast_model.data import seed

    results: dict[str, Any] = {}
    page = out / "seed-report.html"
    page.write_text(render_report(seed(), "html"), encoding="utf-8")
    results["seed_desktop"] = _shots(exe, page, out, 1400, "desktop")
    results["seed_420"] = _shots(exe, page, out, 420, "420")

    hostile = out / "hostile-report.html"
    hostile.write_text(render_report(hostile_dataset(), "html"), encoding="utf-8")
    with chromium(exe) as browser:
        url = browser.open(hostile)
        r = browser.report(url)
        results["hostile"] = {
            "errors": r.console_errors + r.errors,
            "dialogs": r.dialogs,
            "pwned": r.pwned,
            "requests": r.requests,
            "scripts": r.dom["scripts"],
            "on_attributes": r.dom["on_attributes"],
        }

    if args.events:
        from mideast_model.testing.synthetic import synthetic_dataset

        dataset = synthetic_dataset(args.events, seed=1)
        started = time.perf_counter()
        html = render_report(dataset, "html")
        generated = time.perf_counter() - started
        own = _own_work(dataset)
        big = out / f"synthetic-{args.events}.html"
        big.write_text(html, encoding="utf-8")
        with chromium(exe) as browser:
            started = time.perf_counter()
            url = browser.open(big)
            loaded = time.perf_counter() - started
            r = browser.report(url)
            browser.screenshot(out / f"synthetic-{args.events}-top.png")
            results["synthetic"] = {
                "events": args.events,
                "bytes": len(html.encode("utf-8")),
                "generation_s": round(generated, 2),
                "own_work_s": own,
                "browser_load_s": round(loaded, 2),
                "screens": round(r.metrics["scroll_height"] / 900, 2),
                "statement_cards": browser.evaluate("document.querySelectorAll('details.statement').length"),
                "errors": r.console_errors + r.errors,
            }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
