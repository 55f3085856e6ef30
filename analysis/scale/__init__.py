"""The per-document stages as one batched pass, on pandas or Dask (``pipeline``)."""
