"""The data package as search engines read it: the Sources and data page carries one schema.org
Dataset that parses, names every CSV of the data package with an address the site serves, and
has the licence that datapackage.json gives."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup


def test_the_sources_page_describes_the_data_package_as_a_dataset(built_project):
    html = built_project / "_build" / "html"
    page = html / "back" / "sources.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    datasets = [b for b in blocks if b.get("@type") == "Dataset"]
    assert len(datasets) == 1, [b.get("@type") for b in blocks]
    found = datasets[0]
    package = json.loads((built_project / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert found["license"] == package["licenses"][0]["path"]
    assert found["name"] == package["title"]
    served = {}
    for download in found["distribution"]:
        address = urlparse(urljoin("http://book.local/back/sources.html", download["contentUrl"])).path
        target = html / address.lstrip("/")
        assert target.is_file(), download
        served[target.name] = target
    assert set(served) == {r["path"] for r in package["resources"]}
    for resource in package["resources"]:
        assert served[resource["path"]].read_bytes() == (built_project / "data" / resource["path"]).read_bytes()
    first, last = found["temporalCoverage"].split("/")
    assert first.isdigit() and last[:4].isdigit() and first <= last[:4]
    fields = {v["name"] for v in found["variableMeasured"]}
    assert "troop_estimates.low" in fields and "sources.reliability" in fields
