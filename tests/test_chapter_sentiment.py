"""Tests for analysis.chapters.sentiment: parameter checks and the facts of the prose.

The facts are computed on a fixture corpus of two tiny documents written here.
Where a sentence's VADER compound is used, it is the value pinned in the
doctests of :func:`analysis.methods.sentiment.score_sentences` ("The attack
killed ten people." -0.8225, "Peace talks resumed." +0.5423); "The border
talks resumed." holds no VADER lexicon word (doctest of ``has_lexicon_word``),
so it scores 0.  Everything else is a hand count over those four sentences.
"""

from __future__ import annotations

import pytest

from analysis.book import params as book_params
from analysis.chapters import sentiment as chapter
from analysis.errors import ParameterError

DEFAULTS = book_params.read_defaults(book_params.notebook_for("sentiment"))


@pytest.fixture
def fixture_dir(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    # a: one negative and one positive sentence; b: two sentences with no lexicon word
    (folder / "a.txt").write_text("The attack killed ten people. Peace talks resumed.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "The border talks resumed. The border talks resumed again.\n", encoding="utf-8"
    )
    return folder


@pytest.fixture
def run(fixture_dir):
    values = dict(DEFAULTS, neutralize_terms=["attack", "killed"], top_k=1, group_field="genre")
    return chapter.prepare({**values, "corpus_dir": str(fixture_dir)})


# -- check(params) ---------------------------------------------------------------------


BAD_VALUES = [
    ("lexicon", "bert", "parameter 'lexicon' expects one of 'vader', 'afinn', got 'bert'"),
    ("pos_threshold", 1.5, "parameter 'pos_threshold' expects a number between -1 and 1, got 1.5"),
    ("neg_threshold", -2.0, "parameter 'neg_threshold' expects a number between -1 and 1, got -2.0"),
    (
        "neg_threshold",
        0.05,
        "parameter 'neg_threshold' expects a number below pos_threshold (0.05), got 0.05",
    ),
    ("rolling_window", 0, "parameter 'rolling_window' expects an integer >= 1, got 0"),
    ("top_k", -5, "parameter 'top_k' expects an integer >= 1, got -5"),
    ("excerpt_chars", 0, "parameter 'excerpt_chars' expects an integer >= 1, got 0"),
    ("saturation_level", 1.5, "parameter 'saturation_level' expects a number between 0 and 1, got 1.5"),
    ("group_field", "colour", "parameter 'group_field' expects one of 'title', "),
    ("neutralize_terms", ["war", " "], "parameter 'neutralize_terms' expects a list of non-empty strings"),
    ("documents", ["nosuchdoc"], "parameter 'documents': unknown document id(s) 'nosuchdoc'"),
]


def test_defaults_pass_the_check():
    chapter.check(dict(DEFAULTS))


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES, ids=[f"{n}={v}" for n, v, _ in BAD_VALUES])
def test_check_refuses_bad_value_naming_the_parameter(name, value, message):
    with pytest.raises(ParameterError) as err:
        chapter.check({**DEFAULTS, name: value})
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("name", "value", "message"), BAD_VALUES[:3], ids=[n for n, _, _ in BAD_VALUES[:3]])
def test_validate_runs_the_check_before_any_kernel(name, value, message):
    # params.validate is what `python -m analysis chapter` calls before starting a kernel
    with pytest.raises(ParameterError) as err:
        book_params.validate("sentiment", {name: value})
    assert str(err.value) == f"chapter 'sentiment': {message}"


def test_group_fields_are_text_fields_of_the_documents_table(run):
    # every field offered by check() is one that with_group accepts on a loaded corpus
    for name in chapter.GROUP_FIELDS:
        chapter.sentiment.with_group(run.scored.head(0), run.docs, name)


# -- facts -----------------------------------------------------------------------------


def test_overview_counts_the_classes(run):
    facts = chapter.overview(run).facts
    # 2 documents, 4 sentences: one negative, two neutral (no lexicon word), one positive
    assert (facts["n_docs"], facts["n_sent"]) == ("2", "4")
    assert (facts["share_neg"], facts["share_neu"], facts["share_pos"]) == ("25%", "50%", "25%")
    assert (facts["lexicon_name"], facts["other_name"]) == ("VADER", "AFINN")
    # the default thresholds, formatted with their sign (Hutto's README: +-0.05)
    assert (facts["pos_threshold"], facts["neg_threshold"]) == ("+0.05", "-0.05")


def test_by_document_names_the_lowest_mean(run):
    section = chapter.by_document(run)
    facts = section.facts
    # a: (-0.8225 + 0.5423) / 2 = -0.1401; b: 0
    assert facts["most_neg_doc"] == "a"
    assert facts["most_neg_mean"] == "-0.140"
    assert facts["most_neg_share"] == "50%"
    # b's median is 0 (both sentences 0); a's is -0.1401
    assert facts["zero_median_docs"] == "1"
    # 2 of 4 sentences score 0, both for want of any lexicon word
    assert (facts["share_zero"], facts["share_zero_no_word"]) == ("50%", "100%")
    assert section["by_document"]["df"]["doc_id"].tolist() == ["a", "b"]
    assert len(section["distribution"]["data"]) == 4


def test_extremes_cut_text_to_excerpt_chars(fixture_dir):
    values = dict(DEFAULTS, top_k=1, excerpt_chars=10, corpus_dir=str(fixture_dir))
    table = chapter.extremes(chapter.prepare(values))["extremes"]["df"]
    # a has one sentence on each side of zero, b none; 9 characters and the ellipsis
    assert table[["doc_id", "direction"]].values.tolist() == [["a", "most negative"], ["a", "most positive"]]
    assert table["text"].tolist() == ["The attac…", "Peace tal…"]


def test_topic_neutralising_the_conflict_words(run):
    facts = chapter.topic(run).facts
    # neutralising "attack" and "killed" leaves a's first sentence without a lexicon word
    # (doctest of score_sentences: it becomes neutral), the only negative sentence
    assert (facts["n_changed"], facts["flipped"]) == ("1", "1")
    assert (facts["neg_before"], facts["neg_after"]) == ("25%", "0%")
    assert facts["topic_share_all"] == "100%"
    # b has no negativity at all (topic share undefined), so a is the document named
    assert (facts["top_topic_doc"], facts["top_topic_share"]) == ("a", "100%")
    # both terms are VADER entries (AFINN has "attack" too; checked in test_sentiment)
    assert (facts["n_terms"], facts["n_in_lex"], facts["missing_terms"]) == ("2", "2", "none")


def test_by_group_counts_documents_per_group(run):
    section = chapter.by_group(run)
    table = section["by_group"]["df"]
    # a .txt folder has no genre: both documents fall in the group "unknown"
    assert table[["genre", "documents", "sentences"]].values.tolist() == [["unknown", 2, 4]]
    assert section.facts["group_field"] == "genre"
