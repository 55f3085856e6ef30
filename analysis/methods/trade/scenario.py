"""A border-closure scenario: trade forgone per day and cumulated, beside the press figures.

This is trade *forgone*, not an economic loss (see :func:`forgone_trade`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.methods.trade.claims import reference_match
from analysis.methods.trade.figures import EXPORTS, IMPORTS, TOTAL
from analysis.methods.trade.series import balance_and_total

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


def _stated_source(series: pd.DataFrame, year: int) -> str:
    """Where the stated flows of ``year`` come from: the documents, and what they cite."""
    rows = series[(series["year"] == year) & (series["status"] == "stated")]
    docs = " and ".join(dict.fromkeys(rows["doc_id"].dropna()))
    cited = [c for c in dict.fromkeys(rows.get("cited_source", pd.Series(dtype=str)).fillna("")) if c]
    return f"stated in {docs}" + (f", citing {'; '.join(cited)}" if cited else "")


def _published_calendar_total(reference: pd.DataFrame, year: int) -> dict | None:
    """Exports + imports published for calendar ``year`` (both needed), or ``None``."""
    rows = reference[(reference["basis"] == "calendar") & (reference["period"] == str(year))]
    rows = rows[rows["months"] == 12].drop_duplicates("flow").set_index("flow")
    if not {EXPORTS, IMPORTS} <= set(rows.index):
        return None
    series_names = " and ".join(dict.fromkeys(rows.loc[[EXPORTS, IMPORTS], "series"]))
    return {
        "value": round(float(rows.at[EXPORTS, "value_usd_mn"] + rows.at[IMPORTS, "value_usd_mn"]), 2),
        "label": f"calendar {year}",
        "source": f"published: {series_names} (no text in this run states both flows)",
    }


def baseline_total(series: pd.DataFrame, reference: pd.DataFrame, year: int, basis: str) -> dict:
    """Annual bilateral total used as the scenario's baseline.

    ``basis="calendar"``: exports + imports stated in the texts for
    ``year``, or, when the texts do not state both, published for that
    calendar year in ``reference``.  ``basis="fiscal"``: the published total
    for the fiscal year ending in June of ``year`` (``FY{year-1}-{yy}``).
    """
    if basis == "calendar":
        tot = balance_and_total(series[series["status"] == "stated"])
        tot = tot.dropna(subset=["total"])
        published = _published_calendar_total(reference, year)
        if year not in tot["year"].tolist() and published is not None:
            return published
        if year not in tot["year"].tolist():
            raise ParameterError(
                f"parameter 'baseline_year' = {year}: with baseline_basis 'calendar' both flows must "
                "be stated in the texts or published for that calendar year; they are for "
                f"{', '.join(map(str, tot['year'])) or 'no year'}"
            )
        value = float(tot.set_index("year").at[year, "total"])
        return {
            "value": value,
            "label": f"calendar {year}",
            "source": _stated_source(series, year),
        }
    if basis == "fiscal":
        fy = f"FY{year - 1}-{str(year)[2:]}"
        ref = reference_match(reference, fy, TOTAL, "fiscal")
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
