"""The right tree: a project folder copied together with its .venv builds the copy, not the original.

A copied .venv keeps an editable install of the package that points at the folder it was copied
from. The test reproduces that by giving a fresh copy the checkout's own .venv (a symlink), changes
the copy's prose, and builds the copy with make."""

from __future__ import annotations

import os
import subprocess

from .conftest import ROOT, copy_project

MARKER = "This sentence exists only in the copied folder."


def _copy_with_the_original_venv(tmp_path):
    venv = ROOT / ".venv"
    assert (venv / "bin" / "python").is_file(), "make test runs inside the checkout's .venv"
    copy = copy_project(tmp_path / "copy")
    (copy / ".venv").symlink_to(venv)
    return copy


def _env():
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def test_running_the_package_directly_in_a_copy_stops_with_what_to_run(tmp_path):
    copy = _copy_with_the_original_venv(tmp_path)
    result = subprocess.run(
        [str(copy / ".venv" / "bin" / "python"), "-m", "belarus_book.build", "--check"],
        cwd=copy,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "BUILD STOPPED" in result.stderr and "make book" in result.stderr and str(ROOT) in result.stderr


def test_make_in_a_copied_folder_builds_the_copy_and_leaves_the_original_alone(tmp_path):
    copy = _copy_with_the_original_venv(tmp_path)
    summary = copy / "chapters" / "summary.md"
    summary.write_text(summary.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    original = ROOT / "_build" / "html" / "chapters" / "summary.html"
    before = original.stat().st_mtime_ns if original.exists() else None
    # -o: never reinstall into the shared .venv (which would point it at the copy).
    result = subprocess.run(
        ["make", "-o", ".venv/.installed-stamp", "html"],
        cwd=copy,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert MARKER in (copy / "_build" / "html" / "chapters" / "summary.html").read_text(encoding="utf-8")
    after = original.stat().st_mtime_ns if original.exists() else None
    assert after == before
    assert not original.exists() or MARKER not in original.read_text(encoding="utf-8")
