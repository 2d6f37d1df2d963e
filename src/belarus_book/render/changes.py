"""What the latest release changed, read from the changelog each release writes (newest section
first): every number whose text changed, with the release and what it was, so that the number's
panel can say so."""

from __future__ import annotations

import re

SECTION = re.compile(r"^## (?P<version>\S+) \(", re.M)
ROW = re.compile(
    r"^\| (?P<page>[^|]+?) \| `(?P<name>[^`]+)` \| (?P<was>[^|]*?) \| (?P<now>[^|]*?) \| (?P<why>[^|]*?) \|$"
)


def latest_changes(changelog: str) -> dict[tuple[str, str], dict]:
    """(page, name) of each number the newest release changed: its version, old and new text, and why."""
    sections = list(SECTION.finditer(changelog))
    if not sections:
        return {}
    end = sections[1].start() if len(sections) > 1 else len(changelog)
    version = sections[0]["version"]
    found = {}
    for line in changelog[sections[0].start() : end].splitlines():
        row = ROW.match(line.strip())
        if row and row["was"] not in ("—", ""):
            found[(row["page"], row["name"])] = {
                "version": version,
                "was": row["was"],
                "now": row["now"],
                "why": row["why"],
            }
    return found
