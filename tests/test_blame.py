"""Tests for analysis.blame: the matrix of a three-sentence text counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import blame as B
from analysis.actors import load_actors


@pytest.fixture(scope="module")
def d():
    return load_actors()


def test_three_sentence_text_by_hand(d):
    sents = pd.DataFrame({"doc_id": ["x"] * 3, "sent_index": [0, 1, 2], "text": [
        "Islamabad accused Kabul of harbouring the TTP.",
        "The Taliban denied the charge and blamed Pakistan.",
        "Trade between Pakistan and Afghanistan fell.",
    ]})
    # By hand: s0 accused -> pakistan→afghanistan, pakistan→militant ("Kabul of harbouring the TTP"
    # is within reach); harbouring (agent Kabul) -> afghanistan→militant.
    # s1: denied has no side in reach; blamed (agent Taliban) -> afghanistan→pakistan.
    # s2: no responsibility verb.
    e = B.blame_edges(sents, d)
    got = sorted(zip(e["sent_index"], e["agent"], e["target"]))
    assert got == [(0, "afghanistan", "militant"), (0, "pakistan", "afghanistan"),
                   (0, "pakistan", "militant"), (1, "afghanistan", "pakistan")]
    m = B.blame_matrix(e, ["pakistan", "afghanistan", "militant"]).set_index(["agent", "target"])["sentences"]
    assert m[("pakistan", "afghanistan")] == 1 and m[("afghanistan", "pakistan")] == 1
    assert m[("afghanistan", "militant")] == 1 and m[("militant", "pakistan")] == 0
    assert len(m) == 6  # every ordered pair of distinct sides


def test_nouns_and_clause_breaks(d):
    # "a suicide attack" is a noun; "It ..., while providing sanctuaries": NATO is not the subject
    assert B.sentence_edges("Daesh claimed a suicide attack in Afghanistan.", d) == []
    assert B.sentence_edges("It gave bases to NATO, while providing sanctuaries to the Taliban.", d) == []


def test_passive_by(d):
    e = B.sentence_edges("The United Nations has been urged by Pakistan to act on Afghan soil.", d)
    assert {(x["agent"], x["target"]) for x in e} == {("pakistan", "third_party"), ("pakistan", "afghanistan")}


def test_matrix_by_document():
    e = pd.DataFrame({"doc_id": ["a", "b"], "agent": ["pakistan", "afghanistan"],
                      "target": ["afghanistan", "pakistan"]})
    m = B.blame_matrix(e, ["pakistan", "afghanistan"], by="doc_id")
    assert m["sentences"].tolist() == [1, 0, 0, 1]
