"""Rendering tables for people: Markdown for reports, rich for the terminal.

Kept apart from :mod:`mideast_model.extensions` (what plugins register). Both renderers
escape what they print: Markdown cells escape ``|`` and ``\\``; terminal cells show
control characters as escapes (:func:`~mideast_model.errors.escape_controls`) and are
never parsed as rich markup. At 80 columns nothing is cut off: a column of ids keeps its
ids whole (folding only an id too long for any layout) and text columns wrap around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from mideast_model.errors import escape_controls

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["markdown_table", "rich_table"]

#: A column whose cells are all single words at most this long is kept unwrapped (ids).
_ID_WIDTH = 40


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table with a level-3 heading; cells are escaped.

    :param title: the heading.
    :param columns: the column names.
    :param rows: the cells, row by row (``None`` is an empty cell).
    :return: the Markdown text, ending with a newline.
    """
    lines = [f"### {title}", "", "| " + " | ".join(map(_md_cell, columns)) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines.extend("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return escape_controls("" if value is None else str(value))


#: The most rows a terminal table shows; the rest are counted in a closing line that says
#: how to see them all (``--json`` or ``--markdown``). Drawing a wrapped table of 10^5 rows
#: in the terminal takes minutes and gigabytes, and nobody reads it there.
TERMINAL_ROWS = 500


def rich_table(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, max_rows: int | None = TERMINAL_ROWS
) -> RenderableType:
    """A rich table that stays readable at 80 columns: ids whole, text wrapped.

    Columns of single words (ids, codes, dates, numbers) are not wrapped while they fit,
    so ids are never cut; other columns wrap at spaces and are never narrower than their
    longest word. When even the ids do not fit side by side, each row is shown as a
    record of ``column  value`` lines (``psql``'s expanded display) — never an
    ellipsis, never a cropped column.

    :param title: the table's title.
    :param columns: the column names.
    :param rows: the cells, row by row (``None`` is an empty cell).
    :param max_rows: show at most this many rows (``None``: all); a caption then says how
        many more there are and that ``--json`` or ``--markdown`` prints them all.
    :return: a renderable to print with a rich console.
    """
    shown: list[list[str]] = []
    more = 0
    for row in rows:
        if max_rows is not None and len(shown) >= max_rows:
            more += 1
            continue
        shown.append([_cell(c) for c in row])
    caption = (
        f"… and {more:,} more rows, not shown here (first {len(shown):,} of {len(shown) + more:,}); "
        "--json or --markdown prints them all"
        if more
        else None
    )
    return _FitTable(escape_controls(title), [escape_controls(c) for c in columns], shown, caption)


def _share(total: int, floors: list[int], wants: list[int]) -> list[int]:
    """Split ``total`` over columns: each gets its floor, the rest goes by what it wants more."""
    widths = list(floors)
    spare = total - sum(floors)
    extra = [max(w - f, 0) for w, f in zip(wants, floors, strict=True)]
    wanted = sum(extra)
    if spare > 0 and wanted > 0:
        scale = min(1.0, spare / wanted)
        widths = [f + int(e * scale) for f, e in zip(floors, extra, strict=True)]
    return widths


class _FitTable:
    """A table laid out for the console width it is printed at."""

    def __init__(self, title: str, columns: list[str], rows: list[list[str]], caption: str | None = None) -> None:
        self.title = title
        self.columns = columns
        self.rows = rows
        self.caption = caption

    def _layout(self, avail: int) -> list[int] | None:
        """Column widths (cell text only) for ``avail`` characters, or ``None`` when all fit as they are."""
        natural, words_only, word = [], [], []
        for index, col in enumerate(self.columns):
            values = [row[index] for row in self.rows if index < len(row)] + [col]
            natural.append(max(len(line) for v in values for line in (v.splitlines() or [""])))
            cells = values[:-1]
            words_only.append(bool(cells) and all(len(v.split()) <= 1 for v in cells) and natural[-1] <= _ID_WIDTH)
            word.append(min(max((len(w) for v in values for w in v.split()), default=1), _ID_WIDTH))
        if sum(natural) <= avail:
            return None
        floors = [n if ids else w for n, ids, w in zip(natural, words_only, word, strict=True)]
        if sum(floors) <= avail:  # ids whole, text wrapped at spaces
            return _share(avail, floors, natural)
        return []  # not even the ids fit side by side: one record per row

    def _records(self, width: int) -> Any:
        """Each row as ``column  value`` lines (``psql``'s expanded display): ids stay whole."""
        from rich.table import Table
        from rich.text import Text

        table = Table(
            title=self.title, caption=self.caption, show_header=False, show_lines=False, width=min(width, 200)
        )
        label = max(len(c) for c in self.columns)
        table.add_column("field", no_wrap=True, min_width=label, style="bold")
        table.add_column("value", overflow="fold", ratio=1)
        for row in self.rows:
            cells = list(zip(self.columns, row, strict=False))
            for index, (col, cell) in enumerate(cells):
                table.add_row(Text(col), Text(cell), end_section=index == len(cells) - 1)
        return table

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        """Build the table for ``options.max_width`` and yield it."""
        from rich.table import Table
        from rich.text import Text

        widths = self._layout(options.max_width - (3 * len(self.columns) + 1))
        if widths == []:
            yield self._records(options.max_width)
            return
        table = Table(title=self.title, caption=self.caption)
        for index, col in enumerate(self.columns):
            width = None if widths is None else max(widths[index], 1)
            table.add_column(col, width=width, overflow="fold")
        for row in self.rows:
            table.add_row(*(Text(c) for c in row))
        yield table
