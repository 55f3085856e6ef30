"""Tests for analysis.methods.uncertainty: bootstrap intervals and the comparison rule."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.methods import uncertainty as U


def test_mean_is_the_plain_mean():
    # hand: (-0.5 + 0.0 + 0.8) / 3 = 0.1
    mean, low, high = U.bootstrap_mean([-0.5, 0.0, 0.8], n_resamples=500, seed=0)
    assert mean == pytest.approx(0.1)
    # the interval lies within the smallest and largest possible draw means (-0.5, 0.8)
    assert -0.5 - 1e-12 <= low <= mean <= high <= 0.8 + 1e-12


def test_constant_values_give_a_point_interval():
    # every draw of four 0.2s has mean 0.2
    assert U.bootstrap_mean([0.2] * 4, n_resamples=200, seed=3) == pytest.approx((0.2, 0.2, 0.2))


def test_two_values_hand_worked():
    # draws of two from {0, 1}: mean 0 w.p. 1/4, 0.5 w.p. 1/2, 1 w.p. 1/4, so with
    # many resamples the 2.5% quantile is 0 and the 97.5% quantile is 1, and
    # about a quarter of the bootstrap means are 0
    assert U.bootstrap_mean([0.0, 1.0], n_resamples=4000, seed=7) == (0.5, 0.0, 1.0)


def test_large_sample_matches_the_normal_formula():
    # for n = 400 values the percentile interval is close to mean +- 1.96 s / sqrt(n)
    x = np.random.default_rng(42).normal(0.1, 0.5, 400)
    mean, low, high = U.bootstrap_mean(x, n_resamples=4000, seed=1)
    half = 1.96 * x.std(ddof=1) / math.sqrt(len(x))
    assert low == pytest.approx(mean - half, abs=0.15 * half)
    assert high == pytest.approx(mean + half, abs=0.15 * half)


def test_a_share_is_the_mean_of_zeros_and_ones():
    # 3 of 10 sentences negative: share 0.3, and its interval lies inside [0, 1]
    mean, low, high = U.bootstrap_mean([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], n_resamples=1000, seed=5)
    assert mean == pytest.approx(0.3)
    assert 0.0 <= low < 0.3 < high <= 1.0


def test_seeded_and_repeatable():
    x = [0.1, -0.4, 0.3, 0.0, 0.9, -0.2]
    assert U.bootstrap_mean(x, 300, seed=11) == U.bootstrap_mean(x, 300, seed=11)
    assert U.bootstrap_mean(x, 300, seed=11) != U.bootstrap_mean(x, 300, seed=12)


def test_blocks_do_not_change_the_result(monkeypatch):
    # drawing in blocks (to bound memory) must give the same interval as one block:
    # the generator draws index after index, so splitting the rows changes nothing
    x = list(np.linspace(-1, 1, 50))
    whole = U.bootstrap_mean(x, 40, seed=2)
    monkeypatch.setattr(U, "_BLOCK", 50 * 7)  # 7 resamples per block
    assert U.bootstrap_mean(x, 40, seed=2) == whole


def test_too_few_values():
    one = U.bootstrap_mean([0.3], 100, seed=0)
    assert one[0] == 0.3 and math.isnan(one[1]) and math.isnan(one[2])
    assert all(math.isnan(v) for v in U.bootstrap_mean([], 100, seed=0))
    # NaN values are dropped before counting
    assert U.bootstrap_mean([0.3, float("nan")], 100, seed=0)[0] == 0.3


@pytest.mark.parametrize("bad", [0, -5, 2.5, True])
def test_bad_number_of_resamples(bad):
    with pytest.raises(ValueError, match="n_resamples must be an integer >= 1"):
        U.bootstrap_mean([0.1, 0.2], bad, seed=0)


def test_higher_or_lower_only_when_intervals_separate():
    assert U.compare((0.1, 0.3), (-0.4, 0.0)) == "higher"
    assert U.compare((-0.4, 0.0), (0.1, 0.3)) == "lower"
    # overlapping, touching and nested intervals: no clear difference
    assert U.compare((0.1, 0.3), (0.25, 0.5)) == "no clear difference"
    assert U.compare((0.0, 0.3), (0.3, 0.5)) == "no clear difference"
    assert U.compare((-1.0, 1.0), (0.1, 0.2)) == "no clear difference"
    # estimate-first triples, as bootstrap_mean returns them
    assert U.compare((-0.2, -0.5, -0.3), (0.0, -0.1, 0.1)) == "lower"
    # a missing bound never separates
    assert U.compare((0.3, math.nan, math.nan), (-0.9, -1.0, -0.8)) == "no clear difference"
    with pytest.raises(ValueError):
        U.compare((0.1,), (0.2, 0.3))
