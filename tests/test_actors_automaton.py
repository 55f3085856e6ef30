"""The automaton path of find_mentions gives the per-form regex path's mentions exactly.

The reference is ``find_mentions(..., method="regex")`` (one regular expression
per surface form, the original implementation), run in the test on the same
text: seed sentences, hand-made edge cases (overlapping names, possessives,
case rules, joiners, citations) and a small dictionary written here.
"""

from __future__ import annotations

import random

import pytest

from analysis.corpus.load import load_corpus
from analysis.methods import actors as A


@pytest.fixture(scope="module")
def d():
    return A.load_actors()


def _same(text, dictionary):
    fast = A.find_mentions(text, dictionary)
    ref = A.find_mentions(text, dictionary, method="regex")
    assert fast == ref, text
    return fast


EDGE = [
    "",
    "Pakistan's envoy said the Tehreek-e-Taliban Pakistan (TTP) hides in Kabul.",
    "Pakistan’s army and the Taliban’s ministers met.",  # curly possessives
    "The Tehreek  -  e – Taliban\tPakistan attacked.",  # joiner runs of mixed characters
    "The Tehreek‑e‑Taliban Pakistan attacked.",  # non-breaking hyphens
    "The Afghan Taliban and the Taliban's allies met the Pakistani Taliban.",  # overlapping names
    "PAKISTAN and pakistan and Pakistan; US and us and Us; the U.S. and U.S.A.",  # case rules
    "Kabul (Ali, 2025) said Islamabad (News A. , 2026) agreed.",  # citations masked
    "Pakistani Pakistan Pakistanis Afghanistan-Pakistan border",  # word boundaries
    "TTP-TTP TTPs _TTP TTP_ 1TTP TTP1",
    "Mr. Asim Munir met Mr.  Asim.",
    "Türkiye and TÜRKIYE and türkiye hosted talks.",  # non-ASCII, case-safe
    "İstanbul and the ſtate and K Kabul.",  # characters re.IGNORECASE folds specially
]


@pytest.mark.parametrize("text", EDGE)
def test_edge_cases_identical(text, d):
    _same(text, d)


def test_seed_sentences_identical(d):
    corpus = load_corpus()
    total = 0
    for text in corpus.sentences["text"]:
        total += len(_same(text, d))
    assert total > 0  # the comparison covered real mentions


def test_overlapping_forms_of_a_small_dictionary(tmp_path):
    # longest first; a tie in length goes to the leftmost, then to the first form in the file
    (tmp_path / "a.yaml").write_text(
        "sides: [x, y]\n"
        "actors:\n"
        "  - {actor: AB, side: x, forms: [alpha beta]}\n"
        "  - {actor: BCD, side: y, forms: [beta gamma delta]}\n"
        "  - {actor: B, side: y, forms: [beta, Beta Gamma]}\n"
        "  - {actor: AA, side: x, forms: [alpha alpha]}\n"
        "  - {actor: ACR, side: x, forms: [ABC]}\n",
        encoding="utf-8",
    )
    small = A.load_actors(tmp_path / "a.yaml")
    got = _same("alpha beta gamma delta; alpha alpha alpha; beta gamma; ABC abc", small)
    # hand count: "beta gamma delta" (16 chars) beats "alpha beta"; "alpha alpha" twice would
    # overlap, so the first is kept and the third "alpha" stays alone; "beta gamma" matches the
    # case-insensitive "Beta Gamma"; "ABC" is case-sensitive (no lower-case letter)
    assert [(m["surface"], m["actor"]) for m in got] == [
        ("beta gamma delta", "BCD"),
        ("alpha alpha", "AA"),
        ("beta gamma", "B"),
        ("ABC", "ACR"),
    ]


def test_random_mixes_identical(d):
    forms = d.actors["form"].tolist()
    filler = ["the", "and", "'s", "’s", "-", "–", "(", ")", ",", ".", "of", "x"]
    rng = random.Random(16)
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 30)):
            w = rng.choice(forms) if rng.random() < 0.4 else rng.choice(filler)
            r = rng.random()
            w = w.upper() if r < 0.1 else w.lower() if r < 0.2 else w
            parts.append(w + rng.choice(["", "", "'s", "’s", "-", ",", "s"]))
        _same(rng.choice([" ", "  ", "-", " - "]).join(parts), d)


def test_long_sentence_work_is_linear(d, monkeypatch):
    # no timing here (make bench times a 20k-word sentence): the work that could grow
    # faster than the text, confirming candidates and checking overlaps, is counted.
    # 2.2k vs 22k words (200 and 2,000 phrases of 11 words): ten times the text must
    # mean ten times the confirmations
    calls = []

    class Counting:
        def __init__(self, regex):
            self.regex = regex

        def match(self, text, pos):
            calls.append(pos)
            return self.regex.match(text, pos)

    small = A.load_actors()
    small._patterns = [(Counting(r), *rest) for r, *rest in small._patterns]
    words = ("Pakistan and the Tehreek-e-Taliban Pakistan met Kabul officials in Doha today " * 2000).split()
    counts, found = [], []
    for n in (2_200, 22_000):
        calls.clear()
        found.append(len(A.find_mentions(" ".join(words[:n]), small)))
        counts.append(len(calls))
    # hand count: each 11-word phrase holds three mentions (Pakistan, the TTP name, Kabul)
    assert found == [3 * 200, 3 * 2_000]
    assert counts[1] == 10 * counts[0]


def test_batch_scan_equals_one_text_at_a_time(d):
    # the texts are scanned joined by NUL; a text holding NUL or a special case fold goes alone
    texts = EDGE + ["Kabul\x00Islamabad", "Pakistan"] + load_corpus().sentences["text"].tolist()[:50]
    assert A.find_mentions_many(texts, d) == [A.find_mentions(t, d, method="regex") for t in texts]


def test_joiner_classes_agree_with_the_form_regex():
    # the automaton path reads as a space exactly what _JOINER matches (\s, hyphen, dashes)
    import re
    import sys

    joiner = re.compile(A._JOINER)
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert bool(joiner.fullmatch(ch)) == (ch == " " or bool(A._OTHER_JOINER.fullmatch(ch))), hex(code)


def test_count_mentions_equals_the_mention_table(d):
    sents = load_corpus().sentences
    table = A.match_sentences(sents, d)
    expected = table.assign(side=table["side"].fillna("")).groupby(["actor", "side"]).size()
    got = A.count_mentions(sents["text"], d)
    assert got == {key: int(n) for key, n in expected.items()}
