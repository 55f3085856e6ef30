"""Every path the project uses, in one place.

Notebooks and modules import these names instead of writing ``'../data/...'``
strings, so a chapter behaves the same whether papermill runs it from the
repository root, from ``chapters/`` or from a temporary folder.

The build folder can be moved with the environment variable
``PAKAFGHAN_BUILD_DIR`` (used for alternative books built from a parameters
file, and by tests that build in a temporary copy).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MANIFEST = SEEDS / "manifest.yaml"
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"
TESTS = ROOT / "tests"


def toc_file() -> Path:
    """The table of contents (``_toc.yml``, or ``PAKAFGHAN_TOC`` if set).

    The override lets a developer build a book of a few chapters only.
    """
    override = os.environ.get("PAKAFGHAN_TOC")
    return Path(override).resolve() if override else ROOT / "_toc.yml"


def build_dir() -> Path:
    """Return the folder for generated files (``_build`` unless overridden)."""
    override = os.environ.get("PAKAFGHAN_BUILD_DIR")
    return Path(override).resolve() if override else ROOT / "_build"


def tables_dir(chapter: str) -> Path:
    """Folder where a chapter writes its downloadable CSV tables.

    A plain papermill run writes to ``_build/tables/<chapter>/``.  The book
    build points ``PAKAFGHAN_TABLES_DIR`` at the chapter's cache entry
    instead, so the tables always travel with the executed notebook that made
    them; the book serves them at ``tables/<chapter>/<name>.csv``.
    """
    override = os.environ.get("PAKAFGHAN_TABLES_DIR")
    return Path(override).resolve() if override else build_dir() / "tables" / chapter


#: What is not a source of the project: environments, generated files, caches.
NOT_SOURCES = (".venv", "_build", ".git", "dist", "__pycache__", ".pytest_cache", "*.egg-info")


def copy_sources(target: Path) -> Path:
    """Copy the project's sources (not :data:`NOT_SOURCES`) to ``target``.

    Used to build in a temporary copy (tests, benchmarks) without touching
    this tree's ``_build``.  The copied seeds are made writable, so a test
    may alter its own copy; the originals stay read-only.
    """
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_SOURCES), symlinks=True)
    for seed in (Path(target) / "seeds").iterdir():
        seed.chmod(0o644)
    return Path(target)
