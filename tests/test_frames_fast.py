"""Fast frame coding gives the hits of the original, uncached implementation.

The reference is ``frames._frame_hits_reference`` (the original code, kept)
and, for ``code_sentences``, the original row-by-row loop written out below;
both run in the test on the same text: seed sentences, synthetic mixes of the
dictionary's keywords with possessives, hyphens, capitals and currency signs,
and the exclusion phrases.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.corpus.load import load_corpus
from analysis.methods import actors as A
from analysis.methods import frames as F


@pytest.fixture(scope="module")
def f():
    return F.load_frames()


def _reference_code_sentences(sentences, frames, mask_actors=None):
    # the loop code_sentences ran before it was vectorised, verbatim in effect
    rows, hit_rows = [], []
    ids = frames.frames["id"].tolist()
    for s in sentences.itertuples():
        text = s.text if mask_actors is None else F.mask_mentions(s.text, mask_actors)
        found = F._frame_hits_reference(text, frames)
        present = {h["frame"] for h in found}
        row = {"doc_id": s.doc_id, "sent_index": s.sent_index}
        row.update({fr: int(fr in present) for fr in ids})
        for scheme, other in frames.other.items():
            if other:
                in_scheme = frames.frames.loc[frames.frames["scheme"] == scheme, "id"]
                row[other] = int(not any(row[x] for x in in_scheme))
        rows.append(row)
        hit_rows += [{"doc_id": s.doc_id, "sent_index": s.sent_index, **h} for h in found]
    coded = pd.DataFrame(rows)
    hits = pd.DataFrame(hit_rows, columns=["doc_id", "sent_index", "frame", "keyword", "token"])
    return coded, hits


def _synthetic(f, n=400, seed=16):
    words = [w.rstrip("*") for k in f.keywords["keyword"] for w in k.split()]
    words += [w for ex in (f.excludes or {}).values() for phrase in ex for w in phrase]
    filler = ["the", "of", "and", "cross", "-", "$", "1.6", "£ 3", "billion", ",", "."]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        toks = []
        for _ in range(rng.randint(1, 40)):
            w = rng.choice(words) if rng.random() < 0.6 else rng.choice(filler)
            r = rng.random()
            w = w.upper() if r < 0.1 else w.capitalize() if r < 0.2 else w
            w += rng.choice(["", "", "", "'s", "’s", "s", "-border", "ing", "ed"])
            toks.append(w)
        out.append(rng.choice([" ", " ", "-"]).join(toks))
    return out


def test_frame_hits_identical_on_seed_and_synthetic_text(f):
    texts = load_corpus().sentences["text"].tolist() + _synthetic(f)
    n_hits = 0
    for t in texts:
        ref = F._frame_hits_reference(t, f)
        assert F.frame_hits(t, f) == ref, t
        assert F.frames_present(t, f) == {h["frame"] for h in ref}, t
        n_hits += len(ref)
    assert n_hits > 1000  # the comparison covered many hits


def test_code_sentences_identical_to_the_row_loop(f):
    sents = load_corpus().sentences
    d = A.load_actors()
    for mask in (None, d):
        coded, hits = F.code_sentences(sents, f, mask_actors=mask)
        ref_coded, ref_hits = _reference_code_sentences(sents, f, mask_actors=mask)
        pd.testing.assert_frame_equal(coded, ref_coded)
        pd.testing.assert_frame_equal(hits, ref_hits)
    empty, _ = F.code_sentences(sents.iloc[:0], f)
    assert empty.equals(_reference_code_sentences(sents.iloc[:0], f)[0])


def test_count_frames_are_the_column_sums(f):
    sents = load_corpus().sentences
    coded, _ = F.code_sentences(sents, f)
    sums = {c: int(coded[c].sum()) for c in coded.columns if c not in ("doc_id", "sent_index")}
    assert dict(F.count_frames(sents["text"], f)) == sums
    assert F.count_frames([], f) == {}


def test_count_frames_equal_the_frames_present_in_each_text(f):
    # empty texts, a text holding NUL and currency signs at text edges are counted like any text
    def one_by_one(texts):
        present = [F.frames_present(t, f) for t in texts]
        out = {fr: sum(fr in p for p in present) for fr in f.frames["id"]}
        policy = set(f.frames.loc[f.frames["scheme"] == "policy_frames", "id"])
        out[f.other["policy_frames"]] = sum(p.isdisjoint(policy) for p in present)
        return out

    texts = _synthetic(f, n=300, seed=3)
    for batch in (texts, [""] + texts + [""], texts[:5] + ["war\x00trade"] + texts[5:9], ["$", "5 $"]):
        assert dict(F.count_frames(batch, f)) == one_by_one(batch)
