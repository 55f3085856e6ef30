"""Tests for analysis.methods.validation and the rules written for issue 14.

Expected values are computed by hand from the formulas (Wilson 1927; P/R/F1
from counts) or counted on the tiny sentences written here; none come from
running the code.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from support import sentences

from analysis import paths
from analysis.methods import frames_in_context, sides_in_time
from analysis.methods import responsibility as resp
from analysis.methods import validation as val
from analysis.methods.actors import load_actors


@pytest.fixture(scope="module")
def d():
    return load_actors()


# -- metrics -----------------------------------------------------------------


def test_wilson_by_hand():
    # p = 0.8, n = 10, z = 1.96: denominator 1 + 3.8416/10 = 1.38416;
    # centre (0.8 + 0.19208)/1.38416 = 0.71681; half 1.96*sqrt(0.016 + 0.009604)/1.38416 = 0.22658
    low, high = val.wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    # 0 of 5: the lower end is 0, the upper z²/(n + z²) = 3.8416/8.8416 = 0.4345
    assert val.wilson(0, 5) == pytest.approx((0.0, 0.4345), abs=1e-4)
    low, high = val.wilson(0, 0)
    assert low != low and high != high  # NaN: no data, no interval


def test_prf_by_hand():
    r = val.prf(tp=8, fp=2, fn=4)
    # precision 8/10, recall 8/12, F1 = 2*8/(2*8 + 2 + 4) = 16/22
    assert (r["precision"], r["recall"], r["f1"]) == pytest.approx((0.8, 2 / 3, 16 / 22))
    assert (r["precision_low"], r["precision_high"]) == pytest.approx(val.wilson(8, 10))
    assert (r["recall_low"], r["recall_high"]) == pytest.approx(val.wilson(8, 12))
    # F1 as a share of tp + (fp + fn)/2 = 11 trials: its interval lies around 8/11
    assert r["f1_low"] < 16 / 22 < r["f1_high"]
    none = val.prf(0, 0, 3)
    assert none["precision"] != none["precision"] and none["recall"] == 0


def test_multilabel_counts_by_hand():
    gold = [{"a"}, {"a", "b"}, set(), {"c"}]
    pred = [{"a", "b"}, {"b"}, {"c"}, set()]
    t = val.multilabel_scores(gold, pred, ["a", "b", "c"]).set_index("class")
    # a: tp s0, fn s1 -> (1, 0, 1); b: tp s1, fp s0 -> (1, 1, 0); c: fp s2, fn s3 -> (0, 1, 1)
    assert t.loc[["a", "b", "c"], ["tp", "fp", "fn"]].values.tolist() == [[1, 0, 1], [1, 1, 0], [0, 1, 1]]
    assert t.loc["micro", ["tp", "fp", "fn"]].tolist() == [2, 2, 2]
    assert t.loc["micro", "f1"] == pytest.approx(0.5)  # 4/(4 + 2 + 2)
    with pytest.raises(ValueError):
        val.multilabel_scores([{"a"}], [], ["a"])


def test_single_label_and_confusion_by_hand():
    gold = ["negative", "negative", "neutral", "positive"]
    pred = ["negative", "positive", "positive", "positive"]
    t = val.single_label_scores(gold, pred, val.TONES).set_index("class")
    assert t.loc["accuracy", "f1"] == pytest.approx(0.5)  # 2 of 4 right
    assert t.loc["positive", "precision"] == pytest.approx(1 / 3)  # 1 of 3 called positive
    c = val.confusion(gold, pred, val.TONES)
    assert c.loc["negative"].tolist() == [1, 0, 1] and c.loc["neutral"].tolist() == [0, 0, 1]


def test_relation_scores_count_each_tuple_once():
    g = pd.DataFrame(
        {"doc_id": ["d"] * 3, "sent_index": [0, 0, 1], "agent": ["a", "a", "b"], "target": ["b", "b", "a"]}
    )
    p = pd.DataFrame({"doc_id": ["d"] * 2, "sent_index": [0, 2], "agent": ["a", "b"], "target": ["b", "a"]})
    r = val.relation_scores(g, p, ["agent", "target"])
    # gold tuples {(0,a,b), (1,b,a)}, predicted {(0,a,b), (2,b,a)}: one shared
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 1)


# -- the sample ----------------------------------------------------------------


def _fixture_sentences():
    texts = {
        "x": ["Kabul blamed Islamabad.", "Trade grew.", "Prices rose.", "Rain fell.", "Talks began."],
        "y": ["The TTP attacked a post.", "Exports fell.", "Wheat was cheap."],
    }
    rows = [(doc, i, t) for doc, ts in texts.items() for i, t in enumerate(ts)]
    return pd.DataFrame(rows, columns=["doc_id", "sent_index", "text"])


def test_draw_sample_is_seeded_and_takes_every_cue():
    s = _fixture_sentences()
    a, b = val.draw_sample(s, seed=3), val.draw_sample(s, seed=3)
    pd.testing.assert_frame_equal(a, b)
    # cue sentences: "blamed", "Talks", "attacked" -> all in the sample
    cues = {("x", 0), ("x", 4), ("y", 0)}
    assert cues <= set(zip(a["doc_id"], a["sent_index"]))
    # x: 3 other sentences, ceil(0.85*3) = 3 -> 5 sampled, round(0.6*5) = 3 test;
    # y: 2 others -> 2, 3 sampled, round(1.8) = 2 test
    assert a.groupby("doc_id")["split"].apply(lambda x: (x == "test").sum()).to_dict() == {"x": 3, "y": 2}


def test_frozen_test_part_is_unchanged():
    # the sha256 recorded in data/validation/README.md when the test part was committed
    from analysis.chapters.validity import FROZEN

    folder = paths.ROOT / val.VALIDATION_DIR
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name, digest in FROZEN.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        assert digest in readme


def test_coded_labels_use_known_codes():
    for part in ("test", "dev"):
        lab, rel = val.load_labels(part), val.load_relations(part)
        assert set().union(*lab["sides"]) <= set(val.SIDES)
        assert set().union(*lab["speaker_sides"]) <= set(val.SIDES)
        assert set().union(*lab["frames"]) <= set(val._frame_classes())
        assert set(lab["tone"]) <= set(val.TONES)
        assert set(rel["relation"]) <= set(val.RELATIONS) and set(rel["status"]) <= {"asserted", "alleged"}


# -- time-aware sides ----------------------------------------------------------------


def test_taliban_side_follows_the_date(d):
    docs = pd.DataFrame({"id": ["d"], "date": ["2025-01-01"]})
    s = pd.DataFrame(
        {
            "doc_id": ["d"] * 4,
            "sent_index": [0, 1, 2, 3],
            "paragraph": [0, 0, 1, 1],
            "start": [0, 100, 200, 300],
            "text": [
                "Pakistan backed the Taliban during the 1990s.",  # dated 1990s: before -> militant
                "The Taliban grew stronger.",  # no date, same paragraph: carries "before"
                "The Taliban retook Kabul in August 2021.",  # dated August 2021: after
                "The Taliban government of the 1990s was isolated.",  # a government form: afghanistan
            ],
        }
    )
    from analysis.methods.actors import match_sentences

    m = sides_in_time.apply(match_sentences(s, d), s, docs)
    got = m[m["actor"] == "Afghan Taliban"][["sent_index", "side"]].values.tolist()
    assert got == [[0, "militant"], [1, "militant"], [2, "afghanistan"], [3, "afghanistan"]]


def test_undated_sentence_takes_document_date(d):
    text = "The Taliban fought on."
    mention = [m for m in __import__("analysis.methods.actors", fromlist=["x"]).find_mentions(text, d)][0]
    from datetime import date

    assert sides_in_time.mention_side(text, mention, None, [], date(2019, 5, 1)) == "militant"
    assert sides_in_time.mention_side(text, mention, None, [], date(2023, 5, 1)) == "afghanistan"
    assert (
        sides_in_time.mention_side(text, mention, None, [], None) == "afghanistan"
    )  # no date: dictionary side


# -- responsibility rules ----------------------------------------------------------------


def rels(text, d, previous_state=None):
    out, _ = resp.sentence_relations(text, d, previous_state=previous_state)
    return sorted((r["agent"], r["target"], r["relation"], r["status"]) for r in out)


def test_nominal_support_and_supporter(d):
    # "Pakistan's support for the Taliban": possessor supports the object; asserted by the
    # author, alleged when it is what someone said (guide section 4, status)
    assert rels("Pakistan's support for the Taliban grew.", d) == [
        ("pakistan", "afghanistan", "supports_or_harbours", "asserted")
    ]
    assert rels("Analysts said Pakistan's support for the Taliban grew.", d) == [
        ("pakistan", "afghanistan", "supports_or_harbours", "alleged")
    ]
    assert rels("Islamabad was the key supporter of the Taliban government.", d) == [
        ("pakistan", "afghanistan", "supports_or_harbours", "asserted")
    ]


def test_pronoun_takes_previous_state_and_alleged(d):
    # "It" = the state named last in the sentence before (passed as previous_state)
    got = rels("It provided bases to NATO, while allegedly providing sanctuaries to the TTP.", d, "pakistan")
    assert ("pakistan", "militant", "supports_or_harbours", "alleged") in got


def test_pair_phrase_gives_mutual_acts(d):
    assert rels("The blame game between the two countries went on.", d) == [
        ("afghanistan", "pakistan", "accuses", "asserted"),
        ("pakistan", "afghanistan", "accuses", "asserted"),
    ]


def test_attack_named_by_victims(d):
    got = rels("Daesh claimed a suicide attack in Kunduz, which killed Taliban members.", d)
    assert ("militant", "afghanistan", "attacks_or_coerces", "asserted") in got


def test_reported_speech_accuses_the_harbouring_state(d):
    got = rels("The Foreign Office said that the Afghan Taliban use Pakistani groups as proxies.", d)
    assert ("pakistan", "afghanistan", "accuses", "asserted") in got
    assert ("afghanistan", "militant", "supports_or_harbours", "alleged") in got


def test_denied_presence_is_not_a_target(d):
    # the Taliban deny the presence of networks: the networks are not the target of a denial
    got = rels("The Afghan Taliban deny the presence of any terrorist network in Afghanistan.", d)
    assert not any(r[2] == "denies" and r[1] == "militant" for r in got)


def test_relations_table_resolves_across_sentences(d):
    s = sentences(["Pakistan changed course.", "It backed the Afghan Taliban."], doc_id="h")
    t = resp.relations_table(s, d, time_aware=False)
    assert t[["sent_index", "agent", "target", "relation"]].values.tolist() == [
        [1, "pakistan", "afghanistan", "supports_or_harbours"]
    ]


def test_actor_frames_add_security():
    coded = pd.DataFrame(
        {"doc_id": ["d", "d"], "sent_index": [0, 1], "security_defense": [0, 1], "other": [1, 0]}
    )
    mentions = pd.DataFrame({"doc_id": ["d"], "sent_index": [0], "side": ["militant"]})
    out = frames_in_context.add_actor_frames(coded, mentions)
    assert out[["security_defense", "other"]].values.tolist() == [[1, 0], [1, 0]]


def test_speakers_from_accusations_and_claim_nouns(d):
    from analysis.methods import speakers_in_context as sp

    s = sentences(
        [
            "Pakistan has been accusing Afghanistan of harbouring the TTP.",  # accuser: pakistan
            "Kabul rejected Munir Akram's claim about militant groups.",  # denier and claimant
            "The blame game between the two countries went on.",  # author's summary: no speaker
        ]
    )
    rel = resp.relations_table(s, d, time_aware=False)
    empty = pd.DataFrame(columns=["doc_id", "sent_index", "side"])
    got = sp.speaker_sides(s, empty, rel, d)
    assert got == {("d", 0): {"pakistan"}, ("d", 1): {"afghanistan", "pakistan"}}
