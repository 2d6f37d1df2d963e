"""Publish a built book whole, and make sure it stays what was published.

A build holds a lock on its folder, swaps the new HTML in only when it is complete, and records a
hash of every published file, so that the next build can tell a book someone changed or damaged
from one that is up to date.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import html
import json
import os
import re
import shutil
from pathlib import Path

import yaml


class BuildError(RuntimeError):
    """A build step stopped; the message says why and what to do. Nothing was published."""


def publish(built: Path, target: Path) -> None:
    """Swap the new HTML into place; the old book stays until the new one is complete."""
    staged = target.with_name(target.name + ".new")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(built, staged)
    retired = target.with_name(target.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staged.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def write_front_door(built_html: Path, root: Path) -> None:
    """Jupyter Book's root index.html is a bare meta refresh: no doctype, title or language, which
    browsers and screen readers report. Write it as a small valid page that still redirects."""
    index = built_html / "index.html"
    found = re.search(r'url=([^"\s]+)"', index.read_text(encoding="utf-8"))
    if found is None:
        return
    target = html.escape(found.group(1))
    title = html.escape(yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["title"])
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{title}</title>\n<meta http-equiv="Refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n'
        f'<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n',
        encoding="utf-8",
    )


@contextlib.contextmanager
def one_build_at_a_time(root: Path):
    """Hold ``_build/build.lock`` for the whole build: a second build in the same folder stops at
    once, naming the first, instead of both writing to one execution cache."""
    folder = root / "_build"
    try:
        folder.mkdir(exist_ok=True)
        handle = (folder / "build.lock").open("a+", encoding="utf-8")
    except OSError as error:
        raise BuildError(
            f"cannot write to {folder} ({error.strerror}): make it writable, or remove it, and build again. "
            "Nothing was built; the published book, if any, is untouched."
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(
                f"another build (pid {holder}) is running in this folder: wait for it to finish, then build again. "
                "Nothing was changed."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def manifest_path(root: Path) -> Path:
    return root / "_build" / "cache" / "published.json"


def published_hashes(target: Path) -> dict[str, str]:
    """Every file of the published book, by path within it, with its content hash."""
    return {
        str(path.relative_to(target)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }


def manifest_differences(root: Path, target: Path) -> list[str]:
    """How the published book differs from what the last build published (empty if it does not)."""
    path = manifest_path(root)
    if not path.is_file():
        return ["no record of what was published"]
    recorded = json.loads(path.read_text(encoding="utf-8"))
    found = published_hashes(target)
    missing = sorted(set(recorded) - set(found))
    changed = sorted(name for name in recorded.keys() & found.keys() if recorded[name] != found[name])
    added = sorted(set(found) - set(recorded))
    return (
        [f"{name} is missing" for name in missing]
        + [f"{name} was changed" for name in changed]
        + [f"{name} was added" for name in added]
    )
