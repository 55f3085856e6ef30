"""The corpus chapter: what the report reads, and what cleaning cut from it.

Each section function takes the loaded :class:`analysis.corpus.load.Corpus`
(and the chapter's parameters where it needs them) and returns a
:class:`Section`: the tables and charts the page shows and a ``facts`` dict
of already-worded strings for the prose, so ``chapters/corpus.ipynb`` only
calls, shows and glues.

Sections, in page order: :func:`documents`, :func:`lengths`,
:func:`removed`, :func:`repeated`, :func:`counts`, :func:`references`,
:func:`pipeline_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import altair as alt
import pandas as pd

from analysis import paths
from analysis.chapters import checks, wording
from analysis.chapters.charts import document_names, label_expr
from analysis.corpus import schemas, sources
from analysis.corpus.load import Corpus, load_corpus
from analysis.errors import ParameterError
from analysis.methods import duplicates, factchecks, words
from analysis.methods import language as language_mod

#: Where the per-document pipeline may run (:data:`analysis.scale.pipeline.ENGINES`).
ENGINES = ("pandas", "dask")

#: Manifest fields shown in the documents table, in this order.
META_COLUMNS = ["id", *schemas.SOURCE_FIELDS, *schemas.KIND_FIELDS]

#: The kind of removed block that holds an author-year citation cut from a sentence.
CITATION_KIND = "in-text citation"

#: Values of the ``duplicates`` parameter: keep repeated sentences, or drop the later copies.
DUPLICATE_CHOICES = ("keep", "drop")

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
    #: The corpus the next sections read, where a section changes it (:func:`repeated`).
    corpus: Corpus | None = None

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
    >>> check({"corpus_dir": "", "documents": [], "excerpt_chars": 0, "engine": "pandas",
    ...        "scheduler": "", "processes": 1, "duplicate_similarity": 0.9, "duplicates": "keep"})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'excerpt_chars' expects an integer >= 1, got 0
    """
    checks.at_least(params, "excerpt_chars", 1)
    checks.at_least(params, "processes", 1)
    checks.between(params, "duplicate_similarity", 0.5, 1)
    checks.one_of(params, "duplicates", DUPLICATE_CHOICES)
    checks.one_of(params, "engine", ENGINES)
    scheduler = params["scheduler"]
    if params["engine"] == "pandas" and scheduler:
        checks.fail("scheduler", '"" with engine "pandas" (a scheduler is for engine "dask")', scheduler)
    if scheduler not in ("", "local") and "://" not in scheduler:
        checks.fail(
            "scheduler", '"", "local" or a Dask scheduler address such as "tcp://host:8786"', scheduler
        )
    checks.corpus({**params, "corpus_dir": str(corpus_path(params))})


def corpus_path(params: dict) -> Path:
    """The corpus ``corpus_dir`` names, absolute (``""``: the project's ``seeds/``).

    A relative path is read as :func:`analysis.chapters.checks.input_path`
    says (from the current folder if it is there, else from the project root),
    the rule every chapter's path parameters follow.  A path that is not
    there is refused with the absolute paths tried.
    """
    try:
        return checks.input_path(params, "corpus_dir", default=paths.SEEDS)
    except ParameterError as exc:
        where = str(exc).split("not found: ", 1)[-1]
        what = "file" if Path(params["corpus_dir"]).suffix.lower() in sources.TABLE_SUFFIXES else "folder"
        raise ParameterError(f"parameter 'corpus_dir': corpus {what} does not exist: {where}") from None


def load(params: dict) -> Corpus:
    """The corpus the parameters name (``corpus_dir``, ``documents``), loaded and cleaned."""
    return load_corpus(corpus_path(params), params["documents"] or None)


#: What the prose says about where the metadata comes from, by kind of input
#: (:func:`analysis.corpus.sources.kind_of`).
METADATA_NOTES = {
    "manifest": (
        "Metadata comes from the manifest; where a fact is not known the manifest says "
        "“unknown” rather than guess."
    ),
    "folder": (
        "A folder of .txt files carries no metadata: each document's id and title are its "
        "file name, and nothing else is known about it."
    ),
    "table": (
        "Metadata comes from the columns of the table; a field the table does not have, or a "
        "cell left empty, reads “unknown”."
    ),
}

#: How the prose names each kind of input.
INPUT_NAMES = {
    "manifest": "a folder with a manifest",
    "folder": "a folder of .txt files",
    "table": "a table of documents",
}


def input_kind(params: dict) -> str:
    """``"manifest"``, ``"folder"`` or ``"table"``: how ``corpus_dir`` is read."""
    return sources.kind_of(corpus_path(params))


def source_note(params: dict) -> str:
    """Which corpus this run read, in words (the project's seeds, or the path given).

    Plain text: a glued value is shown as it is, not read as Markdown.

    Examples
    --------
    >>> source_note({"corpus_dir": ""})
    "the project's seeds (seeds/, a folder with a manifest)"
    """
    kind = INPUT_NAMES[input_kind(params)]
    if not params["corpus_dir"]:
        return f"the project's seeds (seeds/, {kind})"
    return f"{params['corpus_dir']} ({kind})"


#: Columns of the first documents table (who wrote what, where, when); the
#: other known fields go in a second table, so that each fits the text column.
DOCUMENT_COLUMNS = ["id", "title", "authors", "outlet", "outlet_country", "date"]

#: Readers' names of this chapter's columns beyond :data:`analysis.book.labels.COLUMNS`.
LABELS = {
    "ref_index": "entry",
    "first": "first sentence",
    "second": "second sentence",
    "first_text": "first sentence's text",
    "second_text": "second sentence's text",
    "identifier": "identifier",
}


def documents(corpus: Corpus, params: dict) -> Section:
    """The documents and their metadata; the corpus totals for the prose.

    A metadata field that is "unknown" for every document is left out of the
    table (a folder of ``.txt`` files has none of them; ``id`` and ``title``
    always stay) and named in the fact ``unknown_fields`` instead.
    """
    docs = corpus.documents
    unknown = [c for c in META_COLUMNS[2:] if (docs[c].astype(str) == "unknown").all()]
    shown = [c for c in META_COLUMNS if c not in unknown]
    unknown_note = (
        f"Not known for any document: {wording.join(unknown)}."
        if unknown
        else "Every field is known for at least one document."
    )
    first = [c for c in shown if c in DOCUMENT_COLUMNS]
    more = ["id", *(c for c in shown if c not in DOCUMENT_COLUMNS)]
    outputs = {
        "documents": (docs[first], "The documents of the corpus: title, authors, outlet and date."),
        "documents_more": (
            docs[more],
            "What else the metadata record about each document (what its date is, genre, identifier, "
            "perspective)."
            if len(more) > 1
            else "The metadata record no other field for these documents.",
        ),
    }
    return Section(
        outputs=outputs,
        facts={
            "source_note": source_note(params),
            "n_docs": wording.count(len(docs), "document"),
            "n_sentences": wording.count(int(docs["n_sentences"].sum()), "sentence"),
            "n_tokens": wording.count(int(docs["n_tokens"].sum()), "word token"),
            "metadata_note": METADATA_NOTES[input_kind(params)],
            "unknown_fields": unknown_note,
        },
    )


def _doc_axis(names: dict | None) -> alt.Axis:
    """A document axis showing each id's short label (the data keep the ids)."""
    return alt.Axis(labelExpr=label_expr(names or {}))


def lengths_chart(docs: pd.DataFrame, names: dict | None = None) -> alt.Chart:
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
            y=alt.Y("id:N", title="document", sort=list(docs["id"]), axis=_doc_axis(names)),
            x=alt.X("characters:Q", title="characters in the file"),
            color=alt.Color(
                "part:N",
                title="",
                scale=alt.Scale(domain=["body text", "removed"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("id:N", title="document"),
                alt.Tooltip("part:N", title="part"),
                alt.Tooltip("characters:Q", format=","),
                alt.Tooltip("n_sentences:Q", title="sentences"),
                alt.Tooltip("n_tokens:Q", title="tokens"),
            ],
        )
        .properties(
            width=CHART_WIDTH,
            height=ROW_HEIGHT * len(docs),
            title="Length of each document: body text and removed",
        )
    )


def lengths(corpus: Corpus, params: dict | None = None) -> Section:
    """How much of each file is body text; the document with the largest share cut.

    With ``params`` the chart names the documents by their short label.
    """
    docs = corpus.documents
    names = document_names(corpus_path(params), list(docs["id"])) if params else None
    share_cut = docs["chars_removed"] / docs["chars_raw"]
    most_cut = docs.assign(share=share_cut).sort_values("share", kind="stable").iloc[-1]
    return Section(
        outputs={
            "lengths": (
                lengths_chart(docs, names),
                "Characters of body text and of removed material per document.",
            )
        },
        facts={
            "share_kept": wording.percent(int(docs["chars_kept"].sum()) / int(docs["chars_raw"].sum())),
            "most_cut": most_cut_sentence(str(most_cut["id"]), float(most_cut["share"]), len(docs)),
        },
    )


def most_cut_sentence(doc_id: str, share: float, n_docs: int) -> str:
    """The sentence naming the document that lost the largest share of its file.

    Examples
    --------
    >>> most_cut_sentence("b", 0.46, 5)
    'The document that lost the largest share of its file to cleaning is b (46%).'
    >>> most_cut_sentence("b", 0.0, 5)
    'Cleaning removed nothing from any file.'
    >>> most_cut_sentence("b", 0.02, 1)
    'Cleaning removed 2% of the file.'
    """
    if share == 0:
        return (
            "Cleaning removed nothing from any file."
            if n_docs > 1
            else "Cleaning removed nothing from the file."
        )
    if n_docs == 1:
        return f"Cleaning removed {wording.percent(share)} of the file."
    return f"The document that lost the largest share of its file to cleaning is {doc_id} ({wording.percent(share)})."


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
            "rules_note": rules_note(blocks[~is_citation], input_kind(params)),
            "citations_note": citations_note(citations),
        },
    )


def rules_note(blocks: pd.DataFrame, kind: str) -> str:
    """What the cleaning rules cut (``blocks``: the positioned blocks, citations excluded).

    Examples
    --------
    >>> rules_note(pd.DataFrame({"doc_id": ["a", "a", "b"]}), "manifest")
    'The cleaning rules cut 3 blocks from a and b; each is listed below with its position in the raw file and its first words.'
    >>> rules_note(pd.DataFrame({"doc_id": []}), "folder")
    'No cleaning rule applies to these texts (a folder of .txt files carries none), so only the generic clean-up of markup, escapes and spaces ran and the list of removed blocks below is empty.'
    """
    if len(blocks):
        docs = wording.join(dict.fromkeys(blocks["doc_id"]))
        return (
            f"The cleaning rules cut {wording.count(len(blocks), 'block')} from {docs}; each is "
            "listed below with its position in the raw file and its first words."
        )
    why = "the manifest gives them none" if kind == "manifest" else f"{INPUT_NAMES[kind]} carries none"
    return (
        f"No cleaning rule applies to these texts ({why}), so only the generic clean-up of markup, "
        "escapes and spaces ran and the list of removed blocks below is empty."
    )


def citations_note(citations: pd.DataFrame) -> str:
    """The paragraph on in-text citations: how many, from which texts, the most cited; or none.

    Examples
    --------
    >>> citations_note(pd.DataFrame({"doc_id": ["a", "a"], "citation": ["(X, 2020)", "(Y, 2021)"],
    ...                              "times": [3, 1]}))
    'Author–year citations inside sentences, such as “(X, 2020)” (the most cited, 3 times), are cut from the body of a: 4 citations, pointing to 2 different sources. They say which sources a text leans on, so they are counted here rather than thrown away.'
    >>> citations_note(pd.DataFrame({"doc_id": [], "citation": [], "times": []}))
    'No author–year citation inside a sentence was cut from any document (none of the cleaning rules marks in-text citations), so the table of citations below is empty.'
    """
    if citations.empty:
        return (
            "No author–year citation inside a sentence was cut from any document (none of the "
            "cleaning rules marks in-text citations), so the table of citations below is empty."
        )
    top = citations.sort_values("times", ascending=False, kind="stable").iloc[0]
    n = int(citations["times"].sum())
    docs = wording.join(dict.fromkeys(citations["doc_id"]))
    return (
        f"Author–year citations inside sentences, such as “{top['citation']}” (the most cited, "
        f"{wording.count(int(top['times']), 'time')}), are cut from the body of {docs}: "
        f"{wording.count(n, 'citation')}, pointing to {wording.count(len(citations), 'different source')}. "
        "They say which sources a text leans on, so they are counted here rather than thrown away."
    )


def without_sentences(corpus: Corpus, dropped: pd.DataFrame) -> Corpus:
    """``corpus`` without the sentences in ``dropped`` (``doc_id, sent_index``).

    Sentences and tokens lose those rows; each document's ``n_sentences``
    and ``n_tokens`` are counted again.  Characters, cuts and references are
    about the files and stay as they are.
    """
    sentences = duplicates.drop_sentences(corpus.sentences, dropped)
    tokens = duplicates.drop_sentences(corpus.tokens, dropped)
    docs = corpus.documents.copy()
    ids = docs["id"]
    docs["n_sentences"] = ids.map(sentences.groupby("doc_id").size()).fillna(0).astype(int)
    docs["n_tokens"] = ids.map(tokens.groupby("doc_id").size()).fillna(0).astype(int)
    return replace(corpus, documents=docs, sentences=sentences, tokens=tokens)


def duplicate_effect(corpus: Corpus, dropped: pd.DataFrame) -> pd.DataFrame:
    """Per document: sentences and tokens, and how many of each dropping would remove."""
    keys = dropped.assign(gone=True).set_index(["doc_id", "sent_index"])["gone"]
    tokens = corpus.tokens.join(keys, on=["doc_id", "sent_index"])
    gone_tokens = tokens[tokens["gone"].notna()].groupby("doc_id").size()
    docs = corpus.documents
    table = pd.DataFrame(
        {
            "id": docs["id"],
            "sentences": docs["n_sentences"],
            "sentences_dropped": docs["id"].map(dropped.groupby("doc_id").size()).fillna(0).astype(int),
            "tokens": docs["n_tokens"],
            "tokens_dropped": docs["id"].map(gone_tokens).fillna(0).astype(int),
        }
    )
    table["share_of_tokens_dropped"] = (
        table["tokens_dropped"] / table["tokens"].where(table["tokens"] > 0)
    ).fillna(0)
    return table


def duplicates_found_note(pairs: pd.DataFrame, threshold: float) -> str:
    """What the duplicate search found, or that it found nothing.

    Examples
    --------
    >>> duplicates_found_note(pd.DataFrame({"doc_id": ["a", "a"], "kind": ["exact", "near"]}), 0.9)
    'In a, 1 pair of sentences is identical once case and punctuation are set aside, and 1 pair nearly so (similarity at least 0.9).'
    >>> duplicates_found_note(pd.DataFrame({"doc_id": ["a", "b"], "kind": ["exact", "exact"]}), 0.9)
    'In a and b, 2 pairs of sentences are identical once case and punctuation are set aside, and no pair nearly so (similarity at least 0.9).'
    >>> duplicates_found_note(pd.DataFrame({"doc_id": [], "kind": []}), 0.9)
    'No document repeats a sentence: no two sentences of one document reach a similarity of 0.9.'
    """
    if pairs.empty:
        return f"No document repeats a sentence: no two sentences of one document reach a similarity of {threshold:g}."
    exact = int((pairs["kind"] == "exact").sum())
    near = len(pairs) - exact

    def pairs_of(n: int) -> str:
        return "no pair" if n == 0 else wording.count(n, "pair")

    docs = wording.join(dict.fromkeys(pairs["doc_id"]))
    return (
        f"In {docs}, {pairs_of(exact)} of sentences {wording.verb(max(exact, 1), 'is', 'are')} identical "
        f"once case and punctuation are set aside, and {pairs_of(near)} nearly so "
        f"(similarity at least {threshold:g})."
    )


def duplicates_effect_note(effect: pd.DataFrame) -> str:
    """What dropping the later copies would remove, in sentences and tokens.

    Examples
    --------
    >>> effect = pd.DataFrame({"id": ["a", "b"], "sentences_dropped": [2, 0], "tokens": [100, 300],
    ...                        "tokens_dropped": [5, 0], "share_of_tokens_dropped": [0.05, 0.0]})
    >>> duplicates_effect_note(effect)
    'Dropping the later sentence of each pair would remove 2 sentences and 5 word tokens: 5.0% of the tokens of a, 1.2% of the corpus.'
    """
    n_sentences, n_tokens = int(effect["sentences_dropped"].sum()), int(effect["tokens_dropped"].sum())
    if n_sentences == 0:
        return "Dropping repeated sentences would therefore change nothing here."
    worst = effect.sort_values("share_of_tokens_dropped", ascending=False, kind="stable").iloc[0]
    corpus_share = n_tokens / int(effect["tokens"].sum())
    return (
        f"Dropping the later sentence of each pair would remove {wording.count(n_sentences, 'sentence')} and "
        f"{wording.count(n_tokens, 'word token')}: {wording.percent(worst['share_of_tokens_dropped'], 1)} of the "
        f"tokens of {worst['id']}, {wording.percent(corpus_share, 1)} of the corpus."
    )


#: A sentence and a copy with one word changed that says something else: the
#: prose shows what the measure gives them, to explain why "keep" is the default.
CHANGED_WORD_EXAMPLE = (
    "Officials said that exports through the Torkham crossing fell sharply in the months after "
    "the border closed again last year.",
    "exports",
    "imports",
)


def changed_word_note(example: tuple[str, str, str] = CHANGED_WORD_EXAMPLE) -> str:
    """How similar a sentence and its copy with one word changed are, by the chapter's measure.

    Examples
    --------
    >>> changed_word_note()  # 20 tokens, 19 in matching blocks: 2 * 19 / 40
    'in a sentence of 20 words, changing “exports” to “imports” still scores 0.95'
    """
    sentence, old, new = example
    a, b = duplicates.normalize(sentence), duplicates.normalize(sentence.replace(old, new))
    return (
        f"in a sentence of {len(a)} words, changing “{old}” to “{new}” still scores "
        f"{wording.number(duplicates.similarity(a, b), 2)}"
    )


#: What the prose says about the choice this run made (parameter ``duplicates``).
DUPLICATE_CHOICE_NOTES = {
    "keep": "This run keeps every sentence (duplicates = keep), so the counts below include the repeats.",
    "drop": (
        "This run drops the later sentence of each pair (duplicates = drop): the sentence and token "
        "counts below leave them out."
    ),
}


def repeated(corpus: Corpus, params: dict) -> Section:
    """Exact and near-duplicate sentences within each document, and what dropping them removes.

    Uses :func:`analysis.methods.duplicates.find_duplicates` with the
    threshold ``params["duplicate_similarity"]``.  :attr:`Section.corpus` is
    the corpus the sentence and token counts then read: ``corpus`` itself
    with ``duplicates = "keep"``, without the later copies with ``"drop"``.
    """
    pairs = duplicates.find_duplicates(corpus.sentences, params["duplicate_similarity"])
    dropped = duplicates.to_drop(pairs)
    effect = duplicate_effect(corpus, dropped)
    return Section(
        outputs={
            "duplicate_sentences": (
                pairs,
                "Pairs of sentences of one document that repeat each other (first and second are "
                "sentence numbers from 0; similarity is the difflib ratio of their lower-cased tokens).",
            ),
            "duplicate_effect": (
                effect,
                "What dropping the later sentence of each pair removes from each document.",
            ),
        },
        facts={
            "dup_threshold": f"{params['duplicate_similarity']:g}",
            "dup_example": changed_word_note(),
            "dup_found": duplicates_found_note(pairs, params["duplicate_similarity"]),
            "dup_effect": duplicates_effect_note(effect),
            "dup_choice": DUPLICATE_CHOICE_NOTES[params["duplicates"]],
        },
        corpus=corpus if params["duplicates"] == "keep" else without_sentences(corpus, dropped),
    )


def sentence_lengths_chart(sent_len: pd.DataFrame, order: list[str], names: dict | None = None) -> alt.Chart:
    """Box plot (min to max) of tokens per sentence, one row per document in ``order``."""
    return (
        alt.Chart(sent_len)
        .mark_boxplot(extent="min-max")
        .encode(
            y=alt.Y("doc_id:N", title="document", sort=order, axis=_doc_axis(names)),
            x=alt.X("tokens:Q", title="tokens per sentence"),
            tooltip=[alt.Tooltip("doc_id:N", title="document"), "tokens"],
        )
        .properties(width=CHART_WIDTH, height=ROW_HEIGHT * len(order), title="Sentence length")
    )


def counts(corpus: Corpus, params: dict | None = None) -> Section:
    """Sentences and tokens per document, and the distribution of sentence length.

    With ``params`` the chart names the documents by their short label.
    """
    docs = corpus.documents
    names = document_names(corpus_path(params), list(docs["id"])) if params else None
    table = docs[["id", "n_sentences", "n_tokens"]].copy()
    table["tokens_per_sentence"] = table["n_tokens"] / table["n_sentences"]
    sent_len = corpus.tokens.groupby(["doc_id", "sent_index"]).size().rename("tokens").reset_index()
    return Section(
        outputs={
            "counts": (table, "Sentences and tokens per document."),
            "sentence_lengths": (
                sentence_lengths_chart(sent_len, list(docs["id"]), names),
                "Distribution of sentence length (tokens) in each document.",
            ),
        },
    )


def references(corpus: Corpus) -> Section:
    """Reference-list entries the cleaning rules kept out of the body text."""
    return Section(
        outputs={"references": (corpus.references, "Reference-list entries kept out of the body text.")},
        facts={"references_note": references_note(corpus.references)},
    )


def references_note(refs: pd.DataFrame) -> str:
    """The sentence on reference lists: how many entries from which texts, or none.

    Examples
    --------
    >>> references_note(pd.DataFrame({"doc_id": ["a", "a"]}))
    'A reference list is not body text, but it is data about sourcing: the corpus keeps the 2 entries of a as their own table.'
    >>> references_note(pd.DataFrame({"doc_id": []}))
    'No document in this corpus has a reference list that the cleaning rules keep apart, so the table below is empty.'
    """
    if refs.empty:
        return (
            "No document in this corpus has a reference list that the cleaning rules keep apart, "
            "so the table below is empty."
        )
    docs = wording.join(dict.fromkeys(refs["doc_id"]))
    return (
        "A reference list is not body text, but it is data about sourcing: the corpus keeps the "
        f"{wording.count(len(refs), 'entry', 'entries')} of {docs} as their own table."
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


def token_counts(corpus: Corpus) -> pd.DataFrame:
    """Per document, how the chapter's token count becomes the pipeline's.

    The chapter counts *tokens* (:data:`analysis.corpus.text.TOKEN_PATTERN`:
    words, numbers, and hyphenated or apostrophised words kept whole); the
    pipeline counts *letter runs* of the lower-cased body
    (:func:`analysis.methods.words.count_words_fast`, the unit of its word
    frequencies, which matches NLTK's Treebank tokens reduced to letters).
    Exactly::

        pipeline_tokens = chapter_tokens - tokens_without_letters
                          + extra_letter_runs + treebank_splits

    ``tokens_without_letters``: tokens with no letter ("2024", "1,140.17");
    ``extra_letter_runs``: letter runs beyond the first inside one token
    ("Pak-Afghan" is one token and two runs, "Pakistan's" too);
    ``treebank_splits``: what is left, the runs Treebank's rules add inside
    a word ("cannot" -> "can not", "can't" -> "ca n't").
    """
    rows = []
    tokens = corpus.tokens.assign(runs=corpus.tokens["lower"].map(lambda t: len(words.WORD_RE.findall(t))))
    by_doc = dict(tuple(tokens.groupby("doc_id", sort=False)))
    for doc_id, body in zip(corpus.documents["id"], corpus.documents["body"]):
        runs = by_doc[doc_id]["runs"] if doc_id in by_doc else pd.Series(dtype=int)
        chapter, without, extra = len(runs), int((runs == 0).sum()), int((runs[runs > 1] - 1).sum())
        pipeline_tokens = sum(words.count_words_fast(body).values())
        rows.append(
            {
                "id": doc_id,
                "chapter_tokens": chapter,
                "tokens_without_letters": without,
                "extra_letter_runs": extra,
                "treebank_splits": pipeline_tokens - (chapter - without + extra),
                "pipeline_tokens": pipeline_tokens,
            }
        )
    return pd.DataFrame(rows)


def token_gap_note(table: pd.DataFrame, tokens: pd.DataFrame) -> str:
    """The paragraph that explains the two token counts, from :func:`token_counts`.

    ``tokens`` is the chapter's token table; the examples named are the
    commonest token of each kind in it.
    """
    total = table.drop(columns="id").sum()
    runs = tokens["lower"].map(lambda t: len(words.WORD_RE.findall(t)))

    def example(mask) -> str:
        common = tokens.loc[mask, "token"].value_counts()
        return f" (such as “{common.index[0]}”)" if len(common) else ""

    chapter, pipeline_tokens = int(total["chapter_tokens"]), int(total["pipeline_tokens"])
    without, extra, splits = (
        int(total[c]) for c in ("tokens_without_letters", "extra_letter_runs", "treebank_splits")
    )
    counted = (
        f"The pipeline counts {wording.count(pipeline_tokens, 'word token')} where this chapter counts "
        f"{chapter:,}: the two count different things"
        if chapter != pipeline_tokens
        else f"The pipeline and this chapter both count {wording.count(chapter, 'word token')}, "
        "though they count different things"
    )
    steps = []
    if without:
        steps.append(
            f"{wording.count(without, 'token')} without a letter{example(runs == 0)} "
            f"{wording.verb(without, 'drops', 'drop')} out"
        )
    if extra:
        steps.append(
            f"{wording.count(extra, 'letter run')} {wording.verb(extra, 'is', 'are')} added by tokens "
            f"that hold more than one{example(runs > 1)}"
        )
    if splits:
        steps.append(f"{wording.number(splits)} by Treebank's splits inside a word (“cannot” is “can not”)")
    change = (
        f"From one to the other, {wording.join(steps)}."
        if steps
        else "On this corpus no token lacks a letter, holds more than one run of letters or is split by Treebank."
    )
    return (
        f"{counted}. The chapter's tokens are words, numbers and "
        "hyphenated or apostrophised words kept whole; the pipeline's are runs of letters in the "
        f"lower-cased text, the unit of its word frequencies. {change} The table below gives these "
        "counts for each document."
    )


def pipeline_summary(corpus: Corpus, params: dict) -> Section:
    """Run the scalable pipeline once over the same documents and summarise it.

    The engine, scheduler and worker processes come from ``params``; the
    fact ``pl_match`` says whether the pipeline found as many sentences as
    the chapter's own sentence table.
    """
    from analysis.scale import pipeline

    wanted = params["documents"]
    docs = [d for d in sources.load_documents(corpus_path(params)) if not wanted or d.id in wanted]
    result = pipeline.run(
        docs, engine=params["engine"], scheduler=params["scheduler"] or None, processes=params["processes"]
    )
    scores = result.scores
    tokens = token_counts(corpus)
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
            ),
            "token_counts": (
                tokens,
                "From the chapter's tokens to the pipeline's letter runs, per document: "
                "pipeline tokens = chapter tokens − tokens without letters + extra letter runs "
                "+ treebank splits.",
            ),
        },
        facts={
            "pl_engine": params["engine"],
            "pl_docs": wording.count(result.n_documents, "document"),
            "pl_sentences": wording.count(result.n_sentences, "sentence"),
            "pl_match": sentence_match(result.n_sentences, len(corpus.sentences)),
            "token_gap": token_gap_note(tokens, corpus.tokens),
        },
    )


#: Columns of the table of checkable errors (:func:`checkable_errors`).
FACT_CHECK_COLUMNS = ["doc_id", "sent_index", "text", "text_says", "record_says", "source", "url", "note"]

#: Readers' names for those columns (``ch.table(..., labels=FACT_CHECK_LABELS)``).
FACT_CHECK_LABELS = {
    "text": "the sentence, as the text has it",
    "text_says": "what the text says",
    "record_says": "what the record says",
    "url": "source address",
    "note": "note (a guess at the cause is marked as a hypothesis)",
}


def fact_checks_note(flags: pd.DataFrame, n_checks: int) -> str:
    """The sentence on checkable errors: which sentences state one, or none found.

    ``flags`` is :func:`analysis.methods.factchecks.flag` output, ``n_checks``
    the number of curated checks.

    Examples
    --------
    >>> fact_checks_note(pd.DataFrame({"doc_id": [], "sent_index": [], "check_id": []}), 4)[:89]
    'No sentence of this corpus matches any of the 4 curated checks: no checkable error found.'
    >>> f = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_index": [3, 9, 1], "check_id": ["x", "x", "y"]})
    >>> fact_checks_note(f, 4)
    '3 sentences in 2 documents (a and b) state an error that one of the 4 curated checks lists; 2 of the checks match.'
    """
    if flags.empty:
        return (
            f"No sentence of this corpus matches {wording.plural(n_checks, 'the', 'any of the')} "
            f"{wording.count(n_checks, 'curated check')}: no checkable error found. The list holds only the errors curated so far, so this does not "
            "show that the texts hold none."
        )
    n_sent = len(flags[["doc_id", "sent_index"]].drop_duplicates())
    docs = list(dict.fromkeys(flags["doc_id"]))
    n_match = flags["check_id"].nunique()
    return (
        f"{wording.count(n_sent, 'sentence')} in {wording.count(len(docs), 'document')} "
        f"({wording.join(docs)}) {wording.verb(n_sent, 'states', 'state')} an error that one of the "
        f"{wording.count(n_checks, 'curated check')} lists; {n_match:,} of the checks "
        f"{wording.verb(n_match, 'matches', 'match')}."
    )


def checkable_errors(corpus: Corpus, checks: pd.DataFrame | None = None) -> Section:
    """Every sentence that states an error listed in ``data/factchecks/factchecks.csv``.

    One row per (sentence, check): the sentence quoted unchanged, what the
    text says, what the record says, its source and the curated note
    (:func:`analysis.methods.factchecks.flag`).  ``checks`` replaces the
    curated table (tests).
    """
    checks = factchecks.load() if checks is None else checks
    flags = factchecks.flag(corpus.sentences, checks)
    table = flags.rename(columns={"sentence": "text"})[FACT_CHECK_COLUMNS]
    return Section(
        outputs={
            "fact_checks": (
                table,
                "Sentences that state a checkable error: the sentence as the text has it, what the "
                "record says instead, and the source (data/factchecks/factchecks.csv).",
            )
        },
        facts={"fact_checks_note": fact_checks_note(flags, len(checks))},
    )


def language_note(table: pd.DataFrame, min_share: float) -> str:
    """The page's sentence on whether the texts look like English (from :func:`language`'s table).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "tokens": [100, 80], "latin_share": [1.0, 1.0],
    ...                   "stopword_share": [0.42, 0.451], "probably_not_english": [False, False]})
    >>> language_note(t, 0.2)
    'All 2 texts look like English prose (stop words make 42–45% of their word tokens).'
    >>> t.loc[1, ["latin_share", "stopword_share", "probably_not_english"]] = [0.05, 0.0, True]
    >>> print(language_note(t, 0.2))  # doctest: +NORMALIZE_WHITESPACE
    1 of 2 texts is probably not English prose: b (English stop words are 0% of its word tokens,
    which are 5% in Latin letters; English prose has 40–55%, and under 20% is flagged). The
    sentiment lexicons (VADER, AFINN) and the stop-word list are English, so such a text scores
    near 0 and its word counts keep its function words; read its figures with care. In the other
    text, a, stop words make 42% of the word tokens.
    """
    if table.empty:
        return "No text has word tokens, so none can be checked for English."
    flagged, fine = table[table["probably_not_english"]], table[~table["probably_not_english"]]

    def share_range(rows: pd.DataFrame) -> str:
        low, high = rows["stopword_share"].min(), rows["stopword_share"].max()
        same = wording.percent(low) == wording.percent(high)
        return wording.percent(low) if same else f"{wording.percent(low)[:-1]}–{wording.percent(high)}"

    n = len(table)
    if flagged.empty:
        if n == 1:
            return (
                f"The text looks like English prose (stop words make {share_range(fine)} of its word tokens)."
            )
        return f"All {n} texts look like English prose (stop words make {share_range(fine)} of their word tokens)."
    named = wording.join(
        [
            f"{r.doc_id} (English stop words are {wording.percent(r.stopword_share)} of its word tokens, "
            f"which are {wording.percent(r.latin_share)} in Latin letters"
            for r in flagged.itertuples()
        ]
    )
    k = len(flagged)
    head = "The text is" if n == 1 else f"{k} of {n} texts {wording.verb(k, 'is', 'are')}"
    such = "such a text scores" if k == 1 else "such texts score"
    its = "its" if k == 1 else "their"
    out = (
        f"{head} probably not English prose: {named}; English prose has 40–55%, and under "
        f"{wording.percent(min_share)} is flagged). The sentiment lexicons (VADER, AFINN) and the "
        f"stop-word list are English, so {such} near 0 and {its} word counts keep {its} function words; "
        f"read {its} figures with care."
    )
    if not fine.empty:
        others = wording.join(list(fine["doc_id"]))
        which = "In the other text, " if len(fine) == 1 else "In the other texts, "
        out += f" {which}{others}, stop words make {share_range(fine)} of the word tokens."
    return out


def language(corpus: Corpus) -> Section:
    """Whether each text looks like English prose, since the lexicons and stop words are English.

    Table ``language``: per document, its word tokens, the share in Latin
    letters and the share that are English stop words
    (:func:`analysis.methods.language.english_check`, the project's list
    ``data/stopwords/english.txt``); fact ``language_note`` says which
    texts, if any, are probably not English.
    """
    table = language_mod.english_check(corpus.tokens, words.load_stopwords())
    return Section(
        outputs={
            "language": (
                table,
                "Share of each document's word tokens that are English stop words and that are written "
                f"in Latin letters; under {wording.percent(language_mod.MIN_STOPWORD_SHARE)} stop words, "
                "a text is flagged as probably not English prose.",
            )
        },
        facts={"language_note": language_note(table, language_mod.MIN_STOPWORD_SHARE)},
    )
