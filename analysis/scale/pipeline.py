"""The per-document stages for large corpora, on one machine or on a Dask cluster.

The chapters analyse five texts; the same analyses must run on a news archive
of hundreds of thousands of articles.  This module cuts the work into stages
that only ever see one *batch* of documents, as small pandas objects:

1. :func:`ingest` — clean each text (:func:`analysis.corpus.cleaning.clean`) and split
   it into sentences (:func:`analysis.corpus.load.split_body`, Punkt);
2. :func:`frequencies` — word counts (:func:`analysis.methods.words.count_words_fast`:
   Arrow kernels split and count, the same counts as the NLTK Punkt +
   Treebank pipeline);
3. :func:`sentiment` — a score per sentence
   (:func:`analysis.methods.sentiment.score_sentences`, VADER as
   vaderSentiment 3.3.2 scores it, or AFINN);
4. :func:`coding` — actor mentions per side and frames per sentence
   (:func:`analysis.methods.actors.count_mentions`,
   :func:`analysis.methods.frames.count_frames`: the counts of
   ``match_sentences`` and ``code_sentences`` without their tables).

Every stage calls the methods' own functions; nothing here re-implements
their logic.  :func:`run_partition` runs the stages on one batch and returns a
:class:`Partial` whose parts merge exactly (:func:`merge`): counts add,
sentence tables concatenate in document order.  So the result does not
depend on how the corpus was cut, which ``tests/test_pipeline.py`` checks.

:func:`run` chooses the engine:

* ``engine="pandas"``: the batches run one after another in this process,
  or in ``processes`` worker processes (a local process pool; the stages are
  pure Python and hold the GIL, so threads would not help);
* ``engine="dask"``: the batches become the partitions of a ``dask.bag``,
  and the *same* :func:`run_partition` runs on them through
  ``Bag.reduction`` (per partition, then :func:`merge` in a tree).
  ``scheduler=None`` uses Dask's local multiprocessing scheduler;
  ``"local"`` starts a ``distributed.LocalCluster`` with one single-threaded
  worker process per core for the run; ``"tcp://host:8786"`` connects to a
  running Dask scheduler (a real cluster, whose workers must have this
  project installed: see the README, "Scaling up").

Examples
--------
>>> docs = pd.DataFrame({"id": ["a", "b"],
...                      "text": ["Peace talks resumed. Trade rose.", "The border closed."]})
>>> result = run(docs, stages=("ingest", "frequencies", "sentiment"))
>>> result.counts["trade"], result.n_sentences
(1, 3)
>>> result.scores["label"].tolist()
['positive', 'neutral', 'neutral']
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_all_start_methods, get_context

import pandas as pd

from analysis.corpus import cleaning
from analysis.corpus import load as corpus
from analysis.errors import ParameterError
from analysis.methods import actors as actors_mod
from analysis.methods import frames as frames_mod
from analysis.methods import sentiment as sentiment_mod
from analysis.methods import words

#: Stages in the order they run; ``run(stages=...)`` takes a subset.
STAGES = ("ingest", "frequencies", "sentiment", "coding")
#: Engines :func:`run` accepts.
ENGINES = ("pandas", "dask")
#: Documents per batch (partition) by default: large enough that the fixed cost
#: of a task (pickling the dictionaries, ~0.1 s of VADER set-up per process)
#: is small, small enough that a batch's sentence table stays a few MB.
PARTITION_SIZE = 1000

SENTENCE_COLUMNS = ["doc_pos", "doc_id", "sent_index", "paragraph", "start", "end", "text"]
SCORE_COLUMNS = ["doc_pos", "doc_id", "sent_index", "compound", "label"]


@dataclass(frozen=True)
class Options:
    """What :func:`run_partition` does; picklable, so it travels to Dask workers.

    The actor and frame dictionaries are loaded once on the client and sent
    with the tasks, so workers need not see the project's ``data/`` folder.
    """

    stages: tuple[str, ...] = STAGES
    clean: bool = True
    lexicon: str = "vader"
    neutralize: tuple[str, ...] = ()
    keep_sentences: bool = False
    actors: actors_mod.ActorDictionary | None = None
    frames: frames_mod.FrameDictionary | None = None


@dataclass
class Partial:
    """Results of one batch, or of several merged.

    Attributes
    ----------
    n_documents, n_sentences : int
    counts : Counter
        Word (lower-cased letter run) -> occurrences.  ``sum(counts.values())``
        is the number of tokens counted.
    sentences : DataFrame
        ``doc_pos, doc_id, sent_index, paragraph, start, end, text`` (only
        with ``keep_sentences=True``; else empty).
    scores : DataFrame
        ``doc_pos, doc_id, sent_index, compound, label``.
    mentions : Counter
        ``(actor, side)`` -> mentions (side ``""`` for unresolved actors).
    frame_sentences : Counter
        Frame id -> number of sentences carrying it (multi-label, see
        :mod:`analysis.methods.frames`).
    """

    n_documents: int = 0
    n_sentences: int = 0
    counts: Counter = field(default_factory=Counter)
    sentences: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SENTENCE_COLUMNS))
    scores: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SCORE_COLUMNS))
    mentions: Counter = field(default_factory=Counter)
    frame_sentences: Counter = field(default_factory=Counter)

    @property
    def n_tokens(self) -> int:
        """Tokens counted by :func:`frequencies` (0 if that stage did not run)."""
        return sum(self.counts.values())

    def counts_table(self) -> pd.DataFrame:
        """Counts as a table ``word, count``, most frequent first (ties by word)."""
        df = pd.DataFrame(list(self.counts.items()), columns=["word", "count"])
        return df.sort_values(["count", "word"], ascending=[False, True], ignore_index=True)

    def mentions_table(self) -> pd.DataFrame:
        """Mentions as a table ``actor, side, mentions``."""
        rows = [(a, s, n) for (a, s), n in self.mentions.items()]
        df = pd.DataFrame(rows, columns=["actor", "side", "mentions"])
        return df.sort_values(["mentions", "actor"], ascending=[False, True], ignore_index=True)


# -- the stages ------------------------------------------------------------------


def ingest(documents: pd.DataFrame, clean: bool = True) -> tuple[pd.Series, pd.DataFrame]:
    """Clean texts and split them into sentences.

    Parameters
    ----------
    documents : DataFrame
        ``doc_pos`` (position in the corpus), ``id``, ``text``, and
        optionally ``cleaning`` (a manifest entry's cleaning rules, a dict).
    clean : bool
        Apply :func:`analysis.corpus.cleaning.clean`: the document's manifest rules
        if it has any, and the generic clean-up (markup, escapes, spaces).

    Returns
    -------
    bodies : Series
        Clean texts, indexed like ``documents``.
    sentences : DataFrame
        :data:`SENTENCE_COLUMNS`; offsets are into the clean body, as in
        :class:`analysis.corpus.load.Corpus`.
    """
    bodies, rows = [], []
    rules = documents["cleaning"] if "cleaning" in documents.columns else [{}] * len(documents)
    for pos, doc_id, raw, rule in zip(documents["doc_pos"], documents["id"], documents["text"], rules):
        body = cleaning.clean(raw, rule or {}, doc_id).body if clean else raw
        bodies.append(body)
        sents, _ = corpus.split_body(doc_id, body, with_tokens=False)
        rows += [{"doc_pos": pos, **s} for s in sents]
    return (
        pd.Series(bodies, index=documents.index, name="body"),
        pd.DataFrame(rows, columns=SENTENCE_COLUMNS),
    )


def frequencies(texts: Iterable[str]) -> Counter:
    """Word counts of ``texts`` (:func:`analysis.methods.words.count_words_fast`)."""
    return words.count_words_fast(texts)


def sentiment(
    sentences: pd.DataFrame, lexicon: str = "vader", neutralize: Sequence[str] = ()
) -> pd.DataFrame:
    """Score each sentence (:func:`analysis.methods.sentiment.score_sentences`): :data:`SCORE_COLUMNS`."""
    keys = [c for c in SCORE_COLUMNS[:3] if c in sentences.columns]
    scored = sentiment_mod.score_sentences(sentences[keys + ["text"]], lexicon, neutralize)
    return scored[keys + ["compound", "label"]]


def coding(
    sentences: pd.DataFrame, actor_dict: actors_mod.ActorDictionary, frame_dict: frames_mod.FrameDictionary
) -> tuple[Counter, Counter]:
    """Actor mentions per ``(actor, side)`` and sentences per frame.

    :func:`analysis.methods.actors.count_mentions` and
    :func:`analysis.methods.frames.count_frames`: the counts of
    :func:`analysis.methods.actors.match_sentences` and of the columns of
    :func:`analysis.methods.frames.code_sentences` (``tests/test_pipeline.py``
    checks they agree), without building the tables.  Both are counts, so
    batches merge by addition.
    """
    texts = sentences["text"].tolist()
    return actors_mod.count_mentions(texts, actor_dict), frames_mod.count_frames(texts, frame_dict)


# -- one batch, and merging ---------------------------------------------------------


def run_partition(documents: pd.DataFrame, options: Options = Options()) -> Partial:
    """Run the chosen stages on one batch of documents (``doc_pos, id, text``).

    This is the function every engine runs, unchanged.
    """
    out = Partial(n_documents=len(documents))
    bodies, sentences = ingest(documents, options.clean)
    out.n_sentences = len(sentences)
    if "frequencies" in options.stages:
        out.counts = frequencies(bodies)
    if "sentiment" in options.stages:
        out.scores = sentiment(sentences, options.lexicon, options.neutralize)
    if "coding" in options.stages:
        out.mentions, out.frame_sentences = coding(sentences, options.actors, options.frames)
    if options.keep_sentences:
        out.sentences = sentences
    return out


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["doc_pos", "sent_index"], kind="stable", ignore_index=True)


def merge(partials: Iterable[Partial]) -> Partial:
    """Merge batch results: counts add, sentence tables concatenate in document order.

    The order of ``partials`` does not matter (tables are sorted by
    ``doc_pos, sent_index``), so a tree reduction on a cluster gives the
    same result as a loop.

    Examples
    --------
    >>> a = Partial(n_documents=1, counts=Counter({"trade": 2}))
    >>> b = Partial(n_documents=2, counts=Counter({"trade": 1, "border": 1}))
    >>> m = merge([a, b])
    >>> m.n_documents, m.counts["trade"], m.n_tokens
    (3, 3, 4)
    """
    partials = list(partials)
    out = Partial()
    for p in partials:
        out.n_documents += p.n_documents
        out.n_sentences += p.n_sentences
        out.counts.update(p.counts)
        out.mentions.update(p.mentions)
        out.frame_sentences.update(p.frame_sentences)
    out.sentences = _concat([p.sentences for p in partials], SENTENCE_COLUMNS)
    out.scores = _concat([p.scores for p in partials], SCORE_COLUMNS)
    return out


# -- input -------------------------------------------------------------------------


def documents_frame(documents) -> pd.DataFrame:
    """The pipeline's input table ``doc_pos, id, text`` from what a user has.

    Accepts a DataFrame with ``id`` and ``text`` (extra columns are dropped;
    metadata stays with the caller), a list of
    :class:`analysis.corpus.manifest.Document`, or a path understood by
    :func:`analysis.corpus.sources.load_documents` (manifest folder, folder of
    ``.txt`` files, CSV/Parquet table).  Documents from a manifest keep
    their cleaning rules (column ``cleaning``), so :func:`ingest` cuts the
    same boilerplate as :func:`analysis.corpus.load.load_corpus`.
    """
    from analysis.corpus import sources

    if isinstance(documents, pd.DataFrame):
        missing = [c for c in ("id", "text") if c not in documents.columns]
        if missing:
            raise ParameterError(
                f"documents: the table lacks column(s) {', '.join(missing)}; expected columns id and text"
            )
        df = documents[["id", "text"]].astype({"id": str, "text": str})
    else:
        if isinstance(documents, (str, os.PathLike)):
            documents = sources.load_documents(documents)
        df = pd.DataFrame(
            {
                "id": [d.id for d in documents],
                "text": [d.raw for d in documents],
                "cleaning": [d.cleaning for d in documents],
            }
        )
    df = df.reset_index(drop=True)
    df.insert(0, "doc_pos", range(len(df)))
    return df


def batches(df: pd.DataFrame, partition_size: int) -> list[pd.DataFrame]:
    """Consecutive slices of ``partition_size`` documents."""
    return [df.iloc[i : i + partition_size] for i in range(0, len(df), partition_size)]


# -- engines -------------------------------------------------------------------------


def _records_partition(records: list[dict], options: Options) -> Partial:
    """Dask's per-partition step: records back to a small DataFrame, then :func:`run_partition`."""
    records = list(records)
    return run_partition(pd.DataFrame(records), options) if records else Partial()


def _pool_context():
    """fork where available: workers inherit the imported modules and loaded lexicons."""
    return get_context("fork") if "fork" in get_all_start_methods() else None


class _Progress:
    """A tqdm bar over batches with the tokens/s so far; does nothing when disabled."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        self.tokens = 0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="batch", desc="pipeline", file=sys.stderr, dynamic_ncols=True)

    def done(self, part: Partial) -> Partial:
        if self.bar is not None:
            self.tokens += part.n_tokens
            elapsed = self.bar.format_dict["elapsed"] or 1e-9
            self.bar.set_postfix_str(f"{self.tokens / elapsed / 1e3:,.0f} k tokens/s", refresh=False)
            self.bar.update(1)
        return part

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run_pandas(
    parts: list[pd.DataFrame], options: Options, processes: int, progress: bool = False
) -> Partial:
    bar = _Progress(len(parts), progress)
    try:
        if processes <= 1 or len(parts) <= 1:
            return merge(bar.done(run_partition(p, options)) for p in parts)
        # fork: workers inherit the imported modules and loaded lexicons (Linux/macOS)
        context = _pool_context()
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            futures = [pool.submit(run_partition, p, options) for p in parts]
            # merge() sorts by document, so the order batches finish in does not matter
            return merge(bar.done(f.result()) for f in as_completed(futures))
    finally:
        bar.close()


def _run_dask(
    df: pd.DataFrame, options: Options, partition_size: int, scheduler, progress: bool = False, client=None
) -> Partial:
    import dask.bag as db

    records = df.to_dict("records")
    npartitions = max(1, -(-len(records) // partition_size))
    bag = (
        db.from_sequence(records, partition_size=partition_size)
        if records
        else db.from_sequence([], npartitions=1)
    )
    assert bag.npartitions == npartitions or not records
    total = bag.reduction(partial(_records_partition, options=options), merge, split_every=8)
    if scheduler is None:
        if progress:
            from dask.diagnostics import ProgressBar

            with ProgressBar(out=sys.stderr):
                return total.compute(scheduler="processes")
        return total.compute(scheduler="processes")
    if client is not None:
        return _distributed_result(client, total, progress)
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with (
            LocalCluster(
                n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            return _distributed_result(client, total, progress)
    with connect(scheduler) as client:
        return _distributed_result(client, total, progress)


#: Seconds to wait for a Dask scheduler at an address before giving up.
CONNECT_TIMEOUT = 5


def connect(address: str, timeout: float | None = None):
    """A ``distributed.Client`` of the scheduler at ``address``, or a ParameterError.

    Dask's own default waits 30 s and ends in a traceback; here an address
    that does not answer within ``timeout`` seconds gets one line naming it.
    """
    from distributed import Client

    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        return Client(address, timeout=timeout)
    except (OSError, TimeoutError):
        raise ParameterError(
            f"scheduler: no Dask scheduler answered at {address} within {timeout:g} s; "
            f"start one (dask scheduler) or check the address"
        ) from None


def _distributed_result(client, total, progress: bool) -> Partial:
    future = client.compute(total)
    if progress:
        from distributed import progress as show_progress

        show_progress(future)
    return future.result()


def _check_scheduler(scheduler) -> None:
    if scheduler is None or scheduler == "local":
        return
    if not isinstance(scheduler, str) or "://" not in scheduler:
        raise ParameterError(
            f"scheduler: expected None, 'local' or a Dask scheduler address such as "
            f"'tcp://10.0.0.5:8786', got {scheduler!r}"
        )


def run(
    documents,
    *,
    engine: str = "pandas",
    scheduler: str | None = None,
    stages: Sequence[str] = STAGES,
    partition_size: int = PARTITION_SIZE,
    processes: int = 1,
    clean: bool = True,
    lexicon: str = "vader",
    neutralize: Sequence[str] = (),
    keep_sentences: bool = False,
    actors_path: str = actors_mod.DEFAULT_ACTORS,
    frames_path: str = frames_mod.DEFAULT_FRAMES,
    progress: bool = False,
) -> Partial:
    """Run the stages over a corpus and merge the results.

    Parameters
    ----------
    documents : DataFrame, list of Document, or path
        See :func:`documents_frame`.
    engine : {"pandas", "dask"}
        Where the batches run (see the module docstring).
    scheduler : None, "local" or str
        Dask only: ``None`` = Dask's local process scheduler, ``"local"`` = a
        ``distributed.LocalCluster`` for this run, or a scheduler address
        (``"tcp://host:8786"``).
    stages : sequence of str
        Subset of :data:`STAGES`; ``ingest`` always runs.
    partition_size : int
        Documents per batch (:data:`PARTITION_SIZE`).
    processes : int
        pandas engine only: worker processes (1 = this process).
    clean, lexicon, neutralize, keep_sentences
        See :class:`Options`, :func:`analysis.methods.sentiment.score_sentences`.
    actors_path, frames_path : str
        Dictionaries for the ``coding`` stage.
    progress : bool
        Show a progress bar on standard error: batches done and tokens/s
        (tqdm; Dask's own progress bar on the Dask engine).

    Returns
    -------
    Partial
        The merged result.
    """
    if engine not in ENGINES:
        raise ParameterError(f"engine: expected one of {', '.join(map(repr, ENGINES))}, got {engine!r}")
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ParameterError(f"stages: unknown stage(s) {unknown}; expected a subset of {list(STAGES)}")
    if not isinstance(partition_size, int) or partition_size < 1:
        raise ParameterError(f"partition_size: expected a positive integer, got {partition_size!r}")
    if not isinstance(processes, int) or processes < 1:
        raise ParameterError(f"processes: expected a positive integer, got {processes!r}")
    if engine == "pandas" and scheduler is not None:
        raise ParameterError("scheduler: only used with engine='dask' (got engine='pandas')")
    _check_scheduler(scheduler)
    if lexicon not in sentiment_mod.LEXICONS:
        raise ParameterError(f"lexicon: expected one of {sentiment_mod.LEXICONS}, got {lexicon!r}")
    coded = "coding" in stages
    options = Options(
        stages=tuple(stages),
        clean=clean,
        lexicon=lexicon,
        neutralize=tuple(neutralize),
        keep_sentences=keep_sentences,
        actors=actors_mod.load_actors(actors_path) if coded else None,
        frames=frames_mod.load_frames(frames_path) if coded else None,
    )
    with contextlib.ExitStack() as stack:
        client = None
        if engine == "dask" and scheduler not in (None, "local"):
            client = stack.enter_context(connect(scheduler))  # before any work: fail fast
        df = documents_frame(documents)
        if engine == "dask":
            return _run_dask(df, options, partition_size, scheduler, progress, client)
        return _run_pandas(batches(df, partition_size), options, processes, progress)


def check_out(out) -> None:
    """Refuse, before any work, an ``--out`` folder that cannot hold the result tables.

    ``out`` may be an existing folder (its tables are replaced) or a path
    whose nearest existing parent is a folder this process may write in.
    """
    from pathlib import Path

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out: {out} is an existing file; expected a folder for the result tables")
    parent = out
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise ParameterError(f"--out: cannot make folder {out}: {parent} is a file")
    try:
        with tempfile.TemporaryFile(dir=parent):
            pass
    except OSError as exc:
        raise ParameterError(f"--out: cannot write in {parent}: {exc.strerror or exc}") from None


def score_parallel(
    sentences: pd.DataFrame, processes: int = 2, lexicon: str = "vader", neutralize: Sequence[str] = ()
) -> pd.DataFrame:
    """:func:`sentiment` over ``processes`` worker processes, rows in the input order.

    The sentences are cut into ``processes`` consecutive chunks, each scored
    by :func:`analysis.methods.sentiment.score_sentences` in its own process; VADER is
    pure Python, so processes (not threads) are what uses a second core.
    """
    if processes <= 1:
        return sentiment(sentences, lexicon, neutralize)
    size = -(-len(sentences) // processes)
    chunks = [sentences.iloc[i : i + size] for i in range(0, len(sentences), size)]
    context = _pool_context()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        parts = list(pool.map(partial(sentiment, lexicon=lexicon, neutralize=tuple(neutralize)), chunks))
    return pd.concat(parts, ignore_index=True)


def show_progress(quiet: bool, stream=None) -> bool:
    """Whether the command line shows a progress bar: not with ``--quiet``, and only on a terminal."""
    stream = sys.stderr if stream is None else stream
    return not quiet and bool(getattr(stream, "isatty", lambda: False)())


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.scale.pipeline CORPUS --out DIR [--engine dask --scheduler tcp://host:8786]``.

    Runs the stages over a corpus (manifest folder, ``.txt`` folder or
    CSV/Parquet table) and writes ``counts.csv``, ``scores.csv``,
    ``mentions.csv`` and ``frames.csv`` to ``DIR``.
    """
    import argparse
    from pathlib import Path

    from analysis.errors import ProjectError

    parser = argparse.ArgumentParser(
        prog="python -m analysis.scale.pipeline", description=main.__doc__.split("\n")[0]
    )
    parser.add_argument("corpus", help="manifest folder, folder of .txt files, or .csv/.parquet table")
    parser.add_argument("--out", required=True, help="folder for the result tables")
    parser.add_argument("--engine", default="pandas", choices=ENGINES)
    parser.add_argument(
        "--scheduler",
        default=None,
        help="dask only: 'local' or a scheduler address such as tcp://10.0.0.5:8786",
    )
    parser.add_argument(
        "--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}"
    )
    parser.add_argument("--partition-size", type=int, default=PARTITION_SIZE)
    parser.add_argument("--processes", type=int, default=1, help="pandas engine only: worker processes")
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar (there is none when stderr is not a terminal)"
    )
    args = parser.parse_args(argv)
    try:
        check_out(args.out)
        result = run(
            args.corpus,
            engine=args.engine,
            scheduler=args.scheduler,
            stages=[s for s in args.stages.split(",") if s],
            partition_size=args.partition_size,
            processes=args.processes,
            progress=show_progress(args.quiet),
        )
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        result.counts_table().to_csv(out / "counts.csv", index=False)
        result.scores.to_csv(out / "scores.csv", index=False)
        result.mentions_table().to_csv(out / "mentions.csv", index=False)
        pd.DataFrame(sorted(result.frame_sentences.items()), columns=["frame", "sentences"]).to_csv(
            out / "frames.csv", index=False
        )
    except OSError as exc:
        print(
            f"error: --out: cannot write the result tables in {out}: {exc.strerror or exc}", file=sys.stderr
        )
        return 2
    print(
        f"{result.n_documents:,} documents, {result.n_sentences:,} sentences, "
        f"{result.n_tokens:,} tokens -> {out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
