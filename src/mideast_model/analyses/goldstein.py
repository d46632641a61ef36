"""The Goldstein conflict–cooperation scale (−10 … +10) for CAMEO event codes.

The table is GDELT's ``CAMEO.goldsteinscale.txt`` (311 codes, tab-separated), shipped as
``mideast_model/data/cameo_goldstein.txt``; the weights are those of Goldstein (1992),
"A Conflict-Cooperation Scale for WEIS Events Data", as adapted to CAMEO by GDELT.
"""

from __future__ import annotations

import functools
from importlib import resources

from mideast_model.model import Event

__all__ = ["event_goldstein", "goldstein", "goldstein_table"]


@functools.lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """CAMEO code (zero-padded text) → Goldstein score, read from the shipped table."""
    text = resources.files("mideast_model.data").joinpath("cameo_goldstein.txt").read_text(encoding="ascii")
    table: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if number == 1 or not line.strip():
            continue
        code, _, score = line.partition("\t")
        table[code.strip()] = float(score)
    return table


def goldstein(code: str) -> float | None:
    """The score of a CAMEO code: exact, else its three-digit base, else its root; ``None`` if unknown."""
    table = goldstein_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def event_goldstein(event: Event) -> tuple[float | None, str | None]:
    """(score, CAMEO code used) for an event: its own code, else its kind's; ``(None, None)`` if unscored."""
    for code in (event.cameo, event.kind.cameo):
        if code:
            score = goldstein(code)
            if score is not None:
                return score, code
    return None, None
