"""Fact-check notes: the curated patterns flag the wrong claims and spare correct sentences.

The wrong sentences are quoted from the seeds (hashemite2025 sentence 5,
tariq2026 sentences 18, 29 and 38, as issue 19 lists them); the correct
ones are written here to say the same events rightly. Nothing reads the
live seeds.
"""

import pandas as pd
import pytest
from support import sentences

from analysis.errors import CorpusError
from analysis.methods import factchecks

WRONG = {
    "taliban_1970s": "The Pakistan army provided training to the Afghan Taliban during the 1970s.",
    "taliban_emerged_1996": "With the emergence of the Taliban in 1996, Pakistan was one of the few countries to "
    "recognize the Taliban, a Sunni Islamist nationalist pro-Pashtun movement.",
    "bin_laden_captured": "With the capture of Osama bin Laden in 2011 in Abbottabad by the US forces made "
    "Pakistan lose credibility with the US partners.",
    "uscirf_not_un": "The United Nations Commission on International Religious Freedom has recommended "
    "Afghanistan as a “country of particular concern” over severe violations.",
}
RIGHT = [
    "The Taliban emerged in 1994 and took Kabul in 1996.",
    "Osama bin Laden was killed in Abbottabad in 2011.",
    "The US Commission on International Religious Freedom has recommended Afghanistan as a country of concern.",
    "Pakistan trained Afghan mujahideen during the 1980s; the Taliban came later.",
]


def test_each_wrong_claim_is_flagged_once_with_its_note():
    flags = factchecks.flag(sentences(list(WRONG.values())))
    assert flags["check_id"].tolist() == list(WRONG)  # one flag per sentence, in order
    assert flags["sentence"].tolist() == list(WRONG.values())  # the text is kept as it is
    killed = flags.set_index("check_id").loc["bin_laden_captured"]
    assert "killed, not captured" in killed["record_says"] and killed["url"].startswith("https://")


def test_correct_sentences_are_not_flagged():
    assert factchecks.flag(sentences(RIGHT)).empty


def test_the_table_is_complete_and_a_bad_pattern_names_its_check(tmp_path):
    table = factchecks.load()
    assert (
        table["check_id"].is_unique
        and (table[["text_says", "record_says", "source", "url"]] != "").all().all()
    )
    bad = tmp_path / "factchecks.csv"
    bad.write_text(
        "check_id,claim_pattern,text_says,record_says,source,url,note\nbroken,(unclosed,a,b,c,d,\n",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError, match="check 'broken'"):
        factchecks.load(bad)


def test_notes_follow_the_rows_and_check_the_whole_sentence():
    # a table that shows only an excerpt (first 10 characters) still gets the note of the full
    # sentence; rows in any order, a repeated row, and a row without sentence index
    corpus = sentences([WRONG["bin_laden_captured"], RIGHT[1], WRONG["uscirf_not_un"]])
    shown = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d", "d"],
            "sent_index": [2, 1, 0, None],
            "excerpt": ["The United", "x", "With", ""],
        }
    )
    out = factchecks.with_notes(shown, corpus)
    assert out.columns.tolist() == ["doc_id", "sent_index", "excerpt", "fact_check"]
    table = factchecks.load().set_index("check_id")
    expected_2 = factchecks.note_text(*table.loc["uscirf_not_un", ["record_says", "source", "url"]])
    expected_0 = factchecks.note_text(*table.loc["bin_laden_captured", ["record_says", "source", "url"]])
    assert out["fact_check"].tolist() == [expected_2, "", expected_0, ""]
    assert out["excerpt"].tolist() == shown["excerpt"].tolist()  # the quoted text is unchanged


def test_two_errors_in_one_sentence_give_both_notes_and_no_rows_give_no_notes():
    both = WRONG["bin_laden_captured"] + " " + WRONG["taliban_emerged_1996"]
    corpus = sentences([both])
    note = factchecks.notes(pd.DataFrame({"doc_id": ["d"], "sent_index": [0]}), corpus).iloc[0]
    assert (
        note.count(factchecks.NOTE_SEPARATOR) == 1
        and "killed, not captured" in note
        and "emerged in 1994" in note
    )
    empty = pd.DataFrame({"doc_id": [], "sent_index": []})
    assert factchecks.notes(empty, corpus).tolist() == []
