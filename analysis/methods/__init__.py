"""Text and trade methods: DataFrames in, DataFrames out.

No display and no facts about particular texts live here: ``words``
(frequencies, n-grams, diversity), ``keyness`` (G², log ratio),
``sentiment`` (VADER, AFINN), ``actors`` (who is named), ``frames``
(Policy Frames Codebook dictionary), ``voices`` (who is quoted),
``responsibility`` (who is held responsible for what), ``timeline``
(dated expressions), ``events`` (dated sentences grouped into events),
``trade`` (figures, series, claims, scenario), ``duplicates`` (repeated
sentences), ``uncertainty`` (bootstrap and Wilson intervals, the one rule
for "higher") and ``language`` (is a text English?).
"""
