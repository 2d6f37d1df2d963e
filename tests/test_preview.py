"""The live preview as an author meets it: `make preview`'s server on a free local port shows the
new number after a consistent one-value edit (the value and its quote changed together), keeps
the last good page and shows the located error after an inconsistent one, and stops on Ctrl-C
with no process left behind."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from belarus_book.build import bench

from .conftest import copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _processes_naming(folder: Path) -> list[int]:
    """Processes whose command line names the folder (the preview, its builds, their kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(folder) in command:
                found.append(int(entry.name))
    return found


def test_the_preview_shows_a_new_number_keeps_the_last_good_page_on_an_error_and_stops_on_ctrl_c(
    built_project,
    tmp_path,
    browser,
):
    root = copy_project(tmp_path / "book", with_build=built_project).resolve()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "belarus_book.build.preview", "--root", str(root), "--port", str(port)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    said: list[str] = []

    def serving():
        while not lines.empty():
            said.append(lines.get())
        return any("serving the book at" in line for line in said)

    base = f"http://127.0.0.1:{port}"
    page = f"{base}/chapters/economy.html"
    tab = None
    try:
        _wait_for(serving, 600, "the preview to serve")
        before = _get(page)
        assert "41.9%" in before and "/__preview__/state" in before
        state = json.loads(_get(f"{base}/__preview__/state"))
        assert state["error"] is None
        # An open page, which the test never reloads: the page must reload itself.
        tab = browser.new_page()
        tab.goto(page, wait_until="load")
        assert "41.9%" in tab.inner_text("article")

        bench.edit_one_value(root)  # 41.87 becomes 43.21, in the data and in the quote
        _wait_for(lambda: json.loads(_get(f"{base}/__preview__/state"))["good"] > state["good"], 600, "a rebuild")
        after = _get(page)
        assert "43.2%" in after and "41.9%" not in after
        _wait_for(lambda: "43.2%" in tab.inner_text("article"), 30, "the open page to reload itself")

        bench._edit(root, "data/trade_shares.csv", ",43.21,percent,", ",44.44,percent,")  # the quote still says 43,21
        failed = _wait_for(
            lambda: json.loads(_get(f"{base}/__preview__/state"))["error"], 600, "the failed build's message"
        )
        assert "evidence.csv" in failed and "row" in failed and "rule" in failed, failed
        kept = _get(page)
        assert "43.2%" in kept and "44.4%" not in kept
        tab.wait_for_selector("#bb-preview-error", timeout=30_000)
        assert "evidence.csv" in tab.inner_text("#bb-preview-error")
        assert "43.2%" in tab.inner_text("article")
    finally:
        if tab is not None:
            tab.close()
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=120)
    assert code == 0, "".join(said)
    _wait_for(lambda: not _processes_naming(root), 30, "every process of the preview to end")
