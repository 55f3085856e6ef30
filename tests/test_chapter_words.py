"""Tests of analysis/chapters/words.py: the parameter check and the facts of each section.

The corpus is three tiny texts written below (a folder of .txt files in a
temporary directory); every expected value is a hand count on them, or a
formula of :mod:`analysis.methods.keyness` named where it is used.

Word tokens (analysis.corpus.text.TOKEN_RE; stop words here: "the", "in"):
  a: Border trade fell | Border trade rose | Border closed      8 tokens, no stop word
  b: Refugees crossed the border | Refugees waited              6 tokens, "the"
  c: Talks failed in Doha | Talks resumed                       6 tokens, "in"
"""

from __future__ import annotations

import math

import pytest

from analysis.book import params as book_params
from analysis.chapters import words as words_ch
from analysis.errors import ParameterError
from analysis.methods import keyness

TEXTS = {
    "a": "Border trade fell. Border trade rose. Border closed.",
    "b": "Refugees crossed the border. Refugees waited.",
    "c": "Talks failed in Doha. Talks resumed.",
}
DEFAULTS = book_params.read_defaults(book_params.notebook_for("words"))


@pytest.fixture
def folder(tmp_path):
    for name, body in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(body + "\n", encoding="utf-8")
    return tmp_path


def run_params(folder, **changes) -> dict:
    return {**DEFAULTS, "corpus_dir": str(folder), **changes}


@pytest.fixture
def terms(folder):
    return words_ch.count_terms(
        run_params(folder, min_count=1, dispersion_terms=["border"], kwic_terms=["Doha"])
    )


# -- check(params) -----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("top_n", 0, "parameter 'top_n' expects an integer >= 1, got 0"),
        ("top_n", -5, "parameter 'top_n' expects an integer >= 1, got -5"),
        ("ngram", 1, "parameter 'ngram' expects an integer >= 2, got 1"),
        ("min_count", 0, "parameter 'min_count' expects an integer >= 1, got 0"),
        ("keyness_threshold", -1.0, "parameter 'keyness_threshold' expects a number >= 0, got -1.0"),
        ("keyness_threshold", math.nan, "parameter 'keyness_threshold' expects a finite number, got nan"),
        ("keyness_threshold", math.inf, "parameter 'keyness_threshold' expects a finite number, got inf"),
        ("keyness_correction", "holm", "parameter 'keyness_correction' expects one of 'none', 'bonferroni'"),
        ("keyness_top", 0, "parameter 'keyness_top' expects an integer >= 1, got 0"),
        ("collocation_measure", "dice", "parameter 'collocation_measure' expects one of 'likelihood_ratio'"),
        ("window", 0, "parameter 'window' expects an integer >= 1, got 0"),
        ("mattr_window", 0, "parameter 'mattr_window' expects an integer >= 1, got 0"),
        ("kwic_terms", ["*"], "parameter 'kwic_terms' expects a list of search terms with at least one word"),
        ("dispersion_terms", [" "], "parameter 'dispersion_terms' expects a list of search terms"),
        ("extra_stopwords", [""], "parameter 'extra_stopwords' expects a list of non-empty strings"),
        ("documents", ["zz"], "parameter 'documents': unknown document id(s) 'zz'; valid ids: a, b, c"),
        (
            "keyness_groups",
            {"field": "outlet_contry"},
            "parameter 'keyness_groups' expects 'field' one of id,",
        ),
        ("keyness_groups", {"target": ["x"]}, "parameter 'keyness_groups' expects a mapping like field="),
        ("keyness_groups", {"field": "genre", "value": 1}, "expects only the keys 'field' and 'target'"),
    ],
)
def test_check_refuses_each_bad_value_naming_the_parameter(folder, name, value, message):
    with pytest.raises(ParameterError) as err:
        words_ch.check(run_params(folder, **{name: value}))
    assert message in str(err.value)
    assert "chi2_sf" not in str(err.value)


def test_check_accepts_the_defaults_and_runs_before_a_kernel(folder):
    words_ch.check(run_params(folder))  # no error
    # params.validate (what `python -m analysis chapter` runs first) calls check()
    with pytest.raises(ParameterError, match="chapter 'words': parameter 'window' expects an integer >= 1"):
        book_params.validate("words", {"corpus_dir": str(folder), "window": 0})


def test_corpus_dir_that_is_not_a_corpus_is_refused(tmp_path):
    with pytest.raises(ParameterError, match="parameter 'corpus_dir'.*does not exist"):
        words_ch.check(run_params(tmp_path / "missing"))


# -- facts of each section ------------------------------------------------------
def test_counting_facts(terms):
    facts = words_ch.counting(terms).facts
    # 8 + 6 + 6 tokens; 2 of them stop words ("the", "in"), so 18 counted terms
    assert facts["n_docs"] == "3" and facts["n_tokens"] == "20"
    assert (facts["n_stream"], facts["n_counted"], facts["stop_share"]) == ("20", "18", "10%")
    # 12 distinct counted terms: border trade fell rose closed refugees crossed waited talks failed doha resumed
    assert facts["n_types"] == "12"
    # border 4 of 20 tokens = 2,000 per 10,000; refugees, talks and trade 2 each = 1,000
    assert facts["top_terms_text"].startswith(
        "“border” (2,000 per 10,000 tokens), then “refugees”, “talks” and “trade” (1,000 per 10,000 tokens each)"
    )


def test_frequent_terms_tables(terms):
    section = words_ch.frequent_terms(terms)
    top_a = section.top[section.top["doc_id"] == "a"].head(2)
    # a: border 3, trade 2 of 8 tokens
    assert top_a[["term", "count"]].values.tolist() == [["border", 3], ["trade", 2]]
    assert "(corpus)" not in set(section.chart.data["doc_id"])


def test_sequences_name_the_only_repeated_bigram(terms):
    facts = words_ch.sequences(terms).facts
    # "border trade" twice (a, sentences 1 and 2), seven other bigrams once; "crossed the"
    # has a stop word, so it is no bigram
    assert facts["ngram_ranking"].startswith("“border trade” (2 times), then “border closed”, ")
    assert facts["ngram_ranking"].count("”") == 8


def test_keyness_each_counts_its_tests(terms):
    section = words_ch.keyness_each(terms)
    # 12 terms (min_count 1) tested in each of 3 texts
    assert section.facts["n_tests_each"] == "36" and section.facts["n_terms_tested"] == "12"
    row = section.each.set_index(["doc_id", "term"]).loc[("a", "border")]
    # border: 3 of 8 tokens in a, 1 of 12 in b + c; G² from Dunning's formula
    assert row["g2"] == pytest.approx(float(keyness.log_likelihood(3, 1, 8, 12)))
    # p of the default threshold 6.63 (chi-squared, 1 df) is 0.01
    assert section.facts["p_nominal"] == "0.01"


def test_concordance_and_dispersion_facts(terms):
    assert words_ch.concordance(terms).facts["kwic_per_term"] == "Doha: 1"
    facts = words_ch.dispersion(terms).facts
    # border at tokens 0, 3, 6 of 8 in a and 3 of 6 in b: 0, .375 below one half, .75 and .5 not
    assert facts["disp_first_half"] == "50%"
    assert facts["disp_widest"] == "The most widespread of them, “border”, occurs in 2 of the 3 texts"


def test_diversity_facts(terms):
    facts = words_ch.diversity(terms).facts
    # a: 8 words, 5 types (border trade fell rose closed) -> TTR 0.625; b and c: 5 of 6 -> 0.83
    assert (facts["ld_longest"], facts["ld_longest_words"], facts["ld_longest_ttr"]) == ("a", "8", "0.62")
    assert facts["ld_others_ttr"] == "0.83 to 0.83"
    # all three are shorter than the MATTR window of 500
    assert facts["ld_short"] == "a, b, c"
