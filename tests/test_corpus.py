"""Corpus tables and the tokenizer/sentence splitter (hand counts on tiny texts)."""

import corpora
import pytest

from analysis import paths
from analysis.corpus import text
from analysis.corpus.load import load_corpus, split_body
from analysis.errors import CorpusError


def test_tokenizer_hand_count():
    # 9 tokens counted by hand: Pakistan's | exports | rose | 7.55 | to | 1,140.17 | in | Pak-Afghan | trade
    assert text.tokenize("Pakistan's exports rose 7.55% to $1,140.17 in Pak-Afghan trade.") == [
        "Pakistan's",
        "exports",
        "rose",
        "7.55",
        "to",
        "1,140.17",
        "in",
        "Pak-Afghan",
        "trade",
    ]


def test_sentence_splitter_respects_abbreviations():
    para = "Mr. Shahbaz Sharif spoke on Dec. 24. Pakistan denied it. Did Kabul agree?"
    assert [para[s:e] for s, e in text.sentence_spans(para)] == [
        "Mr. Shahbaz Sharif spoke on Dec. 24.",
        "Pakistan denied it.",
        "Did Kabul agree?",
    ]


def test_split_body_offsets_point_into_the_body():
    body = "One two. Three.\n\nFour five six."
    sentences, tokens = split_body("d", body)
    assert [s["text"] for s in sentences] == ["One two.", "Three.", "Four five six."]
    assert [s["paragraph"] for s in sentences] == [0, 0, 1]
    assert len(tokens) == 6
    for tok in tokens:
        assert body[tok["start"] : tok["end"]] == tok["token"]
    for s in sentences:
        assert body[s["start"] : s["end"]] == s["text"]


@pytest.mark.parametrize("build", [corpora.seeds, corpora.seeds_plus_news], ids=["seeds", "seeds_plus_news"])
def test_tables_are_consistent(build, tmp_path):
    folder = build(tmp_path / "corpus")
    corpus = load_corpus(folder)
    docs = corpus.documents.set_index("id")
    # expected: one row per manifest entry, in the manifest's order (whatever the folder holds)
    assert list(docs.index) == corpora.manifest_ids(folder)
    assert corpus.tokens.groupby("doc_id").size().to_dict() == docs["n_tokens"].to_dict()
    assert corpus.sentences.groupby("doc_id").size().to_dict() == docs["n_sentences"].to_dict()


def test_document_subset_and_unknown_ids():
    corpus = load_corpus(documents=["bonesh2023", "humnews2025"])
    assert set(corpus.tokens.doc_id) == {"bonesh2023", "humnews2025"}
    with pytest.raises(CorpusError, match="unknown document id.*'nope'.*valid ids: tariq2026"):
        load_corpus(documents=["nope"])


def test_adding_a_document_needs_only_file_and_manifest_entry(tmp_path):
    import hashlib
    import shutil

    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS, seeds)
    new = seeds / "005_new.txt"
    new.write_text("Kabul and Islamabad met. Talks failed.\n", encoding="utf-8")
    digest = hashlib.sha256(new.read_bytes()).hexdigest()
    with open(seeds / "manifest.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"""
  - id: newdoc
    file: 005_new.txt
    sha256: {digest}
    title: A new text
    authors: [unknown]
    outlet: unknown
    outlet_country: unknown
    date: unknown
    date_meaning: unknown
    genre: news
    identifier: unknown
    perspective: unknown
""")
    corpus = load_corpus(seeds)
    row = corpus.documents.set_index("id").loc["newdoc"]
    assert row.n_sentences == 2 and row.n_tokens == 6  # hand count
