"""Time-aware sides (placeholder; filled in below)."""

DEFAULT_TIME_AWARE = False
