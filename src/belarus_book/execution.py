"""Run notebooks in parallel into jupyter-cache's cache, which Jupyter Book then reads.

jupyter-cache's local-parallel executor, with three changes measured on this book (2 cores):
- each kernel is stopped at once after its last cell, when every output is in: a graceful
  stop cost each page 0.3 to 0.5 s of kernel CPU;
- one process more than there are cores: a kernel spends about a fifth of a second of each
  start waiting, not computing, and the extra process fills that time (the 14 pages took
  12.2 and 12.0 s instead of 12.9 and 13.8 s);
- notebooks are handed out one at a time (its pool hands them out in pairs, so a core can sit
  idle at the end).
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData
from jupyter_cache.executors.utils import ExecutionResult, single_nb_execution

SUCCEEDED, EXCEPTED, ERRORED = 0, 1, 2  # jupyter-cache's outcome codes: ran, a cell raised, the worker failed


class _Worker(ExecutionWorkerLocalMProc):
    """Executes one notebook in its own folder, in a fresh kernel, and caches it (runs in a pool process)."""

    @staticmethod
    def execute(project_nb, data: ProcessData) -> ExecutionResult:
        return single_nb_execution(
            project_nb.nb,
            cwd=str(Path(project_nb.uri).parent),
            timeout=data.timeout,
            allow_errors=data.allow_errors,
            shutdown_kernel="immediate",
        )


def run(cache, records, timeout: int = 300) -> dict[int, list[str]]:
    """Execute and cache ``records`` on all cores; the notebooks' paths, by outcome code."""
    outcomes: dict[int, list[str]] = {SUCCEEDED: [], EXCEPTED: [], ERRORED: []}
    jobs = [ProcessData(record.pk, record.uri, cache, timeout, False) for record in records]
    if not jobs:
        return outcomes
    with multiprocessing.Pool(processes=min(len(jobs), (os.cpu_count() or 1) + 1)) as pool:
        for code, uri in pool.imap_unordered(_Worker(), jobs, chunksize=1):
            outcomes[code].append(uri)
    return outcomes
