"""Frames from who is named: a sentence about an armed group is a security sentence.

:func:`analysis.methods.frames.code_sentences` reads frames from keywords
and, with actor masking on, blanks actor names so that a name's words do
not count.  That also hides the one cue a reader takes from a name: a
sentence about the TTP, "terrorist groups" or ISKP is about *Security and
defense* (Policy Frames Codebook; ``data/validation/CODING_GUIDE.md``
section 2) whatever its verbs.  :func:`add_actor_frames` post-processes the
coded table: every sentence that names a side in :data:`SIDE_FRAMES` gets
that side's frame, and loses *Other* if it had it.

Found on the dev part of the validation sample (a third of the missed
Security codes were sentences naming a militant group and no security
word); measured on the test part by ``python -m analysis.methods.validation``.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"doc_id": ["d", "d"], "sent_index": [0, 1],
...                       "security_defense": [0, 0], "other": [1, 1]})
>>> mentions = pd.DataFrame({"doc_id": ["d"], "sent_index": [1], "side": ["militant"]})
>>> add_actor_frames(coded, mentions)[["security_defense", "other"]].values.tolist()
[[0, 1], [1, 0]]
"""

from __future__ import annotations

import pandas as pd

#: Side named in a sentence -> the policy frame it brings.
SIDE_FRAMES = {"militant": "security_defense"}
#: The policy frames' "no frame" code.
OTHER = "other"


def add_actor_frames(
    coded: pd.DataFrame, mentions: pd.DataFrame, side_frames: dict | None = None
) -> pd.DataFrame:
    """A copy of ``coded`` with the frames of :data:`SIDE_FRAMES` set where a side is named.

    ``mentions`` has ``doc_id, sent_index, side`` (e.g.
    :func:`analysis.methods.actors.match_sentences`, optionally with dated
    sides from :mod:`analysis.methods.sides_in_time`).
    """
    side_frames = SIDE_FRAMES if side_frames is None else side_frames
    out = coded.copy()
    keys = list(zip(out["doc_id"], out["sent_index"]))
    for side, frame in side_frames.items():
        named = set(zip(*[mentions.loc[mentions["side"] == side, c] for c in ("doc_id", "sent_index")]))
        hit = [k in named for k in keys]
        if frame in out.columns:
            out.loc[hit, frame] = 1
        if OTHER in out.columns:
            out.loc[hit, OTHER] = 0
    return out
