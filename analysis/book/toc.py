"""The table of contents, ``_toc.yml``: the one list of the book's pages.

A page listed there under ``chapters/`` as a notebook is a *chapter*: it is
executed by papermill, and its name is its file name (``chapters/words``
is the chapter ``words``).  Nothing else lists the chapters.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from analysis import paths
from analysis.errors import BuildError


def toc_entries(toc_path: Path | None = None) -> list[str]:
    """Document paths (without suffix) listed in ``_toc.yml``, root first."""
    toc_path = toc_path or paths.toc_file()
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    out = [toc["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                out.append(item["file"])
            walk(item.get("sections"))
            for part in item.get("parts", []) or []:
                walk(part.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []) or []:
        walk(part.get("chapters"))
    return out


def resolve_entry(entry: str) -> Path:
    """The file (``.ipynb`` or ``.md``) of a table-of-contents entry."""
    for suffix in (".ipynb", ".md"):
        candidate = paths.ROOT / f"{entry}{suffix}"
        if candidate.exists():
            return candidate
    raise BuildError(f"_toc.yml lists {entry!r}, but neither {entry}.ipynb nor {entry}.md exists")


# --------------------------------------------------------------------------
# Execution
# --------------------------------------------------------------------------
