"""The book's title, authors, version, release date and licences: read from ``_config.yml``, the
one place they are written. The package's version, the How-to-cite page, the PDF's title page
(through the Sphinx extension) and ``CITATION.cff`` all read them here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.paths import PROJECT_ROOT


@dataclass(frozen=True)
class Book:
    title: str
    authors: list[str]
    version: str
    date_released: str
    license_code: str
    license_data: str
    abstract: str = ""

    @property
    def slug(self) -> str:
        return "belarus-book"


def load(root: Path = PROJECT_ROOT) -> Book:
    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))
    book = config["book"]
    return Book(
        title=config["title"],
        authors=[name.strip() for name in config["author"].split(";")],
        version=str(book["version"]),
        date_released=str(book["date_released"]),
        license_code=book["license_code"],
        license_data=book["license_data"],
        abstract=" ".join(str(book.get("abstract", "")).split()),
    )


def citation_cff(book: Book, sources) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for this version, with both commentaries as references."""

    def quoted(text: str) -> str:
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "# Generated from _config.yml and data/sources.csv by `python -m belarus_book.build.release --citation`;",
        "# edit those, not this file (a test checks that it matches them).",
        "cff-version: 1.2.0",
        'message: "If you use this book or its data, please cite it as below; cite the commentaries for their '
        'arguments."',
        f"title: {quoted(book.title)}",
        f"version: {quoted(book.version)}",
        f"date-released: {quoted(book.date_released)}",
        "authors:",
        *[f"  - name: {quoted(name)}" for name in book.authors],
        "license:",
        f"  - {book.license_code}",
        f"  - {book.license_data}",
        "keywords:",
        *[f"  - {k}" for k in ("Belarus", "Ukraine", "Russia", "fact-check", "reproducible research")],
        "references:",
    ]
    for source_id in ("sceeus-2024", "pism-2022"):
        source = sources.set_index("source_id").loc[source_id]
        lines += [
            "  - type: report",
            f"    title: {quoted(source['title'])}",
            "    authors:",
        ]
        for person in str(source["author"]).split(";"):
            given, _, family = person.strip().rpartition(" ")
            lines += [f"      - family-names: {quoted(family)}", f"        given-names: {quoted(given)}"]
        lines += [
            "    institution:",
            f"      name: {quoted(source['publisher'])}",
            f"    year: {str(source['published'])[:4]}",
        ]
        if len(str(source["published"])) >= 7:
            lines.append(f"    month: {int(str(source['published'])[5:7])}")
    return "\n".join(lines) + "\n"
