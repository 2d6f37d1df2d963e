"""Make a citable release: a versioned archive with checksums, and a changelog of every number
that changed since the previous release.

    python -m belarus_book.build.release              (make release)
    python -m belarus_book.build.release --citation   (rewrite CITATION.cff from _config.yml)

A release is made from a clean git tree only. It exports the commit (git archive), builds the
book from clean there (strictly, HTML and PDF), and writes ``dist/<name>-<version>/``:
    book-html.zip        the HTML site
    book.pdf             the reader's PDF (book-audit.pdf: the audit PDF; book.epub: the EPUB)
    data-package.zip     datapackage.json, every CSV (evidence included), the data licence
    numbers.csv          every generated number (and numbers.schema.json)
    notebooks.zip        every page that computes something, as a Jupyter notebook
    CITATION.cff, CHANGELOG.md
    SHA256SUMS
The data package's zip is written with fixed timestamps and order, so two releases of the same
commit give the same checksums for it and for numbers.csv.

It then adds this version's section to CHANGELOG.md (every number whose text differs from the
previous release's ``releases/numbers.csv``, with why: a data row it rests on changed, or the
code did; and every claim whose status changed), writes ``releases/numbers.csv``, commits both
as "Release <version>" and tags the commit ``v<version>``. Run again on that commit, it rebuilds
the same archive and leaves the history alone.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ..data.paths import PROJECT_ROOT
from . import about, editions

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build's clock in the archive
RELEASED_NUMBERS = Path("releases") / "numbers.csv"


class ReleaseError(RuntimeError):
    pass


def git(root: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def deterministic_zip(target: Path, files: dict[str, Path]) -> None:
    """A zip whose bytes depend only on the files' names and contents."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name].read_bytes(), compresslevel=9)


def _tree(folder: Path, prefix: str = "") -> dict[str, Path]:
    return {prefix + str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def read_numbers(text: str) -> dict[tuple[str, str], dict]:
    return {(row["page"], row["name"]): row for row in csv.DictReader(io.StringIO(text))}


def _rows(text: str) -> dict[str, dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {row[next(iter(row))]: row for row in rows} if rows else {}


def changelog_section(
    version: str, date: str, previous: str | None, old_numbers: str | None, new_numbers: str, old_data, new_data
) -> str:
    """This release's section of CHANGELOG.md. ``old_data``/``new_data`` read a data file's text by name."""
    lines = [f"## {version} ({date})", ""]
    if previous is None or old_numbers is None:
        count = len(read_numbers(new_numbers))
        lines += [f"The first release: {count} generated numbers, listed in numbers.csv.", ""]
        return "\n".join(lines) + "\n"
    old, new = read_numbers(old_numbers), read_numbers(new_numbers)
    changed = []
    for key in sorted(set(old) | set(new), key=lambda k: (list(new) + list(old)).index(k)):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and before["text"] == after["text"]:
            continue
        why = (
            "a new number"
            if before is None
            else "removed"
            if after is None
            else _why(before, after, old_data, new_data)
        )
        was, now = (before or {}).get("text", "—"), (after or {}).get("text", "—")
        changed.append(f"| {key[0]} | `{key[1]}` | {was} | {now} | {why} |")
    lines.append(f"Numbers whose text changed since {previous}:")
    lines.append("")
    if changed:
        lines += ["| page | name | was | now | why |", "| --- | --- | --- | --- | --- |", *changed]
    else:
        lines.append("None.")
    lines.append("")
    old_claims, new_claims = _rows(old_data("claims.csv")), _rows(new_data("claims.csv"))
    statuses = [
        f"| {claim_id} | {old_claims[claim_id]['status'] if claim_id in old_claims else '—'} | {row['status']} |"
        for claim_id, row in new_claims.items()
        if old_claims.get(claim_id, {}).get("status") != row["status"]
    ]
    lines.append(f"Claims whose status changed since {previous}:")
    lines.append("")
    lines += ["| claim | was | now |", "| --- | --- | --- |", *statuses] if statuses else ["None."]
    return "\n".join(lines) + "\n\n"


def _why(before: dict, after: dict, old_data, new_data) -> str:
    """A data row the number rests on changed (named), or else the code did."""
    changed_rows = []
    for ref in dict.fromkeys(before["record_ids"].split() + after["record_ids"].split()):
        resource, record_id = ref.split(":", 1)
        if resource.endswith(".json"):
            continue
        if _rows(old_data(f"{resource}.csv")).get(record_id) != _rows(new_data(f"{resource}.csv")).get(record_id):
            changed_rows.append(f"{resource} {record_id}")
    return "data row changed: " + ", ".join(changed_rows) if changed_rows else "the code changed"


def _previous_release(root: Path, version: str) -> str | None:
    tags = [t for t in git(root, "tag", "--list", "v*", "--sort=-v:refname").split() if t != f"v{version}"]
    return tags[0] if tags else None


def _show(root: Path, revision: str, path: str) -> str:
    return git(root, "show", f"{revision}:{path}", check=False)


def make_release(root: Path = PROJECT_ROOT, pdf: bool = True) -> Path:
    root = Path(root).resolve()
    dirty = git(root, "status", "--porcelain")
    if dirty.strip():
        raise ReleaseError("the working tree has uncommitted changes; commit or stash them first:\n" + dirty)
    book = about.load(root)
    tag = f"v{book.version}"
    head = git(root, "rev-parse", "HEAD").strip()
    tagged = git(root, "rev-list", "-n", "1", tag, check=False).strip()
    if tagged and tagged != head:
        raise ReleaseError(f"{tag} was released from another commit ({tagged[:12]}); raise book.version in _config.yml")
    dist = root / "dist" / f"{book.slug}-{book.version}"
    with tempfile.TemporaryDirectory(prefix="belarus-book-release-") as folder:
        export = Path(folder) / "book"
        export.mkdir()
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=root, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(export)], input=archive.stdout, check=True)
        print(f"building {book.title} {book.version} from clean (commit {head[:12]}) ...", flush=True)
        env = {**os.environ, "PYTHONPATH": str(export / "src")}
        command = [sys.executable, "-m", "belarus_book.build", "--root", str(export)] + ([] if pdf else ["--no-pdf"])
        built = subprocess.run(command, cwd=export, env=env, capture_output=True, text=True)
        if built.returncode != 0:
            raise ReleaseError("the build failed; nothing was released:\n" + (built.stdout + built.stderr)[-3000:])
        html = export / "_build" / "html"
        shutil.rmtree(dist, ignore_errors=True)
        dist.mkdir(parents=True)
        shutil.make_archive(str(dist / "book-html"), "zip", html)
        if pdf:
            for edition in editions.PUBLISHED:  # the reader's PDF, the audit PDF and the EPUB
                shutil.copy2(html / edition, dist / edition)
        data_files = _tree(export / "data", "data/")
        data_files["LICENSE-DATA"] = export / "LICENSE-DATA"
        deterministic_zip(dist / "data-package.zip", data_files)
        shutil.copy2(html / "numbers.csv", dist / "numbers.csv")
        shutil.copy2(html / "numbers.schema.json", dist / "numbers.schema.json")
        notebooks = {}
        for folder_name in ("chapters", "back"):
            notebooks.update(_tree(export / folder_name / "_notebooks", f"{folder_name}/"))
        deterministic_zip(dist / "notebooks.zip", notebooks)
        shutil.copy2(export / "CITATION.cff", dist / "CITATION.cff")
        new_numbers = (html / "numbers.csv").read_text(encoding="utf-8")

    previous = _previous_release(root, book.version)
    already = tagged == head
    changelog = root / "CHANGELOG.md"
    if not already:
        section = changelog_section(
            book.version,
            book.date_released,
            previous,
            _show(root, previous, RELEASED_NUMBERS.as_posix()) if previous else None,
            new_numbers,
            (lambda name: _show(root, previous, f"data/{name}")) if previous else None,
            lambda name: (root / "data" / name).read_text(encoding="utf-8"),
        )
        head_text = (
            "# Changelog\n\nEach release lists the generated numbers whose text changed "
            "and the claims whose status changed.\n\n"
        )
        body = changelog.read_text(encoding="utf-8").removeprefix(head_text) if changelog.is_file() else ""
        changelog.write_text(head_text + section + body, encoding="utf-8")
        (root / RELEASED_NUMBERS).parent.mkdir(exist_ok=True)
        (root / RELEASED_NUMBERS).write_text(new_numbers, encoding="utf-8")
        git(root, "add", "CHANGELOG.md", RELEASED_NUMBERS.as_posix())
        git(root, "commit", "-q", "-m", f"Release {book.version}")
        git(root, "tag", tag)
    shutil.copy2(changelog, dist / "CHANGELOG.md")
    sums = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}"
        for path in sorted(dist.iterdir())
        if path.name != "SHA256SUMS"
    ]
    (dist / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return dist


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--no-pdf", action="store_true", help="leave the PDF out (for tests of the archive)")
    parser.add_argument(
        "--citation", action="store_true", help="rewrite CITATION.cff from _config.yml; release nothing"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.citation:
        from ..data import datapackage

        text = about.citation_cff(about.load(root), datapackage.load(root / "data").sources)
        (root / "CITATION.cff").write_text(text, encoding="utf-8")
        print(f"wrote {root / 'CITATION.cff'}")
        return 0
    try:
        dist = make_release(root, pdf=not args.no_pdf)
    except ReleaseError as error:
        print(f"\nRELEASE STOPPED: {error}", file=sys.stderr)
        return 2
    print(f"\nreleased into {dist}:")
    print((dist / "SHA256SUMS").read_text(encoding="utf-8"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
