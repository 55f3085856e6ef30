"""Is a text English?  The lexicons and the stop-word list assume it.

VADER, AFINN and the stop-word list are English: a text in another
language (Persian in Arabic script, say) is scored 0 and counted word by
word without a complaint.  :func:`english_check` gives, per document, the
share of word tokens written in Latin letters and the share that are
English stop words.  Function words make up 40-55 % of the tokens of
running English prose, so a document under :data:`MIN_STOPWORD_SHARE` is
flagged as probably not English (or not prose).
"""

from __future__ import annotations

import pandas as pd

#: A document whose tokens are less than this share English stop words is
#: flagged: running English prose has 40-55 % (a news report or an essay);
#: 20 % leaves room for lists, headlines and name-heavy text.
MIN_STOPWORD_SHARE = 0.20


def english_check(tokens: pd.DataFrame, stopwords: frozenset[str]) -> pd.DataFrame:
    """Per document: tokens, share in Latin letters, share English stop words, flag.

    ``tokens`` is the corpus token table (``doc_id``, ``lower``).

    >>> toks = pd.DataFrame({"doc_id": ["en"] * 4 + ["fa"] * 3,
    ...                      "lower": ["the", "border", "is", "closed", "مرز", "بسته", "است"]})
    >>> english_check(toks, frozenset({"the", "is"}))[["doc_id", "stopword_share", "probably_not_english"]]
      doc_id  stopword_share  probably_not_english
    0     en             0.5                 False
    1     fa             0.0                  True
    """
    words = tokens[tokens["lower"].str.contains(r"[^\W\d_]", regex=True)]
    latin = words["lower"].str.contains(r"^[A-Za-z\u00c0-\u024f'’\-]+$", regex=True)
    table = (
        words.assign(latin=latin, stop=words["lower"].isin(stopwords))
        .groupby("doc_id", sort=False)
        .agg(tokens=("lower", "size"), latin_share=("latin", "mean"), stopword_share=("stop", "mean"))
        .reset_index()
    )
    table["probably_not_english"] = table["stopword_share"] < MIN_STOPWORD_SHARE
    return table
