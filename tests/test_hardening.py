"""Hardening against what a data file can do to the book: data never decides markup, the
validator and the loader read every value alike, and the evidence check cannot be skipped."""

from __future__ import annotations

import csv
import html
import io
import json

import matplotlib.pyplot as plt
import pytest
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from belarus_book.data import datapackage
from belarus_book.data.problems import DataValidationError
from belarus_book.render import escape
from belarus_book.render.charts import style as chart_style

PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [a link](https://example.org) "
    "![an image](data:image/png;base64,AAAA) {download}`x <y>` $1 and $2 & \"double\" 'single' "
    "<javascript:alert(1)> <https://example.org> =SUM(A1) *emphasis* `code` :::{note}"
)


def _myst_html(markdown: str) -> str:
    """MyST Markdown rendered as the book's configuration renders it (colon fences on)."""
    parser = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)
    return parser.render(markdown)


def test_escaped_markdown_renders_as_its_own_text_with_no_markup():
    for payload in (PAYLOAD, ":::{note}\nA fenced note\n:::", "# not a heading", "1. not a list"):
        rendered = _myst_html(escape.markdown(payload)).strip()
        assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
        inner = rendered[len("<p>") : -len("</p>")]
        assert "<" not in inner, inner  # no element at all: no script, image, link, code or math
        assert html.unescape(inner) == payload.replace("\n", " ")


def test_escaped_html_has_no_live_element_or_attribute():
    text = escape.html(PAYLOAD)
    assert "<" not in text and ">" not in text and '"' not in text and "'" not in text


def test_chart_text_is_literal_so_dollar_amounts_are_not_mathtext():
    chart_style.apply_style()
    figure, axes = plt.subplots()
    label = axes.text(0, 0, "$1.5 billion and $2 billion")
    assert label._preprocess_math(label.get_text()) == ("$1.5 billion and $2 billion", False)
    plt.close(figure)


def _descriptor(data_dir):
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def test_the_schema_allows_only_true_and_false_and_the_loader_reads_them_alike(project_copy, edit_cell):
    data_dir = project_copy / "data"
    for resource in _descriptor(data_dir)["resources"]:
        for field in resource["schema"]["fields"]:
            if field.get("type") == "boolean":
                assert field.get("trueValues") == ["true"] and field.get("falseValues") == ["false"], field["name"]
    loaded = datapackage.load(data_dir).trade_flows
    assert set(loaded["headline"].map(bool)) == {True, False} and loaded["headline"].notna().all()
    headline = loaded[loaded["headline"]].iloc[0]["record_id"]
    for spelling in ("TRUE", "1", "yes"):
        edit_cell(data_dir, "trade_flows.csv", headline, "headline", spelling)
        with pytest.raises(DataValidationError) as caught:
            datapackage.load(data_dir)
        message = str(caught.value)
        assert "data/trade_flows.csv, row" in message and "column 'headline'" in message, message
        assert "claims.csv" not in message


def test_a_quoted_row_cannot_claim_to_be_derived(project_copy):
    data_dir = project_copy / "data"
    reader = csv.DictReader(io.StringIO((data_dir / "evidence.csv").read_text(encoding="utf-8")))
    rows = list(reader)
    quoted = next(r for r in rows if r["quote"] and r["resource"] == "trade_flows")
    quoted["derived_from"] = quoted["record_id"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (data_dir / "evidence.csv").write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        datapackage.validate(data_dir)
    message = str(caught.value)
    assert "data/evidence.csv, row" in message and "column 'derived_from'" in message
    assert "evidence-quoted-or-derived" in message
