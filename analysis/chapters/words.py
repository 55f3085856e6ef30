"""The words chapter (``chapters/words.ipynb``): frequencies, keyness, collocations, context.

What the notebook would otherwise compute in its cells: the parameter check,
one function per section returning the tables and charts it shows and the
``facts`` its prose glues (already worded), and the chart builders.  The
methods themselves (term stream, frequencies, G², collocations, concordance,
lexical diversity) live in :mod:`analysis.methods.words` and
:mod:`analysis.methods.keyness`; this module chooses, combines and words
them for the page.

Every section function takes the :class:`Terms` of one run
(:func:`count_terms`) and returns a :class:`Section`.  The chapter runs on
any corpus input (a manifest folder, a folder of ``.txt`` files, a CSV or
Parquet table): groups come from the documents' own metadata, and a
section with nothing to show says so in its facts instead of failing.

Keyness is read with three aids, because a key term is easy to misread:
the count of key terms per text next to its share of the tokens (G² grows
with the evidence, so long texts have more), a mark on group key terms
that one text carries, and each top key term's commonest neighbour with an
example line (so "states" shows as "the two states").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis import paths
from analysis.chapters import checks, tables, wording
from analysis.chapters.charts import label_expr
from analysis.corpus import sources, text
from analysis.corpus.load import META_COLUMNS, Corpus, load_corpus
from analysis.errors import CorpusError
from analysis.methods import keyness, words

#: The columns of a keyness table (:func:`analysis.methods.keyness.keyness`).
KEYNESS_COLUMNS = [
    "term",
    "count_target",
    "count_reference",
    "per_10k_target",
    "per_10k_reference",
    "g2",
    "log_ratio",
    "direction",
    "key",
]
#: Collocation measures (parameter ``collocation_measure``) and their names in the prose.
COLLOCATION_MEASURES = {"likelihood_ratio": "log-likelihood", "pmi": "PMI"}
#: The whole-corpus rows of a frequency table.
CORPUS_LABEL = "(corpus)"

#: Readers' names of this chapter's table columns (the CSVs keep the machine
#: names; ``ch.table(..., labels=...)`` shows these, the data dictionary maps them).
LABELS = {
    "doc_id": "document",
    "per_10k": "per 10,000 tokens",
    "key": "key",
    "occurrences": "times",
    "commonest_neighbour": "commonest neighbour",
    "neighbour_count": "times near it",
    "example_doc": "from",
    "first_occurrence": "an occurrence in context",
    "left": "before",
    "match": "as written",
    "right": "after",
    "tokens": "tokens",
    "token_share": "share of the tokens",
    "key_terms": "key terms",
    "key_more": "used more",
    "key_less": "used less",
    "key_share": "share of the key terms",
    "key_per_1k_tokens": "key terms per 1,000 tokens",
    "top_text": "main text",
    "top_text_share": "its share",
    "one_text": "one text",
    "first": "first word",
    "second": "second word",
    "likelihood_ratio": "log-likelihood (G²)",
    "pmi": "PMI",
    "query": "search term",
    "position": "token number",
    "relative": "position (0 = start, 1 = end)",
    "first_at": "first at",
    "median_at": "median position",
    "last_at": "last at",
    "words": "words",
    "types": "distinct words",
    "ttr": "TTR",
    "mattr": "MATTR",
    "mtld": "MTLD",
}
#: The keyness table of each text against the other texts.
EACH_LABELS = {
    **LABELS,
    "count_target": "count in the text",
    "count_reference": "count in the other texts",
    "per_10k_target": "per 10,000 in the text",
    "per_10k_reference": "per 10,000 in the other texts",
}
#: The keyness table of the first group of texts against the second.
GROUP_LABELS = {
    **LABELS,
    "count_target": "count in the first group",
    "count_reference": "count in the second group",
    "per_10k_target": "per 10,000 in the first group",
    "per_10k_reference": "per 10,000 in the second group",
}


def times(n: float) -> str:
    """``"1 time"``, ``"14 times"``: a count of occurrences for :func:`ranking`."""
    return wording.count(int(n), "time")


def ranking(groups: list[tuple[float, list[str]]], unit=times) -> str:
    """Groups of :func:`analysis.methods.words.top_groups` as a phrase for the prose.

    Tied labels are all named, with "each" after a shared value.

    Examples
    --------
    >>> ranking([(14.0, ["two countries"]), (1.0, ["a b", "c d"])])
    '“two countries” (14 times), then “a b” and “c d” (1 time each)'
    >>> ranking([], unit="{:,.0f} per 10,000 tokens".format)
    'none'
    """
    parts = [
        f"{wording.join(labels, quote=True)} ({unit(value)}{' each' if len(labels) > 1 else ''})"
        for value, labels in groups
    ]
    return ", then ".join(parts) or "none"


# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------
def _terms_with_a_word(params: dict, name: str) -> None:
    """Every item a search term with at least one word ("Durand Line", "refugee*")."""
    for item in params[name]:
        if not isinstance(item, str) or not text.tokenize(item.replace("*", "")):
            checks.fail(name, "a list of search terms with at least one word each", params[name])


def _check_groups(params: dict) -> None:
    """``keyness_groups`` is ``{"field": <metadata field>, "target": [values]}``."""
    spec = params["keyness_groups"]
    example = "a mapping like {field: outlet_country, target: [Pakistan]}"
    if not isinstance(spec, dict) or not isinstance(spec.get("field"), str):
        checks.fail("keyness_groups", example, spec)
    extra = sorted(set(spec) - {"field", "target"})
    if extra:
        checks.fail("keyness_groups", f"only the keys 'field' and 'target' ({example})", spec)
    target = spec.get("target")
    if target is not None and not isinstance(target, str):
        if not isinstance(target, list) or not all(isinstance(t, (str, int, float)) for t in target):
            checks.fail("keyness_groups", f"'target' as a list of values ({example})", spec)
    fields = metadata_fields(params)
    if spec["field"] not in fields:
        checks.fail("keyness_groups", "'field' one of " + ", ".join(fields), spec["field"])


def check(params: dict) -> None:
    """Refuse every bad parameter value of the chapter, naming the parameter.

    Examples
    --------
    >>> from analysis.book import params as book_params
    >>> defaults = book_params.read_defaults(book_params.notebook_for("words"))
    >>> check({**defaults, "window": 0})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'window' expects an integer >= 1, got 0
    """
    checks.at_least(params, "top_n", 1)
    checks.at_least(params, "ngram", 2)
    checks.at_least(params, "min_count", 1)
    checks.at_least(params, "keyness_threshold", 0)
    checks.one_of(params, "keyness_correction", keyness.CORRECTIONS)
    checks.at_least(params, "keyness_top", 1)
    checks.one_of(params, "collocation_measure", COLLOCATION_MEASURES)
    checks.at_least(params, "window", 1)
    checks.at_least(params, "mattr_window", 1)
    checks.between(params, "one_text_share", 0.5, 1)
    checks.non_empty_strings(params, "extra_stopwords")
    _terms_with_a_word(params, "kwic_terms")
    _terms_with_a_word(params, "dispersion_terms")
    checks.corpus(params)
    _check_groups(params)


def document_metadata(corpus_dir) -> pd.DataFrame:
    """One row per document of the corpus: every metadata field it gives, whatever the input.

    The columns of the corpus's documents table
    (:data:`analysis.corpus.load.META_COLUMNS`, ``"unknown"`` where a text
    does not give a value) and then any other plain field of the input: the
    extra columns of a CSV or Parquet file, or manifest fields such as
    ``language_note``.  Lists (authors) are joined with ``"; "``; mappings
    (cleaning rules) are left out.  Reading the documents needs no cleaning
    or tokens, so :func:`check` can use it before a kernel starts.
    """
    rows = []
    for doc in sources.load_documents(corpus_dir or paths.SEEDS):
        row = {}
        for key, value in doc.meta.items():
            if isinstance(value, list):
                value = "; ".join(map(str, value))
            if isinstance(value, (str, int, float, bool)):
                row[key] = value
        rows.append({**{c: row.get(c, "unknown") for c in META_COLUMNS}, **row})
    table = pd.DataFrame(rows)
    return table[META_COLUMNS + [c for c in table.columns if c not in META_COLUMNS]]


def metadata_fields(params: dict) -> list[str]:
    """Metadata fields a group comparison can use (see :func:`document_metadata`)."""
    return list(document_metadata(params["corpus_dir"]).columns)


# --------------------------------------------------------------------------
# The terms of one run
# --------------------------------------------------------------------------
@dataclass
class Terms:
    """The corpus of one run and the term counts every section reads.

    Attributes
    ----------
    params : dict
        The chapter's parameters (checked).
    corpus : Corpus
        The loaded corpus (:func:`analysis.corpus.load.load_corpus`).
    order : list of str
        Document ids in corpus order (the order of every chart).
    stopwords, phrases
        The stop-word list (with ``extra_stopwords``) and the phrase list.
    stream : DataFrame
        The term stream (:func:`analysis.methods.words.term_stream`).
    lengths : Series
        Word tokens per document.
    freq : DataFrame
        Frequencies per document and for the corpus.
    diversity : DataFrame
        TTR, MATTR and MTLD per document.
    metadata : DataFrame
        Every metadata field of the selected documents, in corpus order
        (:func:`document_metadata`).
    """

    params: dict
    corpus: Corpus
    order: list[str]
    stopwords: frozenset
    phrases: dict
    stream: pd.DataFrame
    lengths: pd.Series
    freq: pd.DataFrame
    diversity: pd.DataFrame
    metadata: pd.DataFrame

    @property
    def doc_labels(self) -> dict:
        """Document id -> its short label (the manifest's ``label``, else the id), for charts."""
        given = self.metadata["label"] if "label" in self.metadata else self.metadata["id"]
        return {
            d: str(lab) if isinstance(lab, str) and lab else d for d, lab in zip(self.metadata["id"], given)
        }


class Section(SimpleNamespace):
    """What one section shows: its tables and charts as attributes, ``captions`` and ``facts``."""


def count_terms(params: dict) -> Terms:
    """Load the corpus of ``params`` and count its terms (the first step of the chapter)."""
    corpus = load_corpus(params["corpus_dir"] or None, params["documents"] or None)
    if corpus.tokens.empty:
        raise CorpusError(
            f"{params['corpus_dir'] or paths.SEEDS}: the selected texts contain no words to count"
        )
    stopwords = words.load_stopwords(extra=params["extra_stopwords"])
    phrases = words.load_phrases()
    stream = words.term_stream(corpus.tokens, stopwords, phrases, stemming=params["stem"])
    lengths = words.doc_lengths(corpus.tokens)
    order = list(corpus.documents["id"])
    metadata = document_metadata(params["corpus_dir"]).set_index("id", drop=False).loc[order]
    return Terms(
        params=params,
        corpus=corpus,
        order=order,
        stopwords=stopwords,
        phrases=phrases,
        stream=stream,
        lengths=lengths,
        freq=words.frequencies(stream, lengths),
        diversity=words.lexical_diversity(corpus.tokens, window=params["mattr_window"]),
        metadata=metadata.reset_index(drop=True),
    )


def counting(terms: Terms) -> Section:
    """How words are counted: tokens, terms, stop words, phrase-list matches."""
    stream, lengths = terms.stream, terms.lengths
    corpus_freq = terms.freq[terms.freq["doc_id"] == CORPUS_LABEL]
    phrase_hits = stream[stream["phrase"].astype(bool)]
    top_phrase = phrase_hits["term"].value_counts().rename_axis("term").reset_index()
    facts = {
        "n_docs": f"{len(terms.order):,}",
        "n_tokens": f"{int(lengths.sum()):,}",
        "stop_share": f"{1 - stream['counted'].sum() / len(stream):.0%}",
        "n_types": f"{len(corpus_freq):,}",
        "n_stopwords": f"{len(terms.stopwords):,}",
        "n_phrase_hits": f"{len(phrase_hits):,}",
        "phrase_sentence": (
            f"Here the phrase list matched {wording.count(len(phrase_hits), 'occurrence')}; the most "
            f"frequent name was {ranking(words.top_groups(top_phrase, 'count', 'term'))}."
            if len(phrase_hits)
            else "Here the phrase list matched no name in the selected texts."
        ),
        "docs_text": "the one text" if len(terms.order) == 1 else f"the {len(terms.order):,} texts",
        "top_terms_text": ranking(
            words.top_groups(corpus_freq, "per_10k", "term", n=3), "{:,.0f} per 10,000 tokens".format
        ),
        "n_stream": f"{len(stream):,}",
        "n_counted": f"{int(stream['counted'].sum()):,}",
        "n_ld_words": f"{int(terms.diversity['words'].sum()):,}",
    }
    return Section(facts=facts)


# --------------------------------------------------------------------------
# Frequencies and n-grams
# --------------------------------------------------------------------------
def top_terms_chart(
    per_doc_top: pd.DataFrame, order: list[str], top_n: int, names: dict | None = None
) -> alt.FacetChart:
    """Bars of each document's most frequent terms, one panel per document (headed by its label)."""
    return (
        alt.Chart(per_doc_top)
        .transform_calculate(document=label_expr(names or {}, "datum.doc_id"))
        .mark_bar()
        .encode(
            x=alt.X("per_10k:Q", title="occurrences per 10,000 tokens"),
            y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("per_10k", order="descending")),
            color=alt.Color("doc_id:N", title="document", sort=order, legend=None),
            tooltip=[
                alt.Tooltip("document:N"),
                "term",
                "count",
                alt.Tooltip("per_10k:Q", format=",.1f", title="per 10,000 tokens"),
                "rank",
            ],
        )
        .properties(width=220, height=14 * top_n)
        .facet(
            facet=alt.Facet(
                "doc_id:N",
                title=None,
                sort=order,
                header=alt.Header(labelExpr=label_expr(names or {}, "datum.value")),
            ),
            columns=2,
        )
        .resolve_scale(y="independent")
        .properties(title=f"The {top_n} most frequent terms of each text")
    )


def frequent_terms(terms: Terms) -> Section:
    """The most frequent terms of each document and of the corpus."""
    top_n, min_count = terms.params["top_n"], terms.params["min_count"]
    top = words.top_terms(terms.freq, top_n)
    order = terms.order + [CORPUS_LABEL]
    first = min(top_n, tables.per_group(len(order)))
    rest = (
        f" The first rows give the top {first} of every text and of the corpus; the rest sit in the fold."
        if first < top_n and len(top) > tables.VISIBLE_ROWS
        else ""
    )
    return Section(
        chart=top_terms_chart(top[top["doc_id"] != CORPUS_LABEL], terms.order, top_n, terms.doc_labels),
        top=tables.leading_rows(top, "doc_id", order),
        top_rows=tables.leading_count(top, "doc_id"),
        frequencies=terms.freq[terms.freq["count"] >= min_count],
        captions={
            "chart": "Most frequent terms of each document, per 10,000 tokens of that document.",
            "top": f"The {top_n} most frequent terms of each document and of the whole corpus "
            f"(count and per 10,000 tokens).{rest} Every term seen at least {min_count} times in a text "
            "or in the corpus is in frequencies.csv, in the same folder as this table's CSV.",
        },
        facts={},
    )


def sequences(terms: Terms) -> Section:
    """The most frequent sequences of ``ngram`` terms."""
    ngram, min_count = terms.params["ngram"], terms.params["min_count"]
    grams = words.frequencies(
        words.ngram_stream(terms.stream, ngram), terms.lengths, min_count=min(min_count, 2)
    )
    gram_corpus = grams[grams["doc_id"] == CORPUS_LABEL]
    at_least = min(min_count, 2)  # a sequence seen once is listed only with min_count 1
    seen = "at least once" if at_least == 1 else "at least twice"
    top_grams = words.top_terms(grams, terms.params["top_n"])
    return Section(
        ngrams=tables.leading_rows(top_grams, "doc_id", terms.order + [CORPUS_LABEL]),
        ngram_rows=tables.leading_count(top_grams, "doc_id"),
        captions={
            "ngrams": f"The most frequent sequences of {ngram} terms per document and in the corpus (seen {seen})."
        },
        facts={
            "ngram_n": f"{ngram:d}",
            "ngram_sentence": (
                f"The most frequent sequences of {ngram} terms in the corpus are "
                f"{ranking(words.top_groups(gram_corpus, 'count', 'term', n=2))}; sequences with the same "
                "count are all named."
                if len(gram_corpus)
                else f"No sequence of {ngram} terms occurs {seen} in the corpus."
            ),
        },
    )


# --------------------------------------------------------------------------
# Keyness: what a key term means, how far length explains it
# --------------------------------------------------------------------------
def term_context(terms: Terms, term: str, doc_ids: list[str]) -> dict:
    """How ``term`` is used in ``doc_ids``: its commonest neighbours and its first occurrence.

    A *neighbour* is a counted term (not a stop word or number) within
    ``window`` terms (parameter ``window``) on either side, in the same
    sentence; the term itself is not its own neighbour.  The example is
    the first occurrence that has the commonest neighbour near it (so the
    line shows the pairing the table names), or the first occurrence when
    the term has no neighbour, with ``window`` tokens of context each side
    in the text's own spelling (as in the concordance).

    Returns
    -------
    dict
        ``occurrences``, ``neighbours`` (all tied commonest neighbours,
        possibly empty), ``neighbour_count``, ``example_doc``, ``left``,
        ``match``, ``right``.
    """
    window = terms.params["window"]
    stream = terms.stream
    side = stream[stream["doc_id"].isin(doc_ids)]
    hits = side.index[(side["term"] == term).to_numpy()]
    near: Counter = Counter()
    around: list[set] = []
    for i in hits:
        here = stream.loc[max(i - window, 0) : i + window]
        here = here[
            (here["doc_id"] == stream.at[i, "doc_id"])
            & (here["sent_index"] == stream.at[i, "sent_index"])
            & here["counted"].astype(bool)
            & (here["term"] != term)
        ]
        near.update(here["term"])
        around.append(set(here["term"]))
    ranked = sorted(near.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1] if ranked else 0
    out = {
        "occurrences": len(hits),
        "neighbours": [t for t, n in ranked if n == best] if ranked else [],
        "neighbour_count": best,
        "example_doc": "",
        "left": "",
        "match": "",
        "right": "",
    }
    if len(hits):
        with_best = [i for i, seen in zip(hits, around) if set(out["neighbours"]) & seen]
        first = stream.loc[with_best[0] if with_best else hits[0]]
        toks = terms.corpus.tokens
        doc = toks[toks["doc_id"] == first["doc_id"]]
        where = int(doc.index[(doc["token_index"] == first["position"]).to_numpy()][0] - doc.index[0])
        words_ = doc["token"].tolist()
        end = where + int(first["length"])
        out.update(
            example_doc=first["doc_id"],
            left=" ".join(words_[max(0, where - window) : where]),
            match=" ".join(words_[where:end]),
            right=" ".join(words_[end : end + window]),
        )
    return out


def contexts_table(terms: Terms, rows: pd.DataFrame, side_docs) -> pd.DataFrame:
    """One row per key term of ``rows`` with its commonest neighbour and an example line.

    ``side_docs(row)`` gives the documents in which the term is looked up
    (the text or group where it is more frequent).
    """
    out = []
    for row in rows.itertuples(index=False):
        found = term_context(terms, row.term, side_docs(row))
        out.append(
            {
                **({"doc_id": row.doc_id} if hasattr(row, "doc_id") else {}),
                "term": row.term,
                "direction": row.direction,
                "g2": row.g2,
                "occurrences": found["occurrences"],
                "commonest_neighbour": "; ".join(found["neighbours"]),
                "neighbour_count": found["neighbour_count"],
                "example_doc": found["example_doc"],
                "left": found["left"],
                "match": found["match"],
                "right": found["right"],
            }
        )
    columns = ["doc_id"] if "doc_id" in rows.columns else []
    columns += ["term", "direction", "g2", "occurrences", "commonest_neighbour", "neighbour_count"]
    return pd.DataFrame(out, columns=columns + ["example_doc", "left", "match", "right"])


def contexts_for_reading(contexts: pd.DataFrame) -> pd.DataFrame:
    """A contexts table with its example line in one column, the term in brackets: ``"the two [states] of"``.

    Three columns of a few words each (before, the match, after) become one,
    so the table fits the text column; every other column stays.

    Examples
    --------
    >>> c = pd.DataFrame({"term": ["states"], "left": ["the two"], "match": ["states"], "right": ["of"]})
    >>> contexts_for_reading(c).values.tolist()
    [['states', 'the two [states] of']]
    """
    line = [
        " ".join(part for part in (left, f"[{match}]" if match else "", right) if part)
        for left, match, right in zip(contexts["left"], contexts["match"], contexts["right"])
    ]
    return contexts.drop(columns=["left", "match", "right"]).assign(first_occurrence=line)


def _context_sentence(context: pd.DataFrame, where: str) -> str:
    """``its commonest neighbour there is “two” (9 times), as in “… the two states of …”``."""
    if context.empty:
        return ""
    first = context.iloc[0]
    if not first["commonest_neighbour"]:
        return f" It has no neighbour {where} that is not a stop word."
    neighbours = first["commonest_neighbour"].split("; ")
    line = " ".join(part for part in (first["left"], first["match"], first["right"]) if part)
    return (
        f" Its commonest {wording.plural(len(neighbours), 'neighbour')} {where} "
        f"{wording.verb(len(neighbours), 'is', 'are')} {wording.join(neighbours, quote=True)} "
        f"({times(first['neighbour_count'])}{' each' if len(neighbours) > 1 else ''}), as in "
        f"“… {line} …” ({first['example_doc']})."
    )


def key_terms_per_text(key_each: pd.DataFrame, lengths: pd.Series, order: list[str]) -> pd.DataFrame:
    """Key terms of each text next to its length: the share of the tokens against the share of key terms.

    G² grows with the evidence: the same difference in relative frequency
    gives a larger G² in a longer text, so a long text tends to have more
    key terms.  ``key_per_1k_tokens`` puts the counts on one footing.

    Examples
    --------
    >>> k = pd.DataFrame({"doc_id": ["a", "a", "b"], "direction": ["more in target"] * 2 + ["less in target"]})
    >>> key_terms_per_text(k, pd.Series({"a": 300, "b": 100}), ["a", "b"])[
    ...     ["doc_id", "token_share", "key_terms", "key_share"]].values.tolist()
    [['a', 0.75, 2, 0.6666666666666666], ['b', 0.25, 1, 0.3333333333333333]]
    """
    counts = (
        key_each.groupby(["doc_id", "direction"]).size().unstack(fill_value=0)
        if len(key_each)
        else pd.DataFrame()
    )
    table = pd.DataFrame({"doc_id": order})
    table["tokens"] = [int(lengths[d]) for d in order]
    table["token_share"] = table["tokens"] / table["tokens"].sum()
    for column, direction in (("key_more", "more in target"), ("key_less", "less in target")):
        table[column] = [
            int(counts.at[d, direction]) if d in counts.index and direction in counts else 0 for d in order
        ]
    table["key_terms"] = table["key_more"] + table["key_less"]
    total = table["key_terms"].sum()
    table["key_share"] = table["key_terms"] / total if total else 0.0
    table["key_per_1k_tokens"] = table["key_terms"] / table["tokens"] * 1000
    return table[
        [
            "doc_id",
            "tokens",
            "token_share",
            "key_terms",
            "key_more",
            "key_less",
            "key_share",
            "key_per_1k_tokens",
        ]
    ]


def length_chart(per_text: pd.DataFrame, order: list[str], names: dict | None = None) -> alt.Chart:
    """Each text's share of the tokens beside its share of the key terms."""
    data = per_text.melt(
        id_vars=["doc_id", "tokens", "key_terms"],
        value_vars=["token_share", "key_share"],
        var_name="measure",
        value_name="share",
    )
    data["measure"] = data["measure"].map(
        {"token_share": "share of the tokens", "key_share": "share of the key terms"}
    )
    return (
        alt.Chart(data)
        .transform_calculate(document=label_expr(names or {}, "datum.doc_id"))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="share of the corpus", axis=alt.Axis(format="%")),
            y=alt.Y("doc_id:N", title=None, sort=order, axis=alt.Axis(labelExpr=label_expr(names or {}))),
            yOffset=alt.YOffset("measure:N", sort=["share of the tokens", "share of the key terms"]),
            color=alt.Color("measure:N", title="", sort=["share of the tokens", "share of the key terms"]),
            tooltip=[
                "document:N",
                "measure",
                alt.Tooltip("share:Q", format=".1%"),
                "tokens",
                alt.Tooltip("key_terms:Q", title="key terms"),
            ],
        )
        .properties(width=360, height=36 * len(order), title="Key terms and length of each text")
    )


def _length_sentence(per_text: pd.DataFrame) -> str:
    """What the per-text table shows about length, for the prose."""
    if len(per_text) < 2:
        return "With one text there is no comparison, and no length effect to show."
    if per_text["key_terms"].sum() == 0:
        return "No text has a key term, so there is no length effect to show."
    most = per_text[per_text["key_terms"] == per_text["key_terms"].max()]
    rate = per_text.sort_values("key_per_1k_tokens", ascending=False, kind="stable")
    return (
        f"{wording.join(most['doc_id'].tolist())} {wording.verb(len(most), 'has', 'have')} the most key terms "
        f"({most['key_terms'].iloc[0]:,}{' each' if len(most) > 1 else ''}): "
        f"{wording.percent(most['key_share'].sum())} of the key term–text pairs, with "
        f"{wording.percent(most['token_share'].sum())} of the tokens. Per 1,000 tokens the texts have "
        f"{wording.number(rate['key_per_1k_tokens'].min(), 1)} to "
        f"{wording.number(rate['key_per_1k_tokens'].max(), 1)} key terms, most in {rate['doc_id'].iloc[0]}. "
        "The same difference in relative frequency gives a larger G² in a longer text, so a long text "
        "reaches the threshold with smaller differences: read a count of key terms next to the text's share "
        "of the tokens (figure and table below), not as a measure of how distinctive the text is."
    )


# --------------------------------------------------------------------------
# Keyness: each text against the rest
# --------------------------------------------------------------------------
#: The two directions of a key term, as the keyness charts' legend names them.
DIRECTION_NAMES = {"more in target": "used more", "less in target": "used less"}


def keyness_bars(
    table: pd.DataFrame,
    title: str,
    order: list[str],
    per_direction: int,
    facet: str | None = None,
    names: dict | None = None,
    sides: tuple[str, str] = ("the text", "the other texts"),
) -> alt.Chart:
    """Signed G² bars of key terms (left: used less than in the reference).

    With ``facet`` (a column such as ``doc_id``) one panel per value, in
    ``order``; ``per_direction`` (parameter ``keyness_top``) sets the
    panel height; ``names`` (document id -> label) heads the panels, and
    ``sides`` names the two sides of the comparison in the axis title and
    tooltips.
    """
    data = table.assign(signed_g2=table["g2"].where(table["direction"] == "more in target", -table["g2"]))
    cols = ["term", "direction", "signed_g2", "g2", "log_ratio", "count_target", "count_reference"]
    data = data[([facet] if facet else []) + cols]
    base = (
        alt.Chart(data)
        .transform_calculate(
            used=label_expr(DIRECTION_NAMES, "datum.direction"),
            **({"panel": label_expr(names or {}, f"datum.{facet}")} if facet else {}),
        )
        .mark_bar()
        .encode(
            x=alt.X("signed_g2:Q", title=["G²", f"(below zero: used less in {sides[0]})"]),
            y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("signed_g2", order="descending")),
            color=alt.Color(
                "direction:N",
                title="",
                scale=alt.Scale(domain=list(DIRECTION_NAMES)),
                legend=alt.Legend(labelExpr=label_expr(DIRECTION_NAMES), orient="bottom"),
            ),
            tooltip=[
                *([alt.Tooltip("panel:N", title="document")] if facet else []),
                "term",
                alt.Tooltip("used:N", title="direction"),
                alt.Tooltip("g2:Q", format=".1f", title="G²"),
                alt.Tooltip("log_ratio:Q", format="+.2f", title="log ratio"),
                alt.Tooltip("count_target:Q", title=f"count in {sides[0]}"),
                alt.Tooltip("count_reference:Q", title=f"count in {sides[1]}"),
            ],
        )
    )
    if facet:
        return (
            base.properties(width=220, height=13 * 2 * per_direction)
            .facet(
                facet=alt.Facet(
                    f"{facet}:N",
                    title=None,
                    sort=order,
                    header=alt.Header(labelExpr=label_expr(names or {}, "datum.value")),
                ),
                columns=2,
            )
            .resolve_scale(y="independent")
            .properties(title=title)
        )
    return base.properties(width=420, height=14 * len(data), title=title)


def note_chart(message: str) -> alt.Chart:
    """A chart that only says why there is nothing to plot (so a page never shows an empty frame)."""
    return (
        alt.Chart(pd.DataFrame({"note": [message]}))
        .mark_text(size=14, align="left")
        .encode(text="note:N")
        .properties(width=420, height=30)
    )


def _p(threshold: float) -> str:
    return f"{keyness.chi2_sf(threshold):.3g}"


def _length_range(lengths: pd.Series) -> str:
    """``"with texts of 612 to 3,456 tokens"`` (or one text's length)."""
    if len(lengths) == 1:
        return f"with a text of {wording.count(int(lengths.iloc[0]), 'token')}"
    return f"with texts of {int(lengths.min()):,} to {wording.count(int(lengths.max()), 'token')}"


#: The ``kind`` of a cleaning cut that removed an in-text citation (see ``seeds/manifest.yaml``).
CITATION_KIND = "in-text citation"


def _citations_note(removed: pd.DataFrame) -> str:
    """Whether cleaning cut in-text citations, which would otherwise turn up as key terms."""
    cut = removed[removed["kind"] == CITATION_KIND]
    if cut.empty:
        return (
            "No in-text citations were cut from these texts; where a text cites its sources in the "
            "running text, their names can turn up as key terms."
        )
    docs = list(dict.fromkeys(cut["doc_id"]))
    return (
        f"The cleaning rules cut {wording.count(len(cut), 'in-text citation')} from {wording.join(docs)} "
        "(see the corpus chapter), so the names of cited sources do not turn up as key terms."
    )


def _each_finding(key_each: pd.DataFrame, order: list[str], used: float) -> str:
    """The sentences that sum up keyness of each text against the rest."""
    if len(order) < 2:
        return "Keyness compares a text with the others, and this run has one text, so no term can be key."
    if key_each.empty:
        return (
            "Comparing each text with the other texts together, no term–text pair reaches the threshold "
            f"in use (G² ≥ {used:.2f})."
        )
    best = key_each.sort_values("g2", ascending=False).iloc[0]
    return (
        f"Comparing each text with the other texts together, "
        f"{wording.count(len(key_each), 'key term–text pair')} "
        f"{wording.verb(len(key_each), 'reaches', 'reach')} the threshold in use (G² ≥ {used:.2f}); a term "
        f"can be key in several texts. The strongest is “{best['term']}” in {best['doc_id']} "
        f"(G² = {best['g2']:.1f}, {times(best['count_target'])} against {best['count_reference']:,} in the "
        f"other texts together, log ratio {wording.signed(best['log_ratio'], 1)})."
    )


def keyness_each(terms: Terms) -> Section:
    """Keyness of each text against the other texts together."""
    p = terms.params
    threshold, correction = p["keyness_threshold"], p["keyness_correction"]
    if len(terms.order) >= 2:
        each = keyness.keyness_each_vs_rest(
            terms.freq, terms.lengths, threshold=threshold, min_count=p["min_count"], correction=correction
        )
    else:
        each = pd.DataFrame(columns=["doc_id"] + KEYNESS_COLUMNS)
    key_each = each[each["key"].astype(bool)]  # astype: an empty table has an object column
    n_tests = len(each)  # one test per term and document
    g2_bonf = keyness.corrected_threshold(threshold, n_tests, "bonferroni")
    used = keyness.corrected_threshold(threshold, n_tests, correction)
    facts = {
        "threshold": f"{threshold:.2f}",
        "min_count": f"{p['min_count']:,}",
        "p_nominal": _p(threshold),
        "zero_correction": f"{keyness.ZERO_CORRECTION:g}",
        "n_tests_each": f"{n_tests:,}",
        "n_terms_tested": f"{each['term'].nunique():,}",
        "fp_each": f"{keyness.expected_false_positives(n_tests, threshold):,.0f}",
        "n_pass_nominal": f"{int((each['g2'] >= threshold).sum()):,}",
        "g2_bonf": f"{g2_bonf:.1f}",
        "n_pass_bonf": f"{int((each['g2'] >= g2_bonf).sum()):,}",
        "threshold_used": f"{used:.2f}",
        "correction_used": (
            'The tables and charts below use the corrected threshold (parameter keyness_correction = "bonferroni").'
            if correction == "bonferroni"
            else "The tables and charts below use the uncorrected threshold (parameter keyness_correction = "
            '"none"), as an exploratory list to check in the concordance; set it to "bonferroni" '
            "for the strict list."
        ),
        "n_key_each": f"{len(key_each):,}",
        "length_range": _length_range(terms.lengths),
        "citations_note": _citations_note(terms.corpus.removed),
        "each_finding": _each_finding(key_each, terms.order, used),
    }
    strong = keyness.strongest(each, p["keyness_top"], by="doc_id")
    more = strong[strong["direction"] == "more in target"]
    contexts = contexts_table(terms, more, lambda row: [row.doc_id])
    per_text = key_terms_per_text(key_each, terms.lengths, terms.order)
    facts["each_length"] = _length_sentence(per_text)
    best = key_each.sort_values("g2", ascending=False).head(1)
    facts["each_context"] = (
        _context_sentence(contexts_table(terms, best, lambda row: [row.doc_id]), "there").strip()
        if len(best) and best["direction"].iloc[0] == "more in target"
        else (
            "It is a term that text uses less than the others, so its contexts are in the other texts."
            if len(best)
            else "There is no key term to look up in context."
        )
    )
    chart = (
        keyness_bars(
            strong,
            "Key terms of each text against the other texts",
            terms.order,
            p["keyness_top"],
            facet="doc_id",
            names=terms.doc_labels,
        )
        if len(strong)
        else note_chart("No key terms to chart with these parameters.")
    )
    return Section(
        each=each,
        key_each=tables.leading_rows(key_each.drop(columns="key"), "doc_id", terms.order),
        chart=chart,
        per_text=per_text,
        length_chart=length_chart(per_text, terms.order, terms.doc_labels),
        contexts=contexts,
        contexts_shown=tables.leading_rows(
            contexts_for_reading(contexts.drop(columns=["direction", "example_doc"])), "doc_id", terms.order
        ),
        captions={
            "per_text": "Key terms of each text (used more and used less than in the others) next to its "
            "length: share of the tokens, share of all key term–text pairs, key terms per 1,000 tokens.",
            "length_chart": "Each text's share of the tokens beside its share of the key terms.",
            "contexts": f"The strongest key terms each text uses more than the others (up to {p['keyness_top']} "
            f"per text), with their commonest neighbour (a counted term within {p['window']} terms, same "
            "sentence) and their first occurrence in context.",
            "chart": f"The strongest key terms of each document (up to {p['keyness_top']} per direction, G² ≥ "
            f"{used:.2f}); bars to the left are terms the text uses less than the others."
            if len(strong)
            else "No key terms with these parameters.",
            "key_each": "Key terms of each document against the rest of the corpus "
            f"(all term–text pairs with G² ≥ {used:.2f}).",
        },
        facts=facts,
    )


# --------------------------------------------------------------------------
# Keyness: two groups of texts
# --------------------------------------------------------------------------
#: How a metadata field is named in the prose and in labels (others: "_" becomes a space).
#: The outlet's country says where a text was published, not whose side it speaks for.
FIELD_NAMES = {"outlet_country": "outlet's country", "date_meaning": "meaning of the date"}


def field_name(field: str) -> str:
    """The name of a metadata field for a reader.

    >>> field_name("outlet_country"), field_name("genre"), field_name("source_type")
    ("outlet's country", 'genre', 'source type')
    """
    return FIELD_NAMES.get(field, field.replace("_", " "))


@dataclass
class GroupSplit:
    """Two groups of documents by a metadata field (:func:`split_by_field`).

    ``problem`` is ``None`` when both groups have a text, else a sentence
    saying why no comparison can be made.  ``left_out`` are the documents
    whose field is ``"unknown"``: they belong to neither group.
    """

    field: str
    target_ids: list[str]
    reference_ids: list[str]
    left_out: list[str]
    target_label: str
    reference_label: str
    problem: str | None


def split_by_field(metadata: pd.DataFrame, spec: dict) -> GroupSplit:
    """Split the documents of ``metadata`` by ``spec`` (the ``keyness_groups`` parameter).

    Documents whose ``field`` is one of the ``target`` values form the first
    group, documents with any other known value the second; a document whose
    value is ``"unknown"`` is in neither (an unknown country is not "another
    country").  Without ``target`` the field must have exactly two known
    values and the first (in corpus order) is the first group.  A missing
    field, an empty group or an unusable split gives a ``problem`` sentence
    instead of an error, so the chapter runs on any corpus.

    Examples
    --------
    >>> meta = pd.DataFrame({"id": ["a", "b", "c"], "country": ["PK", "AF", "unknown"]})
    >>> g = split_by_field(meta, {"field": "country", "target": ["PK"]})
    >>> g.target_ids, g.reference_ids, g.left_out, g.problem
    (['a'], ['b'], ['c'], None)
    >>> split_by_field(meta, {"field": "country", "target": ["IR"]}).problem
    'No selected text has country = IR (the values here: PK and AF), so the first group is empty.'
    """
    field = spec["field"]
    name = field_name(field)
    values = metadata[field].astype(str) if field in metadata else pd.Series("unknown", index=metadata.index)
    known = values != "unknown"
    present = list(dict.fromkeys(values[known]))
    target = spec.get("target")
    target = [target] if isinstance(target, str) else [str(t) for t in target or []]
    problem = None
    if not present:
        problem = f"No selected text gives a value for {name}, so the texts cannot be split by it."
    elif not target and len(present) != 2:
        problem = (
            f"The field {name} has {wording.count(len(present), 'value')} here ({wording.join(present)}); "
            "name the values of the first group (target in keyness_groups) to compare two groups."
        )
    target = target or present[:1]
    label = " or ".join(target)
    in_target = values.isin(target)
    target_ids = metadata.loc[in_target, "id"].tolist()
    reference_ids = metadata.loc[known & ~in_target, "id"].tolist()
    if problem is None and not target_ids:
        problem = (
            f"No selected text has {name} = {label} (the values here: {wording.join(present)}), "
            "so the first group is empty."
        )
    elif problem is None and not reference_ids:
        problem = (
            f"Every selected text with a value for {name} has {name} = {label}, so the second group is empty."
        )
    return GroupSplit(
        field=field,
        target_ids=target_ids,
        reference_ids=reference_ids,
        left_out=metadata.loc[~known, "id"].tolist(),
        target_label=f"{name} = {label}",
        reference_label=f"{name} ≠ {label}",
        problem=problem,
    )


def _group_sentences(split: GroupSplit) -> dict[str, str]:
    """The prose that introduces the two groups, true for any split."""
    left_out = (
        f" {wording.join(split.left_out)} {wording.verb(len(split.left_out), 'gives', 'give')} no "
        f"{field_name(split.field)} and {wording.verb(len(split.left_out), 'is', 'are')} in neither group."
        if split.left_out
        else ""
    )
    if split.problem:
        no_values = not (split.target_ids or split.reference_ids)  # then every text is left out
        return {
            "group_split": split.problem + ("" if no_values else left_out),
            "group_size_note": "No group comparison is made.",
        }
    sizes = (len(split.target_ids), len(split.reference_ids))
    if min(sizes) == 1:
        single = split.target_ids if sizes[0] == 1 else split.reference_ids
        size_note = (
            f"The {'first' if sizes[0] == 1 else 'second'} group is one text ({single[0]}), so every term "
            "that text uses often is key for its group: read those as that text's terms, not the group's."
        )
    else:
        size_note = (
            f"With {wording.count(sizes[0], 'text')} in the first group and {sizes[1]:,} in the second, "
            "a term used often in one text can still make its whole group look distinctive."
        )
    return {
        "group_split": f"Here the first group is {split.target_label} ({', '.join(split.target_ids)}) and the "
        f"second {split.reference_label} ({', '.join(split.reference_ids)}).{left_out}",
        "group_size_note": size_note,
    }


#: Columns :func:`mark_one_text` adds to a group keyness table.
ONE_TEXT_COLUMNS = ["top_text", "top_text_share", "one_text"]


def mark_one_text(groups: pd.DataFrame, terms: Terms, split: GroupSplit, share: float) -> pd.DataFrame:
    """Mark the group key terms whose count comes mostly from one text.

    For each term, the texts of the group where it is more frequent (the
    first group for "more in target", the second otherwise, both for
    "same") are compared: ``top_text`` gives the largest count,
    ``top_text_share`` its share of the group's count, and ``one_text`` is
    true when that share is at least ``share`` (parameter
    ``one_text_share``).  Such a term says more about that text than about
    the group.  For example, a term seen 9 times in text a and once in
    text b of the first group has ``top_text`` a and ``top_text_share`` 0.9.
    """
    per_doc = terms.freq[terms.freq["doc_id"] != CORPUS_LABEL].pivot_table(
        index="term", columns="doc_id", values="count", aggfunc="sum", fill_value=0
    )
    per_doc = per_doc.reindex(columns=terms.order, fill_value=0)
    sides = {
        "more in target": split.target_ids,
        "less in target": split.reference_ids,
        "same": split.target_ids + split.reference_ids,
    }
    top, top_share = [], []
    for term, direction in zip(groups["term"], groups["direction"]):
        counts = per_doc.loc[term, sides[direction]] if term in per_doc.index else pd.Series(dtype=int)
        total = counts.sum() if len(counts) else 0
        top.append(counts.idxmax() if total else "")
        top_share.append(counts.max() / total if total else float("nan"))
    out = groups.assign(top_text=top, top_text_share=top_share)
    return out.assign(one_text=out["top_text_share"] >= share)


def _carried_sentence(key_groups: pd.DataFrame, share: float) -> str:
    """How many group key terms one text carries, with the strongest examples."""
    if key_groups.empty:
        return "There is no group key term to check for a single text behind it."
    carried = key_groups[key_groups["one_text"]]
    n = len(key_groups)
    if carried.empty:
        return (
            f"None of the {wording.count(n, 'group key term')} gets {wording.percent(share)} or more of its "
            "count from a single text."
        )
    examples = [
        f"“{row.term}” ({row.top_text}, {wording.percent(row.top_text_share)})"
        for row in carried.head(3).itertuples()
    ]
    k = len(carried)
    return (
        f"{k:,} of the {wording.count(n, 'group key term')} {wording.verb(k, 'gets', 'get')} at least "
        f"{wording.percent(share)} of {wording.verb(k, 'its', 'their')} count, in the group where "
        f"{wording.verb(k, 'it is', 'they are')} more frequent, from a single text (column “one text”; in the "
        f"chart that text follows the term in brackets), for example {wording.join(examples)}."
    )


def keyness_by_group(terms: Terms) -> Section:
    """Keyness of one group of texts (a metadata field's values) against the others."""
    p = terms.params
    threshold, correction, min_count = p["keyness_threshold"], p["keyness_correction"], p["min_count"]
    split = split_by_field(terms.metadata, p["keyness_groups"])
    facts = {
        "group_target": split.target_label,
        "group_reference": split.reference_label,
        "group_target_docs": ", ".join(split.target_ids) or "no documents",
        "group_reference_docs": ", ".join(split.reference_ids) or "no documents",
        **_group_sentences(split),
    }
    if split.problem is None:
        groups = keyness.keyness_groups(
            terms.freq,
            terms.lengths,
            split.target_ids,
            split.reference_ids,
            threshold=threshold,
            min_count=min_count,
            correction=correction,
        )
        groups = mark_one_text(groups, terms, split, p["one_text_share"])
        key_groups = groups[groups["key"]]
        fp_groups = keyness.expected_false_positives(
            len(groups), keyness.corrected_threshold(threshold, len(groups), correction)
        )
        more = key_groups[key_groups["direction"] == "more in target"]["term"].head(5).tolist()
        less = key_groups[key_groups["direction"] == "less in target"]["term"].head(5).tolist()
        facts["group_finding"] = (
            f"{len(key_groups):,} of the {wording.count(len(groups), 'term')} tested "
            f"{wording.verb(len(key_groups), 'is', 'are')} key (about {fp_groups:.0f} would be by chance alone). "
            f"Used more in the first group: {wording.join(more, quote=True)}; "
            f"used less: {wording.join(less, quote=True)}."
        )
    else:
        groups = pd.DataFrame(columns=KEYNESS_COLUMNS + ONE_TEXT_COLUMNS)
        key_groups = groups
        facts["group_finding"] = "There are no group key terms to list."
    facts["group_carried"] = _carried_sentence(key_groups, p["one_text_share"])
    strong = keyness.strongest(groups, p["keyness_top"])
    docs_of = {"more in target": split.target_ids, "less in target": split.reference_ids}
    contexts = contexts_table(terms, strong, lambda row: docs_of[row.direction])
    sentences = []
    for direction, which in (("more in target", "first"), ("less in target", "second")):
        rows = contexts[contexts["direction"] == direction].head(1)
        if len(rows):
            sentences.append(
                f"The {which} group's strongest key term is “{rows['term'].iloc[0]}”."
                + _context_sentence(rows, "in that group")
            )
    facts["group_context"] = (
        " ".join(sentences) or "With no group key term there is nothing to look up in context."
    )
    labelled = strong.assign(
        term=[
            f"{t} ({d})" if one else t
            for t, d, one in zip(strong["term"], strong["top_text"], strong["one_text"])
        ]
    )
    title = f"Key terms: {split.target_label} against {split.reference_label}"
    chart = (
        keyness_bars(labelled, title, terms.order, p["keyness_top"], sides=("the first group", "the second"))
        if len(strong)
        else note_chart("No key terms between the two groups with these parameters.")
    )
    return Section(
        groups=groups,
        key_groups=key_groups.drop(columns="key"),
        chart=chart,
        contexts=contexts,
        contexts_shown=contexts_for_reading(contexts),
        captions={
            "contexts": "The strongest group key terms with their commonest neighbour (a counted term within "
            f"{p['window']} terms, same sentence) and their first occurrence, both in the group where they are "
            "more frequent.",
            "chart": f"The strongest key terms of the first group ({split.target_label}) against the second "
            f"({split.reference_label}), up to {p['keyness_top']} per direction; a text in brackets after a "
            f"term gives at least {wording.percent(p['one_text_share'])} of its count in its group."
            if len(strong)
            else "No key terms between the two groups with these parameters.",
            "key_groups": f"Key terms of {split.target_label} (first group) against {split.reference_label} "
            "(second group). “Main text”: the text that gives most of a term's count in the group where it is "
            f"more frequent; “its share”: that text's part of the count; “one text”: the share is at least "
            f"{wording.percent(p['one_text_share'])}.",
        },
        facts=facts,
    )


# --------------------------------------------------------------------------
# Collocations, concordance, dispersion, lexical diversity
# --------------------------------------------------------------------------
def collocation_pairs(terms: Terms) -> Section:
    """Bigram collocations, with the pairs in first place by each measure."""
    p = terms.params
    measure, min_count = p["collocation_measure"], p["min_count"]
    colls = keyness.collocations(
        terms.stream, min_count=min_count, top_n=max(p["top_n"], 20), measure=measure
    )
    all_pairs = keyness.collocations(terms.stream, min_count=min_count, top_n=None).assign(
        pair=lambda t: t["first"] + " " + t["second"]
    )
    facts = {"coll_measure": COLLOCATION_MEASURES[measure]}
    n_of = all_pairs.set_index("pair")["count"]
    for key, by in (("coll_top", measure), ("coll_pmi_top", "pmi")):
        ranked = words.top_groups(all_pairs, by, "pair")
        tied = ranked[0][1] if ranked else []
        facts[key] = (
            wording.join([f"“{pair}” ({times(n_of[pair])})" for pair in tied])
            + (f", tied at {ranked[0][0]:.2f}" if len(tied) > 1 else "")
            if tied
            else "(none)"
        )
    return Section(
        collocations=colls,
        captions={
            "collocations": f"Bigram collocations seen at least {min_count} times, sorted by "
            f"{COLLOCATION_MEASURES[measure]}."
        },
        facts=facts,
    )


def concordance(terms: Terms) -> Section:
    """Every occurrence of ``kwic_terms`` with ``window`` tokens of context."""
    p = terms.params
    conc = words.kwic(terms.corpus.tokens, p["kwic_terms"], window=p["window"], phrases=terms.phrases)
    per_term = conc.groupby("query").size().reindex(p["kwic_terms"], fill_value=0)
    spellings = conc.groupby("query", sort=False)["match"].unique()
    variants = [
        f"{wording.join([query], quote=True)} as {wording.join(list(found), quote=True)}"
        for query, found in spellings.items()
        if len(found) > 1
    ]
    return Section(
        kwic=conc,
        captions={"kwic": "Concordance (key word in context) of the chosen terms."},
        facts={
            "kwic_n": f"{len(conc):,}",
            "kwic_terms": ", ".join(p["kwic_terms"]) or "(none)",
            "kwic_window": f"{p['window']:,}",
            "kwic_per_term": "; ".join(f"{t}: {n}" for t, n in per_term.items()) or "(none)",
            "kwic_variants": (
                f"Here the search found {'; '.join(variants)}."
                if variants
                else "Here each term was found in one spelling only."
            ),
        },
    )


def dispersion_chart(
    disp: pd.DataFrame, order: list[str], queries: list[str], names: dict | None = None
) -> alt.FacetChart:
    """One tick per occurrence at its relative position, a row per term, a line per document."""
    return (
        alt.Chart(disp)
        .transform_calculate(document=label_expr(names or {}, "datum.doc_id"))
        .mark_tick(thickness=2, size=16)
        .encode(
            x=alt.X(
                "relative:Q",
                title="position in the text (0 = start, 1 = end)",
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("doc_id:N", title=None, sort=order, axis=alt.Axis(labelExpr=label_expr(names or {}))),
            color=alt.Color("query:N", legend=None),
            tooltip=[
                alt.Tooltip("query:N", title="search term"),
                "document:N",
                alt.Tooltip("position:Q", title="token number"),
                alt.Tooltip("relative:Q", format=".2f", title="position (0 = start, 1 = end)"),
            ],
        )
        .properties(width=440, height=20 * len(order))
        .facet(
            row=alt.Row(
                "query:N",
                title=None,
                sort=queries,
                header=alt.Header(labelAngle=0, labelAlign="left"),
            ),
        )
        .properties(title="Where the terms occur along each text")
    )


def dispersion(terms: Terms) -> Section:
    """Where the ``dispersion_terms`` occur along each text."""
    queries = terms.params["dispersion_terms"]
    disp = words.dispersion(terms.corpus.tokens, queries, phrases=terms.phrases)
    facts = {"disp_terms": ", ".join(queries) or "(none)", "disp_n": f"{len(disp):,}"}
    if len(disp):
        spread = (
            disp.groupby("query")["doc_id"].nunique().reindex(queries, fill_value=0).rename("n").reset_index()
        )
        n_widest, widest = words.top_groups(spread, "n", "query")[0]
        total = len(terms.order)
        where = (
            f"{n_widest:.0f} of the {total:,} texts"
            if n_widest < total
            else ("the one text" if total == 1 else f"all {total:,} texts")
        )
        facts["disp_widest"] = (
            f"The most widespread of them, {wording.join(widest, quote=True)}, "
            f"{'each ' if len(widest) > 1 else ''}{wording.verb(len(widest), 'occurs', 'occur')} in {where}"
        )
        facts["disp_first_half"] = f"{(disp['relative'] < 0.5).mean():.0%}"
        chart = dispersion_chart(disp, terms.order, queries, terms.doc_labels)
    else:
        facts["disp_widest"] = "None of the terms occurs in the selected texts"
        facts["disp_first_half"] = f"{0.0:.0%}"
        chart = note_chart("None of the dispersion terms occurs in the selected documents.")
    return Section(
        dispersion=disp,
        spread=dispersion_summary(disp, terms.order, queries),
        chart=chart,
        captions={
            "chart": "Each tick is one occurrence, at its relative position in the document (0 = first "
            "token, 1 = last). The chart's CSV lists every occurrence with its token number.",
            "spread": "Each dispersion term in each text that uses it: occurrences, and the relative "
            "positions of the first, median and last occurrence (0 = start of the text, 1 = end).",
        },
        facts=facts,
    )


def dispersion_summary(disp: pd.DataFrame, order: list[str], queries: list[str]) -> pd.DataFrame:
    """One row per term and text that uses it: occurrences, first, median and last relative position.

    The rows of the dispersion plot in a table that print keeps: the
    positions the ticks mark, summed up per line of the chart.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "query": ["x"] * 4, "relative": [0.1, 0.5, 0.6, 0.9]})
    >>> dispersion_summary(d, ["b", "a"], ["x"]).values.tolist()
    [['x', 'b', 1, 0.9, 0.9, 0.9], ['x', 'a', 3, 0.1, 0.5, 0.6]]
    """
    columns = ["query", "doc_id", "occurrences", "first_at", "median_at", "last_at"]
    if disp.empty:
        return pd.DataFrame(columns=columns)
    out = (
        disp.groupby(["query", "doc_id"], sort=False)["relative"]
        .agg(occurrences="size", first_at="min", median_at="median", last_at="max")
        .reset_index()
    )
    rank = {
        (q, d): (
            queries.index(q) if q in queries else len(queries),
            order.index(d) if d in order else len(order),
        )
        for q, d in zip(out["query"], out["doc_id"])
    }
    out = out.iloc[sorted(range(len(out)), key=lambda i: rank[(out["query"].iloc[i], out["doc_id"].iloc[i])])]
    return out[columns].reset_index(drop=True)


def diversity_chart(long_div: pd.DataFrame) -> alt.Chart:
    """TTR and MATTR of each document against its length."""
    return (
        alt.Chart(long_div)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("words:Q", title="words in the text"),
            y=alt.Y("value:Q", title="type-token ratio", scale=alt.Scale(zero=False)),
            color=alt.Color("measure:N", title=""),
            shape=alt.Shape("measure:N", title=""),
            tooltip=[
                alt.Tooltip("doc_id:N", title="document"),
                "measure",
                alt.Tooltip("value:Q", format=".3f"),
                "words",
                alt.Tooltip("types:Q", title="distinct words"),
                alt.Tooltip("mtld:Q", format=".1f", title="MTLD"),
            ],
        )
        .properties(width=480, height=260, title="Lexical diversity against text length")
    )


def _range(values: pd.Series) -> str:
    return f"{values.min():.2f} to {values.max():.2f}" if len(values) else "(no other text)"


def diversity(terms: Terms) -> Section:
    """TTR, MATTR and MTLD of each text, and how TTR depends on length."""
    div, window = terms.diversity, terms.params["mattr_window"]
    longest = div.sort_values("words").iloc[-1]
    others = div[div["doc_id"] != longest["doc_id"]]
    long_div = div.melt(
        id_vars=["doc_id", "words", "types", "mtld"],
        value_vars=["ttr", "mattr"],
        var_name="measure",
        value_name="value",
    )
    long_div["measure"] = long_div["measure"].map({"ttr": "TTR", "mattr": f"MATTR ({window})"})
    return Section(
        chart=diversity_chart(long_div),
        chart_data=long_div,
        diversity=div,
        captions={
            "chart": "TTR falls with text length; MATTR depends much less on it. Each text is one point per "
            "measure, at its number of words; the table below gives each text's words and scores.",
            "diversity": "Words, distinct words (types), TTR, MATTR and MTLD of each document.",
        },
        facts={
            "ld_window": f"{window:,}",
            "ld_mtld_threshold": f"{words.MTLD_THRESHOLD:.2f}",
            "ld_longest": longest["doc_id"],
            "ld_longest_words": f"{int(longest['words']):,}",
            "ld_longest_ttr": f"{longest['ttr']:.2f}",
            "ld_longest_mattr": f"{longest['mattr']:.2f}",
            "ld_others_ttr": _range(others["ttr"]),
            "ld_others_mattr": _range(others["mattr"]),
            "ld_compare": (
                f"Here the longest text, {longest['doc_id']} ({wording.count(int(longest['words']), 'word')}), "
                f"has a TTR of {longest['ttr']:.2f} against {_range(others['ttr'])} for the others."
                if len(others)
                else f"Here there is one text, {longest['doc_id']} "
                f"({wording.count(int(longest['words']), 'word')}), with a TTR of {longest['ttr']:.2f}, "
                "and no other text to compare it with."
            ),
            "ld_mattr_compare": (
                f"On MATTR the longest text scores {longest['mattr']:.2f} against {_range(others['mattr'])}."
                if len(others)
                else f"Its MATTR is {longest['mattr']:.2f}."
            ),
            "ld_mtld_max": div.sort_values("mtld").iloc[-1]["doc_id"],
            "ld_short": wording.join(div.loc[div["words"] < window, "doc_id"]),
        },
    )
