"""The render layer: what the reader sees, made from the analysis' values.

What belongs here: numerals and the book's number formats (``numerals``, ``formatting``), what a
number carries (``numbers``) and how its provenance is written out (``panels``), the claims
ledger's workings in words (``ledger``), glue (``publish``), tables (``tables``), charts (the
``charts`` package, one module per family over a shared ``charts.style``), the scan of the prose
for typed numbers (``prose``) and the bibliography (``bibliography``).

It may import: ``belarus_book.data`` and ``belarus_book.analysis``. Never ``build``.
"""
