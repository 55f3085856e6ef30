"""Readers' names for the machine names of table columns and sides.

A CSV keeps the names the code uses (``count_target``, ``third_party``); a
table on the page shows the reader's name.  Every chapter's tables folder
gets a ``data_dictionary.csv`` that maps one to the other (written by
:class:`analysis.book.report.Chapter`).  A chapter can add or override
labels for one table with ``ch.table(..., labels={...})``.
"""

from __future__ import annotations

#: Column name -> what a reader sees.  Shared by every chapter.
COLUMNS = {
    "doc_id": "document",
    "id": "document",
    "sent_index": "sentence",
    "token_index": "token",
    "n_docs": "texts",
    "n_sentences": "sentences",
    "n_tokens": "tokens",
    "n_documents": "texts",
    "chars": "characters",
    "chars_raw": "characters in the file",
    "chars_kept": "characters of body text",
    "chars_removed": "characters removed",
    "tokens_per_sentence": "tokens per sentence",
    "outlet_country": "outlet's country",
    "date_meaning": "what the date is",
    "per_10k": "per 10,000 tokens",
    "count": "count",
    "term": "term",
    "rank": "rank",
    "g2": "G²",
    "log_ratio": "log ratio",
    "count_target": "count in the text or group",
    "count_reference": "count in the rest",
    "per_10k_target": "per 10,000 in the text or group",
    "per_10k_reference": "per 10,000 in the rest",
    "direction": "direction",
    "key": "key term",
    "compound": "VADER compound",
    "mean": "mean",
    "low": "95% interval, low",
    "high": "95% interval, high",
    "ci_low": "95% interval, low",
    "ci_high": "95% interval, high",
    "share": "share",
    "topic_share": "share of the score from topic words",
    "with_term": "sentences with the term",
    "verb_class": "kind of verb",
    "side": "side",
    "agent_side": "who acts (side)",
    "target_side": "towards whom (side)",
    "speaker_side": "speaker's side",
    "frame": "frame",
    "mentions": "mentions",
    "sentence": "sentence",
    "text": "text",
    "excerpt": "first words",
    "kind": "kind",
    "start": "start (character)",
    "end": "end (character)",
    "year": "year",
    "flow": "flow",
    "value": "value",
    "value_usd_m": "USD million",
    "source": "source",
    "basis": "basis",
    "pct_if_calendar_years_counted": "% if the calendar years are counted as steps",
    "stated_pct": "stated %",
    "recomputed_pct": "recomputed %",
    "periods": "yearly steps",
    "fact_check": "what the record says (fact check)",
}

#: Side key -> display name.  The order is the book's order of the four sides.
SIDES = {
    "pakistan": "Pakistan",
    "afghanistan": "Afghanistan (Taliban government)",
    "militant": "Militant groups",
    "third_party": "Third parties",
}


#: Columns whose values are side keys although their name does not end in
#: "side" (a pair of sides, the two ends of a responsibility edge): shown by
#: display name too.  A value that is not a side key is shown as it is.
SIDE_COLUMNS = ("side_a", "side_b", "agent", "target")


def column_label(name: str, extra: dict | None = None) -> str:
    """The reader's name of a column: ``extra`` first, then :data:`COLUMNS`, else the name with spaces.

    >>> column_label("count_target"), column_label("n_words"), column_label("x", {"x": "ex"})
    ('count in the text or group', 'n words', 'ex')
    """
    if extra and name in extra:
        return extra[name]
    return COLUMNS.get(name, str(name).replace("_", " "))
