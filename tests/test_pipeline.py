"""Tests of analysis/pipeline.py (engines, partitions, merge) and analysis/sources.py.

Where expected values come from:

* **whole-corpus results** are computed by calling the chapters' own
  functions once on the whole seed corpus (``load_corpus`` +
  ``words.count_words_fast`` / ``sentiment.score_sentences`` /
  ``actors.match_sentences`` / ``frames.code_sentences``); the pipeline, which
  cuts the corpus into batches and merges their partial results, must give
  exactly the same numbers;
* **the Dask engine** must equal the pandas engine exactly, on a
  ``distributed.LocalCluster`` with two worker processes;
* **hand counts** on tiny texts written in the tests (e.g. "trade" occurs
  twice in "Trade fell. Trade rose.");
* **sources**: the files written by each test.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from analysis.corpus import sources
from analysis.corpus.load import load_corpus
from analysis.errors import CorpusError, ParameterError
from analysis.methods import actors, frames, sentiment, words
from analysis.scale import pipeline

ALL = pipeline.STAGES


@pytest.fixture(scope="module")
def seeds():
    return load_corpus()


@pytest.fixture(scope="module")
def pandas_result():
    # partition_size=2 cuts the seeds into batches of 2 documents (the last may hold 1)
    return pipeline.run("seeds", stages=ALL, partition_size=2, keep_sentences=True)


def test_batches_merge_to_the_whole_corpus_result(seeds, pandas_result):
    r = pandas_result
    assert r.n_documents == len(seeds.documents)  # every document of the corpus, once
    # ingest: the same sentences as load_corpus (manifest cleaning rules applied)
    assert r.sentences.drop(columns="doc_pos").equals(seeds.sentences)
    # frequencies: one count over all clean bodies
    assert r.counts == words.count_words_fast(seeds.documents["body"].tolist())
    # sentiment: one call over the whole sentence table
    whole = sentiment.score_sentences(seeds.sentences)
    assert r.scores["compound"].tolist() == whole["compound"].tolist()
    assert r.scores["label"].tolist() == whole["label"].tolist()
    assert r.scores[["doc_id", "sent_index"]].equals(seeds.sentences[["doc_id", "sent_index"]])
    # coding: mentions and frame sentences over the whole sentence table
    mentions = actors.match_sentences(seeds.sentences, actors.load_actors())
    assert r.mentions == Counter(zip(mentions["actor"], mentions["side"].fillna("")))
    coded, _ = frames.code_sentences(seeds.sentences, frames.load_frames())
    assert r.frame_sentences == Counter({f: int(coded[f].sum()) for f in coded.columns[2:]})
    assert sum(r.frame_sentences.values()) > 0 and sum(r.mentions.values()) > 0


def test_dask_on_a_two_worker_local_cluster_equals_pandas(pandas_result):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        r = pipeline.run(
            "seeds",
            engine="dask",
            scheduler=cluster.scheduler_address,
            stages=ALL,
            partition_size=2,
            keep_sentences=True,
        )
    assert cluster.status.name == "closed"
    p = pandas_result
    assert r.counts == p.counts
    assert r.scores.equals(p.scores)
    assert r.sentences.equals(p.sentences)
    assert r.mentions == p.mentions
    assert r.frame_sentences == p.frame_sentences
    assert (r.n_documents, r.n_sentences) == (p.n_documents, p.n_sentences)


def test_dask_local_process_scheduler_equals_pandas():
    docs = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": ["Trade fell. Trade rose.", "The border closed.", "Peace talks resumed."],
        }
    )
    kw = dict(stages=("ingest", "frequencies", "sentiment"), partition_size=1)
    r, p = pipeline.run(docs, engine="dask", **kw), pipeline.run(docs, **kw)
    assert r.counts == p.counts and r.scores.equals(p.scores)
    # hand count: "trade" twice in document a; 2 + 1 + 1 sentences
    assert r.counts["trade"] == 2 and r.n_sentences == 4
    assert r.scores["doc_id"].tolist() == ["a", "a", "b", "c"]


def test_merge_adds_counts_and_is_order_independent():
    docs = pipeline.documents_frame(
        pd.DataFrame({"id": ["a", "b"], "text": ["Trade fell. Trade rose.", "Trade and the border."]})
    )
    opts = pipeline.Options(stages=("ingest", "frequencies", "sentiment"))
    p1, p2 = (pipeline.run_partition(b, opts) for b in pipeline.batches(docs, 1))
    m12, m21 = pipeline.merge([p1, p2]), pipeline.merge([p2, p1])
    # hand count: trade 2 + 1, border 0 + 1; tokens 4 + 4
    assert m12.counts["trade"] == 3 and m12.counts["border"] == 1 and m12.n_tokens == 8
    assert m12.counts == m21.counts
    assert m12.scores.equals(m21.scores)
    assert m12.scores["doc_id"].tolist() == ["a", "a", "b"]


def test_two_processes_give_the_same_results():
    docs = pd.DataFrame(
        {
            "id": [f"d{i}" for i in range(6)],
            "text": ["Peace talks resumed. The attack killed ten people."] * 6,
        }
    )
    one = pipeline.run(docs, stages=("ingest", "frequencies", "sentiment"), partition_size=2)
    two = pipeline.run(docs, stages=("ingest", "frequencies", "sentiment"), partition_size=2, processes=2)
    assert one.counts == two.counts and one.scores.equals(two.scores)
    sents = pd.DataFrame(
        {"doc_id": "x", "sent_index": range(5), "text": ["Good.", "Bad.", "War.", "Peace.", "Table."]}
    )
    assert pipeline.score_parallel(sents, 2).equals(pipeline.sentiment(sents))


@pytest.mark.parametrize(
    "kwargs, phrase",
    [
        ({"engine": "spark"}, "engine: expected one of 'pandas', 'dask'"),
        ({"engine": "dask", "scheduler": "10.0.0.5"}, "scheduler: expected None, 'local' or a Dask"),
        ({"scheduler": "local"}, "scheduler: only used with engine='dask'"),
        ({"stages": ["ingest", "parse"]}, "stages: unknown stage(s) ['parse']"),
        ({"partition_size": 0}, "partition_size: expected a positive integer"),
    ],
)
def test_bad_parameters_are_named(kwargs, phrase):
    docs = pd.DataFrame({"id": ["a"], "text": ["Text."]})
    with pytest.raises(ParameterError) as exc:
        pipeline.run(docs, **kwargs)
    assert phrase in str(exc.value)


# -- sources --------------------------------------------------------------------


def test_text_folder_gives_documents_and_load_corpus_reads_it(tmp_path):
    (tmp_path / "Dawn 2025.txt").write_text("Trade fell. Trade rose.\n\nThe border closed.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Peace talks resumed.", encoding="utf-8")
    docs = sources.load_documents(tmp_path)
    assert [d.id for d in docs] == ["Dawn_2025", "b"]  # sorted by file name
    c = load_corpus(tmp_path)
    assert c.documents["id"].tolist() == ["Dawn_2025", "b"]
    assert c.documents["n_sentences"].tolist() == [3, 1]  # hand count
    assert c.documents["outlet"].tolist() == ["unknown", "unknown"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_table_with_metadata(tmp_path, suffix):
    df = pd.DataFrame(
        {
            "id": ["007", "b"],
            "text": ["Trade fell. Trade rose.", "The border closed."],
            "title": ["One", "Two"],
            "outlet": ["Dawn", None],
            "year": [2025, 2024],
        }
    )
    path = tmp_path / f"docs{suffix}"
    df.to_csv(path, index=False) if suffix == ".csv" else df.to_parquet(path)
    c = load_corpus(path)
    assert c.documents["id"].tolist() == ["007", "b"]  # "007" stays a string, not 7
    assert c.documents["title"].tolist() == ["One", "Two"]
    assert c.documents["outlet"].tolist() == ["Dawn", "unknown"]
    assert c.documents["year"].tolist() == [2025, 2024]
    assert c.documents["n_sentences"].tolist() == [2, 1]
    r = pipeline.run(path, stages=("ingest", "frequencies"))
    assert r.counts["trade"] == 2 and r.n_documents == 2


def _csv(tmp_path, text: str):
    path = tmp_path / "docs.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content, phrases",
    [
        ("name,text\na,Hello.\n", ["docs.csv", "missing column(s) id", "found: name, text"]),
        ("id,body\na,Hello.\n", ["docs.csv", "missing column(s) text"]),
        ("id,text\na,Hello.\nb,Bye.\na,Again.\n", ["docs.csv", "duplicate document id 'a' (rows 1, 3)"]),
        ('id,text\na,Hello.\nb,"   "\n', ["docs.csv", "document 'b' (row 2) has an empty text"]),
        ("id,text\na,Hello.\nb,\n", ["docs.csv", "document 'b' (row 2) has an empty text"]),
        ("id,text\n,Hello.\n", ["docs.csv", "row 1 has an empty id"]),
        ("id,text\n", ["docs.csv", "has no rows"]),
    ],
)
def test_bad_tables_are_refused_naming_the_file(tmp_path, content, phrases):
    path = _csv(tmp_path, content)
    with pytest.raises(CorpusError) as exc:
        load_corpus(path)
    for phrase in phrases:
        assert phrase in str(exc.value)


def test_bad_folders_and_paths(tmp_path):
    with pytest.raises(CorpusError, match="no manifest.yaml and no .txt files"):
        sources.load_documents(tmp_path)
    (tmp_path / "a b.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "a_b.txt").write_text("Two.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a_b.txt: gives the document id 'a_b', like a b.txt"):
        sources.load_documents(tmp_path)
    (tmp_path / "a_b.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="file does not exist"):
        sources.load_documents(tmp_path / "none.parquet")
    notes = tmp_path / "notes.json"
    notes.write_text("{}", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a corpus; expected a folder with manifest.yaml"):
        sources.load_documents(notes)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(CorpusError, match="x.txt: the file is empty"):
        sources.load_documents(empty)


def test_command_line_writes_the_tables(tmp_path, capsys):
    path = _csv(tmp_path, 'id,text\na,"Trade fell. Trade rose."\nb,The border closed.\n')
    assert (
        pipeline.main(
            [
                str(path),
                "--out",
                str(tmp_path / "out"),
                "--stages",
                "ingest,frequencies,sentiment",
                "--engine",
                "dask",
                "--partition-size",
                "1",
            ]
        )
        == 0
    )
    counts = pd.read_csv(tmp_path / "out" / "counts.csv")
    # hand count: trade 2, fell/rose/the/border/closed 1 each
    assert counts.iloc[0].tolist() == ["trade", 2] and counts["count"].sum() == 7
    assert len(pd.read_csv(tmp_path / "out" / "scores.csv")) == 3
    assert pipeline.main([str(tmp_path / "none.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "none.csv: corpus file does not exist" in capsys.readouterr().err


def test_progress_bar_shows_batches_and_tokens_per_second(capsys):
    docs = pd.DataFrame({"id": ["a", "b"], "text": ["Peace talks resumed.", "The border closed."]})
    quiet = pipeline.run(docs, stages=("ingest", "frequencies"), partition_size=1)
    assert capsys.readouterr().err == ""
    shown = pipeline.run(docs, stages=("ingest", "frequencies"), partition_size=1, progress=True)
    err = capsys.readouterr().err
    # two documents in batches of one: the bar ends at 2/2 batches
    assert "2/2" in err and "tokens/s" in err and "batch" in err
    assert shown.counts == quiet.counts


def test_progress_only_on_a_terminal_and_not_with_quiet():
    class Stream:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    assert pipeline.show_progress(False, Stream(True))
    assert not pipeline.show_progress(True, Stream(True))
    assert not pipeline.show_progress(False, Stream(False))
    assert not pipeline.show_progress(False, object())
