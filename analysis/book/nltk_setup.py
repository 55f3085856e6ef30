"""Install the NLTK data the project needs, offline, into the environment.

``nltk.download`` cannot reach its server here, and NLTK 3.10 refuses to
load files outside its data path.  NLTK searches ``<sys.prefix>/nltk_data``,
so this module writes there:

* ``sentiment/vader_lexicon.zip`` with ``vader_lexicon/vader_lexicon.txt``,
  the lexicon shipped inside the ``vaderSentiment`` wheel (Hutto & Gilbert
  2014; the same file NLTK's own download provides).

Run by ``make`` after the packages are installed; safe to run again.
"""

from __future__ import annotations

import sys
import zipfile
from importlib import resources
from pathlib import Path

#: A fixed timestamp for the zip entry, so the file is byte-identical on every machine.
ZIP_DATE = (2014, 6, 1, 0, 0, 0)


def nltk_data_dir() -> Path:
    """The data folder inside the active environment (on ``nltk.data.path``)."""
    return Path(sys.prefix) / "nltk_data"


def install_vader_lexicon(target_root: Path | None = None) -> Path:
    """Write ``sentiment/vader_lexicon.zip`` from the vaderSentiment wheel."""
    target_root = target_root or nltk_data_dir()
    lexicon = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()
    target = target_root / "sentiment" / "vader_lexicon.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, lexicon)
    tmp.replace(target)
    return target


def main() -> None:
    path = install_vader_lexicon()
    import nltk

    nltk.data.find("sentiment/vader_lexicon.zip")  # fails loudly if NLTK cannot see it
    print(f"NLTK data: {path}")


if __name__ == "__main__":
    main()
