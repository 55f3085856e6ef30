"""The sentiment chapter (``chapters/sentiment.ipynb``): tables, charts and facts.

The notebook holds the narrative; this module computes what each of its
sections shows.  :func:`prepare` loads and scores the corpus once; each
section function takes that :class:`Run` and returns a :class:`Section`
whose outputs the notebook hands to ``ch.table(**section["name"])`` and
``ch.chart(**section["name"])``, and whose ``facts`` (already worded
strings) it glues into the prose.  The measures themselves live in
:mod:`analysis.methods.sentiment`.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: a parsimonious rule-based model
for sentiment analysis of social media text. ICWSM.
Nielsen, F. Å. (2011). A new ANEW: evaluation of a word list for sentiment
analysis in microblogs. ESWC workshop "Making Sense of Microposts".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import version

import altair as alt
import pandas as pd

from analysis import paths
from analysis.book.labels import column_label
from analysis.chapters import checks, wording
from analysis.chapters.charts import label_expr
from analysis.corpus import sources
from analysis.corpus.load import META_COLUMNS, Corpus, excerpt, load_corpus
from analysis.methods import factchecks, sentiment, uncertainty

#: Display names of the lexicons.
LEXICON_NAMES = {"vader": "VADER", "afinn": "AFINN"}

#: Documents-table fields a chapter may group by: the manifest's metadata,
#: less the id and the file facts (see :func:`analysis.methods.sentiment.with_group`).
GROUP_FIELDS = tuple(c for c in META_COLUMNS if c not in ("id", "file", "sha256"))

#: Colours of the polarity classes, in the order of :data:`analysis.methods.sentiment.LABELS`.
CLASS_COLOURS = ["#c0392b", "#999999", "#2471a3"]

#: A ``language_note`` (manifest field or table column) matching this marks a machine translation.
MACHINE_TRANSLATION = re.compile(r"machine[- ]translat", re.IGNORECASE)

#: Fewest bootstrap resamples accepted: the 2.5% tail of a 95% interval needs
#: at least a few dozen resamples to be estimated at all.
MIN_RESAMPLES = 100

#: The two scorings compared in the topic-word check, and their colours.
SCORINGS = ["original lexicon", "topic terms neutralised"]
SCORING_COLOURS = ["#c0392b", "#2471a3"]


def check(params: dict) -> None:
    """Refuse every bad parameter value of the chapter, naming the parameter.

    ``params`` is the full set (:func:`analysis.book.params.validate` fills
    in the defaults and converts the types first).

    Examples
    --------
    >>> check({"lexicon": "vader", "pos_threshold": 0.05, "neg_threshold": 0.1})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'neg_threshold' expects a number below pos_threshold (0.05), got 0.1
    """
    checks.one_of(params, "lexicon", sentiment.LEXICONS)
    checks.thresholds(params, "pos_threshold", "neg_threshold")
    for name, low in (("rolling_window", 1), ("top_k", 1), ("excerpt_chars", 1)):
        checks.at_least(params, name, low)
    checks.at_least(params, "n_resamples", MIN_RESAMPLES)
    checks.at_least(params, "bootstrap_seed", 0)
    checks.between(params, "saturation_level", 0, 1)
    checks.one_of(params, "group_field", GROUP_FIELDS)
    checks.non_empty_strings(params, "neutralize_terms")
    checks.corpus(params)


#: Readers' names of this chapter's table columns (the CSVs keep the machine
#: names; every table of the chapter is shown with these, see :meth:`Section.table`).
LABELS = {
    "sentences": "sentences",
    "mean": "mean",
    "mean_low": "95% low",
    "mean_high": "95% high",
    "median": "median",
    "std": "SD",
    "q25": "lower quartile",
    "q75": "upper quartile",
    "min": "lowest",
    "max": "highest",
    "share_negative": "negative",
    "share_neutral": "neutral",
    "share_positive": "positive",
    "documents": "texts",
    "rank": "rank",
    "sent_index": "sentence",
    "compound_neutralized": "neutralised",
    "topic_driven": "class set by topic terms",
    "whole_text_compound": "whole text scored at once",
    "valence_sum_x": "valence sum x",
    "mean_sentence_compound": "mean of its sentences",
    "vader_valence": "VADER valence",
    "afinn_score": "AFINN score",
    "in_vader": "in VADER",
    "in_afinn": "in AFINN",
    "occurrences": "tokens",
    "with_term": "with a topic term",
    "mean_neutralized": "mean*",
    "share_negative_neutralized": "negative*",
    "negativity": "negativity",
    "negativity_neutralized": "negativity*",
    "topic_share": "topic share",
    "vader": "VADER compound",
    "afinn": "AFINN, normalised",
    "vader_label": "VADER class",
    "afinn_label": "AFINN class",
    "scorer": "scored by",
    "r": "r",
    "f1": "F1",
    "nltk": "NLTK's VADER",
    "reference": "reference",
    "difference": "difference",
    "cause": "likely cause",
}


@dataclass
class Section:
    """What one section shows: outputs by name (keyword arguments of ``ch.table``/``ch.chart``) and facts."""

    outputs: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> dict:
        return self.outputs[name]

    def table(
        self, df: pd.DataFrame, name: str, caption: str, float_format: str, labels: dict | None = None
    ) -> None:
        """Keep a table for ``ch.table(**section[name])``, with :data:`LABELS` (and ``labels``) for its columns."""
        self.outputs[name] = {
            "df": df,
            "name": name,
            "caption": caption,
            "max_rows": None,
            "float_format": float_format,
            "labels": {**LABELS, **(labels or {})},
        }

    def chart(self, chart, name: str, caption: str, data: pd.DataFrame) -> None:
        self.outputs[name] = {"chart": chart, "name": name, "caption": caption, "data": data}


@dataclass
class Run:
    """The loaded corpus and its sentences scored with the chapter's lexicon and thresholds."""

    params: dict
    corpus: Corpus
    scored: pd.DataFrame
    meta: dict = field(default_factory=dict)  #: document id -> its metadata as read (all fields)

    @property
    def docs(self) -> pd.DataFrame:
        return self.corpus.documents

    @property
    def doc_order(self) -> list[str]:
        return list(self.docs["id"])

    @property
    def doc_names(self) -> dict:
        """Document id -> its short label (the manifest's ``label``, else the id), for charts."""
        return {d: str(self.meta.get(d, {}).get("label") or d) for d in self.doc_order}

    @property
    def lexicon_name(self) -> str:
        return LEXICON_NAMES[self.params["lexicon"]]

    def excerpt(self, texts: pd.Series) -> pd.Series:
        return texts.map(lambda t: excerpt(str(t), self.params["excerpt_chars"]))

    @cached_property
    def topic_scores(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:func:`analysis.methods.sentiment.topic_negativity` for this run (sentences, documents)."""
        p = self.params
        return sentiment.topic_negativity(
            self.corpus.sentences, p["neutralize_terms"], p["lexicon"], p["pos_threshold"], p["neg_threshold"]
        )


def prepare(params: dict) -> Run:
    """Load the corpus of ``params`` and score its sentences (:func:`analysis.methods.sentiment.score_sentences`)."""
    source = params.get("corpus_dir") or None
    corpus = load_corpus(source, params["documents"] or None)
    sentiment.with_group(corpus.sentences.head(0), corpus.documents, params["group_field"])
    scored = sentiment.relabel(
        sentiment.score_sentences(corpus.sentences, params["lexicon"]),
        params["pos_threshold"],
        params["neg_threshold"],
    )
    kept = set(corpus.documents["id"])
    meta = {d.id: d.meta for d in sources.load_documents(source or paths.SEEDS) if d.id in kept}
    return Run(params, corpus, scored, meta)


def machine_translated(run: Run) -> list[str]:
    """Ids of the run's documents whose ``language_note`` says they are machine translations."""
    return [
        i
        for i in run.doc_order
        if MACHINE_TRANSLATION.search(str(run.meta.get(i, {}).get("language_note", "")))
    ]


# -- sections -------------------------------------------------------------------------------


def overview(run: Run) -> Section:
    """Facts of "How a sentence gets its score": lexicons, thresholds, class shares."""
    p = run.params
    other = "afinn" if p["lexicon"] == "vader" else "vader"
    shares = run.scored["label"].value_counts(normalize=True).reindex(list(sentiment.LABELS), fill_value=0.0)
    return Section(
        facts={
            "lexicon_name": run.lexicon_name,
            "other_name": LEXICON_NAMES[other],
            "pos_threshold": f"{p['pos_threshold']:+.2f}",
            "neg_threshold": f"{p['neg_threshold']:+.2f}",
            "alpha": f"{sentiment.VADER_ALPHA:d}",
            "n_docs": f"{len(run.docs):,}",
            "n_vader_entries": f"{len(sentiment.vader_lexicon()):,}",
            "n_afinn_entries": f"{len(sentiment.afinn_lexicon()):,}",
            "n_sent": f"{len(run.scored):,}",
            "corpus_sentences": (
                f"{the_documents(len(run.docs))} {wording.verb(len(run.docs), 'holds', 'hold')} "
                f"{wording.count(len(run.scored), 'sentence')}"
            ),
            "threshold_source": threshold_source(p["pos_threshold"], p["neg_threshold"]),
            "share_neg": f"{shares['negative']:.0%}",
            "share_neu": f"{shares['neutral']:.0%}",
            "share_pos": f"{shares['positive']:.0%}",
        }
    )


def threshold_source(pos_threshold: float, neg_threshold: float) -> str:
    """Where the run's class thresholds come from, as a clause for the prose.

    Examples
    --------
    >>> threshold_source(0.05, -0.05)[:30]
    'these are the thresholds recom'
    >>> threshold_source(0.2, -0.2)[-45:]
    'are +0.05 and -0.05; this run uses other ones'
    """
    source = "the documentation of the vaderSentiment package (by VADER's first author)"
    if (pos_threshold, neg_threshold) == (sentiment.POS_THRESHOLD, sentiment.NEG_THRESHOLD):
        return f"these are the thresholds recommended in {source}"
    return (
        f"the thresholds recommended in {source} are {sentiment.POS_THRESHOLD:+.2f} and "
        f"{sentiment.NEG_THRESHOLD:+.2f}; this run uses other ones"
    )


#: Columns of :func:`analysis.methods.sentiment.summarize` on the spread of the scores,
#: shown in a table of their own so that each table fits the text column.
SPREAD_COLUMNS = ["std", "q25", "q75", "min", "max"]


def by_document(run: Run) -> Section:
    """Per-document distribution table and the every-sentence chart."""
    scored, lexicon = run.scored, run.params["lexicon"]
    summary = with_intervals(
        sentiment.summarize(scored), scored, run.params["n_resamples"], run.params["bootstrap_seed"]
    )
    section = Section()
    section.table(
        summary[[c for c in summary.columns if c not in SPREAD_COLUMNS]],
        "by_document",
        f"Sentence compound scores ({run.lexicon_name}) per document: mean with its 95% bootstrap interval, "
        "median, and the share of sentences in each class (negative, neutral, positive).",
        "{:,.3f}",
    )
    section.table(
        summary[["doc_id", *SPREAD_COLUMNS]],
        "by_document_spread",
        f"The spread of the sentence compound scores ({run.lexicon_name}) in each document: standard "
        "deviation (SD), quartiles and extremes, the values the boxes of the figure below draw.",
        "{:,.3f}",
    )
    most_neg = summary.sort_values("mean").iloc[0]
    zero = scored[scored["compound"] == 0]
    section.facts = {
        "most_neg_doc": most_neg["doc_id"],
        "most_neg_mean": f"{most_neg['mean']:+.3f}",
        "most_neg_share": f"{most_neg['share_negative']:.0%}",
        "lowest_mean_sentence": lowest_mean_sentence(summary),
        "n_resamples": f"{run.params['n_resamples']:,}",
        "zero_median_sentence": zero_median_sentence(int((summary["median"] == 0).sum()), len(summary)),
        "share_zero": f"{(scored['compound'] == 0).mean():.0%}",
        "share_zero_no_word": "{:.0%}".format(
            (~sentiment.has_lexicon_word(zero["text"], lexicon)).mean() if len(zero) else 0.0
        ),
    }
    dist = scored.assign(excerpt=run.excerpt(scored["text"]))[
        ["doc_id", "sent_index", "compound", "label", "excerpt"]
    ]
    section.chart(
        distribution_chart(dist, run.doc_order, run.lexicon_name, run.doc_names),
        "distribution",
        "Distribution of sentence compound scores in each document: box (quartiles, min–max) and one dot per sentence.",
        dist,
    )
    means = summary[["doc_id", "sentences", "mean", "mean_low", "mean_high"]]
    section.chart(
        means_chart(means, run.doc_order, run.lexicon_name, run.doc_names),
        "means",
        "Mean sentence compound score of each document with its 95% bootstrap interval (resampling the "
        "document's sentences); no interval for a document of one sentence.",
        means,
    )
    return section


def with_intervals(summary: pd.DataFrame, scored: pd.DataFrame, n_resamples: int, seed: int) -> pd.DataFrame:
    """``summary`` with ``mean_low``/``mean_high`` after ``mean``: bootstrap over each document's sentences."""
    bounds = {
        doc_id: uncertainty.bootstrap_mean(g["compound"].to_numpy(), n_resamples, seed)[1:]
        for doc_id, g in scored.groupby("doc_id", sort=False)
    }
    out = summary.copy()
    at = out.columns.get_loc("mean") + 1
    out.insert(at, "mean_low", out["doc_id"].map(lambda d: bounds[d][0]))
    out.insert(at + 1, "mean_high", out["doc_id"].map(lambda d: bounds[d][1]))
    return out


def _mean_with_interval(row) -> str:
    if pd.isna(row["mean_low"]):
        return f"mean {wording.signed(row['mean'], 3)}, no interval from one sentence"
    return (
        f"mean {wording.signed(row['mean'], 3)}, 95% interval {wording.signed(row['mean_low'], 3)} "
        f"to {wording.signed(row['mean_high'], 3)}"
    )


def lowest_mean_sentence(summary: pd.DataFrame) -> str:
    """The prose on the most negative document: "most negative" only when its interval separates.

    ``summary`` has ``doc_id, mean, mean_low, mean_high, share_negative``
    (:func:`with_intervals`).  The document with the lowest mean is compared
    with every other by :func:`analysis.methods.uncertainty.compare`.
    """
    rows = summary.sort_values("mean", kind="stable").reset_index(drop=True)
    first = rows.iloc[0]
    stated = f"{_mean_with_interval(first)}, {first['share_negative']:.0%} of its sentences negative"
    if len(rows) == 1:
        return f"With a single document there is nothing to compare: {first['doc_id']} ({stated})."
    interval = (first["mean_low"], first["mean_high"])
    verdicts = {
        row["doc_id"]: uncertainty.compare(interval, (row["mean_low"], row["mean_high"]))
        for _, row in rows.iloc[1:].iterrows()
    }
    clearly = [d for d, v in verdicts.items() if v == uncertainty.LOWER]
    unclear = [d for d, v in verdicts.items() if v != uncertainty.LOWER]
    if not unclear:
        return (
            f"The most negative document on average is {first['doc_id']} ({stated}): its interval lies "
            "below those of all the other documents."
        )
    if not clearly:
        return (
            f"The lowest mean is that of {first['doc_id']} ({stated}), but its interval overlaps those of "
            f"{'the other document' if len(unclear) == 1 else 'all the other documents'}, so there is no clear "
            "difference in mean tone between the documents."
        )
    return (
        f"The lowest mean is that of {first['doc_id']} ({stated}). It is clearly lower than that of "
        f"{wording.join(clearly)}, but there is no clear difference from {wording.join(unclear)}, whose "
        f"{wording.plural(len(unclear), 'interval overlaps', 'intervals overlap')} its own."
    )


def zero_median_sentence(n_zero: int, n_docs: int) -> str:
    """How many documents have a median sentence score of exactly zero.

    Examples
    --------
    >>> zero_median_sentence(4, 5)
    'In 4 of the 5 documents the median sentence scores exactly zero.'
    >>> zero_median_sentence(0, 1)
    'The median sentence of the document does not score exactly zero.'
    """
    if n_docs == 1:
        return f"The median sentence of the document {'scores' if n_zero else 'does not score'} exactly zero."
    return f"In {n_zero:,} of the {n_docs:,} documents the median sentence scores exactly zero."


def arc(run: Run) -> Section:
    """The sentiment arc: scores in reading order with a rolling mean."""
    window = run.params["rolling_window"]
    arc_df = sentiment.rolling_arc(run.scored, window)
    data = arc_df.assign(excerpt=run.excerpt(arc_df["text"]))[
        ["doc_id", "sent_index", "position", "compound", "rolling_mean", "label", "excerpt"]
    ]
    section = Section(facts={"rolling_window": f"{window:,}"})
    section.chart(
        arc_chart(data, run.doc_order, window, run.doc_names),
        "arc",
        "Sentence compound scores in reading order (dots) and their rolling mean (line), per document.",
        data,
    )
    return section


def extremes(run: Run) -> Section:
    """The ``top_k`` most positive and most negative sentences of each document."""
    top_k = run.params["top_k"]
    top = flag_topic_driven(sentiment.extremes(run.scored, top_k), run.topic_scores[0])
    top["text"] = run.excerpt(top["text"])
    top = factchecks.with_notes(top, run.corpus.sentences)  # note of the whole sentence, not the excerpt
    section = Section()
    section.table(
        top,
        "extremes",
        f"The {top_k} most positive and most negative sentences of each document ({run.lexicon_name}); "
        "“class set by topic terms”: the class changes when the terms of the neutralize_terms parameter are "
        "scored as neutral (the score it then gets is in “neutralised”).",
        "{:+.3f}",
        labels={"compound": f"{run.lexicon_name} compound", "direction": "which end"},
    )
    n, k = len(top), int(top["topic_driven"].sum())
    section.facts = {
        "topic_driven_sentence": (
            f"The column “class set by topic terms” marks {k:,} of the {wording.count(n, 'sentence')} in the table: "
            f"{wording.plural(k, 'its', 'their')} class changes when the terms of the neutralize_terms "
            "parameter are scored as neutral, so the topic's vocabulary, not the way it is written about, "
            f"decides {wording.plural(k, 'its', 'their')} tone."
            if n
            else "No sentence scores above or below zero, so the table is empty."
        )
    }
    return section


def flag_topic_driven(top: pd.DataFrame, topic_sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``compound_neutralized`` and ``topic_driven`` (class changes without the topic terms) to ``top``.

    ``topic_sentences`` is the sentence table of
    :func:`analysis.methods.sentiment.topic_negativity` for the same lexicon
    and thresholds.
    """
    cols = ["doc_id", "sent_index", "compound_neutralized", "label", "label_neutralized"]
    flags = topic_sentences[cols].assign(topic_driven=lambda t: t["label"] != t["label_neutralized"])
    out = top.merge(
        flags[["doc_id", "sent_index", "compound_neutralized", "topic_driven"]],
        on=["doc_id", "sent_index"],
        how="left",
    )
    return out[[*top.columns[:-1], "compound_neutralized", "topic_driven", top.columns[-1]]]


def whole_texts(run: Run) -> Section:
    """Each document scored as one text against the mean of its sentences (VADER)."""
    docs, level = run.docs, run.params["saturation_level"]
    whole = docs[["id", "n_sentences"]].rename(columns={"id": "doc_id"}).copy()
    whole["whole_text_compound"] = [sentiment.whole_text_compound(b) for b in docs["body"]]
    whole["valence_sum_x"] = whole["whole_text_compound"].map(sentiment.raw_sum)
    vader = (
        run.scored
        if run.params["lexicon"] == "vader"
        else sentiment.score_sentences(run.corpus.sentences, "vader")
    )
    means = vader.groupby("doc_id", as_index=False)["compound"].mean()
    whole = whole.merge(means.rename(columns={"compound": "mean_sentence_compound"}), on="doc_id")
    section = Section()
    section.table(
        whole,
        "whole_text",
        "VADER compound of each document scored as one text, the valence sum x it implies, "
        "and the mean of its sentence scores.",
        "{:+.3f}",
    )
    gap = (whole["whole_text_compound"] - whole["mean_sentence_compound"]).abs()
    sat = whole.assign(gap=gap).sort_values("gap").iloc[-1]
    section.facts = {
        "sat_doc": sat["doc_id"],
        "sat_whole": f"{sat['whole_text_compound']:+.3f}",
        "sat_mean": f"{sat['mean_sentence_compound']:+.3f}",
        "saturation_level": f"{level:.2f}",
        "n_saturated": f"{int((whole['whole_text_compound'].abs() >= level).sum()):,}",
    }
    return section


def agreement(run: Run) -> Section:
    """VADER against AFINN on the same sentences: confusion table, κ, correlations, scatter."""
    p = run.params
    result = sentiment.lexicon_agreement(run.corpus.sentences, p["pos_threshold"], p["neg_threshold"])
    conf = result["confusion"].reset_index().rename(columns={"VADER": "VADER class \\ AFINN class"})
    conf.columns.name = None
    pairs = result["scores"]
    opposite = ((pairs["vader_label"] == "positive") & (pairs["afinn_label"] == "negative")).sum() + (
        (pairs["vader_label"] == "negative") & (pairs["afinn_label"] == "positive")
    ).sum()
    section = Section(
        facts={
            "agree_share": f"{result['agreement']:.0%}",
            "kappa": f"{result['kappa']:.2f}",
            "pearson": f"{result['pearson']:.2f}",
            "spearman": f"{result['spearman']:.2f}",
            "opposite": f"{int(opposite):,}",
            "opposite_sentences": wording.count(int(opposite), "sentence"),
        }
    )
    section.table(
        conf,
        "confusion",
        "Confusion table: sentences by VADER class (rows) and AFINN class (columns).",
        "{:,.0f}",
    )
    same = (pairs["vader_label"] == pairs["afinn_label"]).map({True: "same class", False: "different class"})
    data = pairs.assign(excerpt=run.excerpt(pairs["text"]), same=same)[
        ["doc_id", "sent_index", "vader", "afinn", "vader_label", "afinn_label", "same", "excerpt"]
    ]
    section.chart(
        lexicons_chart(data),
        "lexicons",
        "Each sentence's VADER compound against its normalised AFINN score; orange where the classes differ. "
        "The sentences that one lexicon calls positive and the other negative are listed in the next table.",
        data,
    )
    section.table(
        opposite_classes(data),
        "opposite_classes",
        "The sentences one lexicon calls positive and the other negative (the orange dots in the top-left "
        "and bottom-right of the figure), with both scores.",
        "{:+.3f}",
        labels={"excerpt": "text"},
    )
    return section


def opposite_classes(pairs: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``pairs`` whose VADER and AFINN classes are opposite (positive against negative).

    Examples
    --------
    >>> p = pd.DataFrame({"vader_label": ["positive", "negative", "neutral"],
    ...                   "afinn_label": ["negative", "negative", "positive"], "x": [1, 2, 3]})
    >>> opposite_classes(p)["x"].tolist()
    [1]
    """
    v, a = pairs["vader_label"], pairs["afinn_label"]
    keep = ((v == "positive") & (a == "negative")) | ((v == "negative") & (a == "positive"))
    return pairs[keep].drop(columns=[c for c in ("same",) if c in pairs.columns]).reset_index(drop=True)


def topic(run: Run) -> Section:
    """How much of the negativity is the conflict vocabulary of ``neutralize_terms``."""
    p = run.params
    terms = sentiment.term_table(run.corpus.sentences, p["neutralize_terms"])
    section = Section()
    section.table(
        terms,
        "topic_terms",
        "Terms neutralised in this check: valence in VADER (−4…+4) and AFINN (−5…+5); "
        "empty where the lexicon lacks the term; use in the corpus (tokens and sentences).",
        "{:+.1f}",
    )
    in_lex = terms[f"in_{p['lexicon']}"]
    sents, docs = run.topic_scores
    section.table(
        docs,
        "topic_negativity",
        f"Per document, with the original lexicon and with the topic terms neutralised ({run.lexicon_name}): "
        "sentences holding a term, mean compound, share of negative sentences, negativity and the share of "
        "negativity due to the topic terms (the topic share); * marks the scores with the topic terms neutral.",
        "{:,.3f}",
    )
    total0 = sentiment.negativity(sents["compound"])
    total1 = sentiment.negativity(sents["compound_neutralized"])
    top_topic = docs.sort_values("topic_share", na_position="first").iloc[-1]  # NaN: no negativity
    missing = terms.loc[~in_lex, "term"].tolist()
    positive = terms.loc[terms[VALENCE_COLUMN[p["lexicon"]]] > 0, "term"].tolist()
    section.facts = {
        "missing_terms": ", ".join(missing) or "none",
        "in_lex_sentence": in_lexicon_sentence(len(terms), len(missing), run.lexicon_name, missing),
        "net_reason": (
            f"net, because {wording.join(positive, quote=True)} "
            f"{wording.verb(len(positive), 'is', 'are')} positive in the lexicon, and the compound score is "
            "not additive"
            if positive
            else "net, because the compound score is not additive"
        ),
        "top_topic_sentence": (
            f"The document whose negativity depends most on them is {top_topic['doc_id']} "
            f"({top_topic['topic_share']:.0%})."
            if docs["topic_share"].notna().any()
            else "No document has a negative sentence, so none owes its negativity to them."
        ),
        "n_changed_sentences": wording.count(int(sents["changed"].sum()), "sentence"),
        "n_terms": f"{len(terms):,}",
        "n_in_lex": f"{int(in_lex.sum()):,}",
        "topic_share_all": f"{1 - total1 / total0 if total0 else 0.0:.0%}",
        "neg_before": f"{(sents['label'] == 'negative').mean():.0%}",
        "neg_after": f"{(sents['label_neutralized'] == 'negative').mean():.0%}",
        "n_changed": f"{int(sents['changed'].sum()):,}",
        "flipped": f"{int((sents['label'] != sents['label_neutralized']).sum()):,}",
        "top_topic_doc": top_topic["doc_id"],
        "top_topic_share": f"{top_topic['topic_share']:.0%}",
    }
    stats = neutralised_stats(sents, p["neg_threshold"])
    section.chart(
        neutralised_chart(stats, run.doc_order, run.doc_names),
        "neutralised",
        "Per document: quartiles, median and mean of sentence compound scores, original vs. "
        "with the conflict terms of the parameter list neutralised.",
        stats,
    )
    return section


#: Column of :func:`analysis.methods.sentiment.term_table` with each lexicon's valence.
VALENCE_COLUMN = {"vader": "vader_valence", "afinn": "afinn_score"}


def in_lexicon_sentence(n_terms: int, n_missing: int, lexicon_name: str, missing: list[str]) -> str:
    """How many of the neutralised terms the lexicon has, and what that means.

    Examples
    --------
    >>> in_lexicon_sentence(3, 1, "VADER", ["taliban"])
    'Of the 3 terms, 2 are in the VADER lexicon; the one missing from it (taliban) is neutral already, so neutralising it changes nothing.'
    """
    n_in = n_terms - n_missing
    head = f"Of the {wording.count(n_terms, 'term')}, {n_in:,} {wording.verb(n_in, 'is', 'are')} in the {lexicon_name} lexicon"
    if n_missing == 0:
        return head + "."
    those = "the one missing from it" if n_missing == 1 else f"the {n_missing:,} missing from it"
    return (
        f"{head}; {those} ({wording.join(missing)}) {wording.verb(n_missing, 'is', 'are')} neutral already, "
        f"so neutralising {wording.verb(n_missing, 'it', 'them')} changes nothing."
    )


def the_documents(n: int) -> str:
    """ "The document" or "The 5 documents" (the start of a sentence)."""
    return "The document" if n == 1 else f"The {wording.count(n, 'document')}"


def group_sizes(sizes: list[int], groups: list[str]) -> str:
    """What the grouping can show, from the number of documents in each group.

    Examples
    --------
    >>> group_sizes([2, 1, 1], ["Pakistan", "Qatar", "unknown"])[:64]
    'The 4 documents fall into 3 groups; 2 of them hold a single text'
    >>> group_sizes([3], ["unknown"])
    'All 3 documents have the same value here (unknown), so there are no groups to compare.'
    """
    n_docs, singles = sum(sizes), sum(1 for n in sizes if n == 1)
    if n_docs == 1:
        return "With a single document there is a single group, so there are no groups to compare."
    if len(sizes) == 1:
        return f"All {n_docs:,} documents have the same value here ({groups[0]}), so there are no groups to compare."
    sentence = f"The {wording.count(n_docs, 'document')} fall into {wording.count(len(sizes), 'group')}"
    if singles:
        sentence += f"; {singles:,} of them {wording.verb(singles, 'holds', 'hold')} a single text"
    return sentence + (
        ", so the comparison is of distributions of sentences, not a test of a difference between kinds of outlet."
    )


def by_group(run: Run) -> Section:
    """Sentence scores by the documents' ``group_field``: table and chart."""
    field_ = run.params["group_field"]
    grouped = sentiment.with_group(run.scored, run.docs, field_)
    gsum = sentiment.summarize(grouped, by="group")
    gsum.insert(1, "documents", gsum["group"].map(grouped.groupby("group")["doc_id"].nunique()))
    sentence = group_sizes(gsum["documents"].tolist(), gsum["group"].tolist())
    section = Section(
        facts={
            "group_field": field_,
            "group_sizes": sentence,
        }
    )
    named = gsum.rename(columns={"group": field_})
    section.table(
        named[[c for c in named.columns if c not in SPREAD_COLUMNS]],
        "by_group",
        f"Sentence compound scores ({run.lexicon_name}) by {column_label(field_)}: mean, median and the "
        "share of sentences in each class.",
        "{:,.3f}",
    )
    section.table(
        named[[field_, *SPREAD_COLUMNS]],
        "by_group_spread",
        f"The spread of the sentence compound scores ({run.lexicon_name}) by {column_label(field_)}: "
        "standard deviation (SD), quartiles and extremes.",
        "{:,.3f}",
    )
    data = grouped.assign(excerpt=run.excerpt(grouped["text"]))[
        ["group", "doc_id", "sent_index", "compound", "label", "excerpt"]
    ]
    section.chart(
        group_chart(data, run.doc_order, field_, grouped["group"].nunique(), run.doc_names),
        "by_group_chart",
        f"Sentence compound scores by {column_label(field_)}: distribution (top) and share of each class "
        "(bottom).",
        data,
    )
    return section


def caveats(run: Run) -> Section:
    """Published validity of VADER, and where NLTK's VADER and the reference package differ."""
    p = run.params
    published = pd.DataFrame(sentiment.PUBLISHED_VALIDITY)
    vader_row = published[published["scorer"] == "VADER"].iloc[0]
    human_row = published[published["scorer"] != "VADER"].iloc[0]
    diffs = sentiment.implementation_differences(run.corpus.sentences)
    relabelled = sentiment.label_polarity(
        diffs["nltk"], p["pos_threshold"], p["neg_threshold"]
    ) != sentiment.label_polarity(diffs["reference"], p["pos_threshold"], p["neg_threshold"])
    section = Section(
        facts={
            "pub_r_vader": f"{vader_row['r']:.3f}",
            "pub_f1_vader": f"{vader_row['f1']:.2f}",
            "pub_r_human": f"{human_row['r']:.3f}",
            "pub_f1_human": f"{human_row['f1']:.2f}",
            "ref_version": version("vaderSentiment"),
            "n_impl_diff": f"{len(diffs):,}",
            "n_impl_label": f"{int(relabelled.sum()):,}",
            "impl_sentence": (
                f"On this corpus NLTK's port would give a different compound for {wording.count(len(diffs), 'sentence')}, "
                f"{int(relabelled.sum()):,} of them in a different class; they are listed below with the "
                "likely cause."
                if len(diffs)
                else "On this corpus the two give the same compound to every sentence."
            ),
            "translation_note": translation_note(machine_translated(run)),
            "sample_sentence": (
                "And the corpus is a small sample: differences between documents describe these "
                f"{wording.count(len(run.docs), 'text')}, not outlets or countries."
                if len(run.docs) > 1
                else "And the corpus is a single text: the scores describe it, not its outlet or country."
            ),
        }
    )
    section.table(
        published,
        "published_validity",
        "Published validity of VADER on opinion news (Hutto & Gilbert 2014, Table 4).",
        "{:.3f}",
    )
    shown = diffs.assign(text=run.excerpt(diffs["text"]))[
        ["doc_id", "sent_index", "nltk", "reference", "difference", "cause", "text"]
    ]
    section.table(
        shown,
        "implementation_differences",
        "Sentences scored differently by NLTK's VADER and the reference implementation (the "
        "vaderSentiment package), with the likely cause.",
        "{:+.4f}",
    )
    return section


def translation_note(ids: list[str]) -> str:
    """The prose on machine translation, from the documents' metadata.

    Examples
    --------
    >>> translation_note([])
    'the metadata mark no text here as a machine translation'
    >>> translation_note(["a"])
    'the metadata mark a as a machine translation, which changes word choice'
    """
    if not ids:
        return "the metadata mark no text here as a machine translation"
    what = wording.plural(len(ids), "a machine translation", "machine translations")
    return f"the metadata mark {wording.join(ids)} as {what}, which changes word choice"


# -- tables behind charts ---------------------------------------------------------------------


def neutralised_stats(topic_sentences: pd.DataFrame, neg_threshold: float) -> pd.DataFrame:
    """Per document and scoring: mean, quartiles, median and share of negative sentences."""
    long = pd.concat(
        [
            topic_sentences[["doc_id", "compound"]].assign(scoring=SCORINGS[0]),
            topic_sentences[["doc_id", "compound_neutralized"]]
            .rename(columns={"compound_neutralized": "compound"})
            .assign(scoring=SCORINGS[1]),
        ]
    )
    return long.groupby(["doc_id", "scoring"], as_index=False)["compound"].agg(
        mean="mean",
        q25=lambda s: s.quantile(0.25),
        median="median",
        q75=lambda s: s.quantile(0.75),
        share_negative=lambda s: (s <= neg_threshold).mean(),
    )


# -- charts -------------------------------------------------------------------------------------


def _doc_axis(names: dict | None) -> alt.Axis:
    """A document axis that shows each id's short label (the data keep the ids)."""
    return alt.Axis(labelExpr=label_expr(names or {}))


def _class_colour(title: str = "class") -> alt.Color:
    return alt.Color(
        "label:N", title=title, scale=alt.Scale(domain=list(sentiment.LABELS), range=CLASS_COLOURS)
    )


def distribution_chart(
    dist: pd.DataFrame, doc_order: list[str], lexicon_name: str, names: dict | None = None
) -> alt.LayerChart:
    """Box plot per document with one jittered dot per sentence."""
    box = (
        alt.Chart(dist)
        .mark_boxplot(extent="min-max", opacity=0.35, color="#888")
        .encode(
            y=alt.Y("doc_id:N", title="document", sort=doc_order, axis=_doc_axis(names)),
            x=alt.X("compound:Q", title="sentence compound score", scale=alt.Scale(domain=[-1, 1])),
        )
    )
    points = (
        alt.Chart(dist)
        .mark_circle(size=28, opacity=0.7)
        .encode(
            y=alt.Y("doc_id:N", sort=doc_order),
            yOffset=alt.YOffset("jitter:Q"),
            x="compound:Q",
            color=_class_colour(),
            tooltip=[
                alt.Tooltip("doc_id:N", title="document"),
                alt.Tooltip("sent_index:Q", title="sentence"),
                alt.Tooltip("compound:Q", format="+.3f", title="compound"),
                alt.Tooltip("label:N", title="class"),
                alt.Tooltip("excerpt:N", title="text"),
            ],
        )
        .transform_calculate(jitter="random()")
    )
    return (box + points).properties(
        width=400, height=46 * len(doc_order), title=f"Every sentence's score ({lexicon_name}), by document"
    )


def means_chart(
    means: pd.DataFrame, doc_order: list[str], lexicon_name: str, names: dict | None = None
) -> alt.LayerChart:
    """Each document's mean sentence score (dot) with its 95% interval (bar)."""
    y = alt.Y("doc_id:N", title="document", sort=doc_order, axis=_doc_axis(names))
    tips = [
        alt.Tooltip("doc_id:N", title="document"),
        "sentences",
        alt.Tooltip("mean:Q", format="+.3f"),
        alt.Tooltip("mean_low:Q", format="+.3f", title="95% interval from"),
        alt.Tooltip("mean_high:Q", format="+.3f", title="95% interval to"),
    ]
    bars = (
        alt.Chart(means)
        .mark_rule(strokeWidth=2, color="#555")
        .encode(
            y=y,
            x=alt.X("mean_low:Q", title=f"mean sentence compound ({lexicon_name}) and 95% interval"),
            x2="mean_high:Q",
            tooltip=tips,
        )
    )
    dots = (
        alt.Chart(means)
        .mark_circle(size=70, color="#c0392b", opacity=1)
        .encode(y=y, x="mean:Q", tooltip=tips)
    )
    zero = alt.Chart(means).mark_rule(color="#bbb").encode(x=alt.datum(0))
    return (zero + bars + dots).properties(
        width=400, height=30 * len(doc_order), title="Mean sentence score per document, with 95% intervals"
    )


def arc_chart(
    data: pd.DataFrame, doc_order: list[str], window: int, names: dict | None = None
) -> alt.FacetChart:
    """One panel per document: sentence scores in reading order and their rolling mean."""
    base = alt.Chart().encode(
        x=alt.X(
            "position:Q",
            title="position in the document (0 = start, 1 = end)",
            scale=alt.Scale(domain=[0, 1]),
        )
    )
    dots = base.mark_circle(size=18, opacity=0.45, color="#777").encode(
        y=alt.Y("compound:Q", title="sentence compound score", scale=alt.Scale(domain=[-1, 1])),
        tooltip=[
            alt.Tooltip("doc_id:N", title="document"),
            alt.Tooltip("sent_index:Q", title="sentence"),
            alt.Tooltip("compound:Q", format="+.3f", title="compound"),
            alt.Tooltip("rolling_mean:Q", format="+.3f", title="rolling mean"),
            alt.Tooltip("excerpt:N", title="text"),
        ],
    )
    line = base.mark_line(color="#c0392b", strokeWidth=2).encode(y="rolling_mean:Q")
    zero = alt.Chart().mark_rule(color="#bbb").encode(y=alt.datum(0))
    return (
        alt.layer(zero, dots, line, data=data)
        .properties(width=560, height=120)
        .facet(
            row=alt.Row(
                "doc_id:N",
                title=None,
                sort=doc_order,
                header=alt.Header(labelExpr=label_expr(names or {}, "datum.value")),
            )
        )
        .properties(title=f"Sentiment arc: sentence scores and rolling mean over {window} sentences")
    )


def lexicons_chart(data: pd.DataFrame) -> alt.Chart:
    """Scatter of VADER against AFINN per sentence, coloured by whether the classes agree."""
    return (
        alt.Chart(data)
        .mark_circle(size=30, opacity=0.6)
        .encode(
            x=alt.X("vader:Q", title="VADER compound", scale=alt.Scale(domain=[-1, 1])),
            y=alt.Y("afinn:Q", title="AFINN, normalised", scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color(
                "same:N",
                title="",
                scale=alt.Scale(domain=["same class", "different class"], range=["#7f8c8d", "#d35400"]),
            ),
            tooltip=[
                alt.Tooltip("doc_id:N", title="document"),
                alt.Tooltip("sent_index:Q", title="sentence"),
                alt.Tooltip("vader:Q", format="+.3f", title="VADER compound"),
                alt.Tooltip("afinn:Q", format="+.3f", title="AFINN, normalised"),
                alt.Tooltip("vader_label:N", title="VADER class"),
                alt.Tooltip("afinn_label:N", title="AFINN class"),
                alt.Tooltip("excerpt:N", title="text"),
            ],
        )
        .properties(width=400, height=400, title="The same sentences scored by two lexicons")
    )


def neutralised_chart(stats: pd.DataFrame, doc_order: list[str], names: dict | None = None) -> alt.LayerChart:
    """Per document: interquartile range, median and mean, original vs neutralised scoring."""
    colors = alt.Scale(domain=SCORINGS, range=SCORING_COLOURS)
    y = alt.Y("doc_id:N", title="document", sort=doc_order, axis=_doc_axis(names))
    off = alt.YOffset("scoring:N", sort=SCORINGS)
    tips = [
        alt.Tooltip("doc_id:N", title="document"),
        "scoring",
        alt.Tooltip("mean:Q", format="+.3f"),
        alt.Tooltip("median:Q", format="+.3f"),
        alt.Tooltip("q25:Q", format="+.3f", title="lower quartile"),
        alt.Tooltip("q75:Q", format="+.3f", title="upper quartile"),
        alt.Tooltip("share_negative:Q", format=".0%", title="share negative"),
    ]
    iqr = (
        alt.Chart(stats)
        .mark_rule(strokeWidth=3, opacity=0.6)
        .encode(
            y=y,
            yOffset=off,
            x=alt.X(
                "q25:Q",
                title="sentence compound: interquartile range, median (tick) and mean (dot)",
                scale=alt.Scale(domain=[-1, 1]),
            ),
            x2="q75:Q",
            color=alt.Color("scoring:N", title="", scale=colors),
            tooltip=tips,
        )
    )
    med = (
        alt.Chart(stats)
        .mark_tick(thickness=2, size=14)
        .encode(y=y, yOffset=off, x="median:Q", color=alt.Color("scoring:N", scale=colors), tooltip=tips)
    )
    mean = (
        alt.Chart(stats)
        .mark_circle(size=70)
        .encode(y=y, yOffset=off, x="mean:Q", color=alt.Color("scoring:N", scale=colors), tooltip=tips)
    )
    return (iqr + med + mean).properties(
        width=380,
        height=50 * len(doc_order),
        title="Sentence scores with the original lexicon and with topic terms neutralised",
    )


def group_chart(
    data: pd.DataFrame, doc_order: list[str], group_field: str, n_groups: int, names: dict | None = None
) -> alt.VConcatChart:
    """Distribution of sentence scores per group (top) and the share of each class (bottom)."""
    gbox = (
        alt.Chart(data)
        .mark_boxplot(extent="min-max", opacity=0.35, color="#888")
        .encode(
            y=alt.Y("group:N", title=column_label(group_field)),
            x=alt.X("compound:Q", title="sentence compound score", scale=alt.Scale(domain=[-1, 1])),
        )
    )
    gpts = (
        alt.Chart(data)
        .mark_circle(size=24, opacity=0.6)
        .encode(
            y="group:N",
            yOffset=alt.YOffset("jitter:Q"),
            x="compound:Q",
            color=alt.Color(
                "doc_id:N",
                title="document",
                sort=doc_order,
                legend=alt.Legend(labelExpr=label_expr(names or {})),
            ),
            tooltip=[
                alt.Tooltip("group:N", title=column_label(group_field)),
                alt.Tooltip("doc_id:N", title="document"),
                alt.Tooltip("sent_index:Q", title="sentence"),
                alt.Tooltip("compound:Q", format="+.3f", title="compound"),
                alt.Tooltip("excerpt:N", title="text"),
            ],
        )
        .transform_calculate(jitter="random()")
    )
    gshare = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None),
            x=alt.X("count():Q", stack="normalize", title="share of sentences"),
            color=_class_colour(),
            order=alt.Order("label:N"),
            tooltip=["group", "label", alt.Tooltip("count():Q", title="sentences")],
        )
    )
    return (
        alt.vconcat(
            (gbox + gpts).properties(width=360, height=50 * n_groups),
            gshare.properties(width=360, height=30 * n_groups),
        )
        .resolve_scale(color="independent")
        .properties(title=f"Sentence scores by {column_label(group_field)}")
    )
