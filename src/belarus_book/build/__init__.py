"""The build layer: from the data and the chapters to a published book.

What belongs here: the build (``book``; ``python -m belarus_book.build``), the parallel execution
of the chapters with per-page dependencies (``execution``), publishing a complete book under a
lock and checking it stays as published (``publishing``), the book's Sphinx extension
(``sphinx_ext``), the benchmark (``bench``), citable releases (``release``) and the book's metadata
from ``_config.yml`` (``about``).

It may import every other layer; no other layer imports it.
"""
