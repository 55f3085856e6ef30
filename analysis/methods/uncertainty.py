"""Uncertainty of a mean or a share: a seeded bootstrap interval, and comparisons by interval.

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

References
----------
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
