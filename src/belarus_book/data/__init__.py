"""The data layer: ``data/`` read, judged against its rules, and handed out traced to its rows.

What belongs here: the paths of the project (``paths``), the data package's loader
(``datapackage``), its rules (``validation``, with ``checks``, those beyond the schema), the
evidence check (``evidence``) with the reader of figures in the sources' languages (``figures``),
what a problem is (``problems``), the provenance of every value read (``provenance``), the record
of what a page read (``dependencies``), and the one file-hashing helper (``fingerprint``), which
the remembered validation needs as well as the build.

It may import: nothing of the book's other layers. Every other layer imports it.
"""
