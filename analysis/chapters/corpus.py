"""The corpus chapter: what the report reads, and what cleaning cut from it.

Each section function takes the loaded :class:`analysis.corpus.load.Corpus`
(and the chapter's parameters where it needs them) and returns a
:class:`Section`: the tables and charts the page shows and a ``facts`` dict
of already-worded strings for the prose, so ``chapters/corpus.ipynb`` only
calls, shows and glues.

Sections, in page order: :func:`documents`, :func:`lengths`,
:func:`removed`, :func:`counts`, :func:`references`, :func:`pipeline_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from analysis.chapters import checks
from analysis.corpus import sources
from analysis.corpus.load import Corpus, load_corpus

#: Where the per-document pipeline may run (:data:`analysis.scale.pipeline.ENGINES`).
ENGINES = ("pandas", "dask")

#: Manifest fields shown in the documents table, in this order.
META_COLUMNS = [
    "id",
    "title",
    "authors",
    "outlet",
    "outlet_country",
    "date",
    "date_meaning",
    "genre",
    "identifier",
    "perspective",
]

#: The kind of removed block that holds an author-year citation cut from a sentence.
CITATION_KIND = "in-text citation"

#: Height of one document's row in the per-document charts (pixels).
ROW_HEIGHT = 28
#: Width of the per-document charts (pixels).
CHART_WIDTH = 520


@dataclass
class Section:
    """What one section of the page shows, and the facts its prose glues.

    ``outputs`` maps an output name (its CSV file name) to ``(table or
    chart, caption)``; :meth:`shown` gives the arguments of ``ch.table`` or
    ``ch.chart`` for one of them, so a notebook cell reads
    ``ch.table(*section.shown("counts"))``.
    """

    outputs: dict[str, tuple[pd.DataFrame | alt.Chart, str]] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)

    def shown(self, name: str) -> tuple[pd.DataFrame | alt.Chart, str, str]:
        """``(data, name, caption)`` of one output."""
        data, caption = self.outputs[name]
        return data, name, caption

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The outputs that are tables, by name."""
        return {k: v for k, (v, _) in self.outputs.items() if isinstance(v, pd.DataFrame)}

    @property
    def charts(self) -> dict[str, alt.Chart]:
        """The outputs that are charts, by name."""
        return {k: v for k, (v, _) in self.outputs.items() if not isinstance(v, pd.DataFrame)}


def check(params: dict) -> None:
    """Refuse every bad value of the chapter's parameters (see :mod:`analysis.chapters.checks`).

    Examples
    --------
    >>> check({"corpus_dir": "", "documents": [], "excerpt_chars": 0,
    ...        "engine": "pandas", "scheduler": "", "processes": 1})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'excerpt_chars' expects an integer >= 1, got 0
    """
    checks.at_least(params, "excerpt_chars", 1)
    checks.at_least(params, "processes", 1)
    checks.one_of(params, "engine", ENGINES)
    scheduler = params["scheduler"]
    if params["engine"] == "pandas" and scheduler:
        checks.fail("scheduler", '"" with engine "pandas" (a scheduler is for engine "dask")', scheduler)
    if scheduler not in ("", "local") and "://" not in scheduler:
        checks.fail(
            "scheduler", '"", "local" or a Dask scheduler address such as "tcp://host:8786"', scheduler
        )
    checks.corpus(params)


def load(params: dict) -> Corpus:
    """The corpus the parameters name (``corpus_dir``, ``documents``), loaded and cleaned."""
    return load_corpus(params["corpus_dir"] or None, params["documents"] or None)


def documents(corpus: Corpus) -> Section:
    """The documents and their metadata; the corpus totals for the prose."""
    docs = corpus.documents
    return Section(
        outputs={
            "documents": (docs[META_COLUMNS], "The documents of the corpus and what is known about them.")
        },
        facts={
            "n_docs": f"{len(docs):,}",
            "n_sentences": f"{int(docs['n_sentences'].sum()):,}",
            "n_tokens": f"{int(docs['n_tokens'].sum()):,}",
        },
    )


def lengths_chart(docs: pd.DataFrame) -> alt.Chart:
    """Stacked bars per document: characters of body text and of removed material."""
    long = docs[["id", "chars_kept", "chars_removed", "n_sentences", "n_tokens"]].melt(
        id_vars=["id", "n_sentences", "n_tokens"],
        value_vars=["chars_kept", "chars_removed"],
        var_name="part",
        value_name="characters",
    )
    long["part"] = long["part"].map({"chars_kept": "body text", "chars_removed": "removed"})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("id:N", title="document", sort=list(docs["id"])),
            x=alt.X("characters:Q", title="characters in the file"),
            color=alt.Color(
                "part:N",
                title="",
                scale=alt.Scale(domain=["body text", "removed"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["id", "part", alt.Tooltip("characters:Q", format=","), "n_sentences", "n_tokens"],
        )
        .properties(
            width=CHART_WIDTH,
            height=ROW_HEIGHT * len(docs),
            title="Length of each document: body text and removed",
        )
    )


def lengths(corpus: Corpus) -> Section:
    """How much of each file is body text; the document with the largest share cut."""
    docs = corpus.documents
    share_cut = docs["chars_removed"] / docs["chars_raw"]
    most_cut = docs.assign(share=share_cut).sort_values("share").iloc[-1]
    return Section(
        outputs={
            "lengths": (lengths_chart(docs), "Characters of body text and of removed material per document.")
        },
        facts={
            "share_kept": f"{int(docs['chars_kept'].sum()) / int(docs['chars_raw'].sum()):.0%}",
            "most_cut_id": str(most_cut["id"]),
            "most_cut_share": f"{most_cut['share']:.0%}",
        },
    )


def removed(corpus: Corpus, params: dict) -> Section:
    """What cleaning removed: by kind, every positioned block, and the in-text citations.

    Tables ``removed_by_kind`` (blocks and characters per document and kind),
    ``removed_blocks`` (every block with a position in the raw file, its
    excerpt cut to ``params["excerpt_chars"]``; citations excluded) and
    ``in_text_citations`` (each distinct citation and how often it is cut).
    """
    by_kind = corpus.removed.groupby(["doc_id", "kind"], as_index=False).agg(
        blocks=("chars", "size"), characters=("chars", "sum")
    )
    blocks = corpus.removed.dropna(subset=["start"]).astype({"start": int, "end": int})
    is_citation = blocks["kind"] == CITATION_KIND
    # citations are told apart by their whole text, not by the excerpt shown
    # (two sources that share their first excerpt_chars characters stay two)
    citations = (
        blocks[is_citation]
        .assign(citation=lambda d: d["excerpt"].str.strip())
        .groupby(["doc_id", "citation"], as_index=False)
        .size()
        .rename(columns={"size": "times"})
        .sort_values(["doc_id", "times", "citation"], ascending=[True, False, True])
    )
    return Section(
        outputs={
            "removed_by_kind": (by_kind, "What cleaning removed from each document, by kind of block."),
            "removed_blocks": (
                blocks.loc[~is_citation, ["doc_id", "kind", "start", "end", "chars", "excerpt"]].assign(
                    excerpt=lambda d: d["excerpt"].str.slice(0, params["excerpt_chars"])
                ),
                "Every block removed by the cleaning rules, with its position in the raw file and its "
                "first words (in-text citations are in the next table; markup and whitespace, which "
                "have no single position, only in the table above).",
            ),
            "in_text_citations": (
                citations,
                "In-text citations cut from the body, by how often each is cited.",
            ),
        },
        facts={
            "n_citations": f"{int(citations['times'].sum()):,}",
            "n_cited_sources": f"{len(citations):,}",
        },
    )


def sentence_lengths_chart(sent_len: pd.DataFrame, order: list[str]) -> alt.Chart:
    """Box plot (min to max) of tokens per sentence, one row per document in ``order``."""
    return (
        alt.Chart(sent_len)
        .mark_boxplot(extent="min-max")
        .encode(
            y=alt.Y("doc_id:N", title="document", sort=order),
            x=alt.X("tokens:Q", title="tokens per sentence"),
            tooltip=["doc_id", "tokens"],
        )
        .properties(width=CHART_WIDTH, height=ROW_HEIGHT * len(order), title="Sentence length")
    )


def counts(corpus: Corpus) -> Section:
    """Sentences and tokens per document, and the distribution of sentence length."""
    docs = corpus.documents
    table = docs[["id", "n_sentences", "n_tokens"]].copy()
    table["tokens_per_sentence"] = table["n_tokens"] / table["n_sentences"]
    sent_len = corpus.tokens.groupby(["doc_id", "sent_index"]).size().rename("tokens").reset_index()
    return Section(
        outputs={
            "counts": (table, "Sentences and tokens per document."),
            "sentence_lengths": (
                sentence_lengths_chart(sent_len, list(docs["id"])),
                "Distribution of sentence length (tokens) in each document.",
            ),
        },
    )


def references(corpus: Corpus) -> Section:
    """Reference-list entries the cleaning rules kept out of the body text."""
    return Section(
        outputs={"references": (corpus.references, "Reference-list entries kept out of the body text.")},
        facts={"n_references": f"{len(corpus.references):,}"},
    )


def sentence_match(n_pipeline: int, n_chapter: int) -> str:
    """Words for whether the pipeline found as many sentences as the chapter's table.

    Examples
    --------
    >>> sentence_match(286, 286)
    'the same number as in'
    >>> sentence_match(285, 286)
    'a DIFFERENT number from'
    """
    return "the same number as in" if n_pipeline == n_chapter else "a DIFFERENT number from"


def pipeline_summary(corpus: Corpus, params: dict) -> Section:
    """Run the scalable pipeline once over the same documents and summarise it.

    The engine, scheduler and worker processes come from ``params``; the
    fact ``pl_match`` says whether the pipeline found as many sentences as
    the chapter's own sentence table.
    """
    from analysis.scale import pipeline

    wanted = params["documents"]
    docs = [d for d in sources.load_documents(params["corpus_dir"] or None) if not wanted or d.id in wanted]
    result = pipeline.run(
        docs, engine=params["engine"], scheduler=params["scheduler"] or None, processes=params["processes"]
    )
    scores = result.scores
    summary = pd.DataFrame(
        [
            ("documents", result.n_documents),
            ("sentences", result.n_sentences),
            ("word tokens counted (lower-cased letter runs)", result.n_tokens),
            ("distinct words", len(result.counts)),
            ("sentences scored negative (VADER)", int((scores["label"] == "negative").sum())),
            ("actor mentions (all sides)", int(result.mentions_table()["mentions"].sum())),
            ("frame codes given to sentences (multi-label)", int(sum(result.frame_sentences.values()))),
        ],
        columns=["measure", "value"],
    )
    return Section(
        outputs={
            "pipeline_summary": (
                summary,
                "One pass of the per-document pipeline over this corpus (the last row counts a "
                "sentence once for each frame it carries).",
            )
        },
        facts={
            "pl_engine": params["engine"],
            "pl_docs": f"{result.n_documents:,}",
            "pl_sentences": f"{result.n_sentences:,}",
            "pl_match": sentence_match(result.n_sentences, len(corpus.sentences)),
        },
    )
