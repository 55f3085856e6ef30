"""The trade chapter (``chapters/trade.ipynb``): checks, facts and charts.

The notebook calls :func:`check` (through :class:`~analysis.book.report.Chapter`),
:func:`load` once, then one function per section.  Each section returns a
:class:`Section`: its tables and charts as attributes, their ``captions``, and
the ``facts`` its prose glues, already worded.

The methods (extraction, series, claims, scenario) are in
:mod:`analysis.methods.trade`; this module only decides what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from analysis.chapters import checks, wording
from analysis.corpus.load import load_corpus
from analysis.methods import factchecks, trade

EXP, IMP = trade.EXPORTS, trade.IMPORTS
FLOW_NAMES = {EXP: "exports", IMP: "imports"}


class Section:
    """What one section shows: tables and charts (attributes), ``captions`` and ``facts``."""

    def __init__(self, facts: dict, captions: dict | None = None, **outputs):
        self.facts = facts
        self.captions = captions or {}
        self.__dict__.update(outputs)


def _date(d: date) -> str:
    return d.strftime("%d %B %Y").lstrip("0")


# -- parameters --------------------------------------------------------------------


def stated_years(figures: pd.DataFrame) -> list[int]:
    """Years for which the texts state an export or import value."""
    vals = figures.query("measure == 'value' and flow in @trade.FLOWS[:2]")["year"].dropna()
    return sorted(vals.astype(int).unique().tolist())


def year_range_of(params: dict) -> list:
    """``year_range`` with whole-number strings read as years (``-p year_range 2021,2023``).

    Its default ``[]`` gives the type checks no item type, so a comma list
    arrives as strings.

    >>> year_range_of({"year_range": ["2021", "2023"]}), year_range_of({"year_range": []})
    ([2021, 2023], [])
    """
    return [int(y) if isinstance(y, str) and y.strip().isdigit() else y for y in params["year_range"]]


def check(params: dict) -> None:
    """Refuse every bad parameter value, naming the parameter.

    Reads the corpus (cheap: five texts load in well under a second) because
    ``year_range`` must lie within the years its texts state.
    """
    checks.corpus(params)
    yr = year_range_of(params)
    if not isinstance(yr, list) or len(yr) not in (0, 2) or not all(isinstance(y, int) for y in yr):
        checks.fail("year_range", "two years [first, last], or [] for the years the texts state", yr)
    trade.validate_flows(params["flows"])
    checks.one_of(params, "interpolate", trade.INTERPOLATION_METHODS)
    checks.at_least(params, "cagr_tolerance", 0)
    if params["closure_start"]:
        trade.parse_date(params["closure_start"], "closure_start")
    days = params["closure_days"]
    if not isinstance(days, list) or not all(isinstance(d, int) and not isinstance(d, bool) for d in days):
        checks.fail("closure_days", "a list of whole days, each >= 1", days)
    checks.each_at_least(params, "closure_days", 1)
    checks.at_least(params, "pkr_per_usd", 0)
    if params["pkr_per_usd"] > 0 and not params["pkr_per_usd_source"].strip():
        checks.fail("pkr_per_usd_source", "the source and date of the exchange rate", "")
    data = load(params)  # year_range against the years the texts state
    del data


# -- inputs --------------------------------------------------------------------


@dataclass
class Inputs:
    """Everything the sections share: the figures found, the series, the curated tables."""

    params: dict
    doc_ids: list
    figures: pd.DataFrame
    curated: pd.DataFrame
    reference: pd.DataFrame
    closure: pd.DataFrame
    stated_only: pd.DataFrame
    series_all: pd.DataFrame
    series: pd.DataFrame
    first_year: int | None
    last_year: int | None
    statements: pd.DataFrame
    duration: dict
    start: date
    baselines: pd.DataFrame
    shares: pd.DataFrame


def with_basis(figures: pd.DataFrame) -> pd.DataFrame:
    """Each figure's basis: the curated one (``seed_trade_figures.csv``), else the basis its words give.

    >>> f = pd.DataFrame({"basis": ["calendar", ""], "fiscal_framing": [True, True]})
    >>> with_basis(f)["basis"].tolist()
    ['calendar', 'fiscal as worded (not curated)']
    """
    worded = figures["fiscal_framing"].map({True: "fiscal", False: "calendar"}) + " as worded (not curated)"
    return figures.assign(basis=figures["basis"].where(figures["basis"] != "", worded))


def year_span(year_range: list, years: list[int]) -> tuple[int | None, int | None]:
    """The years shown: ``year_range``, or the span of the stated ``years`` when it is ``[]``.

    With no stated year there is nothing to show (``(None, None)``); a range
    given then is only checked for order.

    >>> year_span([], [2020, 2022]), year_span([2021, 2022], [2020, 2022]), year_span([], [])
    ((2020, 2022), (2021, 2022), (None, None))
    """
    if not years:
        if year_range and year_range[0] > year_range[1]:
            trade.validate_year_range(year_range, (year_range[1], year_range[0]))
        return None, None
    return trade.validate_year_range(year_range or [years[0], years[-1]], (years[0], years[-1]))


def load(params: dict) -> Inputs:
    """Load the corpus, extract its figures and build the series the chapter shows."""
    corpus = load_corpus(params["corpus_dir"] or None, params.get("documents") or None)
    curated = trade.load_seed_figures()
    figures = with_basis(trade.attach_sources(trade.extract_figures(corpus.sentences), curated))
    first_year, last_year = year_span(year_range_of(params), stated_years(figures))
    flows_shown = trade.validate_flows(params["flows"])
    stated_only = trade.seed_series(figures)
    series_all = trade.interpolate_series(stated_only, params["interpolate"])
    if first_year is not None:
        series_all = series_all[series_all["year"].between(first_year, last_year)]
    series_all = series_all.reset_index(drop=True)
    series = series_all[series_all["flow"].isin(flows_shown)].reset_index(drop=True)
    reference = trade.load_reference()
    statements = trade.find_statements(trade.load_closure_evidence(), corpus.sentences)
    override = trade.parse_date(params["closure_start"], "closure_start") if params["closure_start"] else None
    duration = trade.known_duration(statements, override)
    return Inputs(
        params=params,
        doc_ids=corpus.documents["id"].tolist(),
        figures=figures,
        curated=curated,
        reference=reference,
        closure=trade.load_closure(),
        stated_only=stated_only,
        series_all=series_all,
        series=series,
        first_year=first_year,
        last_year=last_year,
        statements=statements,
        duration=duration,
        start=duration["start"],
        baselines=trade.daily_baselines(reference, duration["start"]),
        shares=trade.load_crossing_shares(),
    )


# -- sections --------------------------------------------------------------------

FIGURE_COLUMNS = [
    "doc_id",
    "sent_index",
    "measure",
    "flow",
    "flow_as_worded",
    "year",
    "year_end",
    "basis",
    "span_as_worded",
    "value",
    "unit",
    "value_usd_mn",
    "year_rule",
    "flow_note",
    "sentence",
]


def fact_check_notes(rows: pd.DataFrame, text_column: str = "sentence") -> pd.Series:
    """A fact-check note per row whose sentence matches ``data/factchecks/factchecks.csv`` ("" if none).

    The rows quote their sentences whole, so they are their own sentence table
    for :func:`analysis.methods.factchecks.notes` (the one note builder of the book).
    The sentence itself is left as it is.
    """
    sentences = rows[["doc_id", "sent_index", text_column]].rename(columns={text_column: "text"})
    sentences = sentences[sentences["text"].astype(bool) & sentences["sent_index"].notna()]
    return factchecks.notes(rows, sentences.drop_duplicates(["doc_id", "sent_index"]))


def _curated_same(figures: pd.DataFrame, curated: pd.DataFrame, doc_ids: list) -> str:
    """Whether ``seed_trade_figures.csv`` still holds what extraction finds, for the texts it covers."""
    covered = [d for d in doc_ids if d in set(curated["doc_id"])]
    if not covered:
        return "The curated file data/trade/seed_trade_figures.csv covers none of these texts."
    key, order = trade.SEED_KEY_COLUMNS, ["doc_id", "sent_index", "year"]
    mine = curated[curated["doc_id"].isin(covered)]
    theirs = figures[figures["doc_id"].isin(covered)]
    same = (
        mine[key]
        .sort_values(order)
        .reset_index(drop=True)
        .astype(str)
        .equals(theirs[key].sort_values(order).reset_index(drop=True).astype(str))
    )
    rows = "the same rows as" if same else "DIFFERENT rows from"
    return (
        f"For {wording.join(covered)}, the curated file data/trade/seed_trade_figures.csv holds {rows} "
        "this extraction (a test keeps it so)."
    )


def _per_document(figures: pd.DataFrame) -> str:
    counts = figures.groupby("doc_id", sort=False).size()
    return wording.join(f"{doc} ({wording.count(int(n), 'figure')})" for doc, n in counts.items())


def figures_found(data: Inputs) -> Section:
    """The figures the texts state, and whether the curated table still holds the same rows."""
    figures = data.figures
    n_docs, n_texts = figures["doc_id"].nunique(), len(data.doc_ids)
    n_values = int((figures["measure"] == "value").sum())
    n_rates = int((figures["measure"] == "cagr_pct").sum())
    n_other = len(figures) - n_values - n_rates
    if len(figures):
        intro = (
            f"In this run, {n_docs} of the {wording.count(n_texts, 'text')} "
            f"{wording.verb(n_docs, 'states', 'state')} trade figures: {_per_document(figures)}."
        )
        found = (
            f"Reading the cleaned sentences, the extraction finds {wording.count(len(figures), 'trade figure')} "
            f"in {wording.count(n_docs, 'document')}: "
            + wording.join(
                [f"{wording.count(n_values, 'amount')} in US dollars", wording.count(n_rates, "growth rate")]
                + ([wording.count(n_other, "other trade percentage")] if n_other else [])
            )
            + "."
        )
    else:
        intro = (
            f"In this run, none of the {wording.count(n_texts, 'text')} states a trade figure, so the "
            "chapter shows the published series and the closure scenario, and skips the checks of "
            "figures in the texts."
        )
        found = (
            "Reading the cleaned sentences, the extraction finds no trade figure (no amount in US dollars "
            "and no trade percentage), so the table below is empty and the checks that follow are skipped."
        )
    facts = {
        "intro_corpus": intro,
        "found_summary": found,
        "curated_same": _curated_same(figures, data.curated, data.doc_ids),
    }
    caption = (
        "Every trade figure found in the cleaned text, with the sentence it comes from (and a fact-check "
        "note where data/factchecks flags it) and the rule that "
        "gave its year and flow (values in USD million). The basis comes from data/trade/seed_trade_figures.csv "
        "where it holds the figure, else from the words; the span is given as the sentence words it."
    )
    table = figures[FIGURE_COLUMNS].assign(fact_check=fact_check_notes(figures))
    return Section(facts, {"figures": caption}, figures=table)


_INTERP_NOTES = {
    "none": "Nothing is interpolated in this run.",
    "linear": "In this run, missing years between stated ones are filled by a straight line "
    "and drawn as hollow points on a dashed line.",
    "geometric": "In this run, missing years between stated ones are filled assuming constant "
    "growth and drawn as hollow points on a dashed line.",
}


def stated_in(series: pd.DataFrame) -> str:
    """The documents whose stated values make up ``series`` (``"a and b"``), in order."""
    return wording.join(
        dict.fromkeys(series.loc[series["status"] == "stated", "doc_id"].dropna()), empty="no text"
    )


def _cited_by(series: pd.DataFrame) -> str:
    cited = [c for c in dict.fromkeys(series["cited_source"].fillna("")) if c]
    return f", citing {'; '.join(cited)}" if cited else ""


def series_basis(figures: pd.DataFrame) -> str:
    """The basis of the yearly values (``"calendar"``), or the bases joined when they differ."""
    vals = figures[(figures["measure"] == "value") & figures["flow"].isin([EXP, IMP])]
    return wording.join(dict.fromkeys(vals["basis"]), empty="calendar") if len(vals) else "calendar"


def series_chart(
    series: pd.DataFrame, interpolate: str, basis_words: str = "calendar"
) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Stated values as points, missing years as crosses on the axis, interpolated ones hollow."""
    plot = series.copy()
    plot["flow_label"] = plot["flow"].map(trade.FLOW_LABELS)
    plot["shown"] = plot["value_usd_mn"].fillna(0)
    basis = (
        f"{basis_words.capitalize()} years, USD million; as stated in {stated_in(series)}{_cited_by(series)}"
    )
    x = alt.X("year:O", title="calendar year")
    color = alt.Color("flow_label:N", title="flow")
    # types written out: an empty series (no figure in the texts) has none to infer
    tip = [
        "flow_label:N",
        "year:Q",
        alt.Tooltip("value_usd_mn:Q", format=",.2f", title="USD million"),
        "status:N",
        "doc_id:N",
        "sent_index:Q",
    ]
    base = alt.Chart(plot)
    line = (
        base.transform_filter("datum.status != 'missing'")
        .mark_line(strokeDash=[5, 4], opacity=0.6)
        .encode(x=x, y=alt.Y("value_usd_mn:Q"), color=color, detail="flow_label:N")
    )
    stated_pts = (
        base.transform_filter("datum.status == 'stated'")
        .mark_point(filled=True, size=90)
        .encode(
            x=x,
            y=alt.Y("value_usd_mn:Q", title="USD million", scale=alt.Scale(zero=True)),
            color=color,
            shape=alt.Shape(
                "status:N",
                title="value",
                scale=alt.Scale(
                    domain=["stated", "interpolated", "missing"], range=["circle", "diamond", "cross"]
                ),
            ),
            tooltip=tip,
        )
    )
    interp_pts = (
        base.transform_filter("datum.status == 'interpolated'")
        .mark_point(filled=False, size=90)
        .encode(x=x, y="value_usd_mn:Q", color=color, shape="status:N", tooltip=tip)
    )
    missing_pts = (
        base.transform_filter("datum.status == 'missing'")
        .mark_point(size=70, opacity=0.8)
        .encode(
            x=x,
            y=alt.Y("shown:Q"),
            color=color,
            shape="status:N",
            tooltip=["flow_label:N", "year:Q", alt.Tooltip("status:N", title="not stated in the text")],
        )
    )
    layers = [stated_pts, interp_pts, missing_pts] + ([line] if interpolate != "none" else [])
    chart = alt.layer(*layers).properties(
        width=520,
        height=300,
        title={
            "text": f"Pakistan–Afghanistan trade as stated in {stated_in(series)}",
            "subtitle": [basis, "Crosses on the axis: years the text does not state (missing, not zero)"]
            + (
                [f"Hollow diamonds on dashed lines: {interpolate} interpolation, not in the text"]
                if interpolate != "none"
                else []
            ),
        },
    )
    return chart, plot


def series_with_gaps(data: Inputs) -> Section:
    """The series chart and table, and the words for the years the texts leave out."""
    series, first, last = data.series, data.first_year, data.last_year
    if first is None:
        summary = (
            "No text states a yearly export or import value, so there is no series: the chart and the "
            "table below are empty."
        )
    else:
        missing = series[series["status"] == "missing"]
        missing_txt = "; ".join(
            f"{FLOW_NAMES[f]}: {wording.join(map(str, g['year']))}"
            for f, g in missing.groupby("flow", sort=False)
        )
        stated = data.stated_only[data.stated_only["year"].between(first, last)]
        n_stated = stated[stated["flow"].isin(series["flow"].unique())].groupby("flow")["status"]
        n_stated = n_stated.apply(lambda s: int(s.eq("stated").sum()))
        n_years = last - first + 1
        if n_stated.nunique() == 1:
            share = f"{n_stated.iloc[0]} of the {wording.count(n_years, 'year')}"
        else:
            share = "; ".join(f"{FLOW_NAMES[f]}: {n} of the {n_years} years" for f, n in n_stated.items())
        n_docs = series.loc[series["status"] == "stated", "doc_id"].nunique()
        summary = (
            f"From {first} to {last}, {stated_in(series)} {wording.verb(n_docs, 'gives', 'give')} each flow for "
            f"{share}. Missing here: {missing_txt or 'none'}."
        )
    facts = {
        "series_summary": summary,
        "interp_note": _INTERP_NOTES[data.params["interpolate"]],
    }
    chart, plot = series_chart(series, data.params["interpolate"], series_basis(data.figures))
    table = series.assign(
        flow=series["flow"].map(trade.FLOW_LABELS),
        doc_id=series["doc_id"].fillna("—"),
        sent_index=[("—" if pd.isna(v) else str(int(v))) for v in series["sent_index"]],
    )
    captions = {
        "series": f"Exports and imports as stated in {stated_in(series)}; a missing year is a cross on "
        "the axis, an interpolated one (only if the parameter asks) a hollow diamond.",
        "series_table": "The series: one row per year and flow; status says whether the text states "
        f"the value ({series_basis(data.figures)} years, USD million).",
    }
    return Section(facts, captions, chart=chart, plot=plot, table=table)


def balance_and_total(data: Inputs) -> Section:
    """Totals and balances where both flows are stated; the prose names the latest such year."""
    totals = trade.balance_and_total(data.series_all)
    both = totals.dropna(subset=["total"])
    stated = trade.balance_and_total(data.stated_only).dropna(subset=["total"])
    if data.first_year is not None:
        stated = stated[stated["year"].between(data.first_year, data.last_year)]
    if len(stated):
        last = stated.iloc[-1]
        surplus = "Pakistani surplus" if last["balance"] >= 0 else "Pakistani deficit"
        summary = (
            f"In the range shown, both are stated for {wording.join(map(str, both['year']))}. "
            f"For {int(last['year'])}: "
            f"exports {wording.number(last['exports'], 2)} plus imports {wording.number(last['imports'], 2)} "
            f"make a total of USD {wording.number(last['total'], 2)} million, with a {surplus} of "
            f"{wording.number(abs(last['balance']), 2)} million. A year that lacks one flow has no total."
        )
    else:
        summary = "No year in the range shown has both flows stated, so no total or balance follows."
    caption = (
        "Exports, imports, balance (exports minus imports) and total per calendar "
        "year, USD million; empty where a flow is not stated."
    )
    return Section({"totals_summary": summary}, {"table": caption}, table=totals)


def _rate_sentence(rec, tol: float) -> str:
    flow = FLOW_NAMES.get(rec.flow, "an unknown flow")
    if pd.isna(rec.recomputed_pct):
        return (
            f"{rec.doc_id} (sentence {rec.sent_index}) states {rec.stated_pct:g} % for {flow}, but the "
            "end points of its period are not both stated, so it cannot be recomputed."
        )
    out = (
        f"{rec.doc_id} (sentence {rec.sent_index}) states {rec.stated_pct:.2f} % for {flow} from "
        f"{rec.year} to {rec.year_end}: over {wording.count(int(rec.periods), 'yearly step')} the stated "
        f"end points give {rec.recomputed_pct:.2f} %, which "
        + ("matches" if rec.matches else "does not match")
        + f" within the tolerance of {tol:g} percentage points."
    )
    if pd.notna(rec.stated_period_years) and rec.stated_period_years == rec.calendar_years_in_span:
        n = int(rec.stated_period_years)
        out += (
            f" The text calls it a {n}-year period: the span touches {n} calendar years, and with "
            f"n = {n} the rate would be {rec.pct_if_calendar_years_counted:.2f} %, "
            + (
                "so the rate was computed with the right number of steps and only the wording invites "
                "a misreading."
                if rec.matches
                else "which does not match either."
            )
        )
    return out


def growth_rates(data: Inputs) -> Section:
    """Each stated growth rate recomputed from the stated end points."""
    tol = data.params["cagr_tolerance"]
    cg = trade.cagr_check(data.figures, data.stated_only, tol)
    rates = cg.merge(
        data.figures[["doc_id", "sent_index", "flow", "stated_period_years", "flow_note", "flow_as_worded"]],
        on=["doc_id", "sent_index", "flow"],
        how="left",
    )
    parts = [_rate_sentence(r, tol) for r in rates.itertuples()]
    for r in rates[rates["flow_note"].fillna("").astype(bool)].itertuples():
        parts.append(
            f"The sentence stating {r.stated_pct:g} % calls it the growth of \u201c{r.flow_as_worded}\u201d: "
            + (
                f"the direction and the number are those of {trade.FLOW_LABELS[r.flow]}, whose stated end "
                "points reproduce the rate."
                if r.matches
                else f"the direction points to {trade.FLOW_LABELS[r.flow]}, but their stated end points do "
                "not reproduce the rate."
            )
        )
    facts = {"growth_summary": " ".join(parts) or "No text states a growth rate, so none is recomputed."}
    caption = (
        "Growth rates stated in the text and recomputed from the stated end points "
        "(percent; periods = yearly steps; the last columns show the rate with n equal to the number "
        "of calendar years, i.e. one more root)."
    )
    return Section(facts, {"table": caption}, table=cg.set_index("flow").reset_index())


def fiscal_points(reference: pd.DataFrame, compilers: pd.DataFrame) -> pd.DataFrame:
    """The fiscal-year export and import observations, one row each, ready to draw.

    Adds ``flow_label``, ``compiler``, ``coverage`` (``12 months`` or e.g.
    ``11 months (July–May)``), ``fy_start`` and ``segment``: lines join only
    consecutive observed years of one series, flow and coverage.
    """
    fis = reference[(reference["basis"] == "fiscal") & reference["flow"].isin([EXP, IMP])].copy()
    names = dict(zip(compilers["series"], compilers["compiler"], strict=True))
    fis["compiler"] = fis["series"].map(names).fillna(fis["series"])
    fis["flow_label"] = fis["flow"].map(trade.FLOW_LABELS)
    coverage = []
    for period, months in zip(fis["period"], fis["months"], strict=True):
        first, after = trade.period_dates(period, "fiscal", int(months))
        last = after - pd.Timedelta(days=1)
        coverage.append("12 months" if months == 12 else f"{months} months ({first:%B}–{last:%B})")
    fis["coverage"] = coverage
    fis["fy_start"] = fis["period"].map(trade.fiscal_start)
    fis["segment"] = 0
    for _, grp in fis.groupby(["series", "flow", "months"]):
        fis.loc[grp.index, "segment"] = trade.observed_segments(grp)
    fis["line"] = (
        fis["series"] + " | " + fis["flow"] + " | " + fis["coverage"] + " | " + fis["segment"].astype(str)
    )
    return fis.sort_values(["flow", "series", "fy_start"]).reset_index(drop=True)


#: The reading of the SBP/customs break that no source gives: shown, and marked as a guess.
BREAK_HYPOTHESIS = (
    "the State Bank's balance-of-payments series may miss trade settled outside Pakistani banks "
    "(cash, barter), which grew after 2021"
)


def _sbp_break(fis: pd.DataFrame) -> dict | None:
    """The first year both an SBP 12-month series and a customs series have, with both values."""
    sbp = fis[fis["compiler"].str.contains("SBP") & (fis["months"] == 12)]
    cus = fis[fis["series"].str.startswith("customs")]
    common = sorted(set(sbp["period"]) & set(cus["period"]))
    if not common:
        return None
    period = common[0]
    parts = {}
    for flow in (EXP, IMP):
        a = sbp[(sbp["period"] == period) & (sbp["flow"] == flow)]
        b = cus[(cus["period"] == period) & (cus["flow"] == flow)]
        if len(a) and len(b):
            parts[flow] = (
                float(a["value_usd_mn"].iloc[0]),
                float(b["value_usd_mn"].iloc[0]),
                int(b["months"].iloc[0]),
            )
    return {"period": period, "parts": parts} if parts else None


def fiscal_chart(fis: pd.DataFrame) -> alt.VConcatChart:
    """One panel per flow: a point per observation, lines only between consecutive observed years.

    Part-year rows are hollow triangles labelled with their months; a year
    with no observation is absent (not zero); a dashed rule marks the first
    year the SBP and customs series overlap.
    """
    years = range(int(fis["fy_start"].min()), int(fis["fy_start"].max()) + 1) if len(fis) else range(0)
    domain = [f"FY{y}-{str(y + 1)[2:]}" for y in years]
    x = alt.X("period:O", title="Pakistan's fiscal year (July–June)", scale=alt.Scale(domain=domain))
    color = alt.Color(
        "series:N",
        title="series (who compiled and published it)",
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=300, titleLimit=400),
    )
    tip = [
        "period:N",
        "flow_label:N",
        alt.Tooltip("value_usd_mn:Q", format=",.2f", title="USD million"),
        "coverage:N",
        "series:N",
        "compiler:N",
        "source:N",
        "url:N",
        "note:N",
    ]
    brk = _sbp_break(fis)
    panels = []
    for flow in (EXP, IMP):
        data = fis[fis["flow"] == flow]
        full = data[data["months"] == 12]
        part = data[data["months"] < 12]
        y = alt.Y("value_usd_mn:Q", title="USD million", scale=alt.Scale(zero=True))
        layers = [
            alt.Chart(full).mark_line().encode(x=x, y=y, color=color, detail="line:N"),
            alt.Chart(full).mark_point(filled=True, size=60).encode(x=x, y=y, color=color, tooltip=tip),
            alt.Chart(part)
            .mark_point(shape="triangle-up", filled=False, size=110)
            .encode(x=x, y=y, color=color, tooltip=tip),
            alt.Chart(part).mark_text(dy=-12, fontSize=10).encode(x=x, y=y, text="coverage:N"),
        ]
        if brk:
            rule = pd.DataFrame(
                {
                    "period": [brk["period"]],
                    "label": ["break: the SBP and customs series both report from here"],
                }
            )
            layers.append(
                alt.Chart(rule).mark_rule(strokeDash=[4, 3], color="gray").encode(x=x, tooltip=["label:N"])
            )
        panels.append(alt.layer(*layers).properties(width=560, height=200, title=trade.FLOW_LABELS[flow]))
    subtitle = [
        "Points: observations; lines join consecutive observed years of one series; a missing year is absent",
        "Hollow triangles: part-year rows (months labelled); dashed rule: the SBP / customs break",
    ]
    return alt.vconcat(*panels).properties(
        title={"text": "Published figures, fiscal years, as they exist", "subtitle": subtitle}
    )


def published_series(data: Inputs) -> Section:
    """The published reference series: the fiscal-year chart, the compilers and the full table."""
    reference = data.reference
    fis = fiscal_points(reference, trade.load_compilers())
    compilers = sorted(fis["compiler"].unique())
    brk = _sbp_break(fis)
    if brk:
        ratios = wording.join(
            f"{FLOW_NAMES[f]} USD {wording.number(a)} million (SBP, 12 months) against {wording.number(b)} "
            f"million (customs, {m} months), {b / a:,.1f} times as much"
            for f, (a, b, m) in brk["parts"].items()
        )
        break_words = (
            f"In {brk['period']}, the first year both the State Bank's series and the customs series of the "
            f"Bureau of Statistics report, they disagree: {ratios}. The sources collected here do not say why, "
            f"so the two are never joined (the dashed rule marks the break). One reading, a hypothesis that no "
            f"source here states: {BREAK_HYPOTHESIS}."
        )
    else:
        break_words = "No year is covered by both the State Bank's series and the customs series here."
    part = fis[fis["months"] < 12]
    facts = {
        "n_ref_rows": f"{len(reference):,}",
        "ref_fiscal": f"{wording.count(len(fis), 'fiscal-year export or import figure')} from "
        f"{wording.count(len(compilers), 'compiler')} ({wording.join(compilers)})",
        "ref_part_year": f"{wording.count(len(part), 'part-year row')}"
        + (
            " ("
            + "; ".join(
                f"{cov} of {wording.join(sorted(g['period'].unique()))}"
                for cov, g in part.groupby("coverage")
            )
            + ")"
            if len(part)
            else ""
        ),
        "sbp_break": break_words,
    }
    captions = {
        "chart": "Published fiscal-year exports and imports from trade_reference.csv: a point per "
        "observation, lines only between consecutive observed years of one series, part-year rows as "
        "labelled triangles; calendar-year figures and totals are in the table.",
        "table": "All published figures used for checking, with basis, months covered, "
        "compiler, source and URL (USD million).",
    }
    return Section(facts, captions, chart=fiscal_chart(fis), plot=fis, table=reference)


def _total_sentence(row) -> str:
    """The prose for one checked bilateral total (a row of the claims table)."""
    verdict = row["verdict"]
    if verdict.startswith("consistent with fiscal"):
        reading = (
            " The stated figure fits the fiscal-year total and not the calendar-year one, so the text most "
            "likely reports a fiscal-year figure as if it were a calendar year."
        )
    elif verdict == "consistent":
        reading = " The stated figure fits the calendar-year total."
    elif verdict == "inconsistent":
        reading = " The stated figure fits neither the calendar-year nor the fiscal-year total."
    else:
        reading = ""
    return f"The bilateral total {row['claim']} in {row['doc_id']} is {verdict}: {row['reason']}.{reading}"


def claims_checked(data: Inputs) -> Section:
    """A verdict for every numeric claim, and the words for the totals and the trend claims."""
    claims = trade.check_claims(data.figures, data.stated_only, data.reference, data.params["cagr_tolerance"])
    totals = [_total_sentence(r) for _, r in claims[claims["kind"] == "total"].iterrows()]
    steady = [
        f"\u201cSteadily increased\u201d ({trade.FLOW_LABELS[r.flow]}, {r.doc_id}) "
        + (
            "fails on the text's own figures: "
            if r.verdict == "inconsistent"
            else "holds among the stated years: "
        )
        + r.reason
        + "."
        for r in claims[claims["claim"] == "steady increase"].itertuples()
    ]
    n_cited = int(claims["verdict"].eq(trade.VALUE_VERDICTS["cited_match"]).sum())
    n_none = int(claims["verdict"].eq(trade.VALUE_VERDICTS["none"]).sum())
    n_bad = int(claims["verdict"].eq("inconsistent").sum())
    if claims.empty:
        summary = "There is no claim to check: the texts state no trade figure."
    else:
        summary = " ".join(
            totals
            + steady
            + [f"Verdicts of \u201cinconsistent\u201d: {n_bad}."]
            + (
                [
                    f"{wording.count(n_cited, 'stated value')} {wording.verb(n_cited, 'is', 'are')} marked "
                    f"\u201c{trade.VALUE_VERDICTS['cited_match']}\u201d: the published figure comes from the "
                    "very series the text cites (data/trade/seed_trade_figures.csv), so the match shows that "
                    "the figure was copied correctly, not that it is right."
                ]
                if n_cited
                else []
            )
            + (
                [
                    f"{wording.count(n_none, 'stated value')} {wording.verb(n_none, 'is', 'are')} marked "
                    f"\u201c{trade.VALUE_VERDICTS['none']}\u201d: trade_reference.csv has no published "
                    f"figure for that year and flow, so {wording.verb(n_none, 'it rests', 'they rest')} on "
                    "the text's own source."
                ]
                if n_none
                else []
            )
        )
    facts = {"n_claims": wording.count(len(claims), "claim"), "claims_summary": summary}
    caption = (
        "Every numeric trade claim in the corpus: source sentence, the value "
        "recomputed or found in a published series, the verdict and its reason."
    )
    return Section(facts, {"table": caption}, table=claims)


def press_table(data: Inputs) -> pd.DataFrame:
    """Press figures on the closure with their day after the closure start."""
    p = data.params
    press = trade.press_figures(data.closure, p["pkr_per_usd"], p["pkr_per_usd_source"])
    press["days_after_start"] = pd.array(
        [trade.days_between(data.start, d) for d in press["date_reported"]], dtype="Int64"
    )
    return press


def durations(data: Inputs) -> pd.DataFrame:
    """The known duration (a lower bound, if the texts give one) and the assumed ones."""
    known = data.duration["days"]
    rows = []
    if known is not None:
        still = data.duration["still"]
        rows.append(
            {
                "days": known,
                "duration_basis": f"known from {still['doc_id']}: at least {known} days "
                f"(to {_date(date.fromisoformat(still['date']))})",
                "known": True,
            }
        )
    for days in data.params["closure_days"]:
        basis = "assumed"
        if known is not None and days < known:
            basis += f"; shorter than the known {known} days, so contradicted by the texts"
        rows.append({"days": days, "duration_basis": basis, "known": False})
    return pd.DataFrame(rows, columns=["days", "duration_basis", "known"])


def _duration_words(data: Inputs) -> str:
    d = data.duration
    start_row = d["start_row"]
    worded = data.statements[(data.statements["role"] == "start_as_worded") & data.statements["found"]]
    start_txt = f"The closure started on {_date(d['start'])}" + (
        f" ({start_row['dated_by']}: {start_row['source']})"
        if start_row is not None and not data.params["closure_start"]
        else " (the closure_start parameter)"
    )
    if len(worded):
        w = worded.iloc[0]
        start_txt += f"; {w['doc_id']} (sentence {w['sent_index']}) states \u201c{w['quote']}\u201d"
    if d["days"] is None:
        return (
            start_txt + ". No text in this run gives a dated statement that the crossings are still closed, "
            "so the duration is not known from the texts: the table shows the assumed durations only."
        )
    still = d["still"]
    end = "" if d["reopened"] is None else " A text gives the reopening."
    return (
        start_txt + f". {still['doc_id']} (sentence {still['sent_index']}) says the crossings were still "
        f"closed: \u201c{still['sentence'].rstrip('.')}\u201d. The statement is dated by {still['dated_by']}: "
        f"{_date(date.fromisoformat(still['date']))} ({still['source']}). So the closure lasted at least "
        f"{d['days']} days, a lower bound: no text in this run says when it ended." + end
    )


def _share_words(data: Inputs, latest: pd.Series) -> str:
    shares = trade.shares_for(data.shares, latest["per_day_usd_mn"])
    parts = []
    for r in shares.itertuples():
        if pd.isna(r.share):
            amount = (
                f"{r.usd_mn_per_day_low:g}"
                if r.usd_mn_per_day_low == r.usd_mn_per_day_high
                else f"{r.usd_mn_per_day_low:g}–{r.usd_mn_per_day_high:g}"
            )
            share = (
                wording.percent(r.share_low)
                if r.share_low == r.share_high
                else f"{wording.percent(r.share_low)}–{wording.percent(r.share_high)}"
            )
            parts.append(f"{r.crossings} carried about USD {amount} million a day ({share}; {r.source})")
        else:
            parts.append(f"{r.crossings}: {wording.percent(r.share)} ({r.source})")
    closed = data.statements[(data.statements["role"] == "crossings_closed") & data.statements["found"]]
    said = wording.join(
        f"\u201c{r['quote']}\u201d ({r['doc_id']}, sentence {r['sent_index']})"
        if r["doc_id"]
        else r["source"]
        for _, r in closed.iterrows()
    )
    supported = shares[shares["sources_say_closed"] == "yes"]
    verdict = (
        f" The sources say every active crossing closed ({said}), so the evidence supports "
        f"the case \u201c{supported['crossings'].iloc[0]}\u201d."
        if len(supported) and len(closed)
        else " No source in this run says which crossings closed, so no share is marked."
    )
    return f"Against the latest pre-closure rate: {'; '.join(parts)}." + verdict


def scenario_chart(
    data: Inputs, table: pd.DataFrame, press: pd.DataFrame
) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Cumulative trade not carried through every closed crossing, one line per baseline."""
    full = data.shares[data.shares["sources_say_closed"] == "yes"]
    share = float(full["share"].iloc[0]) if len(full) and pd.notna(full["share"].iloc[0]) else 1.0
    horizon = int(max(table["days"])) if len(table) else 0
    rows = [
        {
            "day": day,
            "date": (data.start + pd.Timedelta(days=day)).isoformat(),
            "baseline": b.baseline,
            "cumulative_usd_mn": round(b.per_day_usd_mn * day * share, 2),
        }
        for b in data.baselines.itertuples()
        for day in range(0, horizon + 1)
    ]
    path = pd.DataFrame(rows, columns=["day", "date", "baseline", "cumulative_usd_mn"])
    lines = (
        alt.Chart(path)
        .mark_line()
        .encode(
            x=alt.X("date:T", title="date"),
            y=alt.Y("cumulative_usd_mn:Q", title="cumulative trade not carried, USD million"),
            color=alt.Color(
                "baseline:N",
                title="daily baseline",
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=500),
            ),
            tooltip=["date:T", "day:Q", "baseline:N", alt.Tooltip("cumulative_usd_mn:Q", format=",.0f")],
        )
    )
    layers = [lines]
    if data.duration["days"] is not None:
        known = pd.DataFrame(
            {
                "date": [(data.start + pd.Timedelta(days=data.duration["days"])).isoformat()],
                "label": [f"known: still closed after {data.duration['days']} days"],
            }
        )
        layers.append(
            alt.Chart(known)
            .mark_rule(strokeDash=[4, 3], color="black")
            .encode(x="date:T", tooltip=["label:N"])
        )
    cum = press[press["measure"] == "loss_first_24_days"].copy()
    cum["date"] = [(data.start + pd.Timedelta(days=24)).isoformat()] * len(cum)
    cum["label"] = cum["source"] + ": " + cum["value"] + " " + cum["unit"] + " in the first 24 days"
    cum["high"] = cum["high"].astype(float)
    layers.append(
        alt.Chart(cum[["date", "high", "label", "source", "url"]])
        .mark_point(shape="diamond", size=140, filled=True, color="black")
        .encode(x="date:T", y="high:Q", tooltip=["label:N", "source:N", "url:N"])
    )
    chart = alt.layer(*layers).properties(
        width=540,
        height=300,
        title={
            "text": "Trade not carried during the closure, through every closed crossing",
            "subtitle": [
                f"USD million, cumulative from {_date(data.start)}; one line per daily baseline",
                "Dashed rule: the last dated statement that the crossings were still closed (a lower bound); "
                "diamond: a loss reported in the press (its own definition)",
            ],
        },
    )
    return chart, path


def closure_scenario(data: Inputs) -> Section:
    """The scenario grounded in the corpus: duration, baselines, shares, and the table of all scenarios."""
    table = trade.scenario_table(durations(data), data.baselines, data.shares)
    press = press_table(data)
    chart, path = scenario_chart(data, table, press)
    latest = data.baselines[data.baselines["latest"]].iloc[0]
    base_words = wording.join(
        f"{b.baseline}, USD {wording.number(b.per_day_usd_mn, 2)} million a day "
        f"({wording.number(b.total_usd_mn)} over {b.days} days; {b.source})"
        for b in data.baselines.itertuples()
    )
    marked = table[table["supported"] == "yes"]
    if len(marked):
        m = marked.iloc[0]
        supported = (
            f"The scenario the evidence supports (marked in the table): at least {m['days']} days × "
            f"USD {wording.number(m['per_day_usd_mn'], 2)} million a day × {wording.percent(m['share_high'])} "
            f"= at least USD {wording.number(m['forgone_high_usd_mn'])} million of trade not carried."
        )
        known = table[(table["days"] == m["days"]) & (table["crossings"] == m["crossings"])]
        supported += (
            f" Across the {wording.count(len(known), 'baseline')} the same duration and share give "
            f"{wording.number(known['forgone_high_usd_mn'].min())} to "
            f"{wording.number(known['forgone_high_usd_mn'].max())} million."
        )
    else:
        supported = (
            "No scenario is marked as supported: the texts in this run do not give the closure's known "
            "duration, or no source says which crossings closed. The table shows every assumption."
        )
    cum = press[press["measure"] == "loss_first_24_days"]
    at24 = latest["per_day_usd_mn"] * 24
    facts = {
        "sc_duration": _duration_words(data),
        "sc_baselines": base_words,
        "sc_shares": _share_words(data, latest),
        "sc_supported": supported,
        "sc_24": f"After 24 days the latest pre-closure rate gives USD {wording.number(at24)} million through "
        f"every crossing; the press reported a loss of {wording.join(cum['value'] + ' ' + cum['unit'])} "
        "for the first 24 days (black diamond).",
    }
    evidence = data.statements.assign(sentence=[r.sentence or r.quote for r in data.statements.itertuples()])[
        ["role", "date", "doc_id", "sent_index", "found", "sentence", "dated_by", "source", "url", "note"]
    ]
    evidence["fact_check"] = fact_check_notes(evidence)
    captions = {
        "evidence": "Statements on the 2025 closure from data/trade/closure_evidence.csv: a text's statement "
        "counts when its sentence is in this corpus (found); press rows always count.",
        "table": "Every scenario: duration × daily baseline × share through the closed crossings (USD million; "
        "supported = yes marks the one the evidence supports).",
        "chart": "Cumulative trade not carried through every closed crossing, per daily baseline, with the "
        "last dated statement that the crossings were still closed and the press loss for 24 days.",
    }
    return Section(facts, captions, evidence=evidence, table=table, chart=chart, plot=path)


def daily_chart(bars: pd.DataFrame) -> alt.LayerChart:
    """Per day: the scenario range next to the press figures reported in US dollars."""
    enc = dict(
        y=alt.Y("what:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.condition("datum.source == 'this chapter'", alt.value("#4c78a8"), alt.value("#777777")),
        tooltip=[
            "what",
            alt.Tooltip("usd_low:Q", format=",.2f", title="low"),
            alt.Tooltip("usd_high:Q", format=",.2f", title="high"),
            "unit",
            "source",
            "url",
            "note",
        ],
    )
    rng = (
        alt.Chart(bars)
        .mark_bar(height=10)
        .encode(
            x=alt.X("usd_low:Q", title="USD million per day", scale=alt.Scale(zero=True)),
            x2="usd_high:Q",
            **enc,
        )
    )
    ends = alt.Chart(bars).mark_tick(thickness=3, size=18).encode(x="usd_low:Q", **enc) + alt.Chart(
        bars
    ).mark_tick(thickness=3, size=18).encode(x="usd_high:Q", **enc)
    return alt.layer(rng, ends).properties(
        width=420,
        title={
            "text": "Per day: the scenario next to press figures in US dollars",
            "subtitle": [
                "USD million per day; rupee figures are listed in the table, "
                "converted only with a sourced exchange rate"
            ],
        },
    )


PRESS_COLUMNS = [
    "date_reported",
    "days_after_start",
    "crossing",
    "measure",
    "value",
    "unit",
    "usd_low",
    "usd_high",
    "conversion",
    "source",
    "url",
    "note",
]


def press_reports(data: Inputs) -> Section:
    """Daily figures: the scenario beside the press (chart), and every press figure (table)."""
    p = data.params
    press = press_table(data)
    usd_daily = press[press["per_day"] & press["usd_low"].notna()].copy()
    usd_daily["what"] = (
        usd_daily["crossing"]
        + ": "
        + usd_daily["measure"].str.replace("_", " ")
        + " ("
        + usd_daily["source"]
        + ")"
    )
    model_rows = []
    for b in data.baselines.itertuples():
        for sh in trade.shares_for(data.shares, b.per_day_usd_mn).itertuples():
            model_rows.append(
                {
                    "what": f"scenario: {b.basis} {b.period}, {sh.crossings}",
                    "usd_low": b.per_day_usd_mn * sh.share_low,
                    "usd_high": b.per_day_usd_mn * sh.share_high,
                    "source": "this chapter",
                    "unit": "USD million per day",
                    "note": sh.note,
                    "url": "",
                }
            )
    model = pd.DataFrame(model_rows, columns=["what", "usd_low", "usd_high", "source", "unit", "note", "url"])
    bars = pd.concat(
        [model, usd_daily[["what", "usd_low", "usd_high", "source", "unit", "note", "url"]]],
        ignore_index=True,
    )
    table = press[PRESS_COLUMNS].assign(
        days_after_start=[("—" if pd.isna(v) else str(int(v))) for v in press["days_after_start"]]
    )
    rate = p["pkr_per_usd"]
    facts = {
        "n_pkr": f"{int((press['currency'] == 'PKR').sum()):,}",
        "pkr_note": "They are not converted here: no exchange rate was given."
        if rate == 0
        else f"They are converted at {rate:g} rupees per dollar ({p['pkr_per_usd_source']}).",
    }
    captions = {
        "chart": "Daily trade in the scenario (low to high share) next to daily figures reported "
        "in US dollars; a single reported value shows as a thin bar.",
        "table": "Figures on the 2025 closure reported in the press, in their own "
        "units (USD columns only for dollar figures, or rupees converted with a sourced rate).",
    }
    return Section(facts, captions, chart=daily_chart(bars), plot=bars, table=table)
