"""A live preview for authors: serve the built book on 127.0.0.1, rebuild it with the project's
own steps whenever a source file is saved, and reload the open pages by themselves.

The rebuild is the book's build (``python -m belarus_book.build --no-pdf``): data checked first,
only the pages whose recorded inputs changed executed again, the HTML built strictly and
published only when all of it succeeded. So a save that breaks a rule leaves the last good book
served, and the open page shows the build's located message (file, row, column, rule) in a
banner until the next good save. The server and the watcher are the standard library's: the
reload needs no more than a page that asks the server, once a second, which build it shows.
``Ctrl-C`` stops the server and any build under way.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

# What an author edits; generated folders inside them are not watched.
WATCHED = ["data", "chapters", "back", "src", "_config.yml", "_toc.yml"]
IGNORED_PARTS = {"_build", "_notebooks", "_figure_data", "__pycache__", ".ipynb_checkpoints"}
STATE_PATH = "/__preview__/state"
# Asks which build the server shows; reloads on a new good one, shows the message of a failed one.
RELOAD_SCRIPT = f"""<script>
(function () {{
  var shown = null;
  function banner(text) {{
    var box = document.getElementById("bb-preview-error");
    if (!text) {{ if (box) box.remove(); return; }}
    if (!box) {{
      box = document.createElement("pre");
      box.id = "bb-preview-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;bottom:0;left:0;right:0;max-height:40%;overflow:auto;margin:0;" +
        "padding:0.8em;background:#fff3cd;color:#000;border-top:3px solid #b45309;z-index:10000;white-space:pre-wrap";
      document.body.appendChild(box);
    }}
    box.textContent = "The last save did not build; this page is the last good one.\\n\\n" + text;
  }}
  function ask() {{
    fetch("{STATE_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.json(); }}).then(function (state) {{
      if (shown === null) shown = state.good;
      if (state.good !== shown) {{ location.reload(); return; }}
      banner(state.error);
    }}).catch(function () {{}}).finally(function () {{ setTimeout(ask, 1000); }});
  }}
  ask();
}})();
</script>"""


class PreviewState:
    """Which good build the server shows, and the message of the last failed one (None after a good one)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.good = 0
        self.error: str | None = None
        self.building: subprocess.Popen | None = None

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"good": self.good, "error": self.error}).encode()


def _watched_files(root: Path) -> dict[Path, float]:
    """Every watched file with its modification time."""
    found = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else (top.rglob("*") if top.is_dir() else [])
        for path in paths:
            parts = path.relative_to(root).parts
            if (
                path.is_file()
                and not IGNORED_PARTS.intersection(parts)
                and not any(p.endswith(".egg-info") for p in parts)
            ):
                try:
                    found[path] = path.stat().st_mtime_ns
                except FileNotFoundError:  # saved by an editor that replaces the file
                    continue
    return found


def located_message(output: str) -> str:
    """The build's own account of what failed: from its 'BUILD FAILED' line on, else its last lines."""
    lines = output.strip().splitlines()
    for index, line in enumerate(lines):
        if line.startswith("BUILD FAILED"):
            return "\n".join(lines[index:])
    return "\n".join(lines[-20:])


def build_once(root: Path, state: PreviewState) -> bool:
    """Run the book's build on ``root``; record a good build or the failure's message."""
    command = [sys.executable, "-m", "belarus_book.build", "--root", str(root), "--no-pdf"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))}
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    with state.lock:
        state.building = process
    output, _ = process.communicate()
    with state.lock:
        state.building = None
        if process.returncode == 0:
            state.good += 1
            state.error = None
        else:
            state.error = located_message(output)
    seconds = time.monotonic() - started
    if process.returncode == 0:
        print(f"preview: rebuilt in {seconds:.1f} s; open pages reload", flush=True)
    else:
        print(
            f"preview: the build failed after {seconds:.1f} s; the last good book stays served\n{state.error}",
            flush=True,
        )
    return process.returncode == 0


def _handler(site: Path, state: PreviewState):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format, *args):  # the terminal shows builds, not every request
            pass

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self):
            if self.path.split("?")[0] == STATE_PATH:
                return self._send(state.as_json(), "application/json")
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                page = target.read_text(encoding="utf-8")
                page = page.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def watch(root: Path, state: PreviewState, stop: threading.Event, interval: float = 0.5) -> None:
    """Rebuild after each save: a change is acted on once the files have been still for ``interval``."""
    seen = _watched_files(root)
    while not stop.wait(interval):
        if _watched_files(root) == seen:
            continue
        time.sleep(interval)  # let an editor finish writing a set of files (a value and its quote)
        saved = _watched_files(root)
        changed = sorted(str(p.relative_to(root)) for p in set(seen) | set(saved) if seen.get(p) != saved.get(p))
        print(f"preview: {', '.join(changed[:5])} changed; rebuilding", flush=True)
        build_once(root, state)
        seen = _watched_files(root)  # what the build itself wrote is not a save


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--port", type=int, default=8000, help="the local port (0: any free one)")
    arguments = parser.parse_args(argv)
    root = arguments.root.resolve()
    state = PreviewState()
    print("preview: building the book once before serving it", flush=True)
    if not build_once(root, state) and not (root / "_build" / "html" / "index.html").is_file():
        print("preview: there is no good book to serve yet; fix the error above and start again", flush=True)
        return 2
    site = root / "_build" / "html"
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), _handler(site, state))
    except OSError as error:
        print(
            f"preview: cannot serve on port {arguments.port} ({error.strerror}); choose another, as in "
            "`make preview PREVIEW_PORT=8001`",
            file=sys.stderr,
            flush=True,
        )
        return 2
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(root, state, stop), daemon=True)
    watcher.start()
    host, port = server.server_address[:2]
    print(f"preview: serving the book at http://{host}:{port}/ (Ctrl-C stops it)", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        with state.lock:
            building = state.building
        if building is not None and building.poll() is None:
            os.killpg(building.pid, signal.SIGTERM)  # the build and the kernels it started
            building.wait(timeout=30)
        print("preview: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
