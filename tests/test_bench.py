"""Tests of analysis/bench.py (on small sizes; `make bench` runs the full ones)."""

from __future__ import annotations

import json

import pytest

from analysis.bench import runner as bench
from analysis.methods import words

SENTENCES = ["Kabul and Islamabad talk.", "The border at Torkham is closed.", "Trade fell."]


def test_synthetic_corpus_is_seeded_and_sized():
    a = bench.synthetic_corpus(1_000, seed=3, sentences=SENTENCES)
    assert a == bench.synthetic_corpus(1_000, seed=3, sentences=SENTENCES)
    assert a != bench.synthetic_corpus(1_000, seed=4, sentences=SENTENCES)
    # overshoot is less than one sentence (at most 6 words here)
    assert 1_000 <= len(words.WORD_RE.findall(a)) < 1_006
    with pytest.raises(ValueError, match="n_tokens"):
        bench.synthetic_corpus(0, sentences=SENTENCES)


def test_text_throughput_small_run():
    r = bench.bench_text_throughput(n_tokens=20_000, seed=0, naive_tokens=5_000)
    assert r["counts_identical"] and r["differing_types"] == []
    assert r["corpus_tokens"] >= 20_000 and 5_000 <= r["sample_tokens"] < 5_100
    assert r["speedup"] == pytest.approx(r["fast_tokens_per_s"] / r["naive_tokens_per_s"])


def test_main_writes_json_and_keeps_other_sections(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAKAFGHAN_BUILD_DIR", str(tmp_path))
    (tmp_path / "bench.json").write_text(json.dumps({"sections": {"other": {"x": 1}}}))
    fake = bench.Section("tiny", lambda: {"value": 2}, lambda r: [("value", str(r["value"]))], "Tiny")
    monkeypatch.setattr(bench, "SECTIONS", [fake])
    assert bench.main(["--only", "tiny"]) == 0
    report = json.loads((tmp_path / "bench.json").read_text())
    assert report["sections"]["other"] == {"x": 1} and report["sections"]["tiny"]["value"] == 2
    assert "== Tiny" in capsys.readouterr().out
    assert bench.main(["--only", "nope"]) == 2


def test_peers_coding_small_run_is_identical(monkeypatch):
    from analysis.bench import peers

    monkeypatch.setattr(peers, "LONG_WORDS", 2_000)
    r = peers.bench_coding(seed=0, n_tokens=2_000)
    assert r["identical_mentions"] and r["identical_frames"]
    assert r["tokens"] >= 2_000 and r["vs_old"] == pytest.approx(r["old_cpu_s"] / r["project_cpu_s"])


def test_peers_counting_small_run_is_identical():
    pytest.importorskip("sklearn")  # requirements-bench.lock, installed by make bench
    from analysis.bench import peers

    r = peers.bench_counting(seed=0, n_tokens=5_000)
    assert r["identical_sklearn"] and r["identical_python"] and r["tokens"] >= 5_000


def test_peers_sentiment_small_run_is_identical(monkeypatch):
    from analysis.bench import peers

    monkeypatch.setattr(peers, "SENTIMENT_SENTENCES", 200)
    monkeypatch.setattr(peers, "SYNTHETIC_SENTENCES", 300)
    monkeypatch.setattr(peers, "SYNTHETIC_TIMED", 100)
    monkeypatch.setattr(peers, "REPEATS", 1)
    r = peers.bench_sentiment(seed=0)
    assert r["identical"] and r["batch_identical"] and r["compared_sentences"] == r["seed_sentences"] + 300
    # the differing sentences are counted, and a label change implies a compound change
    assert 0 <= r["nltk_label_differ"] <= r["nltk_differ"] <= r["seed_sentences"]


def test_a_failing_section_is_reported_and_the_others_still_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAKAFGHAN_BUILD_DIR", str(tmp_path))

    def broken():
        raise RuntimeError("the book did not build")

    ok = bench.Section("ok", lambda: {"value": 1}, lambda r: [("value", str(r["value"]))], "Fine")
    bad = bench.Section("bad", broken, lambda r: [], "Broken")
    monkeypatch.setattr(bench, "SECTIONS", [bad, ok])
    assert bench.main([]) == 1
    report = json.loads((tmp_path / "bench.json").read_text())
    assert "the book did not build" in report["sections"]["bad"]["error"]
    assert report["sections"]["ok"]["value"] == 1
    captured = capsys.readouterr()
    assert "FAILED" in captured.err and "== Fine" in captured.out
