"""The data package described for search engines: a schema.org ``Dataset`` (name, description,
licence, creator, temporal coverage, one ``DataDownload`` per CSV and the variables measured),
generated from ``datapackage.json`` so that it can never disagree with the data it describes."""

from __future__ import annotations

import json


def dataset(package: dict, creator: str, temporal: str, downloads: dict[str, str]) -> dict:
    """``downloads``: each resource's file name (``sources.csv``) with the address the site serves it at."""
    resources = package["resources"]
    missing = [r["path"] for r in resources if r["path"] not in downloads]
    if missing:
        raise LookupError(f"no download address for {', '.join(missing)}")
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": package["title"],
        "description": package["description"],
        "license": package["licenses"][0]["path"],
        "creator": {"@type": "Organization", "name": creator},
        "temporalCoverage": temporal,
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": resource["title"],
                "description": resource.get("description", ""),
                "encodingFormat": "text/csv",
                "contentUrl": downloads[resource["path"]],
            }
            for resource in resources
        ],
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": f"{resource['name']}.{field['name']}",
                "description": field.get("description", ""),
            }
            for resource in resources
            for field in resource["schema"]["fields"]
        ],
    }


def script(block: dict) -> str:
    """The block as a page carries it (a '</' inside a string cannot close the script)."""
    return (
        '<script type="application/ld+json">'
        + json.dumps(block, ensure_ascii=False).replace("</", "<\\/")
        + "</script>"
    )
