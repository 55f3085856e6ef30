"""How the text pipeline scales: section ``scale`` of ``make bench``.

What is measured (all on this machine, figures in ``_build/bench.json``):

* **Synthetic corpora** of 1 k, 10 k and 100 k documents
  (:func:`synthetic_documents`): the sentences of the five clean seed texts
  (:func:`analysis.bench.runner.seed_sentences`), shuffled with
  ``random.Random(seed)`` and dealt out in order, reshuffled each round; a
  document takes sentences until it has at least :data:`DOC_WORDS` words, so
  a document is about 100-130 words (four or five sentences: a news brief
  rather than a feature) and 100 k documents are about 11 M tokens.  The
  first documents of a larger corpus are the documents of a smaller one.
* **Stages** (:mod:`analysis.scale.pipeline`, one process): ingest (clean-up +
  Punkt sentences), frequencies (regex + ``Counter``), sentiment (VADER per
  sentence) and actor/frame coding.  Ingest and frequencies run on every
  document at every size.  Sentiment runs on every document up to
  :data:`SENTIMENT_FULL_MAX` documents; above, the stage alone is not
  repeated (it would take minutes) and the end-to-end run below scores all
  100 k documents.  Actor/frame coding (:func:`analysis.scale.pipeline.coding`:
  Aho-Corasick automata for the actors, per-token tables for the frames)
  runs on the documents of the first batch at each size (:data:`CODING_DOCS`,
  the batch size); the end-to-end run codes them all.
* **Timing**: wall clock; a stage that takes under 1.5 s is repeated (up to
  five runs) and its shortest time kept, as short runs on a shared machine
  are noisy.  The machine's load average is recorded next to the figures.
* **Tokens** are the words counted by the frequencies stage (maximal
  letter runs, :func:`analysis.methods.words.count_words_fast`); tokens/s of every
  stage use that count of the documents it processed.
* **Naive NLTK pipeline** side by side: Punkt sentences + Treebank words +
  ``Counter`` (:func:`analysis.methods.words.count_words_nltk`) on the first
  :data:`NAIVE_DOCS` documents (about 0.1 M tokens; all of the 1 k corpus),
  against the fast count of the same documents, with a check that the
  counts are identical.  The sentiment stage (the project's VADER scorer,
  one sentence at a time; its peers are timed in section ``peers``) runs
  in one process and in two (:func:`analysis.scale.pipeline.score_parallel`)
  on the sentences of the first :data:`PARALLEL_DOCS` documents, enough
  work that starting the workers is a small part of it.
* **End to end**: :func:`analysis.scale.pipeline.run` on the whole 100 k corpus,
  all four stages (ingest + frequencies + sentiment + actor/frame coding),
  two worker processes.
* **Peak memory**: every size runs in a freshly *spawned* child process,
  and the figure is that process's ``resource.getrusage(RUSAGE_SELF)
  .ru_maxrss`` after each stage: the peak resident set so far (interpreter,
  libraries and the corpus included), so the figure after a stage bounds
  that stage.  For the end-to-end run the child's own peak and the largest
  peak of its two pool workers (``RUSAGE_CHILDREN``) are added, an upper
  bound of what was resident at once.
* **Profiles** (``cProfile``, standard library) of the stages that miss
  their aims name the functions that bound them.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import resource
import statistics
import time
from collections import Counter
from multiprocessing import get_context

import pandas as pd

#: Corpus sizes in documents (the issue's 1 k, 10 k and 100 k).
SIZES = (1_000, 10_000, 100_000)
#: Minimum words (letter runs) per synthetic document: a news brief.
DOC_WORDS = 100
#: The sentiment stage is timed alone (one process) on corpora up to this many documents.
SENTIMENT_FULL_MAX = 10_000
#: Documents coded for actors and frames at each size: the first batch.
CODING_DOCS = 1_000
#: Documents on which the naive NLTK pipeline runs (~0.1 M tokens).
NAIVE_DOCS = 1_000
#: Documents whose sentences are scored by one and by two processes.
PARALLEL_DOCS = 40_000
#: Aims from issue #9 for this 2-core machine.
AIMS = {
    "count_speedup": 10.0,  # tokenise + count vs naive, at least
    "sentiment_2proc_speedup": 1.8,  # two processes vs one, at least
    "flatness": 0.20,  # time per token within +-20 % of the 1 k figure
    "e2e_10m_s": 60.0,  # 10 M tokens end to end, at most (s)
    "e2e_10m_gb": 2.0,  # and at most (GB)
}


def synthetic_documents(
    n_docs: int, seed: int = 0, doc_words: int = DOC_WORDS, sentences: list[str] | None = None
) -> pd.DataFrame:
    """``n_docs`` documents (``id``, ``text``) of shuffled seed sentences.

    Examples
    --------
    >>> s = ["One two three.", "Four five.", "Six."]
    >>> docs = synthetic_documents(3, seed=1, doc_words=4, sentences=s)
    >>> docs["id"].tolist()
    ['syn000000', 'syn000001', 'syn000002']
    >>> all(len(t.split()) >= 4 for t in docs["text"])
    True
    >>> synthetic_documents(2, 1, 4, s).equals(docs.iloc[:2])
    True
    """
    from analysis.bench import runner as bench
    from analysis.methods import words

    if n_docs < 1:
        raise ValueError(f"n_docs: expected a positive integer, got {n_docs!r}")
    sentences = sentences or bench.seed_sentences()
    sizes = [len(words.WORD_RE.findall(s)) for s in sentences]
    rng = random.Random(seed)
    order: list[int] = []
    texts = []
    for _ in range(n_docs):
        parts, total = [], 0
        while total < doc_words:
            if not order:
                order = list(range(len(sentences)))
                rng.shuffle(order)
            i = order.pop()
            parts.append(sentences[i])
            total += sizes[i]
        texts.append(" ".join(parts))
    return pd.DataFrame({"id": [f"syn{i:06d}" for i in range(n_docs)], "text": texts})


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kB


def _peak_mb() -> float:
    """Peak resident memory of this process (MB): ``VmHWM`` of ``/proc/self/status``.

    ``ru_maxrss`` would do, but Linux carries it over ``fork`` + ``exec``, so a
    spawned child would report its parent's peak if that was higher;
    ``VmHWM`` belongs to the process's own address space.  Falls back to
    ``ru_maxrss`` where ``/proc`` is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb()


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def profile_top(fn, *args, top: int = 6, **kwargs) -> list[dict]:
    """The functions taking the most time (own time) while ``fn`` runs, via cProfile."""
    prof = cProfile.Profile()
    prof.enable()
    fn(*args, **kwargs)
    prof.disable()
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values()) or 1.0
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    return [
        {
            "function": f"{os.path.basename(file)}:{line} {name}",
            "own_s": round(v[2], 3),
            "share": round(v[2] / total, 3),
            "calls": v[1],
        }
        for (file, line, name), v in rows
    ]


def _best(fn, *args, budget_s: float = 1.5, max_runs: int = 5):
    """Result and shortest time of repeated runs: repeats while the runs so far took
    under ``budget_s`` (short runs on a shared machine are noisy; long ones run once)."""
    out, best = _timed(fn, *args)
    spent, runs = best, 1
    while spent < budget_s and runs < max_runs:
        _, t = _timed(fn, *args)
        best, spent, runs = min(best, t), spent + t, runs + 1
    return out, best


def _warm_up() -> None:
    from analysis.corpus import text
    from analysis.scale import pipeline

    text.sentence_splitter()
    pipeline.frequencies(["Warm up the regular expressions."])
    pipeline.sentiment(pd.DataFrame({"doc_id": ["w"], "sent_index": [0], "text": ["Good."]}))


def measure_size(n_docs: int, seed: int = 0) -> dict:
    """Stage times, tokens/s and peak memory for one corpus size (run in a child)."""
    from analysis.methods import actors, frames, words
    from analysis.scale import pipeline

    _warm_up()
    out: dict = {"documents": n_docs, "rss_start_mb": _peak_mb()}
    docs, out["corpus_build_s"] = _timed(synthetic_documents, n_docs, seed)
    docs = pipeline.documents_frame(docs)
    out["rss_corpus_mb"] = _peak_mb()

    # the stages run batch by batch, as pipeline.run does (PARTITION_SIZE documents)
    parts = pipeline.batches(docs, pipeline.PARTITION_SIZE)
    reps = 5 if len(parts) == 1 else 1  # a single short batch: median of 5 runs
    with_sentiment = n_docs <= SENTIMENT_FULL_MAX
    counts: Counter = Counter()
    per_batch: dict[str, list[tuple[float, int]]] = {"ingest": [], "frequencies": [], "sentiment": []}
    first_bodies, first_sentences, n_sentences = None, None, 0
    for part in parts:
        t_ing, t_freq, t_sent = [], [], []
        for _ in range(reps):
            (bodies, sentences), t = _timed(pipeline.ingest, part)
            t_ing.append(t)
            batch_counts, t = _timed(pipeline.frequencies, bodies)
            t_freq.append(t)
        merge_start = time.perf_counter()
        counts.update(batch_counts)
        merge_s = time.perf_counter() - merge_start
        n = sum(batch_counts.values())
        n_sentences += len(sentences)
        per_batch["ingest"].append((statistics.median(t_ing), n))
        per_batch["frequencies"].append((statistics.median(t_freq) + merge_s, n))
        if with_sentiment:
            for _ in range(min(reps, 3)):
                t_sent.append(_timed(pipeline.sentiment, sentences)[1])
            per_batch["sentiment"].append((statistics.median(t_sent), n))
        if first_bodies is None:
            first_bodies, first_sentences = bodies, sentences
    tokens = sum(counts.values())
    out.update(
        tokens=tokens, sentences=n_sentences, batches=len(parts), batch_documents=pipeline.PARTITION_SIZE
    )
    out["stages"] = {}
    for stage, rows in per_batch.items():
        if rows:
            out["stages"][stage] = {
                "s": sum(t for t, _ in rows),
                "tokens": sum(n for _, n in rows),
                "documents": n_docs,
                "sample": False,
                "rss_mb": _peak_mb(),
                "batch_us_per_token_median": statistics.median(1e6 * t / n for t, n in rows),
            }
    out["ingest_s"], out["frequencies_s"] = out["stages"]["ingest"]["s"], out["stages"]["frequencies"]["s"]
    t_freq = out["frequencies_s"]
    bodies, sentences = first_bodies, first_sentences

    def tokens_of(first_docs: int) -> int:
        return sum(words.count_words_fast(bodies.iloc[:first_docs]).values())

    adict, fdict = actors.load_actors(), frames.load_frames()
    coded_docs = min(CODING_DOCS, len(bodies))
    sub = sentences[sentences["doc_pos"] < coded_docs]
    _, t = _best(pipeline.coding, sub, adict, fdict)
    out["stages"]["coding"] = {
        "s": t,
        "tokens": tokens_of(coded_docs),
        "documents": coded_docs,
        "sample": coded_docs < n_docs,
        "rss_mb": _peak_mb(),
    }
    for stage in out["stages"].values():
        stage["tokens_per_s"] = stage["tokens"] / stage["s"]
        stage["us_per_token"] = 1e6 * stage["s"] / stage["tokens"]

    # naive NLTK pipeline vs the fast count, same documents
    n_naive = min(n_docs, NAIVE_DOCS, len(bodies))
    texts = bodies.iloc[:n_naive].tolist()
    naive, t_naive = _timed(words.count_words_nltk, texts)
    fast, t_fast = min((_timed(words.count_words_fast, texts) for _ in range(3)), key=lambda p: p[1])
    naive_tokens = sum(naive.values())
    out["naive"] = {
        "documents": n_naive,
        "tokens": naive_tokens,
        "s": t_naive,
        "tokens_per_s": naive_tokens / t_naive,
        "fast_same_docs_s": t_fast,
        "fast_same_docs_tokens_per_s": naive_tokens / t_fast,
        "counts_identical": naive == fast,
        # fast count on the whole corpus of this size vs naive on its sample
        "speedup_full": (tokens / t_freq) / (naive_tokens / t_naive),
        "speedup_same_docs": t_naive / t_fast,
        # the pipeline's ingest + frequencies (which also splits sentences) vs naive
        "pipeline_ingest_count_speedup": (tokens / (out["ingest_s"] + t_freq)) / (naive_tokens / t_naive),
    }
    if n_docs == max(SIZES):
        out["profiles"] = {
            "ingest": profile_top(pipeline.ingest, docs.iloc[:1000]),
            "sentiment": profile_top(pipeline.sentiment, sentences[sentences["doc_pos"] < 300]),
            "coding": profile_top(pipeline.coding, sentences[sentences["doc_pos"] < 10], adict, fdict),
        }
    out["rss_end_mb"] = _peak_mb()
    return out


def measure_parallel_sentiment(seed: int = 0, docs: int = PARALLEL_DOCS) -> dict:
    """VADER over the sentences of ``docs`` documents: one process vs two (run in a child)."""
    from analysis.scale import pipeline

    _warm_up()
    frame = pipeline.documents_frame(synthetic_documents(docs, seed))
    _, sentences = pipeline.ingest(frame)
    cpu0 = time.process_time()
    one, t1 = _timed(pipeline.sentiment, sentences)
    cpu1 = time.process_time() - cpu0
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    two, t2 = _timed(pipeline.score_parallel, sentences, 2)
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu2 = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    # CPU seconds tell the cost of the work apart from the wait for a busy core:
    # with two free cores, the speed-up would be about 2 * cpu1 / cpu2.
    return {
        "documents": docs,
        "sentences": len(sentences),
        "one_process_s": t1,
        "two_processes_s": t2,
        "speedup": t1 / t2,
        "identical": one.equals(two),
        "one_process_cpu_s": cpu1,
        "two_processes_workers_cpu_s": cpu2,
        "speedup_if_two_free_cores": 2 * cpu1 / cpu2 if cpu2 else None,
        "cpu_count": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
    }


def measure_end_to_end(n_docs: int = max(SIZES), seed: int = 0, processes: int = 2) -> dict:
    """:func:`analysis.scale.pipeline.run` on ``n_docs`` documents, two processes (run in a child)."""
    from analysis.scale import pipeline

    _warm_up()
    docs, build_s = _timed(synthetic_documents, n_docs, seed)
    stages = pipeline.STAGES
    cpu0, kids0 = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    result, t = _timed(pipeline.run, docs, stages=stages, processes=processes)
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = time.process_time() - cpu0 + kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime
    # the workers are forked from this process: their ru_maxrss counts the pages they
    # share with it, so parent + workers over-states what was resident at once
    self_mb, workers_mb = _peak_mb(), _rss_mb(resource.RUSAGE_CHILDREN)
    return {
        "documents": n_docs,
        "tokens": result.n_tokens,
        "sentences": result.n_sentences,
        "stages": list(stages),
        "processes": processes,
        "s": t,
        "corpus_build_s": build_s,
        "tokens_per_s": result.n_tokens / t,
        "rss_self_mb": self_mb,
        "cpu_s": cpu_s,
        "s_if_free_cores": cpu_s / processes,
        "load_average_1min": os.getloadavg()[0],
        "rss_worker_max_mb": workers_mb,
        "rss_bound_mb": self_mb + processes * workers_mb,
        "scored_sentences": len(result.scores),
    }


def _child_main(queue, fn_name: str, args: tuple) -> None:
    try:
        queue.put(("ok", globals()[fn_name](*args)))
    except BaseException as exc:  # report, do not hang the parent
        import traceback

        queue.put(("error", f"{exc!r}\n{traceback.format_exc()}"))


def in_child(fn_name: str, *args) -> dict:
    """Run a function of this module in a freshly spawned process (clean peak-memory figures)."""
    ctx = get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child_main, args=(queue, fn_name, args))
    proc.start()
    status, payload = queue.get()
    proc.join()
    if status != "ok":
        raise RuntimeError(f"bench child {fn_name}{args} failed: {payload}")
    return payload


def bench_scale(sizes=SIZES, seed: int = 0) -> dict:
    """Section ``scale`` of ``make bench`` (see the module docstring)."""
    sizes = tuple(sizes)
    out = {
        "seed": seed,
        "doc_words_min": DOC_WORDS,
        "coding_docs": CODING_DOCS,
        "naive_docs": NAIVE_DOCS,
        "sentiment_full_max": SENTIMENT_FULL_MAX,
        "memory_method": "ru_maxrss of a freshly spawned child process per size "
        "(peak resident set so far, after each stage)",
        "sizes": {},
    }
    for n in sizes:
        out["sizes"][str(n)] = in_child("measure_size", n, seed)
    out["parallel_sentiment"] = in_child("measure_parallel_sentiment", seed)
    out["end_to_end"] = in_child("measure_end_to_end", max(sizes), seed)
    out["load_average_1min"] = os.getloadavg()[0]
    out["aims"] = aims(out)
    return out


def _flatness(out: dict, stage: str, key: str = "batch_us_per_token_median") -> tuple[float, list[str]]:
    """Largest relative deviation of time per token from the smallest size (full runs only).

    ``key="batch_us_per_token_median"``: the median over batches of each
    batch's time per token, robust to the load spikes of a shared machine;
    ``key="us_per_token"``: total time over total tokens.
    """
    sizes = sorted(out["sizes"], key=int)
    base = out["sizes"][sizes[0]]["stages"][stage][key]
    devs, used = [], []
    for n in sizes:
        st = out["sizes"][n]["stages"].get(stage)
        if st is None or st.get("sample"):
            continue
        devs.append(st[key] / base - 1)
        used.append(n)
    return max(devs, key=abs), used


def aims(out: dict) -> list[dict]:
    """Each figure next to its aim, with ``met``."""
    rows = []
    sizes = sorted(out["sizes"], key=int)
    for n in sizes:
        r = out["sizes"][n]["naive"]
        rows.append(
            {
                "measure": f"tokenise + count vs naive NLTK, {int(n):,} docs",
                "value": round(r["speedup_full"], 1),
                "unit": "x",
                "aim": f">= {AIMS['count_speedup']:g}x",
                "met": r["speedup_full"] >= AIMS["count_speedup"] and r["counts_identical"],
                "note": f"counts identical: {r['counts_identical']}; naive on {r['documents']:,} docs",
            }
        )
    p = out["parallel_sentiment"]
    rows.append(
        {
            "measure": "sentiment, 2 processes vs 1",
            "value": round(p["speedup"], 2),
            "unit": "x",
            "aim": f">= {AIMS['sentiment_2proc_speedup']:g}x",
            "met": p["speedup"] >= AIMS["sentiment_2proc_speedup"] and p["identical"],
            "note": f"{p['sentences']:,} sentences; scores identical: {p['identical']}",
        }
    )
    for stage in ("ingest", "frequencies", "sentiment"):
        dev, used = _flatness(out, stage)
        raw, _ = _flatness(out, stage, "us_per_token")
        rows.append(
            {
                "measure": f"time per token flat, {stage}",
                "value": round(100 * dev, 1),
                "unit": "%",
                "aim": f"within +-{100 * AIMS['flatness']:g} %",
                "met": abs(dev) <= AIMS["flatness"],
                "note": "median batch vs 1 k, over "
                + ", ".join(f"{int(u) // 1000}k" for u in used)
                + f"; total time/token {100 * raw:+.0f} %",
            }
        )
    e = out["end_to_end"]
    note = (
        f"{e['tokens'] / 1e6:.1f} M tokens, stages {'+'.join(e['stages'])}, "
        f"{e['processes']} processes; load {e['load_average_1min']:.1f}"
    )
    rows.append(
        {
            "measure": "end to end, 100 k docs: time",
            "value": round(e["s"], 1),
            "unit": "s",
            "aim": f"<= {AIMS['e2e_10m_s']:g} s",
            "met": e["s"] <= AIMS["e2e_10m_s"] and e["tokens"] >= 10e6,
            "note": note,
        }
    )
    gb = e["rss_bound_mb"] / 1024
    rows.append(
        {
            "measure": "end to end, 100 k docs: peak memory",
            "value": round(gb, 2),
            "unit": "GB",
            "aim": f"<= {AIMS['e2e_10m_gb']:g} GB",
            "met": gb <= AIMS["e2e_10m_gb"],
            "note": "parent peak + each worker's peak (upper bound)",
        }
    )
    return rows


def scale_rows(out: dict) -> list[tuple[str, str]]:
    """Rows for the printed table of section ``scale``."""
    rows = []
    for n, r in sorted(out["sizes"].items(), key=lambda kv: int(kv[0])):
        rows.append(
            (
                f"{int(n):,} docs",
                f"{r['tokens']:,} tokens, {r['sentences']:,} sentences, "
                f"corpus built in {r['corpus_build_s']:.1f} s",
            )
        )
        for stage, st in r["stages"].items():
            sample = f" (first {st['documents']:,} docs)" if st.get("sample") else ""
            median = (
                f" (median batch {st['batch_us_per_token_median']:.2f})"
                if "batch_us_per_token_median" in st
                else ""
            )
            rows.append(
                (
                    f"  {stage}{sample}",
                    f"{st['tokens_per_s'] / 1e3:,.0f} k tokens/s, "
                    f"{st['us_per_token']:.2f} us/token{median}, {st['s']:.1f} s, "
                    f"peak RSS {st['rss_mb']:,.0f} MB",
                )
            )
        nv = r["naive"]
        rows.append(
            (
                "  naive Punkt+Treebank+Counter",
                f"{nv['tokens_per_s'] / 1e3:,.0f} k tokens/s on "
                f"{nv['documents']:,} docs; fast count x{nv['speedup_full']:.1f} (same docs "
                f"x{nv['speedup_same_docs']:.1f}); ingest+count x{nv['pipeline_ingest_count_speedup']:.1f}; "
                f"counts identical {nv['counts_identical']}",
            )
        )
    p = out["parallel_sentiment"]
    rows.append(
        (
            "sentiment 1 vs 2 processes",
            f"{p['one_process_s']:.1f} s vs {p['two_processes_s']:.1f} s "
            f"({p['sentences']:,} sentences): x{p['speedup']:.2f}; CPU {p['one_process_cpu_s']:.1f} s "
            f"vs {p['two_processes_workers_cpu_s']:.1f} s in the workers (x{p['speedup_if_two_free_cores']:.2f} "
            f"with two free cores); load {p['load_average_1min']:.1f}",
        )
    )
    e = out["end_to_end"]
    rows.append(
        (
            f"end to end ({'+'.join(e['stages'])}, {e['processes']} procs)",
            f"{e['tokens']:,} tokens in {e['s']:.1f} s ({e['tokens_per_s'] / 1e3:,.0f} k tokens/s), "
            f"peak {e['rss_self_mb']:,.0f} MB + {e['processes']} x {e['rss_worker_max_mb']:,.0f} MB; "
            f"CPU {e['cpu_s']:.0f} s in all ({e['s_if_free_cores']:.0f} s with {e['processes']} free cores); "
            f"load {e['load_average_1min']:.1f}",
        )
    )
    for stage, prof in out["sizes"].get(str(max(map(int, out["sizes"]))), {}).get("profiles", {}).items():
        top = "; ".join(f"{p['function']} {100 * p['share']:.0f}%" for p in prof[:3])
        rows.append((f"profile {stage} (own time)", top))
    rows.append(("machine load (1-min average at the end)", f"{out['load_average_1min']:.1f}"))
    return rows


if __name__ == "__main__":
    import json
    import sys

    sizes = tuple(int(a) for a in sys.argv[1:]) or SIZES
    result = bench_scale(sizes)
    for k, v in scale_rows(result):
        print(f"{k:<50} {v}")
    print(json.dumps(result["aims"], indent=1))
