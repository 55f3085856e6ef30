"""Tests of analysis/keyness.py.

G² is checked against the formula on a 2×2 table worked by hand below; the
other expected values are hand counts on tiny tables written in the tests.
"""

from __future__ import annotations

import math

import corpora
import pandas as pd
import pytest

from analysis.corpus import load as corpus_mod
from analysis.errors import ParameterError
from analysis.methods import keyness, words


def test_g2_worked_example():
    # A term seen 6 times in a target of 100 tokens and 2 times in a reference of 100.
    #
    #                 target   reference   total
    #   term             6         2          8
    #   other tokens    94        98        192
    #   total          100       100        200
    #
    # Expected = row total x column total / 200:  E = 4, 4, 96, 96.
    # G2 = 2 * (6 ln(6/4) + 2 ln(2/4) + 94 ln(94/96) + 98 ln(98/96))
    #    = 2 * (2.432791 - 1.386294 - 1.979020 + 2.020690)
    #    = 2 * 1.088166 = 2.17633
    assert float(keyness.log_likelihood(6, 2, 100, 100)) == pytest.approx(2.17633, abs=1e-4)
    # below 6.63, so not key at p < 0.01; log ratio = log2(0.06 / 0.02) = log2(3) = 1.585
    k = keyness.keyness(pd.Series({"x": 6}), pd.Series({"x": 2}), 100, 100)
    assert not k.loc[0, "key"]
    assert k.loc[0, "log_ratio"] == pytest.approx(math.log2(3))


def test_g2_is_symmetric_and_zero_for_equal_rates():
    assert float(keyness.log_likelihood(5, 10, 100, 200)) == 0.0  # 5% and 5%
    assert float(keyness.log_likelihood(6, 2, 100, 100)) == pytest.approx(
        float(keyness.log_likelihood(2, 6, 100, 100))
    )


def test_g2_with_zero_count():
    # a = 10 of 100, b = 0 of 100: E = 5, 5, 95, 95;
    # G2 = 2 * (10 ln 2 + 0 + 90 ln(90/95) + 100 ln(100/95)) = 14.3895 (0 ln 0 taken as 0)
    assert float(keyness.log_likelihood(10, 0, 100, 100)) == pytest.approx(14.3895, abs=1e-4)
    with pytest.raises(ValueError):
        keyness.log_likelihood(101, 0, 100, 100)


def test_log_ratio_zero_correction():
    # 4 in 1000 vs 0 in 1000: the zero becomes 0.5 (Hardie 2014) -> log2(4 / 0.5) = 3
    assert float(keyness.log_ratio(4, 0, 1000, 1000)) == 3.0
    assert float(keyness.log_ratio(0, 4, 1000, 1000)) == -3.0
    assert float(keyness.log_ratio(10, 20, 1000, 1000)) == -1.0


def test_keyness_threshold_direction_and_min_count():
    target = pd.Series({"ttp": 10, "border": 6, "trade": 1})
    reference = pd.Series({"border": 2, "trade": 1, "kabul": 10})
    k = keyness.keyness(target, reference, 100, 100, threshold=6.63).set_index("term")
    # ttp 10 vs 0 and kabul 0 vs 10: G2 = 14.39 each (worked above) >= 6.63
    assert k.loc["ttp", "key"] and k.loc["kabul", "key"]
    assert k.loc["ttp", "direction"] == "more in target"
    assert k.loc["kabul", "direction"] == "less in target"
    assert not k.loc["border", "key"]  # 2.18 < 6.63
    assert k.loc["trade", "direction"] == "same"
    # a lower threshold makes border key; min_count 3 drops trade (1 + 1)
    k2 = keyness.keyness(target, reference, 100, 100, threshold=2.0, min_count=3).set_index("term")
    assert k2.loc["border", "key"] and "trade" not in k2.index
    with pytest.raises(ParameterError, match="keyness_threshold"):
        keyness.keyness(target, reference, 100, 100, threshold=-1)


def _freq(**texts):
    rows = []
    for doc_id, body in texts.items():
        rows += corpus_mod.split_body(doc_id, body)[1]
    toks = pd.DataFrame(rows)
    stream = words.term_stream(toks, frozenset({"the"}))
    lengths = words.doc_lengths(toks)
    return words.frequencies(stream, lengths), lengths


def test_each_document_against_the_rest():
    freq, lengths = _freq(a="ttp ttp ttp the border", b="the border trade", c="border trade the")
    out = keyness.keyness_each_vs_rest(freq, lengths)
    row = out[(out["doc_id"] == "a") & (out["term"] == "ttp")].iloc[0]
    # target a: 3 of 5 tokens; reference b + c: 0 of 6 tokens
    assert (row["count_target"], row["count_reference"]) == (3, 0)
    assert row["g2"] == pytest.approx(float(keyness.log_likelihood(3, 0, 5, 6)))
    assert set(out["doc_id"]) == {"a", "b", "c"}
    with pytest.raises(ValueError, match="two documents"):
        keyness.keyness_each_vs_rest(freq, lengths[["a"]])


def test_split_groups_and_errors():
    docs = pd.DataFrame({"id": ["a", "b", "c"], "country": ["PK", "AF", "PK"], "body": ""})
    assert keyness.split_groups(docs, {"field": "country"})[:2] == (["a", "c"], ["b"])
    with pytest.raises(ParameterError, match="unknown field 'colour'.*valid fields: id, country"):
        keyness.split_groups(docs, {"field": "colour", "target": ["x"]})
    with pytest.raises(ParameterError, match="'IR' not found.*valid values: AF, PK"):
        keyness.split_groups(docs, {"field": "country", "target": ["IR"]})
    # a value of the manifest that is absent from the selection gives an empty group
    only_af = docs[docs["id"] == "b"]
    assert keyness.split_groups(only_af, {"field": "country", "target": ["PK"]}, universe=docs)[:2] == (
        [],
        ["b"],
    )
    with pytest.raises(ParameterError, match="'PK' not found"):
        keyness.split_groups(only_af, {"field": "country", "target": ["PK"]})
    three = docs.assign(country=["PK", "AF", "IR"])
    with pytest.raises(ParameterError, match="has 3 values"):
        keyness.split_groups(three, {"field": "country"})


def test_group_keyness_pakistani_outlets_on_the_published_seeds():
    c = corpus_mod.load_corpus(documents=corpora.PUBLISHED_SEEDS)
    stream = words.term_stream(c.tokens, words.load_stopwords(), words.load_phrases())
    lengths = words.doc_lengths(c.tokens)
    freq = words.frequencies(stream, lengths)
    target, reference, *_ = keyness.split_groups(
        c.documents, {"field": "outlet_country", "target": ["Pakistan"]}
    )
    # manifest: tariq2026 and humnews2025 are the two Pakistani outlets
    assert target == ["tariq2026", "humnews2025"]
    k = keyness.keyness_groups(freq, lengths, target, reference).set_index("term")
    per_doc = freq[freq["term"] == "taliban"].set_index("doc_id")["count"]
    assert k.loc["taliban", "count_target"] == per_doc[target].sum()
    assert k.loc["taliban", "count_reference"] == per_doc[reference].sum()


def test_strongest_takes_n_per_direction():
    k = keyness.keyness(pd.Series({"a": 30, "b": 20, "c": 0}), pd.Series({"c": 30, "d": 1}), 1000, 1000)
    top = keyness.strongest(k, 1)
    assert sorted(top["term"]) == ["a", "c"]  # the strongest of each direction


def test_collocations_hand_count():
    # three sentences; "blame game" twice, "durand line" + "dispute" twice; "game" also alone
    st = pd.DataFrame(
        {
            "doc_id": "d",
            "sent_index": [0, 0, 0, 1, 1, 1, 2, 2],
            "term": ["blame", "game", "dispute", "blame", "game", "the", "game", "ends"],
            "counted": [True, True, True, True, True, False, True, True],
        }
    )
    out = keyness.collocations(st, min_count=2)
    assert out[["first", "second", "count"]].values.tolist() == [["blame", "game", 2]]
    # PMI = log2(P(blame game) / (P(blame) P(game))) with NLTK's counts over the 8 words:
    # n(blame game) = 2, n(blame) = 2, n(game) = 3, N = 8 -> log2(2 * 8 / (2 * 3)) = 1.415
    assert out.loc[0, "pmi"] == pytest.approx(math.log2(2 * 8 / (2 * 3)))
    with pytest.raises(ParameterError, match="min_count"):
        keyness.collocations(st, min_count=0)


# -- multiple testing ----------------------------------------------------------
def test_chi2_sf_and_its_inverse():
    # Chi-squared with 1 df is a squared standard normal: P(X >= 1.959964**2) = 0.05 and
    # P(X >= 2.575829**2) = 0.01 (normal table values); 6.635 is the p < 0.01 value in
    # Rayson & Garside's table (6.63 rounded).
    assert keyness.chi2_sf(1.959964**2) == pytest.approx(0.05, abs=1e-6)
    assert keyness.chi2_sf(2.575829**2) == pytest.approx(0.01, abs=1e-6)
    assert keyness.chi2_isf(0.01) == pytest.approx(2.575829**2, abs=1e-4)
    assert keyness.chi2_isf(keyness.chi2_sf(20.0)) == pytest.approx(20.0, abs=1e-6)
    with pytest.raises(ValueError):
        keyness.chi2_isf(0.0)
    with pytest.raises(ValueError):
        keyness.chi2_sf(-1.0)


def test_expected_false_positives_and_bonferroni_threshold():
    # 1,635 tests at p = 0.01 (G2 = 2.575829**2): 1,635 x 0.01 = 16.35 expected by chance
    assert keyness.expected_false_positives(1635, 2.575829**2) == pytest.approx(16.35, abs=1e-3)
    # Bonferroni with 100 tests at p = 0.01: p = 0.0001, two-sided normal z = 3.890592 -> G2 = z**2
    assert keyness.corrected_threshold(2.575829**2, 100, "bonferroni") == pytest.approx(3.890592**2, abs=1e-3)
    assert keyness.corrected_threshold(6.63, 100, "none") == 6.63
    with pytest.raises(ParameterError, match="keyness_correction"):
        keyness.corrected_threshold(6.63, 100, "holm")


def test_bonferroni_changes_the_key_column():
    # Two documents, two terms tested in each (4 tests).  x: 10 of 100 in a, 0 of 100 in b:
    # G2 = 14.3895 (worked in test_g2_with_zero_count), p = 1.5e-4, key at p < 0.01.
    # Bonferroni: p = 0.01 / 4 = 0.0025 -> G2 >= 9.14 (z = 3.023, normal table): still key.
    # y: 6 of 100 vs 2 of 100 -> G2 = 2.18 (test_g2_worked_example): key in neither.
    freq = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["x", "y", "y"], "count": [10, 6, 2]})
    lengths = pd.Series({"a": 100, "b": 100})
    plain = keyness.keyness_each_vs_rest(freq, lengths)
    strict = keyness.keyness_each_vs_rest(freq, lengths, correction="bonferroni")
    assert len(plain) == 4
    assert plain["key"].sum() == 2 and strict["key"].sum() == 2  # x in a (more) and in b (less)
    # with a threshold of p < 0.05 (G2 3.84) and 4 tests, Bonferroni needs p < 0.0125 (G2 6.24):
    # z(0.0125 two-sided) = 2.4977 -> 6.2385; x still passes, and the 4 tests do not change that
    assert keyness.corrected_threshold(3.841459, 4, "bonferroni") == pytest.approx(2.4977**2, abs=1e-2)
    # a threshold between 14.39 and its corrected value removes x under Bonferroni only
    plain = keyness.keyness_each_vs_rest(freq, lengths, threshold=12.0)
    strict = keyness.keyness_each_vs_rest(freq, lengths, threshold=12.0, correction="bonferroni")
    assert plain["key"].sum() == 2 and strict["key"].sum() == 0
    with pytest.raises(ParameterError, match="keyness_correction"):
        keyness.keyness_groups(freq, lengths, ["a"], ["b"], correction="holm")
