"""Shared fixtures.

``built_book`` builds the whole book once per test session, in a temporary
copy of the project (so the developer's ``_build`` and sources are never
touched), and hands the tests its paths.  Tests that need it are marked
``slow``.  Helper functions live in ``tests/support.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import Book, copy_project, run_cli


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project") / "repo")


@pytest.fixture(scope="session")
def built_book(project_copy) -> Book:
    proc = run_cli(project_copy, "build")
    assert proc.returncode == 0, f"book build failed:\n{proc.stdout}\n{proc.stderr}"
    build = project_copy / "_build"
    return Book(project_copy, build, build / "html", proc.stdout)
