"""Text and trade methods: DataFrames in, DataFrames out.

No display and no facts about particular texts live here: ``words``
(frequencies, n-grams, diversity), ``keyness`` (G², log ratio),
``sentiment`` (VADER, AFINN), ``actors`` (who is named), ``frames``
(Policy Frames Codebook dictionary), ``voices`` (who is quoted),
``responsibility`` (who is held responsible for what), ``timeline``
(dated expressions), ``events`` (dated expressions grouped into events),
``trade`` (figures, series, claims, scenario), ``duplicates`` (repeated
sentences), ``uncertainty`` (bootstrap and Wilson intervals, the one rule
for "higher") and ``language`` (is a text English?).  ``sides_in_time``
(the Taliban's side by date), ``frames_in_context`` and
``speakers_in_context`` post-process ``actors``, ``frames`` and ``voices``;
``validation`` scores every method against the hand-coded sample.
"""
