"""The project's VADER scorer gives vaderSentiment 3.3.2's scores exactly.

The reference is the authors' package (why: ``analysis.methods.sentiment.VaderScorer``).
Expected values come from the reference itself, run in the test on the same
text; ``make bench`` repeats the comparison on all seed sentences and 100 k
synthetic ones.
"""

from __future__ import annotations

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

from analysis.bench.sentences import synthetic_sentences
from analysis.methods import sentiment as S

REFERENCE = Reference()


def _ref(text: str) -> tuple:
    r = REFERENCE.polarity_scores(text)
    return r["neg"], r["neu"], r["pos"], r["compound"]


# each exercises one rule or one quirk of the reference
EDGE_CASES = [
    "",
    "   ",
    "good",
    "The ceasefire is good, but the talks failed.",
    "good good but good bad but bad",  # "but" rule finds scores by value; two "but"s
    "It was good but it was good.",  # equal scores on both sides of "but"
    "The talks are no good.",  # "no" negates the next lexicon word
    "no no good",  # "no" before a lexicon word scores 0
    "Not bad at all",
    "not so good",
    "never so good",  # never so/this: x 1.25
    "never this good!!",
    "Without a doubt, an excellent idea.",
    "without doubt good",
    "It is the least good plan.",  # "least" negates unless "at least" / "very least"
    "at least good",
    "very least good",
    "least good",
    "The plan is kind of good.",
    "It was sort of good and just enough good.",
    "That was the bomb, the shit and a bus stop.",  # special cases
    "They cut the mustard, hand to mouth, kiss of death.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",  # ALL CAPS with some lower-case words
    "GOOD BAD",  # all caps: no capital emphasis
    "'peace', 'war'; (good) \"bad\"",  # punctuation stripped from both ends
    "Make sure you :) or :D today!",  # emoticons kept
    "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",  # emoji described
    "good\U0001f600bad",
    "Really???? good???",
    "I can't say it isn't good, don't you think?",
    "extremely barely good",
    "good " * 50,
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_identical_to_reference(text):
    assert S.VaderScorer().scores(text) == _ref(text)


def test_seeded_synthetic_sample_identical_to_reference():
    # 3,000 sentences from the seeded rule-heavy generator (make bench checks 100 k)
    scorer = S.VaderScorer()
    texts = synthetic_sentences(3_000, seed=16)
    differing = [t for t in texts if scorer.scores(t) != _ref(t)]
    assert differing == []


def test_neutralised_terms_match_a_reference_with_the_same_lexicon_cut():
    texts = ["The war killed peace.", "No war, but no peace either.", "War war war!"]
    ref = Reference()
    ref.lexicon = {w: v for w, v in ref.lexicon.items() if w != "war"}
    scorer = S.VaderScorer(frozenset({"war"}))
    for t in texts:
        r = ref.polarity_scores(t)
        assert scorer.scores(t) == (r["neg"], r["neu"], r["pos"], r["compound"])


def test_score_sentences_batch_equals_reference_and_keeps_duplicates():
    texts = ["Good talks.", "Bad talks.", "Good talks.", "Nothing here."]
    out = S.score_sentences(pd.DataFrame({"text": texts}))
    assert out["compound"].tolist() == [_ref(t)[3] for t in texts]
    many = S.VaderScorer().score_many(texts)
    assert many.shape == (4, 4) and [tuple(r) for r in many] == [_ref(t) for t in texts]
