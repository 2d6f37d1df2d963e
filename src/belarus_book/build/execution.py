"""Run notebooks in parallel into jupyter-cache's cache, which Jupyter Book then reads, and
record what each page read, so that the next build re-executes only the pages whose inputs changed.

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

import hashlib
import json
import multiprocessing
import os
from pathlib import Path

import nbformat
from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData
from jupyter_cache.executors.utils import ExecutionResult, single_nb_execution

from ..data import dependencies

SUCCEEDED, EXCEPTED, ERRORED = 0, 1, 2  # jupyter-cache's outcome codes: ran, a cell raised, the worker failed


class _Worker(ExecutionWorkerLocalMProc):
    """Executes one notebook in its own folder, in a fresh kernel, and caches it (runs in a pool process).
    After the page's last cell the kernel reports what it read (``dependencies``); that cell is
    removed again before the notebook is cached, so the cache still matches the page's code."""

    @staticmethod
    def execute(project_nb, data: ProcessData) -> ExecutionResult:
        nb = project_nb.nb
        nb.cells.append(nbformat.v4.new_code_cell(REPORT_CELL))
        try:
            result = single_nb_execution(
                nb,
                cwd=str(Path(project_nb.uri).parent),
                timeout=data.timeout,
                allow_errors=data.allow_errors,
                shutdown_kernel="immediate",
            )
        finally:
            report_cell = nb.cells.pop()
        root = Path(data.cache.path).parents[2]  # <root>/_build/cache/jupyter
        read = None if result.err else _parse_report(report_cell)
        record_dependencies(root, Path(project_nb.uri), read, output_signature(nb))
        return result


REPORT_CELL = "__import__('belarus_book.data.dependencies').data.dependencies.print_report()"


def _parse_report(cell) -> dict | None:
    for output in cell.get("outputs", []):
        for line in str(output.get("text", "")).splitlines():
            if line.startswith(dependencies.MARKER):
                return json.loads(line[len(dependencies.MARKER) :])
    return None


# What every page depends on besides what it reads: the pinned environment.
ALWAYS = ["requirements.txt"]


def _deps_file(root: Path, page: Path) -> Path:
    return (
        root / "_build" / "cache" / "deps" / (str(page.relative_to(root).with_suffix("")).replace("/", "__") + ".json")
    )


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def output_signature(nb) -> str:
    """A hash of what a notebook's cells put out: each output's kind and the formats it holds
    (a chart as image/png and text/plain). A cached page whose outputs no longer have this
    signature (an image removed from the cache) is executed again instead of published without them."""
    shape = [
        [[output.get("output_type"), sorted(output.get("data", {}))] for output in cell.get("outputs", [])]
        for cell in nb.cells
        if cell.get("cell_type") == "code"
    ]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()


def record_dependencies(root: Path, page: Path, read: dict | None, outputs: str | None = None) -> None:
    """Store what a page read, each file with its content hash (paths relative to the project), and
    the signature of its outputs."""
    target = _deps_file(root, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    if read is None:  # unknown: the page will be executed again
        target.unlink(missing_ok=True)
        return
    root = root.resolve()
    files = [*ALWAYS, *(_relative(root, p) for p in read["data"] + read["modules"])]
    written = [_relative(root, p) for p in read["written"]]
    record = {
        "files": {name: _sha256(root / name) for name in sorted(set(files))},
        "written": written,
        "outputs": outputs,
    }
    target.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _relative(root: Path, path: str) -> str:
    """A path inside the project relative to it (copies of the project stay valid), else absolute."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)


def read_dependencies(root: Path, page: Path) -> dict | None:
    path = _deps_file(root, page)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def stale_reason(root: Path, page: Path, cached_nb=None) -> str | None:
    """Why a page's cached result may not be used (None if every file it read is unchanged and,
    given ``cached_nb``, its cached outputs are those its execution produced)."""
    record = read_dependencies(root, page)
    if record is None:
        return "what it reads is not known"
    if cached_nb is not None and record.get("outputs") != output_signature(cached_nb):
        return "its cached outputs are not those it produced"
    for name, digest in record["files"].items():
        if _sha256(root / name) != digest:
            return f"{name} changed"
    for name in record["written"]:
        if not (root / name).is_file():
            return f"{name} is missing"
    return None


def _start_worker(lock, kernel_log: str | None) -> None:
    """Pool initializer: cache writes serialised, and the kernels' stderr sent to ``kernel_log``.
    A kernel writes to the stderr it inherits: its log lines and, when a port another kernel
    started at the same moment took first, the traceback of its heartbeat thread, which does
    no harm (nbclient does not use the heartbeat) but would read as a failure in the build's log.
    A cell's error reaches the build through the notebook, not through stderr."""
    _serialise_caching(lock)
    if kernel_log:
        log = os.open(kernel_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 2)
        os.close(log)


def _serialise_caching(lock) -> None:
    """Pool initializer: writes to the cache one worker at a time. jupyter-cache's
    ``cache_notebook_bundle`` ends by truncating the cache with two queries that are not atomic (the
    records to keep, then every record not among them), so a record another worker adds between
    the two is deleted, and that worker fails with "Notebook file does not exist for cache record"."""
    from jupyter_cache.cache.main import JupyterCacheBase

    original = JupyterCacheBase.cache_notebook_bundle  # each worker is forked from an unpatched parent

    def serialised(self, *args, **kwargs):
        with lock:
            return original(self, *args, **kwargs)

    JupyterCacheBase.cache_notebook_bundle = serialised


def run(
    cache, records, timeout: int = 300, kernel_log: Path | None = None, processes: int | None = None
) -> dict[int, list[str]]:
    """Execute and cache ``records`` on all cores; the notebooks' paths, by outcome code. The
    kernels' own stderr goes to ``kernel_log`` (when given), not to the build's log."""
    outcomes: dict[int, list[str]] = {SUCCEEDED: [], EXCEPTED: [], ERRORED: []}
    jobs = [ProcessData(record.pk, record.uri, cache, timeout, False) for record in records]
    if not jobs:
        return outcomes
    processes = processes or min(len(jobs), (os.cpu_count() or 1) + 1)
    initargs = (multiprocessing.Lock(), str(kernel_log) if kernel_log else None)
    with multiprocessing.Pool(processes, initializer=_start_worker, initargs=initargs) as pool:
        for code, uri in pool.imap_unordered(_Worker(), jobs, chunksize=1):
            outcomes[code].append(uri)
    return outcomes
