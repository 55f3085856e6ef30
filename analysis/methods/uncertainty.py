"""Uncertainty of a mean or a share, and the one rule for calling a difference clear.

A document's mean sentence score rests on a few dozen sentences, so two
documents' means may differ by chance.  :func:`bootstrap_mean` gives a
percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13): draw the
values with replacement ``n_resamples`` times, take the mean of each draw,
and report the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of
those means.  A share is the mean of 0/1 values, so the same function gives
an interval for a share.  The generator is seeded, so a run is repeatable.

:func:`compare` turns two intervals into words: "higher" or "lower" only when
the intervals do not overlap, otherwise "no clear difference".  That is a
conservative rule (two 95% intervals can overlap a little although the
difference is significant at 5%; Schenker & Gentleman 2001), chosen so that
the prose never claims more than the intervals show.

A share of ``k`` out of ``n`` counted once per unit (sentences naming a
side, sentences carrying a frame) gets the Wilson score interval
(:func:`wilson_interval`): unlike the Wald interval ``p ± z·sqrt(p(1-p)/n)``
it stays inside [0, 1] and keeps close to its nominal coverage for small
``n`` and for shares near 0 or 1, where a chapter's counts per text usually
are (Newcombe 1998 compares seven methods; Brown, Cai & DasGupta 2001
recommend Wilson for small ``n``).

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and
statistical inference. *Journal of the American Statistical Association*
22(158), 209–212.
Newcombe, R. G. (1998). Two-sided confidence intervals for the single
proportion: comparison of seven methods. *Statistics in Medicine* 17(8),
857–872.
Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a
binomial proportion. *Statistical Science* 16(2), 101–133.
Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
Chapman & Hall.  Chapter 13, the percentile interval.
Schenker, N. & Gentleman, J. F. (2001). On judging the significance of
differences by examining the overlap between confidence intervals.
*The American Statistician* 55(3), 182-186.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Standard normal quantile of a two-sided 95% interval, rounded as usual (1.95996...).
Z = 1.96

#: Confidence level of the intervals unless a caller asks for another.
LEVEL = 0.95

#: Largest number of drawn values held in memory at once (resamples x values).
_BLOCK = 1_000_000

#: The words :func:`compare` returns.
HIGHER, LOWER, NO_CLEAR_DIFFERENCE = "higher", "lower", "no clear difference"


def bootstrap_mean(
    values: Sequence[float], n_resamples: int, seed: int, level: float = LEVEL
) -> tuple[float, float, float]:
    """Mean of ``values`` and its percentile bootstrap interval.

    Parameters
    ----------
    values : sequence of float
        The observations (e.g. the sentence scores of one document, or 0/1
        for a share).  NaN values are dropped.
    n_resamples : int
        Number of bootstrap draws (>= 1; a few thousand for a 95% interval).
    seed : int
        Seed of the random generator (``numpy.random.default_rng``).
    level : float
        Confidence level, in (0, 1).

    Returns
    -------
    (mean, low, high) : tuple of float
        ``low``/``high`` are NaN when fewer than two values remain: one value
        gives no idea of the spread.  All three are NaN for no values.

    Examples
    --------
    Two values 0 and 1: a draw of two has mean 0, 0.5 or 1 with chances
    1/4, 1/2, 1/4, so the 2.5% and 97.5% quantiles are 0 and 1.

    >>> bootstrap_mean([0.0, 1.0], n_resamples=2000, seed=1)
    (0.5, 0.0, 1.0)
    >>> bootstrap_mean([0.3], n_resamples=100, seed=1)
    (0.3, nan, nan)
    """
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, (int, np.integer)) or n_resamples < 1:
        raise ValueError(f"n_resamples must be an integer >= 1, got {n_resamples!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, got {level!r}")
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return (math.nan, math.nan, math.nan)
    mean = float(x.mean())
    if len(x) < 2:
        return (mean, math.nan, math.nan)
    rng = np.random.default_rng(seed)
    per_block = max(1, _BLOCK // len(x))
    means = np.empty(n_resamples)
    for start in range(0, n_resamples, per_block):
        stop = min(n_resamples, start + per_block)
        draws = rng.integers(0, len(x), size=(stop - start, len(x)))
        means[start:stop] = x[draws].mean(axis=1)
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return (mean, float(low), float(high))


def _bounds(interval: Sequence[float]) -> tuple[float, float]:
    """``(low, high)`` from ``(low, high)`` or ``(estimate, low, high)``."""
    if len(interval) not in (2, 3):
        raise ValueError(f"an interval is (low, high) or (estimate, low, high), got {interval!r}")
    low, high = interval[-2], interval[-1]
    return float(low), float(high)


def compare(a_interval: Sequence[float], b_interval: Sequence[float]) -> str:
    """Is ``a`` higher or lower than ``b``, judged by whether their intervals separate?

    Each interval is ``(low, high)`` or ``(estimate, low, high)`` (the output
    of :func:`bootstrap_mean`).  A missing bound (NaN) never separates.

    Examples
    --------
    >>> compare((0.1, 0.3), (-0.4, 0.0))
    'higher'
    >>> compare((-0.2, -0.5, -0.3), (0.0, -0.1, 0.1))
    'lower'
    >>> compare((0.1, 0.3), (0.25, 0.5))
    'no clear difference'
    """
    a_low, a_high = _bounds(a_interval)
    b_low, b_high = _bounds(b_interval)
    if a_low > b_high:
        return HIGHER
    if a_high < b_low:
        return LOWER
    return NO_CLEAR_DIFFERENCE


def wilson_interval(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """Wilson score interval for ``k`` successes in ``n`` trials (Wilson 1927).

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``p = k/n``.
    ``n = 0`` gives ``(nan, nan)``: no data, no interval.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(81, 263)]  # Newcombe (1998), Table II
    [0.2553, 0.3662]
    >>> wilson_interval(0, 0)
    (nan, nan)
    """
    if k < 0 or n < 0 or k > n:
        raise ValueError(f"wilson_interval expects 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def with_intervals(df: pd.DataFrame, k: str, n: str, z: float = Z) -> pd.DataFrame:
    """``df`` with ``ci_low``/``ci_high`` columns: the Wilson interval of ``df[k] / df[n]``.

    Examples
    --------
    >>> t = with_intervals(pd.DataFrame({"hits": [0, 5], "n": [10, 10]}), "hits", "n")
    >>> t.round(3).values.tolist()
    [[0.0, 10.0, 0.0, 0.278], [5.0, 10.0, 0.237, 0.763]]
    """
    out = df.copy()
    bounds = [wilson_interval(int(a), int(b), z) for a, b in zip(out[k], out[n])]
    out["ci_low"] = [b[0] for b in bounds]
    out["ci_high"] = [b[1] for b in bounds]
    return out


def separated(a: Sequence[float], b: Sequence[float]) -> int:
    """:func:`compare` as a number: ``1`` if ``a`` is clearly higher, ``-1`` if lower, ``0`` if unclear.

    >>> separated((0.4, 0.6), (0.1, 0.3)), separated((0.1, 0.3), (0.4, 0.6)), separated((0.1, 0.5), (0.4, 0.6))
    (1, -1, 0)
    """
    return {HIGHER: 1, LOWER: -1}.get(compare(a, b), 0)
