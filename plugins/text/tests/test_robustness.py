"""Hostile and odd input: empty, binary, undecodable, huge, other scripts; bounded time and memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import mideast_model_text
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext

SEED = Path(__file__).parent / "fixtures" / "seed.txt"


def read_bytes(tmp_path: Path, data: bytes, **options: object) -> Dataset:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    context = ImportContext(path=str(path), options=options)
    return Dataset.from_objects(list(mideast_model_text.read(path, context)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b" \n\n\t  \n", "empty input"),
        (b"Hello\x00world", "NUL byte at byte offset 5"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte"),
        (bytes(range(1, 32)) * 40, "control characters"),
        (b"123 456 789 !!! ...", "no letters"),
    ],
    ids=["empty", "blank", "nul", "png", "controls", "no-letters"],
)
def test_rejected_with_a_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as info:
        read_bytes(tmp_path, data)
    assert info.value.path is not None and info.value.path.endswith("input.txt")


def test_undecodable_byte_names_offset_and_line(tmp_path: Path) -> None:
    prefix = "Rockets hit Camp Taji.\nThe base’s ".encode()
    with pytest.raises(InvalidInputError) as info:
        read_bytes(tmp_path, prefix + b"\xff\xfe and more")
    error = info.value
    assert error.line == 2
    assert f"byte offset {len(prefix)}" in str(error) and "0xff" in str(error)
    assert "input.txt:2" in str(error)


def test_latin1_file_is_refused_not_guessed(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not UTF-8"):
        read_bytes(tmp_path, "Caf\u00e9 in Baghdad, said the owner.".encode("latin-1"))


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("الولايات المتحدة تقصف مواقع كتائب حزب الله في العراق. " * 20, "Arabic"),
        ("ایالات متحده و ایران در عراق درگیر هستند. " * 20, "Arabic"),  # Persian, in Arabic script
        ("США нанесли удары по базам в Ираке. " * 20, "Cyrillic"),
        ("美国和伊朗在伊拉克的冲突。" * 20, "Cjk"),
    ],
)
def test_other_scripts_are_refused(tmp_path: Path, text: str, script: str) -> None:
    with pytest.raises(InvalidInputError, match=f"mostly in the {script} script"):
        read_bytes(tmp_path, text.encode("utf-8"))


def test_english_with_an_arabic_quote_is_read(tmp_path: Path) -> None:
    data = read_bytes(
        tmp_path,
        "Militia Warns US\n\nBy Jane Doe, March 27, 2020\n\n"
        "\u201cسنرد بقوة,\u201d said the statement, according to SITE. "
        "Kataib Hezbollah warned on Wednesday.\n".encode(),
    )
    assert len(data.sources) == 1


def test_bom_is_allowed_and_offsets_index_the_text_without_it(tmp_path: Path) -> None:
    raw = SEED.read_bytes()
    data = read_bytes(tmp_path, b"\xef\xbb\xbf" + raw)
    text = raw.decode("utf-8")
    assert len(data.sources) == 4
    for claim in data.claims.values():
        assert claim.offsets is not None and text[claim.offsets[0] : claim.offsets[1]] == claim.evidence


def test_crlf_line_endings(tmp_path: Path) -> None:
    raw = SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode()
    data = read_bytes(tmp_path, raw)
    assert {s.publisher for s in data.sources.values()} >= {"The New York Times", "The Progressive"}
    text = raw.decode()
    quotes = [c for c in data.claims.values() if c.quote]
    assert len(quotes) >= 24
    for claim in data.claims.values():
        assert claim.offsets is not None and text[claim.offsets[0] : claim.offsets[1]] == claim.evidence


def test_size_cap_refuses_before_reading_everything(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="larger than the text importer's limit of 1000 bytes"):
        read_bytes(tmp_path, b"word " * 1000, max_bytes=1000)


_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from mideast_model.dataset import Dataset
    from mideast_model.errors import InvalidInputError
    from mideast_model.extensions import ImportContext
    import mideast_model_text

    options = json.loads(sys.argv[1])
    for name in sys.argv[2:]:
        path = Path(name)
        start = time.process_time()
        try:
            objects = list(mideast_model_text.read(path, ImportContext(path=str(path), options=options)))
            Dataset.from_objects(objects)
            outcome = f"ok {len(objects)}"
        except InvalidInputError as exc:
            outcome = f"error {exc}"
        # VmHWM is this process's own peak; ru_maxrss also counts the pre-exec copy of a
        # large parent (Linux keeps the forked mm's high-water mark across execve).
        status = Path("/proc/self/status")
        hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")] if status.exists() else []
        rss_kb = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_mb = rss_kb / 1024
        print(json.dumps({"name": path.name, "outcome": outcome, "cpu": time.process_time() - start, "rss_mb": rss_mb}))
    """
)


def _run_child(paths: list[Path], timeout: float, **options: object) -> dict[str, dict[str, object]]:
    """Import each file in one child process; its outcome, CPU seconds and peak RSS by file name."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(options), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    results = [json.loads(line) for line in proc.stdout.strip().splitlines()]
    return {r["name"]: r for r in results}


def test_fifty_megabytes_of_one_line_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        chunk = b"Iran said the militia fired rockets at Camp Taji on Wednesday, officials said " * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    result = _run_child([path], timeout=120)["huge.txt"]
    assert str(result["outcome"]).startswith("error ")
    assert "larger than the text importer's limit" in str(result["outcome"])
    assert float(str(result["cpu"])) < 10
    assert float(str(result["rss_mb"])) < 400


# Each about 0.2-0.5 MB: linear work finishes in about a second; quadratic work would not.
PATHOLOGICAL = {
    "one long line of prose": b"Iran said the militia fired rockets at Camp Taji on Wednesday and " * 6000,
    "opening quotes": "\u201c".encode() * 150000,
    "straight quotes and words": b'"a said b ' * 25000,
    "dots": b"." * 500000,
    "bylines": b"By Jane Doe, March 27, 2020\n\n" * 5000,
    "dates": b"on March 11, 2020 a day later since last May " * 5000,
    "one paragraph of short sentences": b"He said so. " * 15000,
    "speech verbs": b"said said according to said says tells " * 5000,
}


def test_pathological_input_in_bounded_time_and_memory(tmp_path: Path) -> None:
    paths = []
    for index, data in enumerate(PATHOLOGICAL.values()):
        paths.append(tmp_path / f"case{index}.txt")
        paths[-1].write_bytes(data)
    results = _run_child(paths, timeout=300, published="2020-03-27")
    for name, path in zip(PATHOLOGICAL, paths, strict=True):
        result = results[path.name]
        assert float(str(result["cpu"])) < 20, (name, result)
        assert float(str(result["rss_mb"])) < 1500, (name, result)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [*"abcXYZ .,:;!?-\n\u201c\u201d\"’'", "\n\n", "said ", "Mr. ", "Iran ", "By ", "March 11", "2020", "\u0627"]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_text_gives_a_valid_dataset_or_a_clear_error(tmp_path: Path, text: str) -> None:
    try:
        data = read_bytes(tmp_path, text.encode("utf-8"), published="2020-03-27")
    except InvalidInputError:
        return
    for claim in data.claims.values():
        assert claim.offsets is not None
        assert text[claim.offsets[0] : claim.offsets[1]] == claim.evidence


_CLI = [sys.executable, "-c", "from mideast_model.cli import main; main()"]


def test_cli_imports_the_seed_and_reports_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    env = {**os.environ, "MIDEAST_MODEL_LOAD_PLUGINS": "mideast-model-text"}
    proc = subprocess.run(
        [*_CLI, "import", "text", str(SEED), "-o", str(out)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["sources"]) == 4
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    proc = subprocess.run(
        [*_CLI, "import", "text", str(binary), "-o", str(tmp_path / "x.json")],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode != 0
    assert "NUL byte" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_child_rusage_is_available() -> None:
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
