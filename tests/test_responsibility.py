"""Tests for analysis.methods.responsibility: the matrix of a three-sentence text counted by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from support import sentences

from analysis.methods import responsibility as B
from analysis.methods.actors import load_actors


@pytest.fixture(scope="module")
def d():
    return load_actors()


def test_three_sentence_text_by_hand(d):
    sents = sentences(
        [
            "Islamabad accused Kabul of harbouring the TTP.",
            "The Taliban denied the charge and blamed Pakistan.",
            "Trade between Pakistan and Afghanistan fell.",
        ],
        doc_id="x",
    )
    # By hand: s0 accused -> pakistan→afghanistan (its object is Kabul, the first mention after it;
    # "the TTP" is inside the "of harbouring" phrase, not coordinated with Kabul);
    # harbouring (agent Kabul) -> afghanistan→militant.
    # s1: denied has no side in reach; blamed (agent Taliban) -> afghanistan→pakistan.
    # s2: no responsibility verb.
    e = B.blame_edges(sents, d)
    got = sorted(zip(e["sent_index"], e["agent"], e["target"]))
    assert got == [
        (0, "afghanistan", "militant"),
        (0, "pakistan", "afghanistan"),
        (1, "afghanistan", "pakistan"),
    ]
    m = B.blame_matrix(e, ["pakistan", "afghanistan", "militant"]).set_index(["agent", "target"])["sentences"]
    assert m[("pakistan", "afghanistan")] == 1 and m[("afghanistan", "pakistan")] == 1
    assert m[("afghanistan", "militant")] == 1 and m[("pakistan", "militant")] == 0
    assert len(m) == 6  # every ordered pair of distinct sides


def test_nouns_and_clause_breaks(d):
    # "a suicide attack" is a noun; "It ..., while providing sanctuaries": NATO is not the subject
    assert B.sentence_edges("Daesh claimed a suicide attack in Afghanistan.", d) == []
    assert B.sentence_edges("It gave bases to NATO, while providing sanctuaries to the Taliban.", d) == []


def test_passive_by(d):
    # Pakistan urged the UN (the subject of the passive); "Afghan soil" is in the infinitive, not a target
    e = B.sentence_edges("The United Nations has been urged by Pakistan to act on Afghan soil.", d)
    assert {(x["agent"], x["target"]) for x in e} == {("pakistan", "third_party")}


def pairs(text, d, **kw):
    return sorted((x["agent"], x["target"]) for x in B.sentence_edges(text, d, **kw))


def test_cleft_and_nominal_accusation(d):
    # Reviewer's case (tariq2026 s77, shortened): agent of "made accusations" is the Taliban (cleft),
    # the target Pakistan; "making it responsible" continues that accusation (it = Pakistan), so no
    # Pakistan→Afghanistan edge; "which Pakistan denied" has nothing named after it.
    text = (
        "After the ceasefire, it was again the Taliban that made accusations against Pakistan "
        "making it responsible for carrying out airstrikes inside Afghanistan, which Pakistan denied."
    )
    assert pairs(text, d) == [("afghanistan", "pakistan")]


def test_reciprocal_is_mutual(d):
    e = B.sentence_edges("The forces of both Pakistan and Afghanistan opened fire at each other.", d)
    assert sorted((x["agent"], x["target"], x["mutual"]) for x in e) == [
        ("afghanistan", "pakistan", True),
        ("pakistan", "afghanistan", True),
    ]
    assert pairs("Kabul and Islamabad started blaming each other.", d) == [
        ("afghanistan", "pakistan"),
        ("pakistan", "afghanistan"),
    ]
    # one side only: no edge
    assert pairs("Kabul officials kept blaming each other.", d) == []


def test_non_blame_uses_give_no_edge(d):
    # "with X" is the partner of talks/dialogue, not the object of back/pressed
    assert pairs("Several parties in Pakistan back negotiations with the Afghan interim government.", d) == []
    assert (
        pairs("Pakistani leaders pressed for dialogue with Kabul in a meeting with the Army Chief.", d) == []
    )
    # a population is not an actor that is backed
    assert pairs("Pakistan wants to help support the majority of Afghans.", d) == []
    # but a state or group is
    assert pairs("Pakistan supported the Taliban.", d) == [("pakistan", "afghanistan")]


def test_the_country_resolves_to_last_state(d):
    # hashemite2025 s15-16, shortened: "the country" right after "blamed" is Pakistan, named in the
    # previous sentence; it is then the agent of "supporting the United States" (the accused act)
    sents = sentences(
        [
            "Pakistan became a victim of terrorism.",
            "Some Pakistani extremists, the TTP, blamed the country for supporting the United States.",
        ],
        doc_id="h",
    )
    e = B.blame_edges(sents, d)
    assert sorted(zip(e["agent"], e["target"])) == [("militant", "pakistan"), ("pakistan", "third_party")]
    # without an earlier state, "the country" stays unresolved and "blamed" has no target
    assert pairs("The TTP blamed the country for its troubles.", d) == []


def test_matrix_by_document():
    e = pd.DataFrame(
        {"doc_id": ["a", "b"], "agent": ["pakistan", "afghanistan"], "target": ["afghanistan", "pakistan"]}
    )
    m = B.blame_matrix(e, ["pakistan", "afghanistan"], by="doc_id")
    assert m["sentences"].tolist() == [1, 0, 0, 1]
