"""Precision and recall of the analyses against the analyst's key of the seed (tests/seed_key.yaml).

Run from the repository root: ``python scripts/evaluate_analyses.py [--acled FIXTURE.csv]``.

- contradictions: a finding matches a key entry when it rests on at least one claim of each
  of the entry's sides (``a`` and ``b``); each entry is matched once. Precision = matched
  findings / findings; recall = matched entries / entries; the severity is compared with
  the key's. Findings that rest on two claims of an entry the key lists under
  ``not_contradictions`` are named as such (the entry sharing most claims). The
  "within one source" items are scored against the key's ``within_source`` (revisions the
  text supports) and named by ``not_contradictions`` / ``not_within_source``.
- titfortat: a key chain is found when some chain holds its events in order, contiguously.
- perspectives: whom each source holds most responsible and the course it favours.
- roles: no output puts a target-only or agentless event's target in the acting position.
- escalation: the distribution of the index (and, with ``--acled``, the rank of the
  US - Kataib Hezbollah dyad on the ACLED fixture).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from mideast_model.analyses import contradictions, escalation, perspectives, titfortat
from mideast_model.data import seed

ROOT = Path(__file__).resolve().parent.parent
CAMP = {"us": "actor:usa", "iran": "actor:iran", "both": "both", "none": None}


def _pr(tp: int, found: int, total: int) -> str:
    precision = tp / found if found else 1.0
    recall = tp / total if total else 1.0
    return f"precision {precision:.2f} ({tp}/{found})  recall {recall:.2f} ({tp}/{total})"


def contradictions_score(key: dict[str, Any]) -> None:
    result = contradictions.run(seed())
    entries = key["contradictions"]
    negatives = key["not_contradictions"]
    used: set[str] = set()
    tp = severities = 0
    print("contradictions:")
    for f in result.findings:
        ids = set(f.claims)
        match = None
        for e in entries:
            if e["id"] in used:
                continue
            if ids & set(e["a"]["claims"]) and ids & set(e["b"]["claims"]):
                overlap = len(ids & (set(e["a"]["claims"]) | set(e["b"]["claims"])))
                if match is None or overlap > match[0]:
                    match = (overlap, e)
        if match is not None:
            used.add(match[1]["id"])
            tp += 1
            category_ok = match[1]["category"] == f.kind
            severity_ok = match[1].get("severity") in (None, f.severity)
            notes = ("" if category_ok else " (other category)") + (
                "" if severity_ok else f" (key severity {match[1]['severity']})"
            )
            severities += severity_ok
            print(f"  ok    {f.kind:22s} {f.severity:6s} = {match[1]['id']}{notes}")
            continue
        print(f"  FALSE {f.kind:22s} {f.severity:6s} {_negative(ids, negatives)}: {f.reason[:100]}")
    for e in entries:
        if e["id"] not in used:
            print(f"  MISSED {e['id']}")
    print("  " + _pr(tp, len(result.findings), len(entries)) + f"  severity as in key {severities}/{tp}")
    # within one source: the key lists the revisions the text supports (key["within_source"])
    wanted = key.get("within_source", [])
    not_own = negatives + key.get("not_within_source", [])
    hits = 0
    for f in result.within_source:
        ids = set(f.claims)
        if any(ids & set(w["a"]["claims"]) and ids & set(w["b"]["claims"]) for w in wanted):
            hits += 1
            print(f"  ok    within {f.sources[0]}: {f.reason[:100]}")
        else:
            print(f"  FALSE within {f.sources[0]} {_negative(ids, not_own)}: {f.reason[:100]}")
    print(f"  within one source: {_pr(hits, len(result.within_source), len(wanted))}")


def _negative(ids: set[str], negatives: list[dict[str, Any]]) -> str:
    """The key's negative entry sharing most claims (two at least) with a finding, as a label (a tie
    goes to the entry with fewer claims outside the finding)."""
    best = max(negatives, key=lambda n: (len(ids & set(n["claims"])), -len(set(n["claims"]) - ids)), default=None)
    if best is None or len(ids & set(best["claims"])) < 2:
        return "not in key"
    return f"NOT A CONTRADICTION ({best['category']}: {best['id']})"


def titfortat_score(key: dict[str, Any]) -> None:
    result = titfortat.run(seed())
    found = [c.events for c in result.chains]
    wanted = [tuple(c["events"]) for c in key["chains"]]

    def contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
        return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))

    hits = sum(any(contains(f, w) for f in found) for w in wanted)
    good = sum(any(contains(f, w) or contains(w, f) for w in wanted) for f in found)
    print("titfortat (seed):")
    for c in result.chains:
        print("  ", " → ".join(c.events), list(c.links))
    print(
        f"  chains: precision {good / len(found) if found else 1:.2f} ({good}/{len(found)})  "
        f"recall {hits / len(wanted):.2f} ({hits}/{len(wanted)})"
    )
    duplicates = len(found) - len(set(found))
    print(f"  duplicate event sequences: {duplicates}")


def perspectives_score(key: dict[str, Any]) -> None:
    result = perspectives.run(seed())
    profiles = {p.source: p for p in result.profiles}
    print("perspectives:")
    hits = 0
    for name, entry in key["blame"].items():
        p = profiles[key["sources"][name]]
        ok = p.blamed_most == CAMP[entry["most"]]
        hits += ok
        print(
            f"  blame  {name:12s} key {entry['most']:5s} got {p.blamed_most} {p.blamed_pair or ''} "
            f"{'ok' if ok else 'WRONG'}"
        )
    print(f"  blame accuracy {hits}/{len(key['blame'])}")
    hits = 0
    for name, entry in key["courses"].items():
        p = profiles[key["sources"][name]]
        ok = p.leading_course == entry["favours"] and (not entry.get("reports_debate") or "debate" in p.course_summary)
        hits += ok
        print(f"  course {name:12s} key {entry['favours']!s:9s} got {p.course_summary[:90]} {'ok' if ok else 'WRONG'}")
    print(f"  course accuracy {hits}/{len(key['courses'])}")
    tp = total = found = 0
    for name, speakers in key["voices"].items():
        p = profiles[key["sources"][name]]
        got = {s: c for s, c, _ in p.voices}
        total += len(speakers)
        found += sum(s in got for s in speakers)
        tp += sum(got.get(s) in allowed for s, allowed in speakers.items())
    print(f"  voices by side: {_pr(tp, found, total)}")


def roles_score(key: dict[str, Any]) -> None:
    ds = seed()
    res = titfortat.run(ds)
    esc = escalation.run(ds)
    bad: list[str] = []
    for entry in key["unattributed"] + key["agentless"]:
        event = entry["event"]
        for c in res.chains:
            bad += [f"titfortat {a.actor} {event}" for a in c.actions if a.event == event and not a.attributed]
        bad += [f"escalation {r.actor} {event}" for r in esc.rows if event in r.events and event not in r.attributed]
    print(f"roles: target-only / agentless events shown with an actor: {len(bad)} (want 0)")


def escalation_score(acled: Path | None) -> None:
    print("escalation (seed):", escalation.run(seed()).distribution())
    if acled is None or not acled.exists():
        return
    from mideast_model.api import import_inputs

    ds, _ = import_inputs("acled", [acled])
    res = escalation.run(ds)
    print("escalation (ACLED fixture, month):", res.distribution())
    top = res.top(len(res.rows))
    for rank, r in enumerate(top, start=1):
        pair = (r.actor, r.target)
        if any("kataib" in x for x in pair) and any(x.startswith("actor:us") for x in pair):
            print(f"  rank {rank}/{len(top)}: {r.actor} → {r.target} {r.window} index {r.index:.2f}")
    chains = titfortat.run(ds).chains
    print("titfortat (ACLED fixture):")
    for c in chains:
        if any("IRQ460" in e for e in c.events):
            print("  ", " → ".join(e.rsplit(":", 1)[-1] for e in c.events), list(c.links))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key", type=Path, default=ROOT / "tests" / "seed_key.yaml")
    parser.add_argument(
        "--acled", type=Path, default=ROOT / "plugins" / "acled" / "tests" / "fixtures" / "iraq_2019_2020_acled.csv"
    )
    args = parser.parse_args(argv)
    key = yaml.safe_load(args.key.read_text(encoding="utf-8"))
    contradictions_score(key)
    titfortat_score(key)
    perspectives_score(key)
    roles_score(key)
    escalation_score(args.acled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
