"""The corpus chapter executed (papermill) on every kind of input the README lists.

Slow: one kernel per input.  Each corpus is made here, in ``tmp_path``: a
folder of ``.txt`` files, a CSV, a Parquet file with integer ids, one
document picked from a folder, and a folder that repeats a sentence run with
``duplicates drop``.  A page passes when it executes without error and every
value its prose glues is filled in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths

TEXTS = {
    "first": "Talks resumed on Monday. Both sides spoke of trade.\n\nThe border stayed shut.\n",
    "second": "Pakistan's exports fell 7.55% to $1,140.17 million. Officials cannot agree.\n",
    "third": "The crossing reopened. The crossing reopened!\n",
}


def make_input(kind: str, folder) -> tuple[str, list[str]]:
    """Write the fixture corpus for ``kind``; return the papermill ``-p`` arguments."""
    folder.mkdir()
    if kind in ("txt", "single", "drop"):
        for name, text in TEXTS.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        extra = {"single": ["-p", "documents", "second"], "drop": ["-p", "duplicates", "drop"]}.get(kind, [])
        return str(folder), extra
    frame = pd.DataFrame({"id": [11, 12, 13], "text": list(TEXTS.values()), "outlet": ["A", "B", None]})
    if kind == "csv":
        frame.to_csv(folder / "docs.csv", index=False)
        return str(folder / "docs.csv"), []
    frame.to_parquet(folder / "docs.parquet")
    return str(folder / "docs.parquet"), []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["txt", "csv", "parquet", "single", "drop"])
def test_corpus_chapter_runs_on_each_input(tmp_path, kind):
    corpus_dir, extra = make_input(kind, tmp_path / "input")
    out = tmp_path / "out.ipynb"
    env = dict(os.environ, PAKAFGHAN_TABLES_DIR=str(tmp_path / "tables"), PYTHONPATH=str(paths.ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", "chapters/corpus.ipynb", str(out), "-k", "python3"]
        + ["-p", "corpus_dir", corpus_dir, *extra],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Unable to parse" not in proc.stderr
    nb = json.loads(out.read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    wanted = set(re.findall(r"\{glue\}`([^`]+)`", prose))
    glued = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                glued[record["name"]] = output["data"]["application/papermill.record/text/plain"]
    assert wanted <= set(glued), wanted - set(glued)
    assert all(glued[key].strip() for key in wanted)
    # nothing a reader would take for a claim about the project's seeds
    text = " ".join(glued.values())
    assert "manifest" not in glued["metadata_note"]
    assert "DIFFERENT" not in glued["pl_match"]
    assert "tariq2026" not in text
    if kind == "single":
        assert glued["n_docs"] == "1 document"
    if kind == "drop":
        # "third" repeats its one sentence: the counts table leaves the copy out
        counts = pd.read_csv(tmp_path / "tables" / "counts.csv").set_index("id")
        assert counts.loc["third", "n_sentences"] == 1
