"""Keyness and collocations: which terms set a text (or group) apart, which words go together.

Keyness compares how often each term occurs in a *target* (one document, or
a group of documents) with a *reference* (the rest of the corpus):

* **significance**: Dunning's (1993) log-likelihood ratio G² on the 2×2
  table of the term's count and all other tokens in target and reference;
  G² ≥ 6.63 is p < 0.01 for one degree of freedom (:data:`G2_P01`);
* **effect size**: Hardie's (2014) *log ratio*, the binary logarithm of the
  ratio of the term's relative frequencies: +1 means twice as frequent in
  the target, −1 half as frequent.

G² says whether a difference is unlikely to be chance, log ratio says how
large it is; with texts of a few thousand words a large ratio can rest on a
handful of occurrences, so the chapter shows both.

Collocations are pairs of adjacent terms that occur together more often
than their frequencies predict, scored with NLTK's
:class:`~nltk.collocations.BigramCollocationFinder` (no downloaded data).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

#: Critical value of chi-squared with 1 df for p < 0.01 (Rayson & Garside 2000 use
#: 3.84 / 6.63 / 10.83 / 15.13 for p < 0.05 / 0.01 / 0.001 / 0.0001).
G2_P01 = 6.63
#: Added to a zero count before taking the log ratio, so a term absent from
#: one side gets a finite value.  Hardie (2014, "Log Ratio: an informal
#: introduction", CASS blog) suggests 0.5; only zero counts are changed.
ZERO_CORRECTION = 0.5


#: Ways to adjust the G² threshold for the number of tests (parameter ``keyness_correction``).
CORRECTIONS = ("none", "bonferroni")


def chi2_sf(g2: float) -> float:
    """p-value of ``g2`` under chi-squared with one degree of freedom.

    For one degree of freedom the survival function has a closed form,
    ``P(X >= x) = erfc(sqrt(x / 2))`` (X is the square of a standard normal
    variable), so no statistics library is needed.

    Examples
    --------
    >>> round(chi2_sf(3.841459), 4)   # the textbook 5 % critical value
    0.05
    >>> chi2_sf(0.0)
    1.0
    """
    if isinstance(g2, bool) or not isinstance(g2, (int, float, np.floating, np.integer)) or g2 < 0:
        raise ValueError(f"chi2_sf: expected a number >= 0, got {g2!r}")
    return math.erfc(math.sqrt(float(g2) / 2))


def chi2_isf(p: float) -> float:
    """G² whose p-value (chi-squared, 1 df) is ``p``: the inverse of :func:`chi2_sf`.

    Found by bisection on :func:`chi2_sf`, which falls monotonically from 1
    at 0; 200 halvings of the bracket ``[0, 1e4]`` (enough for any ``p`` down
    to about 1e-300) leave an error far below the two decimals shown.

    Examples
    --------
    >>> round(chi2_isf(0.01), 2), round(chi2_isf(0.05), 2)   # Rayson & Garside's 6.63 and 3.84
    (6.63, 3.84)
    """
    if isinstance(p, bool) or not isinstance(p, (int, float, np.floating)) or not 0 < p <= 1:
        raise ValueError(f"chi2_isf: expected a p-value in (0, 1], got {p!r}")
    lo, hi = 0.0, 1e4
    for _ in range(200):
        mid = (lo + hi) / 2
        if chi2_sf(mid) > p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def corrected_threshold(threshold: float, n_tests: int, correction: str = "none") -> float:
    """The G² threshold after a correction for ``n_tests`` tests.

    ``"none"`` returns ``threshold`` unchanged.  ``"bonferroni"`` divides its
    p-value (:func:`chi2_sf`) by the number of tests and returns the G² with
    that p-value (:func:`chi2_isf`): the chance that *any* of the tests
    passes when nothing differs is then at most the original p.

    Examples
    --------
    >>> corrected_threshold(6.63, 1635)
    6.63
    >>> round(corrected_threshold(3.841459, 10, "bonferroni"), 2)   # p = 0.005
    7.88
    """
    if correction not in CORRECTIONS:
        raise ParameterError(
            f"keyness_correction: expected one of {', '.join(map(repr, CORRECTIONS))}, got {correction!r}"
        )
    if isinstance(n_tests, bool) or not isinstance(n_tests, (int, np.integer)) or n_tests < 0:
        raise ValueError(f"n_tests: expected an integer >= 0, got {n_tests!r}")
    if correction == "none" or n_tests <= 1:
        return threshold
    return chi2_isf(chi2_sf(threshold) / n_tests)


def expected_false_positives(n_tests: int, threshold: float) -> float:
    """How many of ``n_tests`` tests would reach ``threshold`` by chance alone.

    ``n_tests × p`` with ``p`` = :func:`chi2_sf` of the threshold: the
    expected count when no term truly differs.  The tests of one corpus are
    not independent and small counts follow the chi-squared law only
    roughly, so this is an order of magnitude, not an exact number.

    >>> round(expected_false_positives(1000, 6.634897), 1)   # p = 0.01
    10.0
    """
    return n_tests * chi2_sf(threshold)


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``o * ln(o / e)`` with the limit 0 for ``o == 0``."""
    o, e = np.asarray(o, dtype=float), np.asarray(e, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = o * np.log(o / e)
    return np.where(o > 0, out, 0.0)


def log_likelihood(a, b, n1, n2) -> np.ndarray:
    """Dunning's G² for a term seen ``a`` times in ``n1`` tokens and ``b`` times in ``n2``.

    The 2×2 contingency table is ``[[a, b], [n1 - a, n2 - b]]``; with
    expected counts ``E = row total × column total / N``,
    ``G² = 2 Σ O ln(O / E)`` over all four cells (``0 ln 0 = 0``).

    (The Lancaster "log-likelihood calculator" of Rayson & Garside 2000 sums
    only the two cells of the term itself; the two agree closely when the
    term is rare relative to the corpora, and differ by a few per cent for
    very frequent words.)

    Examples
    --------
    >>> round(float(log_likelihood(10, 0, 100, 100)), 4)
    14.3895
    >>> float(log_likelihood(5, 5, 100, 100))
    0.0
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n1, n2 = np.asarray(n1, dtype=float), np.asarray(n2, dtype=float)
    if np.any(a > n1) or np.any(b > n2) or np.any(a < 0) or np.any(b < 0):
        raise ValueError("log_likelihood: counts must lie between 0 and the corpus size")
    n = n1 + n2
    row_term, row_other = a + b, n - a - b
    cells = [
        (a, row_term * n1 / n),
        (b, row_term * n2 / n),
        (n1 - a, row_other * n1 / n),
        (n2 - b, row_other * n2 / n),
    ]
    return 2 * sum(_xlogx_over(o, e) for o, e in cells)


def log_ratio(a, b, n1, n2, zero: float = ZERO_CORRECTION) -> np.ndarray:
    """Hardie's log ratio: ``log2((a / n1) / (b / n2))``, zero counts replaced by ``zero``.

    Examples
    --------
    >>> float(log_ratio(20, 10, 1000, 1000))   # twice as frequent
    1.0
    >>> float(log_ratio(4, 0, 1000, 1000))     # 4 / 0.5 = 8 = 2**3
    3.0
    """
    a = np.where(np.asarray(a, dtype=float) == 0, zero, a)
    b = np.where(np.asarray(b, dtype=float) == 0, zero, b)
    return np.log2((a / np.asarray(n1, dtype=float)) / (b / np.asarray(n2, dtype=float)))


def keyness(
    target: pd.Series,
    reference: pd.Series,
    n_target: int,
    n_reference: int,
    *,
    threshold: float = G2_P01,
    min_count: int = 1,
) -> pd.DataFrame:
    """Key terms of a target against a reference.

    Parameters
    ----------
    target, reference : Series
        Term counts (index = term).
    n_target, n_reference : int
        Tokens in each (the denominator of the relative frequencies).
    threshold : float
        G² at or above which a term is called key (default 6.63, p < 0.01).
    min_count : int
        Leave out terms seen fewer times in target and reference together.

    Returns
    -------
    DataFrame
        ``term, count_target, count_reference, per_10k_target,
        per_10k_reference, g2, log_ratio, direction, key`` sorted by
        descending G²; ``direction`` is ``"more in target"`` or ``"less in
        target"``.

    Examples
    --------
    >>> k = keyness(pd.Series({"ttp": 10, "the": 5}), pd.Series({"the": 5}), 100, 100)
    >>> k[["term", "direction", "key"]].values.tolist()
    [['ttp', 'more in target', True], ['the', 'same', False]]
    """
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or threshold < 0:
        raise ParameterError(f"keyness_threshold: expected a number >= 0, got {threshold!r}")
    if n_target <= 0 or n_reference <= 0:
        raise ValueError("keyness: target and reference must both contain tokens")
    table = (
        pd.concat([target.rename("count_target"), reference.rename("count_reference")], axis=1)
        .fillna(0)
        .astype(int)
    )
    table = table[table.sum(axis=1) >= min_count]
    a, b = table["count_target"].to_numpy(), table["count_reference"].to_numpy()
    out = table.rename_axis("term").reset_index()
    out["per_10k_target"] = a / n_target * 10_000
    out["per_10k_reference"] = b / n_reference * 10_000
    out["g2"] = log_likelihood(a, b, n_target, n_reference)
    out["log_ratio"] = log_ratio(a, b, n_target, n_reference)
    ra, rb = a / n_target, b / n_reference
    out["direction"] = np.select([ra > rb, ra < rb], ["more in target", "less in target"], "same")
    out["key"] = out["g2"] >= threshold
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _counts(freq: pd.DataFrame, ids: Iterable[str]) -> pd.Series:
    rows = freq[freq["doc_id"].isin(list(ids))]
    return rows.groupby("term")["count"].sum()


def _apply_correction(table: pd.DataFrame, threshold: float, correction: str) -> pd.DataFrame:
    """Recompute ``key`` with the threshold corrected for the table's number of tests (rows)."""
    critical = corrected_threshold(threshold, len(table), correction)
    return table.assign(key=table["g2"] >= critical)


def keyness_each_vs_rest(
    freq: pd.DataFrame,
    lengths: pd.Series,
    *,
    threshold: float = G2_P01,
    min_count: int = 1,
    correction: str = "none",
) -> pd.DataFrame:
    """Keyness of every document against the rest of the corpus.

    ``freq`` is :func:`analysis.methods.words.frequencies` (per-document rows are
    used, the corpus rows ignored); ``lengths`` the tokens per document.
    Needs at least two documents.  Returns the :func:`keyness` columns plus
    ``doc_id``: one row, that is one test, per term and document.  With
    ``correction="bonferroni"`` the ``key`` column uses
    :func:`corrected_threshold` for that number of tests.
    """
    corrected_threshold(threshold, 0, correction)  # check the name before the work
    ids = list(lengths.index)
    if len(ids) < 2:
        raise ValueError("keyness: each document against the rest needs at least two documents")
    parts = []
    for doc_id in ids:
        rest = [d for d in ids if d != doc_id]
        k = keyness(
            _counts(freq, [doc_id]),
            _counts(freq, rest),
            int(lengths[doc_id]),
            int(lengths[rest].sum()),
            threshold=threshold,
            min_count=min_count,
        )
        parts.append(k.assign(doc_id=doc_id))
    out = _apply_correction(pd.concat(parts, ignore_index=True), threshold, correction)
    return out[["doc_id"] + [c for c in out.columns if c != "doc_id"]]


def split_groups(
    documents: pd.DataFrame, spec: dict, universe: pd.DataFrame | None = None
) -> tuple[list[str], list[str], str, str]:
    """Two groups of documents from a manifest field.

    ``spec`` is ``{"field": <column of corpus.documents>, "target": [values]}``:
    documents whose field is one of the values form the target group, all
    others the reference.  Without ``target`` the field must have exactly two
    values and the first (in corpus order) is the target.

    Parameters
    ----------
    documents : DataFrame
        The selected documents (``corpus.documents``).
    spec : dict
        The ``keyness_groups`` parameter.
    universe : DataFrame, optional
        All documents of the manifest, against which the field and values
        are checked (default: ``documents``).  With it, a value that exists
        but is absent from the selection gives an empty group instead of an
        error, so a document subset never breaks the chapter.

    Returns
    -------
    target_ids, reference_ids, target_label, reference_label
        Either id list may be empty.

    Raises
    ------
    ParameterError
        For an unknown field or value (the message lists the valid ones).

    Examples
    --------
    >>> docs = pd.DataFrame({"id": ["a", "b", "c"], "country": ["PK", "AF", "PK"]})
    >>> split_groups(docs, {"field": "country", "target": ["PK"]})
    (['a', 'c'], ['b'], 'country = PK', 'country ≠ PK')
    >>> split_groups(docs[docs.id == "b"], {"field": "country", "target": ["PK"]}, universe=docs)
    ([], ['b'], 'country = PK', 'country ≠ PK')
    """
    universe = documents if universe is None else universe
    if not isinstance(spec, dict) or "field" not in spec:
        raise ParameterError(
            "keyness_groups: expected a mapping like {'field': 'outlet_country', 'target': ['Pakistan']}"
        )
    field = spec["field"]
    usable = [c for c in universe.columns if c in documents.columns and c != "body"]
    if field not in usable or field not in documents.columns:
        raise ParameterError(f"keyness_groups: unknown field {field!r}; valid fields: {', '.join(usable)}")
    all_values = list(dict.fromkeys(universe[field].astype(str)))
    target = spec.get("target")
    if target in (None, [], ""):
        if len(all_values) != 2:
            raise ParameterError(
                f"keyness_groups: field {field!r} has {len(all_values)} values "
                f"({', '.join(all_values)}); name the target group's values with 'target'"
            )
        target = [all_values[0]]
    if isinstance(target, str):
        target = [target]
    target = [str(t) for t in target]
    unknown = [t for t in target if t not in all_values]
    if unknown:
        raise ParameterError(
            f"keyness_groups: value(s) {', '.join(map(repr, unknown))} not found in field {field!r}; "
            f"valid values: {', '.join(sorted(all_values))}"
        )
    mask = documents[field].astype(str).isin(target)
    label = " or ".join(target)
    return (
        documents.loc[mask, "id"].tolist(),
        documents.loc[~mask, "id"].tolist(),
        f"{field} = {label}",
        f"{field} ≠ {label}",
    )


def keyness_groups(
    freq: pd.DataFrame,
    lengths: pd.Series,
    target_ids: list[str],
    reference_ids: list[str],
    *,
    threshold: float = G2_P01,
    min_count: int = 1,
    correction: str = "none",
) -> pd.DataFrame:
    """Keyness of one group of documents against another (see :func:`split_groups`).

    One row (one test) per term; ``correction`` as in :func:`keyness_each_vs_rest`.
    """
    corrected_threshold(threshold, 0, correction)
    if not target_ids or not reference_ids:
        raise ValueError("keyness: both groups need at least one document")
    out = keyness(
        _counts(freq, target_ids),
        _counts(freq, reference_ids),
        int(lengths[target_ids].sum()),
        int(lengths[reference_ids].sum()),
        threshold=threshold,
        min_count=min_count,
    )
    return _apply_correction(out, threshold, correction)


def strongest(key_table: pd.DataFrame, n: int, by: str | None = None) -> pd.DataFrame:
    """The ``n`` key terms with the highest G² in each direction (per ``by`` group if given).

    Only rows with ``key`` true are used.
    """
    rows = key_table[key_table["key"] & (key_table["direction"] != "same")]
    groups = ([by] if by else []) + ["direction"]
    return (
        rows.sort_values("g2", ascending=False, kind="stable")
        .groupby(groups, sort=False)
        .head(n)
        .reset_index(drop=True)
    )


def collocations(
    stream: pd.DataFrame, *, min_count: int = 3, top_n: int | None = 20, measure: str = "likelihood_ratio"
) -> pd.DataFrame:
    """Bigram collocations of the term stream, scored by NLTK.

    Each sentence is one sequence, so pairs never cross a sentence end.  A
    pair is kept if both terms are counted terms (not stop words or numbers)
    and it occurs at least ``min_count`` times.  NLTK's
    ``likelihood_ratio`` is Dunning's G² for the pair; ``pmi`` is pointwise
    mutual information, log2 of observed over expected, which favours rare
    pairs (hence the minimum count).

    Parameters
    ----------
    stream : DataFrame
        :func:`analysis.methods.words.term_stream`.
    min_count : int
        Minimum count of the pair.
    top_n : int or None
        Pairs returned (``None``: all, e.g. to find every pair tied for first place).
    measure : {"likelihood_ratio", "pmi"}
        Sort key.

    Returns
    -------
    DataFrame
        ``first, second, count, likelihood_ratio, pmi``.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": "d", "sent_index": [0, 0, 0, 1, 1, 1],
    ...     "term": ["durand line", "dispute", "the", "durand line", "dispute", "ends"],
    ...     "counted": [True, True, False, True, True, True]})
    >>> collocations(st, min_count=2)[["first", "second", "count"]].values.tolist()
    [['durand line', 'dispute', 2]]
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    if measure not in ("likelihood_ratio", "pmi"):
        raise ParameterError(f"collocation measure: expected 'likelihood_ratio' or 'pmi', got {measure!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ParameterError(f"min_count: expected an integer >= 1, got {min_count!r}")
    sentences = [g["term"].tolist() for _, g in stream.groupby(["doc_id", "sent_index"], sort=False)]
    kept = set(stream.loc[stream["counted"], "term"])
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_word_filter(lambda w: w not in kept)
    finder.apply_freq_filter(min_count)
    m = BigramAssocMeasures()
    llr = dict(finder.score_ngrams(m.likelihood_ratio))
    pmi = dict(finder.score_ngrams(m.pmi))
    rows = [(w1, w2, finder.ngram_fd[(w1, w2)], llr[(w1, w2)], pmi[(w1, w2)]) for (w1, w2) in llr]
    out = pd.DataFrame(rows, columns=["first", "second", "count", "likelihood_ratio", "pmi"])
    return (
        out.sort_values([measure, "first", "second"], ascending=[False, True, True], kind="stable")
        .head(len(out) if top_n is None else top_n)
        .reset_index(drop=True)
    )
