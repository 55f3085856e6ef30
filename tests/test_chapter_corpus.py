"""The corpus chapter's module: its parameter check and the facts its prose glues.

Every corpus here is a tiny fixture written by the test (a manifest folder
with cleaning rules, so that there is something to cut), and every expected
value is a hand count on that fixture or a formula over its strings.
"""

from __future__ import annotations

import hashlib
import textwrap

import pytest

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


def _entry(doc_id: str, file: str, text: str) -> str:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    fields = "title authors outlet outlet_country date date_meaning genre identifier perspective".split()
    lines = [f"  - id: {doc_id}", f"    file: {file}", f"    sha256: {sha}"]
    lines += [f"    {name}: unknown" for name in fields]
    return "\n".join(lines) + "\n"


@pytest.fixture
def manifest_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.txt").write_text(BETA, encoding="utf-8")
    manifest = "schema_version: 1\ndocuments:\n"
    manifest += _entry("alpha", "alpha.txt", ALPHA) + ALPHA_RULES + _entry("beta", "beta.txt", BETA)
    (folder / "manifest.yaml").write_text(manifest, encoding="utf-8")
    return folder


def params_for(corpus_dir, **changes) -> dict:
    values = {
        "corpus_dir": str(corpus_dir),
        "documents": [],
        "excerpt_chars": 80,
        "engine": "pandas",
        "scheduler": "",
        "processes": 1,
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
        ({"documents": ["alpha", "gamma"]}, "parameter 'documents': unknown document id(s) 'gamma'"),
    ],
)
def test_check_refuses_bad_values(manifest_corpus, changes, message):
    with pytest.raises(ParameterError) as caught:
        corpus_ch.check(params_for(manifest_corpus, **changes))
    assert str(caught.value).startswith(message)


def test_check_refuses_a_missing_corpus(tmp_path):
    with pytest.raises(ParameterError, match="parameter 'corpus_dir'.*does not exist"):
        corpus_ch.check(params_for(tmp_path / "nowhere"))


def test_check_accepts_a_dask_address(manifest_corpus):
    assert (
        corpus_ch.check(params_for(manifest_corpus, engine="dask", scheduler="tcp://10.0.0.5:8786")) is None
    )


# -- sections ------------------------------------------------------------------------


def test_documents_facts_hand_count(manifest_corpus):
    texts = corpus_ch.load(params_for(manifest_corpus))
    facts = corpus_ch.documents(texts).facts
    # sentences: "Trade fell sharply." "Talks resumed after a pause." "The border closed."
    # (alpha, 3) + "Peace talks begin." "They end." (beta, 2)
    # tokens: 3 + 5 + 3 (alpha) + 3 + 2 (beta) = 16
    assert facts == {"n_docs": "2", "n_sentences": "5", "n_tokens": "16"}


def test_lengths_facts_from_the_fixture_strings(manifest_corpus):
    texts = corpus_ch.load(params_for(manifest_corpus))
    facts = corpus_ch.lengths(texts).facts
    kept = sum(map(len, ALPHA_BODY)) + len(BETA.rstrip("\n"))
    assert facts["share_kept"] == f"{kept / (len(ALPHA) + len(BETA)):.0%}"
    # alpha loses its heading, citations and references; beta only its final newline
    assert facts["most_cut_id"] == "alpha"
    assert facts["most_cut_share"] == f"{1 - sum(map(len, ALPHA_BODY)) / len(ALPHA):.0%}"


def test_removed_counts_the_citations(manifest_corpus):
    params = params_for(manifest_corpus)
    section = corpus_ch.removed(corpus_ch.load(params), params)
    # three citations in ALPHA: (Khan, 2024) twice, (Lee, 2023) once
    assert section.facts == {"n_citations": "3", "n_cited_sources": "2"}
    citations = section.tables["in_text_citations"]
    assert citations[["citation", "times"]].values.tolist() == [["(Khan, 2024)", 2], ["(Lee, 2023)", 1]]
    blocks = section.tables["removed_blocks"]
    # positioned blocks other than citations: the reference list and the "# Alpha report" heading
    assert sorted(blocks["kind"]) == ["heading", "reference list"]
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
    assert section.facts == {"n_citations": "3", "n_cited_sources": "2"}


def test_counts_and_references(manifest_corpus):
    texts = corpus_ch.load(params_for(manifest_corpus))
    counts = corpus_ch.counts(texts).tables["counts"].set_index("id")
    # alpha: 11 tokens in 3 sentences; beta: 5 tokens in 2 sentences
    assert counts.loc["alpha", "tokens_per_sentence"] == pytest.approx(11 / 3)
    assert counts.loc["beta", "tokens_per_sentence"] == pytest.approx(5 / 2)
    section = corpus_ch.references(texts)
    assert section.facts == {"n_references": "2"}  # the two "- " lines under ### References
    assert section.tables["references"]["reference"].tolist() == [
        "Khan, A. (2024). Trade.",
        "Lee, B. (2023). Border.",
    ]


def test_pipeline_summary_agrees_on_sentences(manifest_corpus):
    params = params_for(manifest_corpus)
    section = corpus_ch.pipeline_summary(corpus_ch.load(params), params)
    # same documents, same cleaning, same splitter: the 5 sentences counted above
    assert section.facts["pl_sentences"] == "5"
    assert section.facts["pl_match"] == "the same number as in"


def test_sentence_match_wording():
    # the two wordings the prose can receive, by the definition in the module
    assert corpus_ch.sentence_match(5, 5) == "the same number as in"
    assert corpus_ch.sentence_match(4, 5) == "a DIFFERENT number from"
