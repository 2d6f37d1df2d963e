"""BibTeX for every source in data/sources.csv, so chapters can cite any of them by source id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(character, character) for character in text)


def entry(source: pd.Series) -> str:
    """One @misc entry; an organisation without a named author is braced as a corporate author."""
    if isinstance(source["author"], str) and source["author"]:
        author = " and ".join(_escape(name.strip()) for name in source["author"].split(";"))
    else:
        author = "{" + _escape(source["publisher"]) + "}"
    fields = {
        "author": author,
        "title": "{" + _escape(source["title"]) + "}",
        "howpublished": _escape(source["publisher"]),
        "year": source["published"][:4],
        "note": _escape(f"{source['kind'].capitalize()}; reliability {source['reliability']}"),
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
