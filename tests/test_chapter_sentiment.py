"""Tests for analysis.chapters.sentiment: parameter checks and the facts of the prose.

The facts are computed on a fixture corpus of two tiny documents written here.
Where a sentence's VADER compound is used, it is the value pinned in the
doctests of :func:`analysis.methods.sentiment.score_sentences` ("The attack
killed ten people." -0.8225, "Peace talks resumed." +0.5423); "The border
talks resumed." holds no VADER lexicon word (doctest of ``has_lexicon_word``),
so it scores 0.  Everything else is a hand count over those four sentences.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import yaml

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
    ("n_resamples", 10, "parameter 'n_resamples' expects an integer >= 100, got 10"),
    ("bootstrap_seed", -1, "parameter 'bootstrap_seed' expects an integer >= 0, got -1"),
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
    # a's two values -0.8225 and 0.5423 give the hand-worked interval of two values:
    # the bootstrap means are the lower value, the mean or the upper value (1/4, 1/2, 1/4),
    # so the 95% interval runs from one value to the other; b's is the point 0, inside it
    table = section["by_document"]["df"].set_index("doc_id")
    assert (table.at["a", "mean_low"], table.at["a", "mean_high"]) == pytest.approx((-0.8225, 0.5423))
    assert (table.at["b", "mean_low"], table.at["b", "mean_high"]) == (0.0, 0.0)
    assert "no clear difference" in facts["lowest_mean_sentence"]
    assert section["means"]["data"].columns.tolist() == [
        "doc_id",
        "sentences",
        "mean",
        "mean_low",
        "mean_high",
    ]
    # b's median is 0 (both sentences 0); a's is -0.1401
    assert facts["zero_median_sentence"] == "In 1 of the 2 documents the median sentence scores exactly zero."
    # 2 of 4 sentences score 0, both for want of any lexicon word
    assert (facts["share_zero"], facts["share_zero_no_word"]) == ("50%", "100%")
    assert section["by_document"]["df"]["doc_id"].tolist() == ["a", "b"]
    assert len(section["distribution"]["data"]) == 4


def test_most_negative_only_when_the_intervals_separate(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    # a: four copies of a -0.8225 sentence, b: four of a +0.5423 one (doctest values): each
    # bootstrap interval is a single point, so they separate
    (folder / "a.txt").write_text("The attack killed ten people. " * 4, encoding="utf-8")
    (folder / "b.txt").write_text("Peace talks resumed. " * 4, encoding="utf-8")
    run = chapter.prepare(dict(DEFAULTS, corpus_dir=str(folder)))
    assert chapter.by_document(run).facts["lowest_mean_sentence"] == (
        "The most negative document on average is a (mean \u22120.823, 95% interval \u22120.823 to "
        "\u22120.823, 100% of its sentences negative): its interval lies below those of all the other documents."
    )


def summary(rows):
    return pd.DataFrame(rows, columns=["doc_id", "mean", "mean_low", "mean_high", "share_negative"])


def test_lowest_mean_wording_by_interval():
    # hand-made intervals: x [-0.5, -0.3] lies below z [0.0, 0.2] and overlaps y [-0.35, 0.1]
    mixed = summary([("x", -0.4, -0.5, -0.3, 0.6), ("y", -0.1, -0.35, 0.1, 0.4), ("z", 0.1, 0.0, 0.2, 0.1)])
    text = chapter.lowest_mean_sentence(mixed)
    assert text.startswith(
        "The lowest mean is that of x (mean \u22120.400, 95% interval \u22120.500 to \u22120.300"
    )
    assert (
        "clearly lower than that of z, but there is no clear difference from y, whose interval overlaps"
        in text
    )
    overlap = summary([("x", -0.4, -0.5, -0.3, 0.6), ("y", -0.1, -0.35, 0.1, 0.4)])
    assert "overlaps those of the other document, so there is no clear difference" in (
        chapter.lowest_mean_sentence(overlap)
    )
    # one sentence gives no interval, and no interval never separates
    single = summary([("x", -0.9, float("nan"), float("nan"), 1.0), ("z", 0.1, 0.0, 0.2, 0.1)])
    assert "no interval from one sentence" in chapter.lowest_mean_sentence(single)
    assert "no clear difference" in chapter.lowest_mean_sentence(single)
    assert chapter.lowest_mean_sentence(single.head(1)).startswith("With a single document there is nothing")


def test_extremes_flag_topic_driven_sentences(run):
    section = chapter.extremes(run)
    table = section["extremes"]["df"].set_index("direction")
    # run neutralises "attack" and "killed": a's negative sentence then has no lexicon word
    # (neutral, doctest of score_sentences), its positive one keeps +0.5423
    assert table.loc["most negative", ["compound_neutralized", "topic_driven"]].tolist() == [0.0, True]
    assert table.loc["most positive", ["compound_neutralized", "topic_driven"]].tolist() == [0.5423, False]
    assert section.facts["topic_driven_sentence"].startswith(
        "The column “class set by topic terms” marks 1 of the 2 sentences"
    )


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


# -- any corpus: manifest folder, .txt folder, CSV, Parquet ----------------------------

TEXTS = {
    "a": "The attack killed ten people. Peace talks resumed.",
    "b": "The border talks resumed. The border talks resumed again.",
}
NOTES = {"a": "", "b": "machine translation from Dari"}


def manifest_corpus(folder):
    folder.mkdir()
    entries = []
    for ident, text in TEXTS.items():
        data = (text + "\n").encode("utf-8")
        (folder / f"{ident}.txt").write_bytes(data)
        entry = {f: "unknown" for f in ("title", "authors", "outlet", "date", "date_meaning", "genre")}
        entry.update(identifier="unknown", perspective="unknown", outlet_country="X" + ident)
        entry.update(id=ident, file=f"{ident}.txt", sha256=hashlib.sha256(data).hexdigest())
        entries.append({**entry, "language_note": NOTES[ident]})
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": entries}), encoding="utf-8")
    return folder


def table(ids):
    return pd.DataFrame(
        {
            "id": ids,
            "text": list(TEXTS.values()),
            "language_note": list(NOTES.values()),
            "outlet_country": "X",
        }
    )


def csv_corpus(path):
    table(list(TEXTS)).to_csv(path, index=False)
    return path


def parquet_corpus(path):
    table([7, 8]).to_parquet(path)  # an integer id column becomes the ids "7" and "8"
    return path


def text_corpus(folder):
    folder.mkdir()
    for ident, text in TEXTS.items():
        (folder / f"{ident}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


KINDS = {
    # kind: (builder, file name, ids, translated id or None: a .txt folder has no metadata)
    "manifest": (manifest_corpus, "corpus", ["a", "b"], "b"),
    "csv": (csv_corpus, "docs.csv", ["a", "b"], "b"),
    "parquet": (parquet_corpus, "docs.parquet", ["7", "8"], "8"),
    "txt": (text_corpus, "texts", ["a", "b"], None),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_corpus_runs_every_section(kind, tmp_path):
    build, name, ids, translated = KINDS[kind]
    values = dict(DEFAULTS, corpus_dir=str(build(tmp_path / name)))
    chapter.check(values)
    run = chapter.prepare(values)
    facts = {}
    for section in (
        chapter.overview,
        chapter.by_document,
        chapter.arc,
        chapter.extremes,
        chapter.whole_texts,
    ):
        facts.update(section(run).facts)
    for section in (chapter.agreement, chapter.topic, chapter.by_group, chapter.caveats):
        facts.update(section(run).facts)
    # same two texts in every form: 2 documents, 4 sentences (hand count), the first most negative
    assert facts["corpus_sentences"] == "The 2 documents hold 4 sentences"
    assert facts["most_neg_doc"] == ids[0]
    expected = "no text here" if translated is None else f"{translated} as a machine translation"
    assert f"the metadata mark {expected}" in facts["translation_note"]
    assert all(isinstance(v, str) and v and "nan" not in v for v in facts.values()), facts


def test_translation_note_only_for_a_selected_document(tmp_path):
    folder = manifest_corpus(tmp_path / "corpus")
    values = dict(DEFAULTS, corpus_dir=str(folder), documents=["a"])
    facts = chapter.caveats(chapter.prepare(values)).facts
    # b is the machine translation (its language_note), and b is not selected
    assert facts["translation_note"] == "the metadata mark no text here as a machine translation"
    assert facts["sample_sentence"].startswith("And the corpus is a single text")


def test_check_refuses_a_missing_corpus_naming_the_parameter(tmp_path):
    with pytest.raises(ParameterError, match=r"^parameter 'corpus_dir': .*nowhere.*does not exist"):
        chapter.check(dict(DEFAULTS, corpus_dir=str(tmp_path / "nowhere")))


def test_group_sizes_wording():
    # counts of documents per group, written out: 2+1+1 = 4 documents, two groups of one
    assert chapter.group_sizes([2, 1, 1], ["p", "q", "r"]).startswith(
        "The 4 documents fall into 3 groups; 2 of them hold a single text, so"
    )
    assert chapter.group_sizes([2, 2], ["p", "q"]).startswith("The 4 documents fall into 2 groups, so")
    assert chapter.group_sizes([1], ["p"]).startswith("With a single document")


def test_threshold_source_only_claims_the_recommended_values():
    # the recommended thresholds are +-0.05 (vaderSentiment README)
    assert chapter.threshold_source(0.05, -0.05).startswith("these are the thresholds recommended")
    assert chapter.threshold_source(0.3, -0.05).endswith("+0.05 and -0.05; this run uses other ones")


def test_in_lexicon_sentence_agrees_in_number():
    assert chapter.in_lexicon_sentence(2, 0, "VADER", []) == "Of the 2 terms, 2 are in the VADER lexicon."
    assert chapter.in_lexicon_sentence(1, 1, "AFINN", ["taliban"]) == (
        "Of the 1 term, 0 are in the AFINN lexicon; the one missing from it (taliban) is neutral already, "
        "so neutralising it changes nothing."
    )


def test_extremes_carry_the_fact_check_note_of_the_whole_sentence(tmp_path):
    # a's positive sentence states a listed error (data/factchecks/factchecks.csv, check
    # bin_laden_captured) after the 10 characters shown; its note is there, the other row has none
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The attack killed ten people. Peace returned after the capture of Osama bin Laden.\n",
        encoding="utf-8",
    )
    values = dict(DEFAULTS, top_k=1, excerpt_chars=10, corpus_dir=str(folder))
    table = chapter.extremes(chapter.prepare(values))["extremes"]["df"].set_index("direction")
    assert table.loc["most positive", "text"] == "Peace ret…"  # the excerpt, as shown
    assert "killed, not captured" in table.loc["most positive", "fact_check"]
    assert table.loc["most negative", "fact_check"] == ""


# -- tables for reading ----------------------------------------------------------------


def test_opposite_classes_lists_only_positive_against_negative():
    # hand-made pairs: only the first row has one lexicon positive and the other negative;
    # a neutral against a positive class is a disagreement, not an opposite
    pairs = pd.DataFrame(
        {
            "vader_label": ["positive", "negative", "neutral", "negative"],
            "afinn_label": ["negative", "negative", "positive", "positive"],
            "same": ["different class", "same class", "different class", "different class"],
            "sent_index": [0, 1, 2, 3],
        }
    )
    out = chapter.opposite_classes(pairs)
    assert out["sent_index"].tolist() == [0, 3] and "same" not in out.columns


def test_summary_split_in_two_tables_that_join_back(run):
    section = chapter.by_document(run)
    main, spread = section["by_document"]["df"], section["by_document_spread"]["df"]
    # the spread columns go to the second table only; both keep one row per document
    assert set(chapter.SPREAD_COLUMNS).isdisjoint(main.columns)
    assert spread.columns.tolist() == ["doc_id", *chapter.SPREAD_COLUMNS]
    assert main["doc_id"].tolist() == spread["doc_id"].tolist() == ["a", "b"]
    # a's sentences -0.8225 and 0.5423: lowest and highest are those two values (module docstring)
    assert spread.set_index("doc_id").loc["a", ["min", "max"]].tolist() == [-0.8225, 0.5423]
    # every table of the chapter is shown with the readers' labels
    assert section["by_document"]["labels"]["mean_low"] == "95% low"
