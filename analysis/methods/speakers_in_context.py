"""Speakers a reader sees beyond speech verbs: accusers, claimants, pronoun speakers.

:func:`analysis.methods.voices.voices_table` finds a speaker before a
speech verb ("said", "stated") or after "according to".  The coding guide
(``data/validation/CODING_GUIDE.md`` section 3) also counts as a reported
statement an accusation or a denial ("Pakistan has been accusing
Afghanistan", "which Pakistan denied"), an expression of a stance by a named
party ("Pakistan expressed anger", "promised retaliation") and a claim named as a noun
("Munir Akram's claim", "as per claims of Pakistan").  A pronoun speaker
("He said") is not resolved: the sentence before often names several people.
:func:`speaker_sides` adds those to the voices' sides; it post-processes
outputs of :mod:`analysis.methods.voices` and
:mod:`analysis.methods.responsibility` and changes neither.

Found on the dev part of the validation sample; measured on the test part by
``python -m analysis.methods.validation``.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"doc_id": ["d"], "sent_index": [0], "text": ["The fight went on, as per claims of Pakistan."]})
>>> speaker_sides(s, pd.DataFrame(columns=["doc_id", "sent_index", "side"]),
...               pd.DataFrame(columns=["doc_id", "sent_index", "agent", "relation", "status", "rule"]),
...               __import__("analysis.methods.actors", fromlist=["x"]).load_actors())
{('d', 0): {'pakistan'}}
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.methods.actors import ActorDictionary, find_mentions

#: Relation classes that are themselves statements (guide section 4).  Demands are
#: left out: "Pakistan's demands", "putting pressure on" name a stance, not a statement.
SPEECH_RELATIONS = ("accuses", "denies")
#: Relation rules that do not report a statement: a "blame game" of "the two
#: countries" is the author's summary, not a statement of either.
NOT_STATEMENTS = ("mutual act", "mutual support")
#: "X's claim", "claims of X", "X expressed ...", "X spoke": the named party is a speaker.
_POSSESSOR_RE = re.compile(
    r"^['\u2019]s\s+(?:\w+\s+)?(?:claims?|remarks|statements?|allegations?|response)\b", re.I
)
_CLAIMS_OF_RE = re.compile(r"\b(?:claims?|remarks|statements?) of\s+(?:the\s+)?$", re.I)
_VERB_AFTER_RE = re.compile(r"^\s+(?:\w+\s+)?(?:expressed|spoke|promised|warned)\b", re.I)


def speaker_sides(
    sentences: pd.DataFrame, voices: pd.DataFrame, relations: pd.DataFrame, dictionary: ActorDictionary
) -> dict:
    """Sentence key -> set of speaker sides (voices plus the rules above)."""
    out: dict = {}
    for v in voices.itertuples():
        if isinstance(v.side, str):
            out.setdefault((v.doc_id, v.sent_index), set()).add(v.side)
    speech = relations[
        relations["relation"].isin(SPEECH_RELATIONS)
        & (relations["status"] == "asserted")
        & ~relations["rule"].isin(NOT_STATEMENTS)
    ]
    for r in speech.itertuples():
        out.setdefault((r.doc_id, r.sent_index), set()).add(r.agent)
    for s in sentences.itertuples():
        key = (s.doc_id, s.sent_index)
        mentions = [m for m in find_mentions(s.text, dictionary) if m["side"] is not None]
        for m in mentions:
            if (
                _POSSESSOR_RE.match(s.text[m["end"] :])
                or _CLAIMS_OF_RE.search(s.text[: m["start"]])
                or _VERB_AFTER_RE.match(s.text[m["end"] :])
            ):
                out.setdefault(key, set()).add(m["side"])
    return out
