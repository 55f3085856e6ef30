"""Words: stop words, phrases, frequencies, n-grams, concordance, dispersion, diversity.

The functions here work on the corpus tables of :mod:`analysis.corpus.load`
(mostly ``corpus.tokens``) and return small pandas tables; the chapter
``chapters/words.ipynb`` only calls them.  Keyness and collocations live
in :mod:`analysis.methods.keyness`.

The central object is the **term stream** (:func:`term_stream`): the word
tokens of each text in order, lower-cased, with the names of
``data/phrases/phrases.csv`` merged into one term ("Durand Line"), a flag
saying whether the term counts (not a stop word, not a number) and,
optionally, Snowball stems.  Frequencies, n-grams, keyness and collocations
all read this one stream, so they agree with each other.

For large inputs, :func:`count_words_fast` counts words with one regular
expression and :class:`collections.Counter`, and gives the same counts as
the textbook NLTK pipeline :func:`count_words_nltk` (Punkt sentences,
Treebank words, ``Counter``) for the token definition explained there.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths
from analysis.corpus import text

#: Project-owned stop word list (Snowball English list + a few additions).
STOPWORDS_FILE = paths.DATA / "stopwords" / "english.txt"
#: Multi-word names counted as one term.
PHRASES_FILE = paths.DATA / "phrases" / "phrases.csv"
#: Frequencies are also given per this many word tokens of running text.
PER_TOKENS = 10_000
#: MATTR window; Covington & McFall (2010) used 500 tokens.
MATTR_WINDOW = 500
#: MTLD factor threshold; McCarthy & Jarvis (2010) chose a TTR of 0.72.
MTLD_THRESHOLD = 0.72

_POSSESSIVE_RE = re.compile(r"'s?$")
_LETTER_RE = re.compile(r"[^\W\d_]")


# --------------------------------------------------------------------------
# Stop words and phrases
# --------------------------------------------------------------------------
def _norm_apostrophe(word: str) -> str:
    return word.replace("’", "'").replace("‘", "'")


def load_stopwords(path: Path | str | None = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """Read a stop word list (one word a line, ``#`` comments) and add ``extra``.

    Why: the project owns its list (``data/stopwords/english.txt``, the
    Snowball English list plus a few additions) because NLTK's copy needs a
    download.  Readers extend it per run with the ``extra_stopwords``
    parameter.

    Parameters
    ----------
    path : path, optional
        The list (default :data:`STOPWORDS_FILE`).
    extra : iterable of str
        More stop words; case and typographic apostrophes are normalised.

    Examples
    --------
    >>> stop = load_stopwords(extra=["Said"])
    >>> "the" in stop, "said" in stop, "pakistan" in stop, "us" in stop
    (True, True, False, False)
    """
    path = Path(path) if path else STOPWORDS_FILE
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(_norm_apostrophe(line.lower()))
    for word in extra:
        if not isinstance(word, str) or not word.strip():
            raise ValueError(f"extra_stopwords: expected non-empty strings, got {word!r}")
        words.add(_norm_apostrophe(word.strip().lower()))
    return frozenset(words)


def normalise(token: str, strip_possessive: bool = True) -> str:
    """Lower-case a token, read ``’`` as ``'`` and drop a possessive ``'s``.

    Examples
    --------
    >>> normalise("Pakistan’s"), normalise("Taliban's", strip_possessive=False)
    ('pakistan', "taliban's")
    """
    word = _norm_apostrophe(token.lower())
    if strip_possessive:
        stripped = _POSSESSIVE_RE.sub("", word)
        word = stripped or word
    return word


def load_phrases(path: Path | str | None = None) -> dict[tuple[str, ...], str]:
    """Read the phrase list into ``{variant tokens: term}``.

    Each row of ``data/phrases/phrases.csv`` names a ``term`` and its
    ``variants`` (``|``-separated spellings).  Variants are split into word
    tokens exactly like the corpus (:func:`analysis.corpus.text.tokenize`) and
    normalised with :func:`normalise`, so matching is on tokens, not on
    characters.

    Examples
    --------
    >>> phrases = load_phrases()
    >>> phrases[("tehreek", "e", "taliban", "pakistan")]
    'tehreek-e-taliban pakistan'
    >>> phrases[("durand", "line")]
    'durand line'
    """
    path = Path(path) if path else PHRASES_FILE
    out: dict[tuple[str, ...], str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            term = (row.get("term") or "").strip()
            variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
            if not term or not variants:
                raise ValueError(f"{path}, line {i}: a phrase needs a term and at least one variant")
            for variant in variants + [term]:
                key = tuple(normalise(t) for t in text.tokenize(variant))
                if key:
                    out[key] = normalise(term, strip_possessive=False)
    return out


def merge_phrases(words: list[str], phrases: dict[tuple[str, ...], str]) -> list[tuple[int, int, str]]:
    """Merge phrase variants in a list of normalised words, longest match first.

    Returns ``(start, length, term)`` for every term: a merged phrase spans
    ``length`` > 1 words, any other word is its own term with length 1.

    Examples
    --------
    >>> merge_phrases(["the", "durand", "line", "border"], {("durand", "line"): "durand line"})
    [(0, 1, 'the'), (1, 2, 'durand line'), (3, 1, 'border')]
    """
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in phrases:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    out, i = [], 0
    while i < len(words):
        for key in by_first.get(words[i], ()):
            if tuple(words[i : i + len(key)]) == key:
                out.append((i, len(key), phrases[key]))
                i += len(key)
                break
        else:
            out.append((i, 1, words[i]))
            i += 1
    return out


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # pure code, no downloaded data

    return SnowballStemmer("english")


def stem(word: str) -> str:
    """Snowball (Porter 2) English stem of one word.

    Examples
    --------
    >>> stem("negotiations"), stem("negotiating")
    ('negoti', 'negoti')
    """
    return _stemmer().stem(word)


# --------------------------------------------------------------------------
# The term stream
# --------------------------------------------------------------------------
def term_stream(
    tokens: pd.DataFrame,
    stopwords: frozenset[str] | None = None,
    phrases: dict[tuple[str, ...], str] | None = None,
    *,
    stemming: bool = False,
    strip_possessive: bool = True,
    drop_numbers: bool = True,
    min_length: int = 1,
) -> pd.DataFrame:
    """The terms of each text in order: phrases merged, stop words flagged.

    Why one stream: frequencies, n-grams, keyness and collocations all read
    it, so a change of stop words or phrases changes them all alike.
    Phrases are merged *before* stop words are flagged (so a name that
    contains a stop word survives) and only within a sentence.  Stop words
    are kept in the stream with ``counted=False`` so n-grams can respect the
    gaps they leave.

    Parameters
    ----------
    tokens : DataFrame
        ``corpus.tokens`` (``doc_id, sent_index, token_index, token``).
    stopwords : frozenset of str, optional
        Words not counted (default: none).  A word is a stop word if its
        normalised form is in the set with or without a possessive ``'s``.
    phrases : dict, optional
        From :func:`load_phrases` (default: none).
    stemming : bool
        Replace each counted single word by its Snowball stem (phrases stay
        whole).
    strip_possessive : bool
        Count "Pakistan's" as "pakistan".
    drop_numbers : bool
        Do not count tokens without a letter ("2025", "1,140.17").
    min_length : int
        Do not count words shorter than this many characters.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, position, length, term, counted, phrase``;
        ``position`` is the ``token_index`` of the term's first token and
        ``phrase`` is true where an entry of the phrase list matched (a
        one-word variant such as "Durand" for "Durand Line" has ``length``
        1, so ``length > 1`` alone does not find every phrase).

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": "d", "sent_index": 0, "token_index": range(5),
    ...                      "token": ["The", "Durand", "Line", "in", "2025"]})
    >>> s = term_stream(toks, frozenset({"the", "in"}), {("durand", "line"): "durand line"})
    >>> s[s.counted]["term"].tolist()
    ['durand line']
    """
    if min_length < 1:
        raise ValueError(f"min_length: expected an integer >= 1, got {min_length!r}")
    stopwords = stopwords or frozenset()
    phrases = phrases or {}
    rows = []
    for (doc_id, sent_index), group in tokens.groupby(["doc_id", "sent_index"], sort=False):
        positions = group["token_index"].tolist()
        raw = [_norm_apostrophe(t.lower()) for t in group["token"]]
        words = [normalise(t, strip_possessive) for t in raw]
        for start, length, term in merge_phrases(words, phrases):
            phrase = length > 1 or (words[start],) in phrases
            if phrase:
                counted = True
            else:
                counted = not (
                    raw[start] in stopwords
                    or term in stopwords
                    or (drop_numbers and not _LETTER_RE.search(term))
                    or len(term) < min_length
                )
                if counted and stemming:
                    term = stem(term)
            rows.append((doc_id, sent_index, positions[start], length, term, counted, phrase))
    return pd.DataFrame(
        rows, columns=["doc_id", "sent_index", "position", "length", "term", "counted", "phrase"]
    )


def doc_lengths(tokens: pd.DataFrame) -> pd.Series:
    """Word tokens per document (the denominator of relative frequencies)."""
    return tokens.groupby("doc_id", sort=False).size().rename("n_tokens")


def _check_positive_int(name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {value!r}")
    return int(value)


def frequencies(
    stream: pd.DataFrame, lengths: pd.Series, *, corpus_label: str | None = "(corpus)", min_count: int = 1
) -> pd.DataFrame:
    """Counts of counted terms per document (and for the corpus), raw and per 10,000 tokens.

    The relative frequency divides by *all* word tokens of the text
    (stop words included), the usual base in corpus linguistics, so it reads
    "this many times in 10,000 words of running text".

    Parameters
    ----------
    stream : DataFrame
        From :func:`term_stream`.
    lengths : Series
        Word tokens per document (:func:`doc_lengths`).
    corpus_label : str or None
        ``doc_id`` of the added whole-corpus rows; ``None`` adds none.
    min_count : int
        Drop rows with fewer occurrences.

    Returns
    -------
    DataFrame
        ``doc_id, term, count, per_10k, rank`` sorted by document, then
        descending count, then term (ties are broken alphabetically so the
        order is reproducible).

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "term": ["x", "x", "y", "x"],
    ...                    "counted": True})
    >>> f = frequencies(st, pd.Series({"a": 4, "b": 2}))
    >>> f[["doc_id", "term", "count"]].values.tolist()
    [['a', 'x', 2], ['a', 'y', 1], ['b', 'x', 1], ['(corpus)', 'x', 3], ['(corpus)', 'y', 1]]
    >>> f["per_10k"].round(1).tolist()  # 2/4, 1/4, 1/2, 3/6, 1/6 of 10,000
    [5000.0, 2500.0, 5000.0, 5000.0, 1666.7]
    """
    min_count = _check_positive_int("min_count", min_count)
    # astype(bool): an empty stream has an object column, which pandas would read as column labels
    counted = stream[stream["counted"].astype(bool)]
    per_doc = counted.groupby(["doc_id", "term"], sort=False).size().rename("count").reset_index()
    parts = [per_doc.assign(_n=per_doc["doc_id"].map(lengths))]
    if corpus_label is not None:
        total = counted.groupby("term", sort=False).size().rename("count").reset_index()
        parts.append(total.assign(doc_id=corpus_label, _n=lengths.sum()))
    out = pd.concat(parts, ignore_index=True)
    out["per_10k"] = out["count"] / out["_n"] * PER_TOKENS
    out = out[out["count"] >= min_count]
    order = {d: i for i, d in enumerate(list(lengths.index) + [corpus_label])}
    out = out.assign(_o=out["doc_id"].map(order)).sort_values(
        ["_o", "count", "term"], ascending=[True, False, True], kind="stable"
    )
    out["rank"] = out.groupby("doc_id").cumcount() + 1
    return out[["doc_id", "term", "count", "per_10k", "rank"]].reset_index(drop=True)


def top_groups(table: pd.DataFrame, value: str, label: str, n: int = 1) -> list[tuple[float, list[str]]]:
    """The ``n`` highest distinct values of a column, each with *every* label that has it.

    Why: a sentence such as "the top pair is X" is wrong when Y has the same
    score; the chapter glues all tied labels instead of the first row.
    Values are compared with :func:`numpy.isclose` (floating-point scores
    computed in different orders can differ in the last digit).  Labels keep
    the order of ``table``.

    Examples
    --------
    >>> t = pd.DataFrame({"term": ["a", "b", "c", "d"], "count": [5, 3, 3, 1]})
    >>> top_groups(t, "count", "term", n=2)
    [(5.0, ['a']), (3.0, ['b', 'c'])]
    >>> top_groups(t.iloc[0:0], "count", "term")
    []
    """
    _check_positive_int("n", n)
    values = table[value].astype(float).to_numpy()
    labels = table[label].astype(str).tolist()
    out: list[tuple[float, list[str]]] = []
    remaining = np.ones(len(values), dtype=bool)
    while len(out) < n and remaining.any():
        best = values[remaining].max()
        tied = remaining & np.isclose(values, best, rtol=1e-9, atol=1e-12)
        out.append((float(best), [lab for lab, t in zip(labels, tied) if t]))
        remaining &= ~tied
    return out


def join_quoted(labels: Iterable[str], quotes: str = "“”") -> str:
    """``“a”``, ``“a” and “b”``, ``“a”, “b” and “c”``: a list for a sentence.

    >>> join_quoted(["two countries"]), join_quoted(["ttp", "border"]), join_quoted("xyz", quotes="")
    ('“two countries”', '“ttp” and “border”', 'x, y and z')
    """
    left, right = (quotes[0], quotes[1]) if quotes else ("", "")
    items = [f"{left}{lab}{right}" for lab in labels]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ranking_text(groups: list[tuple[float, list[str]]], unit: str = "{:,.0f} times") -> str:
    """Groups of :func:`top_groups` as a phrase: ``“a” (14 times), then “b” and “c” (9 times each)``.

    >>> ranking_text([(14.0, ["two countries"]), (9.0, ["taliban government", "two states"])])
    '“two countries” (14 times), then “taliban government” and “two states” (9 times each)'
    >>> ranking_text([])
    'none'
    """
    parts = [
        f"{join_quoted(labels)} ({unit.format(value)}{' each' if len(labels) > 1 else ''})"
        for value, labels in groups
    ]
    return ", then ".join(parts) or "none"


def top_terms(freq: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """The ``top_n`` most frequent terms of each document (rows of :func:`frequencies`)."""
    top_n = _check_positive_int("top_n", top_n)
    return freq[freq["rank"] <= top_n].reset_index(drop=True)


def ngram_stream(stream: pd.DataFrame, n: int) -> pd.DataFrame:
    """N-grams of adjacent counted terms, in a term-stream shape.

    An n-gram never spans a sentence end or a stop word / number: those
    leave a gap (as quanteda's ``tokens_remove(padding = TRUE)`` does), so
    "border of Pakistan" yields no bigram "border pakistan".  Terms inside
    an n-gram are joined by a space.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": "d", "sent_index": [0, 0, 0, 0, 1],
    ...     "position": range(5), "term": ["trade", "route", "of", "kabul", "trade"],
    ...     "counted": [True, True, False, True, True]})
    >>> ngram_stream(st, 2)["term"].tolist()
    ['trade route']
    """
    n = _check_positive_int("ngram", n)
    if n == 1:
        return stream[stream["counted"]].reset_index(drop=True)
    rows = []
    for (doc_id, sent_index), group in stream.groupby(["doc_id", "sent_index"], sort=False):
        terms, keep, pos = group["term"].tolist(), group["counted"].tolist(), group["position"].tolist()
        for i in range(len(terms) - n + 1):
            if all(keep[i : i + n]):
                rows.append((doc_id, sent_index, pos[i], " ".join(terms[i : i + n]), True))
    return pd.DataFrame(rows, columns=["doc_id", "sent_index", "position", "term", "counted"])


# --------------------------------------------------------------------------
# Concordance and dispersion
# --------------------------------------------------------------------------
def _query_keys(query: str, phrases: dict[tuple[str, ...], str] | None) -> list[tuple[str, ...]]:
    """Token sequences a query matches: itself, and all variants of its phrase."""
    if not isinstance(query, str) or not text.tokenize(query.replace("*", "")):
        raise ValueError(f"search term: expected at least one word, got {query!r}")
    key: list[str] = []
    for piece in query.split():
        if piece.endswith("*"):  # prefix search: keep the piece whole
            key.append(normalise(piece, strip_possessive=False))
        else:
            key += [normalise(t) for t in text.tokenize(piece)]
    keys = [tuple(key)]
    target = (phrases or {}).get(keys[0])
    if target:
        keys += [k for k, term in phrases.items() if term == target and k != keys[0]]
    return sorted(keys, key=len, reverse=True)


def _matches(words: list[str], key: tuple[str, ...], i: int) -> bool:
    if i + len(key) > len(words):
        return False
    for part, word in zip(key, words[i : i + len(key)]):
        if part.endswith("*"):
            if not word.startswith(part[:-1]):
                return False
        elif word != part:
            return False
    return True


def find_occurrences(
    tokens: pd.DataFrame, queries: Iterable[str], phrases: dict[tuple[str, ...], str] | None = None
) -> pd.DataFrame:
    """Every occurrence of each query in the token table.

    A query is one or more words ("Durand Line"), matched case-insensitively
    on normalised tokens (:func:`normalise`); a final ``*`` matches any
    ending ("negotiat*").  If the query is a name in the phrase list, all
    its variant spellings are found too.

    Returns
    -------
    DataFrame
        ``doc_id, query, position, length`` (``position`` = ``token_index``
        of the first matched token).
    """
    queries = list(queries)
    keyed = [(q, _query_keys(q, phrases)) for q in queries]
    rows = []
    for doc_id, group in tokens.groupby("doc_id", sort=False):
        words = [normalise(t) for t in group["token"]]
        positions = group["token_index"].tolist()
        for query, keys in keyed:
            i = 0
            while i < len(words):
                hit = next((k for k in keys if _matches(words, k, i)), None)
                if hit:
                    rows.append((doc_id, query, positions[i], len(hit)))
                    i += len(hit)
                else:
                    i += 1
    return pd.DataFrame(rows, columns=["doc_id", "query", "position", "length"])


def kwic(
    tokens: pd.DataFrame,
    queries: Iterable[str],
    window: int = 5,
    phrases: dict[tuple[str, ...], str] | None = None,
) -> pd.DataFrame:
    """Key word in context: each occurrence with ``window`` tokens either side.

    Context stops at the start and end of the text (it is shorter there)
    and is shown in the text's own spelling and case.

    Parameters
    ----------
    tokens : DataFrame
        ``corpus.tokens``.
    queries : iterable of str
        Search terms (see :func:`find_occurrences`).
    window : int
        Tokens of context on each side (>= 1).
    phrases : dict, optional
        Phrase list, so a name also finds its variant spellings.

    Returns
    -------
    DataFrame
        ``doc_id, query, position, left, match, right``.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": "d", "sent_index": 0, "token_index": range(4),
    ...                      "token": ["Talks", "in", "Doha", "failed"]})
    >>> kwic(toks, ["doha"], window=1)[["left", "match", "right"]].values.tolist()
    [['in', 'Doha', 'failed']]
    """
    window = _check_positive_int("window", window)
    occ = find_occurrences(tokens, queries, phrases)
    rows = []
    for doc_id, group in tokens.groupby("doc_id", sort=False):
        words = group["token"].tolist()
        index = {p: i for i, p in enumerate(group["token_index"])}
        for row in occ[occ["doc_id"] == doc_id].itertuples(index=False):
            i = index[row.position]
            rows.append(
                (
                    doc_id,
                    row.query,
                    row.position,
                    " ".join(words[max(0, i - window) : i]),
                    " ".join(words[i : i + row.length]),
                    " ".join(words[i + row.length : i + row.length + window]),
                )
            )
    return pd.DataFrame(rows, columns=["doc_id", "query", "position", "left", "match", "right"])


def dispersion(
    tokens: pd.DataFrame, queries: Iterable[str], phrases: dict[tuple[str, ...], str] | None = None
) -> pd.DataFrame:
    """Where each query occurs along each text, as a share of the text (0 to 1).

    ``relative = position / n_tokens`` of the document, so 0 is the first
    word and values near 1 the end; texts of different length become
    comparable (as in AntConc's concordance plot).

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": "d", "sent_index": 0, "token_index": range(4),
    ...                      "token": ["TTP", "and", "the", "TTP"]})
    >>> dispersion(toks, ["TTP"])["relative"].tolist()
    [0.0, 0.75]
    """
    occ = find_occurrences(tokens, queries, phrases)
    lengths = doc_lengths(tokens)
    occ["relative"] = occ["position"] / occ["doc_id"].map(lengths)
    return occ[["doc_id", "query", "position", "relative"]]


# --------------------------------------------------------------------------
# Lexical diversity
# --------------------------------------------------------------------------
def ttr(words: list[str]) -> float:
    """Type-token ratio: distinct words / words.  Falls as a text gets longer.

    >>> ttr(["a", "b", "a", "c"])
    0.75
    """
    return len(set(words)) / len(words) if words else float("nan")


def mattr(words: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010).

    The TTR of every window of ``window`` consecutive words, averaged; it
    depends much less on text length than TTR does.  A text shorter than
    the window gets its plain TTR.

    >>> mattr(["a", "b", "a", "c"], window=2)  # windows ab, ba, ac: all TTR 1
    1.0
    >>> mattr(["a", "a", "a", "b"], window=2)  # aa .5, aa .5, ab 1
    0.6666666666666666
    """
    window = _check_positive_int("mattr_window", window)
    n = len(words)
    if n == 0:
        return float("nan")
    if n <= window:
        return ttr(words)
    counts = Counter(words[:window])
    total = len(counts)
    for i in range(window, n):
        new, old = words[i], words[i - window]
        counts[new] += 1
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        total += len(counts)
    return total / (n - window + 1) / window


def _mtld_pass(words: list[str], threshold: float) -> float:
    factors, types, count = 0.0, set(), 0
    for word in words:
        types.add(word)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(words) / factors if factors else float("nan")


def mtld(words: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010).

    Mean length of the stretches of text over which the TTR stays above
    ``threshold``: the words are read forwards, a "factor" is counted each
    time the running TTR falls to the threshold (then it restarts), a final
    partial factor counts ``(1 - TTR) / (1 - threshold)``; MTLD = words /
    factors, averaged over a forward and a backward pass.  Returns NaN when
    no factor is ever completed or started (every word different).

    >>> mtld(["a", "b", "a", "b"], threshold=0.72)  # fwd: a b a (.67) | b -> 4/1; bwd same
    4.0
    """
    if not 0 < threshold < 1:
        raise ValueError(f"mtld threshold: expected a number between 0 and 1, got {threshold!r}")
    return (_mtld_pass(words, threshold) + _mtld_pass(words[::-1], threshold)) / 2


def lexical_diversity(
    tokens: pd.DataFrame, window: int = MATTR_WINDOW, threshold: float = MTLD_THRESHOLD
) -> pd.DataFrame:
    """TTR, MATTR and MTLD of each document's words.

    Words are the lower-cased word tokens that contain a letter (numbers
    left out, stop words kept: they are part of the vocabulary a reader
    meets).

    Returns
    -------
    DataFrame
        ``doc_id, words, types, ttr, mattr, mtld``.
    """
    window = _check_positive_int("mattr_window", window)
    rows = []
    for doc_id, group in tokens.groupby("doc_id", sort=False):
        words = [normalise(t, strip_possessive=False) for t in group["token"] if _LETTER_RE.search(t)]
        rows.append(
            (doc_id, len(words), len(set(words)), ttr(words), mattr(words, window), mtld(words, threshold))
        )
    return pd.DataFrame(rows, columns=["doc_id", "words", "types", "ttr", "mattr", "mtld"])


# --------------------------------------------------------------------------
# Fast counting for large inputs, and the naive NLTK pipeline it matches
# --------------------------------------------------------------------------
#: A word, for counting large inputs: a maximal run of letters (any script).
WORD_RE = re.compile(r"[^\W\d_]+")

#: Treebank's splits *inside* a run of letters, replayed on lower-cased text
#: so that :func:`count_words_fast` finds the same letter runs as
#: :func:`count_words_nltk`.  Source: nltk.tokenize.treebank.TreebankWordTokenizer
#: (CONTRACTIONS2, CONTRACTIONS3 and the ``n't`` rule of ENDING_QUOTES).
#: Each rule is (literal, regex starting with the literal, replacement,
#: what the character before the literal must be); a regex that starts with a
#: literal lets Python's ``re`` skip ahead with a fast substring search, and
#: the preceding-character test stands in for Treebank's ``\b`` or space.
#: Treebank's ``n't`` rule needs a following space, which it creates by
#: padding punctuation, hence that look-ahead.
_NOT_WORD = "not word"  # start of text or a character that is not \w
_NOT_SPACE = "not space"  # a character that is not ' and not whitespace
_SPACE = "space"  # start of text or whitespace
_TREEBANK_SPLITS = [
    ("cannot", re.compile(r"cannot\b"), "can not", _NOT_WORD),
    ("gimme", re.compile(r"gimme\b"), "gim me", _NOT_WORD),
    ("gonna", re.compile(r"gonna\b"), "gon na", _NOT_WORD),
    ("gotta", re.compile(r"gotta\b"), "got ta", _NOT_WORD),
    ("lemme", re.compile(r"lemme\b"), "lem me", _NOT_WORD),
    ("wanna", re.compile(r"wanna(?=\s)"), "wan na", _NOT_WORD),
    ("'tis", re.compile(r"'tis\b"), "'t is", _SPACE),
    ("'twas", re.compile(r"'twas\b"), "'t was", _SPACE),
    ("n't", re.compile(r"n't(?=[\s,;:@#$%&?!\[\](){}<>\"'.]|--|$)"), " n't", _NOT_SPACE),
]
_WORD_CHAR_RE = re.compile(r"\w")


def _before_ok(string: str, i: int, rule: str) -> bool:
    if rule == _NOT_SPACE:
        return i > 0 and string[i - 1] != "'" and not string[i - 1].isspace()
    if i == 0:
        return True
    prev = string[i - 1]
    return prev.isspace() if rule == _SPACE else not _WORD_CHAR_RE.match(prev)


def _split_like_treebank(chunk: str) -> str:
    for literal, regex, repl, before in _TREEBANK_SPLITS:
        if literal in chunk:
            chunk = regex.sub(
                lambda m, repl=repl, before=before: (
                    repl if _before_ok(m.string, m.start(), before) else m.group()
                ),
                chunk,
            )
    return chunk


def _chunks(text_: str, size: int) -> Iterable[str]:
    """Cut a long string at whitespace near every ``size`` characters."""
    start, n = 0, len(text_)
    while start < n:
        end = min(start + size, n)
        if end < n:
            cut = text_.rfind(" ", start, end)
            end = cut if cut > start else end
        yield text_[start:end]
        start = end


def count_words_python(texts: str | Iterable[str], chunk_chars: int = 1 << 20) -> Counter:
    """Count words with one regex and a Counter: the pure-Python reference of :func:`count_words_fast`.

    A word is a maximal run of letters (:data:`WORD_RE`) in the lower-cased
    text, after replaying the few places where NLTK's Treebank tokenizer
    splits a run of letters (``can't`` -> ``ca n't``, ``cannot`` ->
    ``can not``, see :data:`_TREEBANK_SPLITS`).  That is exactly the
    definition :func:`count_words_nltk` applies to Treebank's tokens, so the
    two return the same counts (checked by ``tests/test_words.py`` and at
    every run of ``make bench``).  Long strings are processed in chunks cut
    at spaces, which bounds memory.

    Examples
    --------
    >>> count_words_python("The border can't stay closed; the border is open.")["border"]
    2
    """
    if isinstance(texts, str):
        texts = [texts]
    counts: Counter = Counter()
    findall = WORD_RE.findall
    for text_ in texts:
        for chunk in _chunks(text_, chunk_chars):
            counts.update(findall(_split_like_treebank(chunk.lower())))
    return counts


#: ASCII white space: what Arrow's ``ascii_split_whitespace`` splits on.
_ASCII_SPACE = " \t\n\v\f\r"
#: Characters of text handed to Arrow in one call (bounds the memory of a call).
_ARROW_CHARS = 1 << 23


def _raw_word_counts(chunks: Iterable[str]) -> tuple[dict[str, int], Counter]:
    """Occurrences of each white-space-separated word of ``chunks``, ASCII letters lower-cased.

    Arrow compute (C++): ``ascii_lower``, ``ascii_split_whitespace``,
    ``value_counts``, on groups of about :data:`_ARROW_CHARS` characters, so
    only one group is held at a time.  Lower-casing the ASCII letters first
    merges "The" and "the" into one word to tokenise; it changes nothing
    else, as the full lower-casing that follows maps ASCII letters the same
    way.  Also returns the counts of the letter runs of each chunk's *last*
    word, which ends at the end of the text rather than before white space
    (Treebank's "wanna" rule tells the two apart), and takes that word out
    of the word counts.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    counts: dict[str, int] = {}
    last_runs: Counter = Counter()
    group: list[str] = []
    size = 0

    def flush():
        nonlocal counts
        arr = pc.ascii_lower(pa.array(group, type=pa.large_string()))
        table = pc.value_counts(pc.list_flatten(pc.ascii_split_whitespace(arr)))
        found = zip(table.field("values").to_pylist(), table.field("counts").to_pylist())
        if counts:
            get = counts.get
            for word, n in found:
                counts[word] = get(word, 0) + n
        else:
            counts = dict(found)

    lasts = []
    for chunk in chunks:
        i = len(chunk)
        while i and chunk[i - 1] not in _ASCII_SPACE:
            i -= 1
        if i < len(chunk):
            lasts.append(chunk[i:])
        group.append(chunk)
        size += len(chunk)
        if size >= _ARROW_CHARS:
            flush()
            group, size = [], 0
    if group:
        flush()
    for last in lasts:
        counts[_ascii_lower(last)] -= 1
        last_runs.update(WORD_RE.findall(_split_like_treebank(last.lower())))
    return counts, last_runs


def _ascii_lower(text: str) -> str:
    """Lower-case the ASCII letters only (what Arrow's ``ascii_lower`` does)."""
    return text if not any(c.isupper() for c in text) else text.encode("utf-8").lower().decode("utf-8")


def count_words_fast(texts: str | Iterable[str], chunk_chars: int = 1 << 20) -> Counter:
    """Count words: the counts of :func:`count_words_python`, tokenised and counted in C++.

    A word is a maximal run of letters (:data:`WORD_RE`) in the lower-cased
    text, after replaying the few places where NLTK's Treebank tokenizer
    splits a run of letters (``can't`` -> ``ca n't``, ``cannot`` ->
    ``can not``, see :data:`_TREEBANK_SPLITS`): the definition
    :func:`count_words_nltk` applies to Treebank's tokens.

    How: Arrow's compute kernels (``pyarrow``, already a dependency) split
    the text at ASCII white space and count the distinct words
    (:func:`_raw_word_counts`); then the *distinct* words, not their
    occurrences, are lower-cased and given the Treebank splits in one pass
    over them joined by newlines, and each is cut into letter runs that
    inherit its count.  This is exact because nothing in the definition
    looks across white space: lower-casing is per character except the
    Greek final sigma, whose context stops at white space; a Treebank rule
    looks one character to each side, and reads the newline beside a word
    as it reads the white space beside it in the text (the last word of a
    chunk, which ends at the end of the text, is done on its own).  The
    chunks are the reference's.  ``tests/test_words.py`` compares the two
    on seed and edge-case text, ``make bench`` on millions of tokens.

    Examples
    --------
    >>> count_words_fast("The border can't stay closed; the border is open.")["border"]
    2
    >>> sorted(count_words_fast(["Pak-Afghan trade", "trade"]).items())
    [('afghan', 1), ('pak', 1), ('trade', 2)]
    """
    if isinstance(texts, str):
        texts = [texts]
    raw, counts = _raw_word_counts(c for text_ in texts for c in _chunks(text_, chunk_chars))
    findall = WORD_RE.findall
    distinct = [w for w, n in raw.items() if n and w]
    if not distinct:
        return +counts
    # one pass over the distinct words; "\n" is white space the Treebank rules never insert
    done = _split_like_treebank("\n".join(distinct).lower() + "\n").split("\n")
    out: dict[str, int] = dict(counts)
    get = out.get
    for word, processed in zip(distinct, done):
        n = raw[word]
        if processed.isalpha():  # one run of letters: the whole word
            out[processed] = get(processed, 0) + n
        else:
            for token in findall(processed):
                out[token] = get(token, 0) + n
    return Counter(out)


def count_words_nltk(texts: str | Iterable[str]) -> Counter:
    """The textbook NLTK pipeline: Punkt sentences, Treebank words, Counter.

    Tokens are then lower-cased and reduced to their letter runs (Treebank
    keeps "pak-afghan", "u.s." and "1,140.17" as one token each; their
    letter runs are "pak"/"afghan", "u"/"s" and nothing), so that both
    pipelines count the same thing.  Punkt uses the project's abbreviation
    list (:func:`analysis.corpus.text.sentence_splitter`), as NLTK's pre-trained
    model would need a download.

    Examples
    --------
    >>> count_words_nltk("The border can't stay closed. The border is open.")["ca"]
    1
    """
    from nltk.tokenize import TreebankWordTokenizer

    if isinstance(texts, str):
        texts = [texts]
    splitter, words = text.sentence_splitter(), TreebankWordTokenizer()
    counts: Counter = Counter()
    for text_ in texts:
        for sentence in splitter.tokenize(text_):
            for token in words.tokenize(sentence):
                counts.update(WORD_RE.findall(token.lower()))
    return counts
