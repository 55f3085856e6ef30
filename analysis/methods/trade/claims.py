"""A verdict, with its reason, for every numeric trade claim (:func:`check_claims`)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.methods.trade.figures import (
    EXPORTS,
    FLOW_LABELS,
    IMPORTS,
    TOTAL,
    UNIT_SCALE,
    _year_at,
    mask_citations,
)
from analysis.methods.trade.series import balance_and_total, cagr_check


def rounding_interval(value: float, decimals: int) -> tuple[float, float]:
    """Values that round to ``value`` at ``decimals`` decimals: ``[low, high)``.

    >>> rounding_interval(1.6, 1)
    (1.55, 1.65)
    """
    half = 0.5 * 10 ** (-decimals)
    return round(value - half, decimals + 2), round(value + half, decimals + 2)


#: Verdicts for a stated value compared with trade_reference.csv.
VALUE_VERDICTS = {
    "cited_match": "matches the cited source (not independent)",
    "cited_differs": "differs from the cited source",
    "independent_match": "consistent",
    "independent_differs": "inconsistent",
    "none": "not verifiable here",
}


def _cited(rec, column: str) -> str:
    """The curated source column of a figure (see :func:`~analysis.methods.trade.data.attach_sources`)."""
    value = getattr(rec, column, "")
    return value if isinstance(value, str) else ""


def _docs_of(series: pd.DataFrame, year: int) -> str:
    """The documents stating the values of ``year`` in ``series`` (``"a and b"``)."""
    docs = series[(series["year"] == year) & (series["status"] == "stated")]["doc_id"].dropna().unique()
    return " and ".join(dict.fromkeys(docs)) or "no text"


def reference_match(reference: pd.DataFrame, period: str, flow: str, basis: str) -> pd.DataFrame:
    """The 12-month rows of ``reference`` for one period (``"2024"``, ``"FY2023-24"``), flow and basis."""
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


#: Columns of :func:`check_claims` (also when the texts state no figure).
CLAIM_COLUMNS = [
    "doc_id",
    "sent_index",
    "claim",
    "kind",
    "flow",
    "stated",
    "recomputed",
    "verdict",
    "reason",
    "sentence",
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
        if pd.isna(rec.year):
            claim += ", year not stated)"
        else:
            claim += f", {rec.year})" if rec.measure == "value" else f", {rec.year}-{rec.year_end})"
        if rec.measure == "value" and pd.isna(rec.year):
            kind = "total" if rec.flow == TOTAL else "value"
            add(
                rec,
                claim,
                kind,
                rec.flow,
                rec.value_usd_mn,
                np.nan,
                "not checked",
                "the sentence gives no year",
            )
        elif rec.measure == "value" and rec.flow in (EXPORTS, IMPORTS):
            ref = reference_match(reference, str(rec.year), rec.flow, "calendar")
            lo, hi = rounding_interval(rec.value_usd_mn, int(rec.decimals))
            if len(ref):
                r = ref.iloc[0]
                same = lo <= r["value_usd_mn"] < hi
                # a published figure from the series the text itself cites
                # (seed_trade_figures.csv) confirms the copying, not the measurement
                cited = bool(_cited(rec, "cited_series")) and r["series"] == _cited(rec, "cited_series")
                note = f" ({r['note']})" if isinstance(r["note"], str) and r["note"] else ""
                published = r["value_usd_mn"]
                verdict = VALUE_VERDICTS[
                    ("cited_" if cited else "independent_") + ("match" if same else "differs")
                ]
                reason = (
                    f"{r['series']} ({r['source']}) gives {r['value_usd_mn']:,.2f} for calendar "
                    f"{rec.year}{note}"
                    + ("" if same else ": the figures differ")
                    + (
                        f"; this is the series {rec.doc_id} itself cites ({_cited(rec, 'cited_source')}), "
                        "so it confirms the copying, not the measurement"
                        if cited
                        else ""
                    )
                )
            else:
                published = np.nan
                verdict = VALUE_VERDICTS["none"]
                reason = "no independent calendar-year figure in trade_reference.csv; it rests on " + (
                    f"the source {rec.doc_id} cites ({_cited(rec, 'cited_source')})"
                    if _cited(rec, "cited_source")
                    else f"{rec.doc_id} alone (no source recorded for it in seed_trade_figures.csv)"
                )
            add(rec, claim, "value", rec.flow, rec.value_usd_mn, published, verdict, reason)
        elif rec.measure == "value" and rec.flow == TOTAL:
            lo, hi = rounding_interval(rec.value, int(rec.decimals))
            scale = UNIT_SCALE["billion"] if rec.unit == "USD billion" else 1.0
            cal = balance_and_total(series.query("status == 'stated'"))
            cal_total = cal.set_index("year")["total"].get(rec.year, np.nan)
            fy = f"FY{rec.year - 1}-{str(rec.year)[2:]}"
            fy_ref = reference_match(reference, fy, TOTAL, "fiscal")
            fy_total = fy_ref["value_usd_mn"].iloc[0] if len(fy_ref) else np.nan
            cal_ok = pd.notna(cal_total) and lo * scale <= cal_total < hi * scale
            fy_ok = pd.notna(fy_total) and lo * scale <= fy_total < hi * scale
            parts = [
                f"a stated {rec.value:g} ({rec.unit}) covers {lo * scale:,.0f}-{hi * scale:,.0f} USD million"
            ]
            if pd.notna(cal_total):
                parts.append(
                    f"calendar {rec.year} from the flows stated in {_docs_of(series, rec.year)} is {cal_total:,.2f} "
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
            recomputed = c["recomputed_pct"]
            if pd.isna(recomputed):
                recomputed, verdict = np.nan, VALUE_VERDICTS["none"]
                reasons = [
                    f"the values at the ends of its period ({rec.year}, {rec.year_end}) are not both stated"
                ]
            else:
                reasons = [
                    f"recomputed from {c['start_value']:,.2f} ({rec.year}) to "
                    f"{c['end_value']:,.2f} ({rec.year_end}) over {c['periods']} compounding "
                    f"periods: {c['recomputed_pct']:.2f}%"
                ]
                if (
                    pd.notna(rec.stated_period_years)
                    and rec.stated_period_years == c["calendar_years_in_span"]
                ):
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
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return out.sort_values(["doc_id", "sent_index"], kind="stable").reset_index(drop=True)
