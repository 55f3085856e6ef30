"""Time for one text that is a single very long line, with and without the sentence bound.

``python -m analysis.bench.long_sentences [WORDS ...]`` writes a synthetic
one-line text of ``WORDS`` words (no full stops; actor names, frame keywords
and commas mixed in from a seeded RNG), runs the pipeline's ``ingest`` and
``coding`` stages on it (:func:`analysis.scale.pipeline.run`, the functions
the chapters use) and the framing chapter's blame edges
(:func:`analysis.methods.responsibility.blame_edges`), and prints the seconds
each took, once with
:data:`analysis.corpus.text.MAX_SENTENCE_TOKENS` in force and once with the
bound lifted.  With the bound the time per word stays flat as the line
grows; without it, it grows with the line (issue 18).
"""

from __future__ import annotations

import random
import sys
import time

import pandas as pd

from analysis.corpus import load, text
from analysis.methods import actors, responsibility
from analysis.scale import pipeline

WORDS = (
    "Pakistan Kabul Islamabad Taliban TTP border trade security attack talks refugees the of and to "
    "in a said ceasefire Torkham crossing economy closed reopened militants government blamed "
    "accused attacked supported warned condemned"
).split()


#: Longest line also timed without the bound (40 k words took minutes there).
UNBOUNDED_UP_TO = 40_000


def one_line(n_words: int, seed: int = 0) -> str:
    """``n_words`` words on one line, a comma after about one word in twenty."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + ("," if rng.random() < 0.05 else "") for _ in range(n_words))


def seconds(line: str, bound: int | None) -> tuple[float, float]:
    """Wall times of (ingest + coding, sentence split + blame edges) for one document holding ``line``."""
    saved = text.MAX_SENTENCE_TOKENS
    text.MAX_SENTENCE_TOKENS = bound if bound is not None else len(line)
    dictionary = actors.load_actors()
    try:
        start = time.perf_counter()
        pipeline.run(pd.DataFrame({"id": ["long"], "text": [line]}), stages=["ingest", "coding"])
        coding = time.perf_counter() - start
        start = time.perf_counter()
        sentences, _ = load.split_body("long", line, with_tokens=False)
        responsibility.blame_edges(pd.DataFrame(sentences), dictionary)
        return coding, time.perf_counter() - start
    finally:
        text.MAX_SENTENCE_TOKENS = saved


def main(argv: list[str] | None = None) -> int:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [5_000, 10_000, 20_000]
    seconds(one_line(100), None)  # warm-up: dictionaries, automata, Punkt
    print("words      MB | bounded: coding s  edges s | unbounded: coding s  edges s")
    for n in sizes:
        line = one_line(n)
        bounded = seconds(line, text.MAX_SENTENCE_TOKENS)
        # without the bound the edges grow with the square of the line: skip past UNBOUNDED_UP_TO
        unbounded = seconds(line, None) if n <= UNBOUNDED_UP_TO else (float("nan"),) * 2
        print(
            f"{n:<8,} {len(line.encode()) / 1e6:5.2f} | {bounded[0]:17.2f} {bounded[1]:8.2f} |"
            f" {unbounded[0]:19.2f} {unbounded[1]:8.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
