"""Treating dataset text as untrusted: URLs, Markdown, matplotlib labels and anchors.

HTML escaping itself is Jinja2's autoescape (markupsafe); this module covers what
autoescape does not: which URLs may become links, Markdown output (where HTML in a
dataset string must be neutralised too), matplotlib's mathtext (``$…$``) and anchor ids.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

__all__ = ["MdSafe", "anchor_slug", "md_escape", "md_finalize", "md_url", "mpl_text", "safe_url", "shorten"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f<>\"'`\\]+$", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SLUG_BAD = re.compile(r"[^A-Za-z0-9_-]+")


class MdSafe(str):
    """Markdown the report made itself (links to its own anchors): not escaped again."""

    __slots__ = ()


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def safe_url(url: object) -> str | None:
    """``url`` when it is a plain http(s) URL that may become a link; ``None`` otherwise.

    Anything else — ``javascript:``, ``data:``, relative paths, URLs with whitespace,
    control characters or quotes anywhere — is shown as text, never as a link.
    """
    if not isinstance(url, str) or len(url) > 2048:
        return None
    return url if _URL.match(url) else None


def md_escape(value: object) -> str:
    """Dataset text for Markdown: one line, HTML neutralised as entities, Markdown syntax escaped."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_finalize(value: Any) -> Any:
    """Jinja2 ``finalize`` for Markdown templates: escape every value not already :class:`MdSafe`."""
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    return md_escape(value)


def md_url(url: str) -> str:
    """A URL accepted by :func:`safe_url`, with the characters Markdown link syntax needs encoded."""
    return url.replace("(", "%28").replace(")", "%29").replace("[", "%5B").replace("]", "%5D").replace("|", "%7C")


def mpl_text(value: object, limit: int = 40) -> str:
    """Dataset text for a matplotlib label: one line, shortened (the charts turn mathtext off)."""
    return shorten("" if value is None else str(value), limit)


def anchor_slug(prefix: str, object_id: str) -> str:
    """A stable HTML id for ``object_id``: readable, safe in any attribute, and unique per id."""
    readable = _SLUG_BAD.sub("-", object_id.split(":", 1)[-1]).strip("-")[:60] or "x"
    digest = hashlib.blake2s(object_id.encode("utf-8"), digest_size=4).hexdigest()
    return f"{prefix}-{readable}-{digest}"
