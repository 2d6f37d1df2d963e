"""Hand computed values to the chapter's prose through MyST-NB glue.

Only non-empty strings are glued: a blank value would render as nothing, and a NumPy
float with a format spec renders blank under NumPy 2. Both stop the chapter here instead.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from myst_nb import glue


def publish(name: str, text: str) -> str:
    """Glue one pre-formatted value for ``{glue:text}`name``` in the prose; return it."""
    if not isinstance(text, str):
        raise TypeError(f"glue value {name!r} must be a formatted str, got {type(text).__name__}: {text!r}")
    if not text.strip():
        raise ValueError(f"glue value {name!r} is blank")
    glue(name, text, display=False)
    return text


def publish_many(values: dict[str, str]) -> None:
    for name, text in values.items():
        publish(name, text)


def publish_figure(name: str, figure: plt.Figure) -> None:
    """Glue a chart for a ``{glue:figure}`` directive and close it so it is not shown twice."""
    glue(name, figure, display=False)
    plt.close(figure)
