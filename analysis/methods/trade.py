"""Trade figures: extracted from the texts, tabulated, checked, and a closure scenario.

The academic article in the corpus (``tariq2026``, citing Shakoor 2025 /
Pakistan Business Council, who cite the Pakistan Bureau of Statistics) states
Pakistan's exports to and imports from Afghanistan for some calendar years
2020-2024 and two compound annual growth rates; another text
(``hashemite2025``) states a bilateral total for 2024.  This module

* finds every trade figure in the *cleaned* sentences (:func:`extract_figures`):
  amount, unit, year, flow, and the sentence and document it comes from;
* builds the year-by-flow series with missing years left missing
  (:func:`seed_series`, :func:`interpolate_series` only on request);
* recomputes balance, total and CAGR (:func:`cagr`, :func:`balance_and_total`,
  :func:`cagr_check`);
* checks every numeric claim against the recomputation and the published
  series in ``data/trade/trade_reference.csv`` (:func:`check_claims`);
* estimates the trade forgone during a border closure
  (:func:`forgone_trade`, :func:`scenario_path`) and lists the press figures
  beside it (:func:`press_figures`) without silently converting rupees.

Flows are named as in ``trade_reference.csv``: ``pak_exports_to_afg``,
``pak_imports_from_afg`` and ``total_bilateral``; values are USD million.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis import paths
from analysis.errors import ParameterError

EXPORTS, IMPORTS, TOTAL = "pak_exports_to_afg", "pak_imports_from_afg", "total_bilateral"
FLOWS = (EXPORTS, IMPORTS, TOTAL)
FLOW_LABELS = {
    EXPORTS: "Pakistan's exports to Afghanistan",
    IMPORTS: "Pakistan's imports from Afghanistan",
    TOTAL: "total bilateral trade",
}

TRADE_DIR = paths.DATA / "trade"
SEED_FIGURES_CSV = TRADE_DIR / "seed_trade_figures.csv"
REFERENCE_CSV = TRADE_DIR / "trade_reference.csv"
CLOSURE_CSV = TRADE_DIR / "border_closure_2025.csv"

#: USD million per unit word.
UNIT_SCALE = {"million": 1.0, "mn": 1.0, "m": 1.0, "billion": 1000.0, "bn": 1000.0}

#: Days in the baseline year used to turn an annual total into a daily rate.
#: 365 (not 366 for 2024): the scenario is a rate per ordinary day, and the
#: 0.3 % difference is far below the uncertainty of the share parameter.
DAYS_PER_YEAR = 365

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
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

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
        as July-June), ``match`` and ``sentence``.

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
        "match",
        "sentence",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for col in ("year", "year_end", "stated_period_years"):
        out[col] = out[col].astype("Int64")
    return out


# -- curated data ------------------------------------------------------------

#: Columns of ``seed_trade_figures.csv`` that must equal what extraction finds.
SEED_KEY_COLUMNS = ["doc_id", "sent_index", "measure", "flow", "year", "year_end", "value", "unit"]


def load_seed_figures(path=None) -> pd.DataFrame:
    """The curated seed figures (``data/trade/seed_trade_figures.csv``)."""
    df = pd.read_csv(path or SEED_FIGURES_CSV)
    for col in ("year", "year_end"):
        df[col] = df[col].astype("Int64")
    return df


def load_reference(path=None) -> pd.DataFrame:
    """Published series (``data/trade/trade_reference.csv``), one row per period and flow."""
    return pd.read_csv(path or REFERENCE_CSV, dtype={"period": str})


def load_closure(path=None) -> pd.DataFrame:
    """Press reports on the 2025 closure (``data/trade/border_closure_2025.csv``)."""
    return pd.read_csv(path or CLOSURE_CSV, dtype={"value": str, "date_reported": str})


# -- series ----------------------------------------------------------------------


def seed_series(
    figures: pd.DataFrame, flows=(EXPORTS, IMPORTS), years: tuple[int, int] | None = None
) -> pd.DataFrame:
    """Year-by-flow table of stated values; a year with no figure is kept, as missing.

    Parameters
    ----------
    figures : DataFrame
        Output of :func:`extract_figures` (or the curated seed table).
    flows : sequence of str
        Flows to tabulate.
    years : (int, int), optional
        First and last year (default: the span of the stated years).

    Returns
    -------
    DataFrame
        ``year, flow, value_usd_mn, status`` (``stated`` or ``missing``),
        ``doc_id, sent_index``.

    Examples
    --------
    >>> f = pd.DataFrame({"measure": ["value", "value"], "flow": ["x", "x"], "year": [2020, 2022],
    ...                   "value_usd_mn": [1.0, 2.0], "doc_id": ["d", "d"], "sent_index": [0, 1]})
    >>> seed_series(f, flows=["x"])[["year", "status"]].values.tolist()
    [[2020, 'stated'], [2021, 'missing'], [2022, 'stated']]
    """
    vals = figures[
        (figures["measure"] == "value") & figures["flow"].isin(flows) & figures["year"].notna()
    ].copy()
    vals["year"] = vals["year"].astype(int)
    vals = vals.drop_duplicates(["year", "flow"], keep="first")
    if years is None:
        years = (int(vals["year"].min()), int(vals["year"].max()))
    grid = pd.MultiIndex.from_product(
        [range(years[0], years[1] + 1), list(flows)], names=["year", "flow"]
    ).to_frame(index=False)
    out = grid.merge(
        vals[["year", "flow", "value_usd_mn", "doc_id", "sent_index"]], on=["year", "flow"], how="left"
    )
    out["status"] = np.where(out["value_usd_mn"].notna(), "stated", "missing")
    out["sent_index"] = out["sent_index"].astype("Int64")
    return out[["year", "flow", "value_usd_mn", "status", "doc_id", "sent_index"]]


INTERPOLATION_METHODS = ("none", "linear", "geometric")


def interpolate_series(series: pd.DataFrame, method: str = "none") -> pd.DataFrame:
    """Fill missing years between stated ones, marking them ``interpolated``.

    ``linear`` joins the neighbours with a straight line; ``geometric``
    assumes a constant growth rate between them.  Years before the first or
    after the last stated value stay missing (no extrapolation).

    Examples
    --------
    >>> s = pd.DataFrame({"year": [2020, 2021, 2022], "flow": ["x"] * 3,
    ...                   "value_usd_mn": [100.0, None, 400.0], "status": ["stated", "missing", "stated"]})
    >>> interpolate_series(s, "geometric")["value_usd_mn"].tolist()
    [100.0, 200.0, 400.0]
    >>> interpolate_series(s, "linear")["status"].tolist()
    ['stated', 'interpolated', 'stated']
    """
    if method not in INTERPOLATION_METHODS:
        raise ParameterError(
            f"parameter 'interpolate' expects one of {', '.join(INTERPOLATION_METHODS)}, got {method!r}"
        )
    out = series.copy()
    if method == "none":
        return out
    parts = []
    for _, grp in out.groupby("flow", sort=False):
        grp = grp.sort_values("year").copy()
        vals = grp["value_usd_mn"].astype(float)
        if method == "linear":
            filled = pd.Series(
                np.interp(grp["year"], grp["year"][vals.notna()], vals.dropna()), index=grp.index
            )
        else:
            filled = pd.Series(
                np.exp(np.interp(grp["year"], grp["year"][vals.notna()], np.log(vals.dropna()))),
                index=grp.index,
            )
        known = grp["year"][vals.notna()]
        inside = grp["year"].between(known.min(), known.max())
        new = vals.isna() & inside
        grp.loc[new, "value_usd_mn"] = filled[new].round(2)
        grp.loc[new, "status"] = "interpolated"
        parts.append(grp)
    return pd.concat(parts).sort_values(["year", "flow"], kind="stable").reset_index(drop=True)


def balance_and_total(series: pd.DataFrame) -> pd.DataFrame:
    """Per year: exports, imports, balance (exports - imports) and total, where both are known.

    ``basis_note`` says when a value rests on an interpolated figure.

    Examples
    --------
    >>> s = pd.DataFrame({"year": [2024, 2024], "flow": [EXPORTS, IMPORTS],
    ...                   "value_usd_mn": [1140.17, 566.44], "status": ["stated", "stated"]})
    >>> balance_and_total(s)[["total", "balance"]].round(2).values.tolist()
    [[1706.61, 573.73]]
    """
    wide = series.pivot(index="year", columns="flow", values="value_usd_mn")
    status = series.pivot(index="year", columns="flow", values="status")
    for flow in (EXPORTS, IMPORTS):
        if flow not in wide:
            wide[flow] = np.nan
            status[flow] = "missing"
    out = pd.DataFrame(
        {
            "year": wide.index,
            "exports": wide[EXPORTS].values,
            "imports": wide[IMPORTS].values,
        }
    )
    out["balance"] = (out["exports"] - out["imports"]).round(2)
    out["total"] = (out["exports"] + out["imports"]).round(2)
    interp = (status[EXPORTS].eq("interpolated") | status[IMPORTS].eq("interpolated")).values
    out["basis_note"] = np.where(
        out["total"].isna(),
        "a flow is missing",
        np.where(interp, "uses an interpolated value", "both flows stated"),
    )
    return out.reset_index(drop=True)


def cagr(start: float, end: float, periods: int) -> float:
    """Compound annual growth rate: ``(end / start) ** (1 / periods) - 1``.

    ``periods`` counts the compounding steps: from 2020 to 2024 there are
    four (2020->21->22->23->24), although the span touches five calendar
    years.

    Examples
    --------
    >>> round(100 * cagr(852.31, 1140.17, 4), 2)
    7.55
    >>> cagr(100, 121, 2)
    0.10000000000000009
    """
    if periods <= 0:
        raise ValueError(f"periods must be positive, got {periods}")
    if start <= 0 or end <= 0:
        raise ValueError("CAGR needs positive start and end values")
    return (end / start) ** (1.0 / periods) - 1.0


def cagr_check(figures: pd.DataFrame, series: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Recompute each stated CAGR from the stated end-point values.

    For every ``cagr_pct`` figure the rate is recomputed over its period
    with ``year_end - year`` compounding periods, and, to show what the
    text's "five-year period" would give, also with the number of calendar
    years the span touches.  ``matches`` is true when the stated and the
    recomputed rate (in percentage points) differ by at most ``tolerance``.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, flow, year, year_end, stated_pct,
        recomputed_pct, periods, pct_if_calendar_years_counted,
        calendar_years_in_span, difference_pp, matches, start_value, end_value``.
    """
    if tolerance < 0:
        raise ParameterError(f"parameter 'cagr_tolerance' must be >= 0, got {tolerance}")
    vals = series.set_index(["year", "flow"])["value_usd_mn"]
    rows = []
    for rec in figures[figures["measure"] == "cagr_pct"].itertuples():
        y1, y2 = rec.year, rec.year_end
        start = vals.get((y1, rec.flow), np.nan) if pd.notna(y1) else np.nan
        end = vals.get((y2, rec.flow), np.nan) if pd.notna(y2) else np.nan
        periods = int(y2 - y1) if pd.notna(y1) and pd.notna(y2) else None
        ok = periods and pd.notna(start) and pd.notna(end)
        rate = 100 * cagr(start, end, periods) if ok else np.nan
        alt_rate = 100 * cagr(start, end, periods + 1) if ok else np.nan
        diff = round(rec.value - rate, 4) if ok else np.nan
        rows.append(
            {
                "doc_id": rec.doc_id,
                "sent_index": rec.sent_index,
                "flow": rec.flow,
                "year": y1,
                "year_end": y2,
                "stated_pct": rec.value,
                "recomputed_pct": round(rate, 4) if ok else np.nan,
                "periods": periods,
                "calendar_years_in_span": periods + 1 if periods else None,
                "pct_if_calendar_years_counted": round(alt_rate, 4) if ok else np.nan,
                "difference_pp": diff,
                "matches": bool(ok and abs(diff) <= tolerance + 1e-9),
                "start_value": start,
                "end_value": end,
            }
        )
    return pd.DataFrame(rows)


# -- claims check -------------------------------------------------------------


def rounding_interval(value: float, decimals: int) -> tuple[float, float]:
    """Values that round to ``value`` at ``decimals`` decimals: ``[low, high)``.

    >>> rounding_interval(1.6, 1)
    (1.55, 1.65)
    """
    half = 0.5 * 10 ** (-decimals)
    return round(value - half, decimals + 2), round(value + half, decimals + 2)


#: The series the article's figures are cited from (Shakoor 2025, Pakistan Business Council,
#: citing PBS): a published figure from it confirms the copying, not the measurement.
CITED_SERIES = "PBS (via Pakistan Business Council)"

#: Verdicts for a stated value compared with trade_reference.csv.
VALUE_VERDICTS = {
    "cited_match": "matches the cited source (not independent)",
    "cited_differs": "differs from the cited source",
    "independent_match": "consistent",
    "independent_differs": "inconsistent",
    "none": "not verifiable here",
}


def _reference_match(reference: pd.DataFrame, period: str, flow: str, basis: str) -> pd.DataFrame:
    return reference[
        (reference["period"] == period)
        & (reference["flow"] == flow)
        & (reference["basis"] == basis)
        & (reference["months"] == 12)
    ]


_TREND_RULES = [
    # (kind, regex on the sentence, which flow-year statistic it claims)
    ("highest", re.compile(r"\b(?:highest|peak)\b.*?\b((?:19|20)\d\d)\b", re.I)),
    ("lowest", re.compile(r"\blowest\b.*?\b((?:19|20)\d\d)\b", re.I)),
    ("steady rise", re.compile(r"\bsteadily (?:increased|rose|grew)\b", re.I)),
    (
        "sharp fall",
        re.compile(
            r"\b(?:decreased|fell|dropped|declined) sharply\b|\bsharp(?:ly)? (?:decrease|fall|drop|decline)",
            re.I,
        ),
    ),
]


def check_claims(
    figures: pd.DataFrame, series: pd.DataFrame, reference: pd.DataFrame, tolerance: float
) -> pd.DataFrame:
    """A verdict, with its reason, for every numeric trade claim in the corpus.

    Claims are: each stated value (checked against a published series of
    the same period, flow and basis, if any, at the precision stated), each
    stated growth rate (recomputed from the stated end points), each total
    (compared with the calendar total of the stated flows and with the
    published fiscal-year totals), and the ranking and trend words in the
    figures' sentences ("peak", "lowest", "steadily increased", "decreased
    sharply"), checked against the stated values with missing years named.

    Returns
    -------
    DataFrame
        ``doc_id, sent_index, claim, kind, flow, stated, recomputed, verdict,
        reason, sentence``.
    """
    stated = series[series["status"] == "stated"]
    vals = series.set_index(["year", "flow"])["value_usd_mn"]
    rows = []

    def add(rec, claim, kind, flow, stated_v, recomputed, verdict, reason):
        rows.append(
            {
                "doc_id": rec.doc_id,
                "sent_index": int(rec.sent_index),
                "claim": claim,
                "kind": kind,
                "flow": flow,
                "stated": stated_v,
                "recomputed": recomputed,
                "verdict": verdict,
                "reason": reason,
                "sentence": rec.sentence,
            }
        )

    cagrs = cagr_check(figures, series, tolerance).set_index(["doc_id", "sent_index", "flow"])
    for rec in figures.itertuples():
        claim = f"{rec.match.strip()} ({FLOW_LABELS.get(rec.flow, 'flow unknown')}"
        claim += f", {rec.year})" if rec.measure == "value" else f", {rec.year}-{rec.year_end})"
        if rec.measure == "value" and rec.flow in (EXPORTS, IMPORTS):
            ref = _reference_match(reference, str(rec.year), rec.flow, "calendar")
            lo, hi = rounding_interval(rec.value_usd_mn, int(rec.decimals))
            if len(ref):
                r = ref.iloc[0]
                same = lo <= r["value_usd_mn"] < hi
                cited = r["series"] == CITED_SERIES
                note = f" ({r['note']})" if isinstance(r["note"], str) and r["note"] else ""
                verdict = VALUE_VERDICTS[
                    ("cited_" if cited else "independent_") + ("match" if same else "differs")
                ]
                add(
                    rec,
                    claim,
                    "value",
                    rec.flow,
                    rec.value_usd_mn,
                    r["value_usd_mn"],
                    verdict,
                    f"{r['series']} ({r['source']}) gives {r['value_usd_mn']:,.2f} for calendar "
                    f"{rec.year}{note}"
                    + ("" if same else ": the figures differ")
                    + (
                        "; this is the article's own cited source, so it confirms the copying, "
                        "not the measurement"
                        if cited
                        else ""
                    ),
                )
            else:
                add(
                    rec,
                    claim,
                    "value",
                    rec.flow,
                    rec.value_usd_mn,
                    np.nan,
                    VALUE_VERDICTS["none"],
                    "no independent calendar-year figure in trade_reference.csv; it rests on the "
                    "article's source (Shakoor 2025, citing PBS)",
                )
        elif rec.measure == "value" and rec.flow == TOTAL:
            lo, hi = rounding_interval(rec.value, int(rec.decimals))
            scale = UNIT_SCALE["billion"] if rec.unit == "USD billion" else 1.0
            cal = balance_and_total(series.query("status == 'stated'"))
            cal_total = cal.set_index("year")["total"].get(rec.year, np.nan)
            fy = f"FY{rec.year - 1}-{str(rec.year)[2:]}"
            fy_ref = _reference_match(reference, fy, TOTAL, "fiscal")
            fy_total = fy_ref["value_usd_mn"].iloc[0] if len(fy_ref) else np.nan
            cal_ok = pd.notna(cal_total) and lo * scale <= cal_total < hi * scale
            fy_ok = pd.notna(fy_total) and lo * scale <= fy_total < hi * scale
            parts = [
                f"a stated {rec.value:g} ({rec.unit}) covers {lo * scale:,.0f}-{hi * scale:,.0f} USD million"
            ]
            if pd.notna(cal_total):
                parts.append(
                    f"calendar {rec.year} from the article's stated flows is {cal_total:,.2f} "
                    f"(about {cal_total / scale:.1f}): {'inside' if cal_ok else 'outside'}"
                )
            if pd.notna(fy_total):
                parts.append(
                    f"fiscal {fy} total (July-June) of {fy_total:,.0f} "
                    f"({fy_ref['series'].iloc[0]}, {fy_ref['source'].iloc[0]}): "
                    f"{'inside' if fy_ok else 'outside'}"
                )
            if fy_ok and not cal_ok:
                verdict = f"consistent with fiscal {fy}, not with calendar {rec.year}"
            elif cal_ok:
                verdict = "consistent"
            else:
                verdict = "inconsistent"
            add(
                rec,
                claim,
                "total",
                TOTAL,
                rec.value_usd_mn,
                cal_total if pd.notna(cal_total) else fy_total,
                verdict,
                "; ".join(parts),
            )
        elif rec.measure == "cagr_pct" and (rec.doc_id, rec.sent_index, rec.flow) in cagrs.index:
            c = cagrs.loc[(rec.doc_id, rec.sent_index, rec.flow)]
            reasons = [
                f"recomputed from {c['start_value']:,.2f} ({rec.year}) to "
                f"{c['end_value']:,.2f} ({rec.year_end}) over {c['periods']} compounding "
                f"periods: {c['recomputed_pct']:.2f}%"
            ]
            if pd.notna(rec.stated_period_years) and rec.stated_period_years == c["calendar_years_in_span"]:
                reasons.append(
                    f"the text's '{rec.stated_period_years}-year period' counts calendar "
                    f"years; taking the {rec.stated_period_years}th root (n = "
                    f"{rec.stated_period_years} periods) would give "
                    f"{c['pct_if_calendar_years_counted']:.2f}%, so the stated rate uses "
                    f"{c['periods']} periods, correctly"
                )
            if rec.fiscal_framing:
                reasons.append(
                    "the sentence frames the period as July-June (fiscal years) but "
                    "the figures are calendar years"
                )
            verdict = "consistent" if c["matches"] else "inconsistent"
            if rec.flow_note:
                reasons.insert(0, f"wording slip: {rec.flow_note}")
                verdict += (
                    f" for {FLOW_LABELS[rec.flow].replace(chr(39) + 's', '')}; "
                    f"wording slip ('{rec.flow_as_worded}')"
                )
            add(
                rec,
                claim,
                "growth rate",
                rec.flow,
                rec.value,
                c["recomputed_pct"],
                verdict,
                "; ".join(reasons),
            )
        else:
            add(
                rec,
                claim,
                rec.measure,
                rec.flow,
                rec.value,
                np.nan,
                "not checked",
                "no rule to recompute this figure",
            )

    # ranking and trend words in the sentences that state figures
    figure_sents = figures.drop_duplicates(["doc_id", "sent_index"])
    for rec in figure_sents.itertuples():
        masked = mask_citations(rec.sentence)
        flow = rec.flow
        known = stated[stated["flow"] == flow].set_index("year")["value_usd_mn"]
        missing = series[(series["flow"] == flow) & (series["status"] == "missing")]["year"].tolist()
        miss_txt = f"; not verifiable for {', '.join(map(str, missing))} (not stated)" if missing else ""
        for kind, regex in _TREND_RULES:
            m = regex.search(masked)
            if not m or flow not in (EXPORTS, IMPORTS) or known.empty:
                continue
            if kind in ("highest", "lowest"):
                year = int(m.group(1))
                target = known.idxmax() if kind == "highest" else known.idxmin()
                ok = target == year
                add(
                    rec,
                    f"{kind} value in {year} ({FLOW_LABELS[flow]})",
                    "ranking",
                    flow,
                    vals.get((year, flow), np.nan),
                    known.get(target),
                    "consistent with the stated years" if ok else "inconsistent",
                    f"among the stated years ({', '.join(map(str, known.index))}) the "
                    f"{kind} is {target} ({known[target]:,.2f}){miss_txt}",
                )
            elif kind == "steady rise":
                falls = [(a, b) for a, b in zip(known.index[:-1], known.index[1:]) if known[b] < known[a]]
                first, last = known.index.min(), known.index.max()
                change = 100 * (known[last] / known[first] - 1)
                if falls:
                    a, b = falls[0]
                    verdict, why = (
                        "inconsistent",
                        (
                            f"overall change {first}-{last} is {change:+.1f}%, but not steady: the same "
                            f"text gives a fall from {known[a]:,.2f} ({a}) to {known[b]:,.2f} ({b})"
                        ),
                    )
                else:
                    verdict, why = (
                        "consistent with the stated years",
                        f"no fall between stated years{miss_txt}",
                    )
                add(rec, "steady increase", "trend", flow, np.nan, round(change, 2), verdict, why)
            elif kind == "sharp fall":
                year, _ = _year_at(masked, m.start(), m.end())
                prev = [y for y in known.index if y < (year or 0)]
                if year in known.index and prev:
                    p = max(prev)
                    change = 100 * (known[year] / known[p] - 1)
                    add(
                        rec,
                        f"sharp decrease in {year}",
                        "trend",
                        flow,
                        np.nan,
                        round(change, 2),
                        "consistent" if change <= -20 else "doubtful",
                        f"{known[p]:,.2f} ({p}) to {known[year]:,.2f} ({year}) is {change:+.1f}%"
                        + (f" over {year - p} year(s)" if year - p > 1 else ""),
                    )
    out = pd.DataFrame(rows)
    return out.sort_values(["doc_id", "sent_index"], kind="stable").reset_index(drop=True)


# -- parameters ------------------------------------------------------------------


def validate_year_range(year_range, available: tuple[int, int]) -> tuple[int, int]:
    """Check the ``year_range`` parameter against the years the data cover.

    Examples
    --------
    >>> validate_year_range([2020, 2024], (2020, 2024))
    (2020, 2024)
    >>> validate_year_range([2015, 2024], (2020, 2024))
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'year_range' = [2015, 2024] lies outside the data: the stated series cover 2020-2024
    """
    if (
        not isinstance(year_range, (list, tuple))
        or len(year_range) != 2
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in year_range)
    ):
        raise ParameterError(f"parameter 'year_range' expects two years [first, last], got {year_range!r}")
    first, last = year_range
    if first > last:
        raise ParameterError(f"parameter 'year_range' = {list(year_range)}: first year after last year")
    if first < available[0] or last > available[1]:
        raise ParameterError(
            f"parameter 'year_range' = {list(year_range)} lies outside the data: the stated series "
            f"cover {available[0]}-{available[1]}"
        )
    return first, last


def validate_flows(flows) -> list[str]:
    """Check the ``flows`` parameter: a non-empty list of known flow names."""
    valid = (EXPORTS, IMPORTS)
    if not flows or any(f not in valid for f in flows):
        raise ParameterError(f"parameter 'flows' expects a non-empty list from {list(valid)}, got {flows!r}")
    return list(dict.fromkeys(flows))


# -- closure scenario ------------------------------------------------------------


def forgone_trade(annual_total: float, days: int, share: float) -> float:
    """Trade value (USD million) that would have crossed in ``days`` days: ``annual / 365 * days * share``.

    This is trade *forgone*, not an economic loss: part of it may be
    delayed rather than lost, rerouted (through Iran or Central Asia), or
    smuggled.

    Examples
    --------
    >>> forgone_trade(3650, 10, 0.5)
    50.0
    """
    if days < 0:
        raise ParameterError(f"parameter 'closure_days' must be >= 0, got {days}")
    if not 0 <= share <= 1:
        raise ParameterError(f"parameter 'share_through_closed' values must lie in [0, 1], got {share}")
    return annual_total / DAYS_PER_YEAR * days * share


def validate_share_range(share) -> tuple[float, float]:
    """``share_through_closed`` must be ``[low, high]`` with 0 <= low <= high <= 1."""
    if (
        not isinstance(share, (list, tuple))
        or len(share) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in share)
    ):
        raise ParameterError(f"parameter 'share_through_closed' expects [low, high], got {share!r}")
    low, high = float(share[0]), float(share[1])
    if not 0 <= low <= high <= 1:
        raise ParameterError(
            f"parameter 'share_through_closed' expects 0 <= low <= high <= 1, got {list(share)}"
        )
    return low, high


def parse_date(value: str, name: str) -> date:
    """An ISO date parameter, or a ``ParameterError`` naming it."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ParameterError(f"parameter {name!r} expects a date YYYY-MM-DD, got {value!r}") from None


def baseline_total(series: pd.DataFrame, reference: pd.DataFrame, year: int, basis: str) -> dict:
    """Annual bilateral total used as the scenario's baseline.

    ``basis="calendar"``: exports + imports stated in the article for
    ``year`` (both must be stated).  ``basis="fiscal"``: the published total
    for the fiscal year ending in June of ``year`` (``FY{year-1}-{yy}``).
    """
    if basis == "calendar":
        tot = balance_and_total(series[series["status"] == "stated"])
        tot = tot.dropna(subset=["total"])
        if year not in tot["year"].tolist():
            raise ParameterError(
                f"parameter 'baseline_year' = {year}: with baseline_basis 'calendar' both flows must "
                f"be stated; they are for {', '.join(map(str, tot['year']))}"
            )
        value = float(tot.set_index("year").at[year, "total"])
        return {
            "value": value,
            "label": f"calendar {year}",
            "source": "seed tariq2026, PBS via Pakistan Business Council",
        }
    if basis == "fiscal":
        fy = f"FY{year - 1}-{str(year)[2:]}"
        ref = _reference_match(reference, fy, TOTAL, "fiscal")
        if ref.empty:
            have = reference[(reference["flow"] == TOTAL) & (reference["months"] == 12)]["period"].tolist()
            raise ParameterError(
                f"parameter 'baseline_year' = {year}: no 12-month fiscal total {fy}; available: {', '.join(have)}"
            )
        r = ref.iloc[0]
        return {
            "value": float(r["value_usd_mn"]),
            "label": f"fiscal {fy}",
            "source": f"{r['series']}, {r['source']}",
        }
    raise ParameterError(f"parameter 'baseline_basis' expects 'calendar' or 'fiscal', got {basis!r}")


def latest_fiscal_total(reference: pd.DataFrame) -> dict:
    """The latest 12-month fiscal-year bilateral total in the published series.

    Returns the total with its label and source, and ``flows_sum``: exports
    plus imports published for the same year (NaN if one is missing), so the
    total can be checked against its parts.

    Examples
    --------
    >>> ref = pd.DataFrame({"period": ["FY2023-24", "FY2024-25", "FY2024-25", "FY2024-25", "FY2025-26 Q1"],
    ...     "basis": ["fiscal"] * 5, "months": [12, 12, 12, 12, 3],
    ...     "flow": [TOTAL, TOTAL, EXPORTS, IMPORTS, TOTAL], "value_usd_mn": [10, 30, 20, 10, 5],
    ...     "series": ["s"] * 5, "source": ["x"] * 5})
    >>> t = latest_fiscal_total(ref)
    >>> (t["label"], t["value"], t["flows_sum"])
    ('fiscal FY2024-25', 30.0, 30.0)
    """
    full = reference[(reference["basis"] == "fiscal") & (reference["months"] == 12)]
    totals = full[full["flow"] == TOTAL]
    if totals.empty:
        raise ValueError("trade_reference.csv has no 12-month fiscal-year total")
    r = totals.sort_values("period").iloc[-1]
    parts = full[full["period"] == r["period"]].set_index("flow")["value_usd_mn"]
    flows_sum = float(parts[EXPORTS] + parts[IMPORTS]) if {EXPORTS, IMPORTS} <= set(parts.index) else np.nan
    return {
        "value": float(r["value_usd_mn"]),
        "label": f"fiscal {r['period']}",
        "source": f"{r['series']}, {r['source']}",
        "flows_sum": flows_sum,
    }


def scenario_path(
    annual_total: float, start: date, days: int, share_low: float, share_high: float
) -> pd.DataFrame:
    """Cumulative trade forgone, day by day, at the low and high share.

    Returns
    -------
    DataFrame
        ``day, date, low, high, mid`` (USD million, cumulative).

    Examples
    --------
    >>> p = scenario_path(3650, date(2025, 10, 12), 2, 0.5, 1.0)
    >>> p[["low", "high"]].values.tolist()
    [[0.0, 0.0], [5.0, 10.0], [10.0, 20.0]]
    """
    rows = []
    for d in range(days + 1):
        low = forgone_trade(annual_total, d, share_low)
        high = forgone_trade(annual_total, d, share_high)
        rows.append(
            {
                "day": d,
                "date": (start + timedelta(days=d)).isoformat(),
                "low": round(low, 4),
                "high": round(high, 4),
                "mid": round((low + high) / 2, 4),
            }
        )
    return pd.DataFrame(rows)


def _range(text: str) -> tuple[float, float]:
    parts = re.split(r"\s*[-–]\s*", str(text).strip())
    nums = [float(p.replace(",", "")) for p in parts if p]
    return nums[0], nums[-1]


def press_figures(closure: pd.DataFrame, pkr_per_usd: float = 0.0, rate_source: str = "") -> pd.DataFrame:
    """Press figures with their ranges parsed and units kept as reported.

    Rupee figures are converted to USD only when an exchange rate is given
    *with* its source; otherwise ``usd_low``/``usd_high`` stay empty for them.

    Returns
    -------
    DataFrame
        The input columns plus ``low, high`` (as reported), ``currency``,
        ``per_day`` (bool), ``usd_low, usd_high`` (USD million) and
        ``conversion``.

    Examples
    --------
    >>> c = pd.DataFrame({"date_reported": ["2025-10-22"], "crossing": ["T"], "measure": ["import_loss"],
    ...                   "value": ["450"], "unit": ["PKR million per day"], "source": ["s"], "url": ["u"], "note": [""]})
    >>> bool(press_figures(c)["usd_low"].isna().all())
    True
    >>> press_figures(c, 281.0, "SBP rate")["usd_low"].round(3).tolist()
    [1.601]
    """
    if pkr_per_usd < 0:
        raise ParameterError(f"parameter 'pkr_per_usd' must be >= 0 (0 = do not convert), got {pkr_per_usd}")
    if pkr_per_usd > 0 and not rate_source.strip():
        raise ParameterError(
            "parameter 'pkr_per_usd' is set but 'pkr_per_usd_source' is empty: "
            "name the source and date of the exchange rate"
        )
    out = closure.copy()
    lows, highs = zip(*(_range(v) for v in out["value"])) if len(out) else ((), ())
    out["low"], out["high"] = list(lows), list(highs)
    out["currency"] = np.where(
        out["unit"].str.startswith("PKR"), "PKR", np.where(out["unit"].str.startswith("USD"), "USD", "count")
    )
    out["per_day"] = out["unit"].str.contains("per day")
    usd = out["currency"] == "USD"
    pkr = out["currency"] == "PKR"
    out["usd_low"] = np.where(usd, out["low"], np.nan)
    out["usd_high"] = np.where(usd, out["high"], np.nan)
    out["conversion"] = np.where(
        usd, "reported in USD", np.where(pkr, "not converted (no exchange-rate parameter)", "")
    )
    if pkr_per_usd > 0:
        out.loc[pkr, "usd_low"] = out.loc[pkr, "low"] / pkr_per_usd
        out.loc[pkr, "usd_high"] = out.loc[pkr, "high"] / pkr_per_usd
        out.loc[pkr, "conversion"] = f"converted at {pkr_per_usd:g} PKR per USD ({rate_source})"
    return out


def days_between(start: date, reported: str) -> int | None:
    """Days from the closure start to a report date (``None`` if the date is empty)."""
    if not isinstance(reported, str) or not reported.strip():
        return None
    return (date.fromisoformat(reported) - start).days
