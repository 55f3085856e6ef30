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
