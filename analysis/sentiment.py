"""Sentence-level sentiment with two lexicons, and the limits of both.

The unit is the **sentence**.  VADER's compound score squashes the sum of
word valences ``x`` into ``x / sqrt(x**2 + alpha)`` with ``alpha = 15``
(Hutto & Gilbert 2014; ``VaderConstants.normalize`` in NLTK).  A whole
article sums dozens of valences, so its compound runs to ±1 whatever the
balance of tone; scoring sentences and then aggregating (mean, median,
distribution) keeps the scale meaningful.

Two lexicons are offered:

``"vader"``
    VADER as shipped with NLTK (``nltk.sentiment.vader``), with the lexicon
    installed offline by :mod:`analysis.nltk_setup` (never ``nltk.download``).
``"afinn"``
    AFINN-165 (Nielsen 2011), the word list shipped with the ``afinn``
    package.  Its raw score is an integer sum of word scores (−5…+5 each);
    it is put on VADER's scale with the *same* normalisation
    ``x / sqrt(x**2 + 15)``.  That keeps the sign and the ordering; and as
    any non-zero AFINN sum has ``|x| >= 1``, its normalised value is at
    least ``1/sqrt(16) = 0.25`` in size, so with the ±0.05 thresholds the
    AFINN label is simply the sign of the sum.

``score_sentences`` is the public entry point (other chapters import it);
the rest builds the chapter's tables.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

#: VADER's class thresholds on the compound score: positive if compound >= 0.05,
#: negative if compound <= -0.05, neutral in between.  Source: the reference
#: implementation's documentation by C.J. Hutto (github.com/cjhutto/vaderSentiment,
#: README, "About the scoring"), the tool of Hutto & Gilbert (2014, ICWSM).
POS_THRESHOLD = 0.05
NEG_THRESHOLD = -0.05

#: Normalisation constant of the compound score, x / sqrt(x^2 + alpha):
#: Hutto & Gilbert (2014); ``VaderConstants.normalize(score, alpha=15)`` in NLTK.
VADER_ALPHA = 15

#: Lexicons :func:`score_sentences` accepts.
LEXICONS = ("vader", "afinn")

#: Polarity labels in display order.
LABELS = ("negative", "neutral", "positive")


# -- analyzers ---------------------------------------------------------------

def _clean_terms(neutralize: Iterable[str]) -> frozenset[str]:
    if isinstance(neutralize, str):
        raise ValueError(
            "neutralize expects a list of terms, not a single string "
            f"({neutralize!r}); write [{neutralize!r}]")
    terms = frozenset(str(t).strip().lower() for t in neutralize if str(t).strip())
    return terms


@lru_cache(maxsize=8)
def _vader(neutralize: frozenset[str] = frozenset()):
    """A VADER analyzer whose own lexicon copy lacks the ``neutralize`` terms.

    Every analyzer instance builds its own ``lexicon`` dict, so removing
    entries from it leaves other instances (and NLTK's file) untouched.
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    if neutralize:
        analyzer.lexicon = {w: v for w, v in analyzer.lexicon.items() if w not in neutralize}
    return analyzer


@lru_cache(maxsize=8)
def _afinn(neutralize: frozenset[str] = frozenset()):
    """An AFINN scorer (AFINN-165) whose own word dict lacks the ``neutralize`` terms."""
    from afinn import Afinn

    scorer = Afinn(language="en")
    if neutralize:
        # Rebuild this instance's dict and pattern; the word file is not touched.
        scorer._dict = {w: v for w, v in scorer._dict.items() if w not in neutralize}
        scorer._setup_pattern_from_dict(word_boundary=True)
    return scorer


def vader_lexicon() -> dict[str, float]:
    """A copy of the VADER lexicon (word -> mean valence, −4…+4)."""
    return dict(_vader().lexicon)


def afinn_lexicon() -> dict[str, int]:
    """A copy of the AFINN-165 word list (word or phrase -> score, −5…+5)."""
    return dict(_afinn()._dict)


def normalize(x: float, alpha: float = VADER_ALPHA) -> float:
    """VADER's squashing function ``x / sqrt(x**2 + alpha)``, into (−1, 1).

    Examples
    --------
    >>> normalize(0.0)
    0.0
    >>> round(normalize(1.0), 4)   # 1 / sqrt(16)
    0.25
    >>> round(normalize(30.0), 3)  # a long text's sum: close to 1 regardless of balance
    0.992
    """
    return x / math.sqrt(x * x + alpha)


def label_polarity(compound, pos_threshold: float = POS_THRESHOLD,
                   neg_threshold: float = NEG_THRESHOLD):
    """Polarity class of compound score(s): "positive", "neutral" or "negative".

    Parameters
    ----------
    compound : float or Series
        Compound score(s) in [−1, 1].
    pos_threshold, neg_threshold : float
        Class limits, inclusive (VADER's ±0.05 by default, see
        :data:`POS_THRESHOLD`).

    Examples
    --------
    >>> label_polarity(0.05), label_polarity(0.0), label_polarity(-0.3)
    ('positive', 'neutral', 'negative')
    """
    if not neg_threshold < pos_threshold:
        raise ValueError(
            f"neg_threshold ({neg_threshold}) must be smaller than pos_threshold ({pos_threshold})")
    if not (-1 <= neg_threshold <= 1 and -1 <= pos_threshold <= 1):
        raise ValueError("pos_threshold and neg_threshold must lie in [-1, 1]")
    if isinstance(compound, pd.Series):
        out = np.where(compound >= pos_threshold, "positive",
                       np.where(compound <= neg_threshold, "negative", "neutral"))
        return pd.Series(out, index=compound.index, name="label")
    if compound >= pos_threshold:
        return "positive"
    if compound <= neg_threshold:
        return "negative"
    return "neutral"


def score_text(text: str, lexicon: str = "vader", neutralize: Iterable[str] = ()) -> float:
    """Compound score of one sentence in [−1, 1] (see :func:`score_sentences`).

    Examples
    --------
    >>> score_text("The talks were a success.")
    0.5719
    >>> round(score_text("The talks were a success.", lexicon="afinn"), 4)  # "success" +2
    0.4588
    """
    terms = _clean_terms(neutralize)
    if lexicon == "vader":
        return float(_vader(terms).polarity_scores(text)["compound"])
    if lexicon == "afinn":
        return normalize(float(_afinn(terms).score(text)))
    raise ValueError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")


def score_sentences(sentences: pd.DataFrame, lexicon: str = "vader",
                    neutralize: Iterable[str] = ()) -> pd.DataFrame:
    """Score each sentence with a sentiment lexicon.

    Parameters
    ----------
    sentences : DataFrame
        Must have a ``text`` column (e.g. ``load_corpus().sentences``).
    lexicon : {"vader", "afinn"}
        ``"vader"``: NLTK's VADER compound score.  ``"afinn"``: the AFINN-165
        sum of word scores, normalised like VADER's compound,
        ``x / sqrt(x**2 + 15)`` (see the module docstring).
    neutralize : iterable of str
        Lexicon entries (case-insensitive, exact entries such as ``"war"``)
        to score as zero, e.g. conflict vocabulary whose negativity is the
        topic rather than the writer's stance.  Only a private copy of the
        lexicon is changed.

    Returns
    -------
    DataFrame
        The input columns plus ``compound`` (float in [−1, 1]) and ``label``
        (``"positive"``/``"neutral"``/``"negative"`` with VADER's ±0.05
        thresholds, :data:`POS_THRESHOLD`, :data:`NEG_THRESHOLD`).

    Examples
    --------
    >>> df = pd.DataFrame({"text": ["The attack killed ten people.", "Peace talks resumed."]})
    >>> score_sentences(df)[["compound", "label"]].values.tolist()
    [[-0.8225, 'negative'], [0.5423, 'positive']]
    >>> score_sentences(df, neutralize=["attack", "killed"])["label"].tolist()
    ['neutral', 'positive']
    """
    if not isinstance(sentences, pd.DataFrame) or "text" not in sentences.columns:
        raise ValueError("sentences must be a DataFrame with a 'text' column")
    if lexicon not in LEXICONS:
        raise ValueError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")
    terms = _clean_terms(neutralize)
    out = sentences.copy()
    out["compound"] = [score_text(t, lexicon, terms) for t in out["text"].astype(str)]
    out["compound"] = out["compound"].astype(float)
    out["label"] = label_polarity(out["compound"])
    return out
