"""Helpers shared by the tests: copy the project, run its command line, write sentences."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths


def copy_project(target: Path) -> Path:
    """Copy the project's sources to ``target`` (see :func:`analysis.paths.copy_sources`)."""
    return paths.copy_sources(target)


def sentences(texts: list[str], doc_id: str = "d") -> pd.DataFrame:
    """A sentences table of one document written in a test: ``doc_id, sent_index, text``.

    >>> sentences(["Talks resumed.", "Trade fell."]).values.tolist()
    [['d', 0, 'Talks resumed.'], ['d', 1, 'Trade fell.']]
    """
    return pd.DataFrame(
        {"doc_id": [doc_id] * len(texts), "sent_index": list(range(len(texts))), "text": texts}
    )


def run_cli(
    root: Path, *args: str, env: dict | None = None, timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run ``python -m analysis ARGS`` in the project copy at ``root``."""
    full_env = dict(os.environ, **(env or {}))
    full_env.pop("PAKAFGHAN_BUILD_DIR", None)
    full_env.pop("PAKAFGHAN_TABLES_DIR", None)
    return run_module(root, "analysis", *args, env=full_env, timeout=timeout)


def run_module(root: Path, module: str, *args: str, env: dict, timeout: int) -> subprocess.CompletedProcess:
    """Run ``python -m MODULE ARGS`` in the project copy at ``root`` with exactly ``env``
    (plus ``PYTHONPATH`` naming the copy); output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Book:
    root: Path  # the project copy
    build: Path  # its _build
    html: Path  # _build/html
    stdout: str
