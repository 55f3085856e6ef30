"""Voices: who is quoted or reported as speaking, resolved to a side.

Three transparent rules, applied to each sentence with its actor mentions
(:func:`analysis.methods.actors.find_mentions`):

1. **Speech verb** ("said", "says", "stated", "claimed", "warned", "denied",
   "insisted", "argue(d)", "added", "stressed", "remark"; "states", "claims"
   and "notes" only when followed by "that", since they are usually nouns).
   The speaker is the nearest actor mention *before* the verb, outside
   quotation marks and at most :data:`MAX_SUBJECT_GAP` characters away —
   in these texts the subject of a reporting verb nearly always precedes it
   ("Balkhi claimed", "Pakistan's Permanent Representative ..., Ambassador
   Asim Iftikhar Ahmad, said").  A passive ("was claimed by the TTP") takes
   the first mention after "by"; a passive without "by" ("is said to have
   studied") is not a statement by anyone and is skipped.
2. **"according to X"**: the first mention after the phrase.
3. **Quotation** of at least :data:`MIN_QUOTE_WORDS` words in a sentence
   with no speech verb: the speaker is the first actor mention before the
   opening quotation mark.  Shorter quotations are mostly scare quotes or
   terms ("friends", "new bloc").

A statement with no mention in reach is kept with speaker ``None``
(*unresolved*: pronouns such as "He said", or unnamed "security officials").

4. **Claims of responsibility are their own category.**  "Daesh claimed a
   deadly suicide attack", "the ISKP claimed responsibility", "Much of this
   is claimed by the TTP": a "claim" verb whose speaker is on the militant
   side, or that is followed by "responsibility", gets the rule
   :data:`CLAIM_RULE` instead of a speech rule.  Claiming an attack is an
   act about violence, not an argument in the debate the texts report, so
   :func:`share_of_voice` leaves these rows out by default (they stay in
   :func:`voices_table`, where the chapter counts them separately).

Examples
--------
>>> from analysis.methods.actors import load_actors
>>> d = load_actors()
>>> [(v["speaker"], v["side"], v["rule"]) for v in find_voices("Balkhi claimed that Pakistan was wrong.", d)]
[('Balkhi', 'afghanistan', 'speech verb')]
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.methods.actors import ActorDictionary, find_mentions

#: Rule name of a claim of responsibility for an attack (rule 4).
CLAIM_RULE = "claim of responsibility"
_CLAIM_CUE_RE = re.compile(r"^claim", re.IGNORECASE)
_RESPONSIBILITY_RE = re.compile(r"^\s+responsibility\b", re.IGNORECASE)

#: Reporting verbs matched as whole words (case-insensitive).
SPEECH_VERBS = [
    "said",
    "says",
    "say",
    "stated",
    "claimed",
    "warned",
    "warns",
    "denied",
    "denies",
    "deny",
    "insisted",
    "insists",
    "argued",
    "argues",
    "argue",
    "added",
    "adds",
    "stressed",
    "stresses",
    "remarked",
    "remark",
    "asserted",
    "alleged",
    "told",
    "noted",
]
#: Verbs that are usually nouns ("the two states", "claims of Pakistan"):
#: a reporting verb only when the next word is "that".
THAT_VERBS = ["states", "claims", "notes", "state", "claim"]
#: Maximum characters between the end of the subject mention and the verb.
#: A project choice, checked by reading the seed sentences: the longest real
#: gap is an apposition such as ", the head of the US military at the time,"
#: (about 40 characters).
MAX_SUBJECT_GAP = 80
#: Minimum words for a quotation to count as a voice without a speech verb
#: (a project choice: the seeds' scare quotes have 1–4 words).
MIN_QUOTE_WORDS = 5

#: Words that, just before a candidate verb, show it is a noun or an
#: adjective ("the stated period", "a suicide attack", "Pakistan's demands").
NOMINAL_MARKERS = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "any",
    "no",
    "every",
    "each",
    "some",
    "many",
    "such",
    "another",
    "suicide",
    "terrorist",
    "armed",
    "deadly",
    "recent",
    "recurrent",
    "key",
    "militant",
}
#: Clause boundaries: a subject is not looked for across them.
CLAUSE_BREAKS = re.compile(r";|:|,\s*(while|which|but|and|whereas)\b|\bbut\b")

_VERB_RE = re.compile(
    r"\b(" + "|".join(SPEECH_VERBS) + r")\b|\b(" + "|".join(THAT_VERBS) + r")\b(?=\s+that\b)", re.IGNORECASE
)
_PASSIVE_RE = re.compile(r"\b(is|was|are|were|be|been|being)\s+(\w+\s+)?$", re.IGNORECASE)
_BY_RE = re.compile(r"^\s+by\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\baccording to\b", re.IGNORECASE)
_QUOTE_RE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside double quotation marks (straight or curly).

    >>> quote_spans('He said “no deal” today.')
    [(8, 17)]
    """
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def is_nominal(text: str, start: int) -> bool:
    """True if the word at ``start`` follows a determiner, possessive or noun modifier.

    >>> is_nominal("during the stated period", 11)
    True
    >>> is_nominal("Pakistan's demands", 11)
    True
    >>> is_nominal("Balkhi stated", 7)
    False
    """
    before = text[:start].rstrip()
    if re.search(r"['\u2019]s?$", before):
        return True
    words = re.findall(r"[\w-]+", before)
    return bool(words) and words[-1].lower() in NOMINAL_MARKERS


def subject_before(
    mentions: list[dict], pos: int, quotes, max_gap: int = MAX_SUBJECT_GAP, text: str | None = None
):
    """Nearest mention ending before ``pos`` (not inside a quotation), within ``max_gap``.

    With ``text``, a mention separated from ``pos`` by a clause boundary
    (:data:`CLAUSE_BREAKS`) is not taken: "It provided bases to NATO, while
    allegedly providing sanctuaries" does not make NATO the subject.
    """
    cands = [
        m
        for m in mentions
        if m["end"] <= pos and not _inside(m["start"], quotes) and pos - m["end"] <= max_gap
    ]
    if not cands:
        return None
    best = cands[-1]
    if text is not None and CLAUSE_BREAKS.search(text[best["end"] : pos]):
        return None
    return best


def first_after(mentions: list[dict], pos: int, max_gap: int = MAX_SUBJECT_GAP):
    """First mention starting at or after ``pos`` within ``max_gap``."""
    cands = [m for m in mentions if m["start"] >= pos and m["start"] - pos <= max_gap]
    return cands[0] if cands else None


def is_passive(text: str, verb_start: int) -> bool:
    """True if the verb at ``verb_start`` follows a form of "be" ("was claimed").

    >>> is_passive("It was claimed to be", 7)
    True
    """
    return bool(_PASSIVE_RE.search(text[:verb_start]))


def _voice(text, mention, rule, cue, pos):
    return {
        "speaker": mention["surface"] if mention else None,
        "actor": mention["actor"] if mention else None,
        "side": mention["side"] if mention else None,
        "rule": rule,
        "cue": cue,
        "cue_start": pos,
    }


def _claim_rule(text, speaker, match, rule):
    """:data:`CLAIM_RULE` for a "claim" verb by a militant or followed by "responsibility"."""
    if not _CLAIM_CUE_RE.match(match.group(0)):
        return rule
    if (speaker is not None and speaker["side"] == "militant") or _RESPONSIBILITY_RE.match(
        text[match.end() :]
    ):
        return CLAIM_RULE
    return rule


def find_voices(text: str, dictionary: ActorDictionary, mentions: list[dict] | None = None) -> list[dict]:
    """Attributed statements in one sentence (see the module docstring for the rules).

    Returns a list of dicts: ``speaker`` (surface), ``actor``, ``side``,
    ``rule`` ("speech verb", "speech verb (passive)", "according to",
    "quotation", or :data:`CLAIM_RULE`), ``cue`` (the verb
    or phrase) and ``cue_start``.
    """
    if mentions is None:
        mentions = find_mentions(text, dictionary)
    quotes = quote_spans(text)
    voices = []
    for m in _VERB_RE.finditer(text):
        if _inside(m.start(), quotes):
            continue
        verb = m.group(0)
        if is_nominal(text, m.start()):
            continue
        if is_passive(text, m.start()):
            if _BY_RE.match(text[m.end() :]):
                speaker = first_after(mentions, m.end())
                voices.append(
                    _voice(
                        text, speaker, _claim_rule(text, speaker, m, "speech verb (passive)"), verb, m.start()
                    )
                )
            continue
        speaker = subject_before(mentions, m.start(), quotes, text=text)
        voices.append(_voice(text, speaker, _claim_rule(text, speaker, m, "speech verb"), verb, m.start()))
    for m in _ACCORDING_RE.finditer(text):
        voices.append(_voice(text, first_after(mentions, m.end()), "according to", m.group(0), m.start()))
    if not voices:
        for s, e in quotes:
            if len(text[s + 1 : e - 1].split()) >= MIN_QUOTE_WORDS:
                before = [x for x in mentions if x["end"] <= s]
                voices.append(_voice(text, before[0] if before else None, "quotation", text[s], s))
                break  # one voice per quoted sentence
    return voices


VOICE_COLUMNS = ["doc_id", "sent_index", "speaker", "actor", "side", "rule", "cue", "text"]


def voices_table(sentences: pd.DataFrame, dictionary: ActorDictionary) -> pd.DataFrame:
    """Every attributed statement in a sentence table, one row each."""
    rows = []
    for s in sentences.itertuples():
        for v in find_voices(s.text, dictionary):
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "sent_index": s.sent_index,
                    "speaker": v["speaker"],
                    "actor": v["actor"],
                    "side": v["side"],
                    "rule": v["rule"],
                    "cue": v["cue"],
                    "text": s.text,
                }
            )
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def share_of_voice(
    voices: pd.DataFrame, sides: list[str], by: str = "doc_id", exclude_rules: tuple = (CLAIM_RULE,)
) -> pd.DataFrame:
    """Statements per side and group, and each side's share of the group's statements.

    Unresolved statements are counted as side ``unresolved`` so the shares
    show how much the rules could not attribute.  Rows whose ``rule`` is in
    ``exclude_rules`` (by default claims of responsibility, rule 4) are left
    out; pass ``()`` to count them as voice.

    Examples
    --------
    >>> v = pd.DataFrame({"doc_id": ["a", "a", "a", "a"],
    ...                   "side": ["pakistan", "pakistan", "afghanistan", None]})
    >>> share_of_voice(v, ["pakistan", "afghanistan"])["share"].tolist()
    [0.5, 0.25, 0.25]
    """
    v = voices.copy()
    if "rule" in v.columns and exclude_rules:
        v = v[~v["rule"].isin(exclude_rules)]
    v["side"] = v["side"].fillna("unresolved")
    order = list(sides) + ["unresolved"]
    rows = []
    for group, sub in v.groupby(by, sort=False):
        total = len(sub)
        for side in order:
            n = int((sub["side"] == side).sum())
            rows.append({by: group, "side": side, "statements": n, "share": n / total if total else 0.0})
    return pd.DataFrame(rows)
