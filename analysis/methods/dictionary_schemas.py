"""JSON Schemas of the actor and frame dictionaries, and their validated load.

An actor dictionary (``data/actors/actors.yaml``, rules in its README) and a
frame dictionary (``data/frames/frames.yaml``) are files a user may write and
point a chapter at (``-p actors_path``, ``-p frames_path``).  They are read
with :func:`analysis.corpus.userfiles.load_yaml` (no tags, anchors or
aliases) and checked against the schemas below, so a file that is not a
dictionary (a manifest, a CSV, a dictionary with a misspelt field) gets one
message naming the file, the entry and the field, e.g.::

    data/x.yaml: actor #3 (Kabul), field actors[2].forms: expected a list, got 'Kabul'

What a schema cannot say (a side that is not one of ``sides``, a scheme
that is not one of ``schemes``) is checked by :func:`load_actor_spec` and
:func:`load_frame_spec` in the same words.
"""

from __future__ import annotations

from pathlib import Path

from analysis.corpus import userfiles
from analysis.errors import ProjectError

_TEXT = {"type": "string", "minLength": 1}
_TEXTS = {"type": "array", "items": _TEXT}

#: Schema of an actor dictionary (``data/actors/README.md``).
ACTORS = {
    "type": "object",
    "required": ["sides", "actors"],
    "properties": {
        "schema_version": {"type": "integer"},
        "sides": {"type": "array", "minItems": 1, "items": _TEXT},
        "actors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["actor", "forms"],
                "properties": {
                    "actor": _TEXT,
                    "side": {"type": ["string", "null"]},
                    "forms": {"type": "array", "minItems": 1, "items": _TEXT},
                    "exact": _TEXTS,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

#: Schema of a frame dictionary (``data/frames/README.md``).
FRAMES = {
    "type": "object",
    "required": ["schemes", "frames"],
    "properties": {
        "schema_version": {"type": "integer"},
        "schemes": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "properties": {"source": {"type": "string"}, "other": {"type": ["string", "null"]}},
                "additionalProperties": False,
            },
        },
        "frames": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "scheme", "label", "keywords"],
                "properties": {
                    "id": _TEXT,
                    "scheme": _TEXT,
                    "label": _TEXT,
                    "keywords": {"type": "array", "minItems": 1, "items": _TEXT},
                    "exclude": _TEXTS,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def _namer(list_key: str, what: str, id_key: str):
    def name(data, index: int) -> str:
        try:
            ident = data[list_key][index].get(id_key, "?")
        except (AttributeError, IndexError, KeyError, TypeError):
            ident = "?"
        return f"{what} #{index + 1} ({ident})"

    return name


actor_name = _namer("actors", "actor", "actor")
frame_name = _namer("frames", "frame", "id")


def _looks_like(data, path: Path, what: str, keys: tuple[str, str], readme: str) -> None:
    """Refuse, in one sentence, a file that has none of a dictionary's top-level keys."""
    article = "an" if what[0] in "aeiou" else "a"
    if isinstance(data, dict) and any(k in data for k in keys):
        return
    if isinstance(data, dict):
        has = "fields " + ", ".join(map(str, data)) if data else "no fields"
    elif isinstance(data, list):
        has = "a list"
    else:
        has = "plain text" if isinstance(data, str) else f"a {type(data).__name__}"
    raise ProjectError(
        f"{path}: is not {article} {what}, field (top level): expected a mapping with "
        f"{keys[0]!r} and {keys[1]!r} ({readme}), got {has}"
    )


def load_actor_spec(path: Path) -> dict:
    """The parsed, checked actor dictionary at ``path`` (raises ProjectError)."""
    data = userfiles.load_yaml(path, "actor dictionary", ProjectError)
    _looks_like(data, path, "actor dictionary", ("sides", "actors"), "see data/actors/README.md")
    userfiles.validate(data, ACTORS, path, actor_name, ProjectError)
    for i, entry in enumerate(data["actors"]):
        side = entry.get("side")
        if side is not None and side not in data["sides"]:
            raise ProjectError(
                f"{path}: {actor_name(data, i)}, field actors[{i}].side: unknown side {side!r}; "
                f"sides are {', '.join(data['sides'])}"
            )
    return data


def load_frame_spec(path: Path) -> dict:
    """The parsed, checked frame dictionary at ``path`` (raises ProjectError)."""
    data = userfiles.load_yaml(path, "frame dictionary", ProjectError)
    _looks_like(data, path, "frame dictionary", ("schemes", "frames"), "see data/frames/README.md")
    userfiles.validate(data, FRAMES, path, frame_name, ProjectError)
    for i, entry in enumerate(data["frames"]):
        if entry["scheme"] not in data["schemes"]:
            raise ProjectError(
                f"{path}: {frame_name(data, i)}, field frames[{i}].scheme: unknown scheme "
                f"{entry['scheme']!r}; schemes are {', '.join(data['schemes'])}"
            )
    return data
