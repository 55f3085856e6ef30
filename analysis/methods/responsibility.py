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
    >>> blame_matrix(e.iloc[:0].assign(doc_id=[]), ["pakistan"], by="doc_id").columns.tolist()
    ['doc_id', 'agent', 'target', 'sentences']
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
    columns = ([] if by is None else [by]) + ["agent", "target", "sentences"]
    return pd.DataFrame(rows, columns=columns)  # the columns even with no group (no edge at all)


# == Relations (issue 14): classes, status and the rules beyond verbs ==========
#
# The rules above find a verb and its nearest subject and object.  A reader
# also sees responsibility in nouns ("Pakistan's support for", "the key
# supporter of", "accusations against"), in reported speech, in attacks
# named by their victims, in pronouns that refer to the previous sentence
# and in acts of "the two countries".  The functions below add those, give
# each relation one of the coding guide's classes
# (``data/validation/CODING_GUIDE.md`` section 4) and a status (asserted or
# alleged).  Every rule was written from the *dev* part of the hand-coded
# sample only; the test part measures them (``python -m analysis.methods.validation``).

#: Verb classes of :data:`VERB_CLASSES` -> relation classes of the coding guide.
RELATION_OF_CLASS = {
    "accusation": "accuses",
    "denial": "denies",
    "demand": "demands_or_warns",
    "hostility": "attacks_or_coerces",
    "support": "supports_or_harbours",
}
#: Relation classes, in display order.
RELATION_CLASSES = (
    "accuses",
    "denies",
    "demands_or_warns",
    "attacks_or_coerces",
    "supports_or_harbours",
    "negotiates_with",
)
#: Statuses: the author states the act, or it is the content of a claim / hedged.
STATUSES = ("asserted", "alleged")

_M = r"(?:['\u2019]s)?"
#: Hedges: a relation after one of these in its sentence is alleged.
HEDGE_RE = re.compile(
    r"\ballegedly\b|\bis said to\b|\bclaimed to be\b|\bcannot be (?:over ?ruled|ruled out)\b|"
    r"\bit seems\b|\bseemed\b|\bcould be\b|\bsuspect\b|\bas per claims\b",
    re.IGNORECASE,
)
#: Speech and accusation cues: an act named after one is the content of a claim (alleged).
CLAIM_CUE_RE = re.compile(
    r"\b(?:accus\w+|blam\w+|said|says|say|stated|states|claimed|claims|argue[sd]?|insisted|added|"
    r"remarked|alleg\w+|opines)\b(?:\s+that\b)?",
    re.IGNORECASE,
)
#: Denial cues: the act named after one is denied, not asserted, and gives no relation.
DENIED_CONTENT_RE = re.compile(
    r"\bden(?:y|ies|ied|ying)\s+(?:either\s+)?(?:the\s+)?(?:presence|existence|use)\b", re.I
)
#: Phrases that stand for both Pakistan and Afghanistan (the two parties of the corpus).
PAIR_RE = re.compile(
    r"\b(?:both (?:the )?(?:countries|states|sides|neighbou?rs)|the two (?:countries|states|sides|"
    r"neighbou?rs|neighbouring states|neighboring states|counterparts)|both countries)\b",
    re.IGNORECASE,
)
#: The two sides a pair phrase stands for.
PAIR_SIDES = ("pakistan", "afghanistan")
#: Mutual acts: with both parties present, one relation in each direction.
MUTUAL_CUES = [
    (
        "accuses",
        re.compile(
            r"\bblame games?\b|\bblaming each other\b|\bexchang\w+ (?:\w+ ){0,2}(?:statements|accusations|charges)\b|"
            r"\bhurling accusations\b|\bcounter[- ]blame\b",
            re.I,
        ),
    ),
    (
        "attacks_or_coerces",
        re.compile(
            r"\bfighting between\b|\bopened fire at each other\b|\bdirect war\b|\bwar between\b|"
            r"\bconfrontation (?:of|between) the (?:security|law enforcement) (?:agencies|forces)\b|"
            r"\b(?:skirmishes|clashes) between\b",
            re.I,
        ),
    ),
    ("negotiates_with", re.compile(r"\bagreed to\b|\bagreement between\b|\bhave agreed\b", re.I)),
]
#: Anaphora to groups ("these groups", "such networks"): militant (rule P3).
GROUP_ANAPHORA_RE = re.compile(
    r"\b(?:these|such|those) (?:\w+ )?(?:groups|networks|organi[sz]ations|outfits)\b", re.I
)
#: Referring expressions resolved to the state named last (rules P1, P2).
PRONOUN_RE = re.compile(r"\b(?:It|it|They|they)\b(?!\s+(?:is|was|seems|appears|remains|would|'s)\b)")
COUNTRY_RE = re.compile(r"\b(?:the|this) (?:country|state)\b", re.I)

#: Nominal and phrasal triggers: (relation, regex, agent rule, target rule).
#: Agent rules: "possessor" (the mention right before "'s"), "subject" (nearest
#: mention before, as for verbs), "by" (first mention after "by").  Target rules:
#: "after" (first mention after the trigger), "other_state" (a state of the
#: other side named in the sentence).
NOMINAL_TRIGGERS = [
    (
        "supports_or_harbours",
        r"['\u2019]s\s+(?:\w+\s+)?(?:support|backing|alliance|pro-)",
        "possessor",
        "after",
    ),
    (
        "supports_or_harbours",
        r"\b(?:key |main |chief |principal |biggest )?(?:supporter|backer|sponsor|patron)s? of\b",
        "subject",
        "after",
    ),
    ("supports_or_harbours", r"\bclose (?:relations|ties) with\b", "subject_group", "after"),
    (
        "supports_or_harbours",
        r"\b(?:welcomed|treated)\b(?=[^.;]{0,40}\bas\b[^.;]{0,15}\b(?:ally|allies|friends?)\b)",
        "subject",
        "after",
    ),
    (
        "supports_or_harbours",
        r"\b(?:use|uses|used|using)\b(?=[^.;]{0,60}\bas (?:proxies|proxy)\b)",
        "subject",
        "after",
    ),
    ("supports_or_harbours", r"\b(?:relied|relies|rely|relying) on\b", "subject", "after_militant"),
    ("supports_or_harbours", r"\brecogni[sz]e[sd]?\b", "subject", "after"),
    ("supports_or_harbours", r"\bprovid\w+ (?:military )?bases to\b", "subject", "after"),
    (
        "supports_or_harbours",
        r"\bby (?:backing|supporting|sponsoring|harbou?ring|sheltering|arming|training)\b",
        "first",
        "after",
    ),
    (
        "supports_or_harbours",
        r",\s*while\s+(?:\w+ly\s+)?(?:providing|supporting|backing|harbou?ring|sheltering)\b",
        "first",
        "after",
    ),
    (
        "supports_or_harbours",
        r"^\s*(?:Providing|Backing|Supporting|Harbou?ring|Sheltering)\b",
        "previous",
        "after_militant",
    ),
    ("supports_or_harbours", r"\bjoin(?:ing|ed|s)? (?:of )?\b", "joiner", "after_militant"),
    (
        "demands_or_warns",
        r"['\u2019]s\s+(?:\w+\s+)?(?:demands?|appeals|expectations)\b",
        "possessor",
        "other_state",
    ),
    ("demands_or_warns", r"\bexpects? from\b", "subject", "after"),
    ("demands_or_warns", r"\bclaims on\b", "subject", "after"),
    ("accuses", r"\baccusations against\b", "subject", "after"),
    ("accuses", r"\blinks?\b[^.;]{0,60}?\bto\b", "subject", "after"),
    ("accuses", r"\bthreats? posed by\b", "speaker", "after_militant_as_target"),
    ("denies", r"\b(?:response|reaction|disappointment)\b(?:\s+\S+){0,4}?\s+(?:at|to)\b", "subject", "after"),
    (
        "denies",
        r"\bnot responsible\b|\binternal (?:matter|problem|affair)\b|\bdoes not agree\b",
        "speaker_or_subject",
        "other_state",
    ),
    (
        "accuses",
        r"['\u2019]s\s+(?:claims?|remarks|allegations?)\s+(?:about|of|that)\b",
        "possessor",
        "after_other_state",
    ),
    (
        "denies",
        r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?)\b(?=\s*[,.]|\s*$)",
        "subject",
        "other_state",
    ),
    ("attacks_or_coerces", r"['\u2019]s\s+(?:\w+\s+)?war\b", "possessor", "after"),
    ("attacks_or_coerces", r"\b(?:invasion|capture|bombing|killing) of\b", "adjective_or_by", "after"),
    ("attacks_or_coerces", r"\boperations against\b", "subject", "after"),
    ("attacks_or_coerces", r"\binfiltration into\b", "subject", "after"),
    (
        "attacks_or_coerces",
        r"\b(?:bringing down|toppl\w+|overthrow\w*|destabili[sz]\w+)\b",
        "subject",
        "after",
    ),
    ("attacks_or_coerces", r"\bsanctions?(?: measures)? (?:imposed on|against)\b", "subject_any", "after"),
    ("attacks_or_coerces", r"\battacks? (?:against|on)\b", "militant_before", "after"),
]
_NOMINAL = [(rel, re.compile(rx, re.I), a, t) for rel, rx, a, t in NOMINAL_TRIGGERS]
#: Sanctuary nouns: "M found sanctuaries inside S", "M use their sanctuaries in S" -> S harbours M.
SANCTUARY_RE = re.compile(
    r"\b(?:sanctuar\w+|safe hav\w+|safe heav\w+|camps|based)\b[^.;]{0,40}?\b(?:in|inside)\b", re.I
)
#: "S is the main hub of/for ... M" -> S harbours M.
HUB_RE = re.compile(r"\b(?:is|as|was) (?:also )?the (?:main )?hub\b", re.I)
#: Owner of soil or territory used by a group: "the use of Afghan soil by M", "M using Afghan soil".
SOIL_RE = re.compile(r"\b(?:soil|territory)\b", re.I)
SOIL_USE_RE = re.compile(r"\b(?:use|used|using)\b", re.I)
#: An attack named by its victims: agent = a militant named before, victims after the verb.
ATTACK_NOUN_RE = re.compile(r"\b(?:attacks?|bomber|bombings?|blasts?|airstrikes?)\b", re.I)
VICTIM_RE = re.compile(r"\b(?:killed|killing|injured|injuring|wounded|took the (?:life|lives) of)\b", re.I)
#: A state that suffers attacks with the group named: "Pakistan has witnessed attacks: the TTP ...".
SUFFER_RE = re.compile(
    r"\b(?:witness\w*|faced|faces|suffered|suffers)\b[^.;]{0,60}\b(?:attacks|terror\w*|violence)\b", re.I
)
#: "X (is|has been) responsible for ... attacks (inside|on|against) Y".
RESPONSIBLE_FOR_RE = re.compile(
    r"\bresponsible for\b[^.;]{0,60}?\b(?:attacks|airstrikes|strikes)\b\s+(?:\w+\s+)?(?:inside|in|on|against)\b",
    re.I,
)
#: Mutual support between coordinated subjects: "The TTP and the Taliban have forged close ties".
MUTUAL_SUPPORT_RE = re.compile(r"\bforged (?:close )?ties\b|\bsharing sanctuar\w+\b", re.I)
_NEGATION_RE = re.compile(r"\b(?:not|never|no longer)\s+(?:\w+\s+)?$", re.I)


def _pseudo(start, end, surface, side, actor):
    return {"start": start, "end": end, "surface": surface, "form": surface, "actor": actor, "side": side}


def resolve_references(text: str, named: list[dict], previous_state: str | None) -> list[dict]:
    """Mentions plus resolved references (rules P1–P3).

    P1 "It"/"they" (not an expletive "it is/was/seems") and P2 "the country",
    "this state" stand for the state (Pakistan or Afghanistan) named last
    before them in the sentence, else for ``previous_state`` (named last in
    the previous sentences of the document).  P3 "these groups", "such
    networks" are militant.  Pair phrases ("the two countries", "both
    states") are added as two mentions, one per side of :data:`PAIR_SIDES`.
    """
    out = list(named)
    taken = [(m["start"], m["end"]) for m in named]

    def free(s, e):
        return not any(s < b and a < e for a, b in taken)

    def state_before(pos):
        st = [m for m in named if m["end"] <= pos and m["side"] in STATE_SIDES]
        return st[-1]["side"] if st else previous_state

    for rx in (PRONOUN_RE, COUNTRY_RE):
        for m in rx.finditer(text):
            if (
                not free(m.start(), m.end())
                or _CLEFT_RE.search(text[: m.end() + 80])
                and rx is PRONOUN_RE
                and re.match(r"it\s+(?:is|was)", text[m.start() :], re.I)
            ):
                continue
            side = state_before(m.start())
            if side is not None:
                out.append(_pseudo(m.start(), m.end(), m.group(0), side, f"{side} ({m.group(0).lower()})"))
    for m in GROUP_ANAPHORA_RE.finditer(text):
        if free(m.start(), m.end()):
            out.append(_pseudo(m.start(), m.end(), m.group(0), "militant", "militant groups (anaphora)"))
    for m in PAIR_RE.finditer(text):
        if free(m.start(), m.end()):
            for side in PAIR_SIDES:
                out.append(_pseudo(m.start(), m.end(), m.group(0), side, f"{side} (pair)"))
    return sorted(out, key=lambda m: (m["start"], m["side"] or ""))


def _status(text: str, pos: int, relation: str, claims: bool = True) -> str:
    """Alleged when a hedge precedes ``pos``, or (with ``claims``) a claim cue does and the
    relation is not itself a speech act.  An attack claimed by its authors ("Daesh claimed an
    attack which killed ...") is not hedged by the claim: pass ``claims=False``."""
    before = text[:pos]
    if HEDGE_RE.search(before) or HEDGE_RE.match(text[pos:]):
        return "alleged"
    if claims and relation not in ("accuses", "denies", "demands_or_warns") and CLAIM_CUE_RE.search(before):
        return "alleged"
    return "asserted"


def _after(named, pos, want=None, gap=MAX_OBJECT_GAP + 20, text=None):
    for m in named:
        if m["start"] >= pos and m["start"] - pos <= gap:
            if text is not None and CLAUSE_BREAKS.search(text[pos : m["start"]]):
                return None
            if want is None or m["side"] == want:
                return m
            if want == "state" and m["side"] in STATE_SIDES:
                return m
    return None


def _rel(agent_side, target_side, relation, status, rule, cue):
    return {
        "agent": agent_side,
        "target": target_side,
        "relation": relation,
        "status": status,
        "rule": rule,
        "verb": cue,
    }


def extra_relations(
    text: str, named: list[dict], speakers: list[dict] | None = None, previous_state: str | None = None
) -> list[dict]:
    """Relations found by the noun, speech, victim, sanctuary and pair rules (see the module notes)."""
    out = []
    quotes = quote_spans(text)
    sides_present = {m["side"] for m in named}
    has_pair = set(PAIR_SIDES) <= sides_present
    # mutual acts of the two parties
    for relation, rx in MUTUAL_CUES:
        m = rx.search(text)
        if m and has_pair:
            st = _status(text, m.start(), relation)
            a, b = PAIR_SIDES
            out += [
                _rel(a, b, relation, st, "mutual act", m.group(0)),
                _rel(b, a, relation, st, "mutual act", m.group(0)),
            ]
    for m in MUTUAL_SUPPORT_RE.finditer(text):
        subj = subject_before(named, m.start(), quotes, max_gap=120)
        if subj is None:
            continue
        parties = {p["side"] for p in _coordinated(text, named, subj, forward=False)}
        for a in parties:
            for b in parties:
                if a != b:
                    out.append(
                        _rel(
                            a,
                            b,
                            "supports_or_harbours",
                            _status(text, m.start(), "supports_or_harbours"),
                            "mutual support",
                            m.group(0),
                        )
                    )
    # nominal and phrasal triggers
    for relation, rx, agent_rule, target_rule in _NOMINAL:
        for m in rx.finditer(text):
            if _NEGATION_RE.search(text[: m.start()]):
                continue
            agent = None
            if agent_rule == "possessor":
                cands = [x for x in named if x["end"] <= m.start() + 1 and m.start() - x["end"] <= 2]
                agent = cands[-1] if cands else None
            elif agent_rule in ("subject", "subject_group"):
                agent = subject_before(named, m.start(), quotes, text=text)
            elif agent_rule == "subject_any":
                before = [x for x in named if x["end"] <= m.start()]
                agent = before[-1] if before else None
            elif agent_rule == "militant_before":
                before = [x for x in named if x["end"] <= m.start() and x["side"] == "militant"]
                agent = before[-1] if before else None
            elif agent_rule == "adjective_or_by":
                by = re.search(r"\bby\b", text[m.end() : m.end() + 80])
                if by:
                    agent = _after(named, m.end() + by.end(), gap=20)
                if agent is None:
                    cands = [x for x in named if x["end"] <= m.start() and m.start() - x["end"] <= 2]
                    agent = cands[-1] if cands else None
            elif agent_rule == "joiner":
                by = re.search(r"\bby (?:the )?", text[m.end() : m.end() + 60])
                agent = (
                    _after(named, m.end() + by.end(), gap=5)
                    if by
                    else subject_before(named, m.start(), quotes, text=text)
                )
            elif agent_rule == "first":
                agent = named[0] if named and named[0]["end"] <= m.start() else None
            elif agent_rule == "previous":
                agent = _pseudo(0, 0, "", previous_state, "previous") if previous_state else None
            elif agent_rule == "speaker_or_subject":
                agent = speakers[0] if speakers else subject_before(named, m.start(), quotes, text=text)
            elif agent_rule == "speaker":
                agent = (speakers or [None])[0]
            if agent is None:
                continue
            agents = [agent]
            if agent_rule == "subject_group":
                agents = _coordinated(text, named, agent, forward=False)
            if target_rule == "after_other_state":
                target = next(
                    (
                        x
                        for x in named
                        if x["start"] >= m.end()
                        and x["start"] - m.end() <= 120
                        and x["side"] in STATE_SIDES
                        and x["side"] != agent["side"]
                    ),
                    None,
                )
                targets = [target] if target else []
            elif target_rule.startswith("after"):
                want = "militant" if "militant" in target_rule else None
                pos = m.end()
                if agent_rule == "joiner":
                    pos = m.end()
                target = _after(named, pos, want=want, gap=90 if want else MAX_OBJECT_GAP + 20)
                targets = _coordinated(text, named, target, forward=True) if target else []
            else:
                others = [x for x in named if x["side"] in STATE_SIDES and x["side"] != agent["side"]]
                targets = others[:1]
            for a in agents:
                for t in targets:
                    if t["side"] == a["side"] or a["side"] is None or t["side"] is None:
                        continue
                    if target_rule == "after_militant_as_target":
                        out.append(
                            _rel(a["side"], t["side"], "accuses", "asserted", "threat posed by", m.group(0))
                        )
                        continue
                    if relation == "supports_or_harbours" and t["surface"] in POPULATION_FORMS:
                        continue
                    out.append(
                        _rel(
                            a["side"],
                            t["side"],
                            relation,
                            _status(text, m.end(), relation),
                            "noun or phrase",
                            m.group(0),
                        )
                    )
    # sanctuaries and hubs: the state named after "in/inside" harbours the group named before
    for m in SANCTUARY_RE.finditer(text):
        state = _after(named, m.end(), want="state", gap=25)
        group = [x for x in named if x["end"] <= m.start() and x["side"] == "militant"]
        if state and group:
            out.append(
                _rel(
                    state["side"],
                    "militant",
                    "supports_or_harbours",
                    _status(text, m.start(), "supports_or_harbours"),
                    "sanctuary in",
                    m.group(0),
                )
            )
    for m in HUB_RE.finditer(text):
        state = [x for x in named if x["end"] <= m.start() and x["side"] in STATE_SIDES]
        group = _after(named, m.end(), want="militant", gap=80)
        if state and group:
            out.append(
                _rel(
                    state[-1]["side"],
                    "militant",
                    "supports_or_harbours",
                    _status(text, m.start(), "supports_or_harbours"),
                    "hub of",
                    m.group(0),
                )
            )
    # soil or territory of a state used by a group
    if SOIL_USE_RE.search(text) and not DENIED_CONTENT_RE.search(text):
        for m in SOIL_RE.finditer(text):
            owner = [
                x
                for x in named
                if x["end"] <= m.start() and m.start() - x["end"] <= 2 and x["side"] in STATE_SIDES
            ]
            groups = [x for x in named if x["side"] == "militant"]
            if owner and groups:
                out.append(
                    _rel(
                        owner[-1]["side"],
                        "militant",
                        "supports_or_harbours",
                        _status(text, m.start(), "supports_or_harbours"),
                        "use of soil",
                        m.group(0),
                    )
                )
                break
    # attacks named by their victims
    a_noun = ATTACK_NOUN_RE.search(text)
    v_verb = VICTIM_RE.search(text)
    if a_noun and v_verb:
        groups = [
            x for x in named if x["side"] == "militant" and x["end"] <= max(a_noun.start(), v_verb.start())
        ]
        if groups:
            victims = {
                x["side"]
                for x in named
                if x["start"] >= v_verb.end() and x["side"] not in (None, "militant", "third_party")
            }
            for side in victims:
                out.append(
                    _rel(
                        "militant",
                        side,
                        "attacks_or_coerces",
                        _status(text, a_noun.start(), "attacks_or_coerces", claims=False),
                        "attack and victims",
                        a_noun.group(0),
                    )
                )
    # a state that suffers attacks, with the groups named
    m = SUFFER_RE.search(text)
    if m:
        state = [x for x in named if x["end"] <= m.start() and x["side"] in STATE_SIDES]
        if state and any(x["side"] == "militant" for x in named):
            out.append(
                _rel(
                    "militant",
                    state[-1]["side"],
                    "attacks_or_coerces",
                    "asserted",
                    "suffers attacks",
                    m.group(0),
                )
            )
    # "X responsible for attacks inside Y"
    for m in RESPONSIBLE_FOR_RE.finditer(text):
        agent = [x for x in named if x["end"] <= m.start() and m.start() - x["end"] <= 25]
        target = _after(named, m.end(), gap=20)
        if agent and target and agent[-1]["side"] != target["side"]:
            out.append(
                _rel(
                    agent[-1]["side"],
                    target["side"],
                    "attacks_or_coerces",
                    "alleged",
                    "responsible for",
                    m.group(0),
                )
            )
    # reported speech: a speaker whose clause names another party's harbouring or attacks accuses it
    for sp in speakers or []:
        for r in list(out):
            if (
                r["relation"] in ("supports_or_harbours", "attacks_or_coerces")
                and r["agent"] != sp["side"]
                and r["agent"] in STATE_SIDES + ("militant",)
            ):
                if r["rule"] in ("mutual act", "mutual support"):
                    continue
                out.append(
                    _rel(sp["side"], r["agent"], "accuses", "asserted", "reported speech", sp.get("cue", ""))
                )
                r["status"] = "alleged"
    return out


_AND_BEFORE_RE = re.compile(r"\band\s+(?:also\s+|then\s+)?$", re.IGNORECASE)


def _coordinated_verbs(text: str, named: list[dict], speakers: list[dict], out: dict) -> None:
    """Coordinated verbs share their subject: "Islamabad blamed Kabul and urged Kabul to act".

    For a listed verb right after "and", the nearest mention before it is
    usually the previous verb's object, not its subject.  Its agent is the
    subject of the previous listed verb in the sentence, or else the
    sentence's speaker; the edges the verb rules gave it are re-attributed
    in ``out`` (keyed ``(agent, target, relation)``) in place.
    """
    quotes = quote_spans(text)
    verbs = find_verbs(text)
    for i, v in enumerate(verbs):
        if not _AND_BEFORE_RE.search(text[: v["start"]]):
            continue
        wrong = subject_before(named, v["start"], quotes, text=text)
        agent = None
        for prev in reversed(verbs[:i]):
            agent = subject_before(named, prev["start"], quotes, text=text)
            if agent is not None:
                break
        if agent is None and speakers:
            agent = next((m for m in named if m["side"] == speakers[0]["side"]), None)
        if agent is None or wrong is None or wrong["side"] == agent["side"]:
            continue
        relation = RELATION_OF_CLASS[v["verb_class"]]
        for key in [
            k
            for k, e in out.items()
            if e.get("verb") == v["verb"] and k[0] == wrong["side"] and k[2] == relation
        ]:
            e = out.pop(key)
            if e["target"] != agent["side"]:
                out.setdefault(
                    (agent["side"], e["target"], relation),
                    {**e, "agent": agent["side"], "agent_actor": agent["actor"], "rule": "coordinated verb"},
                )
        for t in _object(text, named, v["end"], v["verb_class"]):
            if t["side"] != agent["side"]:
                out.setdefault(
                    (agent["side"], t["side"], relation),
                    {
                        "agent": agent["side"],
                        "target": t["side"],
                        "agent_actor": agent["actor"],
                        "verb": v["verb"],
                        "verb_class": v["verb_class"],
                        "relation": relation,
                        "status": _status(text, v["start"], relation),
                        "rule": "coordinated verb",
                        "mutual": False,
                    },
                )


def sentence_relations(
    text: str,
    dictionary: ActorDictionary,
    previous_state: str | None = None,
    anchor=None,
    previous_period: str | None = None,
    time_aware: bool = False,
) -> tuple[list[dict], dict]:
    """Relations of one sentence: the verb rules plus :func:`extra_relations`.

    Returns the relations (dicts ``agent, target, agent_actor, verb,
    verb_class, relation, status, rule, mutual``; one per (agent, target,
    relation)) and a context dict for the next sentence (``state``: the
    state named last; ``period``: before/after for the dated Taliban rule).
    """
    from analysis.methods import sides_in_time
    from analysis.methods.voices import find_voices

    mentions = find_mentions(text, dictionary)
    period = None
    if time_aware:
        mentions, period = sides_in_time.remap(text, mentions, anchor, previous_period)
    named = [m for m in mentions if m["side"] is not None]
    resolved = resolve_references(text, named, previous_state)
    out = {}
    for e in sentence_edges(text, dictionary, mentions=resolved, country_side=previous_state):
        relation = RELATION_OF_CLASS[e["verb_class"]]
        pos = text.lower().find(e["verb"].lower())
        if relation == "denies" and DENIED_CONTENT_RE.match(text[max(pos, 0) :]):
            continue  # "deny the presence of X": X's presence is denied, X is not the target
        key = (e["agent"], e["target"], relation)
        out.setdefault(
            key, {**e, "relation": relation, "status": _status(text, max(pos, 0), relation), "rule": "verb"}
        )
    speakers = [v for v in find_voices(text, dictionary, mentions=resolved) if v["side"] is not None]
    _coordinated_verbs(text, resolved, speakers, out)
    for r in extra_relations(text, resolved, speakers, previous_state):
        key = (r["agent"], r["target"], r["relation"])
        if key in out:
            if r["status"] == "alleged":
                out[key]["status"] = "alleged"
            continue
        out[key] = {
            "agent": r["agent"],
            "target": r["target"],
            "agent_actor": r["agent"],
            "verb": r["verb"],
            "verb_class": r["relation"],
            "relation": r["relation"],
            "status": r["status"],
            "rule": r["rule"],
            "mutual": r["rule"].startswith("mutual"),
        }
    states = [m for m in named if m["side"] in STATE_SIDES]
    context = {"state": states[-1]["side"] if states else previous_state, "period": period}
    return list(out.values()), context


RELATION_COLUMNS = EDGE_COLUMNS[:-1] + ["relation", "status", "rule", "text"]


def relations_table(
    sentences: pd.DataFrame,
    dictionary: ActorDictionary,
    documents: pd.DataFrame | None = None,
    time_aware: bool | None = None,
) -> pd.DataFrame:
    """Every relation of a sentence table (one row each; see :func:`sentence_relations`).

    Sentences are read in order within each document, so pronouns and "the
    country" resolve to the state named last before them.  ``documents``
    (``id, date``) gives each document's date for the dated Taliban rule
    (:mod:`analysis.methods.sides_in_time`); ``time_aware`` switches that
    rule (default :data:`analysis.methods.sides_in_time.DEFAULT_TIME_AWARE`).
    """
    from analysis.methods import sides_in_time

    if time_aware is None:
        time_aware = sides_in_time.DEFAULT_TIME_AWARE
    anchors = sides_in_time._doc_dates(documents) if documents is not None else {}
    rows, ctx = [], {}
    for s in sentences.itertuples():
        c = ctx.get(s.doc_id, {"state": None, "period": None, "paragraph": None})
        paragraph = getattr(s, "paragraph", None)
        carried = c["period"] if paragraph is not None and paragraph == c["paragraph"] else None
        rels, new = sentence_relations(
            s.text, dictionary, c["state"], anchors.get(s.doc_id), carried, time_aware
        )
        ctx[s.doc_id] = {**new, "paragraph": paragraph}
        rows += [{"doc_id": s.doc_id, "sent_index": s.sent_index, **r, "text": s.text} for r in rels]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)
