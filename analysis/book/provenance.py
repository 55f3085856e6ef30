"""Facts about how a result was made: version, commit, inputs, packages.

Used on every chapter page (the collapsible provenance note) and by the
reproducibility page; kept small and dependency-free.
"""

from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata
from pathlib import Path

from analysis import paths

#: Packages whose versions every chapter reports.
REPORTED_PACKAGES = (
    "pandas",
    "altair",
    "nltk",
    "papermill",
    "jupyter-book",
    "myst-nb",
    "vl-convert-python",
    "vaderSentiment",
    "afinn",
    "numpy",
    "pyyaml",
)


def project_version() -> str:
    """The project version from ``pyproject.toml`` (the one version string)."""
    import tomllib

    with open(paths.ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def git_commit() -> str:
    """Current commit hash, with ``-dirty`` if the work tree has changes; or ``unknown``."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def package_versions(names=REPORTED_PACKAGES) -> dict[str, str]:
    """Installed versions of ``names`` (``not installed`` where missing)."""
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def input_hashes(files: list[Path] | None = None) -> dict[str, str]:
    """sha256 of the input files (default: manifest, seeds and ``data/``)."""
    if files is None:
        files = sorted(p for p in paths.SEEDS.iterdir() if p.is_file())
        files += sorted(p for p in paths.DATA.rglob("*") if p.is_file())
    out = {}
    for path in files:
        out[str(Path(path).relative_to(paths.ROOT))] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return out
