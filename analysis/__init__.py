"""Analysis package of the Pakistan–Afghanistan stalemate report.

The layers, each importing only from the ones above it::

    paths, errors     where things are; the errors a user can act on
    corpus/           inputs -> tidy tables (manifest, sources, cleaning, text rules)
    methods/          DataFrames in, DataFrames out (words, keyness, sentiment,
                      actors, frames, voices, responsibility, timeline, trade)
    chapters/         one module per chapter notebook: check(params), facts, charts
    book/             the Chapter helper, parameters, build, pages, release
    scale/            the same stages batched over a large corpus (pandas or Dask)
    bench/            benchmarks (make bench)
    cli               every command: python -m analysis <command>
"""
