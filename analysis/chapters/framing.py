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
from analysis.chapters import checks, wording
from analysis.chapters.charts import heat_map, side_scale
from analysis.corpus.load import META_COLUMNS, load_corpus
from analysis.errors import ParameterError, ProjectError
from analysis.methods import actors, frames, responsibility, sentiment, voices

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

#: Readable names of the metadata fields a comparison may group by.  A group
#: is made of the documents an outlet of that country published: the outlet's
#: country, not the side the text speaks for.
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

    @property
    def doc_order(self) -> list[str]:
        """Document ids in corpus order."""
        return self.documents["id"].tolist()


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
    )


# -- sections -------------------------------------------------------------------


def _rates(data: Data) -> pd.DataFrame:
    return actors.mention_rates(data.mentions, data.documents, data.sides)


def who_is_named(data: Data) -> Section:
    """Mentions per side and document, per actor, and every mention."""
    sides, mentions = data.sides, data.mentions
    rates = _rates(data)
    corpus_rates = rates.groupby("side", sort=False)[["mentions", "tokens"]].sum().reset_index()
    corpus_rates["per_1000_tokens"] = 1000 * corpus_rates["mentions"] / corpus_rates["tokens"]
    top = corpus_rates.sort_values("per_1000_tokens").iloc[-1]
    mil = rates[rates["side"] == "militant"].sort_values("per_1000_tokens")
    unresolved = mentions[mentions["side"].isna()]
    facts = {
        "n_mentions": wording.number(int(mentions["side"].isin(sides).sum())),
        "n_sent_named": wording.number(int((data.sent_sides[sides].sum(axis=1) > 0).sum())),
        "n_sents": wording.number(len(data.sentences)),
        "top_side": side_label(top["side"]),
        "top_side_rate": wording.number(float(top["per_1000_tokens"]), 1),
        "top_militant_doc": mil.iloc[-1]["doc_id"] if len(mil) else "none (militant side not shown)",
        "top_militant_rate": wording.number(float(mil.iloc[-1]["per_1000_tokens"]) if len(mil) else 0.0, 1),
        "unresolved_sentence": unresolved_sentence(unresolved),
    }
    chart = (
        alt.Chart(rates)
        .mark_bar()
        .encode(
            x=alt.X("doc_id:N", sort=data.doc_order, title="document"),
            xOffset=alt.XOffset("side:N", sort=sides),
            y=alt.Y("per_1000_tokens:Q", title="mentions per 1,000 tokens"),
            color=alt.Color("side:N", sort=sides, scale=side_scale(sides), title="side"),
            tooltip=["doc_id", "side", "mentions", "tokens", alt.Tooltip("per_1000_tokens:Q", format=".1f")],
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
    return Section(facts=facts, chart=chart, actor_counts=actor_counts, mentions=listed)


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
    chart = heat_map(co, "side_b", "side_a", "sentences", x_sort=data.sides, y_sort=data.sides)
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


def tone(data: Data) -> Section:
    """Mean sentence sentiment for sentences naming a side alone or with others."""
    params = data.params
    scored = sentiment.score_sentences(data.sent_sides, lexicon=params["lexicon"])
    table = actors.sentiment_by_naming(scored, data.sides, min_sentences=params["min_mentions"])
    chart = (
        alt.Chart(table.dropna(subset=["mean_compound"]))
        .mark_bar()
        .encode(
            x=alt.X("side:N", sort=data.sides, title=""),
            xOffset="naming:N",
            y=alt.Y("mean_compound:Q", title="mean compound score"),
            color=alt.Color("naming:N", title="sentence names the side"),
            tooltip=[
                "side",
                "naming",
                "sentences",
                alt.Tooltip("mean_compound:Q", format=".3f"),
                alt.Tooltip("share_negative:Q", format=".0%"),
            ],
        )
        .properties(width=360, height=240)
    )
    facts = {"lexicon_used": params["lexicon"], "min_mentions_used": wording.number(params["min_mentions"])}
    return Section(facts=facts, chart=chart, table=table)


def gap_size(gap_pp: float, small_gap_pp: float) -> str:
    """Words for a frame gap of ``gap_pp`` percentage points against the chapter's threshold.

    >>> gap_size(2.0, 5.0), gap_size(-7.5, 5.0)
    ('a small gap, under 5 points', 'not a small gap: 5 points or more')
    """
    if abs(gap_pp) < small_gap_pp:
        return f"a small gap, under {small_gap_pp:g} points"
    return f"not a small gap: {small_gap_pp:g} points or more"


def _frame_heat(df: pd.DataFrame, x: str, x_sort, title: str, frame_order: list[str], width: int):
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
        tooltip=[x, "frame_label", alt.Tooltip("share:Q", format=".0%"), "sentences"],
        text_format=".0%",
        font_size=9,
        width=width,
        height=380,
    )


def _frame_gaps(data: Data, sp: pd.DataFrame) -> dict:
    small = data.params["small_gap_pp"]
    labels = data.labels
    wide = sp.pivot(index="frame", columns="side", values="share")
    if not {"pakistan", "afghanistan"} <= set(wide.columns):
        facts = dict.fromkeys(
            ("afg_over_frame", "pak_over_frame", "afg_over_size", "pak_over_size"),
            "not computed (a side is not shown)",
        )
        for key in ("n_afg_sents", "n_pak_sents", "afg_over_afg_n", "afg_over_pak_n", "afg_over_gap"):
            facts[key] = "n/a"
        facts["pak_over_gap"] = "n/a"
        return facts
    diff = (wide["afghanistan"] - wide["pakistan"]).dropna().sort_values()
    n_side = sp.groupby("side")["sentences"].first()
    n_afg, n_pak = int(n_side["afghanistan"]), int(n_side["pakistan"])
    top = diff.index[-1]
    return {
        "afg_over_frame": labels[top],
        "pak_over_frame": labels[diff.index[0]],
        "n_afg_sents": wording.number(n_afg),
        "n_pak_sents": wording.number(n_pak),
        "afg_over_afg_n": wording.number(round(float(wide.loc[top, "afghanistan"]) * n_afg)),
        "afg_over_pak_n": wording.number(round(float(wide.loc[top, "pakistan"]) * n_pak)),
        "afg_over_gap": wording.number(100 * float(diff.iloc[-1]), 1),
        "pak_over_gap": wording.number(-100 * float(diff.iloc[0]), 1),
        "afg_over_size": gap_size(100 * float(diff.iloc[-1]), small),
        "pak_over_size": gap_size(100 * float(diff.iloc[0]), small),
    }


def frames_section(data: Data) -> Section:
    """Frame profiles of each side and each document, and the keywords behind each frame."""
    coded, labels, cols = data.coded, data.labels, data.frame_cols
    overall = coded[cols].mean().sort_values()
    sp = frames.side_profile(
        coded, data.sent_sides, data.sides, cols, min_sentences=data.params["min_mentions"]
    )
    sp["frame_label"] = sp["frame"].map(labels)
    facts = {
        "scheme_used": data.params["frame_scheme"],
        "top_frame": labels[overall.index[-1]],
        "top_frame_share": wording.percent(float(overall.iloc[-1])),
        **_frame_gaps(data, sp),
    }
    frame_order = [labels[f] for f in cols]
    dp = frames.profile(coded, coded["doc_id"], cols, min_sentences=1).rename(columns={"group": "doc_id"})
    dp["frame_label"] = dp["frame"].map(labels)
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
        by_side=_frame_heat(sp, "side", data.sides, "side", frame_order, 280),
        by_document=_frame_heat(dp, "doc_id", data.doc_order, "document", frame_order, 360),
        keywords=evidence,
        hits=hits,
        frame_order=frame_order,
    )


def _voices_and_claims(data: Data) -> tuple[pd.DataFrame, pd.DataFrame]:
    v = data.voices
    v = v[v["side"].isin(data.sides) | v["side"].isna()]
    return v[v["rule"] != voices.CLAIM_RULE], v[v["rule"] == voices.CLAIM_RULE]


def voices_section(data: Data) -> Section:
    """Attributed statements by the speaker's side, and claims of responsibility."""
    sides = data.sides
    said, claims = _voices_and_claims(data)
    sov = voices.share_of_voice(said, sides, by="doc_id")
    corpus_sov = voices.share_of_voice(said.assign(corpus="all"), sides, by="corpus").set_index("side")
    facts = {"n_claims": wording.number(len(claims)), "n_voices": wording.number(len(said))}
    for key, side in (
        ("voice_pak_share", "pakistan"),
        ("voice_afg_share", "afghanistan"),
        ("voice_unres_share", "unresolved"),
    ):
        facts[key] = wording.percent(float(corpus_sov["share"].get(side, 0.0)) if len(said) else 0.0)
    chart = (
        alt.Chart(sov)
        .mark_bar()
        .encode(
            y=alt.Y("doc_id:N", sort=data.doc_order, title="document"),
            x=alt.X("statements:Q", stack="normalize", title="share of attributed statements"),
            color=alt.Color(
                "side:N",
                sort=sides + ["unresolved"],
                scale=side_scale(sides + ["unresolved"]),
                title="speaker's side",
            ),
            tooltip=["doc_id", "side", "statements", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width=420, height=180)
    )
    return Section(
        facts=facts,
        chart=chart,
        share=sov,
        statements=said[["doc_id", "sent_index", "speaker", "side", "rule", "cue", "text"]],
        claims=claims[["doc_id", "sent_index", "speaker", "side", "cue", "text"]],
    )


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
    if len(edges):
        t = bm.sort_values("sentences").iloc[-1]
        rev = bm[(bm["agent"] == t["target"]) & (bm["target"] == t["agent"])]["sentences"]
        facts["top_edge"] = f"{side_label(t['agent'])} → {side_label(t['target'])}"
        facts["top_edge_n"] = wording.number(int(t["sentences"]))
        facts["top_edge_rev_n"] = wording.number(int(rev.iloc[0]) if len(rev) else 0)
    else:
        facts.update(top_edge="none", top_edge_n="0", top_edge_rev_n="0")
    chart = heat_map(
        bm,
        "target",
        "agent",
        "sentences",
        x_sort=sides,
        y_sort=sides,
        x_title="target",
        y_title="agent",
        scheme="reds",
    )
    listed = edges[["doc_id", "sent_index", "agent", "target", "verb", "verb_class", "mutual", "text"]]
    per_doc = responsibility.blame_matrix(edges, sides, by="doc_id")
    per_doc = per_doc[per_doc["sentences"] > 0]
    return Section(facts=facts, chart=chart, matrix=bm, sentences=listed, by_document=per_doc)


def group_sentence(documents: pd.DataFrame, field: str) -> str:
    """What the groups of ``field`` are, and whether there is anything to compare.

    A document whose field is not recorded (``unknown``) is its own group,
    never folded into another one.

    >>> docs = pd.DataFrame({"outlet_country": ["Pakistan", "Pakistan", "unknown"]})
    >>> group_sentence(docs, "outlet_country")
    'The 3 documents fall into 2 groups by outlet’s country: Pakistan (2 documents) and unknown (1 document, not recorded). A group of one document describes that text, not outlets or countries in general.'
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
        f"{v} ({wording.count(int(n), 'document')}{', not recorded' if v == 'unknown' else ''})"
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
            x=alt.X(f"{field}:N", title=field),
            xOffset=alt.XOffset("side:N", sort=sides),
            y=alt.Y("per_1000_tokens:Q", title="mentions per 1,000 tokens"),
            color=alt.Color("side:N", sort=sides, scale=side_scale(sides)),
            tooltip=[field, "side", "documents", "mentions", alt.Tooltip("per_1000_tokens:Q", format=".1f")],
        )
        .properties(width=420, height=240)
    )
    meta = data.documents[["id", field]].rename(columns={"id": "doc_id"})
    meta[field] = meta[field].astype(str)
    said, _ = _voices_and_claims(data)
    gv = (
        voices.share_of_voice(said.merge(meta, on="doc_id"), sides, by=field) if len(said) else pd.DataFrame()
    )
    coded = data.coded.merge(meta, on="doc_id")
    gf = frames.profile(coded, coded[field], data.frame_cols).rename(columns={"group": field})
    gf["frame_label"] = gf["frame"].map(data.labels)
    frame_order = [data.labels[f] for f in data.frame_cols]
    return Section(
        facts={"group_used": field_label(field), "group_sentence": group_sentence(data.documents, field)},
        rates_chart=rates_chart,
        frames_chart=_frame_heat(gf, field, None, field, frame_order, 300),
        voices=gv,
        field=field,
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
