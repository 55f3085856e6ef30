"""Time-aware sides: the Taliban before August 2021 are an insurgent movement.

The actor dictionary (``data/actors/actors.yaml``) gives "Taliban" one side,
``afghanistan``.  That is right for the government in Kabul since
15 August 2021, and wrong for the movement of 1994–2021 — the insurgency
against the Afghan Republic and the US-led coalition — which the coding
guide (``data/validation/CODING_GUIDE.md`` section 1) and
``data/actors/README.md`` (rule 16) code ``militant``.  This module
post-processes the mentions that :mod:`analysis.methods.actors` returns; it
does not change the dictionary or the matcher.

**The rule.**  A mention of a :data:`DATED_ACTORS` actor is *before* the
takeover, and gets side :data:`BEFORE_SIDE`, when the date the sentence
refers to is before :data:`TAKEOVER`:

1. the date expression nearest the mention
   (:func:`analysis.methods.timeline.find_dates`), by its start
   ("during the 1970s", "after 2001" are before; "in August 2021",
   "since the Taliban retook power in August 2021" are not);
2. with no date in the sentence: a sentence about the present ("now",
   "currently", :data:`PRESENT_RE`) is after; one naming the insurgency
   (:data:`INSURGENCY_RE`) is before; otherwise it takes the period of the
   sentence before it in the same paragraph (a paragraph tells one time);
3. otherwise the document's date (manifest ``date``, ``YYYY-MM-DD``); an
   unknown document date leaves the side as the dictionary gives it.

Mentions written as a government ("Taliban government", "Taliban
administration", "the Taliban regime", "first reign") keep
``afghanistan`` whatever the date: the 1996–2001 Emirate governed Kabul.

**Default and switch.**  :data:`DEFAULT_TIME_AWARE` is ``True``; pass
``time_aware=False`` to :func:`analysis.methods.responsibility.blame_edges`
or :func:`analysis.methods.validation.predict` (or don't call
:func:`apply`) for the dictionary's undated sides.

Examples
--------
>>> import pandas as pd
>>> from analysis.methods.actors import load_actors, match_sentences
>>> s = pd.DataFrame({"doc_id": ["d", "d"], "sent_index": [0, 1], "start": [0, 60],
...     "text": ["The army trained the Taliban during the 1980s.", "The Taliban now rule Kabul."]})
>>> docs = pd.DataFrame({"id": ["d"], "date": ["2025-01-01"]})
>>> m = apply(match_sentences(s, load_actors()), s, docs)
>>> m[m["actor"] == "Afghan Taliban"][["sent_index", "side"]].values.tolist()
[[0, 'militant'], [1, 'afghanistan']]
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analysis.methods.timeline import find_dates

#: Whether the project's methods apply the dated rule by default.
DEFAULT_TIME_AWARE = True
#: The Taliban entered Kabul on 15 August 2021 (end of the Islamic Republic).
TAKEOVER = date(2021, 8, 15)
#: Actors whose side depends on the date (labels of ``data/actors/actors.yaml``).
DATED_ACTORS = frozenset({"Afghan Taliban"})
#: Side of a dated actor before :data:`TAKEOVER`.
BEFORE_SIDE = "militant"
#: Words right after a mention that make it the government (rule exception).
GOVERNMENT_RE = re.compile(
    r"^(?:['\u2019]s)?\s+(?:government|administrations?|regime|rule|rulers|reign|authorities)\b", re.I
)
#: Forms that are themselves a government.
GOVERNMENT_FORMS = re.compile(r"government|administration", re.I)
#: A sentence naming the insurgency (rule 2).
INSURGENCY_RE = re.compile(r"\binsurgen\w*|\bfirst reign\b", re.I)
#: A sentence about the present (rule 2): after the takeover.
PRESENT_RE = re.compile(r"\b(?:now|currently|today|current)\b", re.I)


def _doc_dates(documents: pd.DataFrame) -> dict:
    out = {}
    for doc_id, raw in zip(documents["id"], documents["date"]):
        try:
            out[doc_id] = date.fromisoformat(str(raw))
        except ValueError:
            out[doc_id] = None
    return out


def _start(d: dict):
    try:
        return date.fromisoformat(d["start"]) if d.get("start") else None
    except ValueError:
        return None


def sentence_period(text: str, anchor: date | None, previous: str | None = None):
    """``"before"``, ``"after"`` or ``None`` (no evidence) for one sentence, and the dates found.

    >>> sentence_period("Pakistan hosted them during the 1990s.", None)[0]
    'before'
    >>> sentence_period("They seized Kabul in August 2021.", None)[0]
    'after'
    """
    dates = [d for d in find_dates(text, anchor) if _start(d)]
    if dates:
        return ("before" if _start(dates[0]) < date(2021, 8, 1) else "after"), dates
    if PRESENT_RE.search(text):
        return "after", []
    if INSURGENCY_RE.search(text) and not re.search(r"\bfirst reign\b", text, re.I):
        return "before", []
    if previous is not None:
        return previous, []
    return None, []


def mention_side(text: str, mention: dict, period: str | None, dates: list, anchor: date | None):
    """Side of one mention under the dated rule (the dictionary side if it does not apply)."""
    if mention.get("actor") not in DATED_ACTORS:
        return mention.get("side")
    if GOVERNMENT_FORMS.search(mention.get("form") or "") or GOVERNMENT_RE.match(text[mention["end"] :]):
        return mention.get("side")
    if re.search(r"\b(?:first reign of|recogni[sz]e[sd]?)\s+(?:the )?$", text[: mention["start"]], re.I):
        return mention.get("side")
    if dates:
        nearest = min(dates, key=lambda d: abs(d["pos"] - mention["start"]))
        period = "before" if _start(nearest) < date(2021, 8, 1) else "after"
    if period is None:
        period = "before" if anchor is not None and anchor < TAKEOVER else None
    return BEFORE_SIDE if period == "before" else mention.get("side")


def remap(text: str, mentions: list[dict], anchor: date | None, previous: str | None = None):
    """Mentions of one sentence with dated sides, and the sentence's period (for the next one)."""
    period, dates = sentence_period(text, anchor, previous)
    out = [{**m, "side": mention_side(text, m, period, dates, anchor)} for m in mentions]
    return out, period


def apply(mentions: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """A copy of a mention table (:func:`analysis.methods.actors.match_sentences`) with dated sides.

    Sentences are read in document order so that rule 2 can carry a date.
    """
    anchors = _doc_dates(documents)
    out = mentions.copy()
    if out.empty:
        return out
    by_sent = {k: g for k, g in out.groupby(["doc_id", "sent_index"], sort=False)}
    previous = {}
    for s in sentences.itertuples():
        key = (s.doc_id, s.sent_index)
        rows = by_sent.get(key)
        paragraph = getattr(s, "paragraph", None)
        last_period, last_paragraph = previous.get(s.doc_id, (None, None))
        carried = last_period if paragraph is not None and paragraph == last_paragraph else None
        period, dates = sentence_period(s.text, anchors.get(s.doc_id), carried)
        previous[s.doc_id] = (period, paragraph)
        if rows is None:
            continue
        for idx, m in rows.iterrows():
            mention = {
                "actor": m["actor"],
                "form": m["form"],
                "side": m["side"],
                "start": int(m["sent_start"]),
                "end": int(m["sent_end"]),
            }
            out.at[idx, "side"] = mention_side(s.text, mention, period, dates, anchors.get(s.doc_id))
    return out
