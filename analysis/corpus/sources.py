"""Corpus input beyond the manifest: a folder of ``.txt`` files, or a table of documents.

The five seed texts come with a hand-written manifest (``seeds/manifest.yaml``),
which records each text's checksum, metadata and cleaning rules.  A news
archive of thousands of articles will not have one.  This module reads two
other shapes of input and returns the same :class:`analysis.corpus.manifest.Document`
objects the manifest loader returns, so :func:`analysis.corpus.load.load_corpus`
(and every chapter's ``corpus_dir`` parameter) accepts them unchanged:

* **a folder of ``.txt`` files** (no ``manifest.yaml``): one document per
  file, UTF-8; the id is the file name without ``.txt`` (characters other
  than letters, digits, ``_``, ``-`` and ``.`` become ``_``);
* **a CSV or Parquet file** (``.csv``, ``.parquet``, ``.pq``): one document
  per row, with columns ``id`` and ``text``; every other column (``title``,
  ``date``, ``outlet``, ...) is kept as metadata.

:func:`load_documents` chooses by the path: a folder with ``manifest.yaml``
goes to :func:`analysis.corpus.manifest.load_documents`, as before.

These documents have no cleaning rules (there is nobody to write them), so
only the generic clean-up of :func:`analysis.corpus.cleaning.clean` applies
(markup, escapes, spaces); no checksum is recorded.  Each text is checked
like a seed (UTF-8, no NUL bytes, not empty, under
:data:`analysis.corpus.manifest.MAX_SEED_BYTES`), and every error names the file,
and the row or id, at fault.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.corpus import manifest
from analysis.corpus.manifest import Document
from analysis.errors import CorpusError

#: File suffixes read as a table of documents.
TABLE_SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}

#: Columns a table of documents must have.
REQUIRED_COLUMNS = ("id", "text")

_BAD_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def file_id(path: Path) -> str:
    """Document id for a ``.txt`` file: its stem, made safe for an id.

    Examples
    --------
    >>> file_id(Path("archive/Dawn 2025-03-01 (border).txt"))
    'Dawn_2025-03-01_border_'
    """
    ident = _BAD_ID_CHARS.sub("_", path.stem)
    return ident if ident[:1].isalnum() else "d" + ident


def _missing(value) -> bool:
    """An empty cell (None, NaN, NA); the word "unknown" is a value like any other."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _cell_text(value, path: Path, what: str) -> str:
    """A cell as text: bytes are decoded as UTF-8 (or refused), numbers written out."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path}: {what} is bytes that are not UTF-8 ({exc.reason})") from None
    if hasattr(value, "item"):  # numpy scalar, e.g. an integer id column
        value = value.item()
    return str(value)


def _meta_value(value):
    """A table cell as plain metadata: missing values become ``"unknown"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "unknown"
    if hasattr(value, "item"):  # numpy scalar -> Python scalar
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def load_text_folder(folder: Path | str) -> list[Document]:
    """One :class:`Document` per ``*.txt`` file of ``folder`` (sorted by name).

    Raises
    ------
    CorpusError
        If the folder holds no ``.txt`` file, two files give the same id, or
        a file is not usable UTF-8 text (empty, binary, too large).
    """
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    if not files:
        raise CorpusError(
            f"{folder}: no manifest.yaml and no .txt files; expected a manifest, a folder of "
            ".txt documents, or a .csv/.parquet file with columns id and text"
        )
    seen: dict[str, Path] = {}
    documents = []
    root = folder.resolve()
    for path in files:
        if path.is_symlink() or path.resolve().parent != root:
            raise CorpusError(
                f"{path}: is a link to a file outside {folder}; a corpus folder must hold its own "
                "texts (copy the file in instead)"
            )
        ident = file_id(path)
        if ident in seen:
            raise CorpusError(
                f"{path}: gives the document id {ident!r}, like {seen[ident].name}; "
                "rename one of the files (ids come from file names)"
            )
        seen[ident] = path
        raw = manifest.read_text_checked(path)
        meta = {"id": ident, "file": path.name, "title": path.stem}
        documents.append(Document(meta=meta, path=path, raw=raw, cleaning={}))
    return documents


def read_table(path: Path | str) -> pd.DataFrame:
    """Read a CSV or Parquet table of documents, with a clear error if it cannot be read."""
    path = Path(path)
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise CorpusError(f"{path}: expected a .csv or .parquet file of documents")
    if not path.exists():
        raise CorpusError(f"{path}: file does not exist")
    try:
        if kind == "csv":
            # ids and texts stay strings ("007" is not the number 7)
            return pd.read_csv(
                path, dtype={"id": str, "text": str}, keep_default_na=False, na_values=[""], encoding="utf-8"
            )
        return pd.read_parquet(path)
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise CorpusError(f"{path}: cannot be read as {kind}: {exc}") from None


def load_table(path: Path | str) -> list[Document]:
    """One :class:`Document` per row of a CSV/Parquet table (columns ``id``, ``text``, metadata).

    Raises
    ------
    CorpusError
        If ``id`` or ``text`` is missing, an id is empty, repeated or not a
        valid id, a text is empty, or a text is over the size limit.
    """
    path = Path(path)
    table = read_table(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise CorpusError(
            f"{path}: missing column(s) {', '.join(missing)}; a table of documents needs "
            f"columns id and text (other columns are metadata); found: {', '.join(map(str, table.columns))}"
        )
    if table.empty:
        raise CorpusError(f"{path}: the table has no rows")
    ids = table["id"].map(lambda v: "" if _missing(v) else _cell_text(v, path, "id").strip())
    empty_id = ids[ids == ""]
    if not empty_id.empty:
        raise CorpusError(f"{path}: row {empty_id.index[0] + 1} has an empty id")
    bad = ids[~ids.map(lambda v: bool(manifest.ID_RE.match(v)))]
    if not bad.empty:
        raise CorpusError(
            f"{path}: row {bad.index[0] + 1}: id {bad.iloc[0]!r} must be letters, digits, '_', '-' or '.'"
        )
    dup = ids[ids.duplicated(keep=False)]
    if not dup.empty:
        rows = [str(i + 1) for i in dup[dup == dup.iloc[0]].index]
        raise CorpusError(
            f"{path}: duplicate document id {dup.iloc[0]!r} (rows {', '.join(rows)}); ids must be unique"
        )
    meta_columns = [c for c in table.columns if c != "text"]
    documents = []
    for i, (ident, record) in enumerate(zip(ids, table.to_dict("records"))):
        raw = record.get("text")
        raw = "" if _missing(raw) else _cell_text(raw, path, f"text of document {ident!r} (row {i + 1})")
        if not raw.strip():
            raise CorpusError(f"{path}: document {ident!r} (row {i + 1}) has an empty text")
        if len(raw.encode("utf-8")) > manifest.MAX_SEED_BYTES:
            raise CorpusError(
                f"{path}: document {ident!r} (row {i + 1}) is over the limit of "
                f"{manifest.MAX_SEED_BYTES:,} bytes for one text"
            )
        if "\x00" in raw:
            raise CorpusError(f"{path}: document {ident!r} (row {i + 1}) contains NUL characters")
        meta = {c: _meta_value(record[c]) for c in meta_columns}
        meta.update({"id": ident, "file": f"{path.name}#{i + 1}"})
        documents.append(Document(meta=meta, path=path, raw=raw, cleaning={}))
    return documents


def kind_of(path: Path | str) -> str:
    """How :func:`load_documents` would read ``path``: "manifest", "folder" or "table".

    Examples
    --------
    >>> kind_of(paths.SEEDS)
    'manifest'
    """
    path = Path(path)
    if path.is_dir():
        return "manifest" if (path / "manifest.yaml").exists() else "folder"
    if path.suffix.lower() in TABLE_SUFFIXES:
        return "table"
    if path.name.endswith((".yaml", ".yml")):
        return "manifest"
    if not path.exists():
        raise CorpusError(f"{path}: corpus folder or file does not exist")
    raise CorpusError(
        f"{path}: not a corpus; expected a folder with manifest.yaml, a folder of .txt files, "
        "or a .csv/.parquet file with columns id and text"
    )


def load_documents(path: Path | str | None = None) -> list[Document]:
    """Documents of a corpus given as a manifest folder, a ``.txt`` folder or a table.

    Parameters
    ----------
    path : path, optional
        A folder with ``manifest.yaml`` (default ``seeds/``), a folder of
        ``.txt`` files, or a ``.csv``/``.parquet`` file.

    Examples
    --------
    A folder of two ``.txt`` files written here: each file is a document whose
    id and title are its name.

    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "talks.txt").write_text("Talks resumed in Doha.")
    >>> _ = (folder / "border.txt").write_text("The crossing stayed shut.")
    >>> [(d.id, d.meta["title"]) for d in load_documents(folder)]
    [('border', 'border'), ('talks', 'talks')]
    >>> shutil.rmtree(folder)
    """
    path = Path(path or paths.SEEDS)
    if not path.exists():
        if path.suffix.lower() in TABLE_SUFFIXES:
            raise CorpusError(f"{path}: corpus file does not exist")
        raise CorpusError(f"{path}: corpus folder does not exist")
    kind = kind_of(path)
    if kind == "manifest":
        return manifest.load_documents(path)
    if kind == "folder":
        return load_text_folder(path)
    return load_table(path)
