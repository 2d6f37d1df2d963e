"""The benchmark's timed edits still apply to the project (it times no wall clock here)."""

from __future__ import annotations

import shutil

import pytest

from belarus_book import bench
from belarus_book.paths import PROJECT_ROOT


@pytest.mark.parametrize("edit", [bench.CODE_EDIT, bench.DATA_EDIT], ids=["code", "data"])
def test_each_timed_edit_changes_its_file(tmp_path, edit):
    file, old, new = edit
    (tmp_path / file).parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / file, tmp_path / file)
    before = (tmp_path / file).read_text(encoding="utf-8")
    bench._edit(tmp_path, *edit)
    assert (tmp_path / file).read_text(encoding="utf-8") == before.replace(old, new, 1) != before


def test_an_edit_that_no_longer_applies_stops_the_benchmark(tmp_path):
    file, _, new = bench.DATA_EDIT
    (tmp_path / file).parent.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / file, tmp_path / file)
    with pytest.raises(RuntimeError, match="no longer applies"):
        bench._edit(tmp_path, file, "a passage that is not there", new)
