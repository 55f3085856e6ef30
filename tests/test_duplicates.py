"""Exact and near-duplicate sentences (analysis/methods/duplicates.py), on a hand-made text.

Every expected similarity is worked out by hand from difflib's definition,
ratio = 2 * M / (len(a) + len(b)), M = tokens in matching blocks.
"""

import pandas as pd
import pytest

from analysis.methods import duplicates

#: Document "a", by sentence index:
#: 0 and 3 are identical after lower-casing and dropping punctuation (exact),
#: and so are 8 and 9, which differ only in the apostrophe (’ and ');
#: 1 and 4 have ten tokens each and differ in one (M = 9: 18 / 20 = 0.9, near at 0.9);
#: 2 and 5 have five tokens each, one changed (M = 4: 8 / 10 = 0.8, not at 0.9);
#: 6 and 7 have the same three words in another order ("blamed" is the only
#: matching block: 2 / 6 = 0.33), which a Jaccard index would call identical.
DOC_A = [
    "The border at Torkham closed on Sunday.",
    "Traders said the crossing had been shut for four days.",
    "Trade fell sharply after talks.",
    "the border at torkham closed on sunday!",
    "Traders said the crossing had been shut for five days.",
    "Trade fell sharply before talks.",
    "Pakistan blamed Afghanistan.",
    "Afghanistan blamed Pakistan.",
    "The Monitoring Team’s mandate was renewed.",
    "The Monitoring Team's mandate was renewed.",
]
#: Document "b" repeats sentence 0 of "a": across documents, not a duplicate.
DOC_B = ["The border at Torkham closed on Sunday.", "—", "—"]


def sentence_table() -> pd.DataFrame:
    rows = [("a", i, s) for i, s in enumerate(DOC_A)] + [("b", i, s) for i, s in enumerate(DOC_B)]
    return pd.DataFrame(rows, columns=["doc_id", "sent_index", "text"])


def test_hand_computed_similarities():
    norm = duplicates.normalize
    assert duplicates.similarity(norm(DOC_A[0]), norm(DOC_A[3])) == 1.0
    assert duplicates.similarity(norm(DOC_A[1]), norm(DOC_A[4])) == pytest.approx(18 / 20)
    assert duplicates.similarity(norm(DOC_A[2]), norm(DOC_A[5])) == pytest.approx(8 / 10)
    assert duplicates.similarity(norm(DOC_A[6]), norm(DOC_A[7])) == pytest.approx(2 / 6)


def test_pairs_at_the_default_threshold():
    pairs = duplicates.find_duplicates(sentence_table(), 0.9)
    # exactly the two pairs worked out above; "b" pairs with nothing ("—" has no token)
    assert pairs[["doc_id", "first", "second", "kind"]].values.tolist() == [
        ["a", 0, 3, "exact"],
        ["a", 1, 4, "near"],
        ["a", 8, 9, "exact"],
    ]
    assert pairs["similarity"].tolist() == pytest.approx([1.0, 0.9, 1.0])
    assert pairs.loc[0, "second_text"] == DOC_A[3]


def test_a_lower_threshold_takes_in_the_one_word_change():
    pairs = duplicates.find_duplicates(sentence_table(), 0.8)
    # 2-5 scores 0.8 (inclusive); 6-7 (0.33) stays out
    assert pairs[["first", "second"]].values.tolist() == [[0, 3], [1, 4], [2, 5], [8, 9]]


def test_threshold_one_finds_exact_repeats_only():
    pairs = duplicates.find_duplicates(sentence_table(), 1.0)
    assert pairs[["first", "second", "kind"]].values.tolist() == [[0, 3, "exact"], [8, 9, "exact"]]


@pytest.mark.parametrize("threshold", [0, -0.5, 1.5])
def test_threshold_outside_zero_one_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold must be in"):
        duplicates.find_duplicates(sentence_table(), threshold)


def test_no_sentences_gives_an_empty_table():
    empty = pd.DataFrame(columns=["doc_id", "sent_index", "text"])
    assert list(duplicates.find_duplicates(empty).columns) == duplicates.PAIR_COLUMNS
    assert duplicates.find_duplicates(empty).empty


def test_drop_keeps_the_first_occurrence():
    sentences = sentence_table()
    dropped = duplicates.to_drop(duplicates.find_duplicates(sentences, 0.9))
    # the later member of each pair: sentences 3, 4 and 9 of "a"
    assert dropped.values.tolist() == [["a", 3], ["a", 4], ["a", 9]]
    kept = duplicates.drop_sentences(sentences, dropped)
    assert len(kept) == len(sentences) - 3
    assert kept.loc[kept["doc_id"] == "a", "sent_index"].tolist() == [0, 1, 2, 5, 6, 7, 8]


def test_a_sentence_repeating_two_earlier_ones_is_dropped_once():
    # three copies of one sentence: pairs 0-1, 0-2, 1-2; drop 1 and 2, keep 0
    sentences = pd.DataFrame({"doc_id": ["c"] * 3, "sent_index": [0, 1, 2], "text": ["Talks resumed."] * 3})
    pairs = duplicates.find_duplicates(sentences)
    assert len(pairs) == 3
    assert duplicates.to_drop(pairs)["sent_index"].tolist() == [1, 2]
