"""The importer against the core's conformance kit, and its registration as a plugin."""

from __future__ import annotations

from pathlib import Path

import mideast_model_text
import pytest

from mideast_model.plugins import get_importer, importers

SEED = Path(__file__).parent / "fixtures" / "seed.txt"


def test_registered_through_the_entry_point() -> None:
    importer = get_importer("text")
    assert importer.read is mideast_model_text.read
    assert ".txt" in importer.suffixes and not importer.lossless
    assert "text" in importers()


def test_sniff_refuses_binary_and_other_suffixes() -> None:
    importer = get_importer("text")
    assert importer.sniff is not None
    assert importer.sniff(b"By Jane Doe, March 27, 2020", "article.txt")
    assert not importer.sniff(b"\x00\x01binary", "article.txt")
    assert not importer.sniff(b"{}", "data.json")


def test_check_importer_on_the_seed() -> None:
    conformance = pytest.importorskip("mideast_model.testing.conformance")
    dataset = conformance.check_importer(get_importer("text"), SEED)
    assert len(dataset.sources) == 4


def test_check_importer_rejects_binary(tmp_path: Path) -> None:
    conformance = pytest.importorskip("mideast_model.testing.conformance")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    conformance.check_importer_rejects(get_importer("text"), binary)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\u00e9 \u00e0 Bagdad".encode("latin-1"))
    conformance.check_importer_rejects(get_importer("text"), latin1)
