"""Regenerate ``mideast_model/data/seed.json`` from the seed's YAML: ``python -m mideast_model.data.build``.

The YAML under ``mideast_model/data/seed/`` is what people edit and review; the JSON is
what :func:`mideast_model.data.seed` loads (in milliseconds, where the YAML takes
seconds). The build validates the YAML exactly as a canonical document and writes the
JSON atomically; ``--check`` only says whether the shipped file is up to date (exit 1
if not), for CI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mideast_model.data import SEED_JSON, seed_document
from mideast_model.errors import MideastModelError

__all__ = ["build", "main", "target"]


def target() -> Path:
    """Where the generated JSON lives: next to this module, in the source tree or installed package."""
    return Path(__file__).resolve().parent / SEED_JSON


def build() -> bytes:
    """The canonical JSON of the seed, built from the YAML (validated; byte-identical for equal YAML)."""
    from mideast_model.dataset import Dataset
    from mideast_model.io.canonical import dumps, from_dict

    dataset: Dataset = from_dict(seed_document(), path="<seed yaml>")
    return dumps(dataset)


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``seed.json``; return the exit status.

    :param argv: command-line arguments (default: ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(prog="python -m mideast_model.data.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if seed.json is out of date, write nothing")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write here instead of the package")
    args = parser.parse_args(argv)
    try:
        data = build()
    except MideastModelError as exc:
        print(f"seed YAML is invalid: {exc}", file=sys.stderr)
        return 2
    out = args.output or target()
    if args.check:
        current = out.read_bytes() if out.exists() else b""
        if current != data:
            print(f"{out} is out of date: run python -m mideast_model.data.build", file=sys.stderr)
            return 1
        print(f"{out} is up to date")
        return 0
    from mideast_model.io.atomic import atomic_write

    with atomic_write(out) as fh:
        fh.write(data)
    print(f"wrote {out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
