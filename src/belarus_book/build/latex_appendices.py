"""The PDFs' back matter as appendices: the table of contents' last caption ("Appendices") is a
numbered part in Sphinx's LaTeX, with a page of its own; here it becomes LaTeX's ``\\appendix``,
so the pages after it are lettered (Appendix A, B, ...) under one unnumbered heading in the
contents. The LaTeX file is edited when Sphinx has written it, before Jupyter Book runs xelatex.

The bibliography's list prints inside the "Bibliography" appendix (the last page of the table of
contents) instead of as a chapter of its own after it: see the preamble in ``_config.yml``.
"""

from __future__ import annotations

from pathlib import Path

CAPTION = "Appendices"
PART = f"\\part{{{CAPTION}}}"
APPENDIX = f"\\clearpage\\appendix\\phantomsection\\addcontentsline{{toc}}{{part}}{{{CAPTION}}}"


def appendices(tex: str) -> str:
    """``tex`` with the appendices' part heading replaced; a book without it is an error."""
    if tex.count(PART) != 1:
        raise ValueError(f"the LaTeX file has {tex.count(PART)} part headings {PART!r}; one was expected")
    return tex.replace(PART, APPENDIX)


def _edit(app, exception) -> None:
    if exception is not None or app.builder.name != "latex":
        return
    for _, target, *_ in app.config.latex_documents:
        path = Path(app.outdir) / target
        path.write_text(appendices(path.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app):
    app.connect("build-finished", _edit)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
