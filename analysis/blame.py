"""Responsibility: who accuses, blames, urges, attacks or harbours whom.

A sentence yields a directed edge *agent side → target side* when

* it contains a **responsibility verb** from :data:`VERB_CLASSES`
  (accusation, denial, demand, hostility, support), a listed verb form
  not read as a noun;
* the **agent** is the nearest actor mention before the verb (the rule
  :func:`analysis.voices.subject_before` uses for speakers, same maximum
  gap, not across a clause boundary); for a passive with "by" ("has been urged by Pakistan") it is the
  first mention after "by";
* the **targets** are the other sides whose mention starts within
  :data:`MAX_OBJECT_GAP` characters after the verb, with no clause boundary
  in between (its object, roughly); for a passive, the sides named before
  the verb plus those just after the agent.  Sides equal to the
  agent's are not targets.

Each (agent side, target side) pair counts once per sentence, whatever the
number of verbs, so a cell of the matrix is a number of sentences, and the
sentences are kept (:func:`blame_edges`) to be listed under the chart.

This is a reading aid, not a parser: "Pakistan has been accusing
Afghanistan of harboring militant groups" gives pakistan → afghanistan and
pakistan → militant (accusing) and afghanistan → militant (harboring), the
last being the *accused* act, not a fact.  The ``verb_class`` column keeps
that distinction visible.

Examples
--------
>>> from analysis.actors import load_actors
>>> d = load_actors()
>>> [(e["agent"], e["target"], e["verb"]) for e in sentence_edges("Kabul blamed Islamabad.", d)]
[('afghanistan', 'pakistan', 'blamed')]
"""

from __future__ import annotations

import re

import pandas as pd

from .actors import ActorDictionary, find_mentions
from .voices import CLAUSE_BREAKS, MAX_SUBJECT_GAP, first_after, is_nominal, quote_spans, subject_before

#: Verb forms by class (whole words or phrases, case-insensitive).  The
#: list follows the issue's examples (accuse, blame, deny, urge, demand,
#: attack, harbour, support) plus near-synonyms found in the seeds; only
#: verb forms are listed, and a form right after a determiner, possessive
#: or noun modifier is read as a noun and skipped
#: (:func:`analysis.voices.is_nominal`: "a suicide attack", "Pakistan's demands").
VERB_CLASSES = {
    "accusation": ["accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed", "blaming",
                   "allege", "alleges", "alleging", "made accusations", "making accusations",
                   "hurling accusations", "criticise", "criticised", "criticize", "criticized",
                   "condemn", "condemned", "condemns", "hold responsible", "held responsible",
                   "making it responsible"],
    "denial": ["deny", "denies", "denied", "denying", "reject", "rejects", "rejected", "rejecting"],
    "demand": ["urge", "urges", "urged", "urging", "demand", "demands", "demanded", "demanding",
               "pressed", "pressure", "pressuring", "pressured", "putting pressure", "appealed",
               "call on", "called on", "calling on", "warn", "warns", "warned", "advise", "advised",
               "advising", "asked", "asking"],
    "hostility": ["attack", "attacked", "attacking", "bomb", "bombed", "bombing", "strike", "struck",
                  "striking", "targeted", "targeting", "invade", "invaded", "opened fire", "open fire",
                  "retaliate", "retaliated", "threaten", "threatens", "threatened"],
    "support": ["harbour", "harbours", "harboured", "harbouring", "harbor", "harbors", "harbored",
                "harboring", "support", "supports", "supported", "supporting", "back", "backs",
                "backed", "backing", "shelter", "sheltered", "sheltering", "sponsor", "sponsored",
                "sponsoring", "provided sanctuaries", "providing sanctuaries", "provide sanctuaries",
                "providing safe havens", "provided safe havens", "provided training", "trained"],
}


#: Maximum characters between the end of a verb and the start of a target
#: mention.  A project choice, checked on the seeds: it keeps "accusing
#: Afghanistan of harboring militant groups" and "pressuring the leaders of
#: the Taliban" but not a side named in a later clause ("supporting the
#: resolution stressed the ongoing threat posed by the TTP").
MAX_OBJECT_GAP = 40


def _verb_regex():
    alts = []
    for cls, forms in VERB_CLASSES.items():
        for form in forms:
            body = r"\s+".join(re.escape(w) for w in form.split())
            alts.append((cls, re.compile(r"\b" + body + r"\b", re.IGNORECASE)))
    return alts


_VERBS = _verb_regex()


def find_verbs(text: str) -> list[dict]:
    """Responsibility verbs in ``text``: ``verb``, ``verb_class``, ``start``, ``end``.

    >>> [(v["verb"], v["verb_class"]) for v in find_verbs("Pakistan accused Kabul of harbouring the TTP.")]
    [('accused', 'accusation'), ('harbouring', 'support')]
    """
    found = {}
    for cls, rx in _VERBS:
        for m in rx.finditer(text):
            word = m.group(0)
            if is_nominal(text, m.start()):
                continue
            key = m.start()
            if key not in found or len(word) > len(found[key]["verb"]):
                found[key] = {"verb": word, "verb_class": cls, "start": m.start(), "end": m.end()}
    return [found[k] for k in sorted(found)]


_PASSIVE_RE = re.compile(r"\b(is|was|are|were|be|been|being)\s+$", re.IGNORECASE)
_BY_RE = re.compile(r"^\s+by\b", re.IGNORECASE)


def _in_reach(text: str, pos: int, mention: dict) -> bool:
    return (pos <= mention["start"] <= pos + MAX_OBJECT_GAP
            and not CLAUSE_BREAKS.search(text[pos:mention["start"]]))


def sentence_edges(text: str, dictionary: ActorDictionary, mentions: list[dict] | None = None) -> list[dict]:
    """Directed side edges in one sentence (see the module docstring).

    Returns dicts ``agent, target, agent_actor, verb, verb_class`` (one per
    distinct (agent, target) pair; the first verb that produced it is kept).
    """
    if mentions is None:
        mentions = find_mentions(text, dictionary)
    named = [m for m in mentions if m["side"] is not None]
    quotes = quote_spans(text)
    edges = {}
    for v in find_verbs(text):
        passive = bool(_PASSIVE_RE.search(text[:v["start"]])) and _BY_RE.match(text[v["end"]:])
        if passive:
            agent = first_after(named, v["end"], MAX_SUBJECT_GAP)
            if agent is None:
                continue
            targets = [m for m in named if m["end"] <= v["start"] or _in_reach(text, agent["end"], m)]
        else:
            agent = subject_before(named, v["start"], quotes, text=text)
            if agent is None:
                continue
            targets = [m for m in named if _in_reach(text, v["end"], m)]
        for t in targets:
            if t["side"] == agent["side"]:
                continue
            key = (agent["side"], t["side"])
            if key not in edges:
                edges[key] = {"agent": agent["side"], "target": t["side"], "agent_actor": agent["actor"],
                              "verb": v["verb"], "verb_class": v["verb_class"]}
    return list(edges.values())


EDGE_COLUMNS = ["doc_id", "sent_index", "agent", "target", "agent_actor", "verb", "verb_class", "text"]


def blame_edges(sentences: pd.DataFrame, dictionary: ActorDictionary) -> pd.DataFrame:
    """All edges of a sentence table, with the sentence text (one row per edge)."""
    rows = []
    for s in sentences.itertuples():
        for e in sentence_edges(s.text, dictionary):
            rows.append({"doc_id": s.doc_id, "sent_index": s.sent_index, **e, "text": s.text})
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def blame_matrix(edges: pd.DataFrame, sides: list[str], by: str | None = None) -> pd.DataFrame:
    """Directed side x side counts (long format: ``agent, target, sentences``).

    Every ordered pair of distinct sides appears (0 if none); with ``by``
    (e.g. ``"doc_id"``) one block per group value present in ``edges``.

    Examples
    --------
    >>> e = pd.DataFrame({"agent": ["pakistan", "pakistan"], "target": ["afghanistan", "militant"]})
    >>> blame_matrix(e, ["pakistan", "afghanistan"]).values.tolist()
    [['pakistan', 'afghanistan', 1], ['afghanistan', 'pakistan', 0]]
    """
    groups = [(None, edges)] if by is None else list(edges.groupby(by, sort=False))
    rows = []
    for g, sub in groups:
        counts = sub.groupby(["agent", "target"]).size()
        for a in sides:
            for t in sides:
                if a == t:
                    continue
                row = {} if by is None else {by: g}
                row.update({"agent": a, "target": t, "sentences": int(counts.get((a, t), 0))})
                rows.append(row)
    return pd.DataFrame(rows)
