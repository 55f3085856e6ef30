"""Year-by-flow series of the stated figures, with balance, total and growth rates.

Missing years stay missing (:func:`seed_series`); :func:`interpolate_series`
fills them only on request and marks them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.methods.trade.figures import EXPORTS, IMPORTS

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
        ``doc_id, sent_index`` and ``cited_source`` (what the text cites for
        the figure, if the figures carry it: see
        :func:`~analysis.methods.trade.data.attach_sources`).

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
    if "cited_source" not in vals:
        vals["cited_source"] = ""
    vals = vals.drop_duplicates(["year", "flow"], keep="first")
    if years is None and vals.empty:
        years = (0, -1)  # no stated value: an empty series (no year to show)
    elif years is None:
        years = (int(vals["year"].min()), int(vals["year"].max()))
    grid = pd.MultiIndex.from_product(
        [range(years[0], years[1] + 1), list(flows)], names=["year", "flow"]
    ).to_frame(index=False)
    out = grid.merge(
        vals[["year", "flow", "value_usd_mn", "doc_id", "sent_index", "cited_source"]],
        on=["year", "flow"],
        how="left",
    )
    out["status"] = np.where(out["value_usd_mn"].notna(), "stated", "missing")
    out["sent_index"] = out["sent_index"].astype("Int64")
    return out[["year", "flow", "value_usd_mn", "status", "doc_id", "sent_index", "cited_source"]]


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
    if series.empty:
        return pd.DataFrame(columns=["year", "exports", "imports", "balance", "total", "basis_note"])
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


#: Columns of :func:`cagr_check` (also when no rate is stated).
CAGR_COLUMNS = [
    "doc_id",
    "sent_index",
    "flow",
    "year",
    "year_end",
    "stated_pct",
    "recomputed_pct",
    "periods",
    "calendar_years_in_span",
    "pct_if_calendar_years_counted",
    "difference_pp",
    "matches",
    "start_value",
    "end_value",
]


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
    return pd.DataFrame(rows, columns=CAGR_COLUMNS)


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


def fiscal_start(period: str) -> int:
    """First calendar year of a fiscal period: ``"FY2022-23"`` -> 2022 (also ``"FY2025-26 Q1"``).

    >>> fiscal_start("FY2022-23"), fiscal_start("FY2025-26 Q1")
    (2022, 2025)
    """
    return int(period[2:6])


def observed_segments(rows: pd.DataFrame) -> pd.Series:
    """A segment number per row, new whenever a year is skipped, so lines join consecutive years only.

    ``rows`` holds one series and flow, with a ``period`` (``FY2019-20``);
    a missing year breaks the line instead of being bridged (or drawn as zero).

    >>> rows = pd.DataFrame({"period": ["FY2018-19", "FY2019-20", "FY2020-21", "FY2022-23"]})
    >>> observed_segments(rows).tolist()
    [0, 0, 0, 1]
    """
    starts = rows["period"].map(fiscal_start)
    order = starts.sort_values()
    seg = (order.diff().fillna(1) != 1).cumsum()
    return seg.reindex(rows.index).astype(int)
