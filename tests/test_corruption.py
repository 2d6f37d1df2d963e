"""A table of bad inputs, as a clumsy editor or a careful attacker would make them, over every data
file and the descriptor: each stops the build with exit code 2 and a message naming the file,
the row or key, and the rule, with no traceback, and the published book stays byte-identical.

The build runs in-process (``book.run``, what ``python -m belarus_book.build`` calls) on one built
copy of the project; each case edits the copy's data, and the data are restored after it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from belarus_book.build import book

from .conftest import ROOT, copy_project, tree_hash

DATA = ROOT / "data"
TABLES = sorted(path.name for path in DATA.glob("*.csv"))
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESULTS = ROOT / "test-artifacts" / "corruption.json"


# --- edits ------------------------------------------------------------------------------


def _rows(data: Path, file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((data / file).read_text(encoding="utf-8"))))


def _write_rows(data: Path, file: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (data / file).write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(file: str, column: str, value: str, row: int = 1, where: Callable[[dict], bool] | None = None):
    """An edit setting one cell: of data row ``row`` (1 is the first under the header), or of the
    first row for which ``where`` holds."""

    def edit(data: Path) -> int:
        rows = _rows(data, file)
        header = rows[0]
        index = row
        if where is not None:
            index = next(i for i, cells in enumerate(rows[1:], start=1) if where(dict(zip(header, cells, strict=True))))
        rows[index][header.index(column)] = value
        _write_rows(data, file, rows)
        return index + 1  # the row as a spreadsheet counts it

    return edit


def raw_edit(file: str, change: Callable[[bytes], bytes]):
    def edit(data: Path) -> None:
        (data / file).write_bytes(change((data / file).read_bytes()))

    return edit


def descriptor_edit(change: Callable[[dict], object]):
    def edit(data: Path) -> None:
        descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
        changed = change(descriptor)
        (data / "datapackage.json").write_text(
            json.dumps(descriptor if changed is None else changed, indent=2), encoding="utf-8"
        )

    return edit


def _field(name: str, field: str):
    def pick(descriptor: dict) -> dict:
        resource = next(r for r in descriptor["resources"] if r["name"] == name)
        return next(f for f in resource["schema"]["fields"] if f["name"] == field)

    return pick


def _assign(pick, key, value):
    def change(descriptor):
        pick(descriptor)[key] = value

    return change


def _duplicate_first_row(file: str):
    def edit(data: Path) -> None:
        rows = _rows(data, file)
        rows.insert(2, list(rows[1]))
        _write_rows(data, file, rows)

    return edit


def _middle_byte(raw: bytes) -> bytes:
    second_line = raw.index(b"\n") + 1
    return raw[:second_line] + raw[second_line:].replace(b",", b",\xe9", 1)


def _rename_last_label(raw: bytes) -> bytes:
    header, rest = raw.split(b"\n", 1)
    return header + b"_renamed\n" + rest


def _extra_cell(raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    lines[1] += b",an extra cell"
    return b"\n".join(lines)


def _truncated(raw: bytes) -> bytes:
    """Cut inside the last row's first cell, as an interrupted save would."""
    last = raw.rstrip(b"\n").rindex(b"\n") + 1
    return raw[: last + 3]


# --- the table --------------------------------------------------------------------------

# A file and where in it: a row or line, a claim, a column or key; or a whole file that is missing.
LOCATED = re.compile(
    r"data/[\w.]+\.(csv|json)(, (row|line) \d+|, claim [\w-]+|, (key|column) '[^']+'"
    r"|: breaks rule 'file-exists' \(declared in data/datapackage\.json, key )"
)

# (case, edit, file the message must name, rule it must name: a substring of "breaks rule '...'")
CASES: list[tuple[str, Callable[[Path], object], str, str]] = []

for table in TABLES:
    CASES += [
        (f"{table}: first row's identifier blank", set_cell(table, _rows(DATA, table)[0][0], ""), table, ""),
        (f"{table}: a row twice", _duplicate_first_row(table), table, ""),
        (f"{table}: a byte that is not UTF-8", raw_edit(table, _middle_byte), table, "encoding-utf-8"),
        (f"{table}: a column renamed", raw_edit(table, _rename_last_label), table, ""),
        (f"{table}: a row with a cell too many", raw_edit(table, _extra_cell), table, "extra-cell"),
        (f"{table}: the last row cut short", raw_edit(table, _truncated), table, ""),
    ]

_headline = set_cell("trade_flows.csv", "headline", "TRUE", where=lambda r: r["headline"] == "true")
_quoted_trade = lambda r: r["resource"] == "trade_flows" and r["quote"] != ""  # noqa: E731
CASES += [
    ("a number spelt in words", set_cell("trade_flows.csv", "value", "six"), "trade_flows.csv", "type-error"),
    ("a number that is NaN", set_cell("trade_flows.csv", "value", "NaN"), "trade_flows.csv", ""),
    ("an infinite number", set_cell("trade_flows.csv", "value", "inf"), "trade_flows.csv", ""),
    ("a negative count", set_cell("troop_estimates.csv", "low", "-5"), "troop_estimates.csv", ""),
    ("a boolean spelt TRUE", _headline, "trade_flows.csv", ""),
    ("a boolean spelt 1", set_cell("trade_flows.csv", "headline", "1"), "trade_flows.csv", ""),
    ("an impossible date in a text date", set_cell("events.csv", "date", "2022-02-30"), "events.csv", ""),
    ("an impossible date in a date field", set_cell("evidence.csv", "checked", "2026-02-30"), "evidence.csv", ""),
    ("a title of one space", set_cell("sources.csv", "title", " "), "sources.csv", "not-blank"),
    ("an identifier with Arabic-Indic digits", set_cell("trade_flows.csv", "record_id", "TF-٠١"), "trade_flows.csv", ""),
    ("a cell of ten thousand characters", set_cell("evidence.csv", "quote", "x" * 10_000), "evidence.csv", ""),
    ("a quote that starts with =", set_cell("evidence.csv", "quote", "=HYPERLINK(1)"), "evidence.csv", "no-formula"),
    ("a quote that starts with @", set_cell("evidence.csv", "quote", "@SUM(1)"), "evidence.csv", "no-formula"),
    ("a note that starts with +", set_cell("sources.csv", "title", "+1 title"), "sources.csv", ""),
    ("a source no row of sources.csv names", set_cell("trade_flows.csv", "source_id", "nobody"), "trade_flows.csv", ""),
    ("a value outside its enum", set_cell("trade_flows.csv", "basis", "rumour"), "trade_flows.csv", ""),
    ("a period that ends before it starts", set_cell("trade_flows.csv", "period_end", "2000-01"), "trade_flows.csv", ""),
    ("a range upside down", set_cell("troop_estimates.csv", "low", "999999"), "troop_estimates.csv", ""),
    ("a number with a digit separator", set_cell("trade_flows.csv", "value", "1_000"), "trade_flows.csv", "plain-spelling"),
    ("a number with a space before it", set_cell("troop_estimates.csv", "low", " 5"), "troop_estimates.csv", "plain-spelling"),
    ("a month without its leading zero", set_cell("trade_flows.csv", "period_start", "2021-1"), "trade_flows.csv", "plain-spelling"),
    ("a month in year 0", set_cell("trade_flows.csv", "period_start", "0000-01"), "trade_flows.csv", "plain-spelling"),
    ("a date without its leading zeros", set_cell("evidence.csv", "checked", "2026-6-1"), "evidence.csv", "plain-spelling"),
    ("a carriage return inside a cell", set_cell("sources.csv", "title", "a\rtitle"), "sources.csv", "line-endings"),
    ("Windows line endings", raw_edit("places.csv", lambda raw: raw.replace(b"\n", b"\r\n")), "places.csv", "line-endings"),
    ("a control character in a title", set_cell("sources.csv", "title", "a\x07title"), "sources.csv", "no-control-character"),
    (
        "a quoted row that claims to be derived",
        set_cell("evidence.csv", "derived_from", "TF-01", where=_quoted_trade),
        "evidence.csv",
        "evidence-quoted-or-derived",
    ),
    ("a value its quote does not give", set_cell("trade_flows.csv", "value", "2.9"), "", ""),
    ("a ledger function that does not exist", set_cell("claims.csv", "function", "no_such_function", row=2), "claims.csv", "known-function"),
    ("a unit the recomputation cannot give", set_cell("claims.csv", "unit", "troops", row=3), "claims.csv", "convertible-unit"),
    ("a claim status the data contradict", set_cell("claims.csv", "status", "reproduced", where=lambda r: r["status"] == "discrepancy"), "claims.csv", "claim-status"),
    ("a finding of an unknown claim", set_cell("findings.csv", "claim_id", "SC-XXX-99"), "findings.csv", ""),
    ("a table emptied to nothing", raw_edit("events.csv", lambda raw: b""), "events.csv", ""),
    ("a file deleted", lambda data: (data / "places.csv").unlink(), "places.csv", "file-exists"),
    ("a header only", raw_edit("sources.csv", lambda raw: raw.split(b"\n", 1)[0] + b"\n"), "", ""),
    # the descriptor
    ("descriptor: broken JSON", raw_edit("datapackage.json", lambda raw: raw.replace(b"{", b"{,", 1)), "datapackage.json", "descriptor-json"),
    ("descriptor: truncated", raw_edit("datapackage.json", lambda raw: raw[: len(raw) // 2]), "datapackage.json", "descriptor-json"),
    ("descriptor: empty", raw_edit("datapackage.json", lambda raw: b""), "datapackage.json", "descriptor-json"),
    ("descriptor: a byte order mark", raw_edit("datapackage.json", lambda raw: b"\xef\xbb\xbf" + raw), "datapackage.json", "descriptor-json"),
    ("descriptor: a list", raw_edit("datapackage.json", lambda raw: b"[]"), "datapackage.json", "descriptor-shape"),
    ("descriptor: no resources", descriptor_edit(lambda d: {**d, "resources": []}), "datapackage.json", "descriptor-shape"),
    ("descriptor: a resource without a path", descriptor_edit(lambda d: d["resources"][3].pop("path")), "datapackage.json", "descriptor-shape"),
    ("descriptor: a path outside data/", descriptor_edit(_assign(lambda d: d["resources"][3], "path", "../README.md")), "datapackage.json", "descriptor-shape"),
    ("descriptor: a path to no file", descriptor_edit(_assign(lambda d: d["resources"][3], "path", "gone.csv")), "gone.csv", "file-exists"),
    ("descriptor: an unknown field type", descriptor_edit(_assign(_field("trade_flows", "value"), "type", "decimal")), "datapackage.json", "field-type"),
    ("descriptor: a field type that is not a string", descriptor_edit(_assign(_field("trade_flows", "value"), "type", 5)), "datapackage.json", "field-type"),
    ("descriptor: an invalid pattern", descriptor_edit(_assign(_field("trade_flows", "record_id"), "constraints", {"pattern": "^(TF-"})), "datapackage.json", "field-pattern"),
    ("descriptor: fields not a list", descriptor_edit(_assign(lambda d: d["resources"][2]["schema"], "fields", {"a": 1})), "datapackage.json", "descriptor-shape"),
    ("descriptor: a field without a name", descriptor_edit(lambda d: _field("trade_flows", "value")(d).pop("name")), "datapackage.json", ""),
    ("descriptor: a rule tightened that a row breaks", descriptor_edit(_assign(_field("trade_flows", "value"), "constraints", {"maximum": 1})), "trade_flows.csv", ""),
]  # fmt: skip


@pytest.fixture(scope="module")
def corrupted_project(built_project, tmp_path_factory):
    """A copy of the built book and its published files' hash; and the outcomes of the cases."""
    root = copy_project(tmp_path_factory.mktemp("corrupt") / "book", with_build=built_project)
    pristine = tmp_path_factory.mktemp("pristine-data") / "data"
    shutil.copytree(root / "data", pristine)
    outcomes: dict[str, str] = {}
    yield root, pristine, tree_hash(root / "_build" / "html"), outcomes
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(outcomes, indent=1, sort_keys=True), encoding="utf-8")


def test_the_table_is_large_enough_and_covers_every_file():
    assert len(CASES) >= 100
    named = {file for _, _, file, _ in CASES}
    assert set(TABLES) <= named and "datapackage.json" in named


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_bad_input_stops_the_build_with_a_located_message(case, corrupted_project, capsys, monkeypatch):
    name, edit, file, rule = case
    root, pristine, _, outcomes = corrupted_project
    accepted = []

    def accept(*args, **kwargs):
        accepted.append(True)
        raise book.BuildError("ACCEPTED")

    # Were a case accepted, the build would go on to execute the pages: stop it there instead.
    monkeypatch.setattr(book, "execute_in_parallel", accept)
    try:
        edit(root / "data")
        try:
            code = book.run(root, pdf=False)
        except BaseException as error:  # anything escaping run() would have been a traceback
            outcomes[name] = f"traceback: {type(error).__name__}"
            raise
        message = capsys.readouterr().err
    finally:
        shutil.rmtree(root / "data")
        shutil.copytree(pristine, root / "data")
    outcome = "accepted" if accepted else "refused"
    located = LOCATED.search(message) and f"data/{file}" in message and "rule '" in message
    outcomes[name] = outcome if accepted else ("refused, located" if located else "refused, not located")
    assert outcome == "refused" and code == 2, f"{name}: accepted\n{message}"
    assert "Traceback" not in message, message
    assert f"data/{file}" in message, f"{name}: the message does not name data/{file}:\n{message}"
    assert LOCATED.search(message), f"{name}: no row, column or key named:\n{message}"
    if rule:
        assert f"rule '{rule}'" in message, f"{name}: rule {rule!r} not named:\n{message}"
    for leak in ("nan", "None", "np.float64", "<class"):
        assert not re.search(rf"\b{re.escape(leak)}\b", message), f"{name}: {leak} in the message:\n{message}"


def test_the_published_book_is_byte_identical_after_every_bad_input(corrupted_project):
    root, _, before, outcomes = corrupted_project
    assert len(outcomes) == len(CASES), "run the whole table first"
    assert tree_hash(root / "_build" / "html") == before
