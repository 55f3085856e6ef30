"""The framing chapter: who is named, in which frames, whose voice, who is held responsible.

``chapters/framing.ipynb`` calls :func:`check` (through ``Chapter``), then
:func:`load` once and one function per section.  Each section returns a
:class:`Section`: the tables and charts it shows, and ``facts``, the worded
values its prose glues.  The measures themselves live in
:mod:`analysis.methods.actors`, :mod:`~analysis.methods.frames`,
:mod:`~analysis.methods.voices` and :mod:`~analysis.methods.responsibility`;
this module only selects, sums and words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import altair as alt
import pandas as pd
import yaml

from analysis import paths
from analysis.book.labels import SIDES
from analysis.chapters import checks, tables, wording
from analysis.chapters.charts import document_names, heat_map, label_expr, side_names, side_scale
from analysis.corpus.load import META_COLUMNS, load_corpus
from analysis.errors import ParameterError, ProjectError
from analysis.methods import actors, factchecks, frames, responsibility, sentiment, uncertainty, voices

#: Readable side names for the prose (display only).
SIDE_LABELS = {
    "pakistan": "Pakistan",
    "afghanistan": "Afghanistan",
    "militant": "militant groups",
    "third_party": "third parties",
    "unresolved": "unresolved",
}

#: Metadata fields a group comparison may use: every manifest field the
#: documents table carries, except the ones that identify a file.
GROUP_FIELDS = [c for c in META_COLUMNS if c not in ("file", "sha256")]

#: Readable names of the metadata fields a comparison may group by.
#: ``outlet_country`` is the country of the outlet that published a text, not
#: the side the text speaks for, and its label says so.
FIELD_LABELS = {
    "outlet_country": "outlet’s country",
    "outlet": "outlet",
    "genre": "genre",
    "year": "year of publication",
    "date": "date",
    "perspective": "perspective noted in the manifest",
    "authors": "authors",
    "id": "document",
}

#: Readers' names of this chapter's table columns (the CSVs keep the machine
#: names; the notebook passes these to ``ch.table(..., labels=...)``).
LABELS = {
    "of": "out of",
    "surface": "as written",
    "naming": "sentence names",
    "mean_compound": "mean compound",
    "share_negative": "share negative",
    "negative": "negative sentences",
    "scheme": "scheme",
    "keyword": "keyword",
    "hits": "hits",
    "speaker": "speaker",
    "side": "side",
    "rule": "rule",
    "cue": "cue",
    "side_a": "one side",
    "side_b": "other side",
    "a_to_b": "one → other",
    "b_to_a": "other → one",
    "share_a_to_b": "share one → other",
    "agent": "agent",
    "target": "target",
    "verb": "verb",
    "verb_class": "kind of verb",
    "mutual": "reciprocal",
    "statements": "statements",
    "gold_positive": "hand-coded as naming it",
    "tp": "found, hand-coded too",
    "fp": "found, not hand-coded",
    "fn": "hand-coded, not found",
    "precision": "precision",
    "recall": "recall",
    "f1": "F1",
    "ci_low": "95% low",
    "ci_high": "95% high",
    **FIELD_LABELS,
    **SIDES,
}
#: The share-of-sentences table: sentences naming the side, out of all sentences.
SHARE_LABELS = {**LABELS, "sentences": "naming the side", "of": "sentences in all"}
#: The share-of-voice table: statements of the side, out of all statements.
VOICE_LABELS = {**LABELS, "of": "statements in all"}

#: Row label of corpus-wide figures in tables that also have one row per document.
ALL_DOCUMENTS = "(all documents)"

#: Columns the validation table must have besides one 0/1 column per side.
GOLD_KEYS = ("doc_id", "sent_index")


class Section(SimpleNamespace):
    """What one section shows: named tables and charts, and ``facts`` for its prose."""


def field_label(field: str) -> str:
    """``"outlet_country"`` -> ``"outlet's country"``; other fields with spaces for ``_``."""
    return FIELD_LABELS.get(field, field.replace("_", " "))


def side_label(side: str) -> str:
    """``"third_party"`` -> ``"third parties"`` (unknown sides as given)."""
    return SIDE_LABELS.get(side, side)


# -- parameters ---------------------------------------------------------------


def corpus_path(params: dict) -> Path:
    """The corpus ``corpus_dir`` names (``""``: the project's ``seeds/``), absolute.

    A folder with ``manifest.yaml``, a folder of ``.txt`` files, or a CSV or
    Parquet table (:mod:`analysis.corpus.sources`); a relative path is read
    as :func:`analysis.chapters.checks.input_path` says.
    """
    return checks.input_path(params, "corpus_dir", default=paths.SEEDS)


def _load_actors(params: dict) -> actors.ActorDictionary:
    path = checks.input_path(params, "actors_path")
    try:
        return actors.load_actors(path)
    except (ProjectError, OSError, ValueError, yaml.YAMLError) as exc:
        raise ParameterError(f"parameter 'actors_path': {exc}") from None


def _load_frames(params: dict) -> frames.FrameDictionary:
    path = checks.input_path(params, "frames_path")
    try:
        return frames.load_frames(path)
    except (ProjectError, OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        raise ParameterError(f"parameter 'frames_path': {exc}") from None


def _check_sides(params: dict, dictionary: actors.ActorDictionary) -> None:
    sides = params["sides"]
    expected = "a non-empty list of distinct sides drawn from " + ", ".join(map(repr, dictionary.sides))
    if not sides or any(s not in dictionary.sides for s in sides) or len(set(sides)) != len(sides):
        checks.fail("sides", expected, sides)


def _check_gold(params: dict, sides: list[str]) -> None:
    path = checks.input_path(params, "gold_path")
    if not path.is_file():
        raise ParameterError(f"parameter 'gold_path': not a file: {path}")
    try:
        columns = pd.read_csv(path, nrows=0).columns
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"parameter 'gold_path': {path}: not a readable CSV ({exc})") from None
    missing = [c for c in (*GOLD_KEYS, *sides) if c not in columns]
    if missing:
        raise ParameterError(f"parameter 'gold_path': {path}: missing column(s) {', '.join(missing)}")


def check(params: dict) -> None:
    """Refuse every bad value of the chapter's parameters (:class:`ParameterError`).

    Examples
    --------
    >>> from analysis.book.params import read_defaults, notebook_for
    >>> p = read_defaults(notebook_for("framing"))
    >>> check({**p, "min_mentions": 0})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'min_mentions' expects an integer >= 1, got 0
    """
    checks.at_least(params, "min_mentions", 1)
    checks.at_least(params, "max_listed", 0)
    checks.at_least(params, "small_gap_pp", 0)
    checks.one_of(params, "lexicon", sentiment.LEXICONS)
    checks.one_of(params, "group_field", GROUP_FIELDS)
    dictionary = _load_actors(params)
    _check_sides(params, dictionary)
    frame_dictionary = _load_frames(params)
    checks.one_of(params, "frame_scheme", frame_dictionary.other)
    _check_gold(params, params["sides"])
    checks.corpus({**params, "corpus_dir": str(corpus_path(params))})


# -- the data every section reads ---------------------------------------------


@dataclass
class Data:
    """The corpus and the dictionaries' readings of it, computed once per run.

    Attributes
    ----------
    params : dict
    dictionary : ActorDictionary
    frames : FrameDictionary
    sides, frame_cols : list of str
        Sides shown (in order) and frame ids of the chosen scheme.
    labels : dict
        Frame id -> label.
    documents, sentences : DataFrame
        From :func:`analysis.corpus.load.load_corpus`.
    mentions, sent_sides : DataFrame
        Actor mentions and the sides each sentence names.
    coded, hits : DataFrame
        Frame coding of each sentence and the keyword hits behind it.
    voices : DataFrame
        Attributed statements and claims of responsibility.
    """

    params: dict
    dictionary: actors.ActorDictionary
    frames: frames.FrameDictionary
    sides: list[str]
    frame_cols: list[str]
    labels: dict
    documents: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    sent_sides: pd.DataFrame
    coded: pd.DataFrame
    hits: pd.DataFrame
    voices: pd.DataFrame
    doc_names: dict = None  # type: ignore[assignment]

    @property
    def doc_order(self) -> list[str]:
        """Document ids in corpus order."""
        return self.documents["id"].tolist()

    @property
    def side_names(self) -> dict:
        """Side key -> display name, for the charts' axes and legends (``unresolved`` too)."""
        return side_names([*self.sides, "unresolved"])


def load(params: dict, corpus=None) -> Data:
    """Read the dictionaries and the corpus and apply every detector once.

    ``corpus`` (a :class:`analysis.corpus.load.Corpus`) replaces loading one
    from ``params`` (tests pass a fixture corpus).
    """
    dictionary = _load_actors(params)
    frame_dictionary = _load_frames(params)
    sides = list(params["sides"])
    if corpus is None:
        corpus = load_corpus(corpus_path(params), documents=params["documents"] or None)
    sents = corpus.sentences
    mentions = actors.match_sentences(sents, dictionary)
    mask = dictionary if params["mask_actor_names"] else None
    coded, hits = frames.code_sentences(sents, frame_dictionary, mask_actors=mask)
    return Data(
        params=params,
        dictionary=dictionary,
        frames=frame_dictionary,
        sides=sides,
        frame_cols=frames.frame_columns(frame_dictionary, params["frame_scheme"]),
        labels=frame_dictionary.labels(),
        documents=corpus.documents,
        sentences=sents,
        mentions=mentions,
        sent_sides=actors.sentence_sides(sents, mentions, dictionary.sides),
        coded=coded,
        hits=hits,
        voices=voices.voices_table(sents, dictionary),
        doc_names=document_names(corpus_path(params), corpus.documents["id"].tolist()),
    )


# -- sections -------------------------------------------------------------------


def _rates(data: Data) -> pd.DataFrame:
    return actors.mention_rates(data.mentions, data.documents, data.sides)


def who_is_named(data: Data) -> Section:
    """Mentions per side and document, per actor, and every mention."""
    sides, mentions = data.sides, data.mentions
    rates = _rates(data)
    shares = side_shares(data.sent_sides, sides)
    by_doc = side_shares(data.sent_sides, sides, by="doc_id")
    facts = {
        "n_mentions": wording.number(int(mentions["side"].isin(sides).sum())),
        "n_sent_named": wording.number(int((data.sent_sides[sides].sum(axis=1) > 0).sum())),
        "n_sents": wording.number(len(data.sentences)),
        "top_side_sentence": top_side_sentence(shares),
        "militant_sentence": militant_sentence(by_doc, sides),
        "unresolved_sentence": unresolved_sentence(mentions[mentions["side"].isna()]),
    }
    chart = (
        alt.Chart(rates)
        .mark_bar()
        .encode(
            x=alt.X(
                "doc_id:N",
                sort=data.doc_order,
                title="document",
                axis=alt.Axis(labelExpr=label_expr(data.doc_names), labelAngle=-30, labelLimit=160),
            ),
            xOffset=alt.XOffset("side:N", sort=sides),
            y=alt.Y("per_1000_tokens:Q", title="mentions per 1,000 tokens"),
            color=alt.Color(
                "side:N",
                sort=sides,
                scale=side_scale(sides),
                title="side",
                legend=alt.Legend(labelExpr=label_expr(data.side_names), orient="bottom", columns=2),
            ),
            tooltip=[
                alt.Tooltip("document:N"),
                alt.Tooltip("side_name:N", title="side"),
                "mentions",
                "tokens",
                alt.Tooltip("per_1000_tokens:Q", format=".1f", title="per 1,000 tokens"),
            ],
        )
        .transform_calculate(
            document=label_expr(data.doc_names, "datum.doc_id"),
            side_name=label_expr(data.side_names, "datum.side"),
        )
        .properties(width=520, height=260)
    )
    actor_counts = (
        mentions[mentions["side"].isin(sides) | mentions["side"].isna()]
        .groupby(["side", "actor"], dropna=False)
        .size()
        .rename("mentions")
        .reset_index()
        .sort_values(["side", "mentions"], ascending=[True, False])
    )
    actor_counts["side"] = actor_counts["side"].fillna("(unresolved)")
    listed = mentions[["doc_id", "sent_index", "start", "end", "surface", "actor", "side"]]
    table = pd.concat([shares.assign(doc_id=ALL_DOCUMENTS), by_doc], ignore_index=True)
    table = table[["doc_id", *shares.columns]]
    return Section(facts=facts, chart=chart, shares=table, actor_counts=actor_counts, mentions=listed)


def side_shares(sent_sides: pd.DataFrame, sides: list[str], by: str | None = None) -> pd.DataFrame:
    """Share of sentences naming each side, with its 95% Wilson interval.

    Columns: (``by``,) ``side, sentences`` (naming it), ``of`` (all
    sentences of the group), ``share, ci_low, ci_high``.

    Examples
    --------
    >>> t = pd.DataFrame({"pakistan": [1, 1, 0, 0], "afghanistan": [0, 1, 0, 0]})
    >>> side_shares(t, ["pakistan", "afghanistan"])[["side", "sentences", "of", "share"]].values.tolist()
    [['pakistan', 2, 4, 0.5], ['afghanistan', 1, 4, 0.25]]
    """
    groups = [(None, sent_sides)] if by is None else sent_sides.groupby(by, sort=False)
    rows = []
    for key, sub in groups:
        for side in sides:
            k, n = int(sub[side].sum()), len(sub)
            row = {} if by is None else {by: key}
            row.update({"side": side, "sentences": k, "of": n, "share": k / n if n else float("nan")})
            rows.append(row)
    columns = ([] if by is None else [by]) + ["side", "sentences", "of", "share"]
    return uncertainty.with_intervals(pd.DataFrame(rows, columns=columns), "sentences", "of")


def _share_words(row) -> str:
    return wording.percent_interval(row.share, row.ci_low, row.ci_high)


def _lead(first, second, name: str) -> str:
    """``first`` against the runner-up ``second``: "clearly more" only if the intervals separate."""
    if uncertainty.separated((first.ci_low, first.ci_high), (second.ci_low, second.ci_high)) > 0:
        return f"clearly more than the next, {name}, at {_share_words(second)}: the intervals do not overlap"
    return (
        f"not clearly more than the next, {name}, at {_share_words(second)}: "
        "the intervals overlap, so there is no clear difference"
    )


def top_side_sentence(shares: pd.DataFrame) -> str:
    """Which side most sentences name, with intervals, and whether it clearly leads.

    >>> t = uncertainty.with_intervals(pd.DataFrame({"side": ["pakistan", "afghanistan"],
    ...     "sentences": [60, 20], "of": [100, 100], "share": [0.6, 0.2]}), "sentences", "of")
    >>> top_side_sentence(t)
    'The side named in the most sentences is Pakistan, in 60% (95% interval 50%–69%) of them; that is clearly more than the next, Afghanistan, at 20% (95% interval 13%–29%): the intervals do not overlap.'
    """
    ranked = shares.sort_values("sentences", ascending=False, kind="stable")
    if ranked.empty or ranked["sentences"].iloc[0] == 0:
        return "No sentence names any of the sides shown."
    first = ranked.iloc[0]
    head = (
        f"The side named in the most sentences is {side_label(first.side)}, in {_share_words(first)} of them"
    )
    if len(ranked) == 1:
        return head + "."
    return f"{head}; that is {_lead(first, ranked.iloc[1], side_label(ranked.iloc[1].side))}."


def militant_sentence(by_doc: pd.DataFrame, sides: list[str], side: str = "militant") -> str:
    """Which document gives the largest share of its sentences to ``side``, and how clearly."""
    if side not in sides:
        return f"{side_label(side).capitalize()} are not among the sides shown."
    rows = by_doc[by_doc["side"] == side].sort_values("share", ascending=False, kind="stable")
    if rows.empty or rows["sentences"].max() == 0:
        return f"No sentence names {side_label(side)}."
    first = rows.iloc[0]
    head = (
        f"The document that names {side_label(side)} in the largest share of its sentences is "
        f"{first.doc_id}: {first.sentences} of {first.of}, {_share_words(first)}"
    )
    if len(rows) == 1:
        return head + "."
    return f"{head}; that is {_lead(first, rows.iloc[1], str(rows.iloc[1].doc_id))}."


def unresolved_sentence(unresolved: pd.DataFrame) -> str:
    """The sentence on mentions of actors the dictionary gives no side (e.g. a bare "Haqqani").

    >>> unresolved_sentence(pd.DataFrame({"surface": ["Haqqani", "Haqqanis", "Haqqani"]}))
    '3 mentions (“Haqqani” and “Haqqanis”) name an actor the dictionary gives no side, so they count for none.'
    """
    n = len(unresolved)
    if n == 0:
        return "Every mention found belongs to a side: none names an actor the dictionary leaves unassigned."
    forms = wording.join(dict.fromkeys(unresolved["surface"]), quote=True)
    return (
        f"{wording.count(n, 'mention').capitalize()} ({forms}) {wording.verb(n, 'names', 'name')} an actor "
        f"the dictionary gives no side, so {wording.verb(n, 'it counts', 'they count')} for none."
    )


def named_together(data: Data) -> Section:
    """Sentences naming two sides, as a side × side matrix."""
    co = actors.co_mentions(data.sent_sides, data.sides)
    facts = {"together_sentence": together_sentence(co, data.sides)}
    chart = heat_map(
        co,
        "side_b",
        "side_a",
        "sentences",
        x_sort=data.sides,
        y_sort=data.sides,
        x_names=data.side_names,
        y_names=data.side_names,
    )
    return Section(facts=facts, chart=chart, matrix=co)


def together_sentence(co: pd.DataFrame, sides: list[str], top: int = 3) -> str:
    """The ``top`` pairs of sides named together most often, in words.

    >>> co = pd.DataFrame({"side_a": ["pakistan", "pakistan", "afghanistan"],
    ...                    "side_b": ["afghanistan", "militant", "militant"], "sentences": [4, 1, 0]})
    >>> together_sentence(co, ["pakistan", "afghanistan", "militant"])
    'The pairs named together most often are Pakistan and Afghanistan (4 sentences) and Pakistan and militant groups (1 sentence); no other pair shares a sentence.'
    """
    if len(sides) < 2:
        return "Only one side is shown, so no pair of sides can share a sentence."
    order = {s: i for i, s in enumerate(sides)}
    pairs = co[co["side_a"].map(order) < co["side_b"].map(order)]
    pairs = pairs[pairs["sentences"] > 0].sort_values("sentences", ascending=False, kind="stable")
    if pairs.empty:
        return "No sentence names two of the sides shown."
    shown = pairs.head(top)
    items = [
        f"{side_label(r.side_a)} and {side_label(r.side_b)} ({wording.count(int(r.sentences), 'sentence')})"
        for r in shown.itertuples()
    ]
    head = (
        "The pair named together most often is"
        if len(items) == 1
        else "The pairs named together most often are"
    )
    rest = len(pairs) - len(shown)
    tail = (
        "no other pair shares a sentence"
        if rest == 0
        else f"{wording.count(rest, 'other pair')} also share sentences"
    )
    return f"{head} {wording.join(items)}; {tail}."


def negative_intervals(table: pd.DataFrame) -> pd.DataFrame:
    """A tone table with the 95% Wilson interval of ``share_negative`` (``ci_low``, ``ci_high``).

    Rows whose share is not shown (fewer than ``min_mentions`` sentences) get no interval.
    """
    out = table.copy()
    shown = out["share_negative"].notna()
    out["negative"] = (out["share_negative"].fillna(0) * out["sentences"]).round().astype(int)
    out = uncertainty.with_intervals(out, "negative", "sentences")
    out.loc[~shown, ["ci_low", "ci_high"]] = float("nan")
    return out


def tone(data: Data) -> Section:
    """Mean sentence sentiment for sentences naming a side alone or with others."""
    params = data.params
    scored = sentiment.score_sentences(data.sent_sides, lexicon=params["lexicon"])
    table = negative_intervals(
        actors.sentiment_by_naming(scored, data.sides, min_sentences=params["min_mentions"])
    )
    x = alt.X(
        "side:N",
        sort=data.sides,
        title="",
        axis=alt.Axis(labelExpr=label_expr(data.side_names), labelAngle=-25, labelLimit=180),
    )
    namings = list(dict.fromkeys(table["naming"]))
    bars = (
        alt.Chart(table.dropna(subset=["mean_compound"]))
        .mark_bar()
        .encode(
            x=x,
            xOffset=alt.XOffset("naming:N", sort=namings),
            y=alt.Y("mean_compound:Q", title="mean compound score"),
            color=alt.Color("naming:N", title="sentence names the side", sort=namings),
            tooltip=[
                alt.Tooltip("side_name:N", title="side"),
                alt.Tooltip("naming:N", title="sentence names the side"),
                "sentences",
                alt.Tooltip("mean_compound:Q", format=".3f", title="mean compound"),
                alt.Tooltip("share_negative:Q", format=".0%", title="share negative"),
            ],
        )
        .transform_calculate(side_name=label_expr(data.side_names, "datum.side"))
    )
    # A cell with too few sentences has no bar: a hollow mark at the top of the
    # chart and a label say so, so the gap does not read as a mean of zero.
    too_few = table[table["mean_compound"].isna()]
    gaps = alt.Chart(too_few).encode(
        x=x, xOffset=alt.XOffset("naming:N", sort=namings), y=alt.value(8), color=alt.Color("naming:N")
    )
    chart = (
        bars
        + gaps.mark_point(shape="circle", filled=False, size=60)
        + gaps.mark_text(dy=14, fontSize=9, angle=270, align="right").encode(
            text=alt.value(f"fewer than {params['min_mentions']}")
        )
    ).properties(width=360, height=240)
    facts = {"lexicon_used": params["lexicon"], "min_mentions_used": wording.number(params["min_mentions"])}
    caption = "Mean sentiment of sentences naming a side, alone or with another side."
    if len(too_few):
        caption += (
            f" A hollow circle marked “fewer than {params['min_mentions']}” stands where too few sentences "
            "give no mean (an empty cell in the table), not a mean of zero."
        )
    return Section(facts=facts, chart=chart, table=table, caption=caption)


def gap_size(gap_pp: float, small_gap_pp: float) -> str:
    """Words for a frame gap of ``gap_pp`` percentage points against the chapter's threshold.

    >>> gap_size(2.0, 5.0), gap_size(-7.5, 5.0)
    ('a small gap, under 5 points', 'not a small gap: 5 points or more')
    """
    if abs(gap_pp) < small_gap_pp:
        return f"a small gap, under {small_gap_pp:g} points"
    return f"not a small gap: {small_gap_pp:g} points or more"


def profile_intervals(profile: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """A frame profile (``share`` of ``sentences``) with ``carrying`` counts and Wilson intervals.

    >>> p = pd.DataFrame({"group": ["a"], "frame": ["economic"], "share": [0.25], "sentences": [8]})
    >>> profile_intervals(p, {"economic": "Economic"})[["frame_label", "carrying", "sentences"]].values.tolist()
    [['Economic', 2, 8]]
    """
    out = profile.copy()
    out["frame_label"] = out["frame"].map(labels)
    out["carrying"] = (out["share"] * out["sentences"]).round().astype(int)
    return uncertainty.with_intervals(out, "carrying", "sentences")


def _frame_heat(
    df: pd.DataFrame,
    x: str,
    x_sort,
    title: str,
    frame_order: list[str],
    width: int,
    names: dict | None = None,
):
    return heat_map(
        df,
        x,
        "frame_label",
        "share",
        x_sort=x_sort,
        y_sort=frame_order,
        x_title=title,
        y_title="frame",
        scheme="oranges",
        colour_title="share",
        tooltip=[
            alt.Tooltip(f"{x}:N", title=title),
            alt.Tooltip("frame_label:N", title="frame"),
            alt.Tooltip("share:Q", format=".0%"),
            alt.Tooltip("ci_low:Q", format=".0%", title="95% interval from"),
            alt.Tooltip("ci_high:Q", format=".0%", title="95% interval to"),
            alt.Tooltip("carrying:Q", title="sentences with the frame"),
            alt.Tooltip("sentences:Q", title="sentences"),
        ],
        text_format=".0%",
        font_size=9,
        width=width,
        height=380,
        x_names=names,
    )


def profile_table(profile: pd.DataFrame, x: str, order: list, frame_order: list[str]) -> pd.DataFrame:
    """A frame profile as a frame × ``x`` table of "share (95% interval)" texts, for the page.

    What the heat map's tooltips tell (the interval), in a table that print
    keeps; a cell left empty in the heat map (too few sentences) is empty here.

    Examples
    --------
    >>> p = pd.DataFrame({"side": ["a"], "frame_label": ["Economic"], "share": [0.25],
    ...                   "ci_low": [0.1], "ci_high": [0.5]})
    >>> profile_table(p, "side", ["a"], ["Economic"]).values.tolist()
    [['Economic', '25% (10%–50%)']]
    """
    cells = profile.dropna(subset=["share"])
    text = [
        wording.percent_interval(share, low, high).replace("95% interval ", "")
        for share, low, high in zip(cells["share"], cells["ci_low"], cells["ci_high"])
    ]
    wide = (
        cells.assign(cell=text)
        .pivot_table(index="frame_label", columns=x, values="cell", aggfunc="first")
        .reindex(index=frame_order, columns=[o for o in order if o in set(cells[x])])
    )
    wide.columns.name = None
    return wide.rename_axis("frame").reset_index()


def _frame_share(row) -> str:
    return f"{row.carrying:,} of {row.sentences:,} sentences, {_share_words(row)}"


def frame_gap_sentence(
    sp: pd.DataFrame,
    labels: dict,
    small_gap_pp: float,
    min_sentences: int,
    first: str = "afghanistan",
    second: str = "pakistan",
) -> str:
    """The frames with the largest lead of ``first`` over ``second`` and back, read with intervals.

    ``sp`` is a side profile with intervals (:func:`profile_intervals`).  A
    lead is called *higher* only when the two intervals do not overlap.
    """
    shown = set(sp["side"])
    missing = [side_label(s) for s in (first, second) if s not in shown]
    if missing:
        return (
            f"The frames of sentences naming {side_label(first)} and {side_label(second)} are not compared: "
            f"{wording.join(missing)} {wording.verb(len(missing), 'is', 'are')} not shown or named in fewer "
            f"than {min_sentences} sentences (parameter min_mentions)."
        )
    a = sp[sp["side"] == first].set_index("frame")
    b = sp[sp["side"] == second].set_index("frame")
    gaps = (a["share"] - b["share"]).dropna().sort_values(kind="stable")
    rows = {first: a, second: b}
    parts = []
    for frame, sign, lead, behind in ((gaps.index[-1], 1, first, second), (gaps.index[0], -1, second, first)):
        gap = sign * 100 * float(gaps[frame])
        row_lead, row_behind = rows[lead].loc[frame], rows[behind].loc[frame]
        if gap <= 0:
            parts.append(f"No frame is more common among sentences naming {side_label(lead)}.")
            continue
        apart = uncertainty.separated(
            (row_lead.ci_low, row_lead.ci_high), (row_behind.ci_low, row_behind.ci_high)
        )
        verdict = (
            "the intervals do not overlap, so the share is clearly higher"
            if apart > 0
            else "the intervals overlap, so there is no clear difference"
        )
        parts.append(
            f"Among sentences naming {side_label(lead)}, the frame with the largest lead over sentences "
            f"naming {side_label(behind)} is {labels[frame]}: {_frame_share(row_lead)}, against "
            f"{_frame_share(row_behind)}. The gap is {wording.number(gap, 1)} percentage points "
            f"({gap_size(gap, small_gap_pp)}); {verdict}."
        )
    return " ".join(parts)


def frames_section(data: Data) -> Section:
    """Frame profiles of each side and each document, and the keywords behind each frame."""
    coded, labels, cols = data.coded, data.labels, data.frame_cols
    params = data.params
    overall = coded[cols].sum().sort_values(kind="stable")
    top_k, n = int(overall.iloc[-1]), len(coded)
    low, high = uncertainty.wilson_interval(top_k, n)
    sp = frames.side_profile(coded, data.sent_sides, data.sides, cols, min_sentences=params["min_mentions"])
    sp = profile_intervals(sp, labels)
    facts = {
        "scheme_used": params["frame_scheme"],
        "top_frame": labels[overall.index[-1]],
        "top_frame_share": wording.percent_interval(top_k / n if n else float("nan"), low, high),
        "frame_gap_sentence": frame_gap_sentence(sp, labels, params["small_gap_pp"], params["min_mentions"]),
    }
    frame_order = [labels[f] for f in cols]
    dp = frames.profile(coded, coded["doc_id"], cols, min_sentences=1).rename(columns={"group": "doc_id"})
    dp = profile_intervals(dp, labels)
    hits = data.hits
    evidence = (
        hits.groupby(["frame", "keyword"])
        .size()
        .rename("hits")
        .reset_index()
        .sort_values(["frame", "hits"], ascending=[True, False])
        .groupby("frame")
        .head(5)
    )
    schemes = dict(zip(data.frames.frames["id"], data.frames.frames["scheme"]))
    evidence.insert(0, "scheme", evidence["frame"].map(schemes))
    evidence["frame"] = evidence["frame"].map(labels)
    return Section(
        facts=facts,
        by_side=_frame_heat(sp, "side", data.sides, "side", frame_order, 280, data.side_names),
        by_side_table=profile_table(sp, "side", data.sides, frame_order),
        by_document=_frame_heat(dp, "doc_id", data.doc_order, "document", frame_order, 360, data.doc_names),
        keywords=tables.leading_rows(evidence, "frame", frame_order),
        keyword_rows=tables.leading_count(evidence, "frame"),
        captions={
            "by_side_table": "Frame profile of each side: the share of the sentences naming the side that "
            "carry each frame, with its 95% Wilson interval (the figure above, in numbers); empty where "
            f"fewer than {params['min_mentions']} sentences name the side.",
            "by_document": "Frame profile of each document: the share of its sentences that carry each "
            "frame. The figure's CSV gives each share's 95% interval and counts.",
            "keywords": "The five commonest keywords behind each frame; the first rows give the top keyword "
            "of every frame, the fold the others.",
        },
        hits=hits,
        frame_order=frame_order,
    )


def _voices_and_claims(data: Data) -> tuple[pd.DataFrame, pd.DataFrame]:
    v = data.voices
    v = v[v["side"].isin(data.sides) | v["side"].isna()]
    return v[v["rule"] != voices.CLAIM_RULE], v[v["rule"] == voices.CLAIM_RULE]


def voice_intervals(sov: pd.DataFrame, by: str) -> pd.DataFrame:
    """A share-of-voice table with each group's ``of`` (statements in all) and Wilson intervals."""
    if sov.empty:
        return sov.assign(of=[], ci_low=[], ci_high=[])
    out = sov.copy()
    out["of"] = out.groupby(by, sort=False)["statements"].transform("sum")
    return uncertainty.with_intervals(out, "statements", "of")


def voice_sentence(corpus_sov: pd.DataFrame) -> str:
    """Each side's share of the attributed statements, with intervals.

    >>> t = voice_intervals(pd.DataFrame({"corpus": ["all"] * 2, "side": ["pakistan", "unresolved"],
    ...                                   "statements": [3, 1], "share": [0.75, 0.25]}), "corpus")
    >>> voice_sentence(t)
    'Of the 4 statements the texts report (claims aside), the rules put the speaker on the side of Pakistan in 75% (95% interval 30%–95%) and leave it unresolved in 25% (95% interval 5%–70%).'
    """
    if corpus_sov.empty or corpus_sov["of"].iloc[0] == 0:
        return "The rules attribute no statement to a speaker in these documents."
    n = int(corpus_sov["of"].iloc[0])
    items = [
        f"leave it unresolved in {_share_words(r)}"
        if r.side == "unresolved"
        else f"on the side of {side_label(r.side)} in {_share_words(r)}"
        for r in corpus_sov.itertuples()
    ]
    return (
        f"Of the {wording.count(n, 'statement')} the texts report (claims aside), "
        f"the rules put the speaker {wording.join(items)}."
    )


def voices_section(data: Data) -> Section:
    """Attributed statements by the speaker's side, and claims of responsibility."""
    sides = data.sides
    said, claims = _voices_and_claims(data)
    sov = voice_intervals(voices.share_of_voice(said, sides, by="doc_id"), "doc_id")
    corpus_sov = voice_intervals(
        voices.share_of_voice(said.assign(corpus="all"), sides, by="corpus"), "corpus"
    )
    facts = {
        "n_claims": wording.number(len(claims)),
        "voice_sentence": voice_sentence(corpus_sov),
    }
    chart = (
        alt.Chart(sov)
        .mark_bar()
        .encode(
            y=alt.Y(
                "doc_id:N",
                sort=data.doc_order,
                title="document",
                axis=alt.Axis(labelExpr=label_expr(data.doc_names)),
            ),
            x=alt.X("statements:Q", stack="normalize", title="share of attributed statements"),
            color=alt.Color(
                "side:N",
                sort=sides + ["unresolved"],
                scale=side_scale(sides + ["unresolved"]),
                title="speaker's side",
                legend=alt.Legend(labelExpr=label_expr(data.side_names)),
            ),
            tooltip=[
                alt.Tooltip("document:N"),
                alt.Tooltip("side_name:N", title="speaker's side"),
                "statements",
                alt.Tooltip("share:Q", format=".0%"),
                alt.Tooltip("ci_low:Q", format=".0%", title="95% interval from"),
                alt.Tooltip("ci_high:Q", format=".0%", title="95% interval to"),
            ],
        )
        .transform_calculate(
            document=label_expr(data.doc_names, "datum.doc_id"),
            side_name=label_expr(data.side_names, "datum.side"),
        )
        .properties(width=340, height=180)
    )
    return Section(
        facts=facts,
        chart=chart,
        share=sov,
        statements=said[["doc_id", "sent_index", "speaker", "side", "rule", "cue", "text"]],
        claims=claims[["doc_id", "sent_index", "speaker", "side", "cue", "text"]],
    )


def directions(matrix: pd.DataFrame, sides: list[str]) -> pd.DataFrame:
    """Each pair of sides with its count each way and whether one direction is clear.

    Of the ``sentences`` linking ``side_a`` and ``side_b`` (either way), the
    share running from ``side_a`` gets a Wilson interval; the direction is
    clear only when that interval excludes an even split (0.5), otherwise
    it is "no clear direction".

    Examples
    --------
    >>> m = pd.DataFrame({"agent": ["pakistan", "afghanistan"], "target": ["afghanistan", "pakistan"],
    ...                   "sentences": [10, 3]})
    >>> directions(m, ["pakistan", "afghanistan"])[["a_to_b", "b_to_a", "direction"]].values.tolist()
    [[10, 3, 'no clear direction']]
    """
    counts = {(r.agent, r.target): int(r.sentences) for r in matrix.itertuples()}
    rows = []
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            ab, ba = counts.get((a, b), 0), counts.get((b, a), 0)
            rows.append({"side_a": a, "side_b": b, "a_to_b": ab, "b_to_a": ba, "sentences": ab + ba})
    columns = ["side_a", "side_b", "a_to_b", "b_to_a", "sentences"]
    out = pd.DataFrame(rows, columns=columns)
    out["share_a_to_b"] = out["a_to_b"] / out["sentences"].where(out["sentences"] > 0)
    out = uncertainty.with_intervals(out, "a_to_b", "sentences")
    out["direction"] = [
        "no edge"
        if r.sentences == 0
        else f"{r.side_a} → {r.side_b}"
        if r.ci_low > 0.5
        else f"{r.side_b} → {r.side_a}"
        if r.ci_high < 0.5
        else "no clear direction"
        for r in out.itertuples()
    ]
    return out.sort_values("sentences", ascending=False, kind="stable").reset_index(drop=True)


def direction_sentence(dirs: pd.DataFrame) -> str:
    """The pair of sides linked most often, its two counts, and whether a direction is clear.

    >>> m = pd.DataFrame({"agent": ["pakistan", "afghanistan"], "target": ["afghanistan", "pakistan"],
    ...                   "sentences": [10, 3]})
    >>> direction_sentence(directions(m, ["pakistan", "afghanistan"]))
    'The pair linked most often is Pakistan and Afghanistan: Pakistan → Afghanistan in 10 sentences, the reverse in 3. Of these 13, 76.9% (95% interval 49.7%–91.8%) run from Pakistan; an even split lies inside that interval, so there is no clear direction.'
    """
    linked = dirs[dirs["sentences"] > 0]
    if linked.empty:
        return "No sentence links two of the sides shown by these verbs, so there is no direction to read."
    top = linked.iloc[0]
    a, b = side_label(top.side_a), side_label(top.side_b)
    # name the larger direction first
    if top.b_to_a > top.a_to_b:
        a, b = b, a
        first, second, share = top.b_to_a, top.a_to_b, 1 - top.share_a_to_b
        low, high = 1 - top.ci_high, 1 - top.ci_low
    else:
        first, second, share, low, high = top.a_to_b, top.b_to_a, top.share_a_to_b, top.ci_low, top.ci_high
    verdict = (
        f"an even split lies outside that interval, so the direction is clear: {a} is more often the agent"
        if low > 0.5
        else "an even split lies inside that interval, so there is no clear direction"
    )
    text = (
        f"The pair linked most often is {a} and {b}: {a} → {b} in {wording.count(int(first), 'sentence')}, "
        f"the reverse in {int(second):,}. Of these {int(top.sentences):,}, "
        f"{wording.percent_interval(share, low, high, decimals=1)} run from {a}; {verdict}."
    )
    if len(linked) > 1:
        clear = int((linked["direction"] != "no clear direction").sum())
        text += (
            f" {clear:,} of the {len(linked):,} linked pairs {wording.verb(clear, 'shows', 'show')} "
            "a clear direction (table below)."
        )
    return text


def responsibility_section(data: Data) -> Section:
    """Directed agent → target edges of accusing, blaming, attacking ... verbs."""
    sides = data.sides
    edges = responsibility.blame_edges(data.sentences, data.dictionary)
    edges = edges[edges["agent"].isin(sides) & edges["target"].isin(sides)]
    bm = responsibility.blame_matrix(edges, sides)
    facts = {
        "n_edges": wording.number(len(edges)),
        "n_edge_sents": wording.number(int(edges[["doc_id", "sent_index"]].drop_duplicates().shape[0])),
        "n_mutual": wording.number(int(edges["mutual"].sum())),
    }
    dirs = directions(bm, sides)
    facts["direction_sentence"] = direction_sentence(dirs)
    chart = heat_map(
        bm,
        "target",
        "agent",
        "sentences",
        x_sort=sides,
        y_sort=sides,
        x_title="target (towards whom)",
        y_title="agent (who acts)",
        scheme="reds",
        x_names=data.side_names,
        y_names=data.side_names,
    )
    listed = edges[["doc_id", "sent_index", "agent", "target", "verb", "verb_class", "mutual", "text"]]
    listed = factchecks.with_notes(listed, data.sentences)  # issue 19: the note wherever a sentence is quoted
    per_doc = responsibility.blame_matrix(edges, sides, by="doc_id")
    per_doc = per_doc[per_doc["sentences"] > 0]
    return Section(
        facts=facts, chart=chart, matrix=bm, directions=dirs, sentences=listed, by_document=per_doc
    )


def group_sentence(documents: pd.DataFrame, field: str) -> str:
    """What the groups of ``field`` are, and whether there is anything to compare.

    A document whose field is not recorded (``unknown``) is its own group,
    never folded into another one.

    >>> docs = pd.DataFrame({"outlet_country": ["Pakistan", "Pakistan", "unknown"]})
    >>> group_sentence(docs, "outlet_country")
    'The 3 documents fall into 2 groups by outlet’s country: Pakistan with 2 documents and unknown (not recorded) with 1 document. A group of one document describes that text, not outlets or countries in general.'
    """
    label = field_label(field)
    values = (
        documents[field].astype(str)
        if field in documents.columns
        else pd.Series(["unknown"] * len(documents))
    )
    counts = values.value_counts(sort=False)
    if len(counts) <= 1:
        value = counts.index[0] if len(counts) else "unknown"
        what = "is not recorded for any document" if value == "unknown" else f"is {value} for every document"
        return (
            f"The {label} {what}, so there are no groups to compare: "
            "the figures below show the whole corpus as one group."
        )
    items = [
        f"{v}{' (not recorded)' if v == 'unknown' else ''} with {wording.count(int(n), 'document')}"
        for v, n in counts.items()
    ]
    text = (
        f"The {wording.count(len(documents), 'document')} fall into "
        f"{wording.count(len(counts), 'group')} by {label}: {wording.join(items)}."
    )
    if (counts == 1).any():
        text += " A group of one document describes that text, not outlets or countries in general."
    return text


def compare_groups(data: Data) -> Section:
    """Mention rates, frame profiles and share of voice pooled by ``group_field``."""
    field, sides = data.params["group_field"], data.sides
    gr = actors.group_rates(_rates(data), data.documents, field)
    rates_chart = (
        alt.Chart(gr)
        .mark_bar()
        .encode(
            x=alt.X(f"{field}:N", title=field_label(field)),
            xOffset=alt.XOffset("side:N", sort=sides),
            y=alt.Y("per_1000_tokens:Q", title="mentions per 1,000 tokens"),
            color=alt.Color(
                "side:N",
                sort=sides,
                scale=side_scale(sides),
                title="side",
                legend=alt.Legend(labelExpr=label_expr(data.side_names)),
            ),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=field_label(field)),
                alt.Tooltip("side_name:N", title="side"),
                alt.Tooltip("documents:Q", title="texts"),
                "mentions",
                alt.Tooltip("per_1000_tokens:Q", format=".1f", title="per 1,000 tokens"),
            ],
        )
        .transform_calculate(side_name=label_expr(data.side_names, "datum.side"))
        .properties(width=420, height=240)
    )
    meta = data.documents[["id", field]].rename(columns={"id": "doc_id"})
    meta[field] = meta[field].astype(str)
    said, _ = _voices_and_claims(data)
    gv = (
        voice_intervals(voices.share_of_voice(said.merge(meta, on="doc_id"), sides, by=field), field)
        if len(said)
        else pd.DataFrame()
    )
    coded = data.coded.merge(meta, on="doc_id")
    gf = frames.profile(coded, coded[field], data.frame_cols).rename(columns={"group": field})
    gf = profile_intervals(gf, data.labels)
    frame_order = [data.labels[f] for f in data.frame_cols]
    return Section(
        facts={"group_used": field_label(field), "group_sentence": group_sentence(data.documents, field)},
        rates_chart=rates_chart,
        frames_chart=_frame_heat(gf, field, None, field_label(field), frame_order, 300),
        frames_table=profile_table(gf, field, list(dict.fromkeys(gf[field])), frame_order),
        captions={
            "frames_table": f"Frame profile pooled by {field_label(field)}: share of the sentences with each "
            "frame and its 95% Wilson interval (the figure above, in numbers)."
        },
        voices=gv,
        label=field_label(field),
    )


def validation(data: Data) -> Section:
    """Detector against the hand-coded sentences of the documents shown."""
    gold = gold_for_corpus(actors.load_gold(checks.input_path(data.params, "gold_path")), data.sentences)
    table = actors.validate_sides(gold, data.sent_sides, data.dictionary.sides)
    table = table[table["side"].isin(data.sides)]
    return Section(facts={"validation_sentence": validation_sentence(len(gold), table)}, table=table)


def _flat(text: pd.Series) -> pd.Series:
    return text.astype(str).str.split().str.join(" ")


def gold_for_corpus(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The hand-coded rows whose sentence is in ``sentences``, word for word.

    A row is kept when its document, sentence number *and* text (whitespace
    collapsed) match a sentence of the corpus, so a different text under a
    seed's id, or a seed cleaned differently, is never scored against codes
    made for other words.
    """
    corpus = sentences[["doc_id", "sent_index"]].assign(_text=_flat(sentences["text"]))
    merged = gold.merge(corpus, on=["doc_id", "sent_index"], how="left")
    same = (
        merged["_text"].notna() & (_flat(merged["text"]) == merged["_text"])
        if "text" in gold
        else merged["_text"].notna()
    )
    return gold[same.to_numpy()].reset_index(drop=True)


def validation_sentence(n_gold: int, table: pd.DataFrame) -> str:
    """How many hand-coded sentences this run is checked against, and the lowest F1.

    >>> validation_sentence(0, pd.DataFrame({"f1": []}))[:40]
    'No hand-coded sentence is in the documen'
    """
    if n_gold == 0:
        return (
            "No hand-coded sentence is in the documents of this run, so the detector is not "
            "checked against hand codes here (the table below is empty)."
        )
    f1 = table["f1"].dropna()
    lowest = (
        f"the lowest F1 over the sides shown is {f1.min():.3f}"
        if len(f1)
        else "no side shown is named in them, so no F1 can be computed"
    )
    return f"{wording.count(n_gold, 'hand-coded sentence')} {wording.verb(n_gold, 'is', 'are')} in the documents of this run; {lowest}."


# -- measured validity and relations by class (issue 14) ------------------------

#: Parameters whose defaults are the settings the validity chapter measures
#: (:func:`analysis.methods.validation.predict` uses the project's dictionaries,
#: the Policy Frames scheme and masked actor names).
MEASURED_SETTINGS = ("actors_path", "frames_path", "frame_scheme", "mask_actor_names")

#: Figures of :func:`analysis.chapters.validity.scores` the chapter quotes, by glue key.
VALIDITY_FIGURES = {
    "val_sides_f1": "sides_f1",
    "val_frames_f1": "frames_f1",
    "val_frames_p": "frames_p",
    "val_frames_r": "frames_r",
    "val_speakers_p": "speakers_p",
    "val_speakers_r": "speakers_r",
    "val_pairs_p": "pairs_p",
    "val_pairs_r": "pairs_r",
    "val_pairs_n": "pairs_n",
    "val_class_f1": "class_f1",
    "val_vader_acc": "vader_acc",
    "val_afinn_acc": "afinn_acc",
}


def _same_setting(params: dict, defaults: dict, name: str) -> bool:
    if name.endswith("_path"):
        return checks.input_path(params, name).resolve() == checks.input_path(defaults, name).resolve()
    return params[name] == defaults[name]


def measured_settings(params: dict, defaults: dict | None = None) -> str:
    """Whether this run's dictionaries and settings are the ones the validity chapter measured.

    ``defaults`` are the notebook's parameter defaults (read from it when not given).

    >>> d = {"actors_path": "data/actors/actors.yaml", "frames_path": "data/frames/frames.yaml",
    ...      "frame_scheme": "policy_frames", "mask_actor_names": True}
    >>> measured_settings(d, d)
    'This run uses the dictionaries and settings that were measured.'
    >>> measured_settings({**d, "frame_scheme": "generic"}, d)
    'This run changes frame_scheme from the measured defaults, so the figures describe the defaults, not this run.'
    """
    if defaults is None:
        from analysis.book.params import notebook_for, read_defaults

        defaults = read_defaults(notebook_for("framing"))
    changed = [k for k in MEASURED_SETTINGS if not _same_setting(params, defaults, k)]
    if not changed:
        return "This run uses the dictionaries and settings that were measured."
    return (
        f"This run changes {wording.join(changed)} from the measured defaults, so the figures "
        "describe the defaults, not this run."
    )


def validity_figures(params: dict, scored=None) -> Section:
    """The test-part figures of this chapter's methods, as the validity chapter measures them.

    ``scored`` is :func:`analysis.chapters.validity.scores` output; by default
    it is computed here on the seeds (the corpus the hand-coded sample was
    drawn from) with the validity chapter's defaults, whatever corpus this run
    reads.  Facts: :data:`VALIDITY_FIGURES` and ``val_settings``
    (:func:`measured_settings`).
    """
    from analysis.chapters import validity as validity_ch
    from analysis.methods import sides_in_time

    if scored is None:
        measured = {
            "part": "test",
            "time_aware_sides": sides_in_time.DEFAULT_TIME_AWARE,
            "corpus_dir": "",
            "documents": [],
        }
        scored = validity_ch.scores(load_corpus(), measured)
    facts = {key: scored.facts[name] for key, name in VALIDITY_FIGURES.items()}
    facts["val_settings"] = measured_settings(params)
    return Section(facts=facts, pair_recall=scored.facts["pairs_r"])


def relations_by_class(data: Data, pair_recall: str) -> Section:
    """Responsibility relations by class and by status (asserted or alleged), with directions.

    Calls :func:`analysis.chapters.validity.responsibility_matrix` on this
    run's corpus (the relations of :func:`analysis.methods.responsibility.relations_table`,
    the project's actor dictionary, the dated Taliban rule at its default):
    a direction is stated only where the Wilson 95% interval of its share
    excludes one half.  ``pair_recall`` is the measured recall of (agent,
    target) pairs (:func:`validity_figures`), stated beside the counts.
    Facts are the validity chapter's, with ``rel_`` before each key; the
    listed sentences carry their fact-check note (``data/factchecks/``).
    """
    from analysis.chapters import validity as validity_ch
    from analysis.methods import sides_in_time

    corpus = SimpleNamespace(sentences=data.sentences, documents=data.documents)
    matrix = validity_ch.responsibility_matrix(
        corpus, {"time_aware_sides": sides_in_time.DEFAULT_TIME_AWARE}, pair_recall
    )
    listed = factchecks.with_notes(matrix.listed, data.sentences)
    captions = {
        "relation_matrix": "Relations by class (columns) and status (rows): agent side (row) against target side.",
        "relation_directions": "Each pair of sides and class: relations each way, the share one way and its "
        "95% interval.",
        "relations": "Every relation with its class, status, rule and sentence.",
    }
    return Section(
        facts={f"rel_{k}": v for k, v in matrix.facts.items()},
        captions=captions,
        chart=matrix.chart,
        counts=matrix.counts,
        directions=matrix.directions,
        relations=listed,
    )
