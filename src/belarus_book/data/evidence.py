"""The evidence check: every data row rests on its source's own words.

``data/evidence.csv`` holds, for each row of each data table and each of its evidenced fields,
the verbatim passage of the source that states it, its language, an English translation, and
the exact part of the passage that states the figure or date (``figure_text``). Which fields a
table evidences, and in which unit, is declared in ``data/datapackage.json`` (the resource's
``evidence`` property). Each row says how far it is confirmed in its ``confirmation`` field:

- ``quoted``: every evidenced field with a value has a passage, and the passage says it;
- ``derived``: computed from other rows, which its evidence row names instead of a quote;
- ``unconfirmed``: no stored copy of the source says it. The row is kept, labelled wherever the
  book shows it, and can never make a claim "reproduced".

``check`` reads the figure text with ``figures`` (locale-aware digits, scale words, qualifiers,
dates in the sources' languages) and compares it with the row: a figure text that is not inside
its quote, or that reads as another value, unit, qualifier or date, is a problem naming the
file, the row and the words that disagree.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd

from .figures import FigureError, mentions_percent, parse_date, parse_figure, qualifier_before
from .problems import Problem, read_text_table

EVIDENCE_FILE = "evidence.csv"
CONFIRMATIONS = ("quoted", "derived", "unconfirmed")
STATEMENT = "statement"  # the field name of a passage that states a textual fact

# How each unit of the data package scales a figure read in plain units, and whether it is a percentage.
UNIT_SCALES: dict[str, tuple[float, bool]] = {
    "USD billion": (1e9, False),
    "USD million": (1e6, False),
    "percent": (1.0, True),
}


def _plain(text: str) -> str:
    """Whitespace of every kind as one space: sources write no-break and narrow spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _decimals(value: float) -> int:
    text = f"{value:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _same_value(stated: float, recorded: float) -> bool:
    """A recorded value agrees with the source's figure when it is the figure, or the figure rounded
    to the recorded value's own precision ('a third' recorded as 33.3)."""
    if math.isclose(stated, recorded, rel_tol=1e-9, abs_tol=1e-9):
        return True
    half_step = 0.5 * 10 ** (-_decimals(recorded))
    return abs(stated - recorded) <= half_step + 1e-9 and _decimals(recorded) > 0


class _Checker:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        descriptor = json.loads((self.data_dir / "datapackage.json").read_text(encoding="utf-8"))
        self.resources = {r["name"]: r for r in descriptor["resources"]}
        self.problems: list[Problem] = []

    def problem(self, file: str, row: int | None, column: str | None, value, rule: str, detail: str) -> None:
        self.problems.append(Problem(file, row, column, None if value is None else str(value), rule, detail))

    def run(self) -> list[Problem]:
        evidence = read_text_table(self.data_dir, EVIDENCE_FILE)
        sources = read_text_table(self.data_dir, "sources.csv").set_index("source_id")
        self.source_dates = dict(zip(sources.index, sources["published"], strict=True))
        tables = {
            name: read_text_table(self.data_dir, resource["path"])
            for name, resource in self.resources.items()
            if "evidence" in resource
        }
        keyed = {name: table.set_index(self.key(name), drop=False) for name, table in tables.items()}
        covered: dict[tuple[str, str], set[str]] = {}
        for position, item in enumerate(evidence.itertuples(index=False), start=2):
            self.check_item(position, item, keyed, covered)
        for name, table in tables.items():
            self.check_rows(name, table, covered)
        return self.problems

    def key(self, name: str) -> str:
        key = self.resources[name]["schema"]["primaryKey"]
        return key[0] if isinstance(key, list) else key

    def declared(self, name: str) -> dict[str, dict]:
        return {spec["field"]: spec for spec in self.resources[name]["evidence"]["fields"]}

    # --- one passage ---------------------------------------------------------------

    def check_item(self, position: int, item, keyed, covered) -> None:
        file = f"data/{EVIDENCE_FILE}"
        if item.resource not in keyed:
            self.problem(
                file, position, "resource", item.resource, "evidence-resource", "no evidenced table by that name"
            )
            return
        table = keyed[item.resource]
        if item.record_id not in table.index:
            self.problem(
                file,
                position,
                "record_id",
                item.record_id,
                "evidence-record",
                f"no such row in data/{item.resource}.csv",
            )
            return
        row = table.loc[item.record_id]
        declared = self.declared(item.resource)
        fields = item.field.split(";")
        if any(f not in declared and f != STATEMENT for f in fields):
            self.problem(
                file,
                position,
                "field",
                item.field,
                "evidence-field",
                f"data/{item.resource}.csv evidences only {sorted(declared) + [STATEMENT]}",
            )
            return
        covered.setdefault((item.resource, item.record_id), set()).update(fields)
        if item.derived_from and (item.quote.strip() or item.figure_text.strip()):
            # A quoted row is checked against its quote: naming inputs must not switch that off.
            self.problem(
                file,
                position,
                "derived_from",
                item.derived_from,
                "evidence-quoted-or-derived",
                "a row's evidence is either a quote (checked against the row) or a derivation from named rows, "
                "not both: remove derived_from, or the quote and its figure text",
            )
        elif item.derived_from:
            self.check_derived(position, item, keyed)
            return
        if item.source_id != row["source_id"]:
            self.problem(
                file,
                position,
                "source_id",
                item.source_id,
                "evidence-source",
                f"{item.resource} {item.record_id} cites '{row['source_id']}'; its evidence must come from that source",
            )
        if not item.quote.strip() or not item.figure_text.strip():
            self.problem(
                file, position, "quote", item.quote, "evidence-quote", "a quote and its figure text are required"
            )
            return
        if _plain(item.figure_text) not in _plain(item.quote):
            self.problem(
                file,
                position,
                "figure_text",
                item.figure_text,
                "figure-in-quote",
                "the figure text is not in the quote",
            )
            return
        if (item.language == "en") != (not item.translation.strip()):
            self.problem(
                file,
                position,
                "translation",
                item.translation,
                "evidence-translation",
                "a quote not in English needs an English translation; an English one needs none",
            )
        if fields == [STATEMENT]:
            return
        spec = declared[fields[0]]
        try:
            if spec.get("kind") == "date":
                self.check_date(position, item, row, fields[0])
            else:
                self.check_value(position, item, row, fields, spec)
        except FigureError as error:
            self.problem(file, position, "figure_text", item.figure_text, "figure-readable", str(error))

    def check_derived(self, position: int, item, keyed) -> None:
        known = {record for table in keyed.values() for record in table.index}
        for record in item.derived_from.split(";"):
            if record not in known:
                self.problem(
                    f"data/{EVIDENCE_FILE}",
                    position,
                    "derived_from",
                    record,
                    "derived-input",
                    "a derived row must name rows of the data package as its inputs",
                )

    def check_date(self, position: int, item, row, field: str) -> None:
        stated = parse_date(item.figure_text, item.language)
        recorded = row[field]
        if not stated.agrees_with(recorded):
            self.problem(
                f"data/{EVIDENCE_FILE}",
                position,
                "figure_text",
                item.figure_text,
                "evidence-date",
                f"the source's '{item.figure_text}' reads {stated}, but {item.resource} {item.record_id} "
                f"has {field} {recorded}",
            )

    def check_value(self, position: int, item, row, fields: list[str], spec: dict) -> None:
        figure = parse_figure(item.figure_text, item.language)
        unit = row[spec["unit_field"]] if "unit_field" in spec else spec.get("unit", "count")
        scale, is_percent = UNIT_SCALES.get(unit, (1.0, False))
        recorded = [float(row[f]) for f in fields if row[f] != ""]
        stated = [v / scale for v in figure.values]
        where = f"{item.resource} {item.record_id}"
        file = f"data/{EVIDENCE_FILE}"
        # A table of percentages may give the bare figure and put the sign in its heading.
        if figure.percent != is_percent and not (is_percent and mentions_percent(item.quote)):
            kind = "a percentage" if figure.percent else "not a percentage"
            self.problem(
                file,
                position,
                "figure_text",
                item.figure_text,
                "evidence-unit",
                f"the figure is {kind}, {where} is in {unit}",
            )
            return
        wanted = sorted(set(recorded))
        # A signed figure must keep its sign; an unsigned one ('a fall of 19.6%') is compared by size.
        read = sorted({v if v < 0 else abs(v) for v in stated})
        compared = wanted if any(v < 0 for v in read) else sorted({abs(v) for v in wanted})
        if len(read) != len(compared) or not all(_same_value(s, r) for s, r in zip(read, compared, strict=True)):
            shown = " to ".join(f"{v:g}" for v in read)
            self.problem(
                file,
                position,
                "figure_text",
                item.figure_text,
                "evidence-value",
                f"the source's '{item.figure_text}' reads {shown} {unit}, but {where} records "
                + " to ".join(f"{v:g}" for v in wanted),
            )
            return
        if "qualifier_field" in spec:
            recorded_qualifier = row[spec["qualifier_field"]] or "exact"
            # The qualifier may stand just before the figure text in the quote ('about 9,000-10,000').
            quote = _plain(item.quote)
            before = quote[: quote.index(_plain(item.figure_text))]
            stated_qualifier = figure.qualifier or qualifier_before(before) or "exact"
            if recorded_qualifier != stated_qualifier:
                self.problem(
                    file,
                    position,
                    "figure_text",
                    item.figure_text,
                    "evidence-qualifier",
                    f"the source's '{item.figure_text}' is {stated_qualifier.replace('_', ' ')}, "
                    f"but {where} says {recorded_qualifier.replace('_', ' ')}",
                )

    # --- every row -------------------------------------------------------------------

    def check_rows(self, name: str, table: pd.DataFrame, covered) -> None:
        file = f"data/{self.resources[name]['path']}"
        declared = self.declared(name)
        for position, row in enumerate(table.to_dict("records"), start=2):
            record = row[self.key(name)]
            status = row.get("confirmation", "")
            fields = covered.get((name, record), set())
            if status == "unconfirmed":
                if fields:
                    self.problem(
                        file,
                        position,
                        "confirmation",
                        status,
                        "evidence-status",
                        "the row has evidence: mark it quoted",
                    )
                continue
            if not fields:
                self.problem(
                    file,
                    position,
                    "confirmation",
                    status,
                    "evidence-missing",
                    f"no passage in data/{EVIDENCE_FILE} supports {record}: add one, or mark the row unconfirmed",
                )
                continue
            missing = [
                f
                for f, spec in declared.items()
                if row.get(f, "") != "" and f not in fields and not self.dated_by_source(spec, row, f)
            ]
            if status == "quoted" and missing:
                self.problem(
                    file,
                    position,
                    missing[0],
                    row.get(missing[0]),
                    "evidence-missing",
                    f"no passage in data/{EVIDENCE_FILE} states {record}'s {', '.join(missing)}",
                )

    def dated_by_source(self, spec: dict, row: dict, field: str) -> bool:
        """A date that is the source's own date of publication ('announced today') needs no passage:
        the source's date line in sources.csv states it."""
        published = self.source_dates.get(row["source_id"], "")
        recorded = row[field]
        return (
            bool(spec.get("or_source_date"))
            and bool(published)
            and (recorded.startswith(published) or published.startswith(recorded))
        )


def check(data_dir: Path) -> list[Problem]:
    """Every problem with the evidence behind the rows of ``data_dir`` (empty when all is well)."""
    return _Checker(Path(data_dir)).run()
