"""Every chart offers, beside itself, what Our World in Data's download panel offers: the rows it
was drawn from (CSV), its image (SVG) and its metadata (JSON: title, axes, dates, sources and
licence), each a link that works in the built book and each consistent with the others."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urljoin, urlparse

import pandas as pd
from bs4 import BeautifulSoup

FIGURE = re.compile(r"^```\{glue:figure\} (\w+)$", re.M)


def test_every_chart_links_its_data_image_and_metadata_and_they_agree(built_project):
    html = built_project / "_build" / "html"
    package = json.loads((built_project / "data" / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for page in sorted((built_project / "chapters").glob("*.md")):
        names = FIGURE.findall(page.read_text(encoding="utf-8"))
        if not names:
            continue
        built = html / "chapters" / f"{page.stem}.html"
        links = {
            file_name: urlparse(urljoin(f"http://book.local/chapters/{page.stem}.html", a["href"])).path
            for a in BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select("a.download[href]")
            for file_name in [a["href"].rsplit("/", 1)[-1]]
        }
        for name in names:
            for suffix in ("csv", "svg", "json"):
                assert f"{name}.{suffix}" in links, f"{page.stem}: {name} offers no {suffix}"
                assert (html / links[f"{name}.{suffix}"].lstrip("/")).is_file(), (name, suffix)
            served = {s: html / links[f"{name}.{s}"].lstrip("/") for s in ("csv", "svg", "json")}
            assert ElementTree.parse(served["svg"]).getroot().tag.endswith("svg")
            metadata = json.loads(served["json"].read_text(encoding="utf-8"))
            rows = pd.read_csv(served["csv"])
            assert metadata["rows"] == len(rows) and metadata["title"], name
            named = {
                s.strip() for v in rows["source_id"].dropna() for s in str(v).split(";")
            }  # a derived row names each
            assert metadata["source_ids"] == sorted(named), name
            assert metadata["licence"] == package["licenses"][0]["name"]
            checked += 1
    assert checked >= 20, checked
