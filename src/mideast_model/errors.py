"""The error hierarchy: every error the library raises on purpose derives from one root.

Messages are one line and say what went wrong and where: the file, the line when there
is one, and the JSON path, field or object id — ``events.json: $.events[3].when: not an
EDTF date: 'Marhc 2020'``.
"""

from __future__ import annotations

import re

__all__ = [
    "ConflictError",
    "DanglingReferenceError",
    "DuplicateIdError",
    "DuplicateRegistrationError",
    "FormatVersionError",
    "IntegrityError",
    "InvalidInputError",
    "MideastModelError",
    "OutputError",
    "PluginError",
    "UnknownNameError",
    "escape_controls",
]

# C0 and C1 controls, DEL, line/paragraph separators, bidi controls and the BOM: the
# characters that move a terminal's cursor, set its title or reorder the text around them.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``).

    Use it on every message that echoes input, so that a file or a plugin cannot write
    terminal escape sequences (a window title, a cleared screen) or reorder a line.

    :param text: the message.
    :return: the same text, safe to print on a terminal; unchanged when it holds no control.
    """
    return _CONTROLS.sub(_escape, text) if _CONTROLS.search(text) else text


class MideastModelError(Exception):
    """The root of every error mideast-model raises on purpose."""


class InvalidInputError(MideastModelError, ValueError):
    """Input that cannot be read: bad syntax, a bad field, a malformed row.

    :param path: the file (or ``"<stdin>"``), when known.
    :param line: the 1-based line number, when known.
    :param field: the JSON path or column name, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.reason = message
        where = []
        if path is not None:
            where.append(f"{path}:{line}" if line is not None else path)
        elif line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(field)
        super().__init__(": ".join([*where, message]))


class OutputError(MideastModelError):
    """An output that cannot be written: full disk, read-only file system, a refused target.

    :param path: the output the user named (never the temporary file).
    :param reason: what went wrong, in a few words (``No space left on device``).
    :param errno: the OS error number, when the cause is one.
    """

    def __init__(self, path: str, reason: str, *, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.errno = errno
        super().__init__(f"cannot write {path}: {reason}" if path else reason)


class FormatVersionError(InvalidInputError):
    """A document's ``format`` or ``version`` is not one this library reads."""


class IntegrityError(MideastModelError):
    """A dataset breaks an invariant: a duplicate id or a dangling reference."""


class DuplicateIdError(IntegrityError):
    """Two objects share one id."""

    def __init__(self, object_id: str, where: str | None = None) -> None:
        self.object_id = object_id
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}duplicate id {object_id!r}")


class DanglingReferenceError(IntegrityError):
    """An object refers to an id that is missing or of the wrong kind."""

    def __init__(self, object_id: str, field: str, target: str, problem: str, where: str | None = None) -> None:
        self.object_id = object_id
        self.field = field
        self.target = target
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}{object_id}: {field}: {problem} {target!r}")


class ConflictError(MideastModelError):
    """A merge met two different objects with one id under the ``error`` policy."""

    def __init__(self, object_id: str) -> None:
        self.object_id = object_id
        super().__init__(
            f"merge conflict: {object_id!r} differs between the datasets (choose a policy: keep-left or keep-right)"
        )


class PluginError(MideastModelError):
    """A plugin failed to load, or registered something invalid."""


class DuplicateRegistrationError(PluginError):
    """Two plugins registered an importer, exporter or analysis under one name."""


class UnknownNameError(MideastModelError, KeyError):
    """No importer, exporter or analysis has that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
