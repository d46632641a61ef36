"""Terminal tables: a long result is capped with a line saying how many rows are not shown."""

from __future__ import annotations

import io

from rich.console import Console

from mideast_model.render import TERMINAL_ROWS, rich_table


def _printed(renderable: object, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return " ".join(out.getvalue().split())  # the caption wraps at the table's width


def test_a_long_table_shows_the_first_rows_and_counts_the_rest() -> None:
    rows = [(f"event:{i:06d}", f"row {i}") for i in range(TERMINAL_ROWS + 123)]
    text = _printed(rich_table("Timeline", ["event", "title"], rows))
    assert "event:000000" in text and f"event:{TERMINAL_ROWS - 1:06d}" in text
    assert f"event:{TERMINAL_ROWS:06d}" not in text
    assert "123 more rows" in text and f"of {TERMINAL_ROWS + 123:,}" in text
    assert "--json" in text and "--markdown" in text


def test_a_short_table_or_no_cap_shows_every_row_and_no_note() -> None:
    rows = [(f"event:{i:06d}", f"row {i}") for i in range(40)]
    assert "more rows" not in _printed(rich_table("T", ["event", "title"], rows))
    many = [(f"e{i}", "x") for i in range(TERMINAL_ROWS + 5)]
    text = _printed(rich_table("T", ["event", "title"], many, max_rows=None), width=200)
    assert f"e{TERMINAL_ROWS + 4}" in text and "more rows" not in text


def test_the_cap_note_also_closes_the_record_layout() -> None:
    """Columns too wide to sit side by side at 40 columns: one record per row, the note still printed."""
    wide = "x" * 30
    rows = [(f"{wide}{i}", f"{wide}y{i}", f"{wide}z{i}") for i in range(TERMINAL_ROWS + 2)]
    text = _printed(rich_table("T", ["a", "b", "c"], rows), width=40)
    assert "2 more rows" in text
