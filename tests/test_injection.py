"""Data never decides markup: a payload of HTML, Markdown, MyST roles, math and URLs, put into
every free-text field of the data package and the descriptor's titles and descriptions, in a
copy; one build of the HTML. No page holds an element, a link, an image or math made from the
payload, and wherever a field reaches a page its payload reads there as the text it is.

A field whose pattern forbids some characters (angle brackets; braces in what the bibliography
reads) gets the payload without the parts holding them: those the validator refuses.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, run_build

# The patterns of free text in the schema: no formula start, and some characters nowhere (angle
# brackets; in the fields the bibliography reads, braces too).
TEXT_PATTERN = re.compile(r"\^\[\^=\+\\-@[^\]]*\]\[\^(?P<forbidden>[^\]]+)\]\*\$")


def payload(tag: str, forbidden: str = "", separator: str | None = None) -> str:
    """What a field tagged ``tag`` is given (appended to its text): each part carries the tag. Parts
    holding a character the field's pattern forbids are left out (the validator would refuse
    them, with a located message); a list's separator is replaced, so that it stays one item."""
    parts = [
        f"[{tag} link](https://example.org/{tag})",
        f"![{tag} image](data:image/png;base64,AAAA)",
        f"$1 and $2 {tag}",
        f"& \"{tag} double\" '{tag} single'",
        f"javascript:alert('{tag}') data:text/html,{tag}",
        f"*{tag} emphasis* `{tag} code` {{sub}}`{tag} role`",
        f"<script>alert('{tag}')</script>",
        f"<img src=x onerror=alert('{tag}')>",
        f"<https://example.org/{tag}a>",
    ]
    kept = [part for part in parts if not set(part) & set(forbidden)]
    text = " " + " ".join(kept)
    return text.replace(separator, ",") if separator else text


def _forbidden(field: dict) -> str | None:
    """The characters a free-text field forbids anywhere; None if it is not free text."""
    pattern = field.get("constraints", {}).get("pattern")
    if pattern is None:
        return ""
    found = TEXT_PATTERN.fullmatch(pattern)
    return found.group("forbidden").replace("\\t", "").replace("\\r", "") if found else None


# Fields the book looks rows up by (not declared as foreign keys): a payload there names no row.
REFERENCES = {"evidence": ("resource", "field", "record_id")}
# Fields whose words the analysis selects rows by (``table["item"] == "munitions"``): a vocabulary,
# not free text; a payload there changes which rows a recomputation finds.
SELECTED_BY = set(re.findall(r'\["(\w+)"\] ==', "".join(p.read_text() for p in (ROOT / "src").rglob("analysis/*.py"))))


def _injectable(resource: dict) -> list[dict]:
    keys = set(resource["schema"].get("primaryKey", []))
    keys |= {name for fk in resource["schema"].get("foreignKeys", []) for name in fk["fields"]}
    chosen = []
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        if field.get("type", "string") != "string" or field["name"] in keys or "enum" in constraints:
            continue
        if _forbidden(field) is None or field.get("format"):
            continue  # identifiers, dates, URLs: their patterns admit no markup
        if field["name"] in SELECTED_BY:
            continue
        if field["name"].endswith(("_id", "_ids", "url")) or field["name"] in REFERENCES.get(resource["name"], ()):
            continue  # names another row or a stored page: refused (and located) if it names none
        if resource["name"] == "evidence" and field["name"] in ("figure_text", "derived_from"):
            continue  # the figure must stay a passage of its quote; derived_from names rows
        chosen.append(field)
    return chosen


def inject(data: Path) -> dict[str, str]:
    """Append a tagged payload to every injectable cell; the payload of each tag, by tag."""
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    given: dict[str, str] = {}
    for number, resource in enumerate(descriptor["resources"]):
        for key in ("title", "description"):
            tag = f"zq{number}{key[0]}"
            given[tag] = payload(tag)
            resource[key] = resource.get(key, "") + given[tag]
        fields = _injectable(resource)
        if not fields:
            continue
        path = data / resource["path"]
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        for row_number, row in enumerate(rows):
            for field in fields:
                if not row[field["name"]]:
                    continue
                tag = f"zq{number}x{field['name'].replace('_', '')}x{row_number}"
                separator = ";" if "separated by semicolons" in field.get("description", "") else None
                given[tag] = payload(tag, _forbidden(field), separator)
                row[field["name"]] += given[tag]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    return given


class _Page(HTMLParser):
    """Every element a page holds (tag, attributes, the text directly inside it) and all its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict, list[str]]] = []
        self.open: list[tuple[str, dict, list[str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in ("img", "br", "hr", "meta", "link", "input"):
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        self.text.append(data)
        for element in self.open:
            element[2].append(data)


def _inert_json(attributes: dict, text: str) -> bool:
    """A script element that is data (JSON-LD), whole: the payload's ``</script>`` did not end it."""
    if attributes.get("type") != "application/ld+json":
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def injected_book(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("injected") / "book")
    given = inject(root / "data")
    result = run_build(root, "--no-pdf")
    assert result.returncode == 0, f"the build refused the payload:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    pages = {}
    for path in sorted((root / "_build" / "html").rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[str(path.relative_to(root / "_build" / "html"))] = parser
    return given, pages


def test_no_payload_becomes_an_element_a_link_an_image_or_math(injected_book):
    given, pages = injected_book
    live = []
    for name, page in pages.items():
        for tag, attributes, inside in page.elements:
            text = "".join(inside)
            for attribute, value in attributes.items():
                value = value or ""
                if attribute.startswith("on") and "zq" in value:
                    live.append((name, tag, attribute, value))
                if attribute in ("href", "src") and (
                    "example.org/zq" in value or value.startswith(("javascript:", "data:image/png;base64,AAAA", "x"))
                ):
                    live.append((name, tag, attribute, value))
            if tag == "script" and "zq" in text and not _inert_json(attributes, text):
                live.append((name, tag, text[:80]))
            # An element made from the payload holds exactly one of its parts (a wrapper of the whole
            # field, as a bold title, holds the payload as text).
            made = re.fullmatch(r"\s*zq\w+ (emphasis|code|role|link)\s*", text)
            if tag in ("em", "strong", "code", "sub", "a", "span") and made:
                live.append((name, tag, text[:80]))
            if tag == "img" and "zq" in attributes.get("alt", ""):
                live.append((name, tag, attributes["alt"][:80]))
            if "math" in attributes.get("class", "") and re.search(r"1 and", text):
                live.append((name, tag, text[:80]))
    assert not live, f"{len(live)} payloads became markup, e.g. {live[:5]}"


def test_every_payload_that_reaches_a_page_reads_as_its_own_text(injected_book):
    given, pages = injected_book
    texts = {name: html.unescape("".join(page.text)) for name, page in pages.items()}
    book_text = "\n".join(texts.values())
    reached = [tag for tag in given if re.search(rf"\b{tag}\b", book_text)]
    assert len(reached) >= 50, f"only {len(reached)} payloads reached a page: was the data injected at all?"
    mangled = [tag for tag in reached if given[tag].strip() not in re.sub(r"\s+", " ", book_text)]
    assert not mangled, f"{len(mangled)} of {len(reached)} payloads are not shown as written, e.g. {mangled[:5]}"
