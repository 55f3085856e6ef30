"""The corpus as tidy pandas tables: documents, sentences, tokens.

:func:`load_corpus` is the one entry point the chapters use.  It reads the
manifest, checks every file (:mod:`analysis.corpus.manifest`), cleans each text
(:mod:`analysis.corpus.cleaning`) and splits the bodies into sentences and tokens
(:mod:`analysis.corpus.text`).

Adding a document takes its file in ``seeds/`` and one manifest entry; no
code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.corpus import cleaning, schemas, sources, text
from analysis.errors import CorpusError

#: Metadata columns copied from the manifest into the documents table: the
#: required fields (:mod:`analysis.corpus.schemas`) with the optional dates after the source.
META_COLUMNS = [
    "id",
    *schemas.SOURCE_FIELDS,
    "anchor_date",
    "year",
    *schemas.KIND_FIELDS,
    *schemas.FILE_FIELDS,
]


@dataclass
class Corpus:
    """Tables of one loaded corpus.

    Attributes
    ----------
    documents : DataFrame
        One row per document: metadata, ``body`` (clean text), ``chars_raw``,
        ``chars_kept``, ``chars_removed``, ``n_sentences``, ``n_tokens``.
    sentences : DataFrame
        ``doc_id, sent_index, paragraph, start, end, text``; ``start``/``end``
        are character offsets into the document's ``body``.
    tokens : DataFrame
        ``doc_id, sent_index, token_index, token, lower, start, end``.
    removed : DataFrame
        What cleaning cut: ``doc_id, kind, start, end, chars, excerpt``.
    references : DataFrame
        Reference-list entries: ``doc_id, ref_index, reference``.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    removed: pd.DataFrame
    references: pd.DataFrame

    def body(self, doc_id: str) -> str:
        """Clean body text of one document."""
        return self.documents.set_index("id").at[doc_id, "body"]


def excerpt(text_: str, width: int = 80) -> str:
    """``text_`` on one line (runs of white space made one space), cut to ``width`` characters.

    A cut text ends in "…", which counts towards ``width``.

    Examples
    --------
    >>> excerpt("Talks   resumed  in Doha.")
    'Talks resumed in Doha.'
    >>> excerpt("Talks resumed in Doha.", width=10)
    'Talks res…'
    """
    flat = " ".join(text_.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


#: The former private name of :func:`excerpt`, kept for code that still uses it.
_excerpt = excerpt


def split_body(doc_id: str, body: str, with_tokens: bool = True) -> tuple[list[dict], list[dict]]:
    """Sentence and token rows for one clean body (paragraphs split by blank lines).

    ``with_tokens=False`` skips the token rows (returns an empty list for
    them): the large-corpus pipeline (:mod:`analysis.scale.pipeline`) counts words
    without a row per token.
    """
    sentences, tokens = [], []
    offset, sent_index, token_index = 0, 0, 0
    for par_index, paragraph in enumerate(body.split("\n\n")):
        for s, e in text.sentence_spans(paragraph):
            sentence = paragraph[s:e]
            sentences.append(
                {
                    "doc_id": doc_id,
                    "sent_index": sent_index,
                    "paragraph": par_index,
                    "start": offset + s,
                    "end": offset + e,
                    "text": sentence,
                }
            )
            for tok, ts, te in text.token_spans(sentence) if with_tokens else ():
                tokens.append(
                    {
                        "doc_id": doc_id,
                        "sent_index": sent_index,
                        "token_index": token_index,
                        "token": tok,
                        "lower": tok.lower(),
                        "start": offset + s + ts,
                        "end": offset + s + te,
                    }
                )
                token_index += 1
            sent_index += 1
        offset += len(paragraph) + 2
    return sentences, tokens


def load_corpus(corpus_dir: Path | str | None = None, documents: list[str] | None = None) -> Corpus:
    """Load, check and clean the corpus described by a manifest.

    Parameters
    ----------
    corpus_dir : path, optional
        Folder holding ``manifest.yaml`` and the texts (default ``seeds/``);
        or a folder of ``.txt`` files, or a ``.csv``/``.parquet`` table with
        columns ``id`` and ``text`` (see :mod:`analysis.corpus.sources`).
    documents : list of str, optional
        Ids of the documents to keep (default: all).  An unknown id is an
        error that lists the valid ones.

    Examples
    --------
    Two texts written here (sentences and tokens counted by hand; a ``.txt``
    folder's documents come in file-name order):

    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "talks.txt").write_text("Talks resumed in Doha. No deal was announced.")
    >>> _ = (folder / "border.txt").write_text("The crossing stayed shut.")
    >>> load_corpus(folder).documents[["id", "n_sentences", "n_tokens"]].values.tolist()
    [['border', 1, 4], ['talks', 2, 8]]
    >>> load_corpus(folder, documents=["talks"]).documents["id"].tolist()
    ['talks']
    >>> shutil.rmtree(folder)
    """
    docs = sources.load_documents(corpus_dir or paths.SEEDS)
    if documents:
        known = [d.id for d in docs]
        unknown = [d for d in documents if d not in known]
        if unknown:
            raise CorpusError(
                f"unknown document id(s) {', '.join(map(repr, unknown))}; valid ids: {', '.join(known)}"
            )
        docs = [d for d in docs if d.id in documents]

    doc_rows, sent_rows, tok_rows, cut_rows, ref_rows = [], [], [], [], []
    for doc in docs:
        result = cleaning.clean(doc.raw, doc.cleaning, doc.id)
        sents, toks = split_body(doc.id, result.body)
        sent_rows += sents
        tok_rows += toks
        for cut in result.cuts:
            cut_rows.append(
                {
                    "doc_id": doc.id,
                    "kind": cut.kind,
                    "start": cut.start,
                    "end": cut.end,
                    "chars": cut.chars,
                    "excerpt": excerpt(cut.text),
                }
            )
        if result.markup_chars:
            cut_rows.append(
                {
                    "doc_id": doc.id,
                    "kind": "markup and whitespace",
                    "start": None,
                    "end": None,
                    "chars": result.markup_chars,
                    "excerpt": "tags such as <sup>, ** and *, escapes, spaces",
                }
            )
        for i, ref in enumerate(result.references):
            ref_rows.append({"doc_id": doc.id, "ref_index": i, "reference": ref})
        row = {col: doc.meta.get(col, "unknown") for col in META_COLUMNS}
        row["authors"] = "; ".join(row["authors"]) if isinstance(row["authors"], list) else row["authors"]
        kept = sum(len(p) for p in result.body.split("\n\n"))
        row.update(
            {
                "body": result.body,
                "chars_raw": len(doc.raw),
                "chars_kept": kept,
                "chars_removed": len(doc.raw) - kept,
                "n_sentences": len(sents),
                "n_tokens": len(toks),
            }
        )
        doc_rows.append(row)

    return Corpus(
        documents=pd.DataFrame(doc_rows),
        sentences=pd.DataFrame(
            sent_rows, columns=["doc_id", "sent_index", "paragraph", "start", "end", "text"]
        ),
        tokens=pd.DataFrame(
            tok_rows, columns=["doc_id", "sent_index", "token_index", "token", "lower", "start", "end"]
        ),
        removed=pd.DataFrame(cut_rows, columns=["doc_id", "kind", "start", "end", "chars", "excerpt"]),
        references=pd.DataFrame(ref_rows, columns=["doc_id", "ref_index", "reference"]),
    )
