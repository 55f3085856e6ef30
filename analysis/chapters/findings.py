"""The key-findings page (``chapters/findings.ipynb``): findings computed, with their robustness.

Each finding is a function of one :class:`Tables` (the sentence-level
readings of a corpus under one set of analysis choices) that returns a
:class:`Result`: the sentence the page prints, its uncertainty, a hashable
``key`` that says *what* the finding claims (the text with the lowest tone,
the set of leading terms ...), and whether the run supports it.  Robustness
is the same function applied again, in the same process:

* under each **variant** of the main analysis choices (the other lexicon,
  the other stop-word list, actor-name masking switched, stricter
  thresholds, repeated passages dropped) -- only to the findings the choice
  can change; the others are "not applicable";
* on the corpus with **each one text left out** -- "not applicable" when the
  finding is about that very text.

A variant *holds* when it gives the same ``key``, otherwise it *changes*.
The confidence word follows :data:`CONFIDENCE_RULES` (:func:`confidence`).
Nothing here knows the seed texts: every sentence is built from the tables.

Uncertainty: document means carry a seeded percentile bootstrap interval
over the document's sentences (:func:`analysis.methods.uncertainty.bootstrap_mean`);
shares carry a Wilson interval (:func:`analysis.methods.uncertainty.wilson_interval`);
small counts are given exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis import paths
from analysis.chapters import checks, wording
from analysis.corpus import sources
from analysis.corpus.load import Corpus, load_corpus
from analysis.methods import (
    actors,
    duplicates,
    events,
    frames,
    keyness,
    responsibility,
    sentiment,
    trade,
    uncertainty,
    words,
)
from analysis.methods import timeline as tl

#: Stop-word lists a run can use: the project's list, or only its Snowball part
#: (``data/stopwords/english.txt`` without "Part 2", the project additions).
STOPWORD_LISTS = ("project", "snowball")

#: Marker of the project additions in the stop-word file (see data/stopwords/README.md).
STOPWORDS_PART_2 = "# Part 2"

#: Verb classes of :mod:`analysis.methods.responsibility` that hold someone responsible.
BLAME_CLASSES = ("accuses",)

#: The two state sides whose naming and framing the page compares.
STATE_SIDES = responsibility.STATE_SIDES

#: Words that, opening a text's ``perspective`` field (its first clause), say the
#: text is written from that side: the demonyms of the state sides.
SIDE_DEMONYMS = {"pakistan": ("Pakistani",), "afghanistan": ("Afghan", "Afghani")}

#: A ``language_note`` matching this marks a machine translation (as in the sentiment chapter).
MACHINE_TRANSLATION = re.compile(r"machine[- ]translat", re.IGNORECASE)

#: Fewest bootstrap resamples accepted (the 2.5% tail needs a few dozen draws; as the sentiment chapter).
MIN_RESAMPLES = 100

#: Words of the robustness table.
HOLDS, CHANGES, NOT_APPLICABLE = "holds", "changes", "not applicable"

#: Confidence words.
ROBUST, FRAGILE, NOT_SUPPORTED, UNTESTED = "robust", "fragile", "not supported in this run", "untested"

#: The written rules of the confidence word, in the order :func:`confidence` applies them.
CONFIDENCE_RULES = [
    (
        NOT_SUPPORTED,
        "the run itself does not support the finding: its intervals overlap, or the data are missing",
    ),
    (FRAGILE, "supported, but at least one variant or leave-one-out run changes it"),
    (UNTESTED, "supported, but no variant and no leave-one-out run applies to it (e.g. a single text)"),
    (ROBUST, "supported, and it holds in every variant and every leave-one-out run that applies"),
]


def check(params: dict) -> None:
    """Refuse every bad parameter value, naming the parameter.

    Examples
    --------
    >>> check({"lexicon": "vader", "pos_threshold": 0.05, "neg_threshold": -0.05,
    ...        "alt_pos_threshold": 0.25, "alt_neg_threshold": 0.3})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'alt_neg_threshold' expects a number below alt_pos_threshold (0.25), got 0.3
    """
    checks.one_of(params, "lexicon", sentiment.LEXICONS)
    checks.thresholds(params, "pos_threshold", "neg_threshold")
    checks.thresholds(params, "alt_pos_threshold", "alt_neg_threshold")
    checks.at_least(params, "n_resamples", MIN_RESAMPLES)
    checks.at_least(params, "seed", 0)
    checks.one_of(params, "stopwords", STOPWORD_LISTS)
    checks.at_least(params, "keyness_threshold", 0)
    checks.at_least(params, "alt_keyness_threshold", 0)
    checks.at_least(params, "min_count", 1)
    checks.one_of(params, "duplicates", ("keep", "drop"))
    checks.between(params, "duplicate_similarity", 0.5, 1)
    checks.one_of(params, "timeline_granularity", tl.GRANULARITIES)
    checks.at_least(params, "cagr_tolerance", 0)
    if not isinstance(params.get("mask_actor_names"), bool):
        checks.fail("mask_actor_names", "true or false", params.get("mask_actor_names"))
    checks.corpus(params)


# -- the readings of one corpus under one set of choices ------------------------------------


@dataclass(frozen=True)
class Settings:
    """The analysis choices a variant may change."""

    lexicon: str = "vader"
    pos_threshold: float = sentiment.POS_THRESHOLD
    neg_threshold: float = sentiment.NEG_THRESHOLD
    stopwords: str = "project"
    mask_actor_names: bool = True
    keyness_threshold: float = keyness.chi2_isf(0.01)
    min_count: int = 3
    duplicates: str = "keep"
    duplicate_similarity: float = 0.9
    timeline_granularity: str = "month"
    cagr_tolerance: float = 0.01

    @classmethod
    def from_params(cls, params: dict) -> Settings:
        return cls(**{k: params[k] for k in cls.__dataclass_fields__ if k in params})


@dataclass
class Tables:
    """Sentence-level readings of a corpus under :class:`Settings` (all filtered by :meth:`subset`)."""

    settings: Settings
    documents: pd.DataFrame
    sentences: pd.DataFrame
    scored: pd.DataFrame  #: doc_id, sent_index, compound, label
    stream: pd.DataFrame  #: the term stream of analysis.methods.words.term_stream
    lengths: pd.Series  #: word tokens per document
    sent_sides: pd.DataFrame
    sides: list[str]
    coded: pd.DataFrame
    frame_cols: list[str]
    frame_labels: dict
    edges: pd.DataFrame
    dates: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame  #: sentences joined into events (analysis.methods.events.assign_events)
    dropped: int = 0  #: sentences dropped as repeats

    @property
    def doc_ids(self) -> list[str]:
        return list(self.documents["id"])

    def subset(self, ids: list[str]) -> Tables:
        """The same readings restricted to the documents ``ids`` (a leave-one-out run)."""
        keep = set(ids)

        def f(df: pd.DataFrame) -> pd.DataFrame:
            return df[df["doc_id"].isin(keep)].reset_index(drop=True)

        return replace(
            self,
            documents=self.documents[self.documents["id"].isin(keep)].reset_index(drop=True),
            sentences=f(self.sentences),
            scored=f(self.scored),
            stream=f(self.stream),
            lengths=self.lengths[self.lengths.index.isin(keep)],
            sent_sides=f(self.sent_sides),
            coded=f(self.coded),
            edges=f(self.edges),
            dates=f(self.dates),
            figures=f(self.figures),
            events=f(self.events),
        )


def stopword_list(name: str) -> frozenset[str]:
    """The project's stop-word list, or only its Snowball part (the lines before "Part 2")."""
    if name == "project":
        return words.load_stopwords()
    text = words.STOPWORDS_FILE.read_text(encoding="utf-8").split(STOPWORDS_PART_2)[0]
    out = {line.split("#", 1)[0].strip().lower() for line in text.splitlines()}
    return frozenset(w.replace("\u2019", "'") for w in out if w)


def repeats(sentences: pd.DataFrame, similarity: float) -> pd.DataFrame:
    """Pairs of repeated sentences within a document (``doc_id, first, second, kind``).

    With :mod:`analysis.methods.duplicates` (the corpus chapter's detector) exact and
    near repeats at ``similarity``; without it, exact repeats only (same words, same
    order, case and punctuation aside).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_index": [0, 1, 0], "text": ["Trade fell.", "trade fell!", "Trade fell."]})
    >>> repeats(s, 1.0)[["doc_id", "first", "second"]].values.tolist()
    [['a', 0, 1]]
    """
    return duplicates.find_duplicates(sentences, similarity)[["doc_id", "first", "second", "kind"]]


@dataclass
class Dictionaries:
    """The actor and frame dictionaries (read once per run)."""

    actors: actors.ActorDictionary
    frames: frames.FrameDictionary
    frame_scheme: str


def _scored(sents: pd.DataFrame, s: Settings) -> pd.DataFrame:
    scored = sentiment.relabel(sentiment.score_sentences(sents, s.lexicon), s.pos_threshold, s.neg_threshold)
    return scored[["doc_id", "sent_index", "compound", "label"]]


def _stream(tokens: pd.DataFrame, s: Settings) -> pd.DataFrame:
    return words.term_stream(tokens, stopword_list(s.stopwords), words.load_phrases())


def _coded(sents: pd.DataFrame, s: Settings, dicts: Dictionaries) -> pd.DataFrame:
    return frames.code_sentences(
        sents, dicts.frames, mask_actors=dicts.actors if s.mask_actor_names else None
    )[0]


def read(corpus: Corpus, settings: Settings, dicts: Dictionaries) -> Tables:
    """Apply every reader the findings use to ``corpus`` under ``settings``."""
    sents, tokens, dropped = corpus.sentences, corpus.tokens, 0
    if settings.duplicates == "drop":
        drop = duplicates.to_drop(duplicates.find_duplicates(sents, settings.duplicate_similarity))
        sents, tokens = duplicates.drop_sentences(sents, drop), duplicates.drop_sentences(tokens, drop)
        dropped = len(drop)
    mentions = actors.match_sentences(sents, dicts.actors)
    edges = responsibility.relations_table(sents, dicts.actors, documents=corpus.documents)
    anchors = tl.resolve_anchors(corpus.documents, {})
    anchor_dates = dict(zip(anchors["doc_id"], anchors["anchor"]))
    dates = tl.extract_dates(sents, anchor_dates, inferred=set(anchors.loc[anchors["inferred"], "doc_id"]))
    joined = events.assign_events(
        sents, dates, events.load_events(), events.load_event_words(), mentions, anchor_dates
    )
    return Tables(
        settings=settings,
        documents=corpus.documents,
        sentences=sents.reset_index(drop=True),
        scored=_scored(sents, settings),
        stream=_stream(tokens, settings),
        lengths=words.doc_lengths(tokens).reindex(corpus.documents["id"], fill_value=0),
        sent_sides=actors.sentence_sides(sents, mentions, dicts.actors.sides),
        sides=list(dicts.actors.sides),
        coded=_coded(sents, settings, dicts),
        frame_cols=frames.frame_columns(dicts.frames, dicts.frame_scheme),
        frame_labels=dicts.frames.labels(),
        edges=edges[edges["relation"].isin(BLAME_CLASSES)],
        dates=dates,
        figures=trade.attach_sources(trade.extract_figures(sents), trade.load_seed_figures()),
        events=joined,
        dropped=dropped,
    )


def reread(base: Tables, corpus: Corpus, settings: Settings, dicts: Dictionaries) -> Tables:
    """``base`` under other ``settings``, recomputing only the readings those settings change."""
    if settings.duplicates != base.settings.duplicates:
        return read(corpus, settings, dicts)
    old, tokens = base.settings, corpus.tokens
    out = replace(base, settings=settings)
    if (settings.lexicon, settings.pos_threshold, settings.neg_threshold) != (
        old.lexicon,
        old.pos_threshold,
        old.neg_threshold,
    ):
        out.scored = _scored(base.sentences, settings)
    if settings.stopwords != old.stopwords:
        out.stream = _stream(tokens, settings)
    if settings.mask_actor_names != old.mask_actor_names:
        out.coded = _coded(base.sentences, settings, dicts)
    return out


# -- findings ---------------------------------------------------------------------------------


@dataclass
class Result:
    """One finding computed on one :class:`Tables`.

    ``key`` is what the finding claims (compared across variants); ``subject``
    the documents it is about (leaving one of them out is not a test of it);
    ``estimate`` its values with their uncertainty, for the page.
    """

    key: object
    supported: bool
    sentence: str
    estimate: str
    subject: tuple = ()


#: How the page names a side of the actor dictionary.
SIDE_NAMES = {
    "pakistan": "Pakistan",
    "afghanistan": "Afghanistan",
    "militant": "militant groups",
    "third_party": "third parties",
}


def _side(side: str) -> str:
    return SIDE_NAMES.get(side, side.replace("_", " "))


def _share(k: int, n: int) -> str:
    low, high = uncertainty.wilson_interval(k, n)
    return f"{wording.percent(k / n)} ({k:,} of {n:,}; 95% interval {wording.percent(low)} to {wording.percent(high)})"


def _interval(mean: float, low: float, high: float) -> str:
    if pd.isna(low):
        return f"{wording.signed(mean, 3)} (one sentence: no interval)"
    return f"{wording.signed(mean, 3)} (95% interval {wording.signed(low, 3)} to {wording.signed(high, 3)})"


def _leading(items: list[tuple[str, int]], n: int) -> list[str]:
    """Names whose Wilson interval of ``k / n`` overlaps that of the largest ``k``."""
    if not items or n == 0:
        return []
    items = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    top = uncertainty.wilson_interval(items[0][1], n)
    return [name for name, k in items if uncertainty.separated(top, uncertainty.wilson_interval(k, n)) == 0]


def topics(t: Tables, p: dict) -> Result:
    """The commonest content terms: the term with the highest count and those not clearly below it."""
    counted = t.stream[t.stream["counted"]]
    n_tokens = int(t.lengths.sum())
    if counted.empty or n_tokens == 0:
        return Result(
            None, False, "The texts hold no counted term, so nothing can be said of their topics.", "no terms"
        )
    counts = counted["term"].value_counts()
    lead = _leading(list(counts.head(20).items()), n_tokens)
    docs_with = counted.groupby("term")["doc_id"].nunique()
    parts = [
        f"“{term}” ({1e4 * counts[term] / n_tokens:,.0f} per 10,000 tokens, in "
        f"{docs_with[term]:,} of {len(t.doc_ids):,} texts)"
        for term in lead[:4]
    ]
    more = f" and {wording.count(len(lead) - 4, 'other term')}" if len(lead) > 4 else ""
    low, high = uncertainty.wilson_interval(int(counts[lead[0]]), n_tokens)
    head = (
        "The term the texts use most is"
        if len(lead) == 1
        else "The terms the texts use most, with no clear difference between them, are"
    )
    return Result(
        frozenset(lead),
        True,
        f"{head} {wording.join(parts)}{more}.",
        f"“{lead[0]}”: {1e4 * counts[lead[0]] / n_tokens:,.0f} per 10,000 tokens "
        f"(95% interval {1e4 * low:,.0f} to {1e4 * high:,.0f})",
    )


def distinct(t: Tables, p: dict) -> Result:
    """The text whose vocabulary differs most from the others, relative to its length."""
    s = t.settings
    if len(t.doc_ids) < 2:
        return Result(None, False, "With a single text there is nothing to set it apart from.", "one text")
    freq = words.frequencies(t.stream, t.lengths[t.lengths > 0])
    each = keyness.keyness_each_vs_rest(
        freq, t.lengths[t.lengths > 0], threshold=s.keyness_threshold, min_count=s.min_count
    )
    key = each[each["key"] & (each["direction"] == "more in target")]
    n_key = key.groupby("doc_id").size().reindex(t.doc_ids, fill_value=0)
    if n_key.sum() == 0:
        return Result(None, False, "No text has a key term at this threshold.", "no key terms")
    rate = 1000 * n_key / t.lengths.reindex(t.doc_ids).clip(lower=1)
    best = sorted(rate[rate == rate.max()].index)
    most = n_key.idxmax()
    share = t.lengths[best[0]] / t.lengths.sum()
    sentence = (
        f"Relative to its length, {wording.join(best)} {wording.verb(len(best), 'differs', 'differ')} most in "
        f"vocabulary from the other texts: {n_key[best[0]]:,} key terms, {rate[best[0]]:.1f} per 1,000 of its "
        f"tokens, from {wording.percent(share)} of the corpus's tokens. "
        f"Counted outright, {most} has the most key terms ({n_key[most]:,}); raw counts grow with length."
    )
    top = key[key["doc_id"] == best[0]].sort_values("g2", ascending=False)["term"].head(3)
    return Result(
        frozenset(best),
        True,
        sentence + f" Its strongest key terms: {wording.join(top, quote=True)}.",
        f"{n_key[best[0]]:,} key terms (exact count, G² ≥ {s.keyness_threshold:.2f})",
        tuple(best),
    )


def _doc_means(t: Tables, p: dict) -> pd.DataFrame:
    rows = []
    for doc_id in t.doc_ids:
        values = t.scored.loc[t.scored["doc_id"] == doc_id, "compound"].to_numpy()
        mean, low, high = uncertainty.bootstrap_mean(values, p["n_resamples"], p["seed"])
        rows.append({"doc_id": doc_id, "sentences": len(values), "mean": mean, "low": low, "high": high})
    return pd.DataFrame(rows).dropna(subset=["mean"])


def tone_overall(t: Tables, p: dict) -> Result:
    """How many texts clearly lean negative: mean sentence score with an interval wholly below zero."""
    means = _doc_means(t, p)
    if means.empty:
        return Result(None, False, "No sentence was scored.", "no sentences")
    below = means[means["high"] < 0]["doc_id"].tolist()
    above = means[means["low"] > 0]["doc_id"].tolist()
    n = len(means)
    verdict = "every" if len(below) == n else "most" if 2 * len(below) > n else "some" if below else "none"
    lead = {
        "every": f"Every text leans negative in tone: all {n:,} mean sentence scores lie below zero with their uncertainty.",
        "most": f"Most texts lean negative: {len(below):,} of {n:,} ({wording.join(below)}) have a mean sentence score clearly below zero.",
        "some": f"Only {len(below):,} of {n:,} texts ({wording.join(below)}) clearly {wording.verb(len(below), 'leans', 'lean')} negative; the others' intervals include or exceed zero.",
        "none": f"No text clearly leans negative: none of the {n:,} mean sentence scores has its interval below zero.",
    }[verdict]
    tail = (
        f" {wording.join(above)} clearly {wording.verb(len(above), 'leans', 'lean')} positive."
        if above
        else ""
    )
    lexicon = {"vader": "VADER", "afinn": "AFINN"}[t.settings.lexicon]
    n_sent = len(t.scored)
    n_neg, n_pos = int((t.scored["label"] == "negative").sum()), int((t.scored["label"] == "positive").sum())
    side = uncertainty.separated(
        uncertainty.wilson_interval(n_neg, n_sent), uncertainty.wilson_interval(n_pos, n_sent)
    )
    balance = {1: "more negative than positive", -1: "more positive than negative", 0: "no clear difference"}[
        side
    ]
    classes = (
        f" Of all sentences, {_share(n_neg, n_sent)} are negative and {_share(n_pos, n_sent)} positive: "
        + ("there are clearly " + balance + " sentences." if side else "no clear difference between the two.")
    )
    estimate = "; ".join(f"{r.doc_id} {_interval(r.mean, r.low, r.high)}" for r in means.itertuples())
    return Result((verdict, balance), True, lead + tail + classes + f" (Lexicon {lexicon}.)", estimate)


def tone_lowest(t: Tables, p: dict) -> Result:
    """The most negative text: supported only when its interval lies below every other text's."""
    means = _doc_means(t, p).sort_values("mean", kind="stable").reset_index(drop=True)
    if len(means) < 2:
        return Result(
            None, False, "With fewer than two texts no text can be the most negative.", "fewer than two texts"
        )
    first = means.iloc[0]
    verdicts = {
        r.doc_id: uncertainty.compare((first["low"], first["high"]), (r.low, r.high))
        for r in means.iloc[1:].itertuples()
    }
    overlap = [d for d, v in verdicts.items() if v != uncertainty.LOWER]
    estimate = f"{first['doc_id']} {_interval(first['mean'], first['low'], first['high'])}, {first['sentences']:,} sentences"
    if not overlap:
        sentence = f"{first['doc_id']} is the most negative text: its mean sentence score lies below every other text's, intervals apart."
        return Result(first["doc_id"], True, sentence, estimate, (first["doc_id"],))
    sentence = (
        f"No text is clearly the most negative: the 95% interval of the lowest mean, {first['doc_id']}'s, "
        f"overlaps {wording.plural(len(overlap), 'that', 'those')} of {wording.join(overlap)}."
    )
    return Result(("no clear lowest",), False, sentence, estimate, (first["doc_id"],))


def named(t: Tables, p: dict) -> Result:
    """Which side the texts name most: share of sentences naming each side, Wilson uncertainty."""
    n = len(t.sent_sides)
    if n == 0:
        return Result(None, False, "No sentence to read.", "no sentences")
    counts = [(side, int(t.sent_sides[side].sum())) for side in t.sides]
    lead = _leading(counts, n)
    if not counts or max(k for _, k in counts) == 0:
        return Result(None, False, "No sentence names any side of the dictionary.", "no mentions")
    by = dict(counts)
    parts = [f"{_side(s)} in {_share(by[s], n)}" for s in sorted(t.sides, key=lambda s: -by[s])]
    head = (
        f"{_side(lead[0])} is the side the texts name most"
        if len(lead) == 1
        else f"{wording.join(_side(s) for s in lead)} are named about equally often, more than any other side"
    )
    return Result(frozenset(lead), True, f"{head}: of the sentences, {'; '.join(parts)}.", parts[0])


def framed(t: Tables, p: dict) -> Result:
    """The frame that most separates sentences naming one state side from those naming the other."""
    a, b = STATE_SIDES
    if not {a, b} <= set(t.sides):
        return Result(None, False, "The dictionary lacks one of the two state sides.", "sides missing")
    merged = t.coded.merge(t.sent_sides[["doc_id", "sent_index", a, b]], on=["doc_id", "sent_index"])
    na, nb = int((merged[a] == 1).sum()), int((merged[b] == 1).sum())
    if min(na, nb) == 0:
        return Result(
            None,
            False,
            f"No sentence names {_side(a) if na == 0 else _side(b)}, so the two cannot be compared.",
            "no sentences",
        )
    rows = []
    for frame in t.frame_cols:
        ka, kb = int(merged.loc[merged[a] == 1, frame].sum()), int(merged.loc[merged[b] == 1, frame].sum())
        sep = uncertainty.separated(uncertainty.wilson_interval(ka, na), uncertainty.wilson_interval(kb, nb))
        rows.append((frame, ka, kb, ka / na - kb / nb, sep))
    clear = [r for r in rows if r[4] != 0]
    label = t.frame_labels
    if not clear:
        big = max(rows, key=lambda r: abs(r[3]))
        sentence = (
            f"No frame clearly separates sentences naming {_side(a)} from those naming {_side(b)}: the widest gap, "
            f"{label[big[0]]}, is {_share(big[1], na)} against {_share(big[2], nb)}, and the intervals overlap."
        )
        return Result(
            ("no clear gap",),
            False,
            sentence,
            f"{label[big[0]]}: gap {wording.signed(100 * big[3], 1)} points",
        )
    frame, ka, kb, gap, sep = max(clear, key=lambda r: abs(r[3]))
    more, less = (a, b) if sep > 0 else (b, a)
    k_more, n_more, k_less, n_less = (ka, na, kb, nb) if sep > 0 else (kb, nb, ka, na)
    sentence = (
        f"Sentences naming {_side(more)} carry the {label[frame]} frame more often than those naming "
        f"{_side(less)}: {_share(k_more, n_more)} against {_share(k_less, n_less)}; "
        f"{wording.count(len(clear), 'frame')} in all {wording.verb(len(clear), 'separates', 'separate')} the two sides."
    )
    return Result((frame, more), True, sentence, f"{label[frame]}: gap {100 * abs(gap):.1f} points")


def blamed(t: Tables, p: dict) -> Result:
    """Who accuses whom: the commonest agent → target pair of accusation verbs (exact counts)."""
    e = t.edges
    if e.empty:
        return Result(
            None,
            False,
            "No sentence has a side accusing another (agent and target both found).",
            "0 sentences",
        )
    pairs = e.groupby(["agent", "target"]).size().sort_values(ascending=False, kind="stable")
    n_sents = len(e[["doc_id", "sent_index"]].drop_duplicates())
    listed = "; ".join(f"{_side(a)} → {_side(b)} {k:,}" for (a, b), k in pairs.items())
    (a, b), k_ab = pairs.index[0], int(pairs.iloc[0])
    k_ba = int(pairs.get((b, a), 0))
    low, high = uncertainty.wilson_interval(k_ab, k_ab + k_ba)
    share = (
        f"{wording.percent(k_ab / (k_ab + k_ba))} of the {wording.count(k_ab + k_ba, 'accusation')} between the "
        f"two (95% interval {wording.percent(low)} to {wording.percent(high)})"
    )
    if low > 0.5:  # the reverse direction is clearly rarer: a direction the counts support
        claim = frozenset({(a, b)})
        head = f"The texts report {_side(a)} accusing {_side(b)} more often than the reverse: {share}"
    else:
        claim = frozenset({(a, b), (b, a)})
        head = (
            f"The commonest accusation, {_side(a)} accusing {_side(b)}, is not clearly more frequent than the "
            f"reverse: {share}, so no direction is drawn"
        )
    sentence = f"{head}. All pairs, in {wording.count(n_sents, 'sentence')} where one side accuses another: {listed}."
    return Result(claim, True, sentence, f"{k_ab:,} against {k_ba:,} (exact counts, Wilson interval)")


def trade_check(t: Tables, p: dict) -> Result:
    """What the check of the stated trade figures found."""
    figures = t.figures
    values = figures[(figures["measure"] == "value") & figures["flow"].isin(trade.FLOWS[:2])]
    if values.empty:
        return Result(
            None,
            False,
            "No text states a trade value of a flow between the two countries, so there is nothing to check.",
            "no figures",
        )
    series = trade.seed_series(figures)
    claims = trade.check_claims(figures, series, trade.load_reference(), t.settings.cagr_tolerance)
    bad = claims[
        claims["verdict"].eq("inconsistent") | claims["verdict"].str.startswith("consistent with fiscal")
    ]
    n_bad_doc = tuple(sorted(bad["doc_id"].unique()))
    unver = int(claims["verdict"].str.startswith("not verifiable").sum())
    cited = int(claims["verdict"].eq(trade.VALUE_VERDICTS["cited_match"]).sum())
    n = len(claims)
    if bad.empty:
        sentence = f"All {wording.count(n, 'trade claim')} checked hold, as far as they can be checked"
    else:
        what = "; ".join(f"{r.doc_id}: {r.claim} ({r.verdict})" for r in bad.itertuples())
        sentence = (
            f"Of the {wording.count(n, 'trade claim')} checked, {len(bad):,} "
            f"{wording.verb(len(bad), 'does', 'do')} not hold as stated ({what})"
        )
    sentence += (
        f"; {unver:,} cannot be checked against a published series here, and {cited:,} only match the source "
        "the text itself cites."
    )
    return Result(
        (len(bad) > 0, n_bad_doc), True, sentence, f"{len(bad):,} of {n:,} claims (exact counts)", n_bad_doc
    )


def shared_events(t: Tables, p: dict) -> Result:
    """The events named by the most texts (sentences grouped into events, as the timeline does)."""
    summary = events.summarise_events(t.events, events.load_events())
    if summary.empty or int(summary["n_documents"].max()) < 2:
        return Result(None, False, "No event is named by more than one text.", "0 shared events")
    top_n = int(summary["n_documents"].max())
    top = summary[summary["n_documents"] == top_n]
    shared = int((summary["n_documents"] > 1).sum())
    listed = wording.join(f"{r.label} ({r.event_date})" for r in top.head(4).itertuples())
    more = f" and {wording.count(len(top) - 4, 'other event')}" if len(top) > 4 else ""
    sentence = (
        f"The {wording.plural(len(top), 'event', 'events')} named by the most texts, {top_n:,} of "
        f"{len(t.doc_ids):,}, {wording.verb(len(top), 'is', 'are')} {listed}{more}; "
        f"{wording.count(shared, 'event')} in all {wording.verb(shared, 'is', 'are')} named by more than one text."
    )
    return Result(frozenset(top["event_id"]), True, sentence, f"{top_n:,} texts (exact count)")


@dataclass(frozen=True)
class Finding:
    """A finding of the page: its name (glue prefix), title, function and what it reads."""

    name: str
    title: str
    compute: Callable[[Tables, dict], Result]
    reads: frozenset
    evidence: str  #: chapter and section behind it (the page links the chapter)


#: The findings, in the page's order; ``reads`` names the readings a variant may change.
FINDINGS = [
    Finding(
        "topics", "What the texts talk about", topics, frozenset({"words"}), "words: The most frequent terms"
    ),
    Finding(
        "distinct",
        "How the texts differ",
        distinct,
        frozenset({"words", "keyness"}),
        "words: Each text against the rest",
    ),
    Finding("tone", "Tone", tone_overall, frozenset({"sentiment"}), "sentiment: Tone per document"),
    Finding(
        "lowest",
        "The most negative text",
        tone_lowest,
        frozenset({"sentiment"}),
        "sentiment: Tone per document",
    ),
    Finding("named", "How each side is named", named, frozenset({"sides"}), "framing: Who is named"),
    Finding("framed", "How each side is framed", framed, frozenset({"sides", "frames"}), "framing: Frames"),
    Finding(
        "blamed", "Who is held responsible", blamed, frozenset({"responsibility"}), "framing: Responsibility"
    ),
    Finding(
        "trade", "What the trade check found", trade_check, frozenset({"trade"}), "trade: The claims, checked"
    ),
    Finding(
        "events",
        "Which events the texts share",
        shared_events,
        frozenset({"timeline"}),
        "timeline: Events several texts share",
    ),
]


# -- variants and robustness ------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    name: str
    settings: Settings
    changes: frozenset  #: readings this choice changes


def variants(base: Settings, params: dict) -> list[Variant]:
    """The main analysis choices, each switched from the run's setting to the other one."""
    other_lexicon = "afinn" if base.lexicon == "vader" else "vader"
    other_stop = "snowball" if base.stopwords == "project" else "project"
    out = [
        Variant(
            f"lexicon {other_lexicon.upper()}", replace(base, lexicon=other_lexicon), frozenset({"sentiment"})
        ),
        Variant(f"stop words: {other_stop} list", replace(base, stopwords=other_stop), frozenset({"words"})),
        Variant(
            f"actor names {'not ' if base.mask_actor_names else ''}masked",
            replace(base, mask_actor_names=not base.mask_actor_names),
            frozenset({"frames"}),
        ),
        Variant(
            "stricter thresholds",
            replace(
                base,
                pos_threshold=params["alt_pos_threshold"],
                neg_threshold=params["alt_neg_threshold"],
                keyness_threshold=params["alt_keyness_threshold"],
            ),
            frozenset({"sentiment", "keyness"}),
        ),
    ]
    other = "drop" if base.duplicates == "keep" else "keep"
    every = frozenset(
        {"words", "keyness", "sentiment", "sides", "frames", "responsibility", "trade", "timeline"}
    )
    name = "repeated passages dropped" if other == "drop" else "repeated passages kept"
    out.append(Variant(name, replace(base, duplicates=other), every))
    return out


def verdict(base: Result, other: Result) -> str:
    """``holds`` when a rerun claims the same as the base run, else ``changes``.

    >>> verdict(Result("a", True, "", ""), Result("a", True, "", "")), verdict(Result("a", True, "", ""), Result("b", True, "", ""))
    ('holds', 'changes')
    """
    return HOLDS if (other.key, other.supported) == (base.key, base.supported) else CHANGES


def confidence(supported: bool, verdicts: list[str]) -> str:
    """The confidence word from :data:`CONFIDENCE_RULES`.

    >>> confidence(True, ["holds", "not applicable"]), confidence(True, ["holds", "changes"])
    ('robust', 'fragile')
    >>> confidence(False, ["holds"]), confidence(True, ["not applicable"])
    ('not supported in this run', 'untested')
    """
    if not supported:
        return NOT_SUPPORTED
    if CHANGES in verdicts:
        return FRAGILE
    if HOLDS not in verdicts:
        return UNTESTED
    return ROBUST


@dataclass
class Run:
    params: dict
    corpus: Corpus
    meta: dict
    base: Tables
    results: dict  #: finding name -> Result on the base run
    matrix: pd.DataFrame  #: finding × check -> holds / changes / not applicable
    variants: list
    dicts: Dictionaries | None = None


def robustness(base: Tables, variant_tables: list[tuple[Variant, Tables]], params: dict, findings=None):
    """Results on the base run and the finding × check table (variants, then each text left out)."""
    findings = findings or FINDINGS
    results = {f.name: f.compute(base, params) for f in findings}
    rows = []
    for f in findings:
        res = results[f.name]
        row = {"finding": f.name}
        for variant, tables in variant_tables:
            row[variant.name] = (
                verdict(res, f.compute(tables, params)) if f.reads & variant.changes else NOT_APPLICABLE
            )
        for doc_id in base.doc_ids:
            rest = [d for d in base.doc_ids if d != doc_id]
            applies = rest and doc_id not in res.subject
            row[f"without {doc_id}"] = (
                verdict(res, f.compute(base.subset(rest), params)) if applies else NOT_APPLICABLE
            )
        row["confidence"] = confidence(res.supported, [v for k, v in row.items() if k not in ("finding",)])
        rows.append(row)
    return results, pd.DataFrame(rows)


def prepare(params: dict, corpus: Corpus | None = None) -> Run:
    """Load the corpus, read it under the run's choices and every variant, and judge each finding."""
    source = params.get("corpus_dir") or None
    corpus = corpus or load_corpus(source, params["documents"] or None)
    kept = set(corpus.documents["id"])
    meta = {d.id: d.meta for d in sources.load_documents(source or paths.SEEDS) if d.id in kept}
    dicts = Dictionaries(actors.load_actors(), frames.load_frames(), "policy_frames")
    settings = Settings.from_params(params)
    base = read(corpus, settings, dicts)
    vs = variants(settings, params)
    results, matrix = robustness(base, [(v, reread(base, corpus, v.settings, dicts)) for v in vs], params)
    return Run(params, corpus, meta, base, results, matrix, vs, dicts)


# -- sections -------------------------------------------------------------------------------


def _summary_sentence(matrix: pd.DataFrame) -> str:
    counts = matrix["confidence"].value_counts()
    parts = [f"{counts[w]:,} {w}" for w in (ROBUST, FRAGILE, UNTESTED, NOT_SUPPORTED) if w in counts]
    return f"Of the {wording.count(len(matrix), 'finding')} of this run: {wording.join(parts)}."


def findings_section(run: Run) -> SimpleNamespace:
    """The facts of every finding (``<name>_sentence``, ``_estimate``, ``_robustness``, ``_confidence``) and the table."""
    facts, rows = {}, []
    checks_cols = [c for c in run.matrix.columns if c not in ("finding", "confidence")]
    for f, (_, row) in zip(FINDINGS, run.matrix.iterrows()):
        res = run.results[f.name]
        ran = [c for c in checks_cols if row[c] != NOT_APPLICABLE]
        changed = [c for c in ran if row[c] == CHANGES]
        facts[f"{f.name}_sentence"] = res.sentence
        facts[f"{f.name}_estimate"] = res.estimate
        facts[f"{f.name}_confidence"] = row["confidence"]
        facts[f"{f.name}_robustness"] = (
            f"rechecked in {wording.count(len(ran), 'run')} ({wording.join(ran)})"
            + (
                f"; it changes in {wording.join(changed)}."
                if changed
                else "; it holds in every one."
                if ran
                else "."
            )
        )
        rows.append(
            {
                "finding": f.title,
                "claim": res.sentence,
                "uncertainty": res.estimate,
                "confidence": row["confidence"],
                "evidence": f.evidence,
            }
        )
    facts["summary_sentence"] = _summary_sentence(run.matrix)
    facts["n_docs"] = wording.count(len(run.base.doc_ids), "text")
    facts["n_resamples"] = wording.number(run.params["n_resamples"])
    facts["seed"] = str(run.params["seed"])
    return SimpleNamespace(
        facts=facts,
        table={
            "df": pd.DataFrame(rows),
            "name": "findings",
            "caption": "The findings of this run, each with its uncertainty, confidence word and the chapter section behind it.",
        },
    )


def robustness_section(run: Run) -> SimpleNamespace:
    """The finding × check table and the rules table."""
    titles = {f.name: f.title for f in FINDINGS}
    matrix = run.matrix.assign(finding=run.matrix["finding"].map(titles))
    dup = "The variant with repeated passages dropped uses the corpus chapter's detector (analysis.methods.duplicates)."
    p = run.params
    facts = {
        "variants_list": wording.join(v.name for v in run.variants),
        "duplicates_note": dup,
        "alt_thresholds": (
            f"sentence classes at {wording.signed(p['alt_pos_threshold'])} / {wording.signed(p['alt_neg_threshold'])} "
            f"instead of {wording.signed(p['pos_threshold'])} / {wording.signed(p['neg_threshold'])}, and key terms at "
            f"G² ≥ {p['alt_keyness_threshold']:.2f} instead of {p['keyness_threshold']:.2f}"
        ),
    }
    rules = pd.DataFrame(CONFIDENCE_RULES, columns=["confidence", "rule"])
    return SimpleNamespace(
        facts=facts,
        matrix={
            "df": matrix,
            "name": "robustness",
            "caption": "Each finding recomputed under each variant of the analysis choices and with each text left out: holds, changes, or not applicable (the choice cannot change it, or the finding is about the text left out).",
        },
        rules={
            "df": rules,
            "name": "confidence_rules",
            "caption": "The rules of the confidence word, applied in this order.",
        },
    )


def _first_clause(text: str) -> str:
    return re.split(r"[;,]", str(text), maxsplit=1)[0]


def written_from(meta: dict, ids: list[str]) -> dict:
    """Side -> ids of texts whose ``perspective`` opens with the side's demonym (:data:`SIDE_DEMONYMS`).

    >>> written_from({"a": {"perspective": "Pakistani scholars"}, "b": {"perspective": "analyst, for an Afghan site"}}, ["a", "b"])
    {'pakistan': ['a'], 'afghanistan': []}
    """
    out = {}
    for side, demonyms in SIDE_DEMONYMS.items():
        rx = re.compile(r"\b(" + "|".join(demonyms) + r")\b")
        out[side] = [i for i in ids if rx.search(_first_clause(meta.get(i, {}).get("perspective", "")))]
    return out


def sides_sentence(sides: dict, country_only: list[str], has_perspective: bool) -> str:
    """Whose side the texts are written from, from :func:`written_from`, in words.

    ``country_only``: texts whose ``outlet_country`` names a side that their
    perspective does not.

    >>> sides_sentence({"pakistan": ["a"], "afghanistan": []}, ["b"], True).split(". ")[-1]
    'No text here is written from the side of Afghanistan.'
    >>> sides_sentence({"pakistan": [], "afghanistan": []}, [], False)[:40]
    'The texts carry no perspective field, so'
    """
    if not has_perspective:
        return (
            "The texts carry no perspective field, so nothing here says from whose side any of them is written; "
            "read every comparison as one between texts, not between sides."
        )
    parts = [f"{_side(s)}: {wording.join(d, empty='no text')}" for s, d in sides.items()]
    out = f"Texts written from a state side (the perspective field opens with the side's demonym) — {'; '.join(parts)}."
    if country_only:
        out += (
            f" The outlet's country of {wording.join(country_only)} names a side, but the perspective does not: "
            "an outlet's country is not the author's side."
        )
    missing = [_side(s) for s, d in sides.items() if not d]
    if missing:
        out += f" No text here is written from the side of {wording.join(missing, 'or')}."
    return out


def repeats_sentence(pairs: pd.DataFrame) -> str:
    """How many sentences repeat an earlier one of the same text (``pairs`` from :func:`repeats`).

    >>> repeats_sentence(pd.DataFrame({"doc_id": ["a", "a"], "first": [1, 2], "second": [7, 9]}))[:60]
    'Within a text, 2 sentences repeat an earlier one closely or '
    """
    if pairs.empty:
        return "No sentence repeats an earlier one of the same text."
    later = pairs[["doc_id", "second"]].drop_duplicates()
    per_doc = later.groupby("doc_id", sort=False).size()
    n = len(later)
    return (
        f"Within a text, {wording.count(n, 'sentence')} {wording.verb(n, 'repeats', 'repeat')} an earlier one "
        f"closely or word for word ({wording.join(f'{d}: {k:,}' for d, k in per_doc.items())}); each repeat "
        "counts its words twice in every chapter."
    )


def limits(run: Run) -> SimpleNamespace:
    """What this corpus can and cannot tell: what the texts are, whose side they are written from, translation, repeats."""
    ids = run.base.doc_ids
    meta = run.meta
    fields = ["genre", "outlet", "outlet_country", "date", "perspective", "language_note"]
    table = pd.DataFrame(
        [{"id": i, **{k: str(meta.get(i, {}).get(k, "unknown") or "") for k in fields}} for i in ids]
    )
    genres = table["genre"].value_counts()
    selection = [i for i in ids if meta.get(i, {}).get("selection")]
    sides = written_from(meta, ids)
    country_only = [
        i
        for i in ids
        if any(_side(s).lower() in str(meta.get(i, {}).get("outlet_country", "")).lower() for s in sides)
        and i not in sum(sides.values(), [])
    ]
    mt = [i for i in ids if MACHINE_TRANSLATION.search(str(meta.get(i, {}).get("language_note", "")))]
    pairs = repeats(run.corpus.sentences, run.params["duplicate_similarity"])
    facts = {
        "limits_what": (
            f"The corpus holds {wording.count(len(ids), 'text')}: "
            + wording.join(f"{n:,} {g}" for g, n in genres.items())
            + f" (genre as the manifest gives it), from {wording.count(table['outlet'].nunique(), 'outlet')}."
        ),
        "limits_selection": (
            "The manifest records how " + wording.join(selection) + " were selected."
            if selection
            else "The manifest does not record how the texts were selected, so they are no sample of any population: "
            "what this page finds holds for these texts, not for outlets, countries or sides."
        ),
        "limits_sides": sides_sentence(
            sides, country_only, any(meta.get(i, {}).get("perspective") for i in ids)
        ),
        "limits_translation": (
            f"The manifest marks {wording.join(mt)} as machine-translated: word counts, tone and frames read the "
            "translation's wording, not the original's."
            if mt
            else "The manifest marks no text as machine-translated."
        ),
        "limits_repeats": repeats_sentence(pairs),
    }
    return SimpleNamespace(
        facts=facts,
        table={
            "df": table,
            "name": "corpus_texts",
            "caption": "What each text is, from the manifest (unknown where the manifest does not say).",
        },
    )


#: Colours of the robustness chart (Okabe–Ito, safe for colour-blind readers):
#: holds bluish green, changes vermillion, not applicable grey.
VERDICT_COLOURS = {"holds": "#009E73", "changes": "#D55E00", "not applicable": "#BBBBBB"}


def robustness_chart(run: Run) -> alt.LayerChart:
    """Finding × check: a cell per rerun, coloured and labelled holds / changes / not applicable.

    The words are written in the cells too, so the chart reads in print and
    without colour; the table beside it has the same values.
    """
    titles = {f.name: f.title for f in FINDINGS}
    checks_ = [c for c in run.matrix.columns if c not in ("finding", "confidence")]
    long = run.matrix.melt(id_vars=["finding"], value_vars=checks_, var_name="check", value_name="verdict")
    long["finding"] = long["finding"].map(titles)
    long["mark"] = long["verdict"].map({"holds": "✓", "changes": "✗", "not applicable": "–"})
    order = [titles[f.name] for f in FINDINGS if f.name in set(run.matrix["finding"])]
    base = alt.Chart(long).encode(
        x=alt.X(
            "check:N",
            title="rerun: another analysis choice, or one text left out",
            sort=checks_,
            axis=alt.Axis(labelAngle=-40, labelLimit=220),
        ),
        y=alt.Y("finding:N", title=None, sort=order),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "verdict:N",
            title="the finding",
            scale=alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values())),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=["finding", "check", "verdict"],
    )
    text = base.mark_text(fontSize=13).encode(text="mark:N")
    return (cells + text).properties(
        width=36 * len(checks_),
        height=26 * len(order),
        title="Does each finding hold when the analysis changes?",
    )
