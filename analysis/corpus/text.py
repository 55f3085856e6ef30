"""Tokenising and sentence splitting that need no downloaded NLTK data.

Words are found with one regular expression (:data:`TOKEN_PATTERN`), which
keeps hyphenated and apostrophised words whole ("Pak-Afghan", "Pakistan's")
and numbers with their separators ("1,140.17").  Sentences are split by
NLTK's Punkt algorithm with a project-owned abbreviation list
(``data/abbreviations.txt``) instead of the pre-trained English model, which
would need ``nltk.download``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import paths

#: A token is a run of letters/digits, optionally joined by internal hyphens,
#: apostrophes or (for numbers) by ``,`` and ``.`` between digits.
TOKEN_PATTERN = r"[^\W_]+(?:(?:[-'’]|(?<=\d)[.,](?=\d))[^\W_]+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)

#: Number words the texts write for small counts ("three years ago", "a five-year period").
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word tokens, keeping their case.

    Examples
    --------
    >>> tokenize("Pakistan's exports rose to $1,140.17 million (Pak-Afghan).")
    ["Pakistan's", 'exports', 'rose', 'to', '1,140.17', 'million', 'Pak-Afghan']
    """
    return TOKEN_RE.findall(text)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their start and end character offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def load_abbreviations(path=None) -> set[str]:
    """Read the abbreviation list (one per line, ``#`` comments allowed).

    Punkt expects abbreviations lower-case and without the final period.
    """
    path = path or paths.DATA / "abbreviations.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower().rstrip("."))
    return words


@lru_cache(maxsize=1)
def sentence_splitter() -> PunktSentenceTokenizer:
    """A Punkt tokenizer that knows the project's abbreviations."""
    params = PunktParameters()
    params.abbrev_types = load_abbreviations()
    return PunktSentenceTokenizer(params)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph.

    Examples
    --------
    >>> p = "Mr. Asim spoke on Feb. 10. The UN listened."
    >>> [p[s:e] for s, e in sentence_spans(p)]
    ['Mr. Asim spoke on Feb. 10.', 'The UN listened.']
    """
    return list(sentence_splitter().span_tokenize(paragraph))
