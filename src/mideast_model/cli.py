"""The ``mideast-model`` command line (DESIGN §7).

With no ``-i``, every verb reads the embedded seed dataset. Errors print one line on
stderr and exit with status 1 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from mideast_model import __version__
from mideast_model.errors import InvalidInputError, MideastModelError, escape_controls

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.extensions import Importer


def _debug() -> bool:
    return os.environ.get("MIDEAST_MODEL_DEBUG", "").lower() in ("1", "true", "yes")


class _Group(click.Group):
    """The top-level group: adds plugin commands lazily, turns errors into one line."""

    _loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            from mideast_model.plugins import call_each

            call_each("register_commands", {"cli": self}, snapshot=self._snapshot)

    def _snapshot(self) -> Callable[[], None]:
        """An undo for the commands a failing ``register_commands`` added half-way."""
        before = dict(self.commands)

        def undo() -> None:
            self.commands.clear()
            self.commands.update(before)

        return undo

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load()
            command = super().get_command(ctx, cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (MideastModelError, OSError, UnicodeError) as exc:
            if _debug():
                raise
            _error_line(exc)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if _debug():
                raise
            click.echo(
                escape_controls(
                    f"mideast-model: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"
                ),
                err=True,
            )
            ctx.exit(2)


def _error_line(exc: BaseException) -> None:
    """Print ``exc`` as the one ``mideast-model: error:`` line, control characters escaped."""
    click.echo(escape_controls(f"mideast-model: error: {exc}"), err=True)


def _load_input(path: str | None, *, lazy: bool = False, in_memory: bool = False) -> Dataset:
    """The dataset of ``-i`` (see :func:`mideast_model.api.load_dataset`).

    A store too large to read into memory is analysed through queries (a note says so on
    stderr); with ``in_memory`` (exporters need every object) it is an error instead.
    """
    from mideast_model.api import load_dataset
    from mideast_model.dataset import Dataset

    dataset = load_dataset(path, lazy=lazy)
    if lazy or isinstance(dataset, Dataset):
        return dataset
    from mideast_model.events.store import IN_MEMORY_ENV, in_memory_limit

    events = dataset.counts()["events"]
    if in_memory:
        raise MideastModelError(
            f"{path}: {events:,} events are more than {in_memory_limit():,}, the most read into memory "
            f"(set {IN_MEMORY_ENV} to a higher number if the machine has the memory)"
        )
    click.echo(
        escape_controls(
            f"mideast-model: note: {path} holds {events:,} events, more than {in_memory_limit():,} "
            f"({IN_MEMORY_ENV}); it is analysed through queries over the Parquet, which is slower"
        ),
        err=True,
    )
    return dataset


_input_option = click.option(
    "-i",
    "--input",
    "input_path",
    metavar="DATASET",
    help="Canonical JSON dataset ('-' for stdin) or a store directory to read. Default: the embedded seed dataset.",
)


class _DynamicHelp(click.Command):
    """A command whose help ends with the names the loaded plugins provide.

    ``VERB NAME --help`` (``import acled --help``, ``analyze titfortat --help``) shows
    NAME's description and every one of its typed parameters instead.
    """

    def __init__(self, *args: Any, listing: Callable[[], str], kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listing = listing
        self._kind = kind

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if any(a in ("-h", "--help") for a in args):
            ctx.meta["mideast_model.topic"] = next((a for a in args if not a.startswith("-")), None)
        return super().parse_args(ctx, args)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        topic = ctx.meta.get("mideast_model.topic")
        try:
            text = (_topic_help(self._kind, topic) if topic else None) or self._listing()
        except MideastModelError as exc:  # a broken plugin must not break --help
            text = f"(could not list plugins: {exc})"
        formatter.write_paragraph()
        for line in text.splitlines():
            formatter.write_text(escape_controls(line)) if line else formatter.write_paragraph()


def _listing(kind: str) -> Callable[[], str]:
    def listing() -> str:
        from mideast_model import plugins

        items = getattr(plugins, kind)()
        lines = [f"Available {kind} (from installed plugins):"]
        lines += [f"  {name:<14} {item.description}" for name, item in items.items()] or ["  (none)"]
        return "\n".join([*lines, "", "Give NAME before --help to list its parameters, their defaults and meaning."])

    return listing


_TOPICS = {
    "importers": ("importer", "--option"),
    "exporters": ("exporter", "--option"),
    "analyses": ("analysis", "--param"),
}


def _topic_help(kind: str, name: str) -> str | None:
    """The description and typed parameters of the importer/exporter/analysis ``name``."""
    from mideast_model import plugins

    item = getattr(plugins, kind)().get(name)
    if item is None:
        return None
    singular, flag = _TOPICS[kind]
    lines = [f"The {singular} {name!r}: {item.description}", ""]
    if item.params:
        lines.append(f"Its parameters ({flag} KEY=VALUE, repeatable):")
        lines += [f"  {p.describe()}" for p in item.params]
    elif singular == "analysis":
        lines.append("It takes no parameters.")
    else:
        lines.append(f"It declares no typed options ({flag} KEY=VALUE pairs reach it as text).")
    return "\n".join(lines)


@contextlib.contextmanager
def _progress(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on a terminal; a no-op in pipes and under CI."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mideast-model")
@click.option("--debug", is_flag=True, help="Show tracebacks and plugin errors in full.")
def cli(debug: bool) -> None:
    """Model geopolitical conflict as actors, events, claims and sources.

    Run `mideast-model report` for a briefing on the embedded seed dataset (three
    articles on the US–Iraq–Iran escalation of March 2020).
    """
    if debug:
        os.environ["MIDEAST_MODEL_DEBUG"] = "1"


@cli.command(name="plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--timings", is_flag=True, help="Show how long each plugin took to import and in its hooks.")
def plugins_command(as_json: bool, timings: bool) -> None:
    """List the loaded plugins: distribution, version and what each registered.

    The core's built-in plugins are shown as one "built-in" row (--json lists each).
    """
    from mideast_model import plugins

    info = plugins.plugin_info()
    if as_json:
        import orjson

        click.echo(orjson.dumps(info, option=orjson.OPT_INDENT_2).decode())
        return
    from rich.console import Console

    from mideast_model.render import rich_table

    columns = ["plugin", "distribution", "registered"] + (["import s", "hooks s"] if timings else [])
    Console().print(rich_table("Plugins", columns, _plugin_rows(info, timings)))
    for failure in plugins.failures():
        who = " ".join(x for x in (failure.distribution, failure.version) if x) or "?"
        where = f" in {failure.hook}" if failure.hook else ""
        click.echo(escape_controls(f"failed: {failure.plugin} ({who}){where}: {failure.error}"), err=True)


def _plugin_rows(info: list[dict[str, Any]], timings: bool) -> list[tuple[str, ...]]:
    """Table rows: the built-ins merged into one row, then one row per outside plugin."""
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    builtins = [i for i in info if i["builtin"]]
    if builtins:
        groups.append(("built-in", builtins))
    groups += [(i["name"], [i]) for i in info if not i["builtin"]]
    rows = []
    for label, members in groups:
        registered: dict[str, list[str]] = {}
        for member in members:
            for kind, names in member["registered"].items():
                registered.setdefault(kind, []).extend(names)
        row = [
            label,
            f"{members[0]['distribution']} {members[0]['version']}".strip(),
            "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in sorted(registered.items())) or "-",
        ]
        if timings:
            row.append(f"{sum(m['import_seconds'] for m in members):.3f}")
            row.append(f"{sum(m['hook_seconds'] for m in members):.3f}")
        rows.append(tuple(row))
    return rows


@cli.command()
@_input_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info(input_path: str | None, as_json: bool) -> None:
    """Print the counts per kind and the date range of a dataset."""
    dataset = _load_input(input_path, lazy=True)  # a store answers from its manifest, rows unread
    counts = dataset.counts()
    span = dataset.date_range()
    name = input_path or "embedded seed dataset"
    if as_json:
        import orjson

        payload = {"dataset": name, "counts": counts, "date_range": [d.isoformat() for d in span] if span else None}
        click.echo(orjson.dumps(payload).decode())
        return
    click.echo(escape_controls(f"dataset: {name}"))
    for kind, n in counts.items():
        click.echo(f"  {kind:<10} {n}")
    click.echo(f"  date range {span[0].isoformat()} .. {span[1].isoformat()}" if span else "  date range: none")


@cli.command()
@click.argument("dataset", metavar="DATASET")
def validate(dataset: str) -> None:
    """Check a canonical JSON file: syntax, fields, unique ids, references."""
    loaded = _load_input(dataset)
    counts = ", ".join(f"{n} {k}" for k, n in loaded.counts().items())
    click.echo(escape_controls(f"{dataset}: valid ({counts})"))


def read_input(
    importer: Importer, path: str, *, skip_bad: bool = False, options: dict[str, Any] | None = None
) -> tuple[Dataset, list[InvalidInputError]]:
    """:func:`mideast_model.api.read_input`, with a progress bar on a terminal."""
    from mideast_model import api

    return api.read_input(importer, path, skip_bad=skip_bad, options=options, progress=_progress)


@cli.command(name="import", cls=_DynamicHelp, listing=_listing("importers"), kind="importers")
@click.argument("format_name", metavar="FORMAT")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", required=True, metavar="DATASET.json|STORE/",
    help="Canonical JSON file to write, or a store directory (a path ending in '/').",
)  # fmt: skip
@click.option("--skip-bad", is_flag=True, help="Report bad rows and import the rest.")
@click.option(
    "--min-kept", type=click.FloatRange(0.0, 1.0), default=0.5, show_default=True,
    help="With --skip-bad: fail unless this share of each file's rows is kept (a file that keeps no row always fails).",
)  # fmt: skip
@click.option(
    "--on-conflict",
    type=click.Choice(["error", "keep-left", "keep-right"]),
    default="error",
    show_default=True,
    help="How to merge two inputs that hold different objects under one id.",
)
@click.option("--option", "options", multiple=True, metavar="KEY=VALUE", help="Importer option (repeatable).")
def import_command(
    format_name: str,
    inputs: tuple[str, ...],
    output: str,
    skip_bad: bool,
    min_kept: float,
    on_conflict: str,
    options: tuple[str, ...],
) -> None:
    """Import INPUT files of FORMAT and merge them into one canonical JSON dataset.

    Each importer's --option KEY=VALUE parameters (e.g. encoding=NAME, or GDELT 2.0's
    mentions=PATH) are listed by `mideast-model import FORMAT --help`.
    """
    from mideast_model import api
    from mideast_model.io import canonical
    from mideast_model.plugins import get_importer

    importer = get_importer(format_name)
    opts = importer.parse_options(options)
    opts.setdefault("min_kept", min_kept)
    if output.endswith(("/", os.sep)) or Path(output).is_dir():  # a store: canonical JSON + Parquet event table
        from mideast_model.events.bulk import import_store

        manifest = import_store(
            importer.name, inputs, output, skip_bad=skip_bad, on_conflict=on_conflict, options=opts,
            report=lambda message: click.echo(escape_controls(message), err=True),
        )  # fmt: skip
        counts = ", ".join(f"{n} {k}" for k, n in manifest["counts"].items())
        click.echo(f"wrote store {output} ({counts})", err=True)
        return
    api.check_output_path(output)
    merged, _ = api.import_inputs(
        importer,
        inputs,
        skip_bad=skip_bad,
        on_conflict=on_conflict,
        options=opts,
        progress=_progress,
        on_skipped=lambda error: click.echo(escape_controls(f"skipped: {error}"), err=True),
    )
    canonical.dump(merged, output)
    counts = ", ".join(f"{n} {k}" for k, n in merged.counts().items())
    click.echo(f"wrote {output} ({counts})", err=True)


def write_output(
    name: str, dataset: Dataset, output: str, options: dict[str, Any] | None = None, *, force: bool = False
) -> None:
    """:func:`mideast_model.api.write_output`, with a spinner on a terminal."""
    from mideast_model import api

    with _status(f"exporting {len(dataset)} objects as {name}"):
        api.write_output(name, dataset, output, options, force=force)


@contextlib.contextmanager
def _status(message: str) -> Iterator[None]:
    """A spinner on a terminal while work runs; nothing in pipes."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


@cli.command(name="export", cls=_DynamicHelp, listing=_listing("exporters"), kind="exporters")
@click.argument("format_name", metavar="FORMAT")
@_input_option
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUTPUT",
    help="File (or directory, for csv/parquet) to write; '-' for stdout.",
)
@click.option("--option", "options", multiple=True, metavar="KEY=VALUE", help="Exporter option (repeatable).")
@click.option(
    "--force",
    is_flag=True,
    help="Let a directory exporter write into a non-empty directory that is not its own output (other files are kept).",
)
def export_command(
    format_name: str, input_path: str | None, output: str, options: tuple[str, ...], force: bool
) -> None:
    """Export a dataset (default: the embedded seed) in FORMAT to OUTPUT."""
    from mideast_model.plugins import get_exporter

    opts = get_exporter(format_name).parse_options(options)
    dataset = _load_input(input_path, in_memory=True)
    write_output(format_name, dataset, output, opts, force=force)
    if output != "-":
        click.echo(f"wrote {output}", err=True)


@cli.command(cls=_DynamicHelp, listing=_listing("analyses"), kind="analyses")
@click.argument("name")
@_input_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (objects by id).")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print Markdown.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Analysis parameter (repeatable).")
def analyze(name: str, input_path: str | None, as_json: bool, as_markdown: bool, params: tuple[str, ...]) -> None:
    """Run the analysis NAME on a dataset (default: the embedded seed)."""
    from mideast_model.plugins import get_analysis

    analysis = get_analysis(name)
    kwargs = analysis.parse_params(params)
    dataset = _load_input(input_path)
    result = analysis.run(dataset, **kwargs)
    if as_json:
        import orjson

        click.echo(orjson.dumps(result.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())
    elif as_markdown:
        click.echo(result.to_markdown())
    else:
        from rich.console import Console

        Console().print(result.to_rich())


@cli.command()
@_input_option
@click.option("-o", "--output", metavar="PATH", help="Where to write (default: report.html, or report.md).")
@click.option(
    "--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True, help="Report format."
)
def report(input_path: str | None, output: str | None, fmt: str) -> None:
    """Write a briefing report on a dataset (default: the embedded seed).

    The first screen tells the story of the busiest period (key events, who blames whom,
    where the sources disagree, what is uncertain), each line linked to its statements.
    On a large dataset (more than 250 events) the report summarises instead of listing:
    top dyads, busiest months and counts per month, top contradictions, and the
    statements the findings cite plus the first 400; the dataset itself keeps them all.
    A dataset with no events and no statements is an error: "nothing to report".
    """
    from mideast_model.plugins import exporters

    if "report" not in exporters():
        raise MideastModelError(
            "no report plugin is installed: pip install -e plugins/report (distribution mideast-model-report)"
        )
    dataset = _load_input(input_path)
    target = output or ("report.html" if fmt == "html" else "report.md")
    write_output("report", dataset, target, {"format": fmt})
    if target != "-":
        click.echo(f"wrote the {fmt} briefing report to {Path(target).resolve()}")


def main() -> None:
    """Entry point of the ``mideast-model`` script.

    Errors raised outside a verb (a strict-mode plugin failure while ``--help`` lists the
    commands) are one line too, with status 1.
    """
    try:
        cli(prog_name="mideast-model")
    except MideastModelError as exc:
        if _debug():
            raise
        _error_line(exc)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
