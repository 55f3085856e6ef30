"""The validity chapter module: its parameter check and the facts its prose glues.

No kernel, no seeds: the fixtures are tiny tables written here, and each expected
value is worked out by hand in the comment beside it.
"""

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.chapters import validity as validity_ch
from analysis.errors import ParameterError

GOOD = {"part": "test", "time_aware_sides": True, "corpus_dir": "", "documents": []}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"part": "train"}, "parameter 'part' expects one of 'test', 'dev', got 'train'"),
        ({"time_aware_sides": "yes"}, "parameter 'time_aware_sides' expects True or False, got 'yes'"),
        ({"documents": ["nope"]}, "parameter 'documents': unknown document id(s) 'nope'"),
    ],
)
def test_check_refuses_bad_values(change, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validity_ch.check({**GOOD, **change})


def test_check_accepts_defaults():
    assert validity_ch.check(dict(GOOD)) is None


def test_direction_needs_the_interval_to_exclude_one_half():
    # 10 of 13: Wilson 95% lower end (1.96) is 0.497 < 0.5 -> no direction; 12 of 13: lower 0.667
    assert validity_ch.direction(10, 3) == "no clear direction"
    assert validity_ch.direction(12, 1) == "mostly the first way"
    assert validity_ch.direction(1, 12) == "mostly the other way"
    assert validity_ch.direction(0, 0) == "none either way"


def test_tone_reading_against_published_ranges():
    # dictionaries 0.40-0.46, coders 0.77-0.82 (PUBLISHED): [0.30, 0.38] is below both,
    # [0.50, 0.60] above the dictionaries and below the coders
    low, mid = {"f1_low": 0.30, "f1_high": 0.38}, {"f1_low": 0.50, "f1_high": 0.60}
    assert validity_ch.tone_reading(low, mid) == (
        "VADER: below the dictionaries’ range and below the coders’; "
        "AFINN: above the dictionaries’ range and below the coders’"
    )


def _row(method, f1, low, high):
    return {
        "method": method,
        "f1": f1,
        "f1_low": low,
        "f1_high": high,
        "recall": f1,
        "recall_low": low,
        "recall_high": high,
    }


def test_before_after_calls_a_change_only_when_intervals_separate(tmp_path):
    base = pd.DataFrame(
        [
            {
                "table": "relation_pairs",
                "class": "pairs",
                "f1": 0.2,
                "f1_low": 0.1,
                "f1_high": 0.3,
                "recall": 0.1,
                "recall_low": 0.05,
                "recall_high": 0.2,
            },
            {
                "table": "frames",
                "class": "micro",
                "f1": 0.6,
                "f1_low": 0.5,
                "f1_high": 0.7,
                "recall": 0.6,
                "recall_low": 0.5,
                "recall_high": 0.7,
            },
            {
                "table": "sides",
                "class": "micro",
                "f1": 0.9,
                "f1_low": 0.85,
                "f1_high": 0.95,
                "recall": 0.9,
                "recall_low": 0.85,
                "recall_high": 0.95,
            },
        ]
    )
    path = tmp_path / "baseline.csv"
    base.to_csv(path, index=False)
    now = pd.DataFrame(
        [
            _row("responsibility: (agent, target) pairs", 0.8, 0.7, 0.9),  # 0.3 < 0.7: higher
            _row("frames (policy)", 0.72, 0.65, 0.78),  # overlaps 0.5-0.7: no clear difference
            _row("sides", 0.91, 0.86, 0.95),
        ]
    )
    out = validity_ch.before_after(now, path)
    assert out.facts == {"pairs_change": "higher", "frames_change": "no clear difference"}
    assert out.table["F1 now [95% CI]"].tolist()[0] == "0.80 [0.70, 0.90]"


def test_matrix_facts_on_a_tiny_corpus():
    corpus = SimpleNamespace(
        documents=pd.DataFrame({"id": ["a"], "date": ["2025-01-01"]}),
        sentences=pd.DataFrame(
            {
                "doc_id": ["a", "a"],
                "sent_index": [0, 1],
                "text": ["Kabul blamed Islamabad.", "Islamabad blamed Kabul and urged Kabul to act."],
            }
        ),
    )
    m = validity_ch.responsibility_matrix(corpus, GOOD, "0.75 (0.65–0.83)")
    # by hand: s0 afghanistan -> pakistan accuses; s1 pakistan -> afghanistan accuses and demands
    assert m.facts["n_relations"] == "3 relations" and m.facts["n_rel_sents"] == "2 sentences"
    pa = m.directions[(m.directions["first"] == "pakistan") & (m.directions["relation"] == "accuses")]
    assert pa[["first_to_second", "second_to_first", "reading"]].values.tolist() == [
        [1, 1, "no clear direction"]
    ]
    # 1 of 1 demands: Wilson lower end 0.21 -> no direction either; nothing is "clear"
    assert m.facts["directions"] == "no pair and class has a clear direction"
