"""Faults a reader's machine can throw at the build: a second build in the same folder, a build
folder that cannot be written, a chart missing from the execution cache, and an image deleted
from the published book. Each ends in a clear message (exit code 2) or is repaired by the next
build; none ends in a traceback or a damaged book.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from belarus_book.build import publishing

from .conftest import copy_project, run_build, tree_hash


def test_a_second_build_in_the_same_folder_stops_naming_the_first(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    published = tree_hash(root / "_build" / "html")
    with publishing.one_build_at_a_time(root):  # the first build, holding the folder
        second = run_build(root, "--no-pdf")
    assert second.returncode == 2, second.stdout + second.stderr
    assert f"another build (pid {os.getpid()}) is running in this folder" in second.stderr
    assert "Traceback" not in second.stderr
    assert tree_hash(root / "_build" / "html") == published
    # Once the first is done the folder builds again, its cache intact.
    after = run_build(root, "--no-pdf")
    assert after.returncode == 0, after.stdout[-3000:] + after.stderr[-3000:]
    assert "executed (parallel)" not in after.stdout


def _as_a_user_who_cannot_write(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run the build where ``_build`` cannot be written: as root, by running it as ``nobody`` (root
    writes through any mode); otherwise by making ``_build`` read-only."""
    command = [sys.executable, "-m", "belarus_book.build", *arguments]
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(root / "src"), "HOME": str(root), "LANG": "C.UTF-8"}
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot take away write access")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        for folder in [root / "_build", *(root / "_build").rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o555)
    try:
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    finally:
        for folder in [root / "_build", *(root / "_build").rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)


def test_a_build_folder_that_cannot_be_written(built_project):
    # Outside pytest's private temporary folder, so that another user can read the copy.
    parent = Path(tempfile.mkdtemp(prefix="readonly-build-", dir="/tmp"))
    try:
        parent.chmod(0o755)
        root = copy_project(parent / "book", with_build=built_project)
        for path in [root, *root.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        before = tree_hash(root)
        checked = _as_a_user_who_cannot_write(root, "--check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert tree_hash(root) == before, "checking the data wrote a file"
        # The HTML alone was never published here (the book was built with its PDF): the build must write.
        built = _as_a_user_who_cannot_write(root, "--no-pdf")
        assert built.returncode == 2, built.stdout[-2000:] + built.stderr[-2000:]
        assert "BUILD FAILED" in built.stderr and "Traceback" not in built.stderr + built.stdout
        assert "cannot" in built.stderr
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def _cached_notebooks_with_images(root: Path) -> list[Path]:
    found = []
    for path in sorted((root / "_build" / "cache" / "jupyter").rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        # A chart is glued: its image is stored as application/papermill.record/image/png.
        outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
        if any(key.endswith("image/png") for output in outputs for key in output.get("data", {})):
            found.append(path)
    return found


def test_a_chart_missing_from_the_cache_is_drawn_again(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    cached = _cached_notebooks_with_images(root)
    assert cached, "no cached page holds a chart: the test would prove nothing"
    notebook = nbformat.read(cached[0], as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for key in [key for key in output.get("data", {}) if key.endswith("image/png")]:
                del output["data"][key]
    nbformat.write(notebook, cached[0])
    result = run_build(root, "--no-pdf")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "its cached outputs are not those it produced" in result.stdout
    assert "executed (parallel)" in result.stdout
    for page in (root / "_build" / "html").rglob("*.html"):
        assert "<Figure size" not in page.read_text(encoding="utf-8"), page


def test_an_image_deleted_from_the_published_book_is_restored(built_project, tmp_path):
    root = copy_project(tmp_path / "book", with_build=built_project)
    images = sorted((root / "_build" / "html" / "_images").glob("*.png"))
    assert images
    published = images[0].read_bytes()
    images[0].unlink()
    result = run_build(root)  # the kind of build last published, so only the deleted image says "rebuild"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "is not what the last build published" in result.stdout
    assert images[0].read_bytes() == published
