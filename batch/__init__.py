"""Batch conversion: many inputs, resumable, one bad file never stops the run.

``runner.py`` schedules page and document tasks (``tasks.py``: ``pipeline.py``'s stages and
the writers, run in a worker), ``executors.py`` runs them (in process, a local pool or
Dask), ``inputs.py`` finds the files, ``manifest.py`` remembers what is done,
``progress.py`` reports. The command line (``run_pipeline.py convert``) is the only caller.
"""
