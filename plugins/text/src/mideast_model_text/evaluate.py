"""Score the text importer against a hand-annotated set of passages.

``python -m mideast_model_text.evaluate [PASSAGES.yaml]`` runs the importer on every
passage of the held-out set (``plugins/text/tests/heldout/passages.yaml`` by default,
see its README for the fields) and prints precision and recall for direct quotes,
their speakers and stances, reported speech, casualty figures and dates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from mideast_model.model import Actor, Claim, Event, Predicate, Stance
from mideast_model_text.actors import surname_skeleton

__all__ = ["DEFAULT", "Score", "evaluate", "load", "main", "run_passage", "unnamed_known_speakers"]

DEFAULT = Path(__file__).resolve().parents[2] / "tests" / "heldout" / "passages.yaml"

_PUNCT = re.compile(r"[\s,.;:!?\"“”‘’']+")
_SPACE = re.compile(r"\s+")


def _norm_quote(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _PUNCT.sub(" ", text).strip().casefold()


def _norm_name(text: str) -> str:
    text = text.replace("\u2019", "'").replace(".", "").casefold()
    text = _SPACE.sub(" ", text).strip(" ,;:")
    for article in ("a ", "an ", "the "):
        if text.startswith(article):
            text = text[len(article) :]
    # "Joseph R. Biden, Jr." is "Joseph R. Biden": a generational suffix is not part of the name.
    for suffix in (" jr", " sr", " iii", " ii"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].rstrip(" ,")
    return text


def load(path: Path = DEFAULT) -> list[dict[str, Any]]:
    """The passages of an annotated set (a YAML list, see the held-out set's README)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of passages")
    return data


def _resolver() -> tuple[Any, list[Actor]]:
    from mideast_model.plugins import resolve_actor
    from mideast_model_text import _known_actors

    def resolve(name: str, context: Mapping[str, Any]) -> Actor | None:
        found: Actor | None = resolve_actor(name, dict(context))
        return found

    return resolve, _known_actors()


def run_passage(text: str, published: dt.date, resolve: Any = None, known: Sequence[Actor] | None = None) -> list[Any]:
    """The importer's objects for one passage published on ``published``.

    :param resolve: the ``resolve_actor`` hook (the installed plugins' by default).
    :param known: the embedded actors (the seed's by default).
    """
    from mideast_model_text.extract import extract

    if resolve is None or known is None:
        resolve, known = _resolver()
    return list(extract(text, resolve, known, {"published": published}))


def _speaker_ok(want: str, aka: Iterable[str], actor: Actor | None, known: Mapping[str, Actor]) -> bool:
    """True when ``actor`` is the annotated speaker ``want`` (``actor:ID``, ``new:NAME``, ``anon:DESC``)."""
    if actor is None:
        return False
    options = [want, *aka]
    for option in options:
        if option.startswith("actor:") and actor.id == option:
            return True
    if actor.id in known:
        return False
    names = {_norm_name(o.split(":", 1)[1] if o.startswith(("new:", "anon:")) else o) for o in options}
    # A new actor is named by its canonical name or one of its spellings ("Adel Abdel Mahdi").
    return any(_norm_name(name) in names for name in actor.names())


@attrs.define
class Score:
    """Counts of one evaluation run; the rates are properties."""

    quotes_annotated: int = 0
    quotes_found: int = 0
    quotes_extracted: int = 0
    quotes_extracted_right: int = 0
    speakers_right: int = 0
    quote_stances_right: int = 0
    claims_annotated: int = 0
    claims_found: int = 0
    claims_stance_right: int = 0
    claims_extracted: int = 0
    claims_extracted_right: int = 0
    blames_annotated: int = 0
    blames_found: int = 0
    counts_annotated: int = 0
    counts_found: int = 0
    dates_annotated: int = 0
    dates_found: int = 0
    unnamed: int = 0
    problems: list[str] = attrs.field(factory=list)

    @staticmethod
    def _rate(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def quote_recall(self) -> float:
        """Annotated quotes found (text only)."""
        return self._rate(self.quotes_found, self.quotes_annotated)

    @property
    def quote_precision(self) -> float:
        """Extracted quotes that are annotated quotes."""
        return self._rate(self.quotes_extracted_right, self.quotes_extracted)

    @property
    def speaker_right(self) -> float:
        """Annotated quotes found with the right speaker, of all annotated quotes."""
        return self._rate(self.speakers_right, self.quotes_annotated)

    @property
    def speaker_precision(self) -> float:
        """Found quotes whose speaker is right."""
        return self._rate(self.speakers_right, self.quotes_found)

    @property
    def quote_stance(self) -> float:
        """Found quotes whose stance is right."""
        return self._rate(self.quote_stances_right, self.quotes_found)

    @property
    def claim_recall(self) -> float:
        """Annotated reported-speech claims found with their speaker."""
        return self._rate(self.claims_found, self.claims_annotated)

    @property
    def claim_precision(self) -> float:
        """Extracted reported-speech claims whose speaker is an annotated one."""
        return self._rate(self.claims_extracted_right, self.claims_extracted)

    @property
    def claim_stance(self) -> float:
        """Annotated claims found with their speaker and stance, of those found."""
        return self._rate(self.claims_stance_right, self.claims_found)

    def report(self) -> str:
        """The scores as a few lines of text."""
        rows = [
            ("quotes", self.quote_precision, self.quote_recall, f"{self.quotes_found}/{self.quotes_annotated} found"),
            ("quote speakers", self.speaker_precision, self.speaker_right, f"{self.speakers_right} right"),
            ("quote stances", self.quote_stance, None, f"{self.quote_stances_right}/{self.quotes_found}"),
            ("reported speech", self.claim_precision, self.claim_recall,
             f"{self.claims_found}/{self.claims_annotated}"),
            ("reported stances", self.claim_stance, None, f"{self.claims_stance_right}/{self.claims_found}"),
            ("blame targets", None, self._rate(self.blames_found, self.blames_annotated),
             f"{self.blames_found}/{self.blames_annotated}"),
            ("casualty ranges", None, self._rate(self.counts_found, self.counts_annotated),
             f"{self.counts_found}/{self.counts_annotated}"),
            ("dates", None, self._rate(self.dates_found, self.dates_annotated),
             f"{self.dates_found}/{self.dates_annotated}"),
        ]  # fmt: skip
        lines = [f"{'':18} {'precision':>9} {'recall':>7}"]
        for name, p, r, note in rows:
            ps = f"{p:9.1%}" if p is not None else f"{'-':>9}"
            rs = f"{r:7.1%}" if r is not None else f"{'-':>7}"
            lines.append(f"{name:18} {ps} {rs}   {note}")
        lines.append(f"quotes given to a known actor the text does not name: {self.unnamed}")
        return "\n".join(lines)


def unnamed_known_speakers(text: str, claims: Iterable[Claim], known: Mapping[str, Actor]) -> list[Claim]:
    """Claims with a speaker among ``known`` none of whose names (or surnames) the text contains."""
    folded = text.replace("\u2019", "'").casefold()
    bad: list[Claim] = []
    for claim in claims:
        actor = known.get(claim.speaker or "")
        if actor is None:
            continue
        names = {n.replace("\u2019", "'").casefold() for n in actor.names()}
        names |= {n.split()[-1] for n in names if len(n.split()) > 1}
        if actor.country:
            names.add(actor.country.casefold())
        if any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", folded) for n in names):
            continue
        # A spelling variant of the surname names the person too ("al-Zurfi" for al-Zurufi).
        skeletons = {surname_skeleton(n.split()[-1]) for n in names if len(n.split()) > 1} - {None}
        if skeletons and any(surname_skeleton(w) in skeletons for w in set(folded.split())):
            continue
        bad.append(claim)
    return bad


def _matches(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and short in long and len(short) >= 0.8 * len(long)


def evaluate(passages: Sequence[Mapping[str, Any]]) -> Score:
    """Score the importer on ``passages`` (see :func:`load`)."""
    resolve, known_list = _resolver()
    known = {a.id: a for a in known_list}
    score = Score()
    for passage in passages:
        published = passage["published"]
        if not isinstance(published, dt.date):
            published = dt.date.fromisoformat(str(published))
        objects = run_passage(passage["text"], published, resolve, known_list)
        actors = {o.id: o for o in objects if isinstance(o, Actor)}
        claims = [o for o in objects if isinstance(o, Claim)]
        events = [o for o in objects if isinstance(o, Event)]
        pid = passage["id"]
        score.unnamed += len(unnamed_known_speakers(passage["text"], claims, known))
        _score_quotes(passage, claims, actors, known, score)
        _score_claims(passage, claims, actors, known, score)
        for count in passage.get("counts", ()):
            score.counts_annotated += 1
            if any(
                c.predicate is Predicate.COUNT
                and c.value is not None
                and c.value.count is not None
                and (c.value.count.low, c.value.count.high) == (count["low"], count["high"])
                for c in claims
            ):
                score.counts_found += 1
            else:
                score.problems.append(f"{pid}: count {count['text']!r} not found")
        found_dates = {e.when.edtf for e in events} | {c.said.edtf for c in claims if c.said is not None}
        for date in passage.get("dates", ()):
            score.dates_annotated += 1
            if str(date["edtf"]) in found_dates:
                score.dates_found += 1
            else:
                score.problems.append(f"{pid}: date {date['text']!r} = {date['edtf']} not found in {found_dates}")
    return score


def _score_quotes(
    passage: Mapping[str, Any], claims: Sequence[Claim], actors: Mapping[str, Actor], known: Mapping[str, Actor],
    score: Score,
) -> None:  # fmt: skip
    pid = passage["id"]
    extracted = [c for c in claims if c.quote is not None]
    score.quotes_extracted += len(extracted)
    used: set[str] = set()
    for entry in passage.get("quotes", ()):
        score.quotes_annotated += 1
        want = _norm_quote(entry["quote"])
        hits = [c for c in extracted if _matches(_norm_quote(c.quote or ""), want)]
        if not hits:
            score.problems.append(f"{pid}: missed quote {entry['quote'][:50]!r}")
            continue
        score.quotes_found += 1
        good = [
            c for c in hits if _speaker_ok(entry["speaker"], entry.get("aka", ()), actors.get(c.speaker or ""), known)
        ]
        chosen = (good or hits)[0]
        used.add(chosen.id)
        if good:
            score.speakers_right += 1
        else:
            got = actors.get(chosen.speaker or "")
            score.problems.append(
                f"{pid}: quote {entry['quote'][:40]!r} by {entry['speaker']}, got {got.id if got else None}"
                f" ({got.name if got else ''})"
            )
        if chosen.stance.value == entry.get("stance", "asserts"):
            score.quote_stances_right += 1
        else:
            score.problems.append(
                f"{pid}: quote {entry['quote'][:40]!r} stance {entry.get('stance')}, got {chosen.stance.value}"
            )
    for claim in extracted:
        if claim.id in used or any(
            _matches(_norm_quote(claim.quote or ""), _norm_quote(e["quote"])) for e in passage.get("quotes", ())
        ):
            score.quotes_extracted_right += 1
        else:
            score.problems.append(f"{pid}: extra quote {claim.quote!r} by {claim.speaker}")


def _score_claims(
    passage: Mapping[str, Any], claims: Sequence[Claim], actors: Mapping[str, Actor], known: Mapping[str, Actor],
    score: Score,
) -> None:  # fmt: skip
    pid = passage["id"]
    reported = [c for c in claims if c.quote is None and c.speaker is not None and c.predicate is Predicate.STATES]
    blames = [
        c for c in claims if c.quote is None and c.speaker is not None and c.predicate is Predicate.RESPONSIBLE_FOR
    ]
    annotated = list(passage.get("claims", ()))
    score.claims_extracted += len(reported)
    for claim in reported:
        actor = actors.get(claim.speaker or "")
        if any(_speaker_ok(e["speaker"], e.get("aka", ()), actor, known) for e in annotated):
            score.claims_extracted_right += 1
        else:
            score.problems.append(f"{pid}: extra reported claim by {claim.speaker} ({actor.name if actor else ''})")
    for entry in annotated:
        score.claims_annotated += 1
        pool = reported + blames
        hits = [
            c for c in pool if _speaker_ok(entry["speaker"], entry.get("aka", ()), actors.get(c.speaker or ""), known)
        ]
        if not hits:
            score.problems.append(f"{pid}: missed reported claim by {entry['speaker']}")
        else:
            score.claims_found += 1
            stance = Stance(entry.get("stance", "asserts"))
            if any(c.stance is stance for c in hits):
                score.claims_stance_right += 1
            else:
                score.problems.append(
                    f"{pid}: reported claim by {entry['speaker']}: stance {stance.value}, "
                    f"got {[c.stance.value for c in hits]}"
                )
        if "target" in entry:
            score.blames_annotated += 1
            if any(
                _speaker_ok(entry["target"], (), actors.get(c.subject), known)
                and _speaker_ok(entry["speaker"], entry.get("aka", ()), actors.get(c.speaker or ""), known)
                for c in blames
            ):
                score.blames_found += 1
            else:
                score.problems.append(f"{pid}: blame {entry['speaker']} -> {entry['target']} not found")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores of the importer on an annotated set; ``-v`` lists every miss."""
    parser = argparse.ArgumentParser(prog="python -m mideast_model_text.evaluate", description=__doc__)
    parser.add_argument("passages", nargs="?", type=Path, default=DEFAULT, help="annotated passages (YAML)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    passages = load(args.passages)
    score = evaluate(passages)
    print(f"{args.passages.name}: {len(passages)} passages, {score.quotes_annotated} quotes, "
          f"{score.claims_annotated} reported claims")  # fmt: skip
    print(score.report())
    if args.verbose:
        for problem in score.problems:
            print("  " + problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
