"""What a problem in ``data/`` is, and the one way the data layer reads a CSV as text.

Kept apart from ``datapackage`` (which loads) and ``validation`` (which judges), so that both, and
the evidence check, can name a problem without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# How many problems to list before summarising: enough to fix a file in one pass.
MAX_LISTED_PROBLEMS = 20


def quoted(value) -> str:
    """A cell's value in a message: between single quotes, with line breaks and tabs made visible."""
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{text}'"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:  # a JSON file has lines, a table rows
            where += f", {'line' if self.file.endswith('.json') else 'row'} {self.row}"
        if self.column:  # a descriptor's problem is at a key, a table's in a column
            where += f", {'key' if self.file.endswith('.json') else 'column'} '{self.column}'"
        if self.value is not None:
            where += f", value {quoted(self.value)}"
        return f"{where}: breaks rule '{self.rule}' ({self.detail})"


class DataValidationError(ValueError):
    """Raised when a file in ``data/`` breaks the data package's rules."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        listed = "\n".join(f"  - {p}" for p in problems[:MAX_LISTED_PROBLEMS])
        more = len(problems) - MAX_LISTED_PROBLEMS
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(
            f"The data package is invalid: {len(problems)} problem(s).\n{listed}{tail}\n"
            "Fix the file(s) named above (rows are counted as in a spreadsheet, the header being "
            "row 1), or change the rule in data/datapackage.json if the rule itself is wrong. "
            "Nothing was built."
        )


def read_text_table(data_dir: Path, path: str) -> pd.DataFrame:
    """One CSV of the data package as text, every cell a string (an empty cell an empty string)."""
    return pd.read_csv(Path(data_dir) / path, dtype=str, keep_default_na=False, encoding="utf-8")
