"""Validation: a hand-coded sample, and how far each method agrees with it.

The sample (``data/validation/sample.csv``) is drawn by :func:`draw_sample`
and coded by hand following ``data/validation/CODING_GUIDE.md``; its test
part is frozen (sha256 in ``data/validation/README.md``).  This module holds
the metric functions the "How far to trust each method" chapter reports:
per-class precision, recall and F1 (:func:`prf`), each with a Wilson 95%
interval (:func:`wilson`), micro-averaged F1 over a multi-label coding
(:func:`multilabel_scores`), pair-set scores for relations
(:func:`relation_scores`) and a confusion table (:func:`confusion`).

``python -m analysis.methods.validation`` prints the test-part figures.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and
statistical inference. *JASA* 22(158), 209–212.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.methods import responsibility, uncertainty

#: The scores of one class, each with its Wilson 95% interval, in table order.
SCORE_FIELDS = (
    "precision", "precision_low", "precision_high",
    "recall", "recall_low", "recall_high",
    "f1", "f1_low", "f1_high",
)  # fmt: skip

#: z for a two-sided 95% interval: the project's one value (:data:`analysis.methods.uncertainty.Z`).
Z95 = uncertainty.Z

#: Seed of the sample and of the dev/test split (recorded in the README).
SAMPLE_SEED = 14

#: Share of the sample put in the test part (the rest is dev).
TEST_SHARE = 0.6

#: Sentences per document drawn at random besides the cue sentences, as a
#: share of the document's other sentences (stratified by document).
OTHER_SHARE = 0.85

#: Responsibility verbs and nominals: every sentence with one is in the sample.
CUE_RE = re.compile(
    r"\b(support\w*|supporter\w*|back(?:s|ed|ing)?|demand\w*|accus\w*|blam\w*|harbo\w*|"
    r"urg(?:e|es|ed|ing)|warn\w*|press(?:ed|ing|ure\w*)|den(?:y|ies|ied|ying)|reject\w*|"
    r"attack\w*|strike\w*|airstrike\w*|struck|sanctuar\w*|safe\s+hav\w*|prox(?:y|ies)|"
    r"threat\w*|condemn\w*|criticis\w*|criticiz\w*|talks|dialogue|negotiat\w*|"
    r"killed|kill\w*|claim\w*|allege\w*|link\w*|responsib\w*|shelter\w*|sponsor\w*|trained|training)\b",
    re.IGNORECASE,
)


def has_cue(text: str) -> bool:
    """Whether ``text`` has a responsibility verb or nominal (:data:`CUE_RE`).

    >>> has_cue("Pakistan's support for the Taliban"), has_cue("Trade fell.")
    (True, False)
    """
    return bool(CUE_RE.search(text))


def draw_sample(
    sentences: pd.DataFrame,
    seed: int = SAMPLE_SEED,
    other_share: float = OTHER_SHARE,
    test_share: float = TEST_SHARE,
) -> pd.DataFrame:
    """Seeded, document-stratified sample with a dev/test split.

    Every sentence with a cue (:func:`has_cue`) is taken; of each document's
    other sentences a seeded random ``other_share`` (rounded up) is added.
    Within each document the sampled sentences are then split at random,
    ``test_share`` (rounded) to ``test`` and the rest to ``dev``.

    Returns ``doc_id, sent_index, text, cue, split`` in corpus order.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for _, doc in sentences.groupby("doc_id", sort=False):
        doc = doc.assign(cue=doc["text"].map(has_cue))
        other = doc[~doc["cue"]]
        k = math.ceil(other_share * len(other))
        picked = other.iloc[sorted(rng.choice(len(other), size=k, replace=False))] if k else other.iloc[:0]
        chosen = pd.concat([doc[doc["cue"]], picked]).sort_values("sent_index")
        n_test = round(test_share * len(chosen))
        test_pos = set(rng.choice(len(chosen), size=n_test, replace=False).tolist())
        chosen = chosen.assign(split=["test" if i in test_pos else "dev" for i in range(len(chosen))])
        parts.append(chosen[["doc_id", "sent_index", "text", "cue", "split"]])
    return pd.concat(parts, ignore_index=True)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / n``
    (:func:`analysis.methods.uncertainty.wilson_interval`, the project's one).

    Returns ``(nan, nan)`` when ``n`` is 0.

    >>> [round(x, 4) for x in wilson(8, 10)]
    [0.4902, 0.9433]
    """
    return uncertainty.wilson_interval(successes, n, z)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts, with Wilson 95% intervals.

    Precision's interval is the Wilson interval of ``tp / (tp + fp)``,
    recall's of ``tp / (tp + fn)``.  F1 gets the Wilson interval of
    ``tp / (tp + (fp + fn) / 2)`` — F1 written as a proportion of
    ``tp + (fp + fn)/2`` trials (an approximation; the trial count need not
    be whole).

    >>> r = prf(8, 2, 4)
    >>> round(r["precision"], 3), round(r["recall"], 3), round(r["f1"], 3)
    (0.8, 0.667, 0.727)
    """
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    p_lo, p_hi = wilson(tp, tp + fp)
    r_lo, r_hi = wilson(tp, tp + fn)
    f_lo, f_hi = _wilson_real(tp, tp + (fp + fn) / 2)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": p,
        "precision_low": p_lo,
        "precision_high": p_hi,
        "recall": r,
        "recall_low": r_lo,
        "recall_high": r_hi,
        "f1": f1,
        "f1_low": f_lo,
        "f1_high": f_hi,
    }


def _wilson_real(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    if n == 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(p * (1 - p), 0.0) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def split_labels(value) -> set[str]:
    """A ``;``-joined cell as a set (empty cell or NaN -> empty set).

    >>> sorted(split_labels("pakistan; militant")), split_labels(float("nan"))
    (['militant', 'pakistan'], set())
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return set()
    return {v.strip() for v in str(value).split(";") if v.strip()}


def multilabel_scores(gold: Iterable[set], predicted: Iterable[set], classes: Iterable[str]) -> pd.DataFrame:
    """Per-class P/R/F1 (with intervals) plus a ``micro`` row, for multi-label codes.

    ``gold`` and ``predicted`` are aligned sequences of label sets (one per
    sentence).  The micro row pools the counts of all ``classes``.

    >>> t = multilabel_scores([{"a"}, {"a", "b"}], [{"a", "b"}, {"b"}], ["a", "b"])
    >>> t.set_index("class")[["tp", "fp", "fn"]].values.tolist()
    [[1, 0, 1], [1, 1, 0], [2, 1, 1]]
    """
    gold, predicted = list(gold), list(predicted)
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} rows, predicted {len(predicted)}")
    rows, tot = [], [0, 0, 0]
    for c in classes:
        tp = sum(1 for g, p in zip(gold, predicted) if c in g and c in p)
        fp = sum(1 for g, p in zip(gold, predicted) if c not in g and c in p)
        fn = sum(1 for g, p in zip(gold, predicted) if c in g and c not in p)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        rows.append({"class": c, "support": tp + fn, **prf(tp, fp, fn)})
    rows.append({"class": "micro", "support": tot[0] + tot[2], **prf(*tot)})
    return pd.DataFrame(rows)


def single_label_scores(
    gold: Iterable[str], predicted: Iterable[str], classes: Iterable[str]
) -> pd.DataFrame:
    """Per-class P/R/F1 for one label per item, plus an ``accuracy`` row.

    The accuracy row has ``precision = recall = f1 = accuracy`` with the
    Wilson interval of ``correct / n``.

    >>> t = single_label_scores(["neg", "neg", "pos"], ["neg", "pos", "pos"], ["neg", "pos"])
    >>> t.set_index("class")["f1"].round(3).tolist()
    [0.667, 0.667, 0.667]
    """
    gold, predicted = list(gold), list(predicted)
    t = multilabel_scores([{g} for g in gold], [{p} for p in predicted], classes)
    t = t[t["class"] != "micro"]
    n = len(gold)
    correct = sum(1 for g, p in zip(gold, predicted) if g == p)
    lo, hi = wilson(correct, n)
    acc = {"class": "accuracy", "support": n, "tp": correct, "fp": n - correct, "fn": n - correct}
    for k in ("precision", "recall", "f1"):
        acc.update({k: _ratio(correct, n), f"{k}_low": lo, f"{k}_high": hi})
    return pd.concat([t, pd.DataFrame([acc])], ignore_index=True)


def relation_scores(gold: pd.DataFrame, predicted: pd.DataFrame, keys: list[str]) -> dict:
    """P/R/F1 of relation sets compared on ``keys`` (e.g. agent, target).

    Both tables have ``doc_id, sent_index`` plus ``keys``; each distinct
    tuple per sentence counts once.

    >>> g = pd.DataFrame({"doc_id": ["d"] * 2, "sent_index": [0, 1], "agent": ["a", "a"], "target": ["b", "c"]})
    >>> p = pd.DataFrame({"doc_id": ["d"] * 2, "sent_index": [0, 0], "agent": ["a", "b"], "target": ["b", "a"]})
    >>> r = relation_scores(g, p, ["agent", "target"])
    >>> r["tp"], r["fp"], r["fn"]
    (1, 1, 1)
    """
    cols = ["doc_id", "sent_index", *keys]
    g = set(map(tuple, gold[cols].astype(str).drop_duplicates().values.tolist()))
    p = set(map(tuple, predicted[cols].astype(str).drop_duplicates().values.tolist()))
    return prf(len(g & p), len(p - g), len(g - p))


def confusion(gold: Iterable[str], predicted: Iterable[str], labels: Iterable[str]) -> pd.DataFrame:
    """Counts of (gold, predicted) label pairs: rows gold, columns predicted.

    >>> confusion(["a", "a", "b"], ["a", "b", "b"], ["a", "b"]).values.tolist()
    [[1, 1], [0, 1]]
    """
    labels = list(labels)
    t = pd.crosstab(pd.Categorical(list(gold), labels), pd.Categorical(list(predicted), labels), dropna=False)
    t.index.name, t.columns.name = "gold", "predicted"
    return t.reindex(index=labels, columns=labels, fill_value=0)


# -- the hand-coded sample and the methods' outputs on it ----------------------

#: Files of the validation sample, relative to the project root.
VALIDATION_DIR = "data/validation"
#: Sides, in display order (as in ``data/actors/actors.yaml``).
SIDES = ("pakistan", "afghanistan", "militant", "third_party")
#: Relation classes of the coding guide (section 4), as the responsibility method defines them.
RELATIONS = responsibility.RELATION_CLASSES
#: The old responsibility verb classes -> the guide's relation classes.
VERB_CLASS_RELATION = responsibility.RELATION_OF_CLASS
#: Tone labels.
TONES = ("negative", "neutral", "positive")


def _dir():
    from analysis import paths

    return paths.ROOT / VALIDATION_DIR


def load_labels(part: str = "test") -> pd.DataFrame:
    """Hand codes of one part (``test`` or ``dev``), label columns as sets."""
    if part not in ("test", "dev"):
        raise ValueError(f"part must be 'test' or 'dev', got {part!r}")
    t = pd.read_csv(_dir() / f"{part}_labels.csv", keep_default_na=False)
    for col in ("sides", "frames", "speaker_sides"):
        t[col] = t[col].map(split_labels)
    return t


def load_relations(part: str = "test") -> pd.DataFrame:
    """Hand-coded relations of one part: ``doc_id, sent_index, agent, target, relation, status``."""
    if part not in ("test", "dev"):
        raise ValueError(f"part must be 'test' or 'dev', got {part!r}")
    return pd.read_csv(_dir() / f"{part}_relations.csv")


def predict(corpus, actors=None, frames=None, time_aware: bool | None = None) -> dict:
    """Run every validated method on the whole corpus.

    Returns a dict of tables keyed ``doc_id, sent_index``: ``sides``,
    ``frames`` and ``speakers`` (a set per sentence), ``relations`` (one row
    per predicted relation), ``tone_vader`` and ``tone_afinn`` (a label per
    sentence).  Responsibility reads the sentences of each document in order
    (pronouns resolve to earlier sentences), so it runs on the whole corpus
    and is filtered afterwards.  ``time_aware`` (default: the project's
    default, :data:`analysis.methods.sides_in_time.DEFAULT_TIME_AWARE`)
    applies the dated Taliban rule to sides and relations.
    """
    from analysis.methods import actors as actors_mod
    from analysis.methods import frames as frames_mod
    from analysis.methods import (
        frames_in_context,
        sentiment,
        sides_in_time,
        speakers_in_context,
        voices,
    )

    actors = actors or actors_mod.load_actors()
    frames = frames or frames_mod.load_frames()
    if time_aware is None:
        time_aware = sides_in_time.DEFAULT_TIME_AWARE
    sents = corpus.sentences
    keys = list(zip(sents["doc_id"], sents["sent_index"]))
    mentions = actors_mod.match_sentences(sents, actors)
    if time_aware:
        mentions = sides_in_time.apply(mentions, sents, corpus.documents)
    side_sets = {k: set() for k in keys}
    for m in mentions.itertuples():
        if isinstance(m.side, str):
            side_sets[(m.doc_id, m.sent_index)].add(m.side)
    coded, _ = frames_mod.code_sentences(sents, frames, mask_actors=actors)
    coded = frames_in_context.add_actor_frames(coded, mentions)
    policy = frames_mod.frame_columns(frames, "policy_frames")
    frame_sets = {
        (r["doc_id"], r["sent_index"]): {c for c in policy if r[c]} for r in coded.to_dict("records")
    }
    edges = responsibility.relations_table(sents, actors, documents=corpus.documents, time_aware=time_aware)
    found = speakers_in_context.speaker_sides(sents, voices.voices_table(sents, actors), edges, actors)
    speakers = {k: found.get(k, set()) for k in keys}
    if "relation" not in edges.columns:
        edges["relation"] = edges["verb_class"].map(VERB_CLASS_RELATION)
    tones = {}
    for lex in sentiment.LEXICONS:
        scored = sentiment.score_sentences(sents, lexicon=lex)
        tones[lex] = dict(zip(keys, scored["label"]))
    return {
        "sides": side_sets,
        "frames": frame_sets,
        "speakers": speakers,
        "relations": edges,
        "tone_vader": tones["vader"],
        "tone_afinn": tones["afinn"],
    }


def _frame_classes() -> list[str]:
    from analysis.methods import frames as frames_mod

    return frames_mod.frame_columns(frames_mod.load_frames(), "policy_frames")


def evaluate(predicted: dict, labels: pd.DataFrame, relations: pd.DataFrame) -> dict:
    """Score predictions against one coded part.

    Returns a dict of tables (one row per class plus ``micro`` or
    ``accuracy``): ``sides``, ``frames``, ``speakers``, ``tone_vader``,
    ``tone_afinn``; ``relation_pairs`` (one row: (agent, target) pairs),
    ``relation_classes`` (one row per relation class, pairs with class, plus
    micro) and the tone ``confusion_vader`` / ``confusion_afinn`` tables.
    """
    keys = list(zip(labels["doc_id"], labels["sent_index"]))
    out = {}
    for name, col, classes in (
        ("sides", "sides", SIDES),
        ("speakers", "speaker_sides", SIDES),
        ("frames", "frames", _frame_classes()),
    ):
        pred = predicted["sides" if name == "sides" else name]
        out[name] = multilabel_scores(labels[col], [pred.get(k, set()) for k in keys], classes)
    for lex in ("vader", "afinn"):
        pred = [predicted[f"tone_{lex}"][k] for k in keys]
        out[f"tone_{lex}"] = single_label_scores(labels["tone"], pred, TONES)
        out[f"confusion_{lex}"] = confusion(labels["tone"], pred, TONES)
    keyset = set(keys)
    edges = predicted["relations"]
    edges = edges[[k in keyset for k in zip(edges["doc_id"], edges["sent_index"])]]
    out["relation_pairs"] = pd.DataFrame(
        [
            {
                "class": "pairs",
                "support": len(relations[["doc_id", "sent_index", "agent", "target"]].drop_duplicates()),
                **relation_scores(relations, edges, ["agent", "target"]),
            }
        ]
    )
    rows, tot = [], [0, 0, 0]
    for rel in RELATIONS:
        g, p = relations[relations["relation"] == rel], edges[edges["relation"] == rel]
        r = relation_scores(g, p, ["agent", "target", "relation"])
        tot = [tot[0] + r["tp"], tot[1] + r["fp"], tot[2] + r["fn"]]
        rows.append({"class": rel, "support": r["tp"] + r["fn"], **r})
    rows.append({"class": "micro", "support": tot[0] + tot[2], **prf(*tot)})
    out["relation_classes"] = pd.DataFrame(rows)
    if "status" in edges.columns:
        srows = []
        for st in responsibility.STATUSES:
            g, p = relations[relations["status"] == st], edges[edges["status"] == st]
            r = relation_scores(g, p, ["agent", "target", "relation", "status"])
            srows.append({"class": st, "support": r["tp"] + r["fn"], **r})
        out["relation_status"] = pd.DataFrame(srows)
    return out


def summary(results: dict) -> pd.DataFrame:
    """One row per method: the headline figure (micro-F1, pair F1 or accuracy) with its interval."""
    picks = [
        ("sides", "sides", "micro"),
        ("frames (policy)", "frames", "micro"),
        ("speakers", "speakers", "micro"),
        ("responsibility: (agent, target) pairs", "relation_pairs", "pairs"),
        ("responsibility: pairs with class", "relation_classes", "micro"),
        ("tone: VADER", "tone_vader", "accuracy"),
        ("tone: AFINN", "tone_afinn", "accuracy"),
    ]
    rows = []
    for label, key, cls in picks:
        r = results[key].set_index("class").loc[cls]
        rows.append(
            {
                "method": label,
                "measure": "accuracy" if cls == "accuracy" else "micro-F1" if cls == "micro" else "F1",
                "n": int(r["support"]),
                **{k: r[k] for k in SCORE_FIELDS},
            }
        )
    return pd.DataFrame(rows)


def _fmt(t: pd.DataFrame) -> str:
    cols = [c for c in t.columns if c not in ("tp", "fp", "fn")]
    return t[cols].to_string(index=False, float_format=lambda x: f"{x:.3f}")


def main(part: str = "test") -> None:
    """Print every figure of one part (the book reports ``test``)."""
    from analysis.corpus import load_corpus

    labels, relations = load_labels(part), load_relations(part)
    results = evaluate(predict(load_corpus()), labels, relations)
    print(f"Validation on the {part} part: {len(labels)} sentences, {len(relations)} coded relations\n")
    print(_fmt(summary(results)), "\n")
    for key, table in results.items():
        print(f"== {key}")
        print(table.to_string() if key.startswith("confusion") else _fmt(table), "\n")


if __name__ == "__main__":
    import sys

    main(sys.argv[1] if len(sys.argv) > 1 else "test")
