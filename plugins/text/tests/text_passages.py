"""What the text importer reads in a short passage, as plain tuples for the rule tests.

One :class:`Passages` per article date; each view runs the importer on the passage
(``evaluate.run_passage``) and keeps only what a test compares.
"""

from __future__ import annotations

import datetime as dt

from mideast_model_text import evaluate

from mideast_model.model import Actor, Claim, Predicate, Stance


class Passages:
    """Views of the objects the importer reads in a passage dated ``day``."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def objects(self, text: str) -> list[object]:
        """Every object read in ``text``."""
        return list(evaluate.run_passage(text, self.day))

    def quotes(self, text: str) -> dict[str, str | None]:
        """Quote (trimmed of `` .,``) → speaker name (the id for an actor not emitted)."""
        objects = self.objects(text)
        actors = {o.id: o for o in objects if isinstance(o, Actor)}
        out: dict[str, str | None] = {}
        for claim in objects:
            if isinstance(claim, Claim) and claim.predicate is Predicate.STATES and claim.quote:
                speaker = actors.get(claim.speaker or "")
                out[claim.quote.strip(" .,")] = speaker.name if speaker else claim.speaker
        return out

    def quote_stances(self, text: str) -> dict[str, Stance]:
        """Quote (trimmed of `` .,``) → its stance."""
        return {
            c.quote.strip(" .,"): c.stance
            for c in self.objects(text)
            if isinstance(c, Claim) and c.predicate is Predicate.STATES and c.quote
        }

    def reported(self, text: str) -> list[tuple[str, Stance]]:
        """(speaker name, stance) of each reported claim (no quote)."""
        objects = self.objects(text)
        actors = {o.id: o for o in objects if isinstance(o, Actor)}
        return [
            (actors[c.speaker].name, c.stance)
            for c in objects
            if isinstance(c, Claim) and c.predicate is Predicate.STATES and not c.quote and c.speaker in actors
        ]

    def blamed(self, text: str) -> list[tuple[str, str]]:
        """(speaker name, blamed name) of each blame claim whose speaker and target are actors read."""
        objects = self.objects(text)
        actors = {o.id: o for o in objects if isinstance(o, Actor)}
        return [
            (actors[c.speaker].name, actors[c.subject].name)
            for c in objects
            if isinstance(c, Claim) and c.predicate is Predicate.RESPONSIBLE_FOR and c.speaker in actors
            if c.subject in actors
        ]
