"""The timeline chapter: what ``chapters/timeline.ipynb`` shows, computed here.

The notebook calls :func:`check` (through :class:`~analysis.book.report.Chapter`),
then one function per section: :func:`read_dates` (every date expression,
the anchors and the facts the prose glues), :func:`timeline_charts` (every
resolved date by document, in full and from ``detail_from`` on) and
:func:`shared_events` (sentences grouped into events; those named by two or
more texts).  The date rules are in :mod:`analysis.methods.timeline`, the
grouping into events in :mod:`analysis.methods.events`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis import paths
from analysis.chapters import checks, wording
from analysis.corpus.load import load_corpus
from analysis.errors import ParameterError, ProjectError
from analysis.methods import actors, events, factchecks
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
    ids = checks.corpus({**params, "corpus_dir": str(corpus_path(params))})
    load_event_list(params)
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


def corpus_path(params: dict) -> Path:
    """The corpus ``corpus_dir`` names (``""``: the project's ``seeds/``), absolute.

    A relative path is read as :func:`analysis.chapters.checks.input_path`
    says (the current folder, else the project root).
    """
    return checks.input_path(params, "corpus_dir", default=paths.SEEDS)


def load(params: dict):
    """The corpus the parameters name (``corpus_dir``, ``documents``), loaded and cleaned."""
    return load_corpus(corpus_path(params), documents=params["documents"] or None)


def load_event_list(params: dict) -> pd.DataFrame:
    """The listed events ``events_path`` names (``""``: ``data/events/events.csv``), checked."""
    path = checks.input_path(params, "events_path", default=paths.ROOT / events.DEFAULT_EVENTS)
    try:
        return events.load_events(path)
    except ProjectError as exc:
        raise ParameterError(f"parameter 'events_path': {exc}") from None


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
        "granularity": granularity,
    }
    rules = pd.DataFrame({"rule": list(tl.RESOLUTION_RULES), "how": list(tl.RESOLUTION_RULES.values())})
    return SimpleNamespace(
        mentions=factchecks.with_notes(dates, corpus.sentences),
        resolved=resolved,
        unresolved=factchecks.with_notes(unresolved[UNRESOLVED_COLUMNS], corpus.sentences),
        groups=groups,
        rules=rules,
        anchors=table,
        anchor_dates=dict(zip(anchors["doc_id"], anchors["anchor"])),
        doc_order=list(docs["id"]),
        groups_caption=f"All resolved mentions grouped by {granularity}: how many mentions, in "
        "which documents, as which expressions, with one example sentence (a period, not an event).",
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


def _shared_events_summary(shared: pd.DataFrame) -> str:
    if shared.empty:
        return "no event is named by more than one text"
    n = len(shared)
    items = [
        f"{label} ({wording.count(k, 'text')})" for label, k in zip(shared["label"], shared["n_documents"])
    ]
    return f"{wording.count(n, 'event')} {wording.verb(n, 'is', 'are')} named by two or more texts: {wording.join(items)}"


def shared_events(corpus, dates: SimpleNamespace, params: dict) -> SimpleNamespace:
    """Sentences grouped into events (:mod:`analysis.methods.events`) and the events two or more texts share.

    Returns
    -------
    SimpleNamespace
        ``events`` (one row per event), ``sentences`` (one row per dated or
        event sentence, with its one date), ``chart`` and ``shared`` (its
        data: events named by two or more texts), ``facts``.
    """
    catalogue = load_event_list(params)
    named = actors.match_sentences(corpus.sentences, actors.load_actors())
    assigned = events.assign_events(
        corpus.sentences, dates.mentions, catalogue, events.load_event_words(), named, dates.anchor_dates
    )
    summary = events.summarise_events(assigned, catalogue)
    shared = summary[summary["n_documents"] >= 2].copy()
    found = set(summary.loc[summary["listed"].astype(bool), "event_id"])
    chart = (
        alt.Chart(shared)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title="event", sort=None),
            x=alt.X("n_documents:Q", title="texts that name it", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("n_sentences:Q", title="sentences"),
            tooltip=[
                "label",
                "event_date",
                "n_documents",
                "documents",
                "n_sentences",
                "undated",
                "dated_as",
                "cues",
            ],
        )
        .properties(
            width=420,
            title={
                "text": "Events named by two or more texts",
                "subtitle": "Listed events joined by cue words and date; tooltip: dates and cues",
            },
        )
    )
    undated = int((assigned["joined_by"] == events.JOINED_BY["undated"]).sum())
    facts = {
        "n_listed_events": wording.count(len(catalogue), "listed event"),
        "n_listed_found": wording.count(len(found), "listed event"),
        "listed_not_found": wording.join(catalogue.loc[~catalogue["event_id"].isin(found), "label"]),
        "n_event_sentences": wording.count(len(assigned), "sentence"),
        "n_events": wording.count(len(summary), "event"),
        "n_undated_joined": wording.count(undated, "undated sentence"),
        "shared_events_summary": _shared_events_summary(shared),
        "min_overlap": wording.percent(events.MIN_OVERLAP),
        "distinctive_share": wording.percent(events.DISTINCTIVE_SHARE),
    }
    return SimpleNamespace(
        events=with_example_notes(summary, assigned, corpus.sentences),
        sentences=factchecks.with_notes(assigned, corpus.sentences),
        shared=shared,
        chart=chart,
        facts=facts,
    )


def with_example_notes(
    summary: pd.DataFrame, assigned: pd.DataFrame, sentences: pd.DataFrame
) -> pd.DataFrame:
    """The events table with the fact-check note of its ``example`` sentence (``data/factchecks/``).

    The example of an event is its first sentence in ``assigned``
    (:func:`analysis.methods.events.summarise_events`); the note is empty
    when that sentence states no listed error.  The sentence is not changed.
    """
    first = assigned.groupby("event_id", sort=False)[["doc_id", "sent_index"]].first()
    keys = first.reindex(summary["event_id"]).reset_index(drop=True)
    return summary.assign(**{factchecks.NOTE_COLUMN: factchecks.notes(keys, sentences).to_numpy()})
