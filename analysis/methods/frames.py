"""Frames: sentences coded by a keyword dictionary.

Two schemes are coded side by side from ``data/frames/frames.yaml`` (rules in
its README):

* the 14 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), as
  used for the Media Frames Corpus (Card et al. 2015), plus *Other* for a
  sentence with none of them;
* the five generic news frames of Semetko & Valkenburg (2000).

A sentence carries **every** frame with at least one keyword in it
(multi-label): a dictionary cannot choose a "primary" frame the way a human
coder of the Media Frames Corpus does, and pretending otherwise would hide
the ties.  Every hit keeps the keyword and the token it matched.

Three refinements keep keywords from firing on the wrong words (rules 6–8
of ``data/frames/README.md``):

* **Actor names can be masked** (``mask_actors`` of :func:`code_sentences`):
  the character spans of actor mentions (:func:`analysis.methods.actors.find_mentions`)
  are blanked before coding, so "Afghan interim government" is not a
  Political hit and "Islamic State Khorasan" not a Morality one — a frame
  is read from what is said about an actor, not from its name.
* **Exclusions**: a frame may list ``exclude`` phrases; a keyword hit that
  starts a match of one is dropped ("resolution of the stalemate" is not
  Legality; "Islamic State" / "Islamic Emirate" are not Morality).
* **Money needs a currency**: a currency sign before a number ("$1.6
  billion") is read as the word ``currency`` (:data:`CURRENCY_RE`), which
  is an Economic keyword; a bare "million" ("three million Afghan
  immigrants") is not.

Examples
--------
>>> f = load_frames()
>>> hits = frame_hits("Trade fell as border tension grew.", f)
>>> sorted({h["frame"] for h in hits})
['conflict', 'economic', 'economic_consequences', 'security_defense']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus.text import tokenize
from analysis.errors import ProjectError
from analysis.methods import dictionary_schemas
from analysis.methods.actors import resolve_path

#: A currency sign before a number, read as the word "currency" (rule 8 of the README).
CURRENCY_RE = re.compile(r"[$\u20ac\u00a3](?=\s?\d)")

#: Default dictionary, relative to the project root.
DEFAULT_FRAMES = "data/frames/frames.yaml"


@dataclass
class FrameDictionary:
    """A loaded frame dictionary.

    Attributes
    ----------
    frames : DataFrame
        ``id, scheme, label`` per frame, in file order.
    keywords : DataFrame
        ``frame, keyword`` per keyword.
    excludes : dict
        Frame id -> list of excluded phrases (each a list of words).
    other : dict
        Scheme -> id of its "no frame" code (or None).
    path : Path
    """

    frames: pd.DataFrame
    keywords: pd.DataFrame
    other: dict
    path: Path
    excludes: dict = None

    def labels(self) -> dict:
        """Frame id -> label (with ``other`` -> ``Other``)."""
        out = dict(zip(self.frames["id"], self.frames["label"]))
        for o in self.other.values():
            if o:
                out[o] = "Other"
        return out


def load_frames(path: str | Path = DEFAULT_FRAMES) -> FrameDictionary:
    """Read and check a frame dictionary.

    Raises
    ------
    ProjectError
        Missing file, a frame in an unknown scheme, a duplicated id, or a
        frame without keywords.
    """
    p = resolve_path(path)
    spec = dictionary_schemas.load_frame_spec(p)  # types, required fields, schemes
    schemes = spec["schemes"]
    frames, keywords, excludes = [], [], {}
    for fr in spec["frames"]:
        frames.append({"id": fr["id"], "scheme": fr["scheme"], "label": fr["label"]})
        keywords += [{"frame": fr["id"], "keyword": str(k).lower()} for k in fr["keywords"]]
        excludes[fr["id"]] = [str(x).lower().split() for x in fr.get("exclude") or []]
    frames = pd.DataFrame(frames)
    if frames["id"].duplicated().any():
        raise ProjectError(f"{p}: duplicated frame ids {frames['id'][frames['id'].duplicated()].tolist()}")
    other = {name: s.get("other") for name, s in schemes.items()}
    return FrameDictionary(
        frames=frames, keywords=pd.DataFrame(keywords), other=other, path=p, excludes=excludes
    )


def _word_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def _token_forms(token: str) -> list[str]:
    """A lower-cased token, without possessive, and its hyphen parts."""
    t = re.sub(r"['\u2019]s?$", "", token.lower())
    parts = [x for x in t.split("-") if x]
    return [t] + (parts if len(parts) > 1 else [])


def _keyword_index(frames: FrameDictionary) -> tuple[list, dict, dict]:
    """Index the keywords by their first word, built once per dictionary.

    Returns the keyword list ``[(frame, keyword, words)]``, a dict from an
    exact first word to keyword positions, and a dict from prefix length to
    ``{prefix: positions}`` for first words ending in ``*``.
    """
    cached = getattr(frames, "_index", None)
    if cached is not None:
        return cached
    entries = [(kw.frame, kw.keyword, kw.keyword.split()) for kw in frames.keywords.itertuples()]
    exact: dict[str, list[int]] = {}
    prefixes: dict[int, dict[str, list[int]]] = {}
    for pos, (_, _, words) in enumerate(entries):
        first = words[0]
        if first.endswith("*"):
            stem = first[:-1]
            prefixes.setdefault(len(stem), {}).setdefault(stem, []).append(pos)
        else:
            exact.setdefault(first, []).append(pos)
    frames._index = (entries, exact, prefixes)
    return frames._index


def _token_table(frames: FrameDictionary) -> dict:
    """Per distinct token: its forms and the keywords that can start at it (cached)."""
    table = getattr(frames, "_tokens", None)
    if table is None:
        table = frames._tokens = {}
    return table


def _candidates(forms, exact: dict, prefixes: dict) -> set:
    """Positions of the keywords whose first word may match one of a token's ``forms``.

    A keyword is a candidate when one form is its first word (``exact``) or
    starts with its stem (``prefixes``: stem length -> stem -> positions).
    """
    candidates = set()
    for form in forms:
        candidates.update(exact.get(form, ()))
        for length, by_prefix in prefixes.items():
            if len(form) >= length:
                candidates.update(by_prefix.get(form[:length], ()))
    return candidates


def _token_entry(token: str, frames: FrameDictionary, table: dict) -> tuple:
    _, exact, prefixes = _keyword_index(frames)
    forms = _token_forms(token)
    candidates = _candidates(forms, exact, prefixes)
    entries, _, _ = _keyword_index(frames)
    excludes = frames.excludes or {}
    # a one-word keyword of a frame without exclusions is a hit as soon as it is a candidate
    sure = frozenset(
        entries[p][0] for p in candidates if len(entries[p][2]) == 1 and not excludes.get(entries[p][0])
    )
    checks = tuple(p for p in sorted(candidates) if entries[p][0] not in sure)
    entry = (forms, tuple(sorted(candidates)), sure, checks)
    if len(table) > 1_000_000:  # bound the cache on huge vocabularies
        table.clear()
    table[token] = entry
    return entry


def _token_entries(text: str, frames: FrameDictionary) -> list[tuple]:
    """The cached :func:`_token_entry` of each token of ``text`` (currency signs read as "currency")."""
    table = _token_table(frames)
    get = table.get
    return [get(t) or _token_entry(t, frames, table) for t in tokenize(CURRENCY_RE.sub(" currency ", text))]


def _phrase_matcher(tokens: list[tuple]):
    """``matches_at(words, i)``: whether the keyword ``words`` matches the token entries from ``i`` on."""
    n = len(tokens)

    def matches_at(words, i):
        return i + len(words) <= n and all(
            any(_word_matches(w, f) for f in tokens[i + j][0]) for j, w in enumerate(words)
        )

    return matches_at


def frame_hits(text: str, frames: FrameDictionary) -> list[dict]:
    """Keyword hits in one text: ``frame``, ``keyword``, ``token`` (matched words).

    A keyword matches a token (lower-cased, possessive stripped) or a part
    of a hyphenated token ("cross-border" matches ``border*``); a phrase
    keyword matches consecutive tokens.  Hits come in dictionary order, then
    text order.

    Each distinct token is analysed once per dictionary (its forms and the
    keywords whose first word it matches, exactly or by ``word*`` prefix,
    looked up in hash tables), so coding costs one table look-up per token:
    linear in the length of the text, the speed of a keyword automaton,
    without losing the rules for possessives, hyphen parts and prefixes.
    ``_frame_hits_reference`` is the uncached original, which the tests
    compare with.
    """
    entries, _, _ = _keyword_index(frames)
    tokens = _token_entries(text, frames)
    matches_at = _phrase_matcher(tokens)
    excludes = frames.excludes or {}
    found = []
    for i, (_, candidates, _, _) in enumerate(tokens):
        for pos in candidates:
            frame, _, words = entries[pos]
            if len(words) > 1 and not matches_at(words, i):
                continue
            excluded = excludes.get(frame)
            if excluded and any(matches_at(x, i) for x in excluded):
                continue
            found.append((pos, i))
    found.sort()
    hits = []
    for pos, i in found:
        frame, keyword, words = entries[pos]
        hits.append(
            {
                "frame": frame,
                "keyword": keyword,
                "token": tokens[i][0][0]
                if len(words) == 1
                else " ".join(tokens[i + j][0][0] for j in range(len(words))),
            }
        )
    return hits


def frames_present(text: str, frames: FrameDictionary) -> set[str]:
    """The frames with at least one hit in ``text``: ``{h["frame"] for h in frame_hits(text, frames)}``.

    Faster than building the hits: a one-word keyword of a frame without
    exclusions needs no check, and a frame already found is not looked for
    again.
    """
    entries, _, _ = _keyword_index(frames)
    tokens = _token_entries(text, frames)
    matches_at = _phrase_matcher(tokens)
    excludes = frames.excludes or {}
    present: set[str] = set()
    present = present.union(*[e[2] for e in tokens if e[2]])
    for i, checks in [(i, e[3]) for i, e in enumerate(tokens) if e[3]]:
        for pos in checks:
            frame, _, words = entries[pos]
            if frame in present or (len(words) > 1 and not matches_at(words, i)):
                continue
            excluded = excludes.get(frame)
            if excluded and any(matches_at(x, i) for x in excluded):
                continue
            present.add(frame)
    return present


def count_frames(texts, frames: FrameDictionary) -> Counter:
    """Sentences carrying each frame, and each scheme's *other* code, in ``texts``.

    The column sums of :func:`code_sentences`' ``coded`` table (every frame
    id present, also with 0), computed with :func:`frames_present`; empty
    for no texts.
    """
    ids = frames.frames["id"].tolist()
    others = [
        (other, set(frames.frames.loc[frames.frames["scheme"] == scheme, "id"]))
        for scheme, other in frames.other.items()
        if other
    ]
    out: Counter = Counter()
    n = 0
    for text in texts:
        n += 1
        present = frames_present(text, frames)
        out.update(present)
        for other, in_scheme in others:
            if present.isdisjoint(in_scheme):
                out[other] += 1
    if not n:
        return Counter()
    return Counter({f: out[f] for f in ids + [o for o, _ in others]})


def _frame_hits_reference(text: str, frames: FrameDictionary) -> list[dict]:
    """:func:`frame_hits` as first written, without caches: the reference of the tests."""
    entries, exact, prefixes = _keyword_index(frames)
    tokens = [_token_forms(t) for t in tokenize(CURRENCY_RE.sub(" currency ", text))]
    excludes = frames.excludes or {}

    def matches_at(words, i):
        return i + len(words) <= len(tokens) and all(
            any(_word_matches(w, f) for f in tokens[i + j]) for j, w in enumerate(words)
        )

    found = set()
    for i, forms in enumerate(tokens):
        for pos in _candidates(forms, exact, prefixes):
            words = entries[pos][2]
            if matches_at(words, i) and not any(matches_at(x, i) for x in excludes.get(entries[pos][0], ())):
                found.add((pos, i))
    hits = []
    for pos, i in sorted(found):
        frame, keyword, words = entries[pos]
        hits.append(
            {
                "frame": frame,
                "keyword": keyword,
                "token": " ".join(tokens[i + j][0] for j in range(len(words))),
            }
        )
    return hits


def mask_mentions(text: str, dictionary) -> str:
    """``text`` with the spans of actor mentions blanked (same length).

    >>> from analysis.methods.actors import load_actors
    >>> mask_mentions("The Afghan interim government met.", load_actors()).split()
    ['The', 'met.']
    """
    from analysis.methods.actors import find_mentions

    chars = list(text)
    for m in find_mentions(text, dictionary):
        chars[m["start"] : m["end"]] = " " * (m["end"] - m["start"])
    return "".join(chars)


def code_sentences(
    sentences: pd.DataFrame, frames: FrameDictionary, mask_actors=None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Code every sentence.

    With ``mask_actors`` (an :class:`analysis.methods.actors.ActorDictionary`), actor
    mentions are blanked first (:func:`mask_mentions`), so keywords inside
    names ("Taliban *government*", "*Islamic* Emirate") do not count.

    Returns
    -------
    coded : DataFrame
        ``doc_id, sent_index`` and a 0/1 column per frame id (and per
        scheme's *other* code: 1 when no frame of that scheme was found).
    hits : DataFrame
        ``doc_id, sent_index, frame, keyword, token``: the evidence.
    """
    ids = frames.frames["id"].tolist()
    column = {f: k for k, f in enumerate(ids)}
    others = [
        (other, [column[f] for f in frames.frames.loc[frames.frames["scheme"] == scheme, "id"]])
        for scheme, other in frames.other.items()
        if other
    ]
    doc_ids, sent_indexes = sentences["doc_id"].tolist(), sentences["sent_index"].tolist()
    flags = np.zeros((len(doc_ids), len(ids)), dtype=np.int64)
    hit_rows = []
    for r, (doc_id, sent_index, text) in enumerate(zip(doc_ids, sent_indexes, sentences["text"].tolist())):
        if mask_actors is not None:
            text = mask_mentions(text, mask_actors)
        found = frame_hits(text, frames)
        for h in found:
            flags[r, column[h["frame"]]] = 1
        if found:
            hit_rows += [{"doc_id": doc_id, "sent_index": sent_index, **h} for h in found]
    if not doc_ids:
        coded = pd.DataFrame([])
    else:
        data = {"doc_id": doc_ids, "sent_index": sent_indexes}
        data.update({f: flags[:, k] for k, f in enumerate(ids)})
        for other, cols in others:
            data[other] = (flags[:, cols].sum(axis=1) == 0).astype(np.int64)
        coded = pd.DataFrame(data)
    hits = pd.DataFrame(hit_rows, columns=["doc_id", "sent_index", "frame", "keyword", "token"])
    return coded, hits


def frame_columns(frames: FrameDictionary, scheme: str) -> list[str]:
    """Frame ids of one scheme (with its *other* code last, if any)."""
    if scheme not in frames.other:
        raise ProjectError(f"unknown frame scheme {scheme!r}; schemes: {list(frames.other)}")
    cols = frames.frames.loc[frames.frames["scheme"] == scheme, "id"].tolist()
    return cols + ([frames.other[scheme]] if frames.other[scheme] else [])


def profile(coded: pd.DataFrame, by: pd.Series, columns: list[str], min_sentences: int = 1) -> pd.DataFrame:
    """Share of sentences carrying each frame, per group (long format).

    ``by`` is aligned with ``coded`` and gives each sentence's group (a
    sentence may be repeated in ``coded`` once per group it belongs to).
    Groups with fewer than ``min_sentences`` sentences are dropped.

    Examples
    --------
    >>> c = pd.DataFrame({"economic": [1, 0, 1, 1]})
    >>> profile(c, pd.Series(["a", "a", "b", "b"]), ["economic"])["share"].tolist()
    [0.5, 1.0]
    """
    df = coded[columns].copy()
    df["_group"] = by.values
    sizes = df.groupby("_group").size()
    shares = df.groupby("_group")[columns].mean()
    long = shares.reset_index().melt(id_vars="_group", var_name="frame", value_name="share")
    long["sentences"] = long["_group"].map(sizes)
    long = long[long["sentences"] >= min_sentences].rename(columns={"_group": "group"})
    return long.reset_index(drop=True)


def side_profile(
    coded: pd.DataFrame,
    sent_sides: pd.DataFrame,
    sides: list[str],
    columns: list[str],
    min_sentences: int = 1,
) -> pd.DataFrame:
    """Frame profile of each side: frames of the sentences that name it.

    A sentence naming two sides counts for both.
    """
    merged = coded.merge(sent_sides[["doc_id", "sent_index", *sides]], on=["doc_id", "sent_index"])
    parts, groups = [], []
    for side in sides:
        sel = merged[merged[side] == 1]
        parts.append(sel)
        groups += [side] * len(sel)
    if not parts:
        return pd.DataFrame(columns=["group", "frame", "share", "sentences"])
    stacked = pd.concat(parts, ignore_index=True)
    return profile(stacked, pd.Series(groups), columns, min_sentences).rename(columns={"group": "side"})
