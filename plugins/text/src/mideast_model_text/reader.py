"""Reading article text: a size cap, strict UTF-8, and a check that it is English prose."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import BinaryIO

from mideast_model.extensions import ImportContext

__all__ = ["MAX_BYTES", "read_text"]

#: The default cap on input size: 16 MiB, some hundreds of long articles. A larger
#: input is refused before it is read whole; raise it with the ``max_bytes`` option.
MAX_BYTES = 16 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _read_capped(source: Path | BinaryIO, cap: int) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as fh:
            return fh.read(cap + 1)
    return source.read(cap + 1)


def _script(char: str) -> str:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" → "Arabic")."""
    name = unicodedata.name(char, "")
    return name.split(" ")[0].capitalize() if name else "unknown"


def read_text(source: Path | BinaryIO, context: ImportContext, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``source``, decoded strictly as UTF-8 (a leading BOM is dropped).

    Raises :class:`~mideast_model.errors.InvalidInputError` naming the file for input
    over the size cap, binary input (a NUL byte, control characters, undecodable
    bytes, with their byte offset and line), empty input, and text that is mostly in a
    script other than Latin (the extraction rules are for English).
    """
    cap = max_bytes
    raw = _read_capped(source, cap)
    if context.progress is not None:
        context.progress(len(raw))
    if len(raw) > cap:
        raise context.error(
            f"input is larger than the text importer's limit of {cap} bytes; "
            "split it into articles or raise the max_bytes option"
        )
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise context.error(
            f"binary input, not article text: NUL byte at byte offset {nul}", line=_line_of(raw, nul), field="bytes"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise context.error(
            f"not UTF-8 text: undecodable byte 0x{raw[exc.start]:02x} at byte offset {exc.start} "
            "(convert the file to UTF-8)",
            line=_line_of(raw, exc.start),
            field="bytes",
        ) from None
    if not text.strip():
        raise context.error("empty input: no article text")
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 100):
        raise context.error("binary input, not article text: too many control characters", field="bytes")
    sample = text[: 1 << 18]
    letters = len(_LETTER.findall(sample))
    latin = len(_LATIN.findall(sample))
    if letters == 0:
        raise context.error("no article text: the input holds no letters")
    if latin * 2 < letters:
        other: dict[str, int] = {}
        for char in _LETTER.findall(sample)[:4096]:
            if not _LATIN.match(char):
                script = _script(char)
                other[script] = other.get(script, 0) + 1
        script = max(other, key=lambda k: other[k]) if other else "non-Latin"
        raise context.error(f"the text is mostly in the {script} script; the text importer reads English articles only")
    return text
