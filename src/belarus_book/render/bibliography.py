"""BibTeX for every source in data/sources.csv, so chapters can cite any of them by source id."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import escape

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


# Names: pybtex splits a name at commas and " and " and reorders it; only a plain personal name
# is left for it to parse, every other name is braced whole.
_PLAIN_NAME = re.compile(r"[^\W\d_][\w.'’ -]*")


def _name(name: str) -> str:
    """One author, as written: braced unless it is a plain personal name pybtex can parse."""
    name = name.strip()
    plain = _PLAIN_NAME.fullmatch(name) and " and " not in f" {name.lower()} "
    return escape.bibtex(name) if plain else "{" + escape.bibtex(name) + "}"


def entry(source: pd.Series) -> str:
    """One @misc entry; an organisation without a named author is braced as a corporate author."""
    if isinstance(source["author"], str) and source["author"]:
        author = " and ".join(_name(name) for name in source["author"].split(";"))
    else:
        author = "{" + escape.bibtex(source["publisher"]) + "}"
    fields = {
        "author": author,
        "title": "{" + escape.bibtex(source["title"]) + "}",
        "howpublished": escape.bibtex(source["publisher"]),
        "year": source["published"][:4],
        "note": escape.bibtex(f"{source['kind'].capitalize()}; reliability {source['reliability']}"),
    }
    if len(source["published"]) >= 7:
        fields["month"] = _MONTHS[int(source["published"][5:7]) - 1]
    if isinstance(source["url"], str) and source["url"]:
        fields["url"] = source["url"]
    body = ",\n".join(
        f"  {key} = {{{value}}}" if key != "month" else f"  {key} = {value}" for key, value in fields.items()
    )
    return f"@misc{{{source['source_id']},\n{body}\n}}\n"


def write(sources: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(entry(source) for _, source in sources.iterrows()), encoding="utf-8")
    return path
