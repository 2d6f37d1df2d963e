"""What a page read while it ran: the data package's files and the package's modules.

Recorded, not declared: ``BookData`` notes each table a page takes from it (``datapackage``), and
the modules are those of this package the kernel imported. After a page's last cell the build's
executor asks the kernel for ``report()`` and stores it, with each file's content hash, beside
the page's cache entry (``_build/cache/deps/``). On the next build a page is executed again only
if its code changed or a file it read changed; a page with no record is executed again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .paths import PACKAGE_DIR

# The data package's tables a page has taken from BookData, by name.
TABLES_READ: set[str] = set()
# Files a page wrote that the book needs (the chart data behind each figure's download link).
WRITTEN: set[str] = set()


# Other project files a page read (the release changelog the corrections page shows).
FILES_READ: set[str] = set()


def note_table(name: str) -> None:
    TABLES_READ.add(name)


def note_read(path: Path) -> None:
    FILES_READ.add(str(Path(path).resolve()))


def note_written(path: Path) -> None:
    WRITTEN.add(str(Path(path).resolve()))


def report() -> dict:
    """Everything this kernel read from the project: data files and modules, as absolute paths."""
    modules = sorted(
        str(Path(module.__file__).resolve())
        for name, module in list(sys.modules.items())
        if name.startswith("belarus_book") and getattr(module, "__file__", None)
    )
    data_dir = None
    for name, module in list(sys.modules.items()):
        if name == "belarus_book.data.datapackage":
            data_dir = Path(module.DATA_DIR)
    data = []
    if data_dir is not None and TABLES_READ:
        data = [str(data_dir / "datapackage.json")] + sorted(str(data_dir / f"{t}.csv") for t in TABLES_READ)
    # Files the modules read beside themselves (the schema of numbers.csv).
    extra = sorted(str(p) for p in PACKAGE_DIR.rglob("*.json"))
    return {"data": data + sorted(FILES_READ), "modules": modules + extra, "written": sorted(WRITTEN)}


MARKER = "belarus-book-dependencies:"


def print_report() -> None:
    """What the build's executor runs after a page's last cell: the report, on one marked line."""
    import json

    print(MARKER + json.dumps(report()))
