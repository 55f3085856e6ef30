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

import pandas as pd
import pytest

from analysis.book import params as book_params
from analysis.chapters import tables
from analysis.chapters import words as words_ch
from analysis.errors import CorpusError, ParameterError
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
        (
            "keyness_groups",
            {"target": ["x"]},
            "parameter 'keyness_groups' expects a mapping like {field: outlet_country",
        ),
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
    assert facts["ngram_sentence"].startswith(
        "The most frequent sequences of 2 terms in the corpus are “border trade” (2 times), then "
        "“border closed”, "
    )
    assert facts["ngram_sentence"].count("”") == 8 and "(1 time each)" in facts["ngram_sentence"]


def test_sequences_say_so_when_there_are_none(folder):
    # the longest sentence has 3 counted terms in a row ("Border trade fell"): no 7-gram at all
    terms = words_ch.count_terms(run_params(folder, ngram=7))
    assert words_ch.sequences(terms).facts["ngram_sentence"] == (
        "No sequence of 7 terms occurs at least twice in the corpus."
    )


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
    assert facts["ld_short"] == "a, b and c"
    assert facts["ld_compare"].startswith(
        "Here the longest text, a (8 words), has a TTR of 0.62 against 0.83"
    )


# -- any corpus: a CSV with its own metadata, one text, no metadata ----------------------
@pytest.fixture
def table(tmp_path):
    """The same three texts as a CSV with a column ``side``; c's cell is empty (unknown)."""
    path = tmp_path / "texts.csv"
    pd.DataFrame({"id": list(TEXTS), "text": list(TEXTS.values()), "side": ["pk", "af", None]}).to_csv(
        path, index=False
    )
    return path


def test_a_field_of_the_csv_can_split_the_groups(table):
    params = run_params(table, min_count=1, keyness_groups={"field": "side", "target": ["pk"]})
    words_ch.check(params)  # "side" is not a manifest field, but a column of this corpus
    section = words_ch.keyness_by_group(words_ch.count_terms(params))
    # a is pk, b is af, c has no side: c is in neither group
    assert section.facts["group_split"] == (
        "Here the first group is side = pk (a) and the second side ≠ pk (b). "
        "c gives no side and is in neither group."
    )
    # terms of a and b: border trade fell rose closed refugees crossed waited
    assert len(section.groups) == 8
    assert section.facts["group_size_note"].startswith("The first group is one text (a)")


def test_unknown_field_lists_the_fields_of_this_corpus(table):
    with pytest.raises(ParameterError, match="expects 'field' one of id, .*, sha256, side, got 'sid'"):
        words_ch.check(run_params(table, keyness_groups={"field": "sid"}))


def test_group_keyness_without_the_field_says_so(terms):
    # a .txt folder has no outlet_country: every text is "unknown"
    section = words_ch.keyness_by_group(terms)
    assert section.facts["group_split"] == (
        "No selected text gives a value for outlet's country, so the texts cannot be split by it."
    )
    assert section.key_groups.empty and section.facts["group_size_note"] == "No group comparison is made."


@pytest.mark.parametrize(
    ("spec", "documents", "problem"),
    [
        (
            {"field": "side", "target": ["xx"]},
            [],
            "No selected text has side = xx (the values here: pk and af)",
        ),
        (
            {"field": "side", "target": ["pk"]},
            ["a"],
            "Every selected text with a value for side has side = pk",
        ),
        ({"field": "side"}, [], None),  # two known values: pk (first in corpus order) against af
    ],
)
def test_empty_groups_are_said_not_raised(table, spec, documents, problem):
    params = run_params(table, min_count=1, keyness_groups=spec, documents=documents)
    facts = words_ch.keyness_by_group(words_ch.count_terms(params)).facts
    if problem is None:
        assert facts["group_target"] == "side = pk"
    else:
        assert facts["group_split"].startswith(problem)


def test_one_text_gets_sentences_for_one_text(folder):
    terms = words_ch.count_terms(run_params(folder, documents=["a"], dispersion_terms=["border"]))
    assert words_ch.counting(terms).facts["docs_text"] == "the one text"
    assert (
        words_ch.keyness_each(terms)
        .facts["each_finding"]
        .startswith("Keyness compares a text with the others")
    )
    facts = words_ch.diversity(terms).facts
    assert facts["ld_compare"].endswith("and no other text to compare it with.")
    # border: three times in a, the only text
    assert words_ch.dispersion(terms).facts["disp_widest"] == (
        "The most widespread of them, “border”, occurs in the one text"
    )
    assert words_ch.keyness_each(terms).facts["length_range"] == "with a text of 8 tokens"


def test_no_citation_cut_and_no_phrase_is_said(terms):
    assert words_ch.keyness_each(terms).facts["citations_note"].startswith("No in-text citations were cut")
    assert words_ch.counting(terms).facts["phrase_sentence"] == (
        "Here the phrase list matched no name in the selected texts."
    )


# -- keyness findings: length effect, one text behind a group term, sense in context ----
# Four texts in two groups (side pk: p1, p2; side af: a1, a2). Word tokens, no stop words:
#   p1: Two states met | Two states talked | Two states agreed    9 tokens
#   p2: Border trade rose | Two sides met                          6 tokens
#   a1: Refugees waited | Refugees crossed                         4 tokens
#   a2: Talks failed                                               2 tokens
GROUP_TEXTS = {
    "p1": ("pk", "Two states met. Two states talked. Two states agreed."),
    "p2": ("pk", "Border trade rose. Two sides met."),
    "a1": ("af", "Refugees waited. Refugees crossed."),
    "a2": ("af", "Talks failed."),
}


@pytest.fixture
def grouped(tmp_path):
    path = tmp_path / "grouped.csv"
    pd.DataFrame(
        {
            "id": list(GROUP_TEXTS),
            "side": [side for side, _ in GROUP_TEXTS.values()],
            "text": [body for _, body in GROUP_TEXTS.values()],
        }
    ).to_csv(path, index=False)
    params = run_params(
        path, min_count=1, keyness_threshold=0.0, keyness_groups={"field": "side", "target": ["pk"]}, window=2
    )
    words_ch.check(params)
    return words_ch.count_terms(params)


def test_a_group_term_from_one_text_is_marked(grouped):
    section = words_ch.keyness_by_group(grouped)
    table = section.groups.set_index("term")
    # states: 3 times in the pk group, all in p1 -> share 1.0, marked (default one_text_share 0.8)
    assert table.loc["states", ["top_text", "top_text_share", "one_text"]].tolist() == ["p1", 1.0, True]
    # met: once in p1, once in p2 -> 0.5, not marked
    assert table.loc["met", "top_text_share"] == 0.5 and not table.loc["met", "one_text"]
    # refugees is more frequent in the af group, so its count there is read: 2, both a1
    assert table.loc["refugees", ["top_text", "one_text"]].tolist() == ["a1", True]
    # the chart labels marked terms with their text
    assert "states (p1)" in set(section.chart.data["term"]) and "met" in set(section.chart.data["term"])


def test_top_key_terms_get_their_commonest_neighbour(grouped):
    section = words_ch.keyness_by_group(grouped)
    row = section.contexts.set_index("term").loc["states"]
    # states (3 times in p1) has "two" before it each time; met, talked, agreed once each
    assert (row["occurrences"], row["commonest_neighbour"], row["neighbour_count"]) == (3, "two", 3)
    # the example is the first occurrence, with window=2 tokens each side
    assert (row["left"], row["match"], row["right"]) == ("Two", "states", "met Two")
    # "two" is the strongest (4 times in pk, 0 in af); "states" stands next to it 3 times
    assert section.facts["group_context"].startswith(
        "The first group's strongest key term is “two”. Its commonest neighbour in that group is "
        "“states” (3 times), as in “… Two states met …” (p1)."
    )


def test_key_terms_are_set_against_the_length_of_each_text(grouped):
    section = words_ch.keyness_each(grouped)
    per_text = section.per_text.set_index("doc_id")
    # 9 + 6 + 4 + 2 = 21 tokens: p1 has 9/21 of them
    assert per_text.loc["p1", "token_share"] == pytest.approx(9 / 21)
    # with threshold 0 every term with a difference is key; the shares of key terms add up to 1
    assert per_text["key_share"].sum() == pytest.approx(1.0)
    assert per_text.loc["p1", "key_per_1k_tokens"] == pytest.approx(
        per_text.loc["p1", "key_terms"] / 9 * 1000
    )
    assert "of the tokens" in section.facts["each_length"]


@pytest.mark.parametrize("value", [0.4, 1.5, math.nan])
def test_one_text_share_must_be_a_share_above_one_half(folder, value):
    with pytest.raises(ParameterError, match="parameter 'one_text_share' expects"):
        words_ch.check(run_params(folder, one_text_share=value))


def test_texts_without_words_are_a_corpus_error(tmp_path):
    # "!!! ???" has no word token (TOKEN_RE needs a letter or digit)
    (tmp_path / "empty.txt").write_text("!!! ???\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="contain no words to count"):
        words_ch.count_terms(run_params(tmp_path))


# -- tables for reading ----------------------------------------------------------
def test_top_terms_fit_without_a_fold_keep_their_order(terms):
    section = words_ch.frequent_terms(terms)
    # a: 5 counted types, b: 4 (refugees crossed border waited), c: 4 (talks failed doha resumed),
    # corpus: 12 -> 25 rows, all visible: no leading block, no fold note in the caption
    assert len(section.top) == 25 and section.top_rows is None
    assert list(dict.fromkeys(section.top["doc_id"])) == ["a", "b", "c", "(corpus)"]
    assert "sit in the fold" not in section.captions["top"] and "frequencies.csv" in section.captions["top"]


def test_leading_rows_show_the_first_rows_of_every_group():
    # 3 texts of 10 ranked rows: 30 > 25 rows, 25 // 3 = 8 of each lead, ranks 9-10 follow
    table = pd.DataFrame({"doc_id": [d for d in "abc" for _ in range(10)], "rank": list(range(1, 11)) * 3})
    ordered = tables.leading_rows(table, "doc_id", ["c", "a", "b"])
    assert tables.leading_count(table, "doc_id") == 24
    assert ordered.head(24)["doc_id"].tolist() == ["c"] * 8 + ["a"] * 8 + ["b"] * 8
    assert ordered.iloc[24:]["rank"].tolist() == [9, 10] * 3
    assert sorted(ordered.index) == list(range(30))  # every row kept, only the order changes


def test_dispersion_table_sums_up_each_term_per_text(terms):
    spread = words_ch.dispersion(terms).spread
    # border: tokens 0, 3, 6 of a's 8 (relative 0, .375, .75) and token 3 of b's 6 (.5); see
    # test_concordance_and_dispersion_facts for the positions
    rows = spread.set_index("doc_id")
    assert rows.loc["a", ["occurrences", "first_at", "median_at", "last_at"]].tolist() == [
        3,
        0.0,
        0.375,
        0.75,
    ]
    assert rows.loc["b", ["occurrences", "first_at", "last_at"]].tolist() == [1, 0.5, 0.5]
    assert list(spread["doc_id"]) == ["a", "b"]  # corpus order; c has no "border"


def test_context_table_for_reading_puts_the_line_in_one_column(grouped):
    section = words_ch.keyness_by_group(grouped)
    shown = section.contexts_shown.set_index("term").loc["states"]
    # the full table's line is "Two", "states", "met Two" (test_top_key_terms_get_their_commonest_neighbour)
    assert shown["first_occurrence"] == "Two [states] met Two"
    assert not {"left", "match", "right"} & set(section.contexts_shown.columns)
    assert "key" not in section.key_groups.columns  # every row is key: the column said nothing
