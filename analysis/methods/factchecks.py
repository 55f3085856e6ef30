"""Fact-check notes: sentences that state a checkable error, and what the record says.

The curated table ``data/factchecks/factchecks.csv`` (see its README) holds
one row per known error: a regular expression for the claim, the claim as
the text makes it, what the record says and its source.  :func:`flag` finds
every sentence that matches, so a chapter can show the note beside the
sentence; the text itself is never changed.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import paths
from analysis.errors import CorpusError

FACTCHECKS_CSV = paths.DATA / "factchecks" / "factchecks.csv"

#: Columns of the curated table, in order.
COLUMNS = ["check_id", "claim_pattern", "text_says", "record_says", "source", "url", "note"]

#: Columns of :func:`flag`.
FLAG_COLUMNS = ["doc_id", "sent_index", "check_id", "matched"] + COLUMNS[2:] + ["sentence"]


def load(path=None) -> pd.DataFrame:
    """The curated fact checks, each pattern compiled (a bad one names its ``check_id``)."""
    path = path or FACTCHECKS_CSV
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}")
    if table["check_id"].duplicated().any():
        raise CorpusError(f"{path}: check_id must be unique")
    for row in table.itertuples():
        try:
            re.compile(row.claim_pattern)
        except re.error as exc:
            raise CorpusError(
                f"{path}: check {row.check_id!r}: claim_pattern is not a valid regex ({exc})"
            ) from None
    return table[COLUMNS]


def flag(sentences: pd.DataFrame, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every sentence that matches a fact check, with the note to show beside it.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, sent_index, text`` (the corpus ``sentences`` table).
    checks : DataFrame, optional
        The curated table (default: :func:`load`).

    Returns
    -------
    DataFrame
        One row per (sentence, check) match: ``doc_id, sent_index, check_id,
        matched`` (the words that matched), ``text_says, record_says, source,
        url, note`` and ``sentence`` (unchanged).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_index": [0, 1],
    ...     "text": ["After the capture of Osama bin Laden in 2011 ...", "Bin Laden was killed in 2011."]})
    >>> flag(s)[["sent_index", "check_id"]].values.tolist()
    [[0, 'bin_laden_captured']]
    """
    checks = load() if checks is None else checks
    rows = []
    for check in checks.itertuples():
        pattern = re.compile(check.claim_pattern, re.IGNORECASE)
        for sent in sentences.itertuples():
            m = pattern.search(sent.text)
            if m:
                rows.append(
                    {
                        "doc_id": sent.doc_id,
                        "sent_index": int(sent.sent_index),
                        "check_id": check.check_id,
                        "matched": m.group(),
                        "text_says": check.text_says,
                        "record_says": check.record_says,
                        "source": check.source,
                        "url": check.url,
                        "note": check.note,
                        "sentence": sent.text,
                    }
                )
    out = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    return out.sort_values(["doc_id", "sent_index", "check_id"], kind="stable").reset_index(drop=True)


#: Name of the note column a chapter table gets (:func:`notes`).
NOTE_COLUMN = "fact_check"

#: Between two notes of one sentence (a record may itself hold "; ").
NOTE_SEPARATOR = " | "


def note_text(record_says: str, source: str, url: str) -> str:
    """One note as a table shows it: what the record says, then where.

    >>> note_text("He was killed.", "A reference", "https://example.org")
    'He was killed. (A reference, https://example.org)'
    """
    return f"{record_says} ({source}, {url})"


def notes(rows: pd.DataFrame, sentences: pd.DataFrame, checks: pd.DataFrame | None = None) -> pd.Series:
    """The fact-check note of each row's sentence, ``""`` where none; aligned with ``rows``.

    Parameters
    ----------
    rows : DataFrame
        Any table that quotes sentences, with ``doc_id`` and ``sent_index``
        (a missing ``sent_index`` gets no note).
    sentences : DataFrame
        The corpus ``sentences`` table (``doc_id, sent_index, text``): the
        whole sentence is checked, not the excerpt a table may show.
    checks : DataFrame, optional
        The curated table (default: :func:`load`).

    Returns
    -------
    Series of str
        Several matches of one sentence are joined by :data:`NOTE_SEPARATOR`.  The sentence
        itself is not changed.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_index": [0, 1],
    ...     "text": ["After the capture of Osama bin Laden in 2011 ...", "Nothing to check."]})
    >>> notes(pd.DataFrame({"doc_id": ["d", "d"], "sent_index": [1, 0]}), s).str[:30].tolist()
    ['', 'Osama bin Laden was killed, no']
    """
    if rows.empty:
        return pd.Series([], index=rows.index, dtype=str)
    keys = [
        (d, int(i)) if pd.notna(i) else None for d, i in zip(rows["doc_id"], rows["sent_index"], strict=True)
    ]
    wanted = {k for k in keys if k is not None}
    index = pd.Series(
        list(zip(sentences["doc_id"], sentences["sent_index"].astype(int), strict=True)),
        index=sentences.index,
    )
    quoted = sentences[index.isin(wanted)]
    flags = flag(quoted, checks)
    found: dict = {}
    for r in flags.itertuples():
        found.setdefault((r.doc_id, r.sent_index), []).append(note_text(r.record_says, r.source, r.url))
    return pd.Series(
        [NOTE_SEPARATOR.join(found.get(k, [])) if k is not None else "" for k in keys],
        index=rows.index,
        dtype=str,
    )


def with_notes(
    rows: pd.DataFrame, sentences: pd.DataFrame, checks: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``rows`` with a :data:`NOTE_COLUMN` column (:func:`notes`) added at the end."""
    return rows.assign(**{NOTE_COLUMN: notes(rows, sentences, checks)})
