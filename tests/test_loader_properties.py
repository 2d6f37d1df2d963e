"""Property-based: the loader, fed generated corrupt tables, either loads them or raises
the project's DataValidationError, never another exception and never a silent pass of bad data."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belarus_book.data import datapackage
from belarus_book.data.problems import DataValidationError

DATA = datapackage.DATA_DIR
TABLES = sorted(p.name for p in DATA.glob("*.csv"))

nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "NaN",
            "inf",
            "-1",
            "1e309",
            "2021-13",
            "0000-00",
            "=cmd|' /C calc'!A0",
            "<b>x</b>",
            "true",
            "TRUE",
            "yes",
            " 5.4",
            "5,4",
            "USD billion",
            "reported",
            "TF-01",
            "sceeus-2024",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
)


def _write_edited(table: str, row_index: int, column_index: int, value: str, target: Path) -> tuple[str, str]:
    rows = list(csv.reader(io.StringIO((DATA / table).read_text(encoding="utf-8"))))
    row = rows[1 + row_index % (len(rows) - 1)]
    column = column_index % len(row)
    original = row[column]
    row[column] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (target / table).write_text(buffer.getvalue(), encoding="utf-8")
    return rows[0][column], original


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=st.sampled_from(TABLES), row=st.integers(0, 1000), column=st.integers(0, 100), value=nasty_text)
def test_a_corrupted_cell_loads_or_raises_the_validation_error(table, row, column, value):
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(DATA, data_dir)
        field, original = _write_edited(table, row, column, value, data_dir)
        try:
            loaded = datapackage.load(data_dir)
        except DataValidationError as error:
            assert error.problems and all(p.file.startswith("data/") for p in error.problems)
            return
        # It loaded: then the edited value must be one the schema accepts, read back faithfully.
        frame = getattr(loaded, table.removesuffix(".csv"))
        assert len(frame) == len(list(csv.DictReader((data_dir / table).open(encoding="utf-8"))))
        if field in ("value", "stated_value", "tolerance") and value.strip():
            assert float(value) >= 0 or field == "stated_value"


@settings(max_examples=50, deadline=None)
@given(table=st.sampled_from(TABLES), junk=st.binary(min_size=1, max_size=40), where=st.integers(0, 10**6))
def test_arbitrary_bytes_load_or_raise_the_validation_error(table, junk, where):
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        shutil.copytree(DATA, data_dir)
        raw = (data_dir / table).read_bytes()
        cut = where % len(raw)
        (data_dir / table).write_bytes(raw[:cut] + junk + raw[cut:])
        try:
            datapackage.load(data_dir)
        except DataValidationError:
            pass
