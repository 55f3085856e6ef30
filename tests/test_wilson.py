"""Wilson score intervals against published values, and the separation rule."""

import math

import pandas as pd
import pytest

from analysis.methods.uncertainty import separated, wilson_interval, with_intervals

# Newcombe, R. G. (1998), Statistics in Medicine 17: 857-872, Table II, method 3
# (Wilson score interval without continuity correction), 95%, four decimals.
NEWCOMBE_1998 = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), NEWCOMBE_1998)
def test_wilson_matches_newcombe_table(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_formula_by_hand():
    # k=5, n=10, z=1.96: centre (0.5 + 0.19208) / 1.38416 = 0.5;
    # half-width 1.96 * sqrt(0.025 + 0.009604) / 1.38416 = 0.26341 (Wilson 1927, eq. as in the docstring)
    low, high = wilson_interval(5, 10)
    assert (low, high) == pytest.approx((0.5 - 0.26341, 0.5 + 0.26341), abs=1e-5)


def test_all_successes_is_the_mirror_of_none():
    low0, high0 = wilson_interval(0, 20)
    low1, high1 = wilson_interval(20, 20)
    assert (low1, high1) == pytest.approx((1 - high0, 1 - low0))
    assert high1 == 1.0


def test_no_trials_no_interval_and_bad_counts_refused():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    with pytest.raises(ValueError, match="0 <= k <= n"):
        wilson_interval(3, 2)


def test_with_intervals_adds_columns():
    t = with_intervals(pd.DataFrame({"k": [81], "n": [263]}), "k", "n")
    assert t[["ci_low", "ci_high"]].iloc[0].tolist() == pytest.approx([0.2553, 0.3662], abs=5e-5)


def test_separated_only_when_intervals_do_not_overlap():
    # 81/263 (0.255-0.366) against 15/148 (0.062-0.161): apart, the first higher
    assert separated(wilson_interval(81, 263), wilson_interval(15, 148)) == 1
    assert separated(wilson_interval(15, 148), wilson_interval(81, 263)) == -1
    # 1/29 (0.006-0.172) against 15/148 (0.062-0.161): overlap
    assert separated(wilson_interval(1, 29), wilson_interval(15, 148)) == 0
    assert separated((math.nan, math.nan), (0.1, 0.2)) == 0
