"""The project's text paths against the libraries a user would pick: section ``peers``.

Everything runs in one process, one path after the other on the *same*
input, so the ratios hold on a shared machine where absolute times do not.
Times are CPU seconds of the process (``time.process_time``, all threads, so
a library that used a second core would be charged for it); wall-clock
seconds are recorded beside them.  Each timing is the best of
:data:`REPEATS` runs.

* **Counting**: :func:`analysis.methods.words.count_words_fast` (Arrow
  kernels) vs scikit-learn's ``CountVectorizer`` given the same token
  definition (``token_pattern`` = :data:`analysis.methods.words.WORD_RE`, a
  ``preprocessor`` that lower-cases and replays the Treebank splits) and vs
  the pure-Python path (:func:`analysis.methods.words.count_words_python`), on
  :data:`COUNT_TOKENS` tokens of shuffled seed sentences cut into the same
  chunks; the three counts are compared type by type.  Again on the
  synthetic sentences below (a vocabulary of thousands of words with
  capitals and glued punctuation), where the project's per-word step has
  the most to do.
* **Sentiment**: :class:`analysis.methods.sentiment.VaderScorer` vs the
  authors' ``vaderSentiment`` 3.3.2 and NLTK's port, one sentence at a time,
  on :data:`SENTIMENT_SENTENCES` seed sentences (shuffled, repeated) and
  again on the first :data:`SYNTHETIC_TIMED` synthetic sentences
  (:func:`analysis.bench.sentences.synthetic_sentences`: a large vocabulary,
  every rule).  Identity: neg, neu, pos and compound equal to the
  reference on every seed sentence and on :data:`SYNTHETIC_SENTENCES`
  synthetic ones.  Disagreement of NLTK's port with the reference: share of
  seed sentences whose compound (rounded to 4 digits, as both round)
  differs, and whose label differs.
* **Coding**: the pipeline's coding stage
  (:func:`analysis.scale.pipeline.coding`: actor automaton + frame
  tables) vs the former path (one regular expression per actor form,
  ``find_mentions(method="regex")``, and the uncached frame scan) on the
  sentences of :data:`CODING_TOKENS` tokens; the mention and frame counts
  are compared.  Linearity: one sentence of :data:`LONG_WORDS` words against
  one of a tenth of that, time per token.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter

import pandas as pd

#: Tokens of text counted by each counting path.
COUNT_TOKENS = 2_000_000
#: Seed sentences (shuffled, repeated) scored by each VADER implementation.
SENTIMENT_SENTENCES = 20_000
#: Synthetic sentences compared with the reference (identity).
SYNTHETIC_SENTENCES = 100_000
#: Of which scored by all three implementations for a second timing.
SYNTHETIC_TIMED = 20_000
#: Tokens of sentences coded by both coding paths.
CODING_TOKENS = 100_000
#: Words of the long sentence of the linearity check.
LONG_WORDS = 20_000
#: Timings are the best of this many runs.
REPEATS = 3
#: Aims of issue 16 (ratios per core, tokens/s per core).
AIMS = {"count_vs_sklearn": 3.0, "sentiment_vs_vader": 3.0, "sentiment_vs_nltk": 3.0, "coding_tps": 1e6}


def _timed(fn, *args, repeats: int = REPEATS):
    """Result and the best (CPU s, wall s) of ``repeats`` runs."""
    best_cpu = best_wall = float("inf")
    out = None
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        out = fn(*args)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return out, best_cpu, best_wall


def _sentences(n: int, seed: int, pool: list[str]) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        batch = list(pool)
        rng.shuffle(batch)
        out += batch
    return out[:n]


def bench_counting(seed: int = 0, n_tokens: int = COUNT_TOKENS) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.bench import runner
    from analysis.methods import words

    text = runner.synthetic_corpus(n_tokens, seed)
    chunks = list(words._chunks(text, 1 << 20))
    words.count_words_fast("warm up the kernels")

    def sklearn_counts():
        vec = CountVectorizer(
            token_pattern=words.WORD_RE.pattern,
            preprocessor=lambda s: words._split_like_treebank(s.lower()),
        )
        matrix = vec.fit_transform(chunks)
        return Counter(dict(zip(vec.get_feature_names_out().tolist(), matrix.sum(axis=0).A1.tolist())))

    fast, fast_cpu, fast_wall = _timed(words.count_words_fast, chunks)
    python, py_cpu, py_wall = _timed(words.count_words_python, chunks)
    peer, sk_cpu, sk_wall = _timed(sklearn_counts)
    tokens = sum(fast.values())

    # a large vocabulary: the synthetic sentences (lexicon words, capitals, glued punctuation),
    # where the words the project tokenises one by one are many more
    from analysis.bench.sentences import synthetic_sentences

    big_vocab = " ".join(synthetic_sentences(SYNTHETIC_SENTENCES, seed))
    chunks = list(words._chunks(big_vocab, 1 << 20))
    fast_b, fast_b_cpu, _ = _timed(words.count_words_fast, chunks)
    peer_b, sk_b_cpu, _ = _timed(sklearn_counts)
    python_b = words.count_words_python(chunks)
    return {
        "large_vocabulary": {
            "tokens": sum(fast_b.values()),
            "types": len(fast_b),
            "fast_cpu_s": fast_b_cpu,
            "sklearn_cpu_s": sk_b_cpu,
            "vs_sklearn": sk_b_cpu / fast_b_cpu,
            "identical": fast_b == peer_b == python_b,
        },
        "tokens": tokens,
        "types": len(fast),
        "fast_cpu_s": fast_cpu,
        "fast_wall_s": fast_wall,
        "python_cpu_s": py_cpu,
        "python_wall_s": py_wall,
        "sklearn_cpu_s": sk_cpu,
        "sklearn_wall_s": sk_wall,
        "fast_tokens_per_s": tokens / fast_cpu,
        "vs_sklearn": sk_cpu / fast_cpu,
        "vs_python": py_cpu / fast_cpu,
        "vs_sklearn_wall": sk_wall / fast_wall,
        "identical_python": fast == python,
        "identical_sklearn": fast == peer,
    }


def _reference_rows(analyzer, texts):
    out = []
    for t in texts:
        r = analyzer.polarity_scores(t)
        out.append((r["neg"], r["neu"], r["pos"], r["compound"]))
    return out


def bench_sentiment(seed: int = 0) -> dict:
    from nltk.sentiment.vader import SentimentIntensityAnalyzer as Nltk
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    from analysis.bench import runner
    from analysis.bench.sentences import synthetic_sentences
    from analysis.corpus.load import load_corpus
    from analysis.methods import sentiment

    reference, nltk_port = Reference(), Nltk()
    seeds = load_corpus().sentences
    seed_texts = seeds["text"].astype(str).tolist()
    pool = runner.seed_sentences()
    timed = _sentences(SENTIMENT_SENTENCES, seed, pool)
    vocabulary = sorted({w for s in pool for w in s.split()})
    synthetic = synthetic_sentences(SYNTHETIC_SENTENCES, seed, vocabulary)

    def ours(texts):
        scorer = sentiment.VaderScorer()  # a fresh word cache for every run
        start = time.process_time()
        rows = [scorer.scores(t) for t in texts]
        return rows, time.process_time() - start

    out: dict = {"sentences": len(timed), "synthetic_sentences": len(synthetic)}
    for name, texts in (("seed", timed), ("synthetic", synthetic[:SYNTHETIC_TIMED])):
        cpu = min(ours(texts)[1] for _ in range(REPEATS))
        _, ref_cpu, _ = _timed(_reference_rows, reference, texts)
        _, nltk_cpu, _ = _timed(_reference_rows, nltk_port, texts)
        out[name] = {
            "sentences": len(texts),
            "project_cpu_s": cpu,
            "vader_cpu_s": ref_cpu,
            "nltk_cpu_s": nltk_cpu,
            "vs_vader": ref_cpu / cpu,
            "vs_nltk": nltk_cpu / cpu,
            "project_sentences_per_s": len(texts) / cpu,
        }
    # identity on every seed sentence and on all synthetic sentences
    scorer = sentiment.VaderScorer()
    compared = seed_texts + synthetic
    differing = [t for t in compared if scorer.scores(t) != _reference_rows(reference, [t])[0]]
    # the public batch path gives the same compounds
    batch = sentiment.score_sentences(pd.DataFrame({"text": seed_texts}))["compound"].tolist()
    # NLTK's port against the reference on the seed sentences
    nltk_c = [nltk_port.polarity_scores(t)["compound"] for t in seed_texts]
    ref_c = [reference.polarity_scores(t)["compound"] for t in seed_texts]
    labels = sentiment.label_polarity
    out.update(
        identical=not differing,
        compared_sentences=len(compared),
        differing_examples=differing[:5],
        batch_identical=batch == ref_c,
        seed_sentences=len(seed_texts),
        nltk_differ=sum(a != b for a, b in zip(nltk_c, ref_c)),
        nltk_label_differ=sum(labels(a) != labels(b) for a, b in zip(nltk_c, ref_c)),
    )
    out["nltk_differ_share"] = out["nltk_differ"] / len(seed_texts)
    out["nltk_label_differ_share"] = out["nltk_label_differ"] / len(seed_texts)
    return out


def _old_coding(texts, actor_dict, frame_dict):
    from analysis.methods import actors, frames

    schemes = [
        (other, set(frame_dict.frames.loc[frame_dict.frames["scheme"] == scheme, "id"]))
        for scheme, other in frame_dict.other.items()
        if other
    ]
    mentions: Counter = Counter()
    frame_counts: Counter = Counter()
    for t in texts:
        for m in actors.find_mentions(t, actor_dict, method="regex"):
            mentions[(m["actor"], m["side"] if m["side"] is not None else "")] += 1
        present = {h["frame"] for h in frames._frame_hits_reference(t, frame_dict)}
        frame_counts.update(present)
        frame_counts.update(other for other, ids in schemes if present.isdisjoint(ids))
    return mentions, frame_counts


def bench_coding(seed: int = 0, n_tokens: int = CODING_TOKENS) -> dict:
    from analysis.bench import runner
    from analysis.methods import actors, frames, words
    from analysis.scale import pipeline

    actor_dict, frame_dict = actors.load_actors(), frames.load_frames()
    pool = runner.seed_sentences()
    rng = random.Random(seed)
    texts, total = [], 0
    while total < n_tokens:
        s = pool[rng.randrange(len(pool))]
        texts.append(s)
        total += len(words.WORD_RE.findall(s))
    table = pd.DataFrame({"text": texts})
    pipeline.coding(table.iloc[:10], actor_dict, frame_dict)  # build the automata and tables

    def timed_coding():
        # fresh dictionaries: no token cache carried over from an earlier run
        a, f = actors.load_actors(), frames.load_frames()
        start = time.process_time()
        result = pipeline.coding(table, a, f)
        return result, time.process_time() - start

    runs = [timed_coding() for _ in range(REPEATS)]
    (new_mentions, new_frames), cpu = runs[0][0], min(t for _, t in runs)
    old, old_cpu, _ = _timed(_old_coding, texts, actor_dict, frame_dict, repeats=1)

    # linearity: one long sentence vs one a tenth as long
    words_ = (" ".join(pool)).split()
    long_words = (words_ * (LONG_WORDS // len(words_) + 1))[:LONG_WORDS]
    per_token = {}
    for n in (LONG_WORDS // 10, LONG_WORDS):
        sentence = " ".join(long_words[:n])
        _, t, _ = _timed(
            lambda s=sentence: (actors.find_mentions(s, actor_dict), frames.frames_present(s, frame_dict))
        )
        per_token[n] = t / n
    return {
        "tokens": total,
        "sentences": len(texts),
        "project_cpu_s": cpu,
        "project_tokens_per_s": total / cpu,
        "old_cpu_s": old_cpu,
        "old_tokens_per_s": total / old_cpu,
        "vs_old": old_cpu / cpu,
        "identical_mentions": new_mentions == old[0],
        "identical_frames": new_frames == old[1],  # missing counts compare as zero
        "long_sentence_words": LONG_WORDS,
        "long_vs_short_time_per_token": per_token[LONG_WORDS] / per_token[LONG_WORDS // 10],
    }


def bench_peers(seed: int = 0) -> dict:
    """Section ``peers`` of ``make bench`` (see the module docstring)."""
    out = {
        "seed": seed,
        "timing": f"CPU seconds of the process, best of {REPEATS} runs",
        "counting": bench_counting(seed),
        "sentiment": bench_sentiment(seed),
        "coding": bench_coding(seed),
        "load_average_1min": os.getloadavg()[0],
    }
    out["aims"] = aims(out)
    return out


def aims(out: dict) -> list[dict]:
    c, s, k = out["counting"], out["sentiment"], out["coding"]
    return [
        {
            "measure": "counting vs scikit-learn CountVectorizer, per core",
            "value": round(c["vs_sklearn"], 1),
            "unit": "x",
            "aim": f">= {AIMS['count_vs_sklearn']:g}x",
            "met": c["vs_sklearn"] >= AIMS["count_vs_sklearn"]
            and c["identical_sklearn"]
            and c["identical_python"],
            "note": f"{c['tokens'] / 1e6:.1f} M tokens ({c['large_vocabulary']['vs_sklearn']:.1f}x with a large "
            f"vocabulary); counts identical to CountVectorizer {c['identical_sklearn']}, "
            f"to the pure-Python path {c['identical_python']}",
        },
        {
            "measure": "sentiment vs vaderSentiment 3.3.2, per core",
            "value": round(s["seed"]["vs_vader"], 1),
            "unit": "x",
            "aim": f">= {AIMS['sentiment_vs_vader']:g}x",
            "met": s["seed"]["vs_vader"] >= AIMS["sentiment_vs_vader"] and s["identical"],
            "note": f"{s['seed']['sentences']:,} seed sentences ({s['synthetic']['vs_vader']:.1f}x on "
            f"synthetic ones); scores identical on {s['compared_sentences']:,}: {s['identical']}",
        },
        {
            "measure": "sentiment vs NLTK VADER, per core",
            "value": round(s["seed"]["vs_nltk"], 1),
            "unit": "x",
            "aim": f">= {AIMS['sentiment_vs_nltk']:g}x",
            "met": s["seed"]["vs_nltk"] >= AIMS["sentiment_vs_nltk"],
            "note": f"NLTK's port differs from the reference on {s['nltk_differ']} of "
            f"{s['seed_sentences']} seed sentences ({100 * s['nltk_differ_share']:.1f} %; label "
            f"{s['nltk_label_differ']})",
        },
        {
            "measure": "actor + frame coding, per core",
            "value": round(k["project_tokens_per_s"] / 1e6, 2),
            "unit": "M tokens/s",
            "aim": f">= {AIMS['coding_tps'] / 1e6:g} M tokens/s",
            "met": k["project_tokens_per_s"] >= AIMS["coding_tps"]
            and k["identical_mentions"]
            and k["identical_frames"],
            "note": f"{k['vs_old']:.0f}x per-form regex; counts identical {k['identical_mentions']} / "
            f"{k['identical_frames']}; {k['long_sentence_words']:,}-word sentence "
            f"{k['long_vs_short_time_per_token']:.2f}x the time per token of a tenth of it",
        },
    ]


def peer_rows(out: dict) -> list[tuple[str, str]]:
    c, s, k = out["counting"], out["sentiment"], out["coding"]
    rows = [
        (
            f"counting, {c['tokens'] / 1e6:.1f} M tokens (CPU s)",
            f"Arrow {c['fast_cpu_s']:.2f} s | CountVectorizer {c['sklearn_cpu_s']:.2f} s "
            f"(x{c['vs_sklearn']:.1f}) | regex + Counter {c['python_cpu_s']:.2f} s (x{c['vs_python']:.1f}); "
            f"wall x{c['vs_sklearn_wall']:.1f}; identical {c['identical_sklearn']}/{c['identical_python']}",
        ),
        (
            f"counting, large vocabulary ({c['large_vocabulary']['types']:,} types)",
            f"Arrow {c['large_vocabulary']['fast_cpu_s']:.2f} s | CountVectorizer "
            f"{c['large_vocabulary']['sklearn_cpu_s']:.2f} s (x{c['large_vocabulary']['vs_sklearn']:.1f}) on "
            f"{c['large_vocabulary']['tokens'] / 1e6:.1f} M tokens; identical {c['large_vocabulary']['identical']}",
        ),
    ]
    for name in ("seed", "synthetic"):
        r = s[name]
        rows.append(
            (
                f"sentiment, {r['sentences']:,} {name} sentences (CPU s)",
                f"project {r['project_cpu_s']:.2f} s | vaderSentiment {r['vader_cpu_s']:.2f} s "
                f"(x{r['vs_vader']:.1f}) | NLTK {r['nltk_cpu_s']:.2f} s (x{r['vs_nltk']:.1f})",
            )
        )
    rows += [
        (
            "sentiment identical to vaderSentiment",
            f"{s['identical']} on {s['compared_sentences']:,} sentences (all seed sentences + "
            f"{s['synthetic_sentences']:,} synthetic); score_sentences identical {s['batch_identical']}",
        ),
        (
            "NLTK port vs vaderSentiment, seed sentences",
            f"compound differs on {s['nltk_differ']} of {s['seed_sentences']} "
            f"({100 * s['nltk_differ_share']:.1f} %), label on {s['nltk_label_differ']} "
            f"({100 * s['nltk_label_differ_share']:.1f} %)",
        ),
        (
            f"coding, {k['tokens']:,} tokens (CPU s)",
            f"project {k['project_cpu_s']:.2f} s ({k['project_tokens_per_s'] / 1e6:.2f} M tokens/s) | "
            f"per-form regex {k['old_cpu_s']:.1f} s ({k['old_tokens_per_s'] / 1e3:.0f} k tokens/s), "
            f"x{k['vs_old']:.0f}; identical {k['identical_mentions']}/{k['identical_frames']}",
        ),
        (
            f"coding a {k['long_sentence_words']:,}-word sentence",
            f"time per token x{k['long_vs_short_time_per_token']:.2f} that of a tenth of it (1 = linear)",
        ),
        ("machine load (1-min average at the end)", f"{out['load_average_1min']:.1f}"),
    ]
    return rows
