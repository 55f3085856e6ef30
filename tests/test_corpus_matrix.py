"""Every chapter on every corpus input the README lists (slow).

Each chapter that reads a corpus (it has a ``corpus_dir`` parameter) is
executed by plain papermill on each corpus of :data:`corpora.MATRIX`: the
seeds; the seeds plus two news reports; a ``.txt`` folder; a CSV; a Parquet
file with integer ids; a single document; three texts with no trade figure
and no date.  Each run must end without error, and every value its prose
glues (``{glue}`key```) must have been glued: a section with nothing to
show says so in words, it does not leave a hole.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import corpora
import pytest

from analysis import paths
from analysis.book import params

pytestmark = pytest.mark.slow

GLUE_REF = re.compile(r"\{glue(?::[a-z]*)?\}`([^`]+)`")
CHAPTERS = [
    name for name, nb in params.chapter_notebooks().items() if "corpus_dir" in params.read_defaults(nb)
]


def glue_gaps(executed: Path) -> list[str]:
    """Keys the prose glues that no cell glued."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    wanted, glued = set(), set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            wanted |= set(GLUE_REF.findall("".join(cell["source"])))
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                glued.add(name)
    return sorted(wanted - glued)


def run(chapter: str, corpus: Path, work: Path) -> tuple[int, str, list[str]]:
    out = work / f"{chapter}.ipynb"
    env = dict(
        os.environ,
        PAKAFGHAN_BUILD_DIR=str(work / "build"),
        PAKAFGHAN_TABLES_DIR=str(work / chapter),
        PYTHONPATH=str(paths.ROOT),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(paths.CHAPTERS / f"{chapter}.ipynb"),
            str(out),
            "-k",
            "python3",
            "-p",
            "corpus_dir",
            str(corpus),
            "--no-progress-bar",
            "--log-level",
            "ERROR",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    gaps = glue_gaps(out) if proc.returncode == 0 else []
    return proc.returncode, proc.stderr[-3000:], gaps


@pytest.mark.parametrize("corpus_name", list(corpora.MATRIX))
def test_every_chapter_runs_on(corpus_name, tmp_path):
    corpus = corpora.MATRIX[corpus_name](tmp_path / "corpus")
    work = tmp_path / "runs"
    work.mkdir()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(CHAPTERS, pool.map(lambda ch: run(ch, corpus, work), CHAPTERS)))
    failed = {ch: err for ch, (code, err, _) in results.items() if code != 0}
    assert failed == {}, "\n\n".join(f"--- {ch}\n{err}" for ch, err in failed.items())
    holes = {ch: gaps for ch, (_, _, gaps) in results.items() if gaps}
    assert holes == {}, f"glued values missing from the prose: {holes}"
