"""This plugin's test helpers: its fixtures folder and the kit's importer helpers."""

from __future__ import annotations

from pathlib import Path

from mideast_model.testing.conformance import check_importer, check_importer_rejects
from mideast_model.testing.importers import (
    check_bom_and_crlf,
    check_mutations,
    import_file,
    mutations,
    outcome,
    same_objects,
    shared,
    shared_data_dir,
)

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = shared_data_dir()

__all__ = [
    "FIXTURES",
    "SHARED",
    "check_bom_and_crlf",
    "check_importer",
    "check_importer_rejects",
    "check_mutations",
    "import_file",
    "mutations",
    "outcome",
    "same_objects",
    "shared",
]
