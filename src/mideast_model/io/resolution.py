"""Actor resolution during an import, and the record of it: each raw name, its actor, the rule.

:class:`Resolver` asks the ``resolve_actor`` hook once per raw name and takes the rule
that matched from the one identity table (:mod:`mideast_model.io.identity`);
:class:`ActorBook` turns the names of a file into actor ids and the actors to emit;
:func:`resolution_text` writes the record a file source carries and
:func:`parse_resolution` reads it back (the ``resolution`` analysis shows it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from mideast_model.extensions import ImportContext
from mideast_model.io.identity import identities
from mideast_model.model import Actor

__all__ = ["RESOLUTION_HEADER", "RESOLUTION_LIMIT", "ActorBook", "Resolver", "parse_resolution", "resolution_text"]


class Resolver:
    """Resolves raw names once each and records, per raw name, the actor and the rule that matched.

    The ``resolve_actor`` hook answers first (other plugins' tables win); the rule is the
    identity table's (:mod:`mideast_model.io.identity`) when it gives the same actor, else
    ``"resolve_actor hook"``.
    """

    def __init__(self, context: ImportContext) -> None:
        self._resolve = context.resolve_actor
        self._cache: dict[tuple[str, str], Actor | None] = {}
        self.resolved: dict[str, str] = {}
        self.rules: dict[str, str] = {}
        self.unresolved: set[str] = set()

    def __call__(self, name: str, ctx: Mapping[str, Any]) -> Actor | None:
        """The canonical actor for ``name`` (cached by name and scheme), or ``None``."""
        scheme = str(ctx.get("scheme", "")) or None
        key = (scheme or "", name)
        if key in self._cache:
            return self._cache[key]
        actor = self._resolve(name, dict(ctx)) if self._resolve is not None else None
        if actor is not None and not isinstance(actor, Actor):
            actor = None
        self._cache[key] = actor
        if actor is None:
            self.unresolved.add(name)
        else:
            self.resolved[name] = actor.id
            match = identities().resolve(name, scheme)
            self.rules[name] = match.rule if match is not None and match.actor.id == actor.id else "resolve_actor hook"
        return actor

    def summary(self) -> str:
        """``resolved=N unresolved=M`` for the import summary."""
        return f"actor_names_resolved={len(self.resolved)} actor_names_unresolved={len(self.unresolved)}"


#: The line that opens the resolution table in a file source's description.
RESOLUTION_HEADER = "Actor names (raw name -> actor id, rule):"


#: At most this many lines of a resolution table are written (every resolved name first).
RESOLUTION_LIMIT = 5000


def resolution_text(entries: Iterable[tuple[str, str, str | None]], limit: int = RESOLUTION_LIMIT) -> str:
    """The resolution table as text: one ``"raw" -> actor:id (rule)`` line per raw name.

    :param entries: ``(raw name, actor id, rule or None when unresolved)``.
    :param limit: the most lines written: resolved names first, then unresolved ones; a
        last line says how many were left out (a GDELT file may hold thousands of codes).
    """
    import json

    ordered = sorted(entries, key=lambda e: (e[2] is None, e[0], e[1]))
    lines = [RESOLUTION_HEADER]
    for raw, actor_id, rule in ordered[:limit]:
        lines.append(f"{json.dumps(raw, ensure_ascii=False)} -> {actor_id} ({rule or 'unresolved'})")
    if len(ordered) > limit:
        lines.append(f"... and {len(ordered) - limit} more names not listed")
    return "\n".join(lines)


def parse_resolution(text: str | None) -> list[tuple[str, str, str | None]]:
    """The ``(raw name, actor id, rule or None)`` entries of a description written by :func:`resolution_text`."""
    import json

    if not text or RESOLUTION_HEADER not in text:
        return []
    out: list[tuple[str, str, str | None]] = []
    decoder = json.JSONDecoder()
    for line in text.split(RESOLUTION_HEADER, 1)[1].splitlines():
        line = line.strip()
        if not line.startswith('"'):
            continue
        try:
            raw, end = decoder.raw_decode(line)
        except ValueError:
            continue
        rest = line[end:].strip()
        if not isinstance(raw, str) or not rest.startswith("-> ") or not rest.endswith(")") or " (" not in rest:
            continue
        actor_id, _, rule = rest[3:-1].partition(" (")
        out.append((raw, actor_id, None if rule == "unresolved" else rule))
    return out


class ActorBook:
    """Actors by raw name, made once and emitted at the end of a read.

    Rows only *look up* ids (resolving each name once); a row that converts cleanly then
    *commits* the hints it saw (an ACLED inter code, ICEWS sectors…). Unresolved actors
    are built from all the hints of the file at the end, so the result does not depend on
    the order of the rows. :meth:`entries` is the resolution table of the names committed.

    :param key: the name an unresolved raw name is filed under (ACLED: without its period
        tag, so "Military Forces of Turkey (2016-)" and "(2016-2023)" are one actor).
    """

    def __init__(
        self,
        resolve: Resolver,
        context: Mapping[str, Any],
        make_id: Callable[[str], str],
        make_actor: Callable[[str, str, dict[str, int]], Actor],
        key: Callable[[str], str] | None = None,
    ) -> None:
        self._resolve = resolve
        self._context = dict(context)
        self._make_id = make_id
        self._make_actor = make_actor
        self._key = key or (lambda name: name)
        self._found: dict[str, Actor | None] = {}
        self._hints: dict[str, dict[str, int]] = {}
        self._raw: dict[str, set[str]] = {}

    def lookup(self, name: str, country: str | None = None) -> str:
        """The id the actor named ``name`` will have (resolved or new)."""
        if name not in self._found:
            ctx = dict(self._context)
            if country:
                ctx["country"] = country
            self._found[name] = self._resolve(name, ctx)
        found = self._found[name]
        return found.id if found is not None else self._make_id(self._key(name))

    def commit(self, notes: Iterable[tuple[str, str]]) -> None:
        """Record ``(name, hint)`` pairs of a row that converted cleanly."""
        for name, hint in notes:
            counts = self._hints.setdefault(name, {})
            counts[hint] = counts.get(hint, 0) + 1

    def actors(self) -> Iterator[Actor]:
        """Every committed actor once: the canonical actor, or a new one marked unresolved."""
        done: set[str] = set()
        grouped: dict[str, dict[str, int]] = {}
        for name in sorted(self._hints):
            if self._found.get(name) is None:
                key = self._key(name)
                self._raw.setdefault(key, set()).add(name)
                counts = grouped.setdefault(key, {})
                for hint, n in self._hints[name].items():
                    counts[hint] = counts.get(hint, 0) + n
        for name in sorted(self._hints):
            found = self._found.get(name)
            if found is None:
                key = self._key(name)
                actor = self._make_actor(self._make_id(key), key, grouped[key])
            else:
                actor = found
            if actor.id not in done:
                done.add(actor.id)
                yield actor

    def raw_names(self, key: str) -> list[str]:
        """The raw names filed under an unresolved actor's ``key`` (after :meth:`actors`)."""
        return sorted(self._raw.get(key, ()))

    def entries(self) -> list[tuple[str, str, str | None]]:
        """``(raw name, actor id, rule or None)`` for every committed raw name."""
        out: list[tuple[str, str, str | None]] = []
        for name in sorted(self._hints):
            found = self._found.get(name)
            if found is not None:
                out.append((name, found.id, self._resolve.rules.get(name, "resolve_actor hook")))
            else:
                out.append((name, self._make_id(self._key(name)), None))
        return out
