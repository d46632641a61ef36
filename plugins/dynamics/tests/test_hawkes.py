"""Tests of the ``hawkes`` analysis: the likelihood, recovery of simulated parameters, the dataset run."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from mideast_model_dynamics import hawkes

from mideast_model.dataset import Dataset
from mideast_model.model import Actor, ActorKind, Event, EventKind, Participant, Role

MU = (0.3, 0.2)
ALPHA = ((0.3, 0.4), (0.2, 0.2))  # ALPHA[i][j]: acts of side i triggered by one act of side j
BETA = 1.0


@pytest.fixture(scope="module")
def simulated() -> tuple[list[float], list[float]]:
    return hawkes.simulate(MU, ALPHA, BETA, 3000.0, seed=7)


def test_gradient_matches_finite_differences(simulated: tuple[list[float], list[float]]) -> None:
    ta, tb = simulated
    times = np.array(ta + tb)
    kinds = np.array([0] * len(ta) + [1] * len(tb), dtype=np.int64)
    order = np.argsort(times, kind="stable")
    times, kinds = times[order][:400], kinds[order][:400]
    theta = np.array([0.25, 0.25, 0.2, 0.3, 0.3, 0.1, 1.3])
    _, grad = hawkes._loglik(theta, times, kinds, float(times[-1]) + 1)
    for k in range(7):
        step = np.zeros(7)
        step[k] = 1e-6
        up = hawkes._loglik(theta + step, times, kinds, float(times[-1]) + 1)[0]
        down = hawkes._loglik(theta - step, times, kinds, float(times[-1]) + 1)[0]
        assert grad[k] == pytest.approx((up - down) / 2e-6, rel=1e-4, abs=1e-4)


def test_recovers_simulated_parameters(simulated: tuple[list[float], list[float]]) -> None:
    """Tolerance: baselines within 25 %, excitations within 0.1, decay within 30 %, and every
    95 % interval covering the true value (seeded simulation: deterministic)."""
    ta, tb = simulated
    assert len(ta) > 1000 and len(tb) > 600
    fit = hawkes.fit(ta, tb, 3000.0)
    assert fit.converged
    for est, true in zip(fit.mu, MU, strict=True):
        assert est.value == pytest.approx(true, rel=0.25)
        assert est.low is not None and est.high is not None and est.low <= true <= est.high
    for i in (0, 1):
        for j in (0, 1):
            est = fit.alpha[i][j]
            assert abs(est.value - ALPHA[i][j]) < 0.1
            assert est.low is not None and est.high is not None and est.low <= ALPHA[i][j] <= est.high
    assert fit.beta.value == pytest.approx(BETA, rel=0.3)
    true_rho = max(abs(np.linalg.eigvals(np.array(ALPHA))))
    assert fit.branching_ratio.value == pytest.approx(true_rho, abs=0.1)
    assert fit.branching_ratio.low is not None and fit.branching_ratio.low <= true_rho <= fit.branching_ratio.high


def test_fixed_decay(simulated: tuple[list[float], list[float]]) -> None:
    ta, tb = simulated
    fit = hawkes.fit(ta, tb, 3000.0, decay=BETA)
    assert fit.beta.value == BETA and fit.beta.low is None
    assert abs(fit.alpha[0][1].value - ALPHA[0][1]) < 0.1


def _dataset(ta: list[float], tb: list[float]) -> Dataset:
    start = dt.date(2015, 1, 1)
    events = []
    for side, times in enumerate((ta, tb)):
        by, against = ("actor:a", "actor:b") if side == 0 else ("actor:b", "actor:a")
        for k, t in enumerate(times):
            day = start + dt.timedelta(days=int(t))
            events.append(
                Event(
                    id=f"event:{side}-{k:05d}",
                    kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
                    when=day.isoformat(),
                    title="x",
                    participants=(Participant(by, Role.INITIATOR), Participant(against, Role.TARGET)),
                )
            )
    actors = [Actor(id=i, name=i, kind=ActorKind.ARMED_GROUP) for i in ("actor:a", "actor:b", "actor:c")]
    return Dataset.from_objects([*actors, *events])


def test_run_on_a_dataset_picks_the_most_active_dyad() -> None:
    # a slow decay (mean delay 10 days), so that dating events to the day blurs little
    ta, tb = hawkes.simulate((0.05, 0.03), ((0.2, 0.3), (0.3, 0.1)), 0.1, 6000.0, seed=3)
    result = hawkes.run(_dataset(ta, tb))
    assert (result.a, result.b) == ("actor:a", "actor:b")
    assert result.events_a == len(ta) and result.events_b == len(tb)
    assert result.fit is not None and result.fit.converged
    cross = result.fit.alpha[1][0]
    assert cross.value == pytest.approx(0.3, abs=0.1)
    assert cross.low is not None and cross.high is not None and cross.low <= 0.3 <= cross.high
    assert result.fit.beta.value == pytest.approx(0.1, rel=0.3)
    swapped = hawkes.run(_dataset(ta, tb), a="actor:b")
    assert (swapped.a, swapped.b) == ("actor:b", "actor:a")
    assert swapped.to_json()["fit"]["alpha"]["a<-b"]["value"] == pytest.approx(result.fit.alpha[1][0].value)
    assert "branching ratio" in result.to_markdown()


def test_run_without_events() -> None:
    result = hawkes.run(Dataset.empty())
    assert result.fit is None and "no directed events" in result.note
    assert result.to_json()["fit"] is None
