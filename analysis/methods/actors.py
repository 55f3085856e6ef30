"""Who is named: actors and sides, matched in sentences with their spans.

A curated dictionary (``data/actors/actors.yaml``, rules in its README) maps
surface forms ("Tehreek-e-Taliban Pakistan", "Kabul", "US") to an actor and
each actor to a side: ``pakistan``, ``afghanistan``, ``militant`` or
``third_party``.  :func:`find_mentions` applies it to one string,
:func:`match_sentences` to a corpus's sentence table; every match keeps its
document, sentence and character span, so any count in the chapter can be
traced back to the words that produced it.

Matching is deliberately simple and transparent: literal forms, longest
match first, case-sensitive for acronyms, parenthetical citations masked.

Examples
--------
>>> d = load_actors()
>>> [(m["surface"], m["side"]) for m in find_mentions(
...     "Pakistan's envoy said the Tehreek-e-Taliban Pakistan (TTP) hides in Kabul.", d)]
[('Pakistan', 'pakistan'), ('Tehreek-e-Taliban Pakistan', 'militant'), ('TTP', 'militant'), ('Kabul', 'afghanistan')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import ProjectError
from analysis.methods import dictionary_schemas

#: Default dictionary, relative to the project root.
DEFAULT_ACTORS = "data/actors/actors.yaml"

#: Parenthetical in-text citations ending in a year, e.g. "(Banerjee, 2025)"
#: or "(News A. , 2026)": masked before matching (rule 13 of the README).
CITATION_RE = re.compile(r"\([^()]*?\b(?:1[89]|20)\d\d[a-z]?\s*\)")

#: Characters that a space or hyphen in a form may stand for.
_JOINER = r"[\s\-\u2010\u2011\u2012\u2013\u2014]+"


@dataclass
class ActorDictionary:
    """A loaded actor dictionary.

    Attributes
    ----------
    sides : list of str
        Side names in display order.
    actors : DataFrame
        One row per (form, actor, side, case_sensitive).
    path : Path
        File it was read from.
    """

    sides: list[str]
    actors: pd.DataFrame
    path: Path
    _patterns: list = field(default_factory=list, repr=False)

    def side_of(self, actor: str):
        """Side of an actor label (``None`` for unresolved actors)."""
        rows = self.actors[self.actors["actor"] == actor]
        if rows.empty:
            raise KeyError(actor)
        return rows["side"].iloc[0]


def resolve_path(path: str | Path) -> Path:
    """A dictionary path given relative to the project root (or absolute)."""
    p = Path(path)
    return p if p.is_absolute() else paths.ROOT / p


def _form_regex(form: str, case_sensitive: bool) -> re.Pattern:
    parts = re.split(r"[\s\-]+", form.strip())
    body = _JOINER.join(re.escape(p) for p in parts)
    # word boundaries that also work after a final "." (U.S.) or before "*"
    pattern = rf"(?<![\w]){body}(?![\w])"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def load_actors(path: str | Path = DEFAULT_ACTORS) -> ActorDictionary:
    """Read and check an actor dictionary (YAML; see ``data/actors/README.md``).

    Raises
    ------
    ProjectError
        If the file is missing, an actor has an unknown side or no forms,
        or one form is given to two actors.
    """
    p = resolve_path(path)
    spec = dictionary_schemas.load_actor_spec(p)  # types, required fields, sides
    sides = list(spec["sides"])
    rows = []
    for entry in spec["actors"]:
        side = entry.get("side")
        forms = entry["forms"]
        exact = set(entry.get("exact") or [])
        for form in forms:
            form = str(form)
            case_sensitive = form in exact or not any(ch.islower() for ch in form)
            rows.append(
                {"form": form, "actor": entry["actor"], "side": side, "case_sensitive": case_sensitive}
            )
    actors = pd.DataFrame(rows, columns=["form", "actor", "side", "case_sensitive"])
    key = actors["form"].where(actors["case_sensitive"], actors["form"].str.lower())
    dup = actors[key.duplicated(keep=False)]
    if not dup.empty:
        raise ProjectError(f"{p}: forms given to more than one actor: {sorted(set(dup['form']))}")
    d = ActorDictionary(sides=sides, actors=actors, path=p)
    d._patterns = [
        (_form_regex(r.form, r.case_sensitive), r.form, r.actor, r.side if isinstance(r.side, str) else None)
        for r in actors.itertuples()
    ]
    return d


def normalise(text: str) -> str:
    """Same-length normalisation: curly apostrophes to straight ones.

    >>> normalise("Pakistan’s")
    "Pakistan's"
    """
    return text.replace("\u2019", "'").replace("\u2018", "'")


def mask_citations(text: str) -> str:
    """Blank out parenthetical citations, keeping every offset.

    >>> mask_citations("Kabul (Ali, 2025) agreed.") == "Kabul " + " " * 11 + " agreed."
    True
    """
    return CITATION_RE.sub(lambda m: " " * len(m.group(0)), text)


def _candidates_regex(clean: str, dictionary: ActorDictionary) -> list[tuple]:
    """Every match of every form, one regular expression per form (the reference path)."""
    out = []
    for k, (regex, _form, _actor, _side) in enumerate(dictionary._patterns):
        out.extend((m.start(), m.end(), k) for m in regex.finditer(clean))
    return out


#: A run of joiners (the class of :data:`_JOINER`).
_JOINER_RUN = re.compile(_JOINER)
#: The joiners other than the space: ``\s`` is ``str.isspace`` (all such
#: characters lie below U+3001), the hyphen and the dashes.
_OTHER_JOINER = re.compile(
    "["
    + re.escape("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != " "))
    + r"\-\u2010\u2011\u2012\u2013\u2014]"
)
_SPACES = re.compile("  +")
_CASE_SAFE: dict[str, bool] = {}
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _case_safe(text: str) -> bool:
    """Whether lower-casing ``text`` character by character compares as ``re.IGNORECASE`` does.

    True for ASCII and for letters such as "ü" whose upper and lower case map
    onto each other one to one; False for "İ", "ſ", the Kelvin sign and the
    like, where the regular expression path is used instead.
    """
    if text.isascii():
        return True
    for ch in set(_ASCII_RUN.sub("", text)):
        ok = _CASE_SAFE.get(ch)
        if ok is None:
            lo, up = ch.lower(), ch.upper()
            ok = _CASE_SAFE[ch] = len(lo) == 1 and len(up) == 1 and up.lower() == lo and lo.upper() == up
        if not ok:
            return False
    return True


def _automata(dictionary: ActorDictionary):
    """Two Aho-Corasick automata over all forms (case-sensitive ones, lower-cased others).

    A form's key is its words joined by single spaces, with the joiner
    characters read as spaces, as in the text the automata scan.  Built once
    per dictionary.
    """
    cached = getattr(dictionary, "_automata_cache", None)
    if cached is not None:
        return cached
    import ahocorasick

    keys: tuple[dict, dict] = ({}, {})
    for k, row in enumerate(dictionary.actors.itertuples()):
        key = _JOINER_RUN.sub(" ", row.form.strip())
        if row.case_sensitive:
            keys[0].setdefault(key, []).append(k)
        else:
            keys[1].setdefault(key.lower(), []).append(k)
    automata = []
    for table in keys:
        if not table:
            automata.append(None)
            continue
        a = ahocorasick.Automaton()
        for key, forms in table.items():
            a.add_word(key, (len(key), tuple(forms)))
        a.make_automaton()
        automata.append(a)
    safe = all(_case_safe(key) for table in keys for key in table)
    dictionary._automata_cache = (automata[0], automata[1], safe)
    return dictionary._automata_cache


def _candidates_automaton(clean: str, dictionary: ActorDictionary) -> list[tuple]:
    """The same candidates as :func:`_candidates_regex`, found with one scan per case rule.

    The text's joiner runs are read as one space (a copy of the text, with
    an offset table back to ``clean``), the automata report every place a
    form's key occurs, and each is confirmed by the form's own regular
    expression at that offset (word boundaries, exact joiners).  Then
    ``finditer``'s rule is replayed per form: a match starting inside the
    previous match of the same form is dropped.  Time is linear in the
    length of the text plus the number of candidates.
    """
    sensitive, insensitive, safe = _automata(dictionary)
    if not (safe and _case_safe(clean)):
        return _candidates_regex(clean, dictionary)
    spaced = _OTHER_JOINER.sub(" ", clean)  # same length, every joiner a space
    run_at, shift_after, shift = [], [], 0
    for m in _SPACES.finditer(spaced):
        run_at.append(m.start() - shift)  # the run's position in the collapsed copy
        shift += m.end() - m.start() - 1
        shift_after.append(shift)
    collapsed = _SPACES.sub(" ", spaced) if run_at else spaced
    found = []
    for automaton, hay in ((sensitive, collapsed), (insensitive, collapsed.lower() if insensitive else "")):
        if automaton is None:
            continue
        for last, (length, forms) in automaton.iter(hay):
            start = last - length + 1
            if run_at:
                j = bisect_right(run_at, start - 1)
                start += shift_after[j - 1] if j else 0
            for k in forms:
                found.append((k, start))
    if not found:
        return []
    found.sort()
    patterns = dictionary._patterns
    out, prev_k, prev_end = [], -1, -1
    for k, start in found:
        if k == prev_k and start < prev_end:
            continue  # finditer resumes after the previous match of this form
        m = patterns[k][0].match(clean, start)
        if m is None:
            continue
        out.append((start, m.end(), k))
        prev_k, prev_end = k, m.end()
    return out


def _select(candidates: list[tuple], size: int) -> list[tuple]:
    """Longest first, then leftmost, then dictionary order; keep a match only if it overlaps none kept.

    An occupancy map of the text makes this linear in its length; the kept
    matches come back in text order.
    """
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = bytearray(size)
    kept = []
    for start, end, k in candidates:
        if 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append((start, end, k))
    kept.sort()
    return kept


def _as_dicts(text: str, spans: list[tuple], dictionary: ActorDictionary) -> list[dict]:
    patterns = dictionary._patterns
    out = []
    for start, end, k in spans:
        _, form, actor, side = patterns[k]
        out.append(
            {
                "start": start,
                "end": end,
                "surface": text[start:end],
                "form": form,
                "actor": actor,
                "side": side,
            }
        )
    return out


def find_mentions(text: str, dictionary: ActorDictionary, method: str = "automaton") -> list[dict]:
    """All actor mentions in ``text``: longest match first, left to right.

    Returns a list of dicts with ``start``, ``end`` (offsets in ``text``),
    ``surface`` (the text matched), ``form``, ``actor`` and ``side``.
    Unresolved actors (side ``None``, e.g. a bare "Haqqani") are included.

    ``method="automaton"`` (default) finds the forms with Aho-Corasick
    automata (:func:`_candidates_automaton`); ``method="regex"`` with one
    regular expression per form, the reference the tests compare with.
    Both give the same mentions.  Overlaps are resolved longest first, then
    leftmost, then in dictionary order (:func:`_select`), so a long text
    costs time in proportion to its length.
    """
    clean = mask_citations(normalise(text))
    if method == "automaton":
        candidates = _candidates_automaton(clean, dictionary)
    elif method == "regex":
        candidates = _candidates_regex(clean, dictionary)
    else:
        raise ValueError(f"method must be 'automaton' or 'regex', got {method!r}")
    return _as_dicts(text, _select(candidates, len(clean)), dictionary) if candidates else []


#: Separator of the texts scanned together by :func:`find_mentions_many`: not a word
#: character, not a joiner, so no form and no word boundary crosses it.
_SEP = "\x00"


def _spans_many(texts: list[str], dictionary: ActorDictionary) -> list:
    """Per text, its mention spans ``(start, end, form index)``, or its mention dicts when done alone."""
    out: list = [[] for _ in texts]
    cleans = [mask_citations(c) if "(" in c else c for c in map(normalise, texts)]
    where = list(range(len(texts)))
    joined = _SEP.join(cleans)
    if joined.count(_SEP) != len(cleans) - 1 or not _case_safe(joined):
        alone = {r for r, c in enumerate(cleans) if _SEP in c or not _case_safe(c)}
        for r in alone:
            clean = cleans[r]
            out[r] = _select(_candidates_regex(clean, dictionary), len(clean))
        where = [r for r in where if r not in alone]
        cleans = [cleans[r] for r in where]
        joined = _SEP.join(cleans)
    if not cleans:
        return out
    candidates = _candidates_automaton(joined, dictionary)
    if not candidates:
        return out
    offsets, pos = [], 0
    for clean in cleans:
        offsets.append(pos)
        pos += len(clean) + 1
    for start, end, k in _select(candidates, len(joined)):
        j = bisect_right(offsets, start) - 1
        out[where[j]].append((start - offsets[j], end - offsets[j], k))
    return out


def find_mentions_many(texts: list[str], dictionary: ActorDictionary) -> list[list[dict]]:
    """:func:`find_mentions` of each text, the texts scanned together.

    The texts are joined with a separator no form can cross (``NUL``), so one
    scan of the automata serves a whole batch; the spans are cut back to
    each text.  A text holding a ``NUL`` or a character that
    ``re.IGNORECASE`` folds specially is done on its own (regex path).
    """
    texts = list(texts)
    return [
        _as_dicts(t, spans, dictionary) if spans else []
        for t, spans in zip(texts, _spans_many(texts, dictionary))
    ]


def count_mentions(texts, dictionary: ActorDictionary) -> Counter:
    """Mentions per ``(actor, side)`` in ``texts`` (side ``""`` for unresolved actors).

    The same mentions as :func:`find_mentions`, counted without building them.
    """
    texts = list(texts)
    per_form: Counter = Counter()
    for lo in range(0, len(texts), _BATCH):
        for spans in _spans_many(texts[lo : lo + _BATCH], dictionary):
            per_form.update(k for _, _, k in spans)
    out: Counter = Counter()
    for k, n in per_form.items():
        _, _, actor, side = dictionary._patterns[k]
        out[(actor, side if side is not None else "")] += n
    return out


MENTION_COLUMNS = [
    "doc_id",
    "sent_index",
    "sent_start",
    "sent_end",
    "start",
    "end",
    "surface",
    "form",
    "actor",
    "side",
]


def match_sentences(sentences: pd.DataFrame, dictionary: ActorDictionary) -> pd.DataFrame:
    """Mentions in a sentence table (``doc_id, sent_index, start, text``).

    Returns one row per mention: ``sent_start``/``sent_end`` are offsets in
    the sentence, ``start``/``end`` offsets in the document body.
    """
    rows = []
    doc_ids, sent_indexes, starts = (sentences[c].tolist() for c in ("doc_id", "sent_index", "start"))
    texts = sentences["text"].tolist()
    for lo in range(0, len(texts), _BATCH):
        found = find_mentions_many(texts[lo : lo + _BATCH], dictionary)
        for r, mentions in enumerate(found, start=lo):
            for m in mentions:
                rows.append(
                    {
                        "doc_id": doc_ids[r],
                        "sent_index": sent_indexes[r],
                        "sent_start": m["start"],
                        "sent_end": m["end"],
                        "start": starts[r] + m["start"],
                        "end": starts[r] + m["end"],
                        "surface": m["surface"],
                        "form": m["form"],
                        "actor": m["actor"],
                        "side": m["side"],
                    }
                )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


#: Sentences scanned together by :func:`match_sentences` (bounds the joined text).
_BATCH = 2000


def sentence_sides(sentences: pd.DataFrame, mentions: pd.DataFrame, sides: list[str]) -> pd.DataFrame:
    """One row per sentence with a 0/1 column per side and ``n_sides``.

    Also ``sides_named``: the named sides joined by ``+`` (``""`` if none).
    """
    out = sentences[["doc_id", "sent_index", "text"]].copy()
    named = mentions.dropna(subset=["side"])
    for side in sides:
        keys = set(
            zip(named.loc[named["side"] == side, "doc_id"], named.loc[named["side"] == side, "sent_index"])
        )
        out[side] = [int((d, i) in keys) for d, i in zip(out["doc_id"], out["sent_index"])]
    out["n_sides"] = out[sides].sum(axis=1)
    out["sides_named"] = (
        out[sides].apply(lambda r: "+".join(s for s in sides if r[s]), axis=1) if len(out) else []
    )
    return out


def mention_rates(mentions: pd.DataFrame, documents: pd.DataFrame, sides: list[str]) -> pd.DataFrame:
    """Mentions and mentions per 1,000 tokens, per document and side.

    ``documents`` needs ``id`` and ``n_tokens``.  Unresolved mentions are
    not counted.  Every (document, side) pair appears, with 0 if unnamed.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "a"], "side": ["pakistan", "pakistan", None]})
    >>> docs = pd.DataFrame({"id": ["a"], "n_tokens": [500]})
    >>> mention_rates(m, docs, ["pakistan", "militant"])[["side", "mentions", "per_1000_tokens"]].values.tolist()
    [['pakistan', 2, 4.0], ['militant', 0, 0.0]]
    """
    counts = mentions.dropna(subset=["side"]).groupby(["doc_id", "side"]).size()
    rows = []
    for d in documents.itertuples():
        for side in sides:
            n = int(counts.get((d.id, side), 0))
            rows.append(
                {
                    "doc_id": d.id,
                    "side": side,
                    "mentions": n,
                    "tokens": int(d.n_tokens),
                    "per_1000_tokens": 1000 * n / d.n_tokens if d.n_tokens else 0.0,
                }
            )
    return pd.DataFrame(rows)


def co_mentions(sent_sides: pd.DataFrame, sides: list[str]) -> pd.DataFrame:
    """Side-by-side counts of sentences naming both sides (long format).

    The diagonal holds the number of sentences naming a side at all; the
    matrix is symmetric.

    Examples
    --------
    >>> t = pd.DataFrame({"pakistan": [1, 1, 0], "afghanistan": [1, 0, 1]})
    >>> co_mentions(t, ["pakistan", "afghanistan"])["sentences"].tolist()
    [2, 1, 1, 2]
    """
    rows = []
    for a in sides:
        for b in sides:
            n = int(((sent_sides[a] == 1) & (sent_sides[b] == 1)).sum())
            rows.append({"side_a": a, "side_b": b, "sentences": n})
    return pd.DataFrame(rows)


def load_gold(path: str | Path = "data/validation/sides_gold.csv") -> pd.DataFrame:
    """Hand-coded sentences (``doc_id, sent_index, text`` + 0/1 per side)."""
    return pd.read_csv(resolve_path(path))


def validate_sides(gold: pd.DataFrame, predicted: pd.DataFrame, sides: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per side of predicted against hand-coded sides.

    Both tables have ``doc_id, sent_index`` and a 0/1 column per side; rows
    are joined on the two keys (a gold sentence missing from ``predicted``
    is an error).  A sentence-side pair is one decision: true positive when
    both say 1.  Undefined ratios (no positives) are reported as NaN.

    Examples
    --------
    >>> g = pd.DataFrame({"doc_id": ["a"] * 4, "sent_index": [0, 1, 2, 3], "pakistan": [1, 1, 0, 1]})
    >>> p = pd.DataFrame({"doc_id": ["a"] * 4, "sent_index": [0, 1, 2, 3], "pakistan": [1, 0, 1, 1]})
    >>> r = validate_sides(g, p, ["pakistan"]).iloc[0]
    >>> int(r.tp), int(r.fp), int(r.fn), round(float(r.precision), 3), round(float(r.recall), 3), round(float(r.f1), 3)
    (2, 1, 1, 0.667, 0.667, 0.667)
    """
    merged = gold.merge(
        predicted, on=["doc_id", "sent_index"], how="left", suffixes=("_gold", "_pred"), indicator=True
    )
    missing = merged[merged["_merge"] != "both"]
    if not missing.empty:
        raise ProjectError(
            f"{len(missing)} gold sentence(s) not found in the predictions, e.g. "
            f"{missing[['doc_id', 'sent_index']].iloc[0].tolist()}"
        )
    rows = []
    for side in sides:
        g, p = merged[f"{side}_gold"].astype(int), merged[f"{side}_pred"].astype(int)
        tp, fp, fn = (
            int(((g == 1) & (p == 1)).sum()),
            int(((g == 0) & (p == 1)).sum()),
            int(((g == 1) & (p == 0)).sum()),
        )
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if tp else (0.0 if (fp or fn) else float("nan"))
        rows.append(
            {
                "side": side,
                "gold_positive": int(g.sum()),
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": prec,
                "recall": rec,
                "f1": f1,
            }
        )
    return pd.DataFrame(rows)


def check_sides(sides: list[str], dictionary: ActorDictionary, name: str = "sides") -> list[str]:
    """Return ``sides`` if every entry is a side of the dictionary, else raise.

    >>> check_sides(["pakistan"], load_actors())
    ['pakistan']
    >>> check_sides(["mars"], load_actors())
    Traceback (most recent call last):
    ...
    ValueError: parameter 'sides' expects a non-empty list drawn from ['pakistan', 'afghanistan', 'militant', 'third_party'], got ['mars']
    """
    if not sides or any(s not in dictionary.sides for s in sides):
        raise ValueError(
            f"parameter {name!r} expects a non-empty list drawn from {dictionary.sides}, got {sides}"
        )
    return list(sides)


def sentiment_by_naming(scored: pd.DataFrame, sides: list[str], min_sentences: int = 1) -> pd.DataFrame:
    """Mean sentiment of sentences naming a side alone vs with other sides.

    ``scored`` is a :func:`sentence_sides` table with a ``compound`` column
    (e.g. from :func:`analysis.methods.sentiment.score_sentences`).  "alone" means
    the sentence names this side and no other; "with others" that it names
    this side and at least one more.  Cells with fewer than
    ``min_sentences`` sentences get a NaN mean (too few to read).

    Examples
    --------
    >>> t = pd.DataFrame({"pakistan": [1, 1, 1], "afghanistan": [0, 1, 1], "n_sides": [1, 2, 2],
    ...                   "compound": [0.5, -0.5, -0.1]})
    >>> sentiment_by_naming(t, ["pakistan"])[["naming", "sentences", "mean_compound"]].values.tolist()
    [['alone', 1, 0.5], ['with others', 2, -0.3]]
    """
    rows = []
    for side in sides:
        for naming, mask in (
            ("alone", (scored[side] == 1) & (scored["n_sides"] == 1)),
            ("with others", (scored[side] == 1) & (scored["n_sides"] > 1)),
        ):
            sub = scored.loc[mask, "compound"]
            n = int(len(sub))
            rows.append(
                {
                    "side": side,
                    "naming": naming,
                    "sentences": n,
                    "mean_compound": round(float(sub.mean()), 4)
                    if n >= max(min_sentences, 1)
                    else float("nan"),
                    "share_negative": float((sub < 0).mean()) if n >= max(min_sentences, 1) else float("nan"),
                }
            )
    return pd.DataFrame(rows)


def group_rates(rates: pd.DataFrame, documents: pd.DataFrame, group_field: str) -> pd.DataFrame:
    """Mentions per 1,000 tokens by a manifest field (pooled over documents).

    Tokens are counted once per document.  An unknown field is an error
    listing the valid ones.

    Examples
    --------
    >>> r = pd.DataFrame({"doc_id": ["a", "b"], "side": ["pakistan"] * 2, "mentions": [2, 4], "tokens": [100, 300]})
    >>> docs = pd.DataFrame({"id": ["a", "b"], "genre": ["x", "x"]})
    >>> group_rates(r, docs, "genre")[["genre", "per_1000_tokens"]].values.tolist()
    [['x', 15.0]]
    """
    if group_field not in documents.columns or group_field in ("body",):
        raise ValueError(
            f"parameter 'group_field' expects a manifest field such as outlet_country, "
            f"genre or year; got {group_field!r}"
        )
    m = rates.merge(documents[["id", group_field]].rename(columns={"id": "doc_id"}), on="doc_id")
    m[group_field] = m[group_field].astype(str)
    out = (
        m.groupby([group_field, "side"], sort=False)
        .agg(mentions=("mentions", "sum"), tokens=("tokens", "sum"), documents=("doc_id", "nunique"))
        .reset_index()
    )
    out["per_1000_tokens"] = 1000 * out["mentions"] / out["tokens"]
    return out
