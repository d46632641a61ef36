"""The testing kit itself: strategies cover what they promise; each conformance check
passes a good plugin and fails a broken one; fixtures and ``registered`` clean up."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import pluggy
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import mideast_model
from mideast_model import plugins
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError, UnknownNameError
from mideast_model.extensions import Analysis, ExportContext, Exporter, ImportContext, Importer, TableResult
from mideast_model.io import canonical
from mideast_model.model import Actor, ActorKind, Event, EventKind, TimeSpan
from mideast_model.testing import conformance, registered
from mideast_model.testing import strategies as mst


@pytest.fixture
def json_pair(builtin_plugin_manager: pluggy.PluginManager) -> tuple[Exporter, Importer]:
    return plugins.get_exporter("json"), plugins.get_importer("json")


SMALL = Dataset.from_objects(
    [
        Actor(id="actor:a", name="<script>alert(1)</script>", kind=ActorKind.STATE),
        Event(id="event:1", kind=EventKind.AIRSTRIKE, when="2020-03-12", title='=HYPERLINK("http://x")'),
        Event(id="event:2", kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK, when="2020-03-11~", title="]]>\nrockets"),
    ]
)


# -- strategies ---------------------------------------------------------------------------


def _find(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> Any:
    # generate only: shrinking a found dataset to a minimal one takes far longer than finding it
    return find(strategy, condition, settings=settings(max_examples=2000, database=None, phases=[Phase.generate]))


@pytest.mark.parametrize(
    "needle", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]>", '=HYPERLINK("http://x")', '"', "\n"]
)
def test_texts_are_sometimes_hostile(needle: str) -> None:
    assert needle in _find(mst.texts(), lambda s: needle in s)


def test_texts_hold_control_characters_and_other_scripts() -> None:
    assert _find(mst.texts(), lambda s: any(c in s for c in "\x0b\x0c\x07\x1b\x7f"))
    assert _find(mst.texts(), lambda s: "\t" in s)
    assert _find(mst.texts(), lambda s: any("\u0600" <= c <= "\u06ff" for c in s))  # Arabic script


def test_datasets_carry_hostile_text_into_the_dump() -> None:
    found = _find(mst.datasets(max_objects=10), lambda d: b"<script>" in canonical.dumps(d))
    assert b"<script>" in canonical.dumps(found)


@pytest.mark.parametrize(
    ("label", "condition"),
    [
        ("day", lambda t: t.precision == "day" and "/" not in t.edtf),
        ("month", lambda t: t.precision == "month" and "/" not in t.edtf),
        ("year", lambda t: t.precision == "year" and "/" not in t.edtf),
        ("season", lambda t: t.precision == "season"),
        ("approximate", lambda t: t.approximate and not t.uncertain),
        ("uncertain", lambda t: t.uncertain and not t.approximate),
        ("both", lambda t: "%" in t.edtf),
        ("interval", lambda t: "/" in t.edtf and not t.is_open),
        ("open end", lambda t: t.edtf.endswith("/..") or t.edtf.endswith("/")),
        ("open start", lambda t: t.edtf.startswith("../") or t.edtf.startswith("/")),
    ],
)
def test_time_spans_cover_every_form(label: str, condition: Callable[[TimeSpan], bool]) -> None:
    assert condition(_find(mst.time_spans(), condition)), label


def test_datasets_use_every_kind_and_cross_references() -> None:
    full = _find(mst.datasets(), lambda d: all(d.counts().values()))
    assert all(full.counts().values())
    about_claims = _find(mst.datasets(), lambda d: any(c.subject in d.claims for c in d.claims.values()))
    assert any(c.subject in about_claims.claims for c in about_claims.claims.values())


@given(mst.datasets(max_objects=5))
def test_datasets_respect_max_objects(dataset: Dataset) -> None:
    assert len(dataset) <= 5


@given(mst.ids("actor"))
def test_ids_have_their_prefix_and_no_whitespace(object_id: str) -> None:
    assert object_id.startswith("actor:") and not any(c.isspace() for c in object_id)
    Actor(id=object_id, name="x", kind=ActorKind.STATE)


# -- check_roundtrip ----------------------------------------------------------------------


@settings(max_examples=10)
@given(mst.datasets(max_objects=20))
def test_roundtrip_passes_for_the_json_format(dataset: Dataset) -> None:
    plugins.reset()
    assert conformance.check_roundtrip(plugins.get_exporter("json"), plugins.get_importer("json"), dataset) == dataset


def _lossy_write(dataset: Dataset, target: BinaryIO, context: ExportContext) -> None:
    target.write(canonical.dumps(Dataset.from_objects(o for o in dataset if o.id != "event:2")))


def test_roundtrip_fails_and_names_what_was_lost(json_pair: tuple[Exporter, Importer]) -> None:
    _, importer = json_pair
    lossy = Exporter(name="lossy", description="drops an event", write=_lossy_write, suffixes=(".json",))
    with pytest.raises(AssertionError, match=r"not lossless: missing 1 object\(s\): event:2"):
        conformance.check_roundtrip(lossy, importer, SMALL)


def _dir_write(dataset: Dataset, target: Path, context: ExportContext) -> None:
    assert target.is_dir()
    for obj in dataset:
        (target / f"{len(list(target.iterdir()))}.json").write_bytes(canonical.dumps(Dataset.from_objects([obj])))


def _dir_read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    assert isinstance(source, Path) and source.is_dir()
    for path in sorted(source.iterdir()):
        yield from canonical.loads(path.read_bytes(), path=str(path))


def test_roundtrip_through_a_directory_format() -> None:
    exporter = Exporter(name="dir", description="one file per object", write=_dir_write, directory=True)
    importer = Importer(name="dir", description="one file per object", read=_dir_read, directory=True)
    assert conformance.check_roundtrip(exporter, importer, SMALL) == SMALL


# -- check_importer / check_importer_rejects ----------------------------------------------


def test_check_importer_on_a_good_file(json_pair: tuple[Exporter, Importer], tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    canonical.dump(SMALL, path)
    assert conformance.check_importer(json_pair[1], path) == SMALL


def test_check_importer_catches_a_nondeterministic_importer(tmp_path: Path) -> None:
    counter = itertools.count()

    def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
        yield Actor(id="actor:a", name=f"call {next(counter)}", kind=ActorKind.STATE)

    path = tmp_path / "x.txt"
    path.write_text("x")
    with pytest.raises(AssertionError, match="not deterministic"):
        conformance.check_importer(Importer(name="flaky", description="", read=read), path)


def test_check_importer_catches_a_path_only_importer(tmp_path: Path) -> None:
    def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
        name = "path" if isinstance(source, Path) else "stream"
        yield Actor(id="actor:a", name=name, kind=ActorKind.STATE)

    path = tmp_path / "x.txt"
    path.write_text("x")
    with pytest.raises(AssertionError, match="from a Path and from a binary stream"):
        conformance.check_importer(Importer(name="split", description="", read=read), path)


def test_check_importer_catches_a_sniff_that_does_not_know_its_own_files(
    json_pair: tuple[Exporter, Importer], tmp_path: Path
) -> None:
    path = tmp_path / "small.json"
    canonical.dump(SMALL, path)
    blind = attrs.evolve(json_pair[1], sniff=lambda head, name: False)
    with pytest.raises(AssertionError, match="sniff"):
        conformance.check_importer(blind, path)


def test_check_importer_rejects_passes_on_truncated_json(json_pair: tuple[Exporter, Importer], tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(canonical.dumps(SMALL)[:100])
    error = conformance.check_importer_rejects(json_pair[1], path)
    assert isinstance(error, InvalidInputError) and str(path) in str(error)
    with pytest.raises(AssertionError, match="rejected"):
        conformance.check_importer(json_pair[1], path)


def test_check_importer_rejects_fails_when_the_input_is_accepted(
    json_pair: tuple[Exporter, Importer], tmp_path: Path
) -> None:
    path = tmp_path / "good.json"
    canonical.dump(SMALL, path)
    with pytest.raises(AssertionError, match="accepted the bad input"):
        conformance.check_importer_rejects(json_pair[1], path)


def _raising(exc: Exception) -> Importer:
    def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
        raise exc
        yield  # pragma: no cover

    return Importer(name="raising", description="", read=read)


def test_check_importer_rejects_fails_on_a_raw_exception(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n")
    with pytest.raises(AssertionError, match="raised KeyError"):
        conformance.check_importer_rejects(_raising(KeyError("column")), path)


def test_check_importer_rejects_fails_when_the_file_is_not_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n")
    with pytest.raises(AssertionError, match="does not name the file"):
        conformance.check_importer_rejects(_raising(InvalidInputError("bad row", line=2)), path)


# -- check_lossy_export -------------------------------------------------------------------


def _csv_write(drop: str | None) -> Callable[[Dataset, BinaryIO, ExportContext], None]:
    def write(dataset: Dataset, target: BinaryIO, context: ExportContext) -> None:
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["id", "title"])
        for event in dataset.events.values():
            if event.id != drop:
                writer.writerow([event.id, event.title])
        target.write(text.getvalue().encode())

    return write


def _csv_ids(path: Path) -> dict[str, set[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {"event": {row["id"] for row in csv.DictReader(fh)}}


def test_lossy_export_keeps_every_id() -> None:
    exporter = Exporter(name="events-csv", description="", write=_csv_write(None), suffixes=(".csv",))
    assert conformance.check_lossy_export(exporter, SMALL, _csv_ids) == {"events": {"event:1", "event:2"}}


def test_lossy_export_that_loses_an_id_fails() -> None:
    exporter = Exporter(name="events-csv", description="", write=_csv_write("event:1"), suffixes=(".csv",))
    with pytest.raises(AssertionError, match=r"missing \['event:1'\]"):
        conformance.check_lossy_export(exporter, SMALL, _csv_ids)


# -- check_analysis -----------------------------------------------------------------------


def _count_kinds(dataset: Dataset, top: int = 10) -> TableResult:
    counts: dict[str, int] = {}
    for event in dataset.events.values():
        counts[event.kind.value] = counts.get(event.kind.value, 0) + 1
    rows = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return TableResult("Event kinds", ("kind", "events"), rows)


_COUNT = Analysis(name="kinds", description="events per kind", run=_count_kinds)


@settings(max_examples=10)
@given(mst.datasets(max_objects=20))
def test_check_analysis_passes_a_deterministic_analysis(dataset: Dataset) -> None:
    result = conformance.check_analysis(_COUNT, dataset, top=3)
    assert len(result.to_json()) <= 3


def test_check_analysis_catches_nondeterminism() -> None:
    counter = itertools.count()
    flaky = Analysis(name="flaky", description="", run=lambda d: TableResult("t", ("n",), ((next(counter),),)))
    with pytest.raises(AssertionError, match="different to_json"):
        conformance.check_analysis(flaky, SMALL)


def test_check_analysis_catches_json_that_is_not_json() -> None:
    bad = Analysis(name="bad", description="", run=lambda d: TableResult("t", ("x",), (), data={1, 2}))
    with pytest.raises(AssertionError, match="not plain JSON"):
        conformance.check_analysis(bad, SMALL)


# -- fixtures and registered --------------------------------------------------------------


class _KitPlugin:
    @mideast_model.hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        register(Importer(name="kit-test", description="for the kit's tests", read=_dir_read, directory=True))


def test_plugin_manager_fixture_is_fresh(plugin_manager: pluggy.PluginManager) -> None:
    assert plugin_manager is plugins.get_plugin_manager()
    assert all(plugin_manager.has_plugin(name) for name in plugins.DEFAULT_PLUGINS)


def test_builtin_plugin_manager_loads_no_entry_points(builtin_plugin_manager: pluggy.PluginManager) -> None:
    names = {name for name, _ in builtin_plugin_manager.list_name_plugin()}
    assert names == set(plugins.DEFAULT_PLUGINS)


def test_registered_registers_and_always_unregisters(builtin_plugin_manager: pluggy.PluginManager) -> None:
    plugin = _KitPlugin()
    with pytest.raises(UnknownNameError):
        plugins.get_importer("kit-test")
    with registered(plugin, name="kit-plugin") as name:
        assert name == "kit-plugin"
        assert plugins.get_importer("kit-test").description == "for the kit's tests"
    assert not builtin_plugin_manager.is_registered(plugin)
    with pytest.raises(UnknownNameError):
        plugins.get_importer("kit-test")
    with pytest.raises(RuntimeError, match="boom"), registered(plugin):
        assert "kit-test" in plugins.importers()
        raise RuntimeError("boom")
    assert not builtin_plugin_manager.is_registered(plugin)
    assert "kit-test" not in plugins.importers()
