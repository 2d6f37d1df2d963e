"""Library behind the executable book *Belarus between Russia and Ukraine since 2021*.

Chapters stay thin: they call this package to load and validate ``data/``, compute
the numbers, format them for prose, publish them with MyST-NB glue and draw charts.
"""

from pathlib import Path as _Path


def _version() -> str:
    """The book's version, from _config.yml (the one place it is written; see ``about``)."""
    import yaml

    config = _Path(__file__).resolve().parents[2] / "_config.yml"
    try:
        return str(yaml.safe_load(config.read_text(encoding="utf-8"))["book"]["version"])
    except (OSError, KeyError, TypeError):
        return "0+unknown"


__version__ = _version()
