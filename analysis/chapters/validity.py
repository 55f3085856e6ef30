"""The validity chapter: how far to trust each method, measured on the frozen test part.

The notebook ``chapters/validity.ipynb`` calls :func:`check` (through
:class:`~analysis.book.report.Chapter`), then one function per section:
:func:`the_sample` (what was coded, by whom, and the check that the test
part is the frozen one), :func:`scores` (every method against the hand
codes, with Wilson 95% intervals, and the published figures beside them),
:func:`before_after` (the responsibility and frame figures before and after
the changes written from the dev part) and :func:`responsibility_matrix`
(who is said to do what to whom in a corpus, by relation class and status,
with a direction stated only where its interval supports one).  The
measures are in :mod:`analysis.methods.validation`.
"""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import altair as alt
import pandas as pd

from analysis import paths
from analysis.chapters import checks, wording
from analysis.errors import ParameterError
from analysis.methods import responsibility, sides_in_time, uncertainty
from analysis.methods import validation as val

#: Level of every interval in the chapter (:data:`analysis.methods.uncertainty.Z`).
CI_LEVEL = "95%"

#: Parts of the sample a reader may ask for; the book reports "test".
PARTS = ("test", "dev")

#: sha256 of the frozen test files, as recorded in data/validation/README.md.
FROZEN = {
    "test_labels.csv": "ee153ae41abc83927307be4afa1480efc5931e2887f2ed7efd5f2e92dc269990",
    "test_relations.csv": "3f58ac0be574464ba39bdc722a753c3f02f1abb4d24a2b6b51a0599ada0b87a0",
}

#: Published validity figures shown beside ours.  Hutto & Gilbert (2014), Table 4
#: (via :data:`analysis.methods.sentiment.PUBLISHED_VALIDITY`): 3-class F1 on NYT
#: editorial sentences.  van Atteveldt, van der Velden & Boukes (2021): accuracy of
#: off-the-shelf sentiment dictionaries on Dutch economic news headlines against
#: the manual gold standard, and of trained human coders, as summarised in issue 14.
PUBLISHED = [
    {
        "source": "Hutto & Gilbert (2014), Table 4",
        "text": "NYT opinion editorials (sentences)",
        "method": "VADER",
        "measure": "F1 (3 classes)",
        "low": 0.55,
        "high": 0.55,
    },
    {
        "source": "Hutto & Gilbert (2014), Table 4",
        "text": "NYT opinion editorials (sentences)",
        "method": "individual human raters",
        "measure": "F1 (3 classes)",
        "low": 0.65,
        "high": 0.65,
    },
    {
        "source": "van Atteveldt, van der Velden & Boukes (2021)",
        "text": "Dutch economic news",
        "method": "sentiment dictionaries",
        "measure": "accuracy (3 classes)",
        "low": 0.40,
        "high": 0.46,
    },
    {
        "source": "van Atteveldt, van der Velden & Boukes (2021)",
        "text": "Dutch economic news",
        "method": "trained human coders",
        "measure": "accuracy (3 classes)",
        "low": 0.77,
        "high": 0.82,
    },
]

#: Columns of the per-class tables.
SCORE_COLUMNS = ["class", "support", *val.SCORE_FIELDS]


def check(params: dict) -> None:
    """Refuse every bad parameter value of the validity chapter.

    Examples
    --------
    >>> check({"part": "train", "time_aware_sides": True, "corpus_dir": "", "documents": []})
    Traceback (most recent call last):
    ...
    analysis.errors.ParameterError: parameter 'part' expects one of 'test', 'dev', got 'train'
    """
    checks.one_of(params, "part", PARTS)
    if not isinstance(params["time_aware_sides"], bool):
        checks.fail("time_aware_sides", "True or False", params["time_aware_sides"])
    checks.corpus(params)


def sha256(path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def frozen_ok(folder=None) -> dict:
    """File name -> whether its sha256 is the one recorded when the test part was frozen."""
    folder = folder or paths.ROOT / val.VALIDATION_DIR
    return {
        name: (folder / name).exists() and sha256(folder / name) == digest for name, digest in FROZEN.items()
    }


def the_sample(params: dict) -> SimpleNamespace:
    """The coded sample: composition by document and part, and the facts of the prose.

    Raises
    ------
    ParameterError
        If a frozen test file has changed (its sha256 differs from the record).
    """
    ok = frozen_ok()
    changed = [n for n, good in ok.items() if not good]
    if changed:
        raise ParameterError(
            f"parameter 'part': the frozen test files {changed} differ from their recorded sha256 "
            "(data/validation/README.md); the test part must not change"
        )
    folder = paths.ROOT / val.VALIDATION_DIR
    sample = pd.read_csv(folder / "sample.csv")
    rel = {p: val.load_relations(p) for p in PARTS}
    composition = sample.groupby(["doc_id", "split"], sort=False).size().unstack(fill_value=0).reset_index()
    composition = composition.rename(columns={"test": "test sentences", "dev": "dev sentences"})
    n_test = int((sample["split"] == "test").sum())
    n_dev = int((sample["split"] == "dev").sum())
    facts = {
        "n_sample": wording.count(len(sample), "sentence"),
        "n_docs": wording.count(sample["doc_id"].nunique(), "document"),
        "n_test": wording.count(n_test, "sentence"),
        "n_dev": wording.count(n_dev, "sentence"),
        "n_test_rel": wording.count(len(rel["test"]), "relation"),
        "n_dev_rel": wording.count(len(rel["dev"]), "relation"),
        "share_test": wording.percent(n_test / len(sample)),
        "seed": str(val.SAMPLE_SEED),
        "part_used": params["part"],
        "frozen_state": "match the sha256 recorded when the test part was frozen",
    }
    return SimpleNamespace(composition=composition, facts=facts)


def _interval(row, key: str) -> str:
    value, low, high = row[key], row[f"{key}_low"], row[f"{key}_high"]
    if pd.isna(value):
        return "—"
    return f"{value:.2f} [{low:.2f}, {high:.2f}]"


def _fig(row, key: str) -> str:
    return (
        "no cases"
        if pd.isna(row[key])
        else f"{row[key]:.2f} ({row[f'{key}_low']:.2f}–{row[f'{key}_high']:.2f})"
    )


def scores(corpus, params: dict) -> SimpleNamespace:
    """Every method against the hand codes of ``params["part"]`` (default test).

    ``corpus`` must be the corpus the sample was drawn from (the seeds).
    Returns the summary table, one per-class table per method, the tone
    confusion tables, the published figures and the facts of the prose.
    """
    part = params["part"]
    labels, relations = val.load_labels(part), val.load_relations(part)
    predicted = val.predict(corpus, time_aware=params["time_aware_sides"])
    results = val.evaluate(predicted, labels, relations)
    summary = val.summary(results)
    shown = pd.DataFrame(
        {
            "method": summary["method"],
            "measure": summary["measure"],
            "coded items": summary["n"],
            "precision [95% CI]": [_interval(r, "precision") for _, r in summary.iterrows()],
            "recall [95% CI]": [_interval(r, "recall") for _, r in summary.iterrows()],
            "F1 or accuracy [95% CI]": [_interval(r, "f1") for _, r in summary.iterrows()],
        }
    )
    tables = {k: v[SCORE_COLUMNS] for k, v in results.items() if not k.startswith("confusion")}
    confusion = {
        lex: results[f"confusion_{lex}"].reset_index().rename(columns={"gold": "reader (gold)"})
        for lex in ("vader", "afinn")
    }
    row = {k: results[k].set_index("class") for k in results if not k.startswith("confusion")}
    pairs = row["relation_pairs"].loc["pairs"]
    frames_micro = row["frames"].loc["micro"]
    tone = {lex: row[f"tone_{lex}"].loc["accuracy"] for lex in ("vader", "afinn")}
    published = pd.DataFrame(PUBLISHED)
    facts = {
        "pairs_p": _fig(pairs, "precision"),
        "pairs_r": _fig(pairs, "recall"),
        "pairs_f1": _fig(pairs, "f1"),
        "pairs_n": wording.count(int(pairs["support"]), "coded pair"),
        "class_f1": _fig(row["relation_classes"].loc["micro"], "f1"),
        "frames_f1": _fig(frames_micro, "f1"),
        "frames_p": _fig(frames_micro, "precision"),
        "frames_r": _fig(frames_micro, "recall"),
        "sides_f1": _fig(row["sides"].loc["micro"], "f1"),
        "speakers_p": _fig(row["speakers"].loc["micro"], "precision"),
        "speakers_r": _fig(row["speakers"].loc["micro"], "recall"),
        "vader_acc": _fig(tone["vader"], "f1"),
        "afinn_acc": _fig(tone["afinn"], "f1"),
        "tone_n": wording.count(int(tone["vader"]["support"]), "sentence"),
        "vader_pos_p": _fig(row["tone_vader"].loc["positive"], "precision"),
        "tone_reading": tone_reading(tone["vader"], tone["afinn"]),
        "time_rule": "on" if params["time_aware_sides"] else "off",
        "ci": CI_LEVEL,
        "takeover": f"{sides_in_time.TAKEOVER.day} {sides_in_time.TAKEOVER:%B %Y}",
    }
    return SimpleNamespace(
        summary=shown,
        summary_numbers=summary,
        tables=tables,
        confusion=confusion,
        published=published,
        facts=facts,
    )


#: Readable side names for worded facts.
SIDE_NAMES = {
    "pakistan": "Pakistan",
    "afghanistan": "Afghanistan",
    "militant": "militant groups",
    "third_party": "third parties",
}


def _against(row, low: float, high: float) -> str:
    """Where an accuracy interval lies against a published range [low, high]."""
    if row["f1_high"] < low:
        return "below"
    if row["f1_low"] > high:
        return "above"
    return "overlapping"


def tone_reading(vader, afinn) -> str:
    """Worded comparison of the two tone accuracies with the published ranges of
    dictionaries and of trained coders (:data:`PUBLISHED`, van Atteveldt et al. 2021).

    >>> r = {"f1_low": 0.41, "f1_high": 0.57}
    >>> tone_reading(r, r)
    'VADER: overlapping the dictionaries’ range and below the coders’; AFINN: overlapping the dictionaries’ range and below the coders’'
    """
    dictionaries = next(p for p in PUBLISHED if p["method"] == "sentiment dictionaries")
    coders = next(p for p in PUBLISHED if p["method"] == "trained human coders")
    parts = []
    for name, row in (("VADER", vader), ("AFINN", afinn)):
        d = _against(row, dictionaries["low"], dictionaries["high"])
        c = _against(row, coders["low"], coders["high"])
        parts.append(f"{name}: {d} the dictionaries’ range and {c} the coders’")
    return "; ".join(parts)


def before_after(results_now: pd.DataFrame, baseline_path=None) -> SimpleNamespace:
    """Test-part figures of the methods before issue 14's changes beside today's.

    ``results_now`` is :func:`analysis.methods.validation.summary` output.
    The baseline is ``data/validation/baseline_test_figures.csv`` (the methods
    as they were when the test part was frozen).  A change is called a gain
    or a loss only when the two F1 intervals do not overlap
    (:func:`analysis.methods.uncertainty.separated` reading).
    """
    path = baseline_path or paths.ROOT / val.VALIDATION_DIR / "baseline_test_figures.csv"
    base = pd.read_csv(path)
    picks = {
        "responsibility: (agent, target) pairs": ("relation_pairs", "pairs"),
        "frames (policy)": ("frames", "micro"),
        "sides": ("sides", "micro"),
    }
    rows, verdicts = [], {}
    for method, (table, cls) in picks.items():
        b = base[(base["table"] == table) & (base["class"] == cls)].iloc[0]
        n = results_now[results_now["method"] == method].iloc[0]
        apart = b["f1_high"] < n["f1_low"] or n["f1_high"] < b["f1_low"]
        verdict = ("higher" if n["f1"] > b["f1"] else "lower") if apart else "no clear difference"
        verdicts[table] = verdict
        rows.append(
            {
                "method": method,
                "F1 before [95% CI]": _interval(b, "f1"),
                "F1 now [95% CI]": _interval(n, "f1"),
                "recall before": _interval(b, "recall"),
                "recall now": _interval(n, "recall"),
                "reading": verdict,
            }
        )
    facts = {
        "pairs_change": verdicts["relation_pairs"],
        "frames_change": verdicts["frames"],
    }
    return SimpleNamespace(table=pd.DataFrame(rows), facts=facts)


#: Pairs whose direction the matrix section examines.
DIRECTION_PAIRS = [("pakistan", "afghanistan"), ("afghanistan", "militant"), ("pakistan", "militant")]


def direction(k: int, m: int) -> str:
    """Worded reading of ``k`` relations one way against ``m`` the other way.

    A direction is stated only when the Wilson 95% interval of ``k/(k+m)``
    excludes one half.

    >>> direction(10, 3), direction(12, 1), direction(0, 0)
    ('no clear direction', 'mostly the first way', 'none either way')
    """
    if k + m == 0:
        return "none either way"
    low, high = uncertainty.wilson_interval(k, k + m)
    if low > 0.5:
        return "mostly the first way"
    if high < 0.5:
        return "mostly the other way"
    return "no clear direction"


def responsibility_matrix(corpus, params: dict, pair_recall: str) -> SimpleNamespace:
    """Relations in ``corpus`` by class and status, and directions with their intervals.

    ``pair_recall`` is the worded test-part recall of (agent, target) pairs,
    stated beside the counts (a count is a floor: the rules miss the rest).
    """
    rels = responsibility.relations_table(
        corpus.sentences, val_actors(), documents=corpus.documents, time_aware=params["time_aware_sides"]
    )
    counts = (
        rels.groupby(["relation", "status", "agent", "target"]).size().rename("relations").reset_index()
        if len(rels)
        else pd.DataFrame(columns=["relation", "status", "agent", "target", "relations"])
    )
    rows = []
    for a, b in DIRECTION_PAIRS:
        for rel in val.RELATIONS:
            sub = rels[rels["relation"] == rel] if len(rels) else rels
            k = int(((sub["agent"] == a) & (sub["target"] == b)).sum()) if len(sub) else 0
            m = int(((sub["agent"] == b) & (sub["target"] == a)).sum()) if len(sub) else 0
            if k + m == 0:
                continue
            low, high = uncertainty.wilson_interval(k, k + m)
            rows.append(
                {
                    "first": a,
                    "second": b,
                    "relation": rel,
                    "first_to_second": k,
                    "second_to_first": m,
                    "share_first_way": k / (k + m),
                    "share_low": low,
                    "share_high": high,
                    "reading": direction(k, m),
                }
            )
    directions = pd.DataFrame(
        rows,
        columns=[
            "first",
            "second",
            "relation",
            "first_to_second",
            "second_to_first",
            "share_first_way",
            "share_low",
            "share_high",
            "reading",
        ],
    )
    clear = directions[directions["reading"].str.startswith("mostly")]
    worded = [
        f"{r.relation.replace('_', ' ')}: "
        f"{SIDE_NAMES.get(r.first if r.reading.endswith('first way') else r.second)} → "
        f"{SIDE_NAMES.get(r.second if r.reading.endswith('first way') else r.first)} "
        f"({max(r.first_to_second, r.second_to_first)} of {r.first_to_second + r.second_to_first}, "
        f"share {max(r.share_first_way, 1 - r.share_first_way):.2f}; 95% CI "
        f"{(r.share_low if r.reading.endswith('first way') else 1 - r.share_high):.2f}–"
        f"{(r.share_high if r.reading.endswith('first way') else 1 - r.share_low):.2f})"
        for r in clear.itertuples()
    ]
    chart = (
        alt.Chart(counts)
        .mark_rect()
        .encode(
            x=alt.X("target:N", title="target"),
            y=alt.Y("agent:N", title="agent"),
            color=alt.Color("relations:Q", scale=alt.Scale(scheme="reds"), title="relations"),
            column=alt.Column("relation:N", title="relation class"),
            row=alt.Row("status:N", title="status"),
            tooltip=["relation", "status", "agent", "target", "relations"],
        )
        .properties(width=110, height=110)
    )
    listed = rels[["doc_id", "sent_index", "agent", "target", "relation", "status", "rule", "verb", "text"]]
    facts = {
        "n_relations": wording.count(len(rels), "relation"),
        "n_rel_sents": wording.count(
            int(rels[["doc_id", "sent_index"]].drop_duplicates().shape[0]) if len(rels) else 0, "sentence"
        ),
        "n_alleged": wording.count(int((rels["status"] == "alleged").sum()) if len(rels) else 0, "relation"),
        "pair_recall": pair_recall,
        "directions": "; ".join(worded) if worded else "no pair and class has a clear direction",
        "n_clear": wording.count(len(clear), "pair-and-class combination"),
        "n_examined": wording.count(len(directions), "pair-and-class combination"),
        "time_default": "on" if sides_in_time.DEFAULT_TIME_AWARE else "off",
    }
    return SimpleNamespace(counts=counts, directions=directions, chart=chart, listed=listed, facts=facts)


def val_actors():
    """The project's actor dictionary (the one the sample was scored with)."""
    from analysis.methods.actors import load_actors

    return load_actors()
