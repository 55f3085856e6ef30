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


#: Longest "sentence" kept whole, in tokens (:data:`TOKEN_PATTERN` matches).
#: Punkt sentences longer than this (a text with no full stops, a 5 MB line)
#: are cut into pieces of at most this many tokens, so the work per sentence
#: (actor and frame coding, VADER) stays bounded and the work per text grows
#: linearly with its length.  Prose sentences are far shorter (40 tokens is
#: already a long one), so the bound never touches ordinary text.
MAX_SENTENCE_TOKENS = 400

#: How far back (in tokens) from the bound a cut looks for punctuation
#: (``,`` ``;`` ``:`` a dash, a bracket...) between two words before falling
#: back to the space just before the bound.
CUT_LOOKBACK = 100


def bound_span(paragraph: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """Cut the span ``paragraph[start:end]`` into spans of at most ``limit`` tokens.

    ``limit`` defaults to :data:`MAX_SENTENCE_TOKENS` (read at each call).

    Each cut falls after the punctuation nearest to the bound among the last
    :data:`CUT_LOOKBACK` gaps between tokens, else at the space before the
    bound; spaces at a cut are left out of both pieces.

    Examples
    --------
    >>> p = "one two, three four five six"
    >>> [p[s:e] for s, e in bound_span(p, 0, len(p), limit=4)]
    ['one two,', 'three four five six']
    >>> [p[s:e] for s, e in bound_span(p, 0, len(p), limit=1)]
    ['one', 'two,', 'three', 'four', 'five', 'six']
    >>> bound_span(p, 0, len(p))
    [(0, 28)]
    """
    limit = MAX_SENTENCE_TOKENS if limit is None else limit
    spans = [m.span() for m in TOKEN_RE.finditer(paragraph, start, end)]
    if len(spans) <= limit:
        return [(start, end)]
    out, first, piece_start = [], 0, start
    while len(spans) - first > limit:
        cut = first + limit  # index of the first token of the next piece
        for j in range(first + limit, max(first, first + limit - CUT_LOOKBACK), -1):
            if paragraph[spans[j - 1][1] : spans[j][0]].strip():
                cut = j
                break
        piece_end = kept_end = spans[cut][0]
        while kept_end > piece_start and paragraph[kept_end - 1].isspace():
            kept_end -= 1
        out.append((piece_start, kept_end))
        piece_start, first = piece_end, cut
    out.append((piece_start, end))
    return out


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph.

    A Punkt sentence longer than :data:`MAX_SENTENCE_TOKENS` tokens is cut
    into pieces of at most that many tokens by :func:`bound_span`.

    Examples
    --------
    >>> p = "Mr. Asim spoke on Feb. 10. The UN listened."
    >>> [p[s:e] for s, e in sentence_spans(p)]
    ['Mr. Asim spoke on Feb. 10.', 'The UN listened.']
    """
    return [
        piece
        for s, e in sentence_splitter().span_tokenize(paragraph)
        for piece in bound_span(paragraph, s, e)
    ]
