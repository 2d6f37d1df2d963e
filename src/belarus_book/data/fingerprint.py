"""One way to hash files, for every "has anything changed?" question the project asks
(the build's two stamps, and the data's remembered validation)."""

from __future__ import annotations

from pathlib import Path


def hash_files(digest, root: Path, paths, contents: bool = True) -> None:
    """Feed each file's path relative to ``root`` (and, by default, its bytes) to a hash, in a
    stable order; each part is followed by a NUL byte, so that no two sets of files run together."""
    for path in sorted(paths):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            if contents:
                digest.update(path.read_bytes() + b"\0")
