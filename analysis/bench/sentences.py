"""Synthetic sentences that exercise every VADER rule, for identity checks.

:func:`synthetic_sentences` draws words from a seeded RNG out of a mix that
makes the rules fire often and in combination: lexicon words (every valence
band), the booster, negation and "least"/"no"/"never so"/"without doubt"
words, the idiom and special-case words ("kind of", "the bomb", "bus stop",
"cut the mustard"), "but" (often twice, and around words of equal score, the
case where the reference's "but" rule finds a score by value), ALL CAPS,
one- and two-letter words, punctuation glued to words ("'peace',", "good!!"),
emoticons, emoji, "!" and "?" runs, and words of the seed texts when given.
Used by ``tests/test_sentiment_identity.py`` (a sample) and ``make bench``
(100 k sentences), which compare the project's scorer with vaderSentiment.
"""

from __future__ import annotations

import random

RULE_WORDS = (
    "no not never none nor or so this without doubt least at very kind of sort just enough "
    "but but BUT yet the shit bomb bad ass badass bus stop yeah right to die for kiss death "
    "cut mustard hand mouth upper in black red isn't don't can't aint wont uh-uh cannot "
    "very extremely barely hardly somewhat kinda sorta more most less little really quite "
    "totally completely VERY EXTREMELY NOT NO BUT"
).split()
GLUE = ("", "", "", "", ",", ".", "!", "!!", "?", "'", '"', "'s", ":", ";", ")", "(", "-", "...", "?!")
EMOTICONS = (":)", ":(", ":D", ";)", ":-)", "<3", ":/", "xD", "(:", ":'(")
EMOJI = ("\U0001f600", "\U0001f622", "\U0001f498", "\u2764", "\U0001f44d", "\u263a")
FILLER = "a I i an is it to of on by we he US UN the talks border trade peace war said".split()


def synthetic_sentences(n: int, seed: int = 0, words: list[str] | None = None) -> list[str]:
    """``n`` sentences of 1-40 words from a seeded mix (see the module docstring).

    Examples
    --------
    >>> synthetic_sentences(3, seed=1) == synthetic_sentences(3, seed=1)
    True
    >>> len(synthetic_sentences(5))
    5
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = sorted(SentimentIntensityAnalyzer().lexicon)
    rng = random.Random(seed)
    corpus_words = list(words or [])
    # a few valences shared by many words: "but" around equal scores
    pools = [lexicon, RULE_WORDS, FILLER, EMOTICONS] + ([corpus_words] if corpus_words else [])
    weights = [30, 30, 25, 3] + ([20] if corpus_words else [])
    out = []
    for _ in range(n):
        length = rng.choice((1, 2, 3, 4, 5, 8, 12, 16, 20, 25, 40))
        toks = []
        for _ in range(length):
            w = rng.choice(rng.choices(pools, weights)[0])
            r = rng.random()
            if r < 0.08:
                w = w.upper()
            elif r < 0.12:
                w = w.capitalize()
            elif r < 0.14 and toks:
                w = toks[rng.randrange(len(toks))]  # a repeated word
            if rng.random() < 0.25:
                w = rng.choice(GLUE) + w + rng.choice(GLUE)
            if rng.random() < 0.02:
                w = w + rng.choice(EMOJI) if rng.random() < 0.5 else rng.choice(EMOJI)
            toks.append(w)
        sentence = " ".join(toks)
        if rng.random() < 0.3:
            sentence += rng.choice((".", "!", "!!!", "?", "??", "????", "!?", "!!!!!!"))
        out.append(sentence)
    return out
