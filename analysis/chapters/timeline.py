"""The timeline chapter: what ``chapters/timeline.ipynb`` shows, computed here.

The notebook calls :func:`check` (through :class:`~analysis.book.report.Chapter`),
then one function per section: :func:`read_dates` (every date expression,
the anchors and the facts the prose glues), :func:`timeline_charts` (every
resolved date by document, in full and from ``detail_from`` on) and
:func:`shared_periods` (periods named by more than one text).  The date
rules themselves are in :mod:`analysis.methods.timeline`.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis.chapters import checks, wording
from analysis.errors import ParameterError
from analysis.methods import timeline as tl

#: Earliest and latest year a chart may start from: the years the extraction reads (1800-2099).
CHART_YEARS = (1800, 2099)

#: Order of the granularities in the chart legend (finest first).
GRAN_ORDER = ["day", "week", "range", "month", "season", "year", "decade"]

#: Order of the date bases on the charts (point shapes circle, square, triangle).
BASIS_ORDER = [tl.DATE_BASES[k] for k in ("stated", "publication", "inferred")]

#: Columns of the data behind the timeline charts.
PLOT_COLUMNS = [
    "doc_id",
    "sent_index",
    "expression",
    "granularity",
    "qualifier",
    "date_basis",
    "period",
    "rule",
    "sentence",
    "start_d",
    "end_d",
    "shape",
]

#: Columns of the unresolved table (the reason is the ``rule``).
UNRESOLVED_COLUMNS = ["doc_id", "sent_index", "expression", "kind", "rule", "anchor", "sentence"]

_TOOLTIP = ["doc_id", "expression", "granularity", "qualifier", "date_basis", "period", "rule", "sentence"]


def _iso_date(params: dict, name: str) -> date:
    try:
        return date.fromisoformat(str(params[name]))
    except ValueError:
        checks.fail(name, "a date YYYY-MM-DD", params[name])


def check(params: dict) -> None:
    """Refuse every bad parameter value of the timeline chapter.

    Examples
    --------
    >>> check({"corpus_dir": "", "timeline_granularity": "week", "anchor_dates": {},
    ...        "chart_from_year": 1940, "detail_from": "2020-01-01"})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'timeline_granularity' expects one of 'year', 'month', 'day', got 'week'
    """
    checks.one_of(params, "timeline_granularity", tl.GRANULARITIES)
    checks.between(params, "chart_from_year", *CHART_YEARS)
    _iso_date(params, "detail_from")
    ids = checks.corpus(params)
    anchors = params["anchor_dates"]
    unknown = [k for k in anchors if k not in ids]
    if unknown:
        raise ParameterError(
            f"parameter 'anchor_dates' names unknown document(s) {unknown}; valid ids: {', '.join(ids)}"
        )
    for doc_id, value in anchors.items():
        try:
            date.fromisoformat(str(value))
        except ValueError:
            checks.fail("anchor_dates", f"a date YYYY-MM-DD for {doc_id!r}", value)


def _anchor_table(anchors: dict, overrides: dict, manifest: pd.DataFrame) -> pd.DataFrame:
    def source(doc_id):
        if doc_id in overrides:
            return "parameter anchor_dates (inferred)"
        return "manifest date" if anchors[doc_id] else "manifest date unknown"

    return pd.DataFrame(
        {
            "document": list(anchors),
            "anchor": [a.isoformat() if a else "none (unresolved)" for a in anchors.values()],
            "from": [source(d) for d in anchors],
            "manifest_date": [manifest.at[d, "date"] for d in anchors],
            "manifest_date_meaning": [manifest.at[d, "date_meaning"] for d in anchors],
        }
    )


def read_dates(corpus, params: dict) -> SimpleNamespace:
    """Every date expression of the corpus, its anchors, its groups, and the facts for the prose.

    Returns
    -------
    SimpleNamespace
        ``mentions`` (every expression, :func:`analysis.methods.timeline.extract_dates`),
        ``resolved``, ``unresolved`` (the table shown: :data:`UNRESOLVED_COLUMNS`),
        ``groups`` (:func:`analysis.methods.timeline.group_mentions`), ``rules``
        and ``anchors`` (tables), ``doc_order`` (document ids), ``facts``.
    """
    overrides = params["anchor_dates"]
    granularity = params["timeline_granularity"]
    docs = corpus.documents
    anchors = tl.document_anchors(docs, overrides)
    dates = tl.extract_dates(corpus.sentences, anchors, inferred=set(overrides))
    resolved = dates[dates["resolved"]].copy()
    unresolved = dates[~dates["resolved"]].copy()
    groups = tl.group_mentions(dates, granularity)
    manifest = docs.set_index("id")
    no_anchor = [d for d, a in anchors.items() if a is None]
    inferred = dates[dates["date_basis"] == tl.DATE_BASES["inferred"]]
    ago_skipped = dates[(dates["kind"] == "ago") & ~dates["resolved"] & dates["doc_id"].isin(list(overrides))]
    top = groups.iloc[0]
    facts = {
        "n_mentions": wording.number(len(dates)),
        "n_resolved": wording.number(len(resolved)),
        "n_unresolved": wording.number(len(unresolved)),
        "n_date_docs": wording.number(dates["doc_id"].nunique()),
        "no_anchor_docs": wording.join(no_anchor),
        "anchor_overrides": wording.join([f"{k} = {v}" for k, v in overrides.items()], empty="none"),
        "override_why": "; ".join(
            f"for {k} the manifest gives {manifest.at[k, 'date']} and notes: "
            f"\u201c{manifest.at[k, 'date_meaning']}\u201d"
            for k in overrides
        )
        or "no document is overridden in this run",
        "n_inferred": wording.number(len(inferred)),
        "ago_skipped": "; ".join(
            f"\u201c{e}\u201d ({d})" for e, d in zip(ago_skipped["expression"], ago_skipped["doc_id"])
        )
        or "none in this run",
        "n_shared": wording.number(int((groups["n_documents"] > 1).sum())),
        "top_period": top["period"],
        "top_docs": wording.count(int(top["n_documents"]), "text"),
        "top_expr": top["expressions"],
        "granularity": granularity,
    }
    rules = pd.DataFrame({"rule": list(tl.RESOLUTION_RULES), "how": list(tl.RESOLUTION_RULES.values())})
    return SimpleNamespace(
        mentions=dates,
        resolved=resolved,
        unresolved=unresolved[UNRESOLVED_COLUMNS],
        groups=groups,
        rules=rules,
        anchors=_anchor_table(anchors, overrides, manifest),
        doc_order=list(docs["id"]),
        facts=facts,
    )


def plot_data(resolved: pd.DataFrame, chart_from_year: int) -> pd.DataFrame:
    """Resolved mentions as chart rows: ``start_d``/``end_d`` timestamps (end exclusive) and a mark shape.

    A period of up to 31 days is drawn as a point, a longer one as a span;
    periods ending before ``chart_from_year`` are left out.
    """
    plot = resolved.copy()
    plot["start_d"] = pd.to_datetime(plot["start"])
    plot["end_d"] = pd.to_datetime(plot["end"]) + pd.Timedelta(days=1)
    plot["span_days"] = (plot["end_d"] - plot["start_d"]).dt.days
    plot["shape"] = plot["span_days"].map(lambda d: "point (up to a month)" if d <= 31 else "span")
    plot = plot[plot["end_d"].dt.year >= chart_from_year]
    plot["period"] = plot["start"] + " to " + plot["end"]
    return plot[PLOT_COLUMNS]


def timeline_chart(data: pd.DataFrame, doc_order: list[str], title: str, subtitle: list[str], x_from=None):
    """Dates by document: spans as translucent bars, points shaped by date basis; zoom in time."""
    color = alt.Color(
        "granularity:N", title="granularity", scale=alt.Scale(domain=GRAN_ORDER, scheme="category10")
    )
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    y = alt.Y("doc_id:N", title="document", sort=doc_order)
    xscale = (
        alt.Scale(domainMin={"year": x_from.year, "month": x_from.month, "date": x_from.day})
        if x_from
        else alt.Undefined
    )
    spans = (
        alt.Chart(data)
        .transform_filter("datum.shape == 'span'")
        .mark_bar(opacity=0.35, height=14, clip=True)
        .encode(
            x=alt.X("start_d:T", title="date", scale=xscale), x2="end_d:T", y=y, color=color, tooltip=_TOOLTIP
        )
    )
    points = (
        alt.Chart(data)
        .transform_filter("datum.shape != 'span'")
        .mark_point(filled=True, size=70, clip=True)
        .encode(
            x="start_d:T",
            y=y,
            color=color,
            shape=alt.Shape(
                "date_basis:N",
                title="date basis",
                scale=alt.Scale(domain=BASIS_ORDER, range=["circle", "square", "triangle-up"]),
            ),
            tooltip=_TOOLTIP,
        )
    )
    return (
        alt.layer(spans, points)
        .add_params(zoom)
        .properties(width=620, height=34 * len(doc_order), title={"text": title, "subtitle": subtitle})
    )


def timeline_charts(dates: SimpleNamespace, params: dict) -> SimpleNamespace:
    """The full timeline (from ``chart_from_year``) and the recent one (from ``detail_from``).

    Returns
    -------
    SimpleNamespace
        ``full``, ``recent`` (charts), ``full_data``, ``recent_data`` (their
        rows without the sentence, for the CSVs), ``recent_caption``.
    """
    chart_from_year, detail_from = params["chart_from_year"], params["detail_from"]
    detail_start = date.fromisoformat(detail_from)
    plot = plot_data(dates.resolved, chart_from_year)
    full = timeline_chart(
        plot,
        dates.doc_order,
        "Dates named in the texts",
        [
            f"From {chart_from_year}; bars: spans longer than a month (years, ranges, decades); "
            "points: days, weeks, months (shape: how the date was read; triangles are inferred)",
            "Hover for the sentence; drag or scroll to zoom in time",
        ],
    )
    recent = plot[plot["end_d"] >= pd.Timestamp(detail_start)]
    latest = ""
    if len(recent):
        row = recent.loc[recent["start_d"].idxmax()]
        latest = f"; latest date named: \u201c{row['expression']}\u201d ({row['doc_id']})"
    recent_chart = timeline_chart(
        recent,
        dates.doc_order,
        f"Dates from {detail_from} on",
        ["Same data, recent period" + latest, "Hover for the sentence; drag or scroll to zoom"],
        x_from=detail_start,
    )
    return SimpleNamespace(
        full=full,
        full_data=plot.drop(columns=["sentence"]),
        recent=recent_chart,
        recent_data=recent.drop(columns=["sentence"]),
        recent_caption=f"Date expressions whose period reaches {detail_from} or later.",
    )


def shared_periods(dates: SimpleNamespace, params: dict) -> SimpleNamespace:
    """Bar chart of the periods named by more than one text, and the caption of the groups table."""
    granularity = params["timeline_granularity"]
    bar = dates.groups[dates.groups["n_documents"] > 1].copy()
    chart = (
        alt.Chart(bar)
        .mark_bar()
        .encode(
            y=alt.Y("period:N", title=f"period ({granularity} or coarser)", sort=None),
            x=alt.X("mentions:Q", title="mentions"),
            color=alt.Color("n_documents:O", title="texts"),
            tooltip=["period", "mentions", "n_documents", "documents", "expressions", "example"],
        )
        .properties(
            width=420,
            title={
                "text": "Periods named by more than one text",
                "subtitle": f"Grouped by {granularity}; tooltip: one sentence",
            },
        )
    )
    return SimpleNamespace(
        chart=chart,
        data=bar,
        groups_caption=f"All resolved mentions grouped by {granularity}: how many mentions, in "
        "which documents, as which expressions, with one example sentence.",
    )
