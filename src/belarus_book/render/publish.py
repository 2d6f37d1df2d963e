"""Hand computed values to the chapter's prose through MyST-NB glue.

Only non-empty strings are glued: a blank value would render as nothing, and a NumPy
float with a format spec renders blank under NumPy 2. Both stop the chapter here instead.
A number (a ``numbers.Number``, as every formatting function returns) is glued with its
provenance, and one that rests on no data record stops the chapter too.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from myst_nb import glue

from ..data import dependencies, provenance
from ..data.paths import PROJECT_ROOT
from .charts import marks
from .numbers import MIME, Number

FIGURE_DATA_DIR = PROJECT_ROOT / "chapters" / "_figure_data"


class UntracedNumber(ValueError):
    pass


class _WithProvenance:
    """What glue stores for a number: its text as text/plain (as for any str) and its provenance."""

    def __init__(self, number: Number):
        self.number = number

    def __repr__(self) -> str:
        return repr(str(self.number))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME: self.number.payload()}


def publish(name: str, text: str) -> str:
    """Glue one pre-formatted value for ``{glue:text}`name``` in the prose; return it."""
    if not isinstance(text, str):
        raise TypeError(f"glue value {name!r} must be a formatted str, got {type(text).__name__}: {text!r}")
    if not text.strip():
        raise ValueError(f"glue value {name!r} is blank")
    if isinstance(text, Number) and provenance.enabled():
        if not text.records:
            raise UntracedNumber(
                f"the number {name!r} ({text!r}) rests on no data record: compute it from the data package's "
                "tables (their values are traced; len() and int() are not: use provenance.rows() and the values "
                "themselves)"
            )
        glue(name, _WithProvenance(text), display=False)
    else:
        glue(name, str(text), display=False)
    return text


def publish_many(values: dict[str, str]) -> None:
    for name, text in values.items():
        publish(name, text)


# The columns that date what rows describe (a source's publication date is not among them): a
# chart's date range, and the data package's temporal coverage.
DATED_BY = ("date", "period_start", "period_end", "year")


def figure_metadata(name: str, figure: plt.Figure, data: pd.DataFrame) -> dict:
    """What a chart shows, in the manner of Our World in Data's download panel: its title and axes,
    how many rows it was drawn from and the dates they cover, its sources and the data's licence."""
    dates = sorted(str(value)[:10] for column in DATED_BY if column in data.columns for value in data[column].dropna())
    package = json.loads((PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return {
        "name": name,
        "title": " / ".join(a.get_title() for a in figure.axes if a.get_title()),
        "axes": [{"x": a.get_xlabel(), "y": a.get_ylabel()} for a in figure.axes],
        "rows": int(len(data)),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        # A derived row names each source it is computed from, separated by semicolons.
        "source_ids": sorted({s.strip() for v in data["source_id"].dropna() for s in str(v).split(";")}),
        "licence": package["licenses"][0]["name"],
        "licence_url": package["licenses"][0]["path"],
    }


def _save_svg(figure: plt.Figure, name: str, path: Path) -> None:
    """The same chart always writes the same file: no date in the SVG, and ids salted by its name."""
    with plt.rc_context({"svg.hashsalt": name}):
        figure.savefig(path, format="svg", metadata={"Date": None})


def publish_figure(name: str, figure: plt.Figure, data: pd.DataFrame) -> Path:
    """Glue a chart for a ``{glue:figure}`` directive, close it so it is not shown twice, and write
    what its caption offers for download to ``chapters/_figure_data/``: the rows it was drawn from
    (NAME.csv), the image as SVG (NAME.svg) and its metadata (NAME.json); for a chart whose marks
    carry their records, the website's copy of the image with a link per mark (NAME.marks.svg)."""
    if "source_id" not in data.columns:
        raise ValueError(f"the data behind {name!r} must carry a source_id column")
    FIGURE_DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = FIGURE_DATA_DIR / f"{name}.csv"
    data.to_csv(path, index=False, lineterminator="\n")
    _save_svg(figure, name, FIGURE_DATA_DIR / f"{name}.svg")
    written = [path, FIGURE_DATA_DIR / f"{name}.svg"]
    described = figure_metadata(name, figure, data)
    # The website's copy: each mark drawn from data a link of its own (the download has none, as
    # they would lead nowhere outside the page).
    shown = marks.link(figure, name)
    if shown:
        _save_svg(figure, name, FIGURE_DATA_DIR / f"{name}.marks.svg")
        written.append(FIGURE_DATA_DIR / f"{name}.marks.svg")
        described["marks"] = shown
    metadata = FIGURE_DATA_DIR / f"{name}.json"
    metadata.write_text(json.dumps(described, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for file in (*written, metadata):
        dependencies.note_written(file)
    glue(name, figure, display=False)
    plt.close(figure)
    return path
