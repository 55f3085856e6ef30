"""Seeds and other inputs turned into tidy tables.

``manifest`` reads ``seeds/manifest.yaml``; ``sources`` reads any corpus
input (a folder with a manifest, a folder of ``.txt``, a CSV or Parquet
table); ``cleaning`` applies the per-document rules; ``text`` holds the
token and sentence rules; ``load`` puts them together in
:func:`load_corpus`.
"""

from analysis.corpus.load import Corpus, load_corpus

__all__ = ["Corpus", "load_corpus"]
