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


#: How the prose says where an anchor read from the text comes from.
_ANCHOR_PHRASES = {
    tl.ANCHOR_SOURCES["parameter"]: "from the parameter anchor_dates",
    tl.ANCHOR_SOURCES["metadata"]: "from its anchor_date field",
}


def _documents_table(corpus, anchors: pd.DataFrame, dates: pd.DataFrame) -> pd.DataFrame:
    """One row per document: its anchor, where it comes from, its date, and how many dates it gave."""
    docs = corpus.documents.set_index("id")
    found = dates.groupby("doc_id")["expression"].size()
    placed = dates[dates["resolved"]].groupby("doc_id")["expression"].size()
    return pd.DataFrame(
        {
            "document": anchors["doc_id"],
            "anchor": [a.isoformat() if a else "none (unresolved)" for a in anchors["anchor"]],
            "from": anchors["source"],
            "date": [docs.at[d, "date"] for d in anchors["doc_id"]],
            "date_meaning": [docs.at[d, "date_meaning"] for d in anchors["doc_id"]],
            "expressions": [int(found.get(d, 0)) for d in anchors["doc_id"]],
            "placed": [int(placed.get(d, 0)) for d in anchors["doc_id"]],
            "note": [
                _why_no_dates(int(found.get(d, 0)), int(placed.get(d, 0)), note)
                for d, note in zip(anchors["doc_id"], anchors["note"])
            ],
        }
    )


def _why_no_dates(found: int, placed: int, anchor_note: str) -> str:
    """Why a document puts nothing on the timeline ("" when it does)."""
    if placed:
        return ""
    if not found:
        return "no date expression in the text"
    reason = f": {anchor_note}" if anchor_note else ", see the unresolved list"
    return f"{wording.count(found, 'date expression')}, none placed{reason}"


def _shared_summary(groups: pd.DataFrame) -> str:
    """How many periods more than one text names, and the most widely shared one, as a clause."""
    shared = groups[groups["n_documents"] > 1]
    if shared.empty:
        return "no period is named by more than one text"
    top = shared.iloc[0]
    n = len(shared)
    return (
        f"{wording.count(n, 'period')} {wording.verb(n, 'is', 'are')} named by more than one text; "
        f"the most widely shared is {top['period']} ({wording.count(int(top['n_documents']), 'text')}: "
        f"{top['expressions']})"
    )


def read_dates(corpus, params: dict) -> SimpleNamespace:
    """Every date expression of the corpus, its anchors, its groups, and the facts for the prose.

    Returns
    -------
    SimpleNamespace
        ``mentions`` (every expression, :func:`analysis.methods.timeline.extract_dates`),
        ``resolved``, ``unresolved`` (the table shown: :data:`UNRESOLVED_COLUMNS`),
        ``groups`` (:func:`analysis.methods.timeline.group_mentions`), ``rules``
        and ``anchors`` (tables; ``anchors`` has one row per document),
        ``doc_order`` (document ids), ``facts``.
    """
    granularity = params["timeline_granularity"]
    docs = corpus.documents
    anchors = tl.resolve_anchors(docs, params["anchor_dates"])
    inferred_ids = set(anchors.loc[anchors["inferred"], "doc_id"])
    dates = tl.extract_dates(
        corpus.sentences, dict(zip(anchors["doc_id"], anchors["anchor"])), inferred=inferred_ids
    )
    resolved = dates[dates["resolved"]].copy()
    unresolved = dates[~dates["resolved"]].copy()
    groups = tl.group_mentions(dates, granularity)
    table = _documents_table(corpus, anchors, dates)
    no_anchor = anchors[anchors["anchor"].isna()]
    undated = table[table["placed"] == 0]
    inferred = dates[dates["date_basis"] == tl.DATE_BASES["inferred"]]
    ago_skipped = dates[(dates["kind"] == "ago") & ~dates["resolved"] & dates["doc_id"].isin(inferred_ids)]
    read_anchors = anchors[anchors["inferred"]].merge(docs, left_on="doc_id", right_on="id")
    facts = {
        "n_mentions": wording.number(len(dates)),
        "n_resolved": wording.number(len(resolved)),
        "n_unresolved": wording.number(len(unresolved)),
        "n_date_docs": wording.count(dates["doc_id"].nunique(), "document"),
        "n_docs": wording.count(len(docs), "document"),
        "no_anchor_docs": wording.join(f"{d} ({n})" for d, n in zip(no_anchor["doc_id"], no_anchor["note"])),
        "read_anchors": wording.join(
            f"{r.doc_id}: anchor {r.anchor.isoformat()} {_ANCHOR_PHRASES[r.source]}, while its date is {r.date} "
            f"(\u201c{r.date_meaning}\u201d)"
            for r in read_anchors.itertuples()
        ),
        "undated_docs": wording.join(f"{d} ({n})" for d, n in zip(undated["document"], undated["note"])),
        "n_inferred": wording.number(len(inferred)),
        "ago_skipped": "; ".join(
            f"\u201c{e}\u201d ({d})" for e, d in zip(ago_skipped["expression"], ago_skipped["doc_id"])
        )
        or "none in this run",
        "shared_summary": _shared_summary(groups),
        "granularity": granularity,
    }
    rules = pd.DataFrame({"rule": list(tl.RESOLUTION_RULES), "how": list(tl.RESOLUTION_RULES.values())})
    return SimpleNamespace(
        mentions=dates,
        resolved=resolved,
        unresolved=unresolved[UNRESOLVED_COLUMNS],
        groups=groups,
        rules=rules,
        anchors=table,
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
