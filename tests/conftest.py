"""Shared fixtures: temporary copies of the project, and one strict build of the book."""

from __future__ import annotations

import csv
import functools
import hashlib
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from belarus_book.build import book as build

ROOT = Path(__file__).resolve().parents[1]
IGNORED = build.COPY_IGNORE


def copy_project(target: Path, with_build: Path | None = None) -> Path:
    """A copy of this checkout, or with_build: a copy of an already built project, generated files
    (execution cache, chart data, notebooks) included, as a reader's warm rebuild would find it."""
    if with_build is not None:
        shutil.copytree(with_build, target, symlinks=True)
    else:
        shutil.copytree(ROOT, target, ignore=IGNORED)
    return target


def tree_hash(folder: Path) -> str:
    """One hash of every file under folder, names included: equal hashes, byte-identical trees."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_build(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run the project's own build on a copy, importing the copy's package."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [sys.executable, "-m", "belarus_book.build", *arguments],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A fresh copy of the project, built once from clean, strictly."""
    root = copy_project(tmp_path_factory.mktemp("built") / "book")
    result = run_build(root)
    assert result.returncode == 0, f"build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    # What a reader running `make book` would have seen, for the tests of a quiet log.
    (root / "_build" / "build-output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return root


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "book")


def edit_cell_in(data_dir: Path, file: str, record: str, column: str, value: str) -> None:
    """Set one cell of a CSV in data_dir; the row is found by its first column (its identifier)."""
    path = data_dir / file
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    fieldnames = list(rows[0])
    matched = [row for row in rows if row[fieldnames[0]] == record]
    assert len(matched) == 1 and column in fieldnames, f"no row {record!r} / column {column!r} in {file}"
    matched[0][column] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def edit_cell():
    return edit_cell_in


def edit_quoted_figure(data_dir: Path, resource: str, record: str, old: str, new: str) -> None:
    """Change a figure in the source's words behind one row (data/evidence.csv), as a corrected
    source would, so that a changed value still passes the evidence check."""
    path = data_dir / "evidence.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    prefix = f"{resource},{record},"
    assert any(line.startswith(prefix) and old in line for line in lines), (resource, record, old)
    path.write_text(
        "".join(line.replace(old, new) if line.startswith(prefix) else line for line in lines), encoding="utf-8"
    )


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium (Playwright's sync API runs one instance per process), for every
    test that opens the book in a browser."""
    from playwright import sync_api as playwright_api

    from .test_browser import ARGS, CHROMIUM

    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(built_project):
    """The built book served on 127.0.0.1, for the browser tests: (its address, its folder)."""
    html = built_project / "_build" / "html"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", html
    server.shutdown()


def watch_for_problems(page) -> list[str]:
    """What a browser page reports that a reader should never meet, as it happens: console errors,
    uncaught exceptions and requests to any host but the local server."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "request", lambda r: problems.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None
    )
    return problems
