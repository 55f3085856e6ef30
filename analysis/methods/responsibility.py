"""Responsibility: who accuses, blames, urges, attacks or harbours whom.

A sentence yields a directed edge *agent side → target side* when it
contains a **responsibility verb** from :data:`VERB_CLASSES` (accusation,
denial, demand, hostility, support), a listed verb form not read as a noun
(:func:`analysis.methods.voices.is_nominal`: "a suicide attack", "Pakistan's
demands").  The agent and the targets are found by these rules, applied in
this order:

1. **Agent = nearest mention before the verb** (the rule
   :func:`analysis.methods.voices.subject_before` uses for speakers: same maximum
   gap, not across a clause boundary).
2. **Passive with "by"** ("has been urged by Pakistan"): the agent is the
   first mention after "by"; the target is the subject, the last mention
   before the verb (with any mentions coordinated with it).
3. **Cleft** ("it was (again) the Taliban that made accusations"): the
   agent is the mention between "it was" and "that/who"; "that" before the
   verb is then not read as a determiner.
4. **Target = the object**: the *first* mention starting within
   :data:`MAX_OBJECT_GAP` characters after the verb, with no clause
   boundary in between, plus the mentions coordinated with it ("the former
   Afghan government and the US").  Mentions further on — in a "for ..." or
   "of ..." phrase ("harboring militant groups for destabilizing the
   government of Pakistan") — are not targets: the later act gets its own
   edge if it has a verb of its own.  Sides equal to the agent's are not
   targets.
5. **"with" is not an object**: when the words between the verb and the
   first mention contain "with" ("back negotiations with the Afghan interim
   government", "pressed for dialogue with Kabul"), the mention is the
   partner of a noun (talks, dialogue), not the object of the verb, and the
   verb has no target.
6. **Populations are not backed**: a plural demonym (:data:`POPULATION_FORMS`:
   "Afghans", "Pakistanis") names people, not a state or group, and is not a
   target of a *support* verb ("help support the majority of Afghans").
7. **Reciprocal acts** ("opened fire at each other", "started blaming each
   other"): when "each other" / "one another" follows the verb within reach,
   the parties are the agent and the mentions coordinated with it before
   the verb ("both Pakistan and Afghanistan"); every ordered pair of their
   distinct sides is an edge, flagged ``mutual``.
8. **Pronoun objects continue the previous verb** ("made accusations
   against Pakistan making it responsible for ..."): a listed phrase with
   "it" or "them" (:data:`CONTINUATION_FORMS`) repeats the agent and
   targets of the previous responsibility verb in the sentence; without
   one it gives nothing.
9. **"the country" as an object** ("the TTP blamed the country for ..."):
   right after a verb, it stands for the state (Pakistan or Afghanistan)
   named last before it — earlier in the sentence, or in an earlier
   sentence of the same document (:func:`blame_edges` passes it on).  It is
   then a mention of that side (so "for supporting the United States" has
   it as agent).  Other unnamed references ("the two countries", "it") are
   not resolved.

Each (agent side, target side) pair counts once per sentence, whatever the
number of verbs, so a cell of the matrix is a number of sentences, and the
sentences are kept (:func:`blame_edges`) to be listed under the chart.

This is a reading aid, not a parser: "Pakistan has been accusing
Afghanistan of harboring militant groups" gives pakistan → afghanistan
(accusing) and afghanistan → militant (harboring), the last being the
*accused* act, not a fact.  The ``verb_class`` column keeps that
distinction visible.

Examples
--------
>>> from analysis.methods.actors import load_actors
>>> d = load_actors()
>>> [(e["agent"], e["target"], e["verb"]) for e in sentence_edges("Kabul blamed Islamabad.", d)]
[('afghanistan', 'pakistan', 'blamed')]
>>> sorted((e["agent"], e["target"], e["mutual"]) for e in sentence_edges(
...     "Kabul and Islamabad started blaming each other.", d))
[('afghanistan', 'pakistan', True), ('pakistan', 'afghanistan', True)]
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.methods.actors import ActorDictionary, find_mentions
from analysis.methods.voices import (
    CLAUSE_BREAKS,
    MAX_SUBJECT_GAP,
    first_after,
    is_nominal,
    quote_spans,
    subject_before,
)

#: Verb forms by class (whole words or phrases, case-insensitive).  The
#: list follows the issue's examples (accuse, blame, deny, urge, demand,
#: attack, harbour, support) plus near-synonyms found in the seeds; only
#: verb forms are listed, and a form right after a determiner, possessive
#: or noun modifier is read as a noun and skipped
#: (:func:`analysis.methods.voices.is_nominal`: "a suicide attack", "Pakistan's demands").
VERB_CLASSES = {
    "accusation": [
        "accuse",
        "accuses",
        "accused",
        "accusing",
        "blame",
        "blames",
        "blamed",
        "blaming",
        "allege",
        "alleges",
        "alleging",
        "made accusations",
        "making accusations",
        "hurling accusations",
        "criticise",
        "criticised",
        "criticize",
        "criticized",
        "condemn",
        "condemned",
        "condemns",
        "hold responsible",
        "held responsible",
        "making it responsible",
        "holding it responsible",
        "held it responsible",
        "making them responsible",
        "holding them responsible",
        "held them responsible",
    ],
    "denial": ["deny", "denies", "denied", "denying", "reject", "rejects", "rejected", "rejecting"],
    "demand": [
        "urge",
        "urges",
        "urged",
        "urging",
        "demand",
        "demands",
        "demanded",
        "demanding",
        "pressed",
        "pressure",
        "pressuring",
        "pressured",
        "putting pressure",
        "appealed",
        "call on",
        "called on",
        "calling on",
        "warn",
        "warns",
        "warned",
        "advise",
        "advised",
        "advising",
        "asked",
        "asking",
    ],
    "hostility": [
        "attack",
        "attacked",
        "attacking",
        "bomb",
        "bombed",
        "bombing",
        "strike",
        "struck",
        "striking",
        "targeted",
        "targeting",
        "invade",
        "invaded",
        "opened fire",
        "open fire",
        "retaliate",
        "retaliated",
        "threaten",
        "threatens",
        "threatened",
    ],
    "support": [
        "harbour",
        "harbours",
        "harboured",
        "harbouring",
        "harbor",
        "harbors",
        "harbored",
        "harboring",
        "support",
        "supports",
        "supported",
        "supporting",
        "back",
        "backs",
        "backed",
        "backing",
        "shelter",
        "sheltered",
        "sheltering",
        "sponsor",
        "sponsored",
        "sponsoring",
        "provided sanctuaries",
        "providing sanctuaries",
        "provide sanctuaries",
        "providing safe havens",
        "provided safe havens",
        "provided training",
        "trained",
    ],
}


#: Maximum characters between the end of a verb and the start of a target
#: mention.  A project choice, checked on the seeds: it keeps "accusing
#: Afghanistan of harboring militant groups" and "pressuring the leaders of
#: the Taliban" but not a side named in a later clause ("supporting the
#: resolution stressed the ongoing threat posed by the TTP").
MAX_OBJECT_GAP = 40

#: Forms with a pronoun object: they continue the previous verb (rule 8).
CONTINUATION_FORMS = {f for f in VERB_CLASSES["accusation"] if re.search(r"\b(it|them)\b", f)}
#: Plural demonyms: people, not actors; never targets of a support verb (rule 6).
POPULATION_FORMS = {"Afghans", "Pakistanis", "Americans", "Indians"}
#: Actors that are states, for resolving "the country" (rule 9).
STATE_SIDES = ("pakistan", "afghanistan")


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
            if is_nominal(text, m.start()) and not _CLEFT_RE.search(text[: m.start()]):
                continue
            key = m.start()
            if key not in found or len(word) > len(found[key]["verb"]):
                found[key] = {"verb": word, "verb_class": cls, "start": m.start(), "end": m.end()}
    return [found[k] for k in sorted(found)]


_PASSIVE_RE = re.compile(r"\b(is|was|are|were|be|been|being)\s+$", re.IGNORECASE)
#: "it was (again) X that|who " right before a verb (rule 3).
_CLEFT_RE = re.compile(
    r"\bit\s+(?:is|was)\s+(?:again\s+|also\s+|only\s+)?(?P<x>.{1,%d}?)\s+(?:that|who)\s+$" % MAX_SUBJECT_GAP,
    re.IGNORECASE,
)
_COORD_RE = re.compile(r"^\s*(?:,|,?\s*\b(?:and|or|as well as)\b)\s*(?:the\s+)?$", re.IGNORECASE)
_EACH_OTHER_RE = re.compile(r"\b(?:each other|one another)\b", re.IGNORECASE)
_WITH_RE = re.compile(r"\bwith\b", re.IGNORECASE)
_COUNTRY_RE = re.compile(r"^\s+the country\b(?!['\u2019]s| of\b| that\b)", re.IGNORECASE)
_BY_RE = re.compile(r"^\s+by\b", re.IGNORECASE)


def _in_reach(text: str, pos: int, mention: dict) -> bool:
    return pos <= mention["start"] <= pos + MAX_OBJECT_GAP and not CLAUSE_BREAKS.search(
        text[pos : mention["start"]]
    )


def _coordinated(text: str, named: list[dict], anchor: dict, forward: bool) -> list[dict]:
    """``anchor`` and the mentions joined to it by "and", "or" or a comma."""
    out = [anchor]
    i = named.index(anchor)
    step = 1 if forward else -1
    j = i + step
    while 0 <= j < len(named):
        a, b = (named[j - 1], named[j]) if forward else (named[j], named[j + 1])
        if not _COORD_RE.match(text[a["end"] : b["start"]]):
            break
        out.append(named[j])
        j += step
    return out


def _object(text: str, named: list[dict], pos: int, verb_class: str) -> list[dict]:
    """Targets after a verb ending at ``pos`` (rules 4–6)."""
    first = next((m for m in named if _in_reach(text, pos, m)), None)
    if first is None or _WITH_RE.search(text[pos : first["start"]]):
        return []
    targets = _coordinated(text, named, first, forward=True)
    if verb_class == "support":
        targets = [t for t in targets if t["surface"] not in POPULATION_FORMS]
    return targets


def sentence_edges(
    text: str,
    dictionary: ActorDictionary,
    mentions: list[dict] | None = None,
    country_side: str | None = None,
) -> list[dict]:
    """Directed side edges in one sentence (see the module docstring).

    ``country_side`` is the side "the country" stands for when no state is
    named before it in the sentence (rule 9; :func:`blame_edges` passes the
    state named last in the document so far).

    Returns dicts ``agent, target, agent_actor, verb, verb_class, mutual``
    (one per distinct (agent, target) pair; the first verb that produced it
    is kept).
    """
    if mentions is None:
        mentions = find_mentions(text, dictionary)
    named = [m for m in mentions if m["side"] is not None]
    quotes = quote_spans(text)
    verbs = find_verbs(text)
    for v in verbs:  # rule 9: "the country" right after a verb
        c = _COUNTRY_RE.match(text[v["end"] :])
        if c:
            states = [
                m
                for m in named
                if m["end"] <= v["start"] and m["side"] in STATE_SIDES and "(the country)" not in m["actor"]
            ]
            side = states[-1]["side"] if states else country_side
            if side is not None:
                start = v["end"] + c.group(0).lower().index("the country")
                named.append(
                    {
                        "start": start,
                        "end": start + len("the country"),
                        "surface": "the country",
                        "form": "the country",
                        "actor": f"{side} (the country)",
                        "side": side,
                    }
                )
    named.sort(key=lambda m: m["start"])
    edges = {}
    previous = None  # (agent, targets) of the last verb that had an agent

    def add(agent, targets, v, mutual=False):
        for t in targets:
            if t["side"] == agent["side"]:
                continue
            key = (agent["side"], t["side"])
            if key not in edges:
                edges[key] = {
                    "agent": agent["side"],
                    "target": t["side"],
                    "agent_actor": agent["actor"],
                    "verb": v["verb"],
                    "verb_class": v["verb_class"],
                    "mutual": mutual,
                }

    for v in verbs:
        if (
            v["verb"].lower() in CONTINUATION_FORMS
            or re.sub(r"\s+", " ", v["verb"].lower()) in CONTINUATION_FORMS
        ):
            if previous is not None:
                add(previous[0], previous[1], v)
            continue
        passive = bool(_PASSIVE_RE.search(text[: v["start"]])) and _BY_RE.match(text[v["end"] :])
        if passive:
            agent = first_after(named, v["end"], MAX_SUBJECT_GAP)
            if agent is None:
                continue
            before = [m for m in named if m["end"] <= v["start"]]
            targets = _coordinated(text, named, before[-1], forward=False) if before else []
        else:
            cleft = _CLEFT_RE.search(text[: v["start"]])
            agent = None
            if cleft:
                inside = [m for m in named if cleft.start("x") <= m["start"] and m["end"] <= cleft.end("x")]
                agent = inside[-1] if inside else None
            if agent is None:
                agent = subject_before(named, v["start"], quotes, text=text)
            if agent is None:
                continue
            after = text[v["end"] : v["end"] + MAX_OBJECT_GAP]
            recip = _EACH_OTHER_RE.search(after)
            if recip and not CLAUSE_BREAKS.search(after[: recip.start()]):
                parties = _coordinated(text, named, agent, forward=False)
                for a in parties:
                    add(a, parties, v, mutual=True)
                previous = (agent, parties)
                continue
            targets = _object(text, named, v["end"], v["verb_class"])
        add(agent, targets, v)
        previous = (agent, targets)
    return list(edges.values())


EDGE_COLUMNS = [
    "doc_id",
    "sent_index",
    "agent",
    "target",
    "agent_actor",
    "verb",
    "verb_class",
    "mutual",
    "text",
]


def blame_edges(sentences: pd.DataFrame, dictionary: ActorDictionary) -> pd.DataFrame:
    """All edges of a sentence table, with the sentence text (one row per edge).

    Sentences are read in order within each document, so that "the country"
    can stand for the state named last before it (rule 9).
    """
    rows = []
    last_state = {}
    for s in sentences.itertuples():
        mentions = find_mentions(s.text, dictionary)
        for e in sentence_edges(s.text, dictionary, mentions, country_side=last_state.get(s.doc_id)):
            rows.append({"doc_id": s.doc_id, "sent_index": s.sent_index, **e, "text": s.text})
        states = [m for m in mentions if m["side"] in STATE_SIDES]
        if states:
            last_state[s.doc_id] = states[-1]["side"]
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
