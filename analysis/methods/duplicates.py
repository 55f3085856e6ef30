"""Exact and near-duplicate sentences within a document.

A text that repeats a passage counts its words twice: its frequencies,
keyness, tone and frame shares all lean towards what it repeats.  This
module finds such repeats so that a chapter can report them and, as a
variant of the analysis, leave them out.

Measure
-------
Each sentence is *normalised* to its sequence of lower-cased word tokens
(:func:`analysis.corpus.text.tokenize`, with ``’`` read as ``'`` as in
:func:`analysis.methods.words.normalise`), so case, punctuation, the kind of
apostrophe and spacing do not count.  Two sentences of one document are compared by the ratio of
:class:`difflib.SequenceMatcher` over those token sequences,
``2 * M / (len(a) + len(b))`` where ``M`` is the number of tokens in
matching blocks (Ratcliff and Obershelp's "gestalt pattern matching").
It is 1 for identical sequences and keeps word order, unlike a Jaccard
index over sets of words, so two sentences with the same words in another
order or with a different subject and object are not taken for copies.
A pair is *exact* when the ratio is 1 (identical after normalising) and
*near* when it is at least the threshold.

Only sentences of the same document are compared: two texts that quote the
same sentence are a finding about sources, not a repeat.  Dropping keeps the
first occurrence and removes every later sentence that repeats an earlier one.

References
----------
- Ratcliff, J. W. and Metzener, D. E. (1988). Pattern matching: the Gestalt
  approach. *Dr. Dobb's Journal*, 13(7), 46.
- Python documentation, ``difflib.SequenceMatcher.ratio``.

Examples
--------
>>> sentences = pd.DataFrame({
...     "doc_id": ["a", "a", "a", "b"],
...     "sent_index": [0, 1, 2, 0],
...     "text": ["Trade fell.", "The border shut.", "Trade fell!", "Trade fell."],
... })
>>> find_duplicates(sentences)[["doc_id", "first", "second", "kind"]].values.tolist()
[['a', 0, 2, 'exact']]
"""

from __future__ import annotations

import difflib
from itertools import combinations

import pandas as pd

from analysis.corpus import text
from analysis.methods import words

#: Similarity at or above which two sentences of one document count as near
#: duplicates.  At 0.9 at most about one token in ten differs (two sentences
#: of 20 tokens with one word changed score 0.95); a project choice, exposed as
#: the corpus chapter's parameter ``duplicate_similarity``.
DEFAULT_THRESHOLD = 0.9

#: Columns of the table :func:`find_duplicates` returns.
PAIR_COLUMNS = ["doc_id", "first", "second", "similarity", "kind", "first_text", "second_text"]


def normalize(sentence: str) -> tuple[str, ...]:
    """The tokens two sentences are compared on: word tokens, lower-cased, ``’`` read as ``'``.

    Examples
    --------
    >>> normalize("The  Border, closed!")
    ('the', 'border', 'closed')
    >>> normalize("the Team’s mandate") == normalize("The team's mandate")
    True
    """
    return tuple(words.normalise(token, strip_possessive=False) for token in text.tokenize(sentence))


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """``difflib`` ratio of two token sequences (1 = identical, 0 = nothing in common).

    Examples
    --------
    >>> similarity(("trade", "fell"), ("trade", "fell"))
    1.0
    >>> similarity(("trade", "fell", "sharply"), ("trade", "rose", "sharply"))  # 2 * 2 / 6
    0.6666666666666666
    """
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def find_duplicates(sentences: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Pairs of sentences within one document whose similarity is at least ``threshold``.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, sent_index, text`` (the corpus's sentence table).
    threshold : float
        Lowest :func:`similarity` that counts as a near duplicate, in (0, 1].

    Returns
    -------
    DataFrame
        :data:`PAIR_COLUMNS`: ``first`` and ``second`` are the ``sent_index``
        of the earlier and the later sentence, ``kind`` is ``"exact"``
        (identical after :func:`normalize`) or ``"near"``; ordered by
        document (as they come) and position.  Sentences without a word
        token are never paired.

    Notes
    -----
    Every pair of a document is a candidate, but two cheap upper bounds of
    the ratio skip most of them before ``SequenceMatcher`` runs: the length
    bound ``2 * min(la, lb) / (la + lb)`` and ``quick_ratio`` (shared tokens
    regardless of order).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    rows = []
    for doc_id, group in sentences.groupby("doc_id", sort=False):
        items = [
            (int(index), sentence, normalize(sentence))
            for index, sentence in zip(group["sent_index"], group["text"])
        ]
        items = [item for item in items if item[2]]
        for (i, text_i, a), (j, text_j, b) in combinations(sorted(items), 2):
            if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
                continue
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                rows.append((doc_id, i, j, ratio, "exact" if a == b else "near", text_i, text_j))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def to_drop(pairs: pd.DataFrame) -> pd.DataFrame:
    """The sentences that dropping duplicates removes: every later member of a pair.

    The first occurrence always stays; a sentence that repeats several
    earlier ones is listed once.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index``, one row per sentence to drop.

    Examples
    --------
    >>> pairs = pd.DataFrame({"doc_id": ["a", "a", "a"], "first": [0, 0, 2], "second": [2, 5, 5]})
    >>> to_drop(pairs).values.tolist()
    [['a', 2], ['a', 5]]
    """
    out = pairs[["doc_id", "second"]].rename(columns={"second": "sent_index"}).drop_duplicates()
    return out.sort_values(["doc_id", "sent_index"], kind="stable", ignore_index=True)


def drop_sentences(table: pd.DataFrame, dropped: pd.DataFrame) -> pd.DataFrame:
    """Rows of a per-sentence table (sentences, tokens, scores) not in ``dropped``.

    ``table`` needs ``doc_id`` and ``sent_index``; its order and other
    columns are kept.

    Examples
    --------
    >>> tokens = pd.DataFrame({"doc_id": ["a", "a", "a"], "sent_index": [0, 1, 2], "token": ["x", "y", "z"]})
    >>> drop_sentences(tokens, pd.DataFrame({"doc_id": ["a"], "sent_index": [1]}))["token"].tolist()
    ['x', 'z']
    """
    keys = set(zip(dropped["doc_id"], dropped["sent_index"]))
    keep = [key not in keys for key in zip(table["doc_id"], table["sent_index"])]
    return table[keep]
