"""Load ``data/`` after validating it against ``data/datapackage.json`` (the rules are in
``validation``); every problem is reported as file, row, column, offending value, rule, and
what to do.

Validating takes about half a second, and every chapter loads the data: so a successful
validation is remembered under a hash of exactly what it depended on (every byte of ``data/``,
the code of this module and of ``validation``, and the Frictionless version), in
``_build/cache/validated/`` beside the data.
Any change to any of these, however small, means a different hash and a full validation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import dependencies
from .fingerprint import hash_files
from .paths import DATA_DIR, DATA_LAYER_DIR
from .problems import read_text_table
from .provenance import rows, traced

# The rules a validation applies: a change to any of them means a new validation.
RULES = [DATA_LAYER_DIR / name for name in ("validation.py", "checks.py", "evidence.py", "figures.py", "problems.py")]


def validate(data_dir: Path = DATA_DIR) -> None:
    """Validate every resource of the data package; raise DataValidationError on any problem.
    (The rules live in ``validation``, imported here because Frictionless is slow to import.)"""
    from .validation import validate_package

    validate_package(Path(data_dir))


# --- loading -----------------------------------------------------------------------


def _read_table(data_dir: Path, resource: dict) -> pd.DataFrame:
    """Read one validated CSV with the column types its schema (in datapackage.json) declares."""
    table = read_text_table(data_dir, resource["path"])
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        column = table[name]
        if kind == "number":
            table[name] = pd.to_numeric(column.replace("", None))
        elif kind == "integer":
            table[name] = pd.to_numeric(column.replace("", None)).astype("Int64")
        elif kind == "boolean":
            # Read exactly the spellings the schema declares (validation refuses any other).
            spellings = {v: True for v in field.get("trueValues", ["true"])}
            spellings |= {v: False for v in field.get("falseValues", ["false"])}
            table[name] = column.map(spellings)
        elif kind == "date":
            table[name] = pd.to_datetime(column)
        elif kind == "yearmonth":
            table[name] = pd.PeriodIndex(column, freq="M")
        else:
            # object dtype so that an empty cell reads as None, not as a NaN float
            table[name] = column.astype(object).where(column != "", None)
    return table


@dataclass(frozen=True)
class BookData:
    """All tables of the data package, validated and typed."""

    sources: pd.DataFrame
    trade_flows: pd.DataFrame
    trade_shares: pd.DataFrame
    troop_estimates: pd.DataFrame
    equipment_transfers: pd.DataFrame
    diplomatic_channel: pd.DataFrame
    actors: pd.DataFrame
    recommendations: pd.DataFrame
    places: pd.DataFrame
    armed_forces: pd.DataFrame
    eu_sanctions: pd.DataFrame
    sanction_measures: pd.DataFrame
    economic_outlook: pd.DataFrame
    belarus_russia_trade: pd.DataFrame
    events: pd.DataFrame
    evidence: pd.DataFrame
    claims: pd.DataFrame
    findings: pd.DataFrame
    developments: pd.DataFrame
    scorecard: pd.DataFrame

    def __getattribute__(self, name: str):
        # Note each table a page takes, so that the build re-executes the page only when one of
        # the files it read changes (see dependencies).
        if name in _TABLE_NAMES:
            dependencies.note_table(name)
        return object.__getattribute__(self, name)

    def confirmation_tables(self) -> dict[str, pd.DataFrame]:
        """The tables whose rows say how far their source confirms them (the ``confirmation`` field)."""
        found = {name: table for name, table in vars(self).items() if "confirmation" in table.columns}
        for name in found:  # the caller reads them all (vars() bypasses the note taken on access)
            dependencies.note_table(name)
        return found

    def confirmed(self) -> BookData:
        """The same tables without the rows no stored copy of their source confirms."""
        # Filtered without noting: the copy notes the tables its user then reads.
        kept = {
            name: table[table["confirmation"] != "unconfirmed"]
            for name, table in vars(self).items()
            if "confirmation" in table.columns
        }
        return BookData(**{**vars(self), **kept})

    def confirmation_count(self, status: str | None = None):
        """How many rows of these tables are confirmed as ``status`` (all of them when None), traced to those rows."""
        counts = [
            (table["confirmation"] == status).sum() if status else rows(table)
            for table in self.confirmation_tables().values()
        ]
        return functools.reduce(operator.add, counts)

    def finding(self, claim_id: str, source_id: str) -> pd.Series:
        """What one source says about one claim of a commentary (a row of findings.csv)."""
        rows = self.findings[(self.findings["claim_id"] == claim_id) & (self.findings["source_id"] == source_id)]
        if rows.empty:
            raise LookupError(f"data/findings.csv has no finding of {source_id} on {claim_id}")
        return rows.iloc[0]

    def unconfirmed(self) -> pd.DataFrame:
        """Every unconfirmed row, as file, record and the source it cites."""
        return pd.DataFrame(
            [
                {"file": f"{name}.csv", "record": row.iloc[0], "source_id": row["source_id"]}
                for name, table in self.confirmation_tables().items()
                for _, row in table[table["confirmation"] == "unconfirmed"].iterrows()
            ],
            columns=["file", "record", "source_id"],
        )


_TABLE_NAMES = frozenset(BookData.__dataclass_fields__)


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of everything a validation of ``data_dir`` depends on: each file's name and bytes,
    the code of this module and of the rules, and the Frictionless version."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + b"".join(rule.read_bytes() for rule in RULES))
    digest.update(metadata.version("frictionless").encode())
    data_dir = Path(data_dir)
    hash_files(digest, data_dir, data_dir.iterdir() if data_dir.is_dir() else [])
    return digest.hexdigest()


def _validation_record(data_dir: Path, fingerprint: str) -> Path:
    """Where a successful validation of these exact inputs is remembered: beside the data's project."""
    return Path(data_dir).resolve().parent / "_build" / "cache" / "validated" / fingerprint


def load(data_dir: Path = DATA_DIR, remember: bool = True) -> BookData:
    """Validate ``data/`` (unless these exact bytes already passed) and return its tables.
    Raises DataValidationError if invalid. With ``remember`` False nothing is written."""
    data_dir = Path(data_dir)
    return _load(data_dir, data_fingerprint(data_dir), remember)


@lru_cache(maxsize=4)
def _load(data_dir: Path, fingerprint: str, remember: bool) -> BookData:
    record = _validation_record(data_dir, fingerprint)
    if not record.is_file():
        validate(data_dir)
        try:
            if remember:
                record.parent.mkdir(parents=True, exist_ok=True)
                record.touch()
        except OSError:  # a read-only checkout: validate again next time
            pass
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in descriptor["resources"]:
        table, key = _read_table(data_dir, resource), resource["schema"].get("primaryKey", [])
        # Tables with a one-field key hand out their values traced to their rows (see provenance).
        tables[resource["name"]] = traced(table, resource["name"], key[0]) if len(key) == 1 else table
    return BookData(**tables)
