"""The corpus chapter's module: its parameter check and the facts its prose glues.

Every corpus here is a tiny fixture written by the test (a manifest folder
with cleaning rules, so that there is something to cut), and every expected
value is a hand count on that fixture or a formula over its strings.
"""

from __future__ import annotations

import textwrap

import corpora
import pandas as pd
import pytest
import yaml

from analysis.chapters import corpus as corpus_ch
from analysis.errors import ParameterError

#: Raw text of the fixture document "alpha": a heading, three author-year
#: citations inside sentences, and a reference list.
ALPHA = textwrap.dedent(
    """\
    # Alpha report
    Trade fell sharply (Khan, 2024). Talks resumed (Khan, 2024) after (Lee, 2023) a pause.

    The border closed.

    ### References
    - Khan, A. (2024). Trade.
    - Lee, B. (2023). Border.
    """
)
#: What cleaning must leave of ALPHA: two paragraphs.
ALPHA_BODY = ["Trade fell sharply. Talks resumed after a pause.", "The border closed."]
#: Fixture document "beta": no cleaning rules, nothing to cut but the final newline.
BETA = "Peace talks begin. They end.\n"

ALPHA_RULES = """\
    cleaning:
      cuts:
        - {kind: reference list, from: "### References", to: END}
        - {kind: heading, line_regex: '^#{1,6} .*$'}
        - {kind: in-text citation, regex: '[ \\t]*\\([A-Z][^()\\n]*?,\\s*\\d{4}\\)'}
      references:
        start: "### References"
        item_regex: '^- (.+)$'
"""


@pytest.fixture
def manifest_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.txt").write_text(BETA, encoding="utf-8")
    rules = yaml.safe_load(textwrap.dedent(ALPHA_RULES))
    entries = [
        corpora.manifest_entry("alpha", "alpha.txt", ALPHA.encode("utf-8"), **rules),
        corpora.manifest_entry("beta", "beta.txt", BETA.encode("utf-8")),
    ]
    corpora.write_manifest(folder, {"schema_version": 1, "documents": entries})
    return folder


def params_for(corpus_dir, **changes) -> dict:
    values = {
        "corpus_dir": str(corpus_dir),
        "documents": [],
        "excerpt_chars": 80,
        "engine": "pandas",
        "scheduler": "",
        "processes": 1,
        "duplicate_similarity": 0.9,
        "duplicates": "keep",
    }
    values.update(changes)
    return values


# -- check ---------------------------------------------------------------------------


def test_check_accepts_the_defaults(manifest_corpus):
    assert corpus_ch.check(params_for(manifest_corpus)) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"excerpt_chars": 0}, "parameter 'excerpt_chars' expects an integer >= 1, got 0"),
        ({"excerpt_chars": -5}, "parameter 'excerpt_chars' expects an integer >= 1, got -5"),
        ({"processes": 0}, "parameter 'processes' expects an integer >= 1, got 0"),
        ({"engine": "spark"}, "parameter 'engine' expects one of 'pandas', 'dask', got 'spark'"),
        ({"scheduler": "local"}, 'parameter \'scheduler\' expects "" with engine "pandas"'),
        ({"engine": "dask", "scheduler": "somewhere"}, 'parameter \'scheduler\' expects "", "local"'),
        (
            {"duplicate_similarity": 0.4},
            "parameter 'duplicate_similarity' expects a number between 0.5 and 1, got 0.4",
        ),
        (
            {"duplicate_similarity": 1.5},
            "parameter 'duplicate_similarity' expects a number between 0.5 and 1, got 1.5",
        ),
        ({"duplicates": "remove"}, "parameter 'duplicates' expects one of 'keep', 'drop', got 'remove'"),
        ({"documents": ["alpha", "gamma"]}, "parameter 'documents': unknown document id(s) 'gamma'"),
    ],
)
def test_check_refuses_bad_values(manifest_corpus, changes, message):
    with pytest.raises(ParameterError) as caught:
        corpus_ch.check(params_for(manifest_corpus, **changes))
    assert str(caught.value).startswith(message)


def test_check_refuses_a_missing_corpus(tmp_path):
    with pytest.raises(
        ParameterError, match="parameter 'corpus_dir': corpus folder does not exist: .*nowhere"
    ):
        corpus_ch.check(params_for(tmp_path / "nowhere"))
    with pytest.raises(
        ParameterError, match="parameter 'corpus_dir': corpus file does not exist: .*none.csv"
    ):
        corpus_ch.check(params_for(tmp_path / "none.csv"))


def test_a_relative_corpus_dir_is_read_from_the_current_folder(manifest_corpus, monkeypatch):
    # checks.input_path: relative to the folder the command runs in
    monkeypatch.chdir(manifest_corpus.parent)
    params = params_for("corpus")
    corpus_ch.check(params)
    assert corpus_ch.load(params).documents["id"].tolist() == ["alpha", "beta"]


def test_check_accepts_a_dask_address(manifest_corpus):
    assert (
        corpus_ch.check(params_for(manifest_corpus, engine="dask", scheduler="tcp://10.0.0.5:8786")) is None
    )


# -- sections ------------------------------------------------------------------------


def test_documents_facts_hand_count(manifest_corpus):
    params = params_for(manifest_corpus)
    section = corpus_ch.documents(corpus_ch.load(params), params)
    # sentences: "Trade fell sharply." "Talks resumed after a pause." "The border closed."
    # (alpha, 3) + "Peace talks begin." "They end." (beta, 2)
    # tokens: 3 + 5 + 3 (alpha) + 3 + 2 (beta) = 16
    assert section.facts["n_docs"] == "2 documents"
    assert section.facts["n_sentences"] == "5 sentences"
    assert section.facts["n_tokens"] == "16 word tokens"
    assert section.facts["metadata_note"].startswith("Metadata comes from the manifest")
    # corpora.manifest_entry() writes "unknown" for every field but id; id and title are always shown
    assert list(section.tables["documents"].columns) == ["id", "title"]
    assert section.facts["unknown_fields"] == (
        "Not known for any document: authors, outlet, outlet_country, date, "
        "date_meaning, genre, identifier and perspective."
    )


def test_lengths_facts_from_the_fixture_strings(manifest_corpus):
    texts = corpus_ch.load(params_for(manifest_corpus))
    facts = corpus_ch.lengths(texts).facts
    kept = sum(map(len, ALPHA_BODY)) + len(BETA.rstrip("\n"))
    assert facts["share_kept"] == f"{kept / (len(ALPHA) + len(BETA)):.0%}"
    # alpha loses its heading, citations and references; beta only its final newline
    share = 1 - sum(map(len, ALPHA_BODY)) / len(ALPHA)
    assert (
        facts["most_cut"]
        == f"The document that lost the largest share of its file to cleaning is alpha ({share:.0%})."
    )


def test_removed_counts_the_citations(manifest_corpus):
    params = params_for(manifest_corpus)
    section = corpus_ch.removed(corpus_ch.load(params), params)
    citations = section.tables["in_text_citations"]
    # three citations in ALPHA: (Khan, 2024) twice, (Lee, 2023) once
    assert citations[["citation", "times"]].values.tolist() == [["(Khan, 2024)", 2], ["(Lee, 2023)", 1]]
    assert "such as “(Khan, 2024)” (the most cited, 2 times)" in section.facts["citations_note"]
    assert "body of alpha: 3 citations, pointing to 2 different sources." in section.facts["citations_note"]
    blocks = section.tables["removed_blocks"]
    # positioned blocks other than citations: the reference list and the "# Alpha report" heading
    assert sorted(blocks["kind"]) == ["heading", "reference list"]
    assert section.facts["rules_note"].startswith("The cleaning rules cut 2 blocks from alpha;")
    by_kind = section.tables["removed_by_kind"].set_index(["doc_id", "kind"])
    assert by_kind.loc[("alpha", "in-text citation"), "blocks"] == 3


def test_removed_blocks_show_excerpt_chars(manifest_corpus):
    params = params_for(manifest_corpus, excerpt_chars=5)
    blocks = corpus_ch.removed(corpus_ch.load(params), params).tables["removed_blocks"]
    # "# Alpha report" cut to its first 5 characters
    assert blocks.loc[blocks["kind"] == "heading", "excerpt"].tolist() == ["# Alp"]


def test_citations_are_told_apart_by_their_whole_text(manifest_corpus):
    # "(Khan, 2024)" and "(Lee, 2023)" share no prefix beyond "(", so with 1
    # excerpt character they would merge into one source if the excerpt were used
    params = params_for(manifest_corpus, excerpt_chars=1)
    section = corpus_ch.removed(corpus_ch.load(params), params)
    assert len(section.tables["in_text_citations"]) == 2
    assert "3 citations, pointing to 2 different sources" in section.facts["citations_note"]


def test_counts_and_references(manifest_corpus):
    texts = corpus_ch.load(params_for(manifest_corpus))
    counts = corpus_ch.counts(texts).tables["counts"].set_index("id")
    # alpha: 11 tokens in 3 sentences; beta: 5 tokens in 2 sentences
    assert counts.loc["alpha", "tokens_per_sentence"] == pytest.approx(11 / 3)
    assert counts.loc["beta", "tokens_per_sentence"] == pytest.approx(5 / 2)
    section = corpus_ch.references(texts)
    # the two "- " lines under ### References
    assert "keeps the 2 entries of alpha as their own table" in section.facts["references_note"]
    assert section.tables["references"]["reference"].tolist() == [
        "Khan, A. (2024). Trade.",
        "Lee, B. (2023). Border.",
    ]


def test_pipeline_summary_agrees_on_sentences(manifest_corpus):
    params = params_for(manifest_corpus)
    section = corpus_ch.pipeline_summary(corpus_ch.load(params), params)
    # same documents, same cleaning, same splitter: the 5 sentences counted above
    assert section.facts["pl_sentences"] == "5 sentences"
    assert section.facts["pl_match"] == "the same number as in"


def test_sentence_match_wording():
    # the two wordings the prose can receive, by the definition in the module
    assert corpus_ch.sentence_match(5, 5) == "the same number as in"
    assert corpus_ch.sentence_match(4, 5) == "a DIFFERENT number from"


# -- any corpus input (issue 13) ---------------------------------------------------------

#: Fixture texts for the folder, CSV and Parquet inputs.  Hand counts, per text:
#: "one": sentences "Talks resumed on Monday." "Both sides spoke of trade." | "The border stayed shut."
#:        = 3 sentences; tokens 4 + 5 + 4 = 13
#: "two": one sentence "Pakistan's exports fell 7.55% to $1,140.17 million." and "Officials cannot agree."
#:        = 2 sentences; tokens Pakistan's exports fell 7.55 to 1,140.17 million | Officials cannot agree = 10
TEXTS = {
    "one": "Talks resumed on Monday. Both sides spoke of trade.\n\nThe border stayed shut.\n",
    "two": "Pakistan's exports fell 7.55% to $1,140.17 million. Officials cannot agree.\n",
}


@pytest.fixture
def text_folder(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_text_folder_prose(text_folder):
    params = params_for(text_folder)
    texts = corpus_ch.load(params)
    facts = corpus_ch.documents(texts, params).facts
    assert (facts["n_docs"], facts["n_sentences"], facts["n_tokens"]) == (
        "2 documents",
        "5 sentences",
        "23 word tokens",
    )
    assert facts["source_note"] == f"{text_folder} (a folder of .txt files)"
    assert "manifest" not in facts["metadata_note"]
    assert facts["metadata_note"].startswith("A folder of .txt files carries no metadata")
    # a file name is all a .txt folder gives: id and title
    assert list(corpus_ch.documents(texts, params).tables["documents"].columns) == ["id", "title"]
    removed = corpus_ch.removed(texts, params)
    assert removed.tables["removed_blocks"].empty and removed.tables["in_text_citations"].empty
    assert removed.facts["rules_note"].startswith("No cleaning rule applies to these texts (a folder of .txt")
    assert removed.facts["citations_note"].startswith("No author–year citation")
    assert corpus_ch.references(texts).facts["references_note"].startswith("No document in this corpus")


def test_token_counts_reconcile_the_two_definitions(text_folder):
    params = params_for(text_folder)
    texts = corpus_ch.load(params)
    table = corpus_ch.token_counts(texts).set_index("id")
    # "two" by hand: 10 tokens; 7.55 and 1,140.17 have no letter (2); Pakistan's is two
    # letter runs (+1); Treebank reads "cannot" as "can not" (+1); so 10 - 2 + 1 + 1 = 10
    # letter runs: pakistan s exports fell to million officials can not agree
    assert table.loc["two"].to_dict() == {
        "chapter_tokens": 10,
        "tokens_without_letters": 2,
        "extra_letter_runs": 1,
        "treebank_splits": 1,
        "pipeline_tokens": 10,
    }
    # "one" has nothing to reconcile: 13 plain words either way
    assert table.loc["one", ["chapter_tokens", "pipeline_tokens"]].tolist() == [13, 13]
    section = corpus_ch.pipeline_summary(texts, params)
    summary = section.tables["pipeline_summary"].set_index("measure")["value"]
    # the per-document table adds up to what the pipeline itself counted
    assert summary["word tokens counted (lower-cased letter runs)"] == table["pipeline_tokens"].sum() == 23
    note = section.facts["token_gap"]
    assert note.startswith("The pipeline and this chapter both count 23 word tokens, though they count")
    assert "2 tokens without a letter (such as “7.55”) drop out" in note
    assert "1 letter run is added by tokens that hold more than one (such as “Pakistan's”)" in note


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_table_inputs(tmp_path, suffix):
    # integer ids in the Parquet file, as a user's archive may have them
    frame = pd.DataFrame(
        {"id": [7, 8], "text": list(TEXTS.values()), "date": ["2025-03-01", None], "outlet": ["Dawn", "Dawn"]}
    )
    path = tmp_path / f"docs{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    params = params_for(path, documents=["8"])
    corpus_ch.check(params)
    texts = corpus_ch.load(params)
    section = corpus_ch.documents(texts, params)
    assert section.facts["n_docs"] == "1 document"
    assert section.facts["n_tokens"] == "10 word tokens"  # the hand count of "two" above
    assert section.facts["metadata_note"].startswith("Metadata comes from the columns of the table")
    # document 8 has no date (empty cell) but an outlet; no title column, but title is always shown
    assert list(section.tables["documents"].columns) == ["id", "title", "outlet"]
    scaled = corpus_ch.pipeline_summary(texts, params)
    assert scaled.facts["pl_docs"] == "1 document" and scaled.facts["pl_match"] == "the same number as in"


def test_single_document_from_a_manifest(manifest_corpus):
    params = params_for(manifest_corpus, documents=["beta"])
    texts = corpus_ch.load(params)
    facts = corpus_ch.lengths(texts).facts
    # beta loses its final newline only: 1 character of len(BETA)
    assert facts["most_cut"] == f"Cleaning removed {1 / len(BETA):.0%} of the file."
    removed = corpus_ch.removed(texts, params)
    assert removed.facts["rules_note"].startswith(
        "No cleaning rule applies to these texts (the manifest gives them none)"
    )


# -- repeated sentences (issue 15) ---------------------------------------------------------

#: One document that repeats itself.  By hand, sentences 0-3:
#: 0 "Trade fell sharply after the talks." (6 tokens)
#: 1 "The border closed." (3)
#: 2 "Trade fell sharply after the talks!" (6): sentence 0 again, punctuation aside (exact)
#: 3 "Traders said the crossing had been shut for five days." (10)
#: and in a second paragraph
#: 4 "Traders said the crossing had been shut for four days." (10): one token of ten
#:   differs from 3, difflib ratio 2 * 9 / 20 = 0.9 (near at 0.9)
REPEATS = (
    "Trade fell sharply after the talks. The border closed. Trade fell sharply after the talks!\n"
    "Traders said the crossing had been shut for five days.\n\n"
    "Traders said the crossing had been shut for four days.\n"
)


@pytest.fixture
def repeating_folder(tmp_path):
    folder = tmp_path / "repeats"
    folder.mkdir()
    (folder / "rep.txt").write_text(REPEATS, encoding="utf-8")
    (folder / "other.txt").write_text("Trade fell sharply after the talks.\n", encoding="utf-8")
    return folder


def test_repeated_sentences_are_found_and_counted(repeating_folder):
    params = params_for(repeating_folder)
    section = corpus_ch.repeated(corpus_ch.load(params), params)
    pairs = section.tables["duplicate_sentences"]
    # "other" repeats a sentence of "rep", but across documents that is no duplicate
    assert pairs[["doc_id", "first", "second", "kind"]].values.tolist() == [
        ["rep", 0, 2, "exact"],
        ["rep", 3, 4, "near"],
    ]
    effect = section.tables["duplicate_effect"].set_index("id")
    # dropping removes sentences 2 (6 tokens) and 4 (10 tokens) of rep's 35 tokens
    assert effect.loc["rep", ["sentences", "sentences_dropped", "tokens", "tokens_dropped"]].tolist() == [
        5,
        2,
        35,
        16,
    ]
    assert effect.loc["other", "tokens_dropped"] == 0
    assert section.facts["dup_found"] == (
        "In rep, 1 pair of sentences is identical once case and punctuation are set aside, "
        "and 1 pair nearly so (similarity at least 0.9)."
    )
    # 16 of rep's 35 tokens; 16 of the corpus's 35 + 6
    assert section.facts["dup_effect"] == (
        "Dropping the later sentence of each pair would remove 2 sentences and 16 word tokens: "
        f"{16 / 35:.1%} of the tokens of rep, {16 / 41:.1%} of the corpus."
    )
    assert section.corpus is not None and len(section.corpus.sentences) == 6  # keep: all 5 + 1


def test_drop_changes_the_counts_that_follow(repeating_folder):
    params = params_for(repeating_folder, duplicates="drop")
    texts = corpus_ch.load(params)
    section = corpus_ch.repeated(texts, params)
    assert section.facts["dup_choice"].startswith("This run drops the later sentence of each pair")
    counts = corpus_ch.counts(section.corpus).tables["counts"].set_index("id")
    # rep: 5 - 2 sentences, 35 - 16 tokens; other unchanged
    assert counts.loc["rep", ["n_sentences", "n_tokens"]].tolist() == [3, 19]
    assert counts.loc["other", ["n_sentences", "n_tokens"]].tolist() == [1, 6]
    # the pipeline reads the texts as received: it is compared with all 6 sentences
    assert corpus_ch.pipeline_summary(texts, params).facts["pl_match"] == "the same number as in"


def test_a_higher_threshold_keeps_the_near_pair_out(repeating_folder):
    params = params_for(repeating_folder, duplicate_similarity=0.95)
    pairs = corpus_ch.repeated(corpus_ch.load(params), params).tables["duplicate_sentences"]
    assert pairs[["first", "second"]].values.tolist() == [[0, 2]]  # 0.9 < 0.95


def test_no_repeats_says_so(text_folder):
    params = params_for(text_folder)
    section = corpus_ch.repeated(corpus_ch.load(params), params)
    assert section.tables["duplicate_sentences"].empty
    assert section.facts["dup_found"].startswith("No document repeats a sentence")
    assert section.facts["dup_effect"] == "Dropping repeated sentences would therefore change nothing here."


# -- the notebook and the module agree ------------------------------------------------------


def test_every_glued_key_in_the_prose_is_a_fact(manifest_corpus):
    """Each {glue}`key` of the notebook's prose is produced by a section function,
    and every fact a section produces is used by the prose (none computed for nothing)."""
    import json
    import re

    from analysis import paths

    cells = json.loads((paths.CHAPTERS / "corpus.ipynb").read_text(encoding="utf-8"))["cells"]
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    glued = set(re.findall(r"\{glue\}`([^`]+)`", prose))
    params = params_for(manifest_corpus)
    texts = corpus_ch.load(params)
    repeated = corpus_ch.repeated(texts, params)
    sections = [
        corpus_ch.documents(texts, params),
        corpus_ch.language(texts),
        corpus_ch.lengths(texts),
        corpus_ch.removed(texts, params),
        repeated,
        corpus_ch.counts(repeated.corpus),
        corpus_ch.references(texts),
        corpus_ch.checkable_errors(texts),
        corpus_ch.pipeline_summary(texts, params),
    ]
    facts = {key for section in sections for key in section.facts}
    assert glued == facts


def test_checkable_errors_lists_each_flagged_sentence_unchanged(tmp_path):
    # "w" states two listed errors (data/factchecks/factchecks.csv: bin_laden_captured in its
    # first sentence, uscirf_not_un in its second); "r" says the same things rightly
    folder = tmp_path / "checks"
    folder.mkdir()
    wrong = [
        "After the capture of Osama bin Laden in 2011, trust fell.",
        "The United Nations Commission on International Religious Freedom issued a report.",
    ]
    (folder / "w.txt").write_text(" ".join(wrong) + "\n", encoding="utf-8")
    (folder / "r.txt").write_text("Osama bin Laden was killed in 2011.\n", encoding="utf-8")
    section = corpus_ch.checkable_errors(corpus_ch.load(params_for(folder)))
    table = section.tables["fact_checks"]
    assert table.columns.tolist() == corpus_ch.FACT_CHECK_COLUMNS
    assert table[["doc_id", "sent_index"]].values.tolist() == [["w", 0], ["w", 1]]
    assert table["text"].tolist() == wrong  # quoted as the text has it
    assert "killed, not captured" in table["record_says"].iloc[0]
    n_checks = len(corpus_ch.factchecks.load())
    assert section.facts["fact_checks_note"] == (
        f"2 sentences in 1 document (w) state an error that one of the {n_checks} curated checks "
        "lists; 2 of the checks match."
    )


def test_checkable_errors_none_found(text_folder):
    # TEXTS state none of the listed errors; with a one-row list the prose says "the 1 curated check"
    checks = corpus_ch.factchecks.load().head(1)
    section = corpus_ch.checkable_errors(corpus_ch.load(params_for(text_folder)), checks)
    assert section.tables["fact_checks"].empty
    assert section.facts["fact_checks_note"].startswith(
        "No sentence of this corpus matches the 1 curated check: no checkable error found."
    )
