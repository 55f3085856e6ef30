"""95% intervals for shares, and the one rule for calling a difference clear.

A share of ``k`` out of ``n`` (sentences naming a side, sentences carrying a
frame) gets the Wilson score interval: unlike the Wald interval
``p ± z·sqrt(p(1-p)/n)`` it stays inside [0, 1] and keeps close to its
nominal coverage for small ``n`` and for shares near 0 or 1, which is where
a chapter's counts per text usually are (Newcombe 1998 compares seven
methods; Brown, Cai & DasGupta 2001 recommend Wilson for small ``n``).

Two shares are called different only when their intervals do not overlap
(:func:`separated`).  That is stricter than a test of the difference at the
same level (two overlapping 95% intervals can still differ at p < 0.05), so
"higher" is said only when the evidence is clear, and "no clear
difference" otherwise.

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
"""

from __future__ import annotations

import math

import pandas as pd

#: Standard normal quantile of a two-sided 95% interval, rounded as usual (1.95996...).
Z = 1.96


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


def separated(a: tuple[float, float], b: tuple[float, float]) -> int:
    """``1`` if interval ``a`` lies wholly above ``b``, ``-1`` if below, ``0`` if they overlap.

    An interval with a NaN end (no data) overlaps everything.

    >>> separated((0.4, 0.6), (0.1, 0.3)), separated((0.1, 0.3), (0.4, 0.6)), separated((0.1, 0.5), (0.4, 0.6))
    (1, -1, 0)
    """
    if any(math.isnan(x) for x in (*a, *b)):
        return 0
    if a[0] > b[1]:
        return 1
    if a[1] < b[0]:
        return -1
    return 0
