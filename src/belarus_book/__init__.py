"""Library behind the executable book *Belarus between Russia and Ukraine since 2021*.

Chapters stay thin: they call this package to load and validate ``data/``, compute
the numbers, format them for prose, publish them with MyST-NB glue and draw charts.
"""

__version__ = "0.1.0"
