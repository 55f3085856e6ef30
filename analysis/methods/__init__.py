"""Text and trade methods: DataFrames in, DataFrames out.

No display and no facts about particular texts live here: ``words``
(frequencies, n-grams, diversity), ``keyness`` (G², log ratio),
``sentiment`` (VADER, AFINN), ``actors`` (who is named), ``frames``
(Policy Frames Codebook dictionary), ``voices`` (who is quoted),
``responsibility`` (who is held responsible for what), ``timeline``
(dated expressions) and ``trade`` (figures, series, claims, scenario);
``sides_in_time`` (the Taliban's side by date) and ``frames_in_context``
(frames from who is named) post-process ``actors`` and ``frames``;
``validation`` scores every method against the hand-coded sample.
"""
