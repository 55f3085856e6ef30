"""Trade figures in the cleaned sentences: amount, unit, year, flow and source sentence.

:func:`extract_figures` finds every amount in US dollars and every trade
percentage, with the rule that gave its year and flow.  Flows are named as in
``data/trade/trade_reference.csv``: ``pak_exports_to_afg``,
``pak_imports_from_afg`` and ``total_bilateral``; values are USD million.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.corpus.text import NUMBER_WORDS

EXPORTS, IMPORTS, TOTAL = "pak_exports_to_afg", "pak_imports_from_afg", "total_bilateral"
FLOWS = (EXPORTS, IMPORTS, TOTAL)
FLOW_LABELS = {
    EXPORTS: "Pakistan's exports to Afghanistan",
    IMPORTS: "Pakistan's imports from Afghanistan",
    TOTAL: "total bilateral trade",
}


#: USD million per unit word.
UNIT_SCALE = {"million": 1.0, "mn": 1.0, "m": 1.0, "billion": 1000.0, "bn": 1000.0}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT_RE = re.compile(r"(?:US\s?)?\$\s?(?P<num>" + _NUMBER + r")\s*(?P<unit>million|billion|mn|bn)\b", re.I)
PERCENT_RE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b)", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
#: An author-year citation such as "(Shakoor, 2025)" or "(Tariq, Khan, & Khan, 2020)":
#: its year is the date of a source, not of a trade figure.
CITATION_RE = re.compile(r"\([^()]*?,\s*(?:19|20)\d\d[a-z]?\)")
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
YEAR_SPAN_RE = re.compile(
    r"(?:from\s+|between\s+)?(?:" + _MONTHS + r"\s+)?(?P<y1>(?:19|20)\d\d)\s*"
    r"(?:to|and|-|–|—)\s*(?:" + _MONTHS + r"\s+)?(?P<y2>(?:19|20)\d\d)\b"
)
FISCAL_SPAN_RE = re.compile(r"\bJuly\s+(?:19|20)\d\d\s+to\s+June\s+(?:19|20)\d\d\b")
PERIOD_WORDS_RE = re.compile(r"\b(?P<n>\w+)[- ]year period\b", re.I)
#: Words for the length of a stated period ("a five-year period"): two to ten.
_NUMBER_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n >= 2}

_FLOW_WORDS = [
    (re.compile(r"\bexport(?:s|ed|ing)?\b", re.I), EXPORTS),
    (re.compile(r"\bimport(?:s|ed|ing)?\b", re.I), IMPORTS),
    (re.compile(r"\b(?:bilateral trade|total trade|trade between)\b", re.I), TOTAL),
]
#: A destination or origin right after the flow word decides the direction
#: from Pakistan's side: "to Afghanistan" is an export, "from Afghanistan" an
#: import (and the reverse for "to/from Pakistan").
_DIRECTION_RE = re.compile(r"^\s*(?P<prep>to|into|from)\s+(?P<country>Afghanistan|Pakistan)\b", re.I)
_DIRECTION = {
    ("to", "afghanistan"): EXPORTS,
    ("into", "afghanistan"): EXPORTS,
    ("from", "afghanistan"): IMPORTS,
    ("to", "pakistan"): IMPORTS,
    ("into", "pakistan"): IMPORTS,
    ("from", "pakistan"): EXPORTS,
}
_TRADE_CONTEXT_RE = re.compile(r"\b(?:trade|export|import|CAGR|growth)", re.I)


def mask_citations(text: str) -> str:
    """Blank out author-year citations, keeping every other character's position.

    Examples
    --------
    >>> mask_citations("fell to $805.14 million (Shakoor, 2025).")
    'fell to $805.14 million                .'
    """
    return CITATION_RE.sub(lambda m: " " * len(m.group()), text)


def parse_number(text: str) -> float:
    """``"1,140.17"`` -> ``1140.17``.

    >>> parse_number("1,140.17")
    1140.17
    """
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _flow_at(text: str, start: int, end: int) -> tuple[str | None, str, str]:
    """Flow of the figure at ``text[start:end]``: (flow, words as written, note).

    The flow word nearest to the figure wins, a word before the figure
    counting as nearer than one after at the same distance.  A direction
    right after the flow word ("imports to Afghanistan") outranks the word
    itself; a conflict between the two is reported in the note.
    """
    best = None
    for regex, flow in _FLOW_WORDS:
        for m in regex.finditer(text):
            dist = start - m.end() if m.end() <= start else (m.start() - end) + 0.5
            if dist < 0:
                continue
            if best is None or dist < best[0]:
                best = (dist, m, flow)
    if best is None:
        return None, "", ""
    _, m, flow = best
    worded = m.group()
    direction = _DIRECTION_RE.match(text[m.end() :])
    note = ""
    if direction and flow != TOTAL:
        key = (direction["prep"].lower(), direction["country"].lower())
        by_direction = _DIRECTION[key]
        worded = f"{worded} {direction['prep']} {direction['country']}"
        if by_direction != flow:
            note = (
                f"worded as {worded!r}: the direction ('{direction['prep']} "
                f"{direction['country']}') makes it {FLOW_LABELS[by_direction]}; "
                f"the word '{m.group()}' contradicts it"
            )
        flow = by_direction
    return flow, worded, note


def _year_at(masked: str, start: int, end: int) -> tuple[int | None, str]:
    """Year of the figure at ``masked[start:end]`` and how it was found.

    Rules, in order: a year right after the amount ("$880.07 million in
    2023"); else the nearest year before it in the sentence ("In 2020,
    Pakistan exported goods worth $852.31 million"); else the nearest after.
    Citation years must already be masked.
    """
    after = re.match(r"^\s*(?:in|for|during)\s+(?:the\s+year\s+)?((?:19|20)\d\d)\b", masked[end:], re.I)
    if after:
        return int(after.group(1)), "year right after the amount"
    years = [(m.start(), int(m.group())) for m in YEAR_RE.finditer(masked)]
    before = [(start - p, y) for p, y in years if p < start]
    if before:
        return min(before)[1], "nearest year before the amount"
    later = [(p - end, y) for p, y in years if p >= end]
    if later:
        return min(later)[1], "nearest year after the amount"
    return None, "no year in the sentence"


def span_as_worded(masked: str, year: int | None, year_end: int | None, is_rate: bool) -> str:
    """The words of the sentence that give a figure's period ("in 2023", "July 2020 to June 2024").

    For a rate, every span the sentence states (a July-June span first); for
    an amount, the phrase naming its year.  Empty when the sentence names no
    period (the year was taken from elsewhere).

    Examples
    --------
    >>> span_as_worded("Imports rose to $880.07 million in 2023.", 2023, 2023, False)
    'in 2023'
    >>> span_as_worded("during July 2020 to June 2024 ... from 2020 to 2024 with a CAGR", 2020, 2024, True)
    'July 2020 to June 2024; from 2020 to 2024'
    """
    if is_rate:
        spans = [m.group() for m in FISCAL_SPAN_RE.finditer(masked)]
        spans += [
            m.group().strip() for m in YEAR_SPAN_RE.finditer(masked) if not FISCAL_SPAN_RE.search(m.group())
        ]
        period = PERIOD_WORDS_RE.search(masked)
        if not spans and period:
            spans = [period.group()]
        return "; ".join(dict.fromkeys(spans))
    if year is None:
        return ""
    m = re.search(rf"\b(?:in|for|during|by)\s+(?:the\s+year\s+)?{year}\b", masked, re.I)
    return m.group() if m else str(year) if str(year) in masked else ""


def extract_figures(sentences: pd.DataFrame) -> pd.DataFrame:
    """Every trade figure in the sentences: amounts in USD and trade percentages.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, sent_index, text`` (the corpus ``sentences`` table, cleaned
        text).

    Returns
    -------
    DataFrame
        One row per figure: ``doc_id, sent_index, measure`` (``value`` for an
        amount, ``cagr_pct`` for a compound annual growth rate, ``pct`` for
        another trade percentage), ``flow``, ``flow_as_worded``, ``flow_note``,
        ``year`` (for a value) or ``year`` and ``year_end`` (the period of a
        rate), ``year_rule``, ``value`` (as written), ``unit``
        (``USD million``/``USD billion``/``percent``), ``value_usd_mn``,
        ``decimals`` (stated precision), ``stated_period_years`` (e.g. 5 for
        "five-year period"), ``fiscal_framing`` (the sentence frames its period
        as July-June), ``span_as_worded`` (see :func:`span_as_worded`),
        ``match`` and ``sentence``.

    Notes
    -----
    Years in author-year citations ("(Shakoor, 2025)") are ignored.  A rate
    with no year span in its sentence takes the last span stated earlier in
    the same document ("over the 5-year period" after "from 2020 to 2024");
    ``year_rule`` says so.  A sentence whose flow word is missing takes the
    flow of the previous figure in the same document.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_index": [0],
    ...     "text": ["In 2024, the bilateral trade between A and B stood at $1.6 billion."]})
    >>> extract_figures(s)[["flow", "year", "value", "unit", "value_usd_mn"]].values.tolist()
    [['total_bilateral', 2024, 1.6, 'USD billion', 1600.0]]
    """
    rows = []
    last_span: dict[str, tuple[int, int, int]] = {}
    last_flow: dict[str, str] = {}
    for rec in sentences.sort_values(["doc_id", "sent_index"], kind="stable").itertuples():
        text, doc = rec.text, rec.doc_id
        masked = mask_citations(text)
        span = YEAR_SPAN_RE.search(masked)
        if span:
            last_span[doc] = (int(span["y1"]), int(span["y2"]), rec.sent_index)
        hits = [("value", m) for m in AMOUNT_RE.finditer(masked)]
        if _TRADE_CONTEXT_RE.search(text):
            hits += [("pct", m) for m in PERCENT_RE.finditer(masked)]
        for kind, m in sorted(hits, key=lambda h: h[1].start()):
            flow, worded, note = _flow_at(masked, m.start(), m.end())
            if flow is None and doc in last_flow:
                flow, note = last_flow[doc], "no flow word in the sentence: flow of the previous figure"
            if flow is not None:
                last_flow[doc] = flow
            period = PERIOD_WORDS_RE.search(text)
            n_words = None
            if period:
                word = period["n"].lower()
                n_words = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
            row = {
                "doc_id": doc,
                "sent_index": int(rec.sent_index),
                "flow": flow,
                "flow_as_worded": worded,
                "flow_note": note,
                "stated_period_years": n_words,
                "fiscal_framing": bool(FISCAL_SPAN_RE.search(text)),
                "span_as_worded": "",
                "match": m.group(),
                "sentence": text,
            }
            if kind == "value":
                unit_word = m["unit"].lower()
                value = parse_number(m["num"])
                year, rule = _year_at(masked, m.start(), m.end())
                row.update(
                    measure="value",
                    value=value,
                    unit="USD billion" if UNIT_SCALE[unit_word] > 1 else "USD million",
                    value_usd_mn=round(value * UNIT_SCALE[unit_word], 6),
                    decimals=_decimals(m["num"]),
                    year=year,
                    year_end=year,
                    year_rule=rule,
                    span_as_worded=span_as_worded(masked, year, year, False),
                )
            else:
                is_cagr = bool(re.search(r"\bCAGR\b|compound annual growth", text, re.I))
                if span:
                    y1, y2, rule = int(span["y1"]), int(span["y2"]), "year span in the sentence"
                elif doc in last_span:
                    y1, y2, src = last_span[doc]
                    rule = f"year span of sentence {src} of the same document"
                else:
                    y1 = y2 = None
                    rule = "no year span stated"
                row.update(
                    measure="cagr_pct" if is_cagr else "pct",
                    value=parse_number(m["num"]),
                    unit="percent",
                    value_usd_mn=np.nan,
                    decimals=_decimals(m["num"]),
                    year=y1,
                    year_end=y2,
                    year_rule=rule,
                    span_as_worded=span_as_worded(masked, y1, y2, True),
                )
            rows.append(row)
    cols = [
        "doc_id",
        "sent_index",
        "measure",
        "flow",
        "flow_as_worded",
        "flow_note",
        "year",
        "year_end",
        "year_rule",
        "value",
        "unit",
        "value_usd_mn",
        "decimals",
        "stated_period_years",
        "fiscal_framing",
        "span_as_worded",
        "match",
        "sentence",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for col in ("year", "year_end", "stated_period_years"):
        out[col] = out[col].astype("Int64")
    return out
