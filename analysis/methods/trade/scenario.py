"""A border-closure scenario: trade forgone per day and cumulated, beside the press figures.

This is trade *forgone*, not an economic loss (see :func:`forgone_trade`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.methods.trade.figures import EXPORTS, IMPORTS, TOTAL

#: Days in the baseline year used to turn an annual total into a daily rate.
#: 365 (not 366 for 2024): the scenario is a rate per ordinary day, and the
#: 0.3 % difference is far below the uncertainty of the share parameter.
DAYS_PER_YEAR = 365

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
        raise ValueError(f"days must be >= 0, got {days}")
    if not 0 <= share <= 1:
        raise ValueError(f"a share must lie in [0, 1], got {share}")
    return annual_total / DAYS_PER_YEAR * days * share


def parse_date(value: str, name: str) -> date:
    """An ISO date parameter, or a ``ParameterError`` naming it."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ParameterError(f"parameter {name!r} expects a date YYYY-MM-DD, got {value!r}") from None


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


# -- a scenario grounded in the corpus -----------------------------------------------


def find_statements(evidence: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The curated closure statements, each located in the corpus when it comes from a text.

    A row with a ``doc_id`` is a statement in a text: it counts only when that
    document is in the corpus and one of its sentences contains the ``quote``
    (so the curated row cannot silently drift from the text).  A row without
    ``doc_id`` comes from the press and always counts.

    Returns
    -------
    DataFrame
        ``evidence`` plus ``found`` (bool), ``sent_index`` and ``sentence``.

    Examples
    --------
    >>> ev = pd.DataFrame({"role": ["still_closed", "start"], "date": ["2026-02-10", "2025-10-12"],
    ...     "doc_id": ["d", ""], "quote": ["trucks are stuck", ""]})
    >>> s = pd.DataFrame({"doc_id": ["d"], "sent_index": [4], "text": ["For weeks trucks are stuck."]})
    >>> find_statements(ev, s)[["found", "sent_index"]].values.tolist()
    [[True, 4], [True, <NA>]]
    """
    out = evidence.copy()
    found, where, text = [], [], []
    for row in out.itertuples():
        if not row.doc_id:
            found.append(True), where.append(None), text.append("")
            continue
        doc = sentences[sentences["doc_id"] == row.doc_id]
        hit = doc[doc["text"].str.contains(row.quote, regex=False)] if row.quote else doc.iloc[:0]
        found.append(len(hit) > 0)
        where.append(int(hit["sent_index"].iloc[0]) if len(hit) else None)
        text.append(hit["text"].iloc[0] if len(hit) else "")
    out["found"], out["sent_index"], out["sentence"] = found, pd.array(where, dtype="Int64"), text
    return out


def known_duration(statements: pd.DataFrame, start: date | None = None) -> dict:
    """The closure's known duration: from its start to the latest dated statement that it goes on.

    ``start`` overrides the ``start`` row of the statements.  The result is a
    lower bound (the closure may have gone on after the last statement); the
    end is open unless a ``reopened`` statement is found.

    Returns
    -------
    dict
        ``start`` (date or None), ``start_row``, ``still`` (the latest found
        ``still_closed`` row, or None), ``days`` (int or None), ``reopened``
        (row or None).

    Examples
    --------
    >>> st = pd.DataFrame({"role": ["start", "still_closed"], "date": ["2025-10-12", "2026-02-10"],
    ...     "found": [True, True]})
    >>> known_duration(st)["days"]
    121
    """
    found = statements[statements["found"]]
    starts = found[found["role"] == "start"]
    start_row = starts.iloc[0] if len(starts) else None
    if start is None and start_row is not None:
        start = date.fromisoformat(start_row["date"])
    still = found[found["role"] == "still_closed"].sort_values("date")
    still_row = still.iloc[-1] if len(still) else None
    reopened = found[found["role"] == "reopened"]
    days = None
    if start is not None and still_row is not None:
        days = (date.fromisoformat(still_row["date"]) - start).days
    return {
        "start": start,
        "start_row": start_row,
        "still": still_row,
        "days": days,
        "reopened": reopened.iloc[0] if len(reopened) else None,
    }


_QUARTER_RE = re.compile(r"^FY(?P<y>\d{4})-\d{2} Q(?P<q>[1-4])$")


def period_dates(period: str, basis: str, months: int) -> tuple[date, date]:
    """First day and the day after the last of a reference period.

    >>> period_dates("FY2025-26 Q1", "fiscal", 3), period_dates("FY2025-26 Q3", "fiscal", 3)[0]
    ((datetime.date(2025, 7, 1), datetime.date(2025, 10, 1)), datetime.date(2026, 1, 1))
    >>> period_dates("FY2024-25", "fiscal", 12), period_dates("2024", "calendar", 12)[1]
    ((datetime.date(2024, 7, 1), datetime.date(2025, 7, 1)), datetime.date(2025, 1, 1))
    """
    q = _QUARTER_RE.match(period)
    if basis == "calendar":
        first = date(int(period), 1, 1)
    elif q:  # quarter n of the fiscal year starting in July
        months_in = 6 + 3 * (int(q["q"]) - 1)
        first = date(int(q["y"]) + months_in // 12, months_in % 12 + 1, 1)
    else:
        first = date(int(period[2:6]), 7, 1)
    total = first.month - 1 + months
    return first, date(first.year + total // 12, total % 12 + 1, 1)


def daily_baselines(reference: pd.DataFrame, before: date | None) -> pd.DataFrame:
    """Three labelled daily rates of bilateral trade: calendar year, fiscal year, latest quarter.

    * the latest calendar year with both flows published (exports + imports);
    * the latest 12-month fiscal-year total;
    * the latest part-year total that ends before ``before`` (the closure start):
      the run-rate just before the closure, marked ``latest``.

    A daily rate is the total over the days of its period (365 for a year,
    :data:`DAYS_PER_YEAR`; the days of the quarter otherwise).

    Returns
    -------
    DataFrame
        ``baseline`` (label), ``period``, ``basis``, ``total_usd_mn``, ``days``,
        ``per_day_usd_mn``, ``latest`` (bool), ``source``.
    """
    rows = []
    cal = reference[(reference["basis"] == "calendar") & (reference["months"] == 12)]
    both = cal.groupby("period")["flow"].apply(lambda f: {EXPORTS, IMPORTS} <= set(f))
    if both.any():
        year = max(both[both].index)
        parts = cal[(cal["period"] == year) & cal["flow"].isin([EXPORTS, IMPORTS])].drop_duplicates("flow")
        rows.append(
            {
                "baseline": f"calendar {year}",
                "period": year,
                "basis": "calendar",
                "total_usd_mn": round(float(parts["value_usd_mn"].sum()), 2),
                "days": DAYS_PER_YEAR,
                "source": " and ".join(dict.fromkeys(parts["series"])) + ", exports + imports",
            }
        )
    try:
        fy = latest_fiscal_total(reference)
        rows.append(
            {
                "baseline": f"{fy['label']} (July–June)",
                "period": fy["label"].split()[-1],
                "basis": "fiscal",
                "total_usd_mn": fy["value"],
                "days": DAYS_PER_YEAR,
                "source": fy["source"],
            }
        )
    except ValueError:
        pass
    part = reference[(reference["flow"] == TOTAL) & (reference["months"] < 12)].copy()
    if len(part):
        ends = [period_dates(r.period, r.basis, int(r.months)) for r in part.itertuples()]
        part["first"], part["after"] = [e[0] for e in ends], [e[1] for e in ends]
        if before is not None:
            part = part[part["after"] <= before]
        if len(part):
            r = part.sort_values("after").iloc[-1]
            last = r["after"] - timedelta(days=1)
            rows.append(
                {
                    "baseline": f"latest pre-closure quarter, {r['period']} "
                    f"({r['first']:%B} to {last:%B %Y})",
                    "period": r["period"],
                    "basis": "part year",
                    "total_usd_mn": float(r["value_usd_mn"]),
                    "days": (r["after"] - r["first"]).days,
                    "source": f"{r['series']}, {r['source']}",
                }
            )
    out = pd.DataFrame(rows, columns=["baseline", "period", "basis", "total_usd_mn", "days", "source"])
    out["per_day_usd_mn"] = (out["total_usd_mn"] / out["days"]).round(4)
    out["latest"] = False
    if len(out):
        out.loc[out.index[-1], "latest"] = True
    return out[["baseline", "period", "basis", "total_usd_mn", "days", "per_day_usd_mn", "latest", "source"]]


def shares_for(shares: pd.DataFrame, per_day: float) -> pd.DataFrame:
    """Share of a day's trade through the closed crossings, per case, for a daily rate.

    A case given in USD million a day becomes that amount over ``per_day``
    (at most 1); a case given as a share keeps it.

    >>> sh = pd.DataFrame({"case": ["a", "b"], "usd_mn_per_day_low": [2, None],
    ...     "usd_mn_per_day_high": [3, None], "share": [None, 1.0]})
    >>> shares_for(sh, 4.0)[["share_low", "share_high"]].values.tolist()
    [[0.5, 0.75], [1.0, 1.0]]
    """
    out = shares.copy()
    fixed = out["share"].notna()
    out["share_low"] = (out["usd_mn_per_day_low"] / per_day).clip(upper=1.0).where(~fixed, out["share"])
    out["share_high"] = (out["usd_mn_per_day_high"] / per_day).clip(upper=1.0).where(~fixed, out["share"])
    return out


def scenario_table(durations: pd.DataFrame, baselines: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Every scenario: duration × baseline × share, with the one the evidence supports marked.

    Parameters
    ----------
    durations : DataFrame
        ``days, duration_basis, known`` (``known``: the duration the texts give).
    baselines : DataFrame
        Output of :func:`daily_baselines`.
    shares : DataFrame
        The curated crossing cases (``case, crossings, ..., sources_say_closed,
        source``).

    Returns
    -------
    DataFrame
        One row per scenario: ``days, duration_basis, baseline, per_day_usd_mn,
        crossings, share_low, share_high, forgone_low_usd_mn,
        forgone_high_usd_mn, supported`` (``"yes"`` for the known duration,
        the latest pre-closure baseline and the crossings the sources say were
        closed), ``share_source``.

    Examples
    --------
    >>> d = pd.DataFrame({"days": [10], "duration_basis": ["known"], "known": [True]})
    >>> b = pd.DataFrame({"baseline": ["q"], "per_day_usd_mn": [2.0], "latest": [True]})
    >>> s = pd.DataFrame({"case": ["all"], "crossings": ["all"], "usd_mn_per_day_low": [None],
    ...     "usd_mn_per_day_high": [None], "share": [1.0], "sources_say_closed": ["yes"], "source": ["x"]})
    >>> scenario_table(d, b, s)[["forgone_low_usd_mn", "supported"]].values.tolist()
    [[20.0, 'yes']]
    """
    rows = []
    for dur in durations.itertuples():
        for base in baselines.itertuples():
            for sh in shares_for(shares, base.per_day_usd_mn).itertuples():
                supported = bool(dur.known and base.latest and sh.sources_say_closed == "yes")
                rows.append(
                    {
                        "days": int(dur.days),
                        "duration_basis": dur.duration_basis,
                        "baseline": base.baseline,
                        "per_day_usd_mn": round(base.per_day_usd_mn, 2),
                        "crossings": sh.crossings,
                        "share_low": round(sh.share_low, 3),
                        "share_high": round(sh.share_high, 3),
                        "forgone_low_usd_mn": round(base.per_day_usd_mn * dur.days * sh.share_low, 1),
                        "forgone_high_usd_mn": round(base.per_day_usd_mn * dur.days * sh.share_high, 1),
                        "supported": "yes" if supported else "",
                        "share_source": sh.source,
                    }
                )
    return pd.DataFrame(rows)
