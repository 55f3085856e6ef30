"""Tests for analysis.methods.sentiment.

Expected VADER scores are pinned and derived by hand from the published
formula (compound = x / sqrt(x**2 + 15), Hutto & Gilbert 2014) with the
lexicon values and rule constants of VADER (NLTK ``VaderConstants`` /
vaderSentiment): "good" 1.9, "failed" -2.3; negation scalar -0.74; booster
+0.293; ALL-CAPS +0.733; each "!" +0.292; "but" weighs the clause before it
by 0.5 and after it by 1.5.  Each score is also computed with the
vaderSentiment reference implementation in the test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkVader
from support import sentences
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as ReferenceVader

from analysis.corpus.load import split_body
from analysis.errors import ParameterError
from analysis.methods import sentiment as S

REFERENCE = ReferenceVader()


def _norm(x: float) -> float:
    return x / math.sqrt(x * x + 15)


# sentence, the rule it exercises, the valence sum x worked out by hand
RULES = [
    ("The ceasefire is good.", "lexicon word alone", 1.9),
    ("The ceasefire is not good.", "negation: 1.9 * -0.74", 1.9 * -0.74),
    ("The ceasefire is good, but the talks failed.", "but: 1.9 * 0.5 + (-2.3) * 1.5", 1.9 * 0.5 - 2.3 * 1.5),
    ("The ceasefire is very good.", "booster: 1.9 + 0.293", 1.9 + 0.293),
    ("The ceasefire is GOOD.", "capitals: 1.9 + 0.733", 1.9 + 0.733),
    ("The ceasefire is good!!!", "punctuation: 1.9 + 3 * 0.292", 1.9 + 3 * 0.292),
]


@pytest.mark.parametrize("text,rule,x", RULES, ids=[r[1].split(":")[0] for r in RULES])
def test_vader_rules_match_hand_formula_and_reference(text, rule, x):
    ours = S.score_text(text)
    reference = REFERENCE.polarity_scores(text)["compound"]
    assert ours == pytest.approx(_norm(x), abs=1e-4), rule
    assert ours == pytest.approx(reference, abs=1e-4), rule


def test_pinned_values():
    # the same numbers written out, so a change in either library shows up plainly
    got = [S.score_text(t) for t, _, _ in RULES]
    assert got == [0.4404, -0.3412, -0.5423, 0.4927, 0.5622, 0.5826]


def test_known_difference_no_rule():
    # "no good": NLTK 3.10 scores "no" as a word of its own (-1.2) and does not negate
    # "good": x = -1.2 + 1.9 = 0.7 -> 0.1779.  vaderSentiment 3.3 (the reference the
    # project follows) sets "no" to 0 and negates the next lexicon word:
    # x = 1.9 * -0.74 -> -0.3412.  The chapter reports how many corpus sentences this
    # kind of difference touches.
    text = "The talks are no good."
    assert S.score_text(text) == pytest.approx(_norm(1.9 * -0.74), abs=1e-4)
    assert REFERENCE.polarity_scores(text)["compound"] == S.score_text(text)
    assert NltkVader().polarity_scores(text)["compound"] == pytest.approx(_norm(-1.2 + 1.9), abs=1e-4)
    diff = S.implementation_differences(pd.DataFrame({"text": [text, "The ceasefire is good."]}))
    assert diff["cause"].tolist() == ['"no" rule']


def test_afinn_normalised_like_vader():
    # AFINN-165: "good" +3, "failed" -2; sum 3 - 2 = 1 -> 1/sqrt(16) = 0.25
    assert S.score_text("The ceasefire is good.", "afinn") == pytest.approx(3 / math.sqrt(24))
    assert S.score_text("The ceasefire is good, but the talks failed.", "afinn") == pytest.approx(0.25)
    assert S.score_text("The delegates met in Doha.", "afinn") == 0.0


def test_score_sentences_keeps_columns_and_labels():
    df = pd.DataFrame(
        {
            "doc_id": ["d"] * 3,
            "sent_index": [0, 1, 2],
            "text": ["The ceasefire is good.", "The talks failed.", "The delegates met in Doha."],
        },
        index=[10, 11, 12],
    )
    out = S.score_sentences(df)
    assert list(out.columns) == ["doc_id", "sent_index", "text", "compound", "label"]
    assert list(out.index) == [10, 11, 12]
    assert out["label"].tolist() == ["positive", "negative", "neutral"]
    assert out["compound"].between(-1, 1).all()
    assert "compound" not in df.columns  # input not modified


def test_score_sentences_rejects_bad_input():
    with pytest.raises(ValueError, match="'text' column"):
        S.score_sentences(pd.DataFrame({"sentence": ["x"]}))
    with pytest.raises(ValueError, match="lexicon must be one of"):
        S.score_sentences(pd.DataFrame({"text": ["x"]}), lexicon="sentiwordnet")
    with pytest.raises(ValueError, match="not a single string"):
        S.score_sentences(pd.DataFrame({"text": ["x"]}), neutralize="war")


def test_thresholds_inclusive_and_validated():
    # VADER README: positive if compound >= 0.05, negative if <= -0.05
    assert S.label_polarity(0.05) == "positive"
    assert S.label_polarity(-0.05) == "negative"
    assert S.label_polarity(0.0499) == "neutral"
    with pytest.raises(ParameterError, match="neg_threshold"):
        S.relabel(pd.DataFrame({"compound": [0.1]}), pos_threshold=0.1, neg_threshold=0.2)


def test_aggregation_three_sentences_by_hand():
    body = "The ceasefire is good. The talks failed. The delegates met in Doha."
    sents, _ = split_body("d", body)
    scored = S.score_sentences(pd.DataFrame(sents))
    # by hand: good 1.9 -> 0.4404; failed -2.3 -> -2.3/sqrt(5.29+15) = -0.5106; no lexicon word -> 0
    assert scored["compound"].tolist() == [0.4404, -0.5106, 0.0]
    row = S.summarize(scored).iloc[0]
    assert row["sentences"] == 3
    assert row["mean"] == pytest.approx((0.4404 - 0.5106 + 0.0) / 3)  # -0.0234
    assert row["median"] == 0.0
    assert row["min"] == -0.5106 and row["max"] == 0.4404
    assert (row["share_negative"], row["share_neutral"], row["share_positive"]) == pytest.approx((1 / 3,) * 3)
    arc = S.rolling_arc(scored, 3)
    # centred window of 3 with edges averaging what exists: (0.4404-0.5106)/2, mean of all three, (-0.5106+0)/2
    assert arc["rolling_mean"].tolist() == pytest.approx([-0.0351, -0.0234, -0.2553])
    assert arc["position"].tolist() == [0.0, 0.5, 1.0]


def test_whole_text_saturates():
    # ten copies of a mildly negative pair (sentence mean (0.4404 - 0.5106)/2 = -0.0351)
    body = " ".join(["The ceasefire is good. The talks failed."] * 10)
    # whole text: x = 10 * (1.9 - 2.3) = -4.0 -> -4/sqrt(31) = -0.7184, twenty times the mean
    assert S.whole_text_compound(body) == pytest.approx(_norm(-4.0), abs=1e-4)
    assert S.raw_sum(S.normalize(-4.0)) == pytest.approx(-4.0)


def test_cohen_kappa_by_hand():
    # 2 x 2: n = 50; p_o = (20 + 15) / 50 = 0.70
    # row shares 25/50, 25/50; column shares 30/50, 20/50
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50;  kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    assert S.cohen_kappa([[20, 5], [10, 15]]) == pytest.approx(0.40)
    # 3 x 3: n = 12; p_o = (4 + 2 + 2) / 12 = 96/144
    # row = column margins 5, 4, 3 -> p_e = (25 + 16 + 9) / 144 = 50/144
    # kappa = (96 - 50) / (144 - 50) = 46/94 = 0.48936
    assert S.cohen_kappa([[4, 1, 0], [1, 2, 1], [0, 1, 2]]) == pytest.approx(46 / 94)
    assert S.cohen_kappa([[3, 0], [0, 2]]) == 1.0
    with pytest.raises(ValueError, match="square"):
        S.cohen_kappa([[1, 2, 3]])


def test_confusion_table_from_labels():
    a = pd.Series(["positive", "negative", "negative", "neutral"], name="VADER")
    b = pd.Series(["positive", "negative", "neutral", "neutral"], name="AFINN")
    table = S.confusion_table(a, b)
    assert list(table.index) == list(S.LABELS) and list(table.columns) == list(S.LABELS)
    assert table.loc["negative", "neutral"] == 1 and table.loc["positive", "positive"] == 1
    assert int(table.to_numpy().sum()) == 4
    # p_o = 3/4; margins rows (2,1,1)/4, columns (1,2,1)/4 -> p_e = (2+2+1)/16 = 5/16
    # kappa = (12/16 - 5/16) / (11/16) = 7/11
    assert S.cohen_kappa(table) == pytest.approx(7 / 11)


NEUTRALISE_TEXTS = [
    "The war killed many people.",  # war (-2.9), killed
    "The ceasefire is good.",  # no term
    "War returned to the border.",  # War, capitalised
    "The warning came too late.",  # 'warning' is not 'war'
    "Security forces killed two militants.",  # killed, not war
    "The war's end was welcome.",  # "war's" is another word for VADER and for the tokenizer
]


# which of NEUTRALISE_TEXTS contain "war" as each scorer reads words (worked out by hand):
# AFINN matches between regex word boundaries, so "war's" holds "war"; VADER reads "war's" whole.
CONTAINS_WAR = {
    "vader": [True, False, True, False, False, False],
    "afinn": [True, False, True, False, False, True],
}


@pytest.mark.parametrize("lexicon", ["vader", "afinn"])
def test_neutralising_changes_exactly_the_sentences_with_the_term(lexicon):
    df = pd.DataFrame({"text": NEUTRALISE_TEXTS})
    before = S.score_sentences(df, lexicon)["compound"]
    after = S.score_sentences(df, lexicon, neutralize=["war"])["compound"]
    changed = (before - after).abs() > 1e-9
    assert changed.tolist() == CONTAINS_WAR[lexicon]
    assert changed.tolist() == S.contains_terms(df["text"], ["war"], lexicon).tolist()
    # the shared lexicon is untouched: plain scoring and a new NLTK analyzer still know "war"
    assert S.score_sentences(df, lexicon)["compound"].tolist() == before.tolist()
    assert "war" in NltkVader().lexicon and "war" in S.vader_lexicon()


def test_neutralising_a_word_missing_from_the_lexicon_changes_nothing():
    df = pd.DataFrame({"text": NEUTRALISE_TEXTS})
    before = S.score_sentences(df)["compound"]
    after = S.score_sentences(df, neutralize=["militants", "Taliban"])["compound"]
    assert after.tolist() == before.tolist()


def test_topic_negativity_by_hand():
    df = sentences(["The talks failed.", "The war continued."])
    sents, docs = S.topic_negativity(df, ["war"])
    # failed -> -0.5106; war -2.9 -> -2.9/sqrt(8.41+15) = -0.5994; neutralised war -> 0
    assert sents["compound"].tolist() == [-0.5106, -0.5994]
    assert sents["compound_neutralized"].tolist() == [-0.5106, 0.0]
    assert sents["has_term"].tolist() == sents["changed"].tolist() == [False, True]
    row = docs.iloc[0]
    assert row["negativity"] == pytest.approx(1.11)
    assert row["topic_share"] == pytest.approx(0.5994 / 1.11)
    assert row["share_negative"] == 1.0 and row["share_negative_neutralized"] == 0.5


def test_term_table_marks_terms_missing_from_vader():
    df = pd.DataFrame({"text": ["The war and the war.", "Taliban militants met."]})
    table = S.term_table(df, ["war", "militants", "security"]).set_index("term")
    assert table.loc["war", "vader_valence"] == -2.9 and table.loc["war", "occurrences"] == 2
    assert table.loc["war", "sentences"] == 1
    assert not table.loc["militants", "in_vader"]
    assert table.loc["security", "vader_valence"] == 1.4 and table.loc["security", "occurrences"] == 0


def test_extremes_and_parameter_errors():
    df = pd.DataFrame(
        {
            "doc_id": ["a"] * 4,
            "sent_index": range(4),
            "compound": [0.5, -0.2, 0.9, -0.7],
            "text": list("wxyz"),
        }
    )
    top = S.extremes(df, 1)
    assert top[["direction", "sent_index"]].values.tolist() == [["most negative", 3], ["most positive", 2]]
    assert len(S.extremes(df, 5)) == 4  # only two sentences on each side of zero
    with pytest.raises(ParameterError, match="top_k"):
        S.extremes(df, 0)
    with pytest.raises(ParameterError, match="rolling_window"):
        S.rolling_arc(df, 0)


def test_with_group_validates_field():
    docs = pd.DataFrame({"id": ["a"], "genre": ["news column"], "n_tokens": [3], "body": ["x"]})
    scored = pd.DataFrame({"doc_id": ["a"], "compound": [0.1]})
    assert S.with_group(scored, docs, "genre")["group"].tolist() == ["news column"]
    with pytest.raises(ParameterError, match="group_field must be"):
        S.with_group(scored, docs, "colour")
