"""Read and check the seed manifest (``seeds/manifest.yaml``).

The manifest is data, so it is loaded with ``yaml.safe_load``: a tag such as
``!!python/object`` is refused, never executed.  Every entry is checked
before any text is analysed: required fields, unique ids, the file present,
readable as UTF-8, not empty, not binary, under a size limit, and matching
its recorded sha256.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.corpus import schemas, userfiles
from analysis.errors import CorpusError

#: Fields every manifest entry must have (``"unknown"`` is an allowed value).
REQUIRED_FIELDS = schemas.REQUIRED_FIELDS

#: Largest seed file accepted, in bytes.  The five seeds are under 25 kB; a
#: 10 MB limit leaves room for long reports while refusing, with a clear
#: message, files that are almost certainly not a single article (and would
#: make the per-sentence tables of the book unreadable).
MAX_SEED_BYTES = 10 * 1024 * 1024

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class Document:
    """One manifest entry with its raw text (already checked)."""

    meta: dict
    path: Path
    raw: str
    cleaning: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta["id"]


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(manifest_path: Path | str | None = None) -> dict:
    """Parse the manifest safely and check its overall shape.

    Raises
    ------
    CorpusError
        If the file is missing, is not valid YAML, uses a non-standard tag,
        or lacks a ``documents`` list.
    """
    manifest_path = Path(manifest_path or paths.MANIFEST)
    if manifest_path.is_dir():
        manifest_path = manifest_path / "manifest.yaml"
    if not manifest_path.exists():
        raise CorpusError(
            f"{manifest_path}: manifest not found (expected a YAML file listing "
            "the documents; does the corpus folder exist?)"
        )
    data = userfiles.load_yaml(manifest_path, "manifest", CorpusError)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError(f"{manifest_path}: expected a mapping with a 'documents' list at the top level")
    userfiles.validate(data, schemas.MANIFEST, manifest_path, schemas.entry_name, CorpusError)
    for index, entry in enumerate(data["documents"]):
        problem = schemas.check_manifest_entry(entry)
        if problem:
            raise CorpusError(f"{manifest_path}: {schemas.entry_name(data, index)}, {problem}")
    return data


def _check_entry(entry, index: int, manifest_path: Path) -> None:
    where = f"{manifest_path}: document #{index + 1}"
    if not isinstance(entry, dict):
        raise CorpusError(f"{where}: expected a mapping of fields, got {type(entry).__name__}")
    missing = [name for name in REQUIRED_FIELDS if name not in entry]
    if missing:
        raise CorpusError(f"{where} ({entry.get('id', '?')}): missing field(s) {', '.join(missing)}")
    if not isinstance(entry["id"], str) or not ID_RE.match(entry["id"]):
        raise CorpusError(f"{where}: id {entry['id']!r} must be letters, digits, '_', '-' or '.'")


def read_text_checked(path: Path, expected_sha256: str | None = None, max_bytes: int = MAX_SEED_BYTES) -> str:
    """Read a seed file, refusing anything that is not a usable UTF-8 text.

    Parameters
    ----------
    path : Path
        The seed file.
    expected_sha256 : str, optional
        Checksum recorded in the manifest; a mismatch is an error.
    max_bytes : int
        Size limit (see :data:`MAX_SEED_BYTES`).
    """
    if not path.exists():
        raise CorpusError(f"{path}: listed in the manifest but the file does not exist")
    size = path.stat().st_size
    if size > max_bytes:
        raise CorpusError(
            f"{path}: {size:,} bytes is over the limit of {max_bytes:,} bytes for one "
            "seed text (split it into documents, or raise MAX_SEED_BYTES deliberately)"
        )
    data = path.read_bytes()
    if expected_sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if actual != str(expected_sha256).lower():
            raise CorpusError(
                f"{path}: sha256 is {actual}, but the manifest records {expected_sha256}; "
                "seeds must be byte-identical to the texts as received "
                "(if the change is intended, update the manifest's sha256)"
            )
    if b"\x00" in data:
        raise CorpusError(f"{path}: contains NUL bytes; this looks like a binary file, expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: not valid UTF-8 (byte {exc.start}: {exc.reason}); expected a UTF-8 text file"
        ) from None
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty; expected the text of a document")
    return text


def load_documents(corpus_dir: Path | str | None = None) -> list[Document]:
    """Load every document listed in the manifest of ``corpus_dir``.

    Files in the folder that the manifest does not list are reported with a
    warning and left out: they are not analysed, and a warning (rather than
    an error) lets a user stage a text before writing its manifest entry.
    """
    corpus_dir = Path(corpus_dir or paths.SEEDS)
    if not corpus_dir.exists():
        raise CorpusError(f"{corpus_dir}: corpus folder does not exist")
    manifest_path = corpus_dir / "manifest.yaml" if corpus_dir.is_dir() else corpus_dir
    corpus_dir = manifest_path.parent
    data = read_manifest(manifest_path)
    seen: dict[str, int] = {}
    documents = []
    for index, entry in enumerate(data["documents"]):
        _check_entry(entry, index, manifest_path)
        if entry["id"] in seen:
            raise CorpusError(
                f"{manifest_path}: duplicate document id {entry['id']!r} "
                f"(entries #{seen[entry['id']] + 1} and #{index + 1}); ids must be unique"
            )
        seen[entry["id"]] = index
        file_path = corpus_dir / str(entry["file"])
        if file_path.resolve().parent != corpus_dir.resolve():
            raise CorpusError(f"{manifest_path}: file {entry['file']!r} must be inside {corpus_dir}")
        raw = read_text_checked(file_path, entry["sha256"])
        meta = {k: v for k, v in entry.items() if k != "cleaning"}
        documents.append(Document(meta=meta, path=file_path, raw=raw, cleaning=entry.get("cleaning") or {}))
    listed = {str(e["file"]) for e in data["documents"]}
    for extra in sorted(corpus_dir.glob("*.txt")):
        if extra.name not in listed:
            warnings.warn(
                f"{extra}: not listed in {manifest_path.name}, so it is not analysed "
                "(add a manifest entry to include it)",
                stacklevel=2,
            )
    if not documents:
        raise CorpusError(f"{manifest_path}: the 'documents' list is empty")
    return documents
