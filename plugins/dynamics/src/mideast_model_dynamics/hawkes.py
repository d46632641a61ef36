"""``hawkes``: a bivariate Hawkes process with exponential kernel, fitted by maximum likelihood.

The two sides of a dyad are the two dimensions: ``a`` (acts of A against B) and ``b`` (acts
of B against A). The intensity of side i is

    λ_i(t) = μ_i + Σ_j α_ij · β · Σ_{t_k^j < t} exp(−β (t − t_k^j)),

so ``α_ij`` is the expected number of acts of side i triggered by one act of side j (``α_ab``
is how strongly B's acts provoke A's) and ``1/β`` the mean delay in days. The log-likelihood
and its gradient are computed in one O(n) pass; L-BFGS-B maximises it over log-parameters.
Confidence intervals (95 %) come from the observed information (the Hessian of the negative
log-likelihood, by central differences of the analytic gradient) in log space; the
branching ratio (spectral radius of α; < 1 for a stationary process) gets a percentile
interval from 4000 draws of the asymptotic normal (seeded, so deterministic).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from mideast_model.analyses.common import Sides, event_day, fmt, is_hostile, render_markdown, render_rich

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

Z95 = 1.959963984540054
#: Standard errors of a log-parameter above this (a factor e^(1.96·5) ≈ 18,000 either way)
#: mean the data do not identify it: the interval is reported as unknown.
MAX_LOG_SE = 5.0


@attrs.frozen
class Estimate:
    """A fitted parameter and its 95 % confidence interval (``None`` when not identifiable)."""

    value: float
    low: float | None
    high: float | None

    def to_json(self) -> dict[str, float | None]:
        """``{"value", "low", "high"}``."""
        return {"value": self.value, "low": self.low, "high": self.high}


@attrs.frozen
class HawkesFit:
    """The fitted parameters: baselines, excitation matrix, decay, branching ratio."""

    mu: tuple[Estimate, Estimate]
    alpha: tuple[tuple[Estimate, Estimate], tuple[Estimate, Estimate]]
    beta: Estimate
    branching_ratio: Estimate
    log_likelihood: float
    converged: bool


@attrs.frozen
class HawkesResult:
    """The dyad, its event counts and horizon, and the fit (``None`` with too few events)."""

    a: str | None
    b: str | None
    events_a: int
    events_b: int
    horizon_days: float
    start: str | None
    fit: HawkesFit | None
    note: str = ""

    def to_json(self) -> Any:
        """Actors by id; ``alpha[i][j]``: effect of side j's acts on side i's rate."""
        fit = None
        if self.fit is not None:
            f = self.fit
            fit = {
                "mu": {"a": f.mu[0].to_json(), "b": f.mu[1].to_json()},
                "alpha": {
                    "a<-a": f.alpha[0][0].to_json(),
                    "a<-b": f.alpha[0][1].to_json(),
                    "b<-a": f.alpha[1][0].to_json(),
                    "b<-b": f.alpha[1][1].to_json(),
                },
                "beta": f.beta.to_json(),
                "branching_ratio": f.branching_ratio.to_json(),
                "log_likelihood": f.log_likelihood,
                "converged": f.converged,
            }
        return {
            "a": self.a,
            "b": self.b,
            "events_a": self.events_a,
            "events_b": self.events_b,
            "horizon_days": self.horizon_days,
            "start": self.start,
            "fit": fit,
            "note": self.note,
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        if self.fit is None:
            return []
        f = self.fit

        def row(name: str, meaning: str, e: Estimate) -> tuple[str, ...]:
            return (name, meaning, fmt(e.value, 4), fmt(e.low, 4), fmt(e.high, 4))

        rows = [
            row("μ_a", f"baseline rate of {self.a} → {self.b} (per day)", f.mu[0]),
            row("μ_b", f"baseline rate of {self.b} → {self.a} (per day)", f.mu[1]),
            row("α_aa", f"{self.a}'s acts triggered by its own", f.alpha[0][0]),
            row("α_ab", f"{self.a}'s acts triggered by each act of {self.b}", f.alpha[0][1]),
            row("α_ba", f"{self.b}'s acts triggered by each act of {self.a}", f.alpha[1][0]),
            row("α_bb", f"{self.b}'s acts triggered by its own", f.alpha[1][1]),
            row("β", "decay per day (1/β = mean delay)", f.beta),
            row("ρ", "branching ratio (spectral radius of α)", f.branching_ratio),
        ]
        return [("Bivariate Hawkes fit (95 % intervals)", ("parameter", "meaning", "estimate", "low", "high"), rows)]

    def _notes(self) -> list[str]:
        notes = [
            f"{self.a} → {self.b}: {self.events_a} acts; {self.b} → {self.a}: {self.events_b} acts; "
            f"{self.horizon_days:g} days from {self.start}."
        ]
        if self.note:
            notes.append(self.note)
        return notes

    def to_markdown(self) -> str:
        """The parameter table as Markdown."""
        return render_markdown("Hawkes process", self._tables(), self._notes())

    def to_rich(self) -> RenderableType:
        """The parameter table for the terminal."""
        return render_rich("Hawkes process", self._tables(), self._notes())


# -- likelihood --------------------------------------------------------------------------


def _loglik(
    theta: NDArray[np.float64],
    times: NDArray[np.float64],
    kinds: NDArray[np.int64],
    horizon: float,
) -> tuple[float, NDArray[np.float64]]:
    """Log-likelihood and its gradient at ``theta = (μ_a, μ_b, α_aa, α_ab, α_ba, α_bb, β)``."""
    mu = theta[:2]
    alpha = theta[2:6].reshape(2, 2)
    beta = float(theta[6])
    a_sum = [0.0, 0.0]  # Σ exp(−β(t − t_k)) over past events of each kind
    b_sum = [0.0, 0.0]  # Σ (t − t_k) exp(−β(t − t_k))
    ll = 0.0
    grad = np.zeros(7)
    last = 0.0
    for t, i in zip(times.tolist(), kinds.tolist(), strict=True):
        delta = t - last
        decay = math.exp(-beta * delta)
        for j in (0, 1):
            b_sum[j] = decay * (b_sum[j] + delta * a_sum[j])
            a_sum[j] = decay * a_sum[j]
        lam = mu[i] + beta * (alpha[i, 0] * a_sum[0] + alpha[i, 1] * a_sum[1])
        if lam <= 0:
            return -math.inf, grad
        ll += math.log(lam)
        grad[i] += 1.0 / lam
        grad[2 + 2 * i] += beta * a_sum[0] / lam
        grad[3 + 2 * i] += beta * a_sum[1] / lam
        grad[6] += (alpha[i, 0] * (a_sum[0] - beta * b_sum[0]) + alpha[i, 1] * (a_sum[1] - beta * b_sum[1])) / lam
        a_sum[i] += 1.0
        last = t
    # compensator
    ll -= float(mu.sum()) * horizon
    grad[:2] -= horizon
    for j in (0, 1):
        rest = horizon - times[kinds == j]
        tail = np.exp(-beta * rest)
        g = float(np.sum(1.0 - tail))
        dg = float(np.sum(rest * tail))
        for i in (0, 1):
            ll -= alpha[i, j] * g
            grad[2 + 2 * i + j] -= g
            grad[6] -= alpha[i, j] * dg
    return ll, grad


def _spectral_radius(alpha: NDArray[np.float64]) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(alpha))))


def fit(
    times_a: Sequence[float], times_b: Sequence[float], horizon: float, *, decay: float | None = None, seed: int = 0
) -> HawkesFit:
    """Fit the bivariate exponential Hawkes process to event times in ``[0, horizon]`` (days).

    :param decay: a fixed β; estimated when ``None``.
    """
    from scipy.optimize import minimize  # type: ignore[import-untyped]

    times = np.concatenate([np.asarray(times_a, float), np.asarray(times_b, float)])
    kinds = np.concatenate([np.zeros(len(times_a), np.int64), np.ones(len(times_b), np.int64)])
    order = np.lexsort((kinds, times))
    times, kinds = times[order], kinds[order]
    free = np.array([True] * 6 + [decay is None])

    def full(x: NDArray[np.float64]) -> NDArray[np.float64]:
        theta = np.empty(7)
        theta[free] = np.exp(x)
        if decay is not None:
            theta[6] = decay
        return theta

    def objective(x: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        theta = full(x)
        ll, grad = _loglik(theta, times, kinds, horizon)
        if not math.isfinite(ll):
            return 1e100, np.zeros(int(free.sum()))
        return -ll, -(grad * theta)[free]

    n = max(len(times), 1)
    rates = [max(len(times_a), 1) / horizon, max(len(times_b), 1) / horizon]
    starts = []
    for share, b0 in ((0.5, 1.0), (0.8, 0.2), (0.2, 5.0)):
        beta0 = decay if decay is not None else b0
        theta0 = np.array([rates[0] * share, rates[1] * share, 0.2, 0.2, 0.2, 0.2, beta0])
        starts.append(np.log(theta0[free]))
    best = None
    for x0 in starts:
        res = minimize(
            objective, x0, jac=True, method="L-BFGS-B", bounds=[(-30.0, 10.0)] * len(x0), options={"maxiter": 500}
        )
        if best is None or res.fun < best.fun:
            best = res
    assert best is not None
    x_hat = best.x
    theta = full(x_hat)
    cov = _covariance(objective, x_hat, n)
    rng = np.random.default_rng(seed)

    def estimate(k: int) -> Estimate:
        value = float(theta[k])
        if not free[k]:
            return Estimate(value, None, None)
        idx = int(free[:k].sum())
        if cov is None or not cov[idx, idx] > 0:
            return Estimate(value, None, None)
        se = math.sqrt(cov[idx, idx])
        if se > MAX_LOG_SE:
            return Estimate(value, None, None)
        return Estimate(value, value * math.exp(-Z95 * se), value * math.exp(Z95 * se))

    rho = _spectral_radius(theta[2:6].reshape(2, 2))
    rho_ci: tuple[float | None, float | None] = (None, None)
    alphas = [estimate(k) for k in range(2, 6)]
    if cov is not None and all(e.low is not None or not free[k] for k, e in zip(range(2, 6), alphas, strict=True)):
        draws = np.clip(rng.multivariate_normal(x_hat, cov, size=4000, method="eigh"), -30.0, 10.0)
        radii = [_spectral_radius(full(x)[2:6].reshape(2, 2)) for x in draws]
        rho_ci = (float(np.percentile(radii, 2.5)), float(np.percentile(radii, 97.5)))
    return HawkesFit(
        mu=(estimate(0), estimate(1)),
        alpha=((alphas[0], alphas[1]), (alphas[2], alphas[3])),
        beta=estimate(6),
        branching_ratio=Estimate(rho, *rho_ci),
        log_likelihood=float(-best.fun),
        converged=bool(best.success),
    )


def _covariance(objective: Any, x: NDArray[np.float64], n: int) -> NDArray[np.float64] | None:
    """Inverse observed information in log-parameters, or ``None`` when it is not positive definite."""
    k = len(x)
    hess = np.zeros((k, k))
    for i in range(k):
        h = 1e-5 * max(1.0, abs(x[i]))
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        hess[:, i] = (objective(up)[1] - objective(down)[1]) / (2 * h)
    hess = (hess + hess.T) / 2
    if not np.all(np.isfinite(hess)):
        return None
    try:
        np.linalg.cholesky(hess)
    except np.linalg.LinAlgError:
        return None
    cov: NDArray[np.float64] = np.asarray(np.linalg.inv(hess), dtype=np.float64)
    return cov


def simulate(
    mu: Sequence[float], alpha: Sequence[Sequence[float]], beta: float, horizon: float, seed: int = 0
) -> tuple[list[float], list[float]]:
    """Event times of both sides in ``[0, horizon]`` by Ogata's thinning (seeded)."""
    rng = np.random.default_rng(seed)
    m = np.asarray(mu, float)
    a = np.asarray(alpha, float)
    excite = np.zeros(2)
    t = 0.0
    out: tuple[list[float], list[float]] = ([], [])
    while True:
        bound = float(np.sum(m + beta * a @ excite))
        wait = rng.exponential(1.0 / bound)
        if t + wait > horizon:
            return out
        t += wait
        excite *= math.exp(-beta * wait)
        lam = m + beta * a @ excite
        u = rng.uniform() * bound
        if u <= lam.sum():
            side = 0 if u <= lam[0] else 1
            out[side].append(t)
            excite[side] += 1.0


# -- the analysis ------------------------------------------------------------------------


def _dyad_times(
    dataset: Dataset, sides: Sides, hostile: bool, max_span: int = 3, vague: list[str] | None = None
) -> dict[tuple[str, str], list[tuple[Any, str]]]:
    """Acts per directed dyad (named initiators only, as the core analyses count them).

    An event known less precisely than ``max_span`` days (a month, a year) has no time a point
    process can use: it is left out (its id added to ``vague``), never placed at its midpoint.
    """
    acts: dict[tuple[str, str], list[tuple[Any, str]]] = {}
    for event in dataset.events.values():
        if hostile and not is_hostile(event):
            continue
        day = event_day(event)
        if day is None:
            continue
        pairs = sides.dyads(event, day)
        if not pairs:
            continue
        first, last = event.when.bounds()
        if (last - first).days + 1 > max_span:
            if vague is not None:
                vague.append(event.id)
            continue
        for pair in pairs:
            acts.setdefault(pair, []).append((day, event.id))
    return acts


def run(
    dataset: Dataset,
    a: str | None = None,
    b: str | None = None,
    decay: float | None = None,
    hostile: bool = True,
    merge_units: bool = True,
    max_span: int = 3,
) -> HawkesResult:
    """Fit the Hawkes process to the acts of ``a`` against ``b`` and of ``b`` against ``a``.

    With no ``a``/``b``, the dyad with the most acts in both directions together (ties: by ids).
    Several acts on one day are spread evenly over that day, in event-id order. Acts dated
    less precisely than ``max_span`` days are left out (and counted in the notes).
    """
    sides = Sides(dataset, merge_units=merge_units)
    vague: list[str] = []
    acts = _dyad_times(dataset, sides, hostile, max_span, vague)
    if a is None or b is None:
        totals: dict[tuple[str, str], int] = {}
        for x, y in acts:
            pair = (min(x, y), max(x, y))
            if a is not None and a not in pair:
                continue
            totals[pair] = len(acts.get(pair, ())) + len(acts.get((pair[1], pair[0]), ()))
        if not totals:
            return HawkesResult(a, b, 0, 0, 0.0, None, None, "no directed events to fit")
        pair = min(totals, key=lambda p: (-totals[p], p))
        a, b = pair if a is None or a == pair[0] else (pair[1], pair[0])
    forward, backward = acts.get((a, b), []), acts.get((b, a), [])
    every = sorted([(d, i, 0) for d, i in forward] + [(d, i, 1) for d, i in backward])
    if not every:
        return HawkesResult(a, b, 0, 0, 0.0, None, None, "no acts in either direction")
    start = every[0][0]
    per_day: dict[Any, list[tuple[str, int]]] = {}
    for d, i, k in every:
        per_day.setdefault(d, []).append((i, k))
    times: tuple[list[float], list[float]] = ([], [])
    for d, items in per_day.items():
        for pos, (_, k) in enumerate(sorted(items)):
            times[k].append((d - start).days + (pos + 0.5) / len(items))
    horizon = float((every[-1][0] - start).days + 1)
    notes = []
    if vague:
        notes.append(f"{len(vague)} acts dated less precisely than {max_span} days left out (not placed mid-span).")
    if len(every) < 20:
        notes.append(
            f"only {len(every)} acts: the estimates are weakly identified; read the intervals, not the points."
        )
    if not forward or not backward:
        notes.append(
            "one direction has no acts: its baseline and the excitations it gives or receives are not identified."
        )
    fitted = fit(times[0], times[1], horizon, decay=decay)
    estimates = [*fitted.mu, *fitted.alpha[0], *fitted.alpha[1], *([fitted.beta] if decay is None else [])]
    if any(e.low is None for e in estimates):
        notes.append(
            "parameters without an interval are not identified by these data (flat or degenerate "
            "likelihood); do not read their estimates."
        )
    return HawkesResult(a, b, len(forward), len(backward), horizon, start.isoformat(), fitted, " ".join(notes))
