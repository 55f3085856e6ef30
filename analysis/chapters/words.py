"""The words chapter (``chapters/words.ipynb``): frequencies, keyness, collocations, context.

What the notebook would otherwise compute in its cells: the parameter check,
one function per section returning the tables and charts it shows and the
``facts`` its prose glues (already worded), and the chart builders.  The
methods themselves (term stream, frequencies, G², collocations, concordance,
lexical diversity) live in :mod:`analysis.methods.words` and
:mod:`analysis.methods.keyness`; this module chooses, combines and words
them for the page.

Every section function takes the :class:`Terms` of one run
(:func:`count_terms`) and returns a :class:`Section`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis.chapters import checks, wording
from analysis.corpus import text
from analysis.corpus.load import META_COLUMNS, Corpus, load_corpus
from analysis.corpus.manifest import read_manifest
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
    example = "a mapping like field=outlet_country,target=Pakistan"
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
    checks.non_empty_strings(params, "extra_stopwords")
    _terms_with_a_word(params, "kwic_terms")
    _terms_with_a_word(params, "dispersion_terms")
    checks.corpus(params)
    _check_groups(params)


def metadata_fields(params: dict) -> list[str]:
    """Metadata fields a group comparison can use: the documents table's columns.

    Those are the manifest fields the corpus loader keeps
    (:data:`analysis.corpus.load.META_COLUMNS`, ``"unknown"`` where a text
    does not give one), without the text itself.
    """
    return list(META_COLUMNS)


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


class Section(SimpleNamespace):
    """What one section shows: its tables and charts as attributes, ``captions`` and ``facts``."""


def count_terms(params: dict) -> Terms:
    """Load the corpus of ``params`` and count its terms (the first step of the chapter)."""
    corpus = load_corpus(params["corpus_dir"] or None, params["documents"] or None)
    stopwords = words.load_stopwords(extra=params["extra_stopwords"])
    phrases = words.load_phrases()
    stream = words.term_stream(corpus.tokens, stopwords, phrases, stemming=params["stem"])
    lengths = words.doc_lengths(corpus.tokens)
    return Terms(
        params=params,
        corpus=corpus,
        order=list(corpus.documents["id"]),
        stopwords=stopwords,
        phrases=phrases,
        stream=stream,
        lengths=lengths,
        freq=words.frequencies(stream, lengths),
        diversity=words.lexical_diversity(corpus.tokens, window=params["mattr_window"]),
    )


def counting(terms: Terms) -> Section:
    """How words are counted: tokens, terms, stop words, phrase-list matches."""
    stream, lengths = terms.stream, terms.lengths
    corpus_freq = terms.freq[terms.freq["doc_id"] == CORPUS_LABEL]
    phrase_hits = stream[stream["phrase"]]
    top_phrase = phrase_hits["term"].value_counts().rename_axis("term").reset_index()
    facts = {
        "n_docs": f"{len(terms.order):,}",
        "n_tokens": f"{int(lengths.sum()):,}",
        "stop_share": f"{1 - stream['counted'].sum() / len(stream):.0%}",
        "n_types": f"{len(corpus_freq):,}",
        "n_stopwords": f"{len(terms.stopwords):,}",
        "n_phrase_hits": f"{len(phrase_hits):,}",
        "top_phrase": words.ranking_text(words.top_groups(top_phrase, "count", "term")),
        "top_terms_text": words.ranking_text(
            words.top_groups(corpus_freq, "per_10k", "term", n=3), "{:,.0f} per 10,000 tokens"
        ),
        "n_stream": f"{len(stream):,}",
        "n_counted": f"{int(stream['counted'].sum()):,}",
        "n_ld_words": f"{int(terms.diversity['words'].sum()):,}",
    }
    return Section(facts=facts)


# --------------------------------------------------------------------------
# Frequencies and n-grams
# --------------------------------------------------------------------------
def top_terms_chart(per_doc_top: pd.DataFrame, order: list[str], top_n: int) -> alt.FacetChart:
    """Bars of each document's most frequent terms, one panel per document."""
    return (
        alt.Chart(per_doc_top)
        .mark_bar()
        .encode(
            x=alt.X("per_10k:Q", title="occurrences per 10,000 tokens"),
            y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("per_10k", order="descending")),
            color=alt.Color("doc_id:N", title="document", sort=order, legend=None),
            tooltip=[
                "doc_id",
                "term",
                "count",
                alt.Tooltip("per_10k:Q", format=",.1f", title="per 10,000"),
                "rank",
            ],
        )
        .properties(width=220, height=14 * top_n)
        .facet(
            facet=alt.Facet("doc_id:N", title=None, sort=order),
            columns=2,
        )
        .resolve_scale(y="independent")
        .properties(title=f"The {top_n} most frequent terms of each text")
    )


def frequent_terms(terms: Terms) -> Section:
    """The most frequent terms of each document and of the corpus."""
    top_n, min_count = terms.params["top_n"], terms.params["min_count"]
    top = words.top_terms(terms.freq, top_n)
    return Section(
        chart=top_terms_chart(top[top["doc_id"] != CORPUS_LABEL], terms.order, top_n),
        top=top,
        top_rows=None if len(top) <= 80 else 40,
        frequencies=terms.freq[terms.freq["count"] >= min_count],
        captions={
            "chart": "Most frequent terms of each document, per 10,000 tokens of that document.",
            "top": f"The {top_n} most frequent terms of each document and of the whole corpus "
            "(count and per 10,000 tokens).",
            "frequencies": f"Every term seen at least {min_count} times in a document or in the corpus.",
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
    return Section(
        ngrams=words.top_terms(grams, terms.params["top_n"]),
        captions={
            "ngrams": f"The most frequent sequences of {ngram} terms per document and in the corpus "
            "(seen at least twice)."
        },
        facts={
            "ngram_n": f"{ngram:d}",
            "ngram_ranking": words.ranking_text(words.top_groups(gram_corpus, "count", "term", n=2)),
        },
    )


# --------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------
def keyness_bars(
    table: pd.DataFrame, title: str, order: list[str], per_direction: int, facet: str | None = None
) -> alt.Chart:
    """Signed G² bars of key terms (left: used less than in the reference).

    With ``facet`` (a column such as ``doc_id``) one panel per value, in
    ``order``; ``per_direction`` (parameter ``keyness_top``) sets the
    panel height.
    """
    data = table.assign(signed_g2=table["g2"].where(table["direction"] == "more in target", -table["g2"]))
    cols = ["term", "direction", "signed_g2", "g2", "log_ratio", "count_target", "count_reference"]
    data = data[([facet] if facet else []) + cols]
    base = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("signed_g2:Q", title="G² (negative: used less than in the reference)"),
            y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("signed_g2", order="descending")),
            color=alt.Color(
                "direction:N", title="", scale=alt.Scale(domain=["more in target", "less in target"])
            ),
            tooltip=[
                *([facet] if facet else []),
                "term",
                "direction",
                alt.Tooltip("g2:Q", format=".1f", title="G²"),
                alt.Tooltip("log_ratio:Q", format="+.2f", title="log ratio"),
                alt.Tooltip("count_target:Q", title="count in target"),
                alt.Tooltip("count_reference:Q", title="count in reference"),
            ],
        )
    )
    if facet:
        return (
            base.properties(width=220, height=13 * 2 * per_direction)
            .facet(
                facet=alt.Facet(f"{facet}:N", title=None, sort=order),
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
    key_each = each[each["key"]]
    n_tests = len(each)  # one test per term and document
    g2_bonf = keyness.corrected_threshold(threshold, n_tests, "bonferroni")
    used = keyness.corrected_threshold(threshold, n_tests, correction)
    facts = {
        "threshold": f"{threshold:.2f}",
        "min_count": f"{p['min_count']:,}",
        "p_nominal": _p(threshold),
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
    }
    if len(key_each):
        best = key_each.sort_values("g2", ascending=False).iloc[0]
        facts["each_best"] = (
            f"“{best['term']}” in {best['doc_id']} (G² = {best['g2']:.1f}, "
            f"{best['count_target']} times against {best['count_reference']} in the other texts together, "
            f"log ratio {best['log_ratio']:+.1f})"
        )
        counts = (
            key_each.groupby("doc_id").size().reindex(terms.order, fill_value=0).rename("n").reset_index()
        )
        n_most, most = words.top_groups(counts, "n", "doc_id")[0]
        facts["each_most"] = (
            f"{words.join_quoted(most, quotes='')} {wording.verb(len(most), 'has', 'have')} "
            f"the most key terms ({n_most:,.0f}{' each' if len(most) > 1 else ''})"
        )
    else:
        facts["each_best"] = "none (keyness needs at least two documents and terms above the threshold)"
        facts["each_most"] = "no text has key terms"
    strong = keyness.strongest(each, p["keyness_top"], by="doc_id")
    chart = (
        keyness_bars(
            strong,
            "Key terms of each text against the other texts",
            terms.order,
            p["keyness_top"],
            facet="doc_id",
        )
        if len(strong)
        else note_chart("No key terms to chart with these parameters.")
    )
    return Section(
        each=each,
        key_each=key_each,
        chart=chart,
        captions={
            "chart": f"The strongest key terms of each document (up to {p['keyness_top']} per direction, G² ≥ "
            f"{used:.2f}); bars to the left are terms the text uses less than the others."
            if len(strong)
            else "No key terms with these parameters.",
            "key_each": "Key terms of each document against the rest of the corpus "
            f"(all term–text pairs with G² ≥ {used:.2f}).",
        },
        facts=facts,
    )


def keyness_by_group(terms: Terms) -> Section:
    """Keyness of one group of texts (a metadata field's values) against the others."""
    p = terms.params
    threshold, correction, min_count = p["keyness_threshold"], p["keyness_correction"], p["min_count"]
    manifest_docs = pd.DataFrame(read_manifest(p["corpus_dir"] or None)["documents"])
    target_ids, reference_ids, target_label, reference_label = keyness.split_groups(
        terms.corpus.documents, p["keyness_groups"], manifest_docs
    )
    facts = {
        "group_target": target_label,
        "group_reference": reference_label,
        "group_target_docs": ", ".join(target_ids) or "no documents",
        "group_reference_docs": ", ".join(reference_ids) or "no documents",
    }
    if target_ids and reference_ids:
        groups = keyness.keyness_groups(
            terms.freq,
            terms.lengths,
            target_ids,
            reference_ids,
            threshold=threshold,
            min_count=min_count,
            correction=correction,
        )
        key_groups = groups[groups["key"]]
        fp_groups = keyness.expected_false_positives(
            len(groups), keyness.corrected_threshold(threshold, len(groups), correction)
        )
        more = key_groups[key_groups["direction"] == "more in target"]["term"].head(5).tolist()
        less = key_groups[key_groups["direction"] == "less in target"]["term"].head(5).tolist()
        facts["group_finding"] = (
            f"{len(key_groups)} of the {len(groups)} terms tested are key (about {fp_groups:.0f} "
            "would be by chance alone). Used more in the first group: "
            + (", ".join(f"“{t}”" for t in more) or "none")
            + "; used less: "
            + (", ".join(f"“{t}”" for t in less) or "none")
            + "."
        )
    else:
        groups = pd.DataFrame(columns=KEYNESS_COLUMNS)
        key_groups = groups
        facts["group_finding"] = (
            "No comparison is possible with the selected documents: one of the two groups is empty."
        )
    strong = keyness.strongest(groups, p["keyness_top"])
    chart = (
        keyness_bars(
            strong, f"Key terms: {target_label} against {reference_label}", terms.order, p["keyness_top"]
        )
        if len(strong)
        else note_chart("No key terms between the two groups with these parameters.")
    )
    return Section(
        groups=groups,
        key_groups=key_groups,
        chart=chart,
        captions={
            "chart": f"The strongest key terms of the first group ({target_label}) against the second "
            f"({reference_label}), up to {p['keyness_top']} per direction."
            if len(strong)
            else "No key terms between the two groups with these parameters.",
            "key_groups": f"Key terms of {target_label} against {reference_label}.",
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
            words.join_quoted([f"“{pair}” ({n_of[pair]:,} times)" for pair in tied], quotes="")
            + (f", tied at {ranked[0][0]:.2f}" if len(tied) > 1 else "")
            if tied
            else "(none)"
        )
    return Section(
        collocations=colls,
        captions={
            "collocations": f"Bigram collocations seen at least {min_count} times, sorted by {measure}."
        },
        facts=facts,
    )


def concordance(terms: Terms) -> Section:
    """Every occurrence of ``kwic_terms`` with ``window`` tokens of context."""
    p = terms.params
    conc = words.kwic(terms.corpus.tokens, p["kwic_terms"], window=p["window"], phrases=terms.phrases)
    per_term = conc.groupby("query").size().reindex(p["kwic_terms"], fill_value=0)
    return Section(
        kwic=conc,
        captions={"kwic": "Concordance (key word in context) of the chosen terms."},
        facts={
            "kwic_n": f"{len(conc):,}",
            "kwic_terms": ", ".join(p["kwic_terms"]) or "(none)",
            "kwic_window": f"{p['window']:,}",
            "kwic_per_term": "; ".join(f"{t}: {n}" for t, n in per_term.items()) or "(none)",
        },
    )


def dispersion_chart(disp: pd.DataFrame, order: list[str], queries: list[str]) -> alt.FacetChart:
    """One tick per occurrence at its relative position, a row per term, a line per document."""
    return (
        alt.Chart(disp)
        .mark_tick(thickness=2, size=16)
        .encode(
            x=alt.X(
                "relative:Q",
                title="position in the text (0 = start, 1 = end)",
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("doc_id:N", title=None, sort=order),
            color=alt.Color("query:N", legend=None),
            tooltip=[
                "query",
                "doc_id",
                alt.Tooltip("position:Q", title="token number"),
                alt.Tooltip("relative:Q", format=".2f", title="position (0-1)"),
            ],
        )
        .properties(width=520, height=20 * len(order))
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
        facts["disp_widest"] = (
            f"The most widespread of them, {words.join_quoted(widest)}, "
            f"{wording.verb(len(widest), 'occurs', 'occur')} in "
            f"{n_widest:.0f} of the {len(terms.order)} texts" + (" each" if len(widest) > 1 else "")
        )
        facts["disp_first_half"] = f"{(disp['relative'] < 0.5).mean():.0%}"
        chart = dispersion_chart(disp, terms.order, queries)
    else:
        facts["disp_widest"] = "None of the terms occurs in the selected texts"
        facts["disp_first_half"] = f"{0.0:.0%}"
        chart = note_chart("None of the dispersion terms occurs in the selected documents.")
    return Section(
        dispersion=disp,
        chart=chart,
        captions={
            "chart": "Each tick is one occurrence, at its relative position in the document.",
            "dispersion": "Every occurrence of the dispersion terms with its token number and relative position.",
        },
        facts=facts,
    )


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
                "doc_id",
                "measure",
                alt.Tooltip("value:Q", format=".3f"),
                "words",
                "types",
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
            "chart": "TTR falls with text length; MATTR depends much less on it.",
            "diversity": "Words, distinct words (types), TTR, MATTR and MTLD of each document.",
        },
        facts={
            "ld_window": f"{window:,}",
            "ld_longest": longest["doc_id"],
            "ld_longest_words": f"{int(longest['words']):,}",
            "ld_longest_ttr": f"{longest['ttr']:.2f}",
            "ld_longest_mattr": f"{longest['mattr']:.2f}",
            "ld_others_ttr": _range(others["ttr"]),
            "ld_others_mattr": _range(others["mattr"]),
            "ld_mtld_max": div.sort_values("mtld").iloc[-1]["doc_id"],
            "ld_short": ", ".join(div.loc[div["words"] < window, "doc_id"]) or "none",
        },
    )
