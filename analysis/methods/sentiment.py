"""Sentence-level sentiment with two lexicons, and the limits of both.

The unit is the **sentence**.  VADER's compound score squashes the sum of
word valences ``x`` into ``x / sqrt(x**2 + alpha)`` with ``alpha = 15``
(Hutto & Gilbert 2014; ``VaderConstants.normalize`` in NLTK).  A whole
article sums dozens of valences, so its compound runs to ±1 whatever the
balance of tone; scoring sentences and then aggregating (mean, median,
distribution) keeps the scale meaningful.

Two lexicons are offered:

``"vader"``
    VADER as its authors implement it (``vaderSentiment`` 3.3.2, the
    reference; why not NLTK's port: :class:`VaderScorer`), scored by the
    project's :class:`VaderScorer`, which gives the reference's compound,
    pos, neu and neg to the last digit several times faster.
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
import string
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.corpus.text import tokenize
from analysis.errors import ParameterError

#: VADER's class thresholds on the compound score: positive if compound >= 0.05,
#: negative if compound <= -0.05, neutral in between.  Source: the reference
#: implementation's documentation by C.J. Hutto (github.com/cjhutto/vaderSentiment,
#: README, "About the scoring"), the tool of Hutto & Gilbert (2014, ICWSM).
POS_THRESHOLD = 0.05
NEG_THRESHOLD = -0.05

#: Normalisation constant of the compound score, x / sqrt(x^2 + alpha):
#: Hutto & Gilbert (2014); ``VaderConstants.normalize(score, alpha=15)`` in NLTK.
VADER_ALPHA = 15

#: Published validity of VADER on news-like text: Hutto & Gilbert (2014, ICWSM),
#: Table 4, New York Times opinion editorials (5,190 sentence-level snippets rated by
#: humans): correlation with the mean human rating and F1 of the 3-class polarity.
#: "individual human" is how well a single rater matches the others' mean.
PUBLISHED_VALIDITY = [
    {
        "source": "Hutto & Gilbert (2014), Table 4",
        "text": "NYT opinion editorials",
        "scorer": "VADER",
        "r": 0.492,
        "f1": 0.55,
    },
    {
        "source": "Hutto & Gilbert (2014), Table 4",
        "text": "NYT opinion editorials",
        "scorer": "individual human raters",
        "r": 0.745,
        "f1": 0.65,
    },
]

#: Lexicons :func:`score_sentences` accepts.
LEXICONS = ("vader", "afinn")

#: Polarity labels in display order.
LABELS = ("negative", "neutral", "positive")


# -- parameters ----------------------------------------------------------------


def check_parameters(
    lexicon: str = "vader",
    pos_threshold: float = POS_THRESHOLD,
    neg_threshold: float = NEG_THRESHOLD,
    rolling_window: int = 1,
    top_k: int = 1,
) -> None:
    """Reject bad chapter parameters before any work is done.

    Raises
    ------
    ParameterError
        Naming the parameter and what it expects.

    Examples
    --------
    >>> check_parameters(rolling_window=0)
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: rolling_window must be a whole number of sentences >= 1, got 0
    """
    if lexicon not in LEXICONS:
        raise ParameterError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")
    for name, value in (("pos_threshold", pos_threshold), ("neg_threshold", neg_threshold)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -1 <= value <= 1:
            raise ParameterError(f"{name} must be a number in [-1, 1], got {value!r}")
    if not neg_threshold < pos_threshold:
        raise ParameterError(
            f"neg_threshold ({neg_threshold}) must be smaller than pos_threshold ({pos_threshold})"
        )
    _check_whole("rolling_window", rolling_window, "a whole number of sentences >= 1")
    _check_whole("top_k", top_k, "a whole number >= 1")


def _check_whole(name: str, value, expected: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ParameterError(f"{name} must be {expected}, got {value!r}")


# -- analyzers ---------------------------------------------------------------


def _clean_terms(neutralize: Iterable[str]) -> frozenset[str]:
    if isinstance(neutralize, str):
        raise ValueError(
            "neutralize expects a list of terms, not a single string "
            f"({neutralize!r}); write [{neutralize!r}]"
        )
    terms = frozenset(str(t).strip().lower() for t in neutralize if str(t).strip())
    return terms


# -- the scorer: vaderSentiment 3.3.2, rule for rule, with its tables built once ------------


class VaderScorer:
    """VADER as its authors' ``vaderSentiment`` 3.3.2 scores it, identical to the last digit.

    Why vaderSentiment and not NLTK's port is the reference
    ------------------------------------------------------
    ``vaderSentiment`` is the implementation of VADER's authors (C.J. Hutto,
    github.com/cjhutto/vaderSentiment), the tool of Hutto & Gilbert (2014).
    NLTK 3.10 carries a port of an older version that differs on purpose or
    by accident in a few rules, and three of them are defects rather than
    choices: (1) a word that occurs twice is scored with the modifiers of
    its *first* occurrence (``first_index``), so the second "good" of
    "not good ... good" is negated too; (2) one-letter words ("a", "I") are
    dropped before scoring, which changes the neutral share and the
    three-word window of boosters and negations; (3) punctuation is stripped
    from a word only when one mark (or one run such as "!!!") sits at one
    end of it, so "'peace'," is not found in the lexicon.
    vaderSentiment 3.3 also reads "no" before a lexicon word as a negation
    of it (NLTK: a negative word of its own).  Both read the same lexicon
    file (7,506 entries).  :func:`implementation_differences` lists the
    sentences on which the two disagree, with the rule responsible.

    How it is fast and still identical
    ----------------------------------
    The reference rebuilds a lower-cased copy of the sentence for every
    lexicon word and every rule, and copies the text character by
    character to replace emoji.  Here everything that depends only on a
    word (stripped form, lower case, ALL CAPS, booster, negation, lexicon
    membership) is computed once per distinct word and cached; emoji are
    replaced only in non-ASCII text that holds one; the rules run only at
    lexicon words, in the reference's order and with its arithmetic, so the
    floating-point results are the same; and the "but" rule replays the
    reference's list algorithm (which finds a score by *value*, a quirk that
    matters when two words score alike) on the non-zero scores only.
    ``tests/test_sentiment_identity.py`` compares every score with the
    reference; ``make bench`` does so on all seed sentences and 100 k
    synthetic ones.

    Parameters
    ----------
    neutralize : frozenset of str
        Lexicon entries removed from this scorer's own lexicon copy.
    """

    def __init__(self, neutralize: frozenset[str] = frozenset()):
        from vaderSentiment import vaderSentiment as ref

        analyzer = ref.SentimentIntensityAnalyzer()  # reads the two files of the wheel once
        self.lexicon = {w: v for w, v in analyzer.lexicon.items() if w not in neutralize}
        # the reference tests ``chr in emojis`` one character at a time: only one-character keys match
        self.emojis = {k: v for k, v in analyzer.emojis.items() if len(k) == 1}
        self._emoji_chars = frozenset(self.emojis)
        self.booster = dict(ref.BOOSTER_DICT)
        self.negate = frozenset(ref.NEGATE)
        self.special = dict(ref.SPECIAL_CASES)
        # last words of the multi-word special cases and boosters ("the bomb", "kind of")
        self._idiom_last = frozenset(k.split()[-1] for k in (*self.special, *self.booster) if " " in k)
        self.n_scalar = ref.N_SCALAR
        self.c_incr = ref.C_INCR
        self._punc = string.punctuation
        self._words: dict[str, tuple] = {}

    # word-level facts, once per distinct white-space token
    def _word(self, token: str) -> tuple:
        stripped = token.strip(self._punc)
        word = token if len(stripped) <= 2 else stripped
        lower = word.lower()
        booster, in_lexicon = lower in self.booster, lower in self.lexicon
        info = (
            word,
            lower,
            word.isupper(),
            booster,
            in_lexicon,
            lower in self.negate or "n't" in lower,
            in_lexicon and not booster,  # scored by sentiment_valence
        )
        if len(self._words) > 2_000_000:  # bound the cache on huge vocabularies
            self._words.clear()
        self._words[token] = info
        return info

    def _replace_emojis(self, text: str) -> str:
        # the reference's loop, verbatim in effect
        out, prev_space = [], True
        for ch in text:
            if ch in self.emojis:
                if not prev_space:
                    out.append(" ")
                out.append(self.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    def words(self, text: str) -> list[str]:
        """The words the scorer reads in ``text`` (original case)."""
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            text = self._replace_emojis(text)
        get = self._words.get
        return [(get(t) or self._word(t))[0] for t in text.split()]

    def _scalar(self, info: tuple, valence: float, cap_diff: bool) -> float:
        scalar = 0.0
        if info[3]:
            scalar = self.booster[info[1]]
            if valence < 0:
                scalar *= -1
            if info[2] and cap_diff:
                if valence > 0:
                    scalar += self.c_incr
                else:
                    scalar -= self.c_incr
        return scalar

    def _idioms(self, valence: float, lw: list[str], i: int) -> float:
        special, booster = self.special, self.booster
        onezero = f"{lw[i - 1]} {lw[i]}"
        twoonezero = f"{lw[i - 2]} {lw[i - 1]} {lw[i]}"
        twoone = f"{lw[i - 2]} {lw[i - 1]}"
        threetwoone = f"{lw[i - 3]} {lw[i - 2]} {lw[i - 1]}"
        threetwo = f"{lw[i - 3]} {lw[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if len(lw) - 1 > i:
            zeroone = f"{lw[i]} {lw[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if len(lw) - 1 > i + 1:
            zeroonetwo = f"{lw[i]} {lw[i + 1]} {lw[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in booster:
                valence = valence + booster[n_gram]
        return valence

    def _valence(self, infos: list[tuple], lw: list[str], i: int, cap_diff: bool) -> float:
        """The reference's ``sentiment_valence`` for the lexicon word at ``i``."""
        lex, n_scalar = self.lexicon, self.n_scalar
        info = infos[i]
        lower = info[1]
        n = len(lw)
        valence = lex[lower]
        if lower == "no" and i != n - 1 and infos[i + 1][4]:
            valence = 0.0
        if (
            (i > 0 and lw[i - 1] == "no")
            or (i > 1 and lw[i - 2] == "no")
            or (i > 2 and lw[i - 3] == "no" and lw[i - 1] in ("or", "nor"))
        ):
            valence = lex[lower] * n_scalar
        if info[2] and cap_diff:
            if valence > 0:
                valence += self.c_incr
            else:
                valence -= self.c_incr
        for start_i in range(3):
            if i > start_i and not infos[i - (start_i + 1)][4]:
                s = self._scalar(infos[i - (start_i + 1)], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                # _negation_check
                if start_i == 0:
                    if infos[i - 1][5]:
                        valence = valence * n_scalar
                elif start_i == 1:
                    if lw[i - 2] == "never" and (lw[i - 1] == "so" or lw[i - 1] == "this"):
                        valence = valence * 1.25
                    elif lw[i - 2] == "without" and lw[i - 1] == "doubt":
                        pass
                    elif infos[i - 2][5]:
                        valence = valence * n_scalar
                else:
                    if (
                        lw[i - 3] == "never"
                        and (lw[i - 2] == "so" or lw[i - 2] == "this")
                        or (lw[i - 1] == "so" or lw[i - 1] == "this")
                    ):
                        valence = valence * 1.25
                    elif lw[i - 3] == "without" and (lw[i - 2] == "doubt" or lw[i - 1] == "doubt"):
                        pass
                    elif infos[i - 3][5]:
                        valence = valence * n_scalar
                    # the idiom rules can only fire if a word around i ends a multi-word entry
                    last = self._idiom_last
                    if (
                        lw[i] in last
                        or lw[i - 1] in last
                        or lw[i - 2] in last
                        or (i + 1 < len(lw) and lw[i + 1] in last)
                        or (i + 2 < len(lw) and lw[i + 2] in last)
                    ):
                        valence = self._idioms(valence, lw, i)
        # _least_check
        if i > 1 and not infos[i - 1][4] and lw[i - 1] == "least":
            if lw[i - 2] != "at" and lw[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and not infos[i - 1][4] and lw[i - 1] == "least":
            valence = valence * n_scalar
        return valence

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """``(neg, neu, pos, compound)`` of one text, rounded as the reference rounds them."""
        if not text.isascii() and not self._emoji_chars.isdisjoint(text):
            text = self._replace_emojis(text)
        get, word = self._words.get, self._word
        infos = [get(t) or word(t) for t in text.split()]
        n = len(infos)
        if not n:
            return 0.0, 0.0, 0.0, 0.0
        scored = [i for i, x in enumerate(infos) if x[6]]
        if not scored:
            # every word neutral: the reference's formulas give exactly this
            return 0.0, 1.0, 0.0, 0.0
        upper = sum([x[2] for x in infos])
        cap_diff = 0 < n - upper < n
        lw = [x[1] for x in infos]
        positions, values = [], []
        for i in scored:
            if lw[i] == "kind" and i < n - 1 and lw[i + 1] == "of":
                continue
            valence = self._valence(infos, lw, i, cap_diff)
            if valence != 0:
                positions.append(i)
                values.append(valence)
        if values and "but" in lw:
            # _but_check: the reference finds each score's position by value
            bi = lw.index("but")
            for sentiment in list(values):
                si = values.index(sentiment)
                if positions[si] < bi:
                    values[si] = sentiment * 0.5
                elif positions[si] > bi:
                    values[si] = sentiment * 1.5
        # score_valence
        sum_s = float(sum(values))
        ep = text.count("!")
        if ep > 4:
            ep = 4
        qm = text.count("?")
        amp = ep * 0.292 + ((qm * 0.18 if qm <= 3 else 0.96) if qm > 1 else 0)
        if sum_s > 0:
            sum_s += amp
        elif sum_s < 0:
            sum_s -= amp
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0
        pos_sum = neg_sum = 0.0
        for v in values:
            if v > 0:
                pos_sum += float(v) + 1
            else:
                neg_sum += float(v) - 1
        neu_count = n - len(values)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amp
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amp
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return (
            round(math.fabs(neg_sum / total), 3),
            round(math.fabs(neu_count / total), 3),
            round(math.fabs(pos_sum / total), 3),
            round(compound, 4),
        )

    def score_many(self, texts: Iterable[str]) -> np.ndarray:
        """``(n, 4)`` array of ``neg, neu, pos, compound``, one row per text.

        Every text is scored, repeated ones too: the speed measured by
        ``make bench`` on corpora of shuffled seed sentences is then the
        speed per sentence, not a cache's.
        """
        scores = self.scores
        rows = [scores(t) for t in texts]
        return np.array(rows, dtype=float).reshape(len(rows), 4)


@lru_cache(maxsize=8)
def _scorer(neutralize: frozenset[str] = frozenset()) -> VaderScorer:
    """The project's VADER scorer, one per set of neutralised terms."""
    return VaderScorer(neutralize)


@lru_cache(maxsize=1)
def _nltk_vader():
    """NLTK's port of VADER (only to show where it differs from the reference)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


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
    return dict(_scorer().lexicon)


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


def label_polarity(compound, pos_threshold: float = POS_THRESHOLD, neg_threshold: float = NEG_THRESHOLD):
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
            f"neg_threshold ({neg_threshold}) must be smaller than pos_threshold ({pos_threshold})"
        )
    if not (-1 <= neg_threshold <= 1 and -1 <= pos_threshold <= 1):
        raise ValueError("pos_threshold and neg_threshold must lie in [-1, 1]")
    if isinstance(compound, pd.Series):
        out = np.where(
            compound >= pos_threshold, "positive", np.where(compound <= neg_threshold, "negative", "neutral")
        )
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
        return float(_scorer(terms).scores(text)[3])
    if lexicon == "afinn":
        return normalize(float(_afinn(terms).score(text)))
    raise ValueError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")


def score_sentences(
    sentences: pd.DataFrame, lexicon: str = "vader", neutralize: Iterable[str] = ()
) -> pd.DataFrame:
    """Score each sentence with a sentiment lexicon.

    Parameters
    ----------
    sentences : DataFrame
        Must have a ``text`` column (e.g. ``load_corpus().sentences``).
    lexicon : {"vader", "afinn"}
        ``"vader"``: VADER's compound score as vaderSentiment 3.3.2 computes
        it (:class:`VaderScorer`, identical scores, several times faster).  ``"afinn"``: the AFINN-165
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
    if lexicon == "vader":
        out["compound"] = _scorer(terms).score_many(out["text"].astype(str).tolist())[:, 3]
    else:
        out["compound"] = [score_text(t, lexicon, terms) for t in out["text"].astype(str)]
    out["compound"] = out["compound"].astype(float)
    out["label"] = label_polarity(out["compound"])
    return out


# -- aggregation ---------------------------------------------------------------


def _require(df: pd.DataFrame, columns: Iterable[str], what: str = "scored") -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} table lacks column(s) {', '.join(missing)}")


def relabel(
    scored: pd.DataFrame, pos_threshold: float = POS_THRESHOLD, neg_threshold: float = NEG_THRESHOLD
) -> pd.DataFrame:
    """Copy of ``scored`` with ``label`` recomputed from ``compound`` with other thresholds.

    Raises
    ------
    ParameterError
        If ``neg_threshold >= pos_threshold`` or either lies outside [−1, 1].
    """
    _require(scored, ["compound"])
    try:
        labels = label_polarity(scored["compound"], pos_threshold, neg_threshold)
    except ValueError as err:
        raise ParameterError(f"pos_threshold/neg_threshold: {err}") from None
    return scored.assign(label=labels)


def summarize(scored: pd.DataFrame, by: str = "doc_id") -> pd.DataFrame:
    """Per-group distribution of sentence compounds and shares of each label.

    Columns: ``by, sentences, mean, median, std, q25, q75, min, max,
    share_negative, share_neutral, share_positive``.  ``std`` is the sample
    standard deviation (NaN for one sentence).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "a", "a"], "compound": [-0.5, 0.0, 0.8],
    ...                    "label": ["negative", "neutral", "positive"]})
    >>> row = summarize(df).iloc[0]
    >>> round(float(row["mean"]), 4), float(row["median"]), round(float(row["share_positive"]), 4)
    (0.1, 0.0, 0.3333)
    """
    _require(scored, [by, "compound", "label"])
    grouped = scored.groupby(by, sort=False)
    out = grouped["compound"].agg(
        sentences="size",
        mean="mean",
        median="median",
        std="std",
        q25=lambda s: s.quantile(0.25),
        q75=lambda s: s.quantile(0.75),
        min="min",
        max="max",
    )
    shares = (
        pd.crosstab(scored[by], scored["label"], normalize="index")
        .reindex(columns=list(LABELS), fill_value=0.0)
        .add_prefix("share_")
    )
    out = out.join(shares).reset_index()
    out.columns.name = None
    return out


def rolling_arc(scored: pd.DataFrame, rolling_window: int) -> pd.DataFrame:
    """Sentiment arc: each document's sentences in order with a rolling mean.

    The mean is centred and uses the sentences available at the edges
    (``min_periods=1``), so the first and last points average fewer
    sentences.  ``position`` is the sentence's place in its document
    scaled to 0…1, so documents of different lengths can share an axis.

    Parameters
    ----------
    scored : DataFrame
        Output of :func:`score_sentences` (needs ``doc_id, sent_index, compound``).
    rolling_window : int
        Number of sentences averaged (>= 1; 1 means no smoothing).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a"] * 3, "sent_index": [0, 1, 2],
    ...                    "compound": [0.3, 0.0, -0.6]})
    >>> rolling_arc(df, 3)["rolling_mean"].round(4).tolist()
    [0.15, -0.1, -0.3]
    """
    _check_whole("rolling_window", rolling_window, "a whole number of sentences >= 1")
    _require(scored, ["doc_id", "sent_index", "compound"])
    out = scored.sort_values(["doc_id", "sent_index"]).copy()
    out["rolling_mean"] = out.groupby("doc_id", sort=False)["compound"].transform(
        lambda s: s.rolling(rolling_window, center=True, min_periods=1).mean()
    )
    n = out.groupby("doc_id", sort=False)["sent_index"].transform("count")
    rank = out.groupby("doc_id", sort=False).cumcount()
    out["position"] = np.where(n > 1, rank / (n - 1).clip(lower=1), 0.0)
    return out


def extremes(scored: pd.DataFrame, top_k: int) -> pd.DataFrame:
    """The ``top_k`` most positive and most negative sentences of each document.

    Only sentences on the right side of zero qualify (a document with two
    negative sentences has no "most positive" ones).  Columns:
    ``doc_id, direction, rank, sent_index, compound, text``.
    """
    _check_whole("top_k", top_k, "a whole number >= 1")
    _require(scored, ["doc_id", "sent_index", "compound", "text"])
    parts = []
    for direction, sign in (("most positive", 1), ("most negative", -1)):
        side = scored[scored["compound"] * sign > 0].copy()
        side["key"] = side["compound"] * sign
        side = (
            side.sort_values(["doc_id", "key", "sent_index"], ascending=[True, False, True])
            .groupby("doc_id", sort=False)
            .head(top_k)
        )
        side["direction"] = direction
        side["rank"] = side.groupby("doc_id").cumcount() + 1
        parts.append(side)
    out = pd.concat(parts, ignore_index=True)
    order = {d: i for i, d in enumerate(scored["doc_id"].drop_duplicates())}
    out = out.sort_values(
        ["doc_id", "direction", "rank"], key=lambda c: c.map(order) if c.name == "doc_id" else c
    )
    return out[["doc_id", "direction", "rank", "sent_index", "compound", "text"]].reset_index(drop=True)


# -- agreement between lexicons ----------------------------------------------------


def confusion_table(a: pd.Series, b: pd.Series, labels: Iterable[str] = LABELS) -> pd.DataFrame:
    """Counts of (label in ``a``, label in ``b``) pairs; rows ``a``, columns ``b``.

    All ``labels`` appear as rows and columns, also when a count is zero.
    """
    labels = list(labels)
    a = pd.Series(a).reset_index(drop=True)
    b = pd.Series(b).reset_index(drop=True)
    if len(a) != len(b):
        raise ValueError(f"the two label series differ in length ({len(a)} and {len(b)})")
    table = pd.crosstab(
        pd.Categorical(a, categories=labels), pd.Categorical(b, categories=labels), dropna=False
    )
    table.index = pd.Index(labels, name=a.name or "a")
    table.columns = pd.Index(labels, name=b.name or "b")
    return table


def cohen_kappa(table) -> float:
    """Cohen's kappa from a square confusion table (rows: rater 1, columns: rater 2).

    ``kappa = (p_o - p_e) / (1 - p_e)``, where ``p_o`` is the share of
    items on the diagonal and ``p_e = sum_k (row_k / n) * (col_k / n)`` the
    agreement expected by chance from the two raters' marginal shares
    (Cohen 1960).  Implemented here, in a few tested lines, rather than
    adding scikit-learn to the environment for one function.

    Returns NaN when ``p_e == 1`` (both raters use a single, same class).

    Examples
    --------
    >>> cohen_kappa([[20, 5], [10, 15]])   # p_o = 0.7, p_e = 0.5
    0.4
    """
    m = np.asarray(table, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise ValueError(f"a confusion table must be square, got shape {m.shape}")
    n = m.sum()
    if n <= 0:
        raise ValueError("the confusion table is empty")
    p_o = np.trace(m) / n
    p_e = float((m.sum(axis=1) / n) @ (m.sum(axis=0) / n))
    if np.isclose(p_e, 1.0):
        return float("nan")
    return round(float((p_o - p_e) / (1 - p_e)), 12)


def lexicon_agreement(
    sentences: pd.DataFrame, pos_threshold: float = POS_THRESHOLD, neg_threshold: float = NEG_THRESHOLD
) -> dict:
    """Compare VADER and AFINN on the same sentences.

    Returns
    -------
    dict
        ``scores``: the sentences with ``vader``, ``afinn`` (compounds) and
        ``vader_label``, ``afinn_label``; ``confusion``: the confusion
        table (rows VADER, columns AFINN); ``kappa``: Cohen's kappa;
        ``agreement``: share of sentences with the same label;
        ``pearson`` and ``spearman``: correlations of the compounds.
    """
    v = score_sentences(sentences, "vader")["compound"]
    a = score_sentences(sentences, "afinn")["compound"]
    scores = sentences.assign(vader=v.values, afinn=a.values)
    scores["vader_label"] = label_polarity(scores["vader"], pos_threshold, neg_threshold)
    scores["afinn_label"] = label_polarity(scores["afinn"], pos_threshold, neg_threshold)
    table = confusion_table(scores["vader_label"].rename("VADER"), scores["afinn_label"].rename("AFINN"))
    return {
        "scores": scores,
        "confusion": table,
        "kappa": cohen_kappa(table),
        "agreement": float(np.trace(table.to_numpy()) / table.to_numpy().sum()),
        "pearson": float(scores["vader"].corr(scores["afinn"])),
        "spearman": float(scores["vader"].rank().corr(scores["afinn"].rank())),
    }


# -- topic-driven negativity --------------------------------------------------------


def _vader_words(text: str) -> list[str]:
    """The words VADER (the reference, :class:`VaderScorer`) reads in ``text``, lower-cased."""
    return [w.lower() for w in _scorer().words(text)]


def has_lexicon_word(texts: pd.Series, lexicon: str = "vader") -> pd.Series:
    """Whether each text holds at least one word the lexicon scores.

    Separates the two reasons a sentence scores exactly zero: it holds no
    lexicon word at all, or its words cancel out.

    Examples
    --------
    >>> texts = pd.Series(["The border talks resumed.", "A good war."])
    >>> has_lexicon_word(texts).tolist()
    [False, True]
    >>> has_lexicon_word(texts, lexicon="afinn").tolist()
    [False, True]
    """
    if lexicon == "vader":
        words = _scorer().lexicon
        return texts.astype(str).map(lambda t: any(w in words for w in _vader_words(t)))
    if lexicon == "afinn":
        scorer = _afinn()
        return texts.astype(str).map(lambda t: bool(scorer.find_all(t)))
    raise ValueError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")


def contains_terms(texts: pd.Series, terms: Iterable[str], lexicon: str = "vader") -> pd.Series:
    """Whether each text holds one of ``terms`` as a word *as the lexicon's scorer reads it*.

    The two scorers cut words differently, so "containing" a term depends on
    the lexicon: VADER splits on white space and strips the punctuation
    from both ends of a word unless two letters or fewer would remain
    ("War," is "war", "war's" is another word, ":)" stays); AFINN matches entries between regular-expression word boundaries
    in the lower-cased text, so "war's" does contain "war" for AFINN.
    Neither matches "war" inside "warning".

    Examples
    --------
    >>> texts = pd.Series(["War, again.", "The war's end.", "A warning."])
    >>> contains_terms(texts, ["war"]).tolist()
    [True, False, False]
    >>> contains_terms(texts, ["war"], lexicon="afinn").tolist()
    [True, True, False]
    """
    wanted = _clean_terms(terms)
    if lexicon == "vader":
        return texts.astype(str).map(lambda t: any(w in wanted for w in _vader_words(t)))
    if lexicon == "afinn":
        if not wanted:
            return pd.Series(False, index=texts.index)
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(wanted, key=len, reverse=True)) + r")\b"
        )
        return texts.astype(str).map(lambda t: bool(pattern.search(re.sub(r"\s+", " ", t.lower()))))
    raise ValueError(f"lexicon must be one of {', '.join(map(repr, LEXICONS))}, got {lexicon!r}")


def term_table(sentences: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """For each term: its VADER valence, AFINN score and use in the sentences.

    ``occurrences`` and ``sentences`` count the term as a token of the
    project's tokenizer (:func:`analysis.corpus.text.tokenize`), lower-cased.

    A term missing from a lexicon (NaN) is neutral there already, so
    neutralising it changes nothing: actor words such as "Taliban" or
    "militant" carry no valence in VADER.
    """
    vl, al = vader_lexicon(), afinn_lexicon()
    counts: dict[str, int] = {}
    with_term: dict[str, int] = {}
    for t in sentences["text"].astype(str):
        toks = [tok.lower() for tok in tokenize(t)]
        for term in set(toks):
            with_term[term] = with_term.get(term, 0) + 1
        for tok in toks:
            counts[tok] = counts.get(tok, 0) + 1
    rows = []
    for term in dict.fromkeys(str(x).strip().lower() for x in terms if str(x).strip()):
        rows.append(
            {
                "term": term,
                "vader_valence": vl.get(term, np.nan),
                "afinn_score": al.get(term, np.nan),
                "in_vader": term in vl,
                "in_afinn": term in al,
                "occurrences": counts.get(term, 0),
                "sentences": with_term.get(term, 0),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["term", "vader_valence", "afinn_score", "in_vader", "in_afinn", "occurrences", "sentences"],
    )


def negativity(compound: pd.Series) -> float:
    """Negativity mass: the sum of ``-compound`` over sentences with compound < 0.

    Examples
    --------
    >>> negativity(pd.Series([-0.5, 0.2, -0.25]))
    0.75
    """
    return float((-compound.clip(upper=0)).sum())


def topic_negativity(
    sentences: pd.DataFrame,
    neutralize_terms: Iterable[str],
    lexicon: str = "vader",
    pos_threshold: float = POS_THRESHOLD,
    neg_threshold: float = NEG_THRESHOLD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score with and without the topic terms, per sentence and per document.

    Returns
    -------
    sentences_out : DataFrame
        The input plus ``compound``, ``label`` (original), ``compound_neutralized``,
        ``label_neutralized``, ``has_term``, ``changed``.
    documents_out : DataFrame
        Per document: ``sentences``, ``with_term`` (sentences holding a term),
        ``mean``/``mean_neutralized``, ``share_negative``/``share_negative_neutralized``,
        ``negativity``/``negativity_neutralized`` (see :func:`negativity`) and
        ``topic_share``, the part of the negativity mass that disappears when
        the terms are neutralised (``1 - neutralised / original``; it can be
        negative if neutralising a positive topic word such as "security"
        leaves a sentence more negative).
    """
    terms = list(_clean_terms(neutralize_terms))
    base = relabel(score_sentences(sentences, lexicon), pos_threshold, neg_threshold)
    neut = relabel(score_sentences(sentences, lexicon, terms), pos_threshold, neg_threshold)
    out = base.assign(compound_neutralized=neut["compound"].values, label_neutralized=neut["label"].values)
    known = vader_lexicon() if lexicon == "vader" else afinn_lexicon()
    effective = [t for t in terms if t in known]
    out["has_term"] = contains_terms(out["text"], effective, lexicon) if effective else False
    out["changed"] = ~np.isclose(out["compound"], out["compound_neutralized"], atol=1e-9)
    rows = []
    for doc_id, g in out.groupby("doc_id", sort=False):
        neg0, neg1 = negativity(g["compound"]), negativity(g["compound_neutralized"])
        rows.append(
            {
                "doc_id": doc_id,
                "sentences": len(g),
                "with_term": int(g["has_term"].sum()),
                "mean": g["compound"].mean(),
                "mean_neutralized": g["compound_neutralized"].mean(),
                "share_negative": (g["label"] == "negative").mean(),
                "share_negative_neutralized": (g["label_neutralized"] == "negative").mean(),
                "negativity": neg0,
                "negativity_neutralized": neg1,
                "topic_share": (1 - neg1 / neg0) if neg0 > 0 else np.nan,
            }
        )
    return out, pd.DataFrame(rows)


# -- groups and whole texts ----------------------------------------------------------


def with_group(scored: pd.DataFrame, documents: pd.DataFrame, group_field: str) -> pd.DataFrame:
    """Add the manifest field ``group_field`` of each sentence's document as ``group``."""
    allowed = [
        c
        for c in documents.columns
        if c not in ("body", "id", "file", "sha256")
        and (c == "year" or not pd.api.types.is_numeric_dtype(documents[c]))
    ]
    if group_field not in allowed:
        raise ParameterError(
            f"group_field must be a text column of the documents table, one of "
            f"{', '.join(allowed)}; got {group_field!r}"
        )
    groups = documents.set_index("id")[group_field].astype(str)
    return scored.assign(group=scored["doc_id"].map(groups))


def whole_text_compound(text: str) -> float:
    """VADER compound of a whole text scored at once: for showing saturation only.

    The valences of a long text add up to a large ``x`` and
    ``x / sqrt(x**2 + 15)`` is then close to ±1 whatever the balance of
    positive and negative sentences.  The chapters score sentences.
    """
    return float(_scorer().scores(text)[3])


def raw_sum(compound: float, alpha: float = VADER_ALPHA) -> float:
    """Invert VADER's normalisation: the valence sum ``x`` behind a compound.

    Examples
    --------
    >>> round(raw_sum(normalize(-7.5)), 6)
    -7.5
    """
    if not -1 < compound < 1:
        return float("inf") if compound >= 1 else float("-inf")
    return compound * math.sqrt(alpha / (1 - compound * compound))


# -- the two implementations -----------------------------------------------------------


def implementation_differences(sentences: pd.DataFrame, tolerance: float = 1e-4) -> pd.DataFrame:
    """Sentences on which NLTK's VADER and the vaderSentiment reference disagree.

    NLTK 3.10 ports an older VADER.  vaderSentiment 3.3 differs on purpose
    in a few rules, so a handful of sentences score differently.  ``cause``
    names the most likely reason, checked in this order:

    * ``punctuation``: the two find different lexicon words, because
      vaderSentiment strips all leading/trailing ASCII punctuation from a
      word and NLTK only one mark ("'friends'," is a lexicon word for one only);
    * ``"no" rule``: vaderSentiment 3.3 reads "no" up to three words before
      a lexicon word as a negation of that word, NLTK as a negative word of
      its own;
    * ``repeated word``: a lexicon word occurs twice and NLTK looks up
      modifiers around its *first* occurrence only;
    * ``other``.
    """
    from nltk.sentiment.vader import SentiText
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference
    from vaderSentiment.vaderSentiment import SentiText as RefSentiText

    nltk_an, ref = _nltk_vader(), Reference()
    rows = []
    for row in sentences.itertuples(index=False):
        text = str(row.text)
        a = nltk_an.polarity_scores(text)["compound"]
        b = ref.polarity_scores(text)["compound"]
        if abs(a - b) <= tolerance:
            continue
        w_nltk = SentiText(
            text, nltk_an.constants.PUNC_LIST, nltk_an.constants.REGEX_REMOVE_PUNCTUATION
        ).words_and_emoticons
        w_ref = RefSentiText(text).words_and_emoticons
        lower = [w.lower() for w in w_nltk]
        in_lex = [w in nltk_an.lexicon for w in lower]
        lex_ref = [w.lower() for w in w_ref if w.lower() in nltk_an.lexicon]
        if [w for w, hit in zip(lower, in_lex) if hit] != lex_ref:
            cause = "punctuation"
        elif any(in_lex[i] and "no" in lower[max(0, i - 3) : i] for i in range(len(lower))):
            cause = '"no" rule'
        elif any(lower.count(w) > 1 for w, hit in zip(lower, in_lex) if hit):
            cause = "repeated word"
        else:
            cause = "other"
        rows.append({**row._asdict(), "nltk": a, "reference": b, "difference": a - b, "cause": cause})
    cols = list(sentences.columns) + ["nltk", "reference", "difference", "cause"]
    return pd.DataFrame(rows, columns=cols)


def topic_driven(scored: pd.DataFrame, neutralize: Iterable[str], lexicon: str = "vader") -> pd.Series:
    """Whether each sentence's label is driven by topic words (issue 14).

    A sentence is *topic-driven* when scoring it again with the
    ``neutralize`` terms set to zero (:func:`score_sentences`) changes its
    label: its tone then comes from words such as "attack" or "security"
    that name the subject, not from the writer's stance.  For flagging
    sentences in an extremes table (:func:`extremes`).

    >>> df = pd.DataFrame({"text": ["The attack killed ten people.", "The talks failed badly."]})
    >>> topic_driven(score_sentences(df), ["attack", "killed"]).tolist()
    [True, False]
    """
    _require(scored, ["text", "label"])
    again = score_sentences(scored[["text"]], lexicon=lexicon, neutralize=neutralize)
    return pd.Series(again["label"].values != scored["label"].values, index=scored.index, name="topic_driven")
