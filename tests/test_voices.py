"""Tests for analysis.methods.voices on small hand-made sentences; expected speakers
follow the rules in the module docstring, applied by hand."""

from __future__ import annotations

import pytest
from support import sentences

from analysis.methods import voices as V
from analysis.methods.actors import load_actors


@pytest.fixture(scope="module")
def d():
    return load_actors()


def who(text, d):
    return [(v["speaker"], v["side"], v["rule"]) for v in V.find_voices(text, d)]


def test_speech_verb_with_apposition(d):
    text = "Pakistan's envoy to the UN, Ambassador Munir Akram, said that Kabul hosts the TTP."
    assert who(text, d) == [("Ambassador Munir Akram", "pakistan", "speech verb")]


def test_according_to(d):
    assert who("The border is closed, according to the Foreign Office.", d) == [
        ("Foreign Office", "pakistan", "according to")
    ]


def test_passive_with_and_without_by(d):
    assert who("The plan was denied by the Foreign Office.", d) == [
        ("Foreign Office", "pakistan", "speech verb (passive)")
    ]
    assert who("Mullah Omar is said to have studied there.", d) == []


def test_pronoun_is_unresolved(d):
    assert who("He said the Taliban would win.", d) == [(None, None, "speech verb")]


def test_nouns_are_not_verbs(d):
    # "states"/"claims" need "that"; "the stated period" is an adjective
    assert who("Pakistan and Afghanistan are two states.", d) == []
    assert who("Trade between Pakistan and Afghanistan fell in the stated period.", d) == []
    assert who("The claims of Pakistan were loud.", d) == []


def test_quotation_needs_five_words(d):
    assert who("Imran Khan called it “the end of slavery for Afghans”.", d) == [
        ("Imran Khan", "pakistan", "quotation")
    ]
    assert who("Pakistan called them “friends”.", d) == []


def test_speaker_in_quote_ignored(d):
    text = "“We reject any claim about Pakistan,” Balkhi said."
    assert who(text, d) == [("Balkhi", "afghanistan", "speech verb")]


def test_share_of_voice_hand_count(d):
    sents = sentences(["Balkhi said no.", "Islamabad says yes.", "Pakistan denied it."], doc_id="x")
    v = V.voices_table(sents, d)
    s = V.share_of_voice(v, ["pakistan", "afghanistan"]).set_index("side")
    # hand count: 2 Pakistani statements, 1 Afghan, out of 3
    assert s.loc["pakistan", "statements"] == 2 and s.loc["afghanistan", "share"] == pytest.approx(1 / 3)


def test_claims_of_responsibility(d):
    # rule 4: "claim" by a militant speaker, or followed by "responsibility", is a claim of responsibility
    assert who("Daesh claimed a deadly suicide attack in Kunduz.", d) == [("Daesh", "militant", V.CLAIM_RULE)]
    assert who("The attack was claimed by the TTP.", d) == [("TTP", "militant", V.CLAIM_RULE)]
    assert who("He claimed responsibility for the blast.", d) == [(None, None, V.CLAIM_RULE)]
    # a state's claim stays speech
    assert who("Balkhi claimed that the border was quiet.", d) == [("Balkhi", "afghanistan", "speech verb")]


def test_share_of_voice_leaves_claims_out(d):
    sents = sentences(["Balkhi said no.", "The TTP claimed the attack.", "Islamabad says yes."], doc_id="x")
    v = V.voices_table(sents, d)
    assert len(v) == 3
    # hand count without the claim: 1 Afghan, 1 Pakistani out of 2; with it: militant 1 of 3
    s = V.share_of_voice(v, ["pakistan", "afghanistan", "militant"]).set_index("side")
    assert s.loc["afghanistan", "share"] == 0.5 and s.loc["militant", "statements"] == 0
    s = V.share_of_voice(v, ["pakistan", "afghanistan", "militant"], exclude_rules=()).set_index("side")
    assert s.loc["militant", "share"] == pytest.approx(1 / 3)
