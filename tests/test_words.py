"""Tests of analysis/words.py.

Expected values are hand counts on the tiny texts written below; each test
says how its value was counted.
"""

from __future__ import annotations

import math

import corpora
import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import load as corpus_mod
from analysis.methods import words

# 17 word tokens (analysis.corpus.text.TOKEN_RE keeps "Pakistan's" whole):
#   sentence 0: The Durand Line divides Pashtun lands                        (6)
#   sentence 1: Pakistan's army guards the Durand Line , and the army fences it (11)
TEXT_A = (
    "The Durand Line divides Pashtun lands. Pakistan's army guards the Durand Line, and the army fences it."
)
STOP = frozenset({"the", "and", "it"})
PHRASES = {("durand", "line"): "durand line"}


def tokens_of(**texts: str) -> pd.DataFrame:
    """Token table of tiny documents, built exactly as load_corpus builds it."""
    rows = []
    for doc_id, body in texts.items():
        rows += corpus_mod.split_body(doc_id, body)[1]
    return pd.DataFrame(rows)


def counted_terms(stream: pd.DataFrame) -> list[str]:
    return stream.loc[stream["counted"], "term"].tolist()


# -- stop words and phrases --------------------------------------------------
def test_stopword_file_has_readme_and_core_words():
    assert (paths.DATA / "stopwords" / "README.md").exists()
    stop = words.load_stopwords()
    # Snowball list words, project additions, and the deliberate exception "us"
    assert {"the", "of", "between", "also"} <= stop
    assert "us" not in stop and "pakistan" not in stop


def test_extra_stopwords_are_normalised_and_checked():
    stop = words.load_stopwords(extra=["  Said ", "Pakistan’s"])
    assert "said" in stop and "pakistan's" in stop
    with pytest.raises(ValueError, match="extra_stopwords"):
        words.load_stopwords(extra=[""])


def test_phrase_variants_merge_into_one_term():
    # Four spellings from the seeds, one sentence each: the phrase term is counted 4 times,
    # and no "taliban" or "pakistan" is left over.
    toks = tokens_of(
        d="Tehreek-e-Taliban Pakistan grew. Tehreek e Taliban Pakistan struck. "
        "Tehreek-e Taliban Pakistan’s men fled. Tehreek-i-Taliban Pakistan denied it."
    )
    stream = words.term_stream(toks, words.load_stopwords(), words.load_phrases())
    terms = counted_terms(stream)
    assert terms.count("tehreek-e-taliban pakistan") == 4
    assert "taliban" not in terms and "pakistan" not in terms


def test_phrase_is_not_merged_across_a_sentence_end():
    # "... the Durand. Line ..." : "Durand" ends sentence 0, "Line" starts sentence 1.
    toks = tokens_of(d="They named it after Durand. Line crossings fell.")
    terms = counted_terms(words.term_stream(toks, STOP, PHRASES))
    assert "durand line" not in terms and "durand" in terms and "line" in terms


def test_longest_variant_wins():
    phrases = {
        ("islamic", "emirate"): "islamic emirate",
        ("islamic", "emirate", "of", "afghanistan"): "islamic emirate",
    }
    merged = words.merge_phrases(["the", "islamic", "emirate", "of", "afghanistan", "said"], phrases)
    assert merged == [(0, 1, "the"), (1, 4, "islamic emirate"), (5, 1, "said")]


# -- frequencies ---------------------------------------------------------------
def test_frequencies_hand_count():
    toks = tokens_of(a=TEXT_A)
    stream = words.term_stream(toks, STOP, PHRASES)
    freq = words.frequencies(stream, words.doc_lengths(toks), corpus_label=None)
    got = dict(zip(freq["term"], freq["count"]))
    # hand count: durand line x2, army x2, pakistan (possessive stripped), divides, pashtun,
    # lands, guards, fences x1; the/and/it are stop words.
    assert got == {
        "durand line": 2,
        "army": 2,
        "pakistan": 1,
        "divides": 1,
        "pashtun": 1,
        "lands": 1,
        "guards": 1,
        "fences": 1,
    }
    # per 10,000 tokens: 2 of the text's 17 word tokens
    row = freq.set_index("term").loc["durand line"]
    assert row["per_10k"] == pytest.approx(2 / 17 * 10_000)
    # ranks: ties ordered alphabetically, so "army" (2) is 1st and "durand line" (2) 2nd
    assert freq["term"].tolist()[:3] == ["army", "durand line", "divides"]


def test_min_count_and_top_n():
    toks = tokens_of(a=TEXT_A)
    stream = words.term_stream(toks, STOP, PHRASES)
    freq = words.frequencies(stream, words.doc_lengths(toks), min_count=2)
    assert set(freq["term"]) == {"army", "durand line"}  # the two terms seen twice
    assert len(words.top_terms(freq, 1)) == 2  # one per doc_id: a, (corpus)
    with pytest.raises(ValueError, match="top_n"):
        words.top_terms(freq, 0)


def test_numbers_and_short_words_can_be_left_out():
    toks = tokens_of(a="Trade fell 40 percent in 2025 to 1,140.17 million")
    stream = words.term_stream(toks, frozenset({"in", "to"}), min_length=6)
    # numbers dropped by default; min_length=6 drops "trade" (5) and "fell" (4)
    assert counted_terms(stream) == ["percent", "million"]
    kept = words.term_stream(toks, frozenset(), drop_numbers=False)
    assert "2025" in counted_terms(kept)


def test_stemming_merges_inflections_but_not_phrases():
    toks = tokens_of(a="Negotiations stalled. Negotiating failed. The Durand Line held.")
    stream = words.term_stream(toks, STOP, PHRASES, stemming=True)
    terms = counted_terms(stream)
    # Snowball: negotiations, negotiating -> "negoti"; the phrase stays whole
    assert terms.count("negoti") == 2 and "durand line" in terms
    assert "negotiations" not in terms


def test_bigrams_respect_stopword_gaps_and_sentences():
    toks = tokens_of(a=TEXT_A)
    stream = words.term_stream(toks, STOP, PHRASES)
    grams = words.ngram_stream(stream, 2)["term"].tolist()
    # hand: sentence 0 -> durand line divides, divides pashtun, pashtun lands;
    # sentence 1 -> pakistan army, army guards, army fences ("guards the durand" has a gap)
    assert grams == [
        "durand line divides",
        "divides pashtun",
        "pashtun lands",
        "pakistan army",
        "army guards",
        "army fences",
    ]
    assert words.ngram_stream(stream, 3)["term"].tolist() == [
        "durand line divides pashtun",
        "divides pashtun lands",
        "pakistan army guards",
    ]


# -- KWIC and dispersion -----------------------------------------------------
def test_kwic_windows_at_start_middle_and_end():
    toks = tokens_of(d="Kabul blamed Islamabad for the attack on Torkham")  # 8 tokens
    out = words.kwic(toks, ["kabul", "for", "torkham"], window=3).set_index("query")
    assert out.loc["kabul", ["left", "match", "right"]].tolist() == ["", "Kabul", "blamed Islamabad for"]
    assert out.loc["for", ["left", "right"]].tolist() == ["Kabul blamed Islamabad", "the attack on"]
    assert out.loc["torkham", ["left", "match", "right"]].tolist() == ["the attack on", "Torkham", ""]
    assert out.loc["torkham", "position"] == 7


def test_kwic_phrase_variants_wildcard_and_bad_window():
    toks = tokens_of(
        d="The Tehreek e Taliban Pakistan and the Tehreek-e-Taliban Pakistan negotiate; negotiations failed."
    )
    out = words.kwic(toks, ["Tehreek-e-Taliban Pakistan"], window=1, phrases=words.load_phrases())
    assert out["match"].tolist() == ["Tehreek e Taliban Pakistan", "Tehreek-e-Taliban Pakistan"]
    assert words.kwic(toks, ["negotiat*"], window=1)["match"].tolist() == ["negotiate", "negotiations"]
    with pytest.raises(ValueError, match="window"):
        words.kwic(toks, ["Kabul"], window=0)
    with pytest.raises(ValueError, match="search term"):
        words.kwic(toks, ["  "], window=2)


def test_dispersion_positions():
    # 10 tokens; "TTP" at token 0, 4 and 9 -> 0.0, 0.4, 0.9
    toks = tokens_of(d="TTP fighters crossed and TTP leaders met in Kabul TTP")
    disp = words.dispersion(toks, ["ttp"])
    assert disp["relative"].tolist() == [0.0, 0.4, 0.9]


# -- lexical diversity ---------------------------------------------------------
def test_ttr_mattr_mtld_by_hand():
    w = ["a", "b", "a", "c", "a", "b"]
    assert words.ttr(w) == 3 / 6
    # windows of 3: aba 2/3, bac 3/3, aca 2/3, cab 3/3 -> mean 10/12
    assert words.mattr(w, window=3) == pytest.approx(10 / 12)
    assert words.mattr(w, window=10) == words.ttr(w)  # shorter than the window
    # MTLD, threshold 0.72.  Forward a b a c a b: running TTR 1, 1, .67 -> factor 1 (reset);
    # c a b: 1, 1, 1 -> partial (1 - 1) / .28 = 0.  6 words / 1 factor = 6.
    # Backward b a c a b a: 1, 1, 1, .75, .6 -> factor 1 (reset); a: partial 0 -> 6.  Mean 6.
    assert words.mtld(w) == pytest.approx(6.0)


def test_mtld_partial_factor():
    # "a a b": forward a (1) a (.5 -> factor) | b (TTR 1, partial 0) -> 3/1;
    # backward b a a: 1, 1, 2/3=.67 -> factor -> 3/1.  Mean 3.
    assert words.mtld(["a", "a", "b"]) == pytest.approx(3.0)
    # "a b c a": forward 1,1,1,.75 (no factor) -> partial (1-.75)/(1-.72) = 0.892857
    # -> 4 / 0.892857 = 4.48; backward a c b a: same TTRs -> 4.48
    assert words.mtld(["a", "b", "c", "a"]) == pytest.approx(4 / ((1 - 0.75) / 0.28))


def test_lexical_diversity_table_leaves_out_numbers():
    toks = tokens_of(d="Trade trade fell in 2025", e="Border closed")
    table = words.lexical_diversity(toks, window=2).set_index("doc_id")
    # d: words trade, trade, fell, in (2025 is a number) -> 4 words, 3 types
    assert table.loc["d", ["words", "types"]].tolist() == [4, 3]
    assert table.loc["d", "ttr"] == 0.75
    assert table.loc["e", "mattr"] == 1.0


# -- fast counting ---------------------------------------------------------------
TRICKY = (
    "Pakistan's exports can't recover; Kabul cannot wait. \"We won't,\" he said -- "
    "the Pak-Afghan U.S.-brokered talks (2025) gonna fail? 'Tis said: Taliban’s rule."
)


def test_fast_counts_by_hand():
    counts = words.count_words_fast("The border, the BORDER and the border's gate.")
    # hand count: the x3, border x3 (border's -> border + s), and, s, gate
    assert counts == {"the": 3, "border": 3, "and": 1, "s": 1, "gate": 1}


def test_fast_counts_equal_nltk_pipeline_on_tricky_text():
    fast, naive = words.count_words_fast(TRICKY), words.count_words_nltk(TRICKY)
    assert fast == naive
    # the Treebank splits replayed: can't -> ca n't, cannot -> can not, won't -> wo n't
    assert fast["ca"] == 1 and fast["can"] == 1 and fast["not"] == 1 and fast["wo"] == 1
    assert fast["gon"] == 1 and fast["tis"] == 0


def test_fast_counts_do_not_depend_on_chunk_size():
    text = " ".join([TRICKY] * 50)
    assert words.count_words_fast(text, chunk_chars=97) == words.count_words_fast(text)


def test_fast_counts_equal_nltk_on_the_seed_corpus():
    corpus = corpus_mod.load_corpus()
    bodies = corpus.documents["body"].tolist()
    assert words.count_words_fast(bodies) == words.count_words_nltk(bodies)


# -- parameters: a subset of documents changes the outputs ---------------------------
def test_two_documents_change_the_frequencies():
    full = corpus_mod.load_corpus()
    two = corpus_mod.load_corpus(documents=["tariq2026", "humnews2025"])
    stop, phrases = words.load_stopwords(), words.load_phrases()

    def corpus_counts(c):
        stream = words.term_stream(c.tokens, stop, phrases)
        freq = words.frequencies(stream, words.doc_lengths(c.tokens))
        return freq, freq[freq["doc_id"] == "(corpus)"].set_index("term")["count"]

    freq_full, total_full = corpus_counts(full)
    freq_two, total_two = corpus_counts(two)
    assert set(freq_two["doc_id"]) == {"tariq2026", "humnews2025", "(corpus)"}
    # the corpus count of a term is the sum over the selected documents only
    per_doc = freq_full[freq_full["doc_id"].isin(["tariq2026", "humnews2025"])]
    assert total_two["pakistan"] == per_doc[per_doc["term"] == "pakistan"]["count"].sum()
    assert total_two["pakistan"] < total_full["pakistan"]
    assert not math.isclose(total_two.sum(), total_full.sum())


@pytest.mark.slow
def test_chapter_with_two_documents_writes_different_tables(tmp_path):
    """End to end: the chapter run by papermill with two documents changes its tables."""
    import os
    import subprocess
    import sys

    out = {}
    for label, extra in (("all", []), ("two", ["-p", "documents", "[tariq2026, humnews2025]"])):
        tables = tmp_path / label
        env = dict(os.environ, PAKAFGHAN_TABLES_DIR=str(tables), PAKAFGHAN_BUILD_DIR=str(tmp_path / "build"))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "papermill",
                str(paths.CHAPTERS / "words.ipynb"),
                str(tmp_path / f"{label}.ipynb"),
                "--cwd",
                str(tmp_path),
                *extra,
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        out[label] = {
            name: pd.read_csv(tables / f"{name}.csv")
            for name in ("top_terms", "lexical_diversity", "keyness_groups")
        }
    assert set(out["two"]["top_terms"]["doc_id"]) == {"tariq2026", "humnews2025", "(corpus)"}
    # one row per document: every document the manifest lists, then the two chosen
    assert len(out["all"]["lexical_diversity"]) == len(corpora.manifest_ids(paths.SEEDS))
    assert len(out["two"]["lexical_diversity"]) == 2
    # both selected documents are from Pakistani outlets: the group comparison is empty
    assert len(out["all"]["keyness_groups"]) > 0 and len(out["two"]["keyness_groups"]) == 0


# -- review fixes: one-word phrase variants, ties ------------------------------------------
def test_one_word_variant_counts_as_the_phrase_and_is_flagged():
    # "Durand" alone and the seed's run-on "Durand Linethe" are variants of Durand Line
    # (data/phrases/README.md): 3 mentions, one term, each flagged as a phrase, none stemmed.
    toks = tokens_of(d="They recognize Durand. The Durand Linethe border. The Durand Line holds.")
    stream = words.term_stream(toks, words.load_stopwords(), words.load_phrases(), stemming=True)
    hits = stream[stream["term"] == "durand line"]
    assert len(hits) == 3 and hits["phrase"].all() and hits["counted"].all()
    assert hits["length"].tolist() == [1, 2, 2]
    assert not stream.loc[stream["term"] != "durand line", "phrase"].any()


def test_concordance_finds_all_nine_durand_line_mentions_in_the_seeds():
    # Hand count in the seeds: bonesh2023 "Durand" x3 (stabilize the Durand border, recognize
    # Durand, claims about Durand); aljazeera2024 "Durand Linethe" x1 + "Durand Line" x3;
    # humnews2025 "Durand Line" x2.  Total 9.
    c = corpus_mod.load_corpus(documents=corpora.PUBLISHED_SEEDS)
    conc = words.kwic(c.tokens, ["Durand Line"], window=2, phrases=words.load_phrases())
    assert conc.groupby("doc_id").size().to_dict() == {"bonesh2023": 3, "aljazeera2024": 4, "humnews2025": 2}


def test_top_groups_reports_ties():
    # counts 14, 9, 9, 8: the second place is shared by two bigrams
    t = pd.DataFrame(
        {
            "term": ["two countries", "taliban government", "two states", "internal security"],
            "count": [14, 9, 9, 8],
        }
    )
    assert words.top_groups(t, "count", "term", n=2) == [
        (14.0, ["two countries"]),
        (9.0, ["taliban government", "two states"]),
    ]
    # floating-point scores equal up to rounding are a tie (PMI 11.146569 twice in the chapter)
    s = pd.DataFrame({"term": ["a", "b", "c"], "pmi": [0.1 + 0.2, 0.3, 0.2]})
    assert words.top_groups(s, "pmi", "term") == [(pytest.approx(0.3), ["a", "b"])]
    assert words.join_quoted(["ttp", "border"]) == "“ttp” and “border”"
    assert words.join_quoted(["a", "b", "c"]) == "“a”, “b” and “c”"


def test_frequencies_of_an_empty_stream_are_an_empty_table():
    # a text with no 7-gram gives an empty n-gram stream (object columns); no KeyError
    stream = words.ngram_stream(words.term_stream(tokens_of(d=TEXT_A), STOP, PHRASES), 7)
    assert stream.empty
    freq = words.frequencies(stream, words.doc_lengths(tokens_of(d=TEXT_A)))
    assert freq.empty and list(freq.columns) == ["doc_id", "term", "count", "per_10k", "rank"]


# -- the Arrow path against the pure-Python reference ------------------------------
# each string puts a Treebank rule or a case rule next to a kind of white space or a chunk end
ARROW_EDGES = [
    "",
    "   ",
    "wanna",  # 'wanna' splits only before white space: not at the end of the text
    "wanna go",
    "I wanna\tgo and we wanna\ngo, wanna",
    "cannot\fcannot\vcannot\rcannot5 5cannot _cannot cannoté écannot",
    "don't\x1cdon't\x1fdon't\u00a0don't  isn't'n't n't",  # \x1c and NBSP are not ASCII white space
    "'Tis 'twas x'tis ('tis) 'TWAS",
    "ΟΔΟΣ ΟΔΟΣ. Σ ΣΣ İstanbul K",  # final sigma, dotted capital I, Kelvin sign
    "Gimme gonna GOTTA lemme--wanna-- wanna",
    "naïve cafe\u0301 ²³ ½ Ⅻ 1,140.17 U.S.",
    TRICKY,
]


@pytest.mark.parametrize("text", ARROW_EDGES)
def test_arrow_counts_equal_the_python_reference(text):
    assert words.count_words_fast(text) == words.count_words_python(text)


def test_arrow_counts_equal_the_python_reference_at_every_chunk_size():
    text = " ".join(ARROW_EDGES * 3)
    for size in (5, 11, 97, 1 << 20):
        assert words.count_words_fast(text, chunk_chars=size) == words.count_words_python(
            text, chunk_chars=size
        )
    # several texts, and a chunk ending in "wanna" (the last word of a chunk is read on its own)
    texts = ["we wanna", "wanna", "x " * 40 + "wanna", ""]
    assert words.count_words_fast(texts, chunk_chars=8) == words.count_words_python(texts, chunk_chars=8)


def test_arrow_counts_on_the_seed_corpus():
    bodies = corpus_mod.load_corpus().documents["body"].tolist()
    assert words.count_words_fast(bodies) == words.count_words_python(bodies)
